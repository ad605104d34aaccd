import { useEffect, useState } from 'react';
import type { OAuthStatus } from '../../../../shared/sync';
import { api, call } from '../../lib/api';

/** The desktop shell opens sign-in pages in the system browser itself; a browser tab on the web host opens its own. */
const OPENS_ITS_OWN = window.inflow === undefined;

/**
 * QuickBooks' sign-in: "Connect" saves the connection, then waits while the user signs in at Intuit
 * in their browser; the core hears Intuit's redirect on its loopback address and stores the tokens.
 */
export function QboSignIn({ oauth, save, run }: { oauth: OAuthStatus | null; save: () => Promise<unknown>; run: (work: () => Promise<string>) => Promise<void> }) {
  const [waiting, setWaiting] = useState(false);
  const [signInUrl, setSignInUrl] = useState<string | null>(null);
  useEffect(() => api.onEvent((event) => {
    if (event.type !== 'browser.open' || !OPENS_ITS_OWN) return;
    setSignInUrl(event.url);
    window.open(event.url, '_blank', 'noopener,noreferrer');
  }), []);
  const connect = (): void => {
    setWaiting(true);
    void run(async () => {
      try {
        await save();
        return `Connected to ${(await call('sync.qbo.connect', {})).connectedAs}`;
      } finally {
        setWaiting(false);
        setSignInUrl(null);
      }
    });
  };
  return (
    <div className="qbo-sign-in" data-testid="qbo-sign-in">
      <button type="button" className="button primary" disabled={waiting} onClick={connect}>
        {oauth?.reconnect ? 'Reconnect QuickBooks' : oauth?.connectedAs ? 'Sign in again' : 'Connect'}
      </button>
      <span className="muted" role="status">
        {waiting ? 'Waiting for you to sign in to QuickBooks in your browser…'
          : oauth?.reconnect ? 'QuickBooks no longer accepts Inflow’s sign-in: reconnect to keep syncing.'
            : oauth?.connectedAs ? `Connected to ${oauth.connectedAs}` : 'Not connected yet'}
      </span>
      {waiting && signInUrl && <a href={signInUrl} target="_blank" rel="noreferrer">Open the QuickBooks sign-in page</a>}
    </div>
  );
}
