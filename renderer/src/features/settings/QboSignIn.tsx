import type { OAuthStatus } from '../../../../shared/sync';
import { call } from '../../lib/api';
import { BrowserSignIn } from './BrowserSignIn';

/**
 * QuickBooks' sign-in: "Connect" saves the connection, then waits while the user signs in at Intuit
 * in their browser; the core hears Intuit's redirect on its loopback address and stores the tokens.
 */
export function QboSignIn({
  oauth,
  save,
  run,
}: {
  oauth: OAuthStatus | null;
  save: () => Promise<unknown>;
  run: (work: () => Promise<string>) => Promise<void>;
}) {
  return (
    <BrowserSignIn
      provider="QuickBooks"
      connectLabel="Connect"
      connectedAs={oauth?.connectedAs ?? null}
      reconnect={oauth?.reconnect ?? false}
      run={run}
      testId="qbo-sign-in"
      signIn={async () => {
        await save();
        return (await call('sync.qbo.connect', {})).connectedAs;
      }}
    />
  );
}
