import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import type { LadderPolicy } from '../../shared/outreach/ladder';
import { pullChanges } from '../../electron/core/team/pull-changes';
import { readTeamState } from '../../electron/core/team/team-state';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Team settings, ladder policies and email templates (issue 24) travel like a contact: last writer
 * wins in server order on every desk, the losing value is kept in the audit log and shown to the
 * desk whose edit lost, an edit not pushed yet is never overwritten, and no secret leaves its desk.
 */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let n = 0;
let now: Date;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`team_shared_${++n}`);
  desks = [];
  now = new Date('2026-11-22T15:00:00Z');
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
});

const desk = async (collector: string): Promise<TeamDesk> => {
  const opened = await openDesk(server, database, { collector, clock: () => now });
  desks.push(opened);
  await opened.core.call('team.join', {});
  return opened;
};
const sync = async (...ds: TeamDesk[]) => {
  for (const d of ds) await d.core.call('team.sync', {});
};
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
const policy = (name: string): LadderPolicy => ({ ...DEFAULT_POLICY, id: 'strategic', name, segments: ['Enterprise'] });
const template = (subject: string) => ({
  id: 'gentle-nudge',
  language: 'en' as const,
  name: 'Gentle nudge',
  purpose: 'reminder' as const,
  tone: 'friendly' as const,
  subject,
  body: 'Hi {{contact.firstName}}, a gentle nudge.',
  attachStatement: false,
});
const saveAll = async (d: TeamDesk, who: string) => {
  await d.core.call('ladder.savePolicy', policy(`Strategic (${who})`));
  await d.core.call('templates.save', template(`A nudge from ${who}`));
  await d.core.call('settings.outreach.save', { ...(await d.core.call('settings.outreach.get', {})), senderName: who, companyName: `Northwind (${who})` });
};
const held = (d: TeamDesk) => ({
  policy: d.sql<{ name: string }>("SELECT name FROM ladder_policies WHERE id = 'strategic'"),
  subject: d.sql<{ subject: string }>("SELECT subject FROM email_templates WHERE id = 'gentle-nudge' AND language = 'en'"),
  company: JSON.parse(d.sql<{ value: string }>("SELECT value FROM settings WHERE key = 'outreach'")[0]?.value ?? '{}') as {
    companyName?: string;
    senderName?: string;
  },
});

