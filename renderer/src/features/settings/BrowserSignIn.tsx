import { useEffect, useState } from 'react';
import { api } from '../../lib/api';

/** The desktop shell opens sign-in pages in the system browser itself; a browser tab on the web host opens its own. */
const OPENS_ITS_OWN = window.inflow === undefined;

export interface BrowserSignInProps {
  /** "QuickBooks", "Google", "Microsoft 365". */
  provider: string;
  /** Whom Inflow is signed in as now ("Acme Ltd", "ar@acme.example"), or null. */
  connectedAs: string | null;
  /** The provider no longer accepts the stored sign-in. */
  reconnect: boolean;
  /** The button before the first sign-in: "Connect", "Sign in with Google". */
  connectLabel: string;
  /** Saves the form, then signs in; resolves to whom Inflow is now signed in as. */
  signIn: () => Promise<string>;
  run: (work: () => Promise<string>) => Promise<unknown>;
  testId: string;
}

/**
 * An OAuth sign-in in the user's browser (QuickBooks, the mailbox's Google or Microsoft 365): the
 * button saves and waits while the user signs in there; the core hears the provider's redirect on
 * its loopback address and keeps the tokens. The page's link is offered again in case the tab was lost.
 */
export function BrowserSignIn({ provider, connectedAs, reconnect, connectLabel, signIn, run, testId }: BrowserSignInProps) {
  const [waiting, setWaiting] = useState(false);
  const [signInUrl, setSignInUrl] = useState<string | null>(null);
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type !== 'browser.open' || !OPENS_ITS_OWN) return;
        setSignInUrl(event.url);
        window.open(event.url, '_blank', 'noopener,noreferrer');
      }),
    [],
  );
  const start = (): void => {
    setWaiting(true);
    void run(async () => {
      try {
        return `Connected to ${await signIn()}`;
      } finally {
        setWaiting(false);
        setSignInUrl(null);
      }
    });
  };
  return (
    <div className="browser-sign-in" data-testid={testId}>
      <button type="button" className="button primary" disabled={waiting} onClick={start}>
        {reconnect ? `Reconnect ${provider}` : connectedAs ? 'Sign in again' : connectLabel}
      </button>
      <span className="muted" role="status">
        {waiting
          ? `Waiting for you to sign in to ${provider} in your browser…`
          : reconnect
            ? `${provider} no longer accepts Inflow’s sign-in: reconnect to keep going.`
            : connectedAs
              ? `Connected to ${connectedAs}`
              : 'Not connected yet'}
      </span>
      {waiting && signInUrl && (
        <a href={signInUrl} target="_blank" rel="noreferrer">
          Open the {provider} sign-in page
        </a>
      )}
    </div>
  );
}
