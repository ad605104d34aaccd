import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Authority limits on a real PostgreSQL: a manager (the role that set the server up) and a
 * collector signed in as their own database role. Above the limit an action waits for a manager;
 * the decision syncs back to the asking desk; the server itself refuses a collector's own approval.
 */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let n = 0;
const SAM_PASSWORD = 'sam-own-secret-1';

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`authority_${++n}`);
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
});

const LIMITS = {
  currency: 'USD',
  collector: { planInstallments: 3, planAmountMinor: 1_000_000, promiseDays: 30, discountBp: 200, waiverMinor: 5_000 },
  senior: { planInstallments: 6 },
};

/** Maya manages (she set the server up); Sam is a collector with his own database role and limits. */
async function team(): Promise<{ maya: TeamDesk; sam: TeamDesk }> {
  const maya = await openDesk(server, database, { collector: 'Maya' });
  desks.push(maya);
  await maya.core.call('team.join', {});
  expect(await maya.core.call('team.members.add', { dbUser: 'sam', collector: 'Sam', role: 'collector', password: SAM_PASSWORD })).toEqual({
    dbUser: 'sam',
    created: n === 1,
  });
  await maya.core.call('team.limits.save', LIMITS);
  const sam = await openDesk(server, database, { collector: 'Sam' });
  desks.push(sam);
  await sam.core.call('settings.team.save', { host: server.host, port: server.port, database, user: 'sam', password: SAM_PASSWORD, collector: 'Sam' });
  await sam.core.call('team.join', {});
  return { maya, sam };
}

const idOf = async (d: TeamDesk, externalId: string) => (await d.core.call('customer.lookup', { externalId })).customerId;
const notes = (d: TeamDesk) =>
  d.sql<{ text: string; by: string }>("SELECT json_extract(body, '$.text') AS text, created_by AS by FROM activities WHERE kind = 'note' ORDER BY id");
const sixPlan = (customerId: number) => ({
  customerId,
  currency: 'USD',
  installments: Array.from({ length: 6 }, (_, i) => ({ dueDate: `2027-0${i + 1}-15`, amountMinor: 400_000 })),
});