describe('team settings, policies and templates', () => {
  it('two desks edit the same ones: both end on the later in server order, the loser kept and shown', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    await saveAll(maya, 'Maya');
    await sync(maya);
    later(2);
    await saveAll(sam, 'Sam');
    await sync(sam, maya, sam);
    for (const d of [maya, sam]) {
      const value = held(d);
      expect(value.policy).toEqual([{ name: 'Strategic (Sam)' }]);
      expect(value.subject).toEqual([{ subject: 'A nudge from Sam' }]);
      expect(value.company.companyName).toBe('Northwind (Sam)');
    }
    // The sender is each desk's own: never published, never overwritten.
    expect(held(maya).company.senderName).toBe('Maya');
    expect(held(sam).company.senderName).toBe('Sam');
    const overwrites = maya.sql<{ entity: string; detail: string }>("SELECT entity, detail FROM audit_log WHERE action = 'team.overwrite' ORDER BY id");
    expect(overwrites.map((row) => row.entity)).toEqual(['ladder_policy', 'template', 'setting']);
    expect(JSON.parse(overwrites[0]!.detail)).toMatchObject({ before: { name: 'Strategic (Maya)' }, after: { name: 'Strategic (Sam)' }, by: 'Sam' });
    expect(sam.sql("SELECT entity FROM audit_log WHERE action = 'team.superseded' ORDER BY id")).toEqual([
      { entity: 'ladder_policy' },
      { entity: 'template' },
      { entity: 'setting' },
    ]);
    // Maya's screens say who changed what after her, and when; Sam's edit replaced nobody's there.
    const note = { by: 'Sam', changedAt: '2026-11-22T15:02:00.000Z', yourEditAt: '2026-11-22T15:00:00.000Z' };
    expect(await maya.core.call('team.overwrites', { entity: 'ladder_policy' })).toEqual([
      { entity: 'ladder_policy', entityId: 'strategic', fields: ['name'], yours: { name: 'Strategic (Maya)' }, ...note },
    ]);
    expect(await maya.core.call('team.overwrites', { entity: 'template' })).toEqual([
      { entity: 'template', entityId: 'gentle-nudge|en', fields: ['subject'], yours: { subject: 'A nudge from Maya' }, ...note },
    ]);
    expect(await maya.core.call('team.overwrites', { entity: 'setting' })).toEqual([
      { entity: 'setting', entityId: 'outreach', fields: ['companyName'], yours: { companyName: 'Northwind (Maya)' }, ...note },
    ]);
    expect(await sam.core.call('team.overwrites', { entity: 'ladder_policy' })).toEqual([]);
    // Maya edits it again: the note has done its job.
    later(1);
    await maya.core.call('ladder.savePolicy', policy('Strategic (Maya again)'));
    expect(await maya.core.call('team.overwrites', { entity: 'ladder_policy' })).toEqual([]);
    await sync(maya, sam);
    expect(held(sam).policy).toEqual([{ name: 'Strategic (Maya again)' }]);
  });

  it("a contact's and a collector's overwrite show on the customer's page", async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    const acmeOf = async (d: TeamDesk) => (await d.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
    const [mayaAcme, samAcme] = [await acmeOf(maya), await acmeOf(sam)];
    const [jane] = maya.sql<{ id: number }>('SELECT id FROM contacts WHERE customer_id = ?', mayaAcme);
    const [samJane] = sam.sql<{ id: number }>('SELECT id FROM contacts WHERE customer_id = ?', samAcme);
    const contact = { name: 'Jane Park', role: 'billing' as const, isPrimary: true };
    await maya.core.call('contacts.save', { customerId: mayaAcme, contactId: jane!.id, ...contact, email: 'jane@acme.example' });
    await maya.core.call('customer.assign', { customerId: mayaAcme, collector: 'Maya', newCollector: true });
    await sync(maya, sam);
    later(2);
    await sam.core.call('contacts.save', { customerId: samAcme, contactId: samJane!.id, ...contact, email: 'j.park@acme.example' });
    await sam.core.call('customer.assign', { customerId: samAcme, collector: 'Sam', newCollector: true });
    await sync(sam, maya);
    const notes = await maya.core.call('team.overwrites', { customerId: mayaAcme });
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'contact', entityId: String(jane!.id), fields: ['email'], yours: { email: 'jane@acme.example' }, by: 'Sam' }),
        expect.objectContaining({ entity: 'customer', entityId: String(mayaAcme), fields: ['collector'], yours: { collector: 'Maya' }, by: 'Sam' }),
      ]),
    );
    expect(notes).toHaveLength(2);
  });

  it('an edit not pushed yet is not overwritten by a pull; pushed, it wins everywhere', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    await maya.core.call('ladder.savePolicy', policy('Strategic (Maya)'));
    await sync(maya);
    later(1);
    // Sam edits offline: his edit is in his outbox when he pulls Maya's (which is earlier on the server).
    await sam.core.call('ladder.savePolicy', policy('Strategic (Sam, offline)'));
    const state = readTeamState(rawDb(sam))!;
    const pool = new pg.Pool({ host: server.host, port: server.port, database, user: server.user, password: server.password });
    const raw = rawDb(sam);
    try {
      expect(await pullChanges(pool, raw, state.deskId, state.pulledThrough, state.pushedThrough, now.toISOString())).toMatchObject({ applied: 1 });
    } finally {
      raw.close();
      await pool.end();
    }
    expect(held(sam).policy).toEqual([{ name: 'Strategic (Sam, offline)' }]);
    expect(sam.sql("SELECT action FROM audit_log WHERE entity = 'ladder_policy' AND actor = 'team'")).toEqual([{ action: 'team.superseded' }]);
    await sync(sam, maya);
    for (const d of [maya, sam]) expect(held(d).policy).toEqual([{ name: 'Strategic (Sam, offline)' }]);
  });

  it("secrets and a desk's own settings never reach the server", async () => {
    const [maya] = [await desk('Maya')];
    await maya.core.call('settings.smtp.save', {
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      fromAddress: 'ar@northwind.example',
      user: 'maya',
      password: 'smtp-secret-7731',
    });
    await maya.core.call('settings.sms.save', {
      provider: {
        provider: 'twilio',
        baseUrl: 'http://127.0.0.1:9',
        accountSid: 'AC0123456789abcdef0123456789abcdef',
        authToken: 'sms-secret-5512',
        sender: '+15550100',
      },
      rules: {
        sendingHours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] },
        defaultTimeZone: '',
        requireConsent: true,
        messagesPerMinute: 77,
        pollSeconds: 600,
      },
    });
    await maya.core.call('settings.outreach.save', {
      ...(await maya.core.call('settings.outreach.get', {})),
      senderName: 'Maya Chen',
      companyName: 'Northwind',
    });
    await sync(maya);
    const client = await server.connect(database);
    try {
      const { rows } = await client.query<{ entity: string; entity_key: string; customer_key: string | null; payload: unknown }>(
        "SELECT entity, record_key AS entity_key, customer_key, payload FROM team_changes WHERE entity = 'setting' ORDER BY seq",
      );
      expect(rows.map((row) => [row.entity_key, row.customer_key])).toEqual([
        ['["team","setting","smsRules"]', null],
        ['["team","setting","outreach"]', null],
      ]);
      const published = JSON.stringify((await client.query('SELECT t.* FROM team_changes t')).rows);
      for (const secret of ['smtp-secret-7731', 'sms-secret-5512', server.password, 'Maya Chen', 'AC0123456789abcdef']) expect(published).not.toContain(secret);
      expect(published).toContain('Northwind');
      expect(JSON.stringify(rows[0]!.payload)).not.toContain('messagesPerMinute');
    } finally {
      await client.end();
    }
  });
});

/** The desk's database through a connection of this test's own, to pull as the desk would while its edit is unpushed. */
function rawDb(d: TeamDesk): Database.Database {
  const raw = new Database(d.dbPath);
  raw.pragma("cipher='sqlcipher'");
  raw.pragma('legacy=4');
  raw.pragma(`key="x'${d.key.toString('hex')}'"`);
  return raw;
}
