import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Desks (each its own core and encrypted database) sharing one book through one real, throwaway
 * PostgreSQL: what one records the others show, once; offline work on two desks meets without loss
 * or doubling; a contact edited on two desks ends the same on both, the losing value kept in the audit log.
 */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`team_${++n}`);
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
});

const desk = async (collector: string, join = true): Promise<TeamDesk> => {
  const opened = await openDesk(server, database, { collector });
  desks.push(opened);
  if (join) await opened.core.call('team.join', {});
  return opened;
};
const idOf = async (d: TeamDesk, externalId: string) => (await d.core.call('customer.lookup', { externalId })).customerId;
const timeline = async (d: TeamDesk, externalId: string) =>
  (await d.core.call('customer.timeline', { customerId: await idOf(d, externalId) })).filter((entry) => !['invoice', 'payment'].includes(entry.kind));
const sync = async (...ds: TeamDesk[]) => {
  for (const d of ds) await d.core.call('team.sync', {});
};

describe('a team of desks', () => {
  it('is solo until it joins; the password never comes back and TLS is off only for this machine', async () => {
    const maya = await desk('Maya', false);
    expect(await maya.core.call('team.status', {})).toMatchObject({ mode: 'solo', deskId: null, reachable: null });
    const view = await maya.core.call('settings.team.get', {});
    expect(view).toMatchObject({ host: '127.0.0.1', hasPassword: true, tls: false, collector: 'Maya' });
    expect(JSON.stringify(view)).not.toContain(server.password);
    expect(JSON.stringify(maya.sql('SELECT detail FROM audit_log'))).not.toContain(server.password);
    const joined = await maya.core.call('team.join', {});
    expect(joined).toMatchObject({ mode: 'team', collector: 'Maya', reachable: true, pendingPush: 0, lastError: null });
    expect(joined.deskId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a wrong password is refused in words, and nothing is joined', async () => {
    const maya = await desk('Maya', false);
    await maya.core.call('settings.team.save', { host: server.host, port: server.port, database, user: server.user, password: 'wrong', collector: 'Maya' });
    await expect(maya.core.call('team.join', {})).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/refused the user name or password/),
    });
    expect(await maya.core.call('team.status', {})).toMatchObject({ mode: 'solo' });
  });

  it('what one desk records, the others show, once, with who recorded it', async () => {
    const [maya, sam, lee] = [await desk('Maya'), await desk('Sam'), await desk('Lee')];
    const acme = await idOf(maya, 'C-001');
    await maya.core.call('activity.logCall', { customerId: acme, outcome: 'reached', notes: 'Pays Friday' });
    await maya.core.call('activity.addNote', { customerId: acme, text: 'Asked for a copy of 00123' });
    expect(await sync(maya, sam, lee)).toBeUndefined();
    for (const other of [sam, lee]) {
      expect((await timeline(other, 'C-001')).map((entry) => [entry.kind, entry.detail])).toEqual([
        ['note', 'Asked for a copy of 00123'],
        ['call', 'reached · Pays Friday'],
      ]);
      expect(other.sql("SELECT created_by AS who FROM activities WHERE kind IN ('call', 'note')")).toEqual([{ who: 'Maya' }, { who: 'Maya' }]);
    }
    // Nothing comes back to its origin, and another round changes nothing anywhere.
    await sync(maya, sam, lee, maya, sam, lee);
    expect(await timeline(maya, 'C-001')).toHaveLength(2);
    expect(await timeline(sam, 'C-001')).toHaveLength(2);
    // An edit on a desk that received the note reaches the desk that wrote it.
    const [note] = sam.sql<{ id: number }>("SELECT id FROM activities WHERE kind = 'note'");
    await sam.core.call('activity.edit', { activityId: note!.id, text: 'Asked for a copy of 00123 and 00124' });
    await sync(sam, maya);
    expect((await timeline(maya, 'C-001'))[0]).toMatchObject({ kind: 'note', detail: 'Asked for a copy of 00123 and 00124', edited: true });
  });

  it('offline work on two desks meets on reconnect: all of it, nothing doubled, one contact value', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    server.pause();
    await expect(maya.core.call('team.sync', {})).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(await maya.core.call('team.status', {})).toMatchObject({ mode: 'team', reachable: false, lastError: expect.stringMatching(/cannot be reached/) });
    const [mayaAcme, samAcme] = [await idOf(maya, 'C-001'), await idOf(sam, 'C-001')];
    const [jane] = maya.sql<{ id: number }>('SELECT id FROM contacts WHERE customer_id = ?', mayaAcme);
    const [samJane] = sam.sql<{ id: number }>('SELECT id FROM contacts WHERE customer_id = ?', samAcme);
    await maya.core.call('activity.logCall', { customerId: mayaAcme, outcome: 'no_answer' });
    await maya.core.call('contacts.save', {
      customerId: mayaAcme,
      contactId: jane!.id,
      name: 'Jane Park',
      email: 'jane@acme.example',
      role: 'billing',
      isPrimary: true,
    });
    await sam.core.call('activity.addNote', { customerId: samAcme, text: 'Jane is on leave' });
    await sam.core.call('contacts.save', {
      customerId: samAcme,
      contactId: samJane!.id,
      name: 'Jane Park',
      email: 'j.park@acme.example',
      role: 'billing',
      isPrimary: true,
    });
    await sam.core.call('customer.assign', { customerId: samAcme, collector: 'Sam', newCollector: true });
    expect(await maya.core.call('team.status', {})).toMatchObject({ pendingPush: 2 });
    server.resume();
    await sync(maya, sam, maya, sam);
    for (const d of [maya, sam]) {
      expect((await timeline(d, 'C-001')).map((entry) => entry.kind).sort()).toEqual(['assignment', 'call', 'contact_saved', 'contact_saved', 'note']);
      // Sam's save reached the server last: it is the contact's value everywhere.
      expect(d.sql('SELECT name, email FROM contacts WHERE customer_id = (SELECT id FROM customers WHERE external_id = ?)', 'C-001')).toEqual([
        { name: 'Jane Park', email: 'j.park@acme.example' },
      ]);
      expect(d.sql("SELECT collector FROM customers WHERE external_id = 'C-001'")).toEqual([{ collector: 'Sam' }]);
    }
    const overwritten = maya.sql<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'team.overwrite' AND entity = 'contact'");
    expect(JSON.parse(overwritten[0]!.detail)).toMatchObject({ before: { email: 'jane@acme.example' }, after: { email: 'j.park@acme.example' }, by: 'Sam' });
    expect(sam.sql("SELECT action FROM audit_log WHERE action LIKE 'team.%' AND entity = 'contact'")).toEqual([{ action: 'team.superseded' }]);
  });

  it('a pull repeated from the start (its cursor lost in a crash) applies nothing twice', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    const acme = await idOf(maya, 'C-001');
    for (const text of ['one', 'two', 'three']) await maya.core.call('activity.addNote', { customerId: acme, text });
    await sync(maya, sam);
    sam.sql('UPDATE team_state SET pulled_through = 0');
    expect(await sam.core.call('team.sync', {})).toMatchObject({ pulled: 3, applied: 0 });
    expect(await timeline(sam, 'C-001')).toHaveLength(3);
  });

  it('a change about a customer this desk does not have yet waits for it', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    sam.sql("UPDATE customers SET external_id = 'C-001-later' WHERE external_id = 'C-001'");
    await maya.core.call('activity.addNote', { customerId: await idOf(maya, 'C-001'), text: 'Before the import' });
    await sync(maya);
    expect(await sam.core.call('team.sync', {})).toMatchObject({ pulled: 1, applied: 0, waiting: 1 });
    sam.sql("UPDATE customers SET external_id = 'C-001' WHERE external_id = 'C-001-later'");
    expect(await sam.core.call('team.sync', {})).toMatchObject({ pulled: 0, applied: 1, waiting: 0 });
    expect((await timeline(sam, 'C-001')).map((entry) => entry.detail)).toEqual(['Before the import']);
  });

  it('leaving keeps what this desk shared for the others and goes back to solo', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    await maya.core.call('activity.addNote', { customerId: await idOf(maya, 'C-001'), text: 'Shared before leaving' });
    await sync(maya);
    expect(await maya.core.call('team.leave', {})).toMatchObject({ mode: 'solo' });
    await expect(maya.core.call('team.sync', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    await sync(sam);
    expect((await timeline(sam, 'C-001')).map((entry) => entry.detail)).toEqual(['Shared before leaving']);
    // Rejoining: the same desk, so its own changes are still recognised as its own.
    const before = (await maya.core.call('team.status', {})).deskId;
    expect(await maya.core.call('team.join', {})).toMatchObject({ mode: 'team', deskId: before });
    expect(await timeline(maya, 'C-001')).toHaveLength(1);
  });
});