describe('authority limits', () => {
  it("knows each desk's role and limits; a solo desk has none", async () => {
    const solo = await openDesk(server, database, { collector: 'Lee' });
    desks.push(solo);
    expect(await solo.core.call('team.authority', {})).toBeNull();
    const { maya, sam } = await team();
    expect(await maya.core.call('team.authority', {})).toMatchObject({ role: 'manager' });
    expect(await sam.core.call('team.authority', {})).toMatchObject({ role: 'collector', limits: { collector: { planInstallments: 3, writeOffMinor: null } } });
    // Within the limit nothing waits; a solo desk is never held.
    const acme = await idOf(sam, 'C-001');
    await sam.core.call('activity.createPlan', { customerId: acme, currency: 'USD', installments: [{ dueDate: '2026-12-15', amountMinor: 100_000 }] });
    await solo.core.call('activity.createPlan', sixPlan(await idOf(solo, 'C-001')));
  });

  it('an over-limit plan waits for a manager, and her approval syncs back to the asking desk', async () => {
    const { maya, sam } = await team();
    const acme = await idOf(sam, 'C-001');
    await expect(sam.core.call('activity.createPlan', sixPlan(acme))).rejects.toMatchObject({
      code: 'NEEDS_APPROVAL',
      message: expect.stringMatching(
        /6 installments \(your limit is 3\).*\$24,000\.00 in all.*"Approve plan: 6 × \$4,000\.00 for Acme Tools Ltd" waits for a manager/,
      ),
    });
    expect(sam.sql('SELECT id FROM payment_plans')).toEqual([]);
    const [asked] = await maya.core.call('team.approvals.list', {});
    expect(asked).toMatchObject({
      kind: 'plan',
      status: 'pending',
      collector: 'Sam',
      mine: false,
      summary: 'Approve plan: 6 × $4,000.00 for Acme Tools Ltd, asked by Sam',
    });
    expect(await sam.core.call('team.approvals.list', {})).toMatchObject([{ id: asked!.id, mine: true, status: 'pending' }]);

    // Sam cannot approve it, through Inflow or by writing the table as his own database role.
    await expect(sam.core.call('team.approvals.decide', { id: asked!.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/may not do that/),
    });
    const direct = new pg.Client({ host: server.host, port: server.port, database, user: 'sam', password: SAM_PASSWORD });
    await direct.connect();
    try {
      await expect(
        direct.query("UPDATE team_approvals SET status = 'approved', decided_by = current_user, decided_at = now() WHERE id = $1", [asked!.id]),
      ).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
      await expect(direct.query("INSERT INTO team_limits (id, limits) VALUES (1, '{}') ON CONFLICT (id) DO UPDATE SET limits = '{}'")).rejects.toMatchObject({
        code: '42501',
      });
      await expect(direct.query("UPDATE team_members SET role = 'manager' WHERE db_role = 'sam'")).resolves.toMatchObject({ rowCount: 0 });
      await expect(direct.query('DELETE FROM team_approvals')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await direct.end();
    }
    expect((await sam.core.call('team.authority', {}))?.role).toBe('collector');

    expect(await maya.core.call('team.approvals.decide', { id: asked!.id, decision: 'approve', note: 'ok for six' })).toMatchObject({
      status: 'approved',
      decidedBy: 'Maya',
    });
    await expect(maya.core.call('team.approvals.decide', { id: asked!.id, decision: 'decline' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await sam.core.call('team.sync', {});
    expect(sam.sql('SELECT count(*) AS n FROM plan_installments')).toEqual([{ n: 6 }]);
    expect(notes(sam)).toEqual([{ text: 'Approved by Maya: Approve plan: 6 × $4,000.00 for Acme Tools Ltd (ok for six)', by: expect.any(String) }]);
    // Acted on once: another exchange records nothing more.
    await sam.core.call('team.sync', {});
    expect(sam.sql('SELECT count(*) AS n FROM plan_installments')).toEqual([{ n: 6 }]);
    await maya.core.call('team.sync', {});
    expect(maya.sql("SELECT kind, created_by AS by FROM activities WHERE kind IN ('plan_created', 'note') ORDER BY id")).toEqual([
      { kind: 'plan_created', by: 'Sam' },
      { kind: 'note', by: 'Sam' },
    ]);
    expect(await sam.core.call('team.approvals.list', {})).toMatchObject([{ status: 'approved', decidedBy: 'Maya', note: 'ok for six' }]);
  });

  it('a declined promise is not recorded, and says so on the timeline', async () => {
    const { maya, sam } = await team();
    const birch = await idOf(sam, 'C-002');
    await expect(
      sam.core.call('activity.recordPromise', { customerId: birch, amountMinor: 50_000, currency: 'USD', promisedDate: '2027-03-01' }),
    ).rejects.toMatchObject({ code: 'NEEDS_APPROVAL', message: expect.stringMatching(/a date 99 days out \(your limit is 30\)/) });
    await expect(
      sam.core.call('activity.offerDiscount', {
        customerId: birch,
        invoiceIds: [sam.sql<{ id: number }>("SELECT id FROM invoices WHERE number = '00125'")[0]!.id],
        percentBp: 500,
        payBy: '2026-12-01',
      }),
    ).rejects.toMatchObject({ code: 'NEEDS_APPROVAL', message: expect.stringMatching(/a discount of 5 % \(your limit is 2 %\)/) });
    const pending = await maya.core.call('team.approvals.list', {});
    expect(pending.map((request) => request.kind)).toEqual(['discount', 'promise']);
    await maya.core.call('team.approvals.decide', { id: pending[1]!.id, decision: 'decline', note: 'too far out' });
    await sam.core.call('team.sync', {});
    expect(sam.sql('SELECT id FROM promises')).toEqual([]);
    expect(notes(sam).map((note) => note.text)).toEqual(['Declined by Maya: Approve promise: $500.00 by 2027-03-01 for Birch & Co (too far out)']);
  });

  it('a request made offline reaches the manager once the server is back', async () => {
    const { maya, sam } = await team();
    server.pause();
    try {
      await expect(sam.core.call('activity.createPlan', sixPlan(await idOf(sam, 'C-001')))).rejects.toMatchObject({
        code: 'NEEDS_APPROVAL',
        message: expect.stringMatching(/goes to a manager once the team server can be reached/),
      });
    } finally {
      server.resume();
    }
    await sam.core.call('team.sync', {});
    expect(await maya.core.call('team.approvals.list', {})).toMatchObject([{ kind: 'plan', status: 'pending' }]);
  });
});
