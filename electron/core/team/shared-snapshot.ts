import type pg from 'pg';
import type { SqliteDb } from '../../db/sqlite';
import { applyChange } from './apply-change';
import { fetchChanges } from './pull-changes';
import { objectParts, type PartRows } from './snapshot-part';
import { activityKey } from './team-keys';

/*
 * The team's shared activities in a snapshot, as of team_changes position `through`, so a new desk
 * pulls only the changes after it. A desk that had replayed every change holds what the others
 * published as apply-change.ts wrote it; the leader holds those rows too (with the ledger's ids,
 * which a desk loading the snapshot keeps), but its own actions in its own form (its sends as real
 * messages, its entries by 'collector'). So the snapshot carries the others' rows as they are, and
 * names the changes the new desk applies itself: the leader's own, the others' that act on one of
 * those (a cancel, a resolve, an edit), the latest snooze of each customer (one row per
 * customer, which the leader's own would otherwise overwrite out of order), and every team-wide
 * change (settings, policies, templates: not in the snapshot's tables).
 */

/** The changes a desk loading the snapshot applies itself, and what of the leader's rows they stand for. */
export interface Replay {
  seqs: number[];
  /** The timeline entries (by team key) those changes make: the leader's copies are left out. */
  activityKeys: Set<string>;
  /** Their (origin desk, origin id): the leader's team_applied rows for them are left out. */
  origins: Set<string>;
}

interface Candidate {
  seq: string;
  desk_id: string;
  local_id: string;
  action: string;
  record_key: string;
  customer_key: string | null;
  kind: string | null;
  target: string | null;
}

const deskOf = (key: string | null): string | null => {
  const parsed = key ? (JSON.parse(key) as unknown[]) : [];
  return typeof parsed[1] === 'string' ? parsed[1] : null;
};
const origin = (desk: string, localId: number | string): string => `${desk}|${localId}`;

/** Which changes up to `through` the new desk applies itself (see above), in server order. */
export async function replayOf(pool: pg.Pool, leader: string, through: number): Promise<Replay> {
  const { rows } = await pool.query<Candidate>(
    `SELECT seq, desk_id, local_id, action, record_key, customer_key, payload->>'kind' AS kind, payload->'rows'->>'target' AS target
    FROM team_changes WHERE seq <= $1 AND (desk_id = $2 OR customer_key IS NULL OR action <> 'create' OR payload->'rows' ? 'target' OR payload->>'kind' = 'snooze')
    ORDER BY seq`,
    [through, leader],
  );
  const latestSnooze = new Map<string | null, string>();
  for (const row of rows) if (row.kind === 'snooze' && row.action === 'create') latestSnooze.set(row.customer_key, row.seq);
  const replay: Replay = { seqs: [], activityKeys: new Set(), origins: new Set() };
  for (const row of rows) {
    const chosen =
      row.desk_id === leader ||
      // Team settings, policies and templates live outside the snapshot's tables: each is applied.
      row.customer_key === null ||
      deskOf(row.target) === leader ||
      (row.action !== 'create' && (deskOf(row.record_key) === leader || replay.activityKeys.has(row.record_key))) ||
      latestSnooze.get(row.customer_key) === row.seq;
    if (!chosen) continue;
    replay.seqs.push(Number(row.seq));
    replay.activityKeys.add(activityKey(row.desk_id, Number(row.local_id)));
    replay.origins.add(origin(row.desk_id, row.local_id));
  }
  return replay;
}

/** Rows bound to a key another desk made; `?` is the leader. */
const othersBound = (entity: string, alias: string, column = 'id') =>
  `JOIN team_records r ON r.entity = '${entity}' AND r.local_id = ${alias}.${column} AND json_extract(r.record_key, '$[1]') IS NOT ?`;

