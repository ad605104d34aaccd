import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import { openDesk, snapshotNow, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * A new desk joins from the team's snapshot (the book and the shared activities as of a change
 * position) plus the changes after it, and holds exactly what a desk that replayed every change
 * holds: the same timeline, promises, disputes, plans, offers, snoozes, contacts and assignments.
 */
let server: PostgresServer;
let desks: TeamDesk[] = [];
const folders: string[] = [];

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
  desks = [];
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const idOf = async (d: TeamDesk, externalId: string) => (await d.core.call('customer.lookup', { externalId })).customerId;
const invoiceOf = (d: TeamDesk, number: string) => d.sql<{ id: number }>('SELECT id FROM invoices WHERE number = ?', number)[0]!.id;
const sync = async (...ds: TeamDesk[]) => {
  for (const d of ds) await d.core.call('team.sync', {});
};

/** Everything a desk holds of the team's shared work, by ERP keys and values only: local ids differ from desk to desk. */
function shared(d: TeamDesk) {
  const numbers = new Map(d.sql<{ id: number; number: string }>('SELECT id, number FROM invoices').map((row) => [row.id, row.number]));
  const activities = d
    .sql<{ customer: string; kind: string; at: string; body: string; by: string; deleted: string | null; edited: string | null }>(
      `SELECT c.external_id AS customer, a.kind, a.occurred_at AS at, a.body, a.created_by AS by, a.deleted_at AS deleted, a.edited_at AS edited
      FROM activities a JOIN customers c ON c.id = a.customer_id`,
    )
    .map(({ body, ...row }) => {
      const { invoiceIds, outboxId: _local, ...rest } = JSON.parse(body) as { invoiceIds?: number[]; outboxId?: number };
      return { ...row, body: rest, invoices: (invoiceIds ?? []).map((id) => numbers.get(id)) };
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  return {
    activities,
    promises: sorted(
      d.sql(`SELECT c.external_id AS customer, p.amount_minor, p.promised_date, p.made_date, p.grace_days, p.cancelled_date,
        (SELECT group_concat(i.number) FROM promise_invoices x JOIN invoices i ON i.id = x.invoice_id WHERE x.promise_id = p.id) AS invoices
      FROM promises p JOIN customers c ON c.id = p.customer_id`),
    ),
    disputes: sorted(
      d.sql(`SELECT c.external_id AS customer, d.reason_code, d.owner, d.sla_days, d.status, d.opened_date, d.resolved_date, d.resolution_note, d.note,
        (SELECT group_concat(i.number) FROM dispute_invoices x JOIN invoices i ON i.id = x.invoice_id WHERE x.dispute_id = d.id) AS invoices
      FROM disputes d JOIN customers c ON c.id = d.customer_id`),
    ),
    plans: sorted(
      d.sql(`SELECT c.external_id AS customer, p.label, p.start_date, p.grace_days, p.cancelled_date,
        (SELECT group_concat(due_date || ':' || amount_minor) FROM plan_installments WHERE plan_id = p.id) AS installments
      FROM payment_plans p JOIN customers c ON c.id = p.customer_id`),
    ),
    offers: sorted(
      d.sql('SELECT c.external_id AS customer, o.percent_bp, o.pay_by, o.offered_date FROM discount_offers o JOIN customers c ON c.id = o.customer_id'),
    ),
    snoozes: sorted(d.sql('SELECT c.external_id AS customer, s.until_date, s.reason FROM snoozes s JOIN customers c ON c.id = s.customer_id')),
    contacts: sorted(
      d.sql(
        'SELECT c.external_id AS customer, k.name, k.email, k.phone, k.role, k.is_primary, k.status FROM contacts k JOIN customers c ON c.id = k.customer_id',
      ),
    ),
    assignments: d.sql('SELECT external_id AS customer, collector FROM customers ORDER BY external_id'),
    writeOffs: sorted(
      d.sql('SELECT i.number, w.currency, w.amount_minor, w.reason, w.written_off_on FROM write_offs w JOIN invoices i ON i.id = w.invoice_id'),
    ),
    policies: d.sql('SELECT id, name, segments FROM ladder_policies ORDER BY id'),
    sent: sorted(d.sql("SELECT idempotency_key, to_address, subject, status, channel FROM outbox_messages WHERE idempotency_key LIKE 'team|%'")),
  };
}

/** Each desk's part of the team's history: both make, close, edit and reassign each other's records. */
async function work(maya: TeamDesk, sam: TeamDesk, round: number): Promise<void> {
  const [mayaAcme, mayaBirch, samAcme, samBirch] = [await idOf(maya, 'C-001'), await idOf(maya, 'C-002'), await idOf(sam, 'C-001'), await idOf(sam, 'C-002')];
  const { promiseId } = await maya.core.call('activity.recordPromise', {
    customerId: mayaAcme,
    amountMinor: 10_000 * round,
    currency: 'USD',
    promisedDate: '2026-11-30',
    invoiceIds: [invoiceOf(maya, '00123')],
  });
  await sam.core.call('activity.recordPromise', { customerId: samBirch, amountMinor: 7_000 * round, currency: 'USD', promisedDate: '2026-12-04' });
  await maya.core.call('activity.openDispute', { customerId: mayaBirch, invoiceIds: [invoiceOf(maya, '00125')], reasonCode: 'pricing', slaDays: 10 });
  await sam.core.call('activity.createPlan', {
    customerId: samAcme,
    label: `Plan ${round}`,
    currency: 'USD',
    invoiceIds: [invoiceOf(sam, '00124')],
    graceDays: 3,
    installments: [{ dueDate: '2026-12-01', amountMinor: 50_000 }],
  });
  await sam.core.call('activity.offerDiscount', { customerId: samAcme, invoiceIds: [invoiceOf(sam, '00123')], percentBp: 100 * round, payBy: '2026-11-28' });
  await maya.core.call('worklist.snooze', { customerId: mayaBirch, untilDate: `2026-12-1${round}`, reason: `Maya's snooze ${round}` });
  await maya.core.call('activity.logCall', { customerId: mayaAcme, outcome: 'reached', notes: `Call ${round}` });
  await sam.core.call('activity.addNote', { customerId: samAcme, text: `Note ${round}` });
  const [jane] = sam.sql<{ id: number }>('SELECT id FROM contacts WHERE customer_id = ? ORDER BY id', samAcme);
  await sam.core.call('contacts.save', {
    customerId: samAcme,
    contactId: jane!.id,
    name: 'Jane Park',
    email: `jane${round}@acme.example`,
    role: 'billing',
    isPrimary: true,
  });
  await maya.core.call('customer.assign', { customerId: mayaBirch, collector: round % 2 ? 'Sam' : 'Maya', newCollector: true });
  if (round === 1) await sam.core.call('activity.writeOff', { invoiceId: invoiceOf(sam, '00127'), amountMinor: 10_000, reason: 'Goodwill' });
  // A team-wide change from a desk that is not the leader: no customer, and not in the snapshot's tables.
  await sam.core.call('ladder.savePolicy', { ...DEFAULT_POLICY, id: `strategic-${round}`, name: `Strategic ${round}`, segments: [`Tier ${round}`] });
  await sync(maya, sam, maya);
  // Each closes and edits what the other made.
  const samPromise = sam.sql<{ id: number }>('SELECT id FROM promises WHERE amount_minor = ?', 10_000 * round)[0]!.id;
  await sam.core.call('activity.cancelPromise', { promiseId: samPromise, reason: 'Withdrawn' });
  const mayaPlan = maya.sql<{ id: number }>('SELECT id FROM payment_plans WHERE label = ?', `Plan ${round}`)[0]!.id;
  await maya.core.call('activity.cancelPlan', { planId: mayaPlan, reason: 'Paid in full' });
  const samDispute = sam.sql<{ id: number }>("SELECT id FROM disputes WHERE status != 'resolved' ORDER BY id DESC")[0]!.id;
  await sam.core.call('activity.resolveDispute', { disputeId: samDispute, resolutionNote: `Credit ${round}` });
  const mayaCall = sam.sql<{ id: number }>("SELECT id FROM activities WHERE kind = 'call' AND body LIKE ?", `%Call ${round}%`)[0]!.id;
  await sam.core.call('activity.edit', { activityId: mayaCall, text: `Call ${round}, edited by Sam` });
  await sam.core.call('worklist.snooze', { customerId: samBirch, untilDate: `2026-12-2${round}`, reason: `Sam's snooze ${round}` });
  await maya.core.call('activity.cancelPromise', { promiseId, reason: 'Superseded' }).catch(() => undefined);
  await sync(sam, maya, sam, maya);
}

it('a desk that joins from the snapshot and the tail holds what a desk that replayed every change holds', async () => {
  const database = await server.createDatabase('snapshot_join');
  const folder = mkdtempSync(join(tmpdir(), 'inflow-exports-'));
  folders.push(folder);
  const maya = await openDesk(server, database, { collector: 'Maya' });
  const sam = await openDesk(server, database, { collector: 'Sam' });
  desks.push(maya, sam);
  // Maya runs the ERP sync: she leads, and her exchange keeps the team's snapshot.
  await maya.core.call('sync.connection.save', { connector: 'folder', folder, mapping: 'generic-invoices', intervalMinutes: 0 });
  await maya.core.call('team.join', {});
  await sam.core.call('team.join', {});
  await work(maya, sam, 1);
  expect(await snapshotNow(server, database, maya)).toBe(true);
  // The tail: what happens after the snapshot.
  await work(maya, sam, 2);

  const lee = await openDesk(server, database, { collector: 'Lee', book: false });
  desks.push(lee);
  await lee.core.call('team.join', {});
  // Ana imports the same book herself: with a book of her own she takes no snapshot and replays every change.
  const ana = await openDesk(server, database, { collector: 'Ana' });
  desks.push(ana);
  await ana.core.call('team.join', {});

  const replayed = shared(ana);
  expect(replayed.activities.length).toBeGreaterThan(20);
  expect(replayed.promises.length).toBe(4);
  expect(shared(lee)).toEqual(replayed);
  // Lee pulled only the tail: the changes before the snapshot came with it.
  const client = await server.connect(database);
  try {
    const { rows } = await client.query<{ through: string }>('SELECT changes_through AS through FROM team_snapshots WHERE complete ORDER BY id DESC LIMIT 1');
    const total = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM team_changes')).rows[0]!.n;
    const applied = lee.sql<{ n: number }>('SELECT count(*) AS n FROM team_applied WHERE seq > ?', Number(rows[0]!.through))[0]!.n;
    expect(Number(rows[0]!.through)).toBeGreaterThan(0);
    expect(applied).toBeLessThan(total);
  } finally {
    await client.end();
  }
  // And both keep working alike: a later change lands the same on each.
  await sam.core.call('activity.addNote', { customerId: await idOf(sam, 'C-002'), text: 'After everyone joined' });
  await sync(sam, lee, ana);
  expect(shared(lee)).toEqual(shared(ana));
});
