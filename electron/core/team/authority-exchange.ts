import type pg from 'pg';
import { teamAuthoritySchema, type TeamAuthority } from '../../../shared/team-authority';
import type { SqliteDb } from '../../db/sqlite';
import { log, safeError } from '../../log/log';
import { getSetting, setSetting } from '../settings';
import { decidedRequests, fileRequests, settleRequest, type Decided } from './approval-requests';

/**
 * Records an approved action on this desk, synchronously inside the caller's transaction: the
 * procedure's own handler, past the authority guard (a manager approved it). Injected where the
 * core opens, since those handlers sit above this folder.
 */
export type RunApproved = (procedure: string, input: unknown) => void;

/** This desk's role and the team's limits as the server has them now. */
export async function readAuthority(pool: pg.Pool): Promise<TeamAuthority> {
  const { rows } = await pool.query<{ role: string; limits: unknown }>(
    'SELECT team_role_of(current_user) AS role, (SELECT limits FROM team_limits WHERE id = 1) AS limits',
  );
  return teamAuthoritySchema.parse(rows[0]);
}

/** Kept on the desk so it knows its limits offline; written only when it changed (every write is audited). */
export function keepAuthority(sqlite: SqliteDb, authority: TeamAuthority, now: string): void {
  if (JSON.stringify(getSetting(sqlite, 'teamAuthority')) !== JSON.stringify(authority)) setSetting(sqlite, 'teamAuthority', authority, now);
}

/**
 * The authority part of an exchange: refresh the limits, file this desk's new requests, and act on
 * the ones a manager decided: an approved action is recorded as it was asked, a declined one is
 * not, and either way a note on the customer's timeline says who decided (it reaches every desk).
 */
export async function exchangeAuthority(pool: pg.Pool, sqlite: SqliteDb, deskId: string, collector: string, run: RunApproved, now: string): Promise<void> {
  keepAuthority(sqlite, await readAuthority(pool), now);
  await fileRequests(pool, sqlite, deskId, collector);
  for (const decided of await decidedRequests(pool, sqlite)) settle(sqlite, decided, run, now);
}

function settle(sqlite: SqliteDb, decided: Decided, run: RunApproved, now: string): void {
  const who = `${decided.status === 'approved' ? 'Approved' : 'Declined'} by ${decided.decider}: ${decided.summary}${decided.note ? ` (${decided.note})` : ''}`;
  try {
    sqlite.transaction(() => {
      if (decided.status === 'approved') run(decided.procedure, JSON.parse(decided.input));
      run('activity.addNote', { customerId: decided.customerId, text: who });
      settleRequest(sqlite, decided, now);
    })();
  } catch (error) {
    // Approved, but the book moved on (the invoice was paid, the promise date passed): say so, once.
    log.warn('team.approval.unrecorded', { requestId: decided.id, ...safeError(error) });
    sqlite.transaction(() => {
      run('activity.addNote', { customerId: decided.customerId, text: `${who}. Not recorded: ${error instanceof Error ? error.message : String(error)}` });
      settleRequest(sqlite, decided, now);
    })();
  }
}
