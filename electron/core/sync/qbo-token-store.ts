import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../db/sqlite';
import { getSetting, setSetting } from '../settings';
import type { QboTokens } from '../../../shared/qbo-tokens';

/** Where the QuickBooks client reads the tokens and keeps each rotated refresh token at once. */
export interface QboTokenStore {
  read(): QboTokens | null;
  save(tokens: QboTokens): void;
}

export function settingsTokenStore(sqlite: SqliteDb, now: () => string): QboTokenStore {
  return {
    read: () => getSetting(sqlite, 'qboTokens'),
    save: (tokens) => setSetting(sqlite, 'qboTokens', tokens, now()),
  };
}

/**
 * A refresh token from a sign-in done elsewhere (the CLI's environment). The same token given again
 * (a script run twice) is ignored, since storing it would undo the rotation Intuit did since. Another
 * company starts its sync from the beginning.
 */
export function storeGivenTokens(sqlite: SqliteDb, refreshToken: string, realmId: string, now: string): void {
  const stored = getSetting(sqlite, 'qboTokens');
  const seed = createHash('sha256').update(refreshToken).digest('hex');
  const sameCompany = stored?.realmId === realmId;
  if (sameCompany && stored.seed === seed && stored.refreshToken !== '') return;
  setSetting(
    sqlite,
    'qboTokens',
    {
      realmId,
      accessToken: '',
      refreshToken,
      accessTokenExpiresAt: new Date(0).toISOString(),
      companyName: sameCompany ? stored.companyName : '',
      seed,
    },
    now,
  );
  if (!sameCompany) sqlite.prepare("DELETE FROM sync_cursors WHERE connector = 'qbo'").run();
}
