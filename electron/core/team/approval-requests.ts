import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import type { ApprovalKind, ApprovalRequest, ApprovalStatus } from '../../../shared/team-authority';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { customerKey } from './team-keys';

/** An action held for a manager, as the desk that asked keeps it (team_requests). */
export interface HeldAction {
  kind: ApprovalKind;
  customerId: number;
  /** Without "asked by …": the server adds who asked. */
  summary: string;
  /** The procedure and its parsed input that record the action once it is approved. */
  procedure: string;
  input: unknown;
}

/** Keeps the request on this desk first, so asking works offline; it reaches the server at the next exchange. */
export function keepRequest(sqlite: SqliteDb, held: HeldAction, now: string): number {
  return Number(
    sqlite
      .prepare('INSERT INTO team_requests (kind, customer_id, summary, procedure, input, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(held.kind, held.customerId, held.summary, held.procedure, JSON.stringify(held.input), now).lastInsertRowid,
  );
}

type UnfiledRow = ColumnsRow<'team_requests', 'id' | 'kind' | 'customer_id' | 'summary'>;

/**
 * Files this desk's requests not on the server yet. (desk, local id) is unique there, so a request
 * filed by an exchange cut short is found again, not doubled. The server records who asked as the
 * database role signed in (row-level security refuses any other name).
 */
export async function fileRequests(pool: pg.Pool, sqlite: SqliteDb, deskId: string, collector: string): Promise<number> {
  const rows = sqlite
    .prepare('SELECT id, kind, customer_id AS customerId, summary FROM team_requests WHERE server_id IS NULL ORDER BY id')
    .all() as UnfiledRow[];
  for (const row of rows) {
    const key = customerKey(sqlite, row.customerId);
    const name = (sqlite.prepare('SELECT name FROM customers WHERE id = ?').get(row.customerId) as ColumnsRow<'customers', 'name'> | undefined)?.name;
    if (!key || !name) continue;
    await pool.query(
      `INSERT INTO team_approvals (desk_id, local_id, collector, kind, customer_key, customer_name, summary)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (desk_id, local_id) DO NOTHING`,
      [deskId, row.id, collector, row.kind, key, name, `${row.summary}, asked by ${collector}`],
    );
    const { rows: filed } = await pool.query<{ id: string }>('SELECT id FROM team_approvals WHERE desk_id = $1 AND local_id = $2', [deskId, row.id]);
    sqlite.prepare('UPDATE team_requests SET server_id = ? WHERE id = ?').run(Number(filed[0]!.id), row.id);
  }
  return rows.length;
}

interface ApprovalRow {
  id: string;
  desk_id: string;
  kind: ApprovalKind;
  customer_name: string;
  collector: string;
  summary: string;
  requested_at: Date;
  status: ApprovalStatus;
  decider: string | null;
  decided_at: Date | null;
  note: string | null;
}

const COLUMNS = 'id, desk_id, kind, customer_name, collector, summary, requested_at, status, decider, decided_at, note';

const toRequest = (row: ApprovalRow, deskId: string): ApprovalRequest => ({
  id: Number(row.id),
  kind: row.kind,
  summary: row.summary,
  customerName: row.customer_name,
  collector: row.collector,
  requestedAt: row.requested_at.toISOString(),
  status: row.status,
  decidedBy: row.decider,
  decidedAt: row.decided_at?.toISOString() ?? null,
  note: row.note,
  mine: row.desk_id === deskId,
});

/** What waits for a manager, and this desk's own requests however they ended, newest first. */
export async function listApprovals(pool: pg.Pool, deskId: string): Promise<ApprovalRequest[]> {
  const { rows } = await pool.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM team_approvals
    WHERE status = 'pending' OR desk_id = $1 ORDER BY id DESC LIMIT 500`,
    [deskId],
  );
  return rows.map((row) => toRequest(row, deskId));
}

/**
 * A manager's decision. The server checks it (row-level security): a member who is no manager, or
 * a manager deciding their own request, is refused there whatever this desk does.
 */
export async function decideApproval(
  pool: pg.Pool,
  deskId: string,
  decider: string,
  input: { id: number; decision: 'approve' | 'decline'; note: string },
): Promise<ApprovalRequest> {
  const { rows } = await pool.query<ApprovalRow>(
    `UPDATE team_approvals SET status = $2, decided_by = current_user, decider = $3, decided_at = now(), note = $4
    WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
    [input.id, input.decision === 'approve' ? 'approved' : 'declined', decider, input.note || null],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', `No request ${input.id} waits for a decision: it was decided already, or never filed.`);
  return toRequest(rows[0], deskId);
}

/** Read WHERE server_id IS NOT NULL: filed, so it has its server's id. */
type OpenRow = ColumnsRow<'team_requests', 'id' | 'customer_id' | 'summary' | 'procedure' | 'input'> & { serverId: number };

/** A decided request as the asking desk acts on it. */
export interface Decided extends OpenRow {
  status: 'approved' | 'declined';
  decider: string;
  note: string | null;
}

/** This desk's filed requests that a manager decided and that were not acted on here yet. */
export async function decidedRequests(pool: pg.Pool, sqlite: SqliteDb): Promise<Decided[]> {
  const open = sqlite
    .prepare(
      `SELECT id, server_id AS serverId, customer_id AS customerId, summary, procedure, input FROM team_requests
    WHERE server_id IS NOT NULL AND settled_at IS NULL`,
    )
    .all() as OpenRow[];
  if (open.length === 0) return [];
  const { rows } = await pool.query<{ id: string; status: 'approved' | 'declined'; decider: string | null; decided_at: Date; note: string | null }>(
    "SELECT id, status, decider, decided_at, note FROM team_approvals WHERE id = ANY($1::bigint[]) AND status <> 'pending'",
    [open.map((row) => row.serverId)],
  );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return open.flatMap((row) => {
    const decided = byId.get(row.serverId);
    return decided ? [{ ...row, status: decided.status, decider: decided.decider ?? 'a manager', note: decided.note }] : [];
  });
}

/** The outcome is acted on: recorded with who decided, never acted on twice. */
export function settleRequest(sqlite: SqliteDb, decided: Decided, now: string): void {
  sqlite
    .prepare('UPDATE team_requests SET status = ?, decided_by = ?, decided_at = ?, note = ?, settled_at = ? WHERE id = ?')
    .run(decided.status, decided.decider, now, decided.note, now, decided.id);
}
