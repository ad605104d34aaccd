import type { SqliteDb } from '../../db/sqlite';
import { getSetting, setSetting } from '../settings';
import type { QboTokens } from './qbo-tokens';

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