/** The shared tables, parents first, each with the rows of it the snapshot carries. */
const SHARED: readonly { table: string; select: string; byLeader: boolean }[] = [
  { table: 'activities', select: `SELECT a.*, r.record_key AS _key FROM activities a ${othersBound('activity', 'a')}`, byLeader: true },
  // A write-off belongs to its timeline entry (apply-rows.ts): it travels, or is made again, with it.
  {
    table: 'write_offs',
    select: `SELECT w.*, r.record_key AS _key FROM write_offs w JOIN activities a ON a.id = w.activity_id ${othersBound('activity', 'a')}`,
    byLeader: true,
  },
  { table: 'promises', select: `SELECT p.* FROM promises p ${othersBound('promise', 'p')}`, byLeader: true },
  { table: 'promise_invoices', select: `SELECT l.* FROM promise_invoices l ${othersBound('promise', 'l', 'promise_id')}`, byLeader: true },
  { table: 'disputes', select: `SELECT d.* FROM disputes d ${othersBound('dispute', 'd')}`, byLeader: true },
  { table: 'dispute_invoices', select: `SELECT l.* FROM dispute_invoices l ${othersBound('dispute', 'l', 'dispute_id')}`, byLeader: true },
  { table: 'payment_plans', select: `SELECT p.* FROM payment_plans p ${othersBound('payment_plan', 'p')}`, byLeader: true },
  { table: 'plan_installments', select: `SELECT i.* FROM plan_installments i ${othersBound('payment_plan', 'i', 'plan_id')}`, byLeader: true },
  { table: 'plan_invoices', select: `SELECT l.* FROM plan_invoices l ${othersBound('payment_plan', 'l', 'plan_id')}`, byLeader: true },
  { table: 'discount_offers', select: `SELECT o.* FROM discount_offers o ${othersBound('discount_offer', 'o')}`, byLeader: true },
  {
    table: 'discount_offer_invoices',
    select: `SELECT l.* FROM discount_offer_invoices l ${othersBound('discount_offer', 'l', 'offer_id')}`,
    byLeader: true,
  },
  // Other desks' sends, as apply-rows.ts records them; the leader's own are real messages, made again from their changes.
  { table: 'outbox_messages', select: "SELECT * FROM outbox_messages WHERE idempotency_key LIKE 'team|%'", byLeader: false },
  // Other desks' Inbox messages (published-inbox.ts files them under `team:<desk>`): they hold the
  // send guard. The leader's own are made again from its changes, so a link to one of its sends
  // (made again too, under another id) is dropped; a link to another desk's send is kept.
  {
    table: 'inbox_messages',
    select: `SELECT m.*, (SELECT o.idempotency_key LIKE 'team|%' FROM outbox_messages o WHERE o.id = m.outbox_id) AS _teamSend
      FROM inbox_messages m WHERE m.folder LIKE 'team:%'`,
    byLeader: false,
  },
  {
    table: 'ladder_invoice_steps',
    select: `SELECT * FROM ladder_invoice_steps WHERE message_id IS NULL
      OR message_id IN (SELECT id FROM outbox_messages WHERE idempotency_key LIKE 'team|%')`,
    byLeader: false,
  },
  // Contacts and assignments live in the ledger's tables, as they are: so do the keys that name them.
  // A team-wide record's key is left out: its change is applied again (replayOf), and a key already
  // at that change's position would make it lose to itself.
  {
    table: 'team_records',
    select: `SELECT * FROM team_records WHERE entity <> 'team'
      AND (entity IN ('contact', 'assignment') OR json_extract(record_key, '$[1]') IS NOT ?)`,
    byLeader: true,
  },
  { table: 'team_applied', select: 'SELECT * FROM team_applied', byLeader: false },
  { table: 'team_waiting', select: 'SELECT * FROM team_waiting', byLeader: false },
];

export const SHARED_TABLES = SHARED.map((s) => s.table);

/**
 * The shared rows the snapshot carries, in parts of `partRows`, read inside the caller's transaction
 * (with the ledger's rows: the same moment). The rows the replay makes again are left out.
 */
export function sharedParts(sqlite: SqliteDb, leader: string, replay: Replay, partRows: number): { table: string; rows: PartRows }[] {
  const parts: { table: string; rows: PartRows }[] = [];
  for (const { table, select, byLeader } of SHARED) {
    let rows = sqlite.prepare(select).all(...(byLeader ? [leader] : [])) as Record<string, unknown>[];
    if (table === 'activities' || table === 'write_offs') {
      rows = rows.filter((row) => !replay.activityKeys.has(String(row._key)));
      for (const row of rows) delete row._key;
    }
    if (table === 'inbox_messages') {
      for (const row of rows) {
        if (row._teamSend !== 1) row.outbox_id = null;
        delete row._teamSend;
      }
    }
    if (table === 'team_records') rows = rows.filter((row) => !replay.activityKeys.has(String(row.record_key)));
    if (table === 'team_applied') rows = rows.filter((row) => !replay.origins.has(origin(String(row.origin_desk), String(row.origin_id))));
    for (const part of objectParts(rows, partRows)) parts.push({ table, rows: part });
  }
  // The snapshot's own part: the changes to apply, by seq.
  for (let at = 0; at < replay.seqs.length; at += partRows) {
    parts.push({ table: 'team_changes', rows: { columns: ['seq'], values: replay.seqs.slice(at, at + partRows) } });
  }
  return parts;
}

/** A new desk applies the snapshot's named changes, in server order, inside its load's transaction. */
export async function applyReplay(pool: pg.Pool, sqlite: SqliteDb, seqs: readonly number[], now: string): Promise<void> {
  for (let at = 0; at < seqs.length; at += 500) {
    for (const change of await fetchChanges(pool, seqs.slice(at, at + 500))) {
      if (applyChange(sqlite, change, 0, now).outcome === 'waiting') {
        sqlite.prepare('INSERT OR IGNORE INTO team_waiting (seq, change) VALUES (?, ?)').run(change.seq, JSON.stringify(change));
      }
    }
  }
}
