import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import type { BatchJournal } from '../ledger/batch-journal';
import { readTeamState } from './team-state';

/**
 * A joined desk keeps each ledger batch it writes (the ERP sync's pages, a folder or file import) for
 * the team, in the batch's own transaction: a crash keeps both or neither, and push-ledger.ts sends
 * them in order. A solo desk keeps nothing.
 */
export const teamBatchJournal =
  (sqlite: SqliteDb): BatchJournal =>
  (batch, today, now) => {
    if (!readTeamState(sqlite)?.joined) return;
    prepareCached(sqlite, 'INSERT INTO team_ledger_outbox (source, today, batch, created_at) VALUES (?, ?, ?, ?)').run(
      batch.source,
      today,
      JSON.stringify(batch),
      now,
    );
  };
