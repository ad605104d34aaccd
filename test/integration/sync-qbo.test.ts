import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { qboClient } from '../../electron/core/sync/qbo-client';
import { startSignIn } from '../../electron/core/sync/qbo-oauth';
import type { QboTokens } from '../../shared/qbo-tokens';
import { erpConnectionSchema } from '../../shared/sync';
import { customer, invoice, payment, seedQbo, type SeededQbo } from '../helpers/qbo-fixtures';
import { browse, startQboServer, type QboServer } from '../helpers/qbo-server';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';

let server: QboServer;
let t: TempCore;
let seeded: SeededQbo;
let now: Date;
let pages: Promise<{ status: number; text: string }>[];

beforeEach(async () => {
  server = await startQboServer();
  seeded = seedQbo(server);
  // What the company does from here on happens after Inflow's frozen "now".
  server.clock = FROZEN_NOW.getTime();
  now = FROZEN_NOW;
  t = tempCore(() => now);
  pages = [];
  // The user's browser: it opens what the core asks for and follows Intuit's redirect back.
  t.core.onEvent((event) => {
    if (event.type === 'browser.open') pages.push(browse(event.url));
  });
});
afterEach(async () => {
  await t.dispose();
  await server.close();
});

function save(core: Core, extra: Record<string, unknown> = {}) {
  return core.call('sync.connection.save', {
    connector: 'qbo',
    baseUrl: server.url,
    authUrl: server.authorizeUrl,
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    apiKey: server.clientSecret,
    intervalMinutes: 0,
    ...extra,
  });
}

async function connect(core: Core): Promise<string> {
  await save(core);
  return (await core.call('sync.qbo.connect', {})).connectedAs;
}

interface InvoiceRow {
  number: string;
  open_minor: number;
  amount_minor: number;
  status: string;
  source: string;
  customer_id: number;
}
const invoices = () => Object.fromEntries(t.query<InvoiceRow>('SELECT * FROM invoices ORDER BY number').map((row) => [row.number, row]));
const allocations = () =>
  t.query<{ number: string; kind: string; amount_minor: number; applied_date: string }>(
    'SELECT i.number, a.kind, a.amount_minor, a.applied_date FROM allocations a JOIN invoices i ON i.id = a.invoice_id ORDER BY a.id',
  );
const cents = (amount: unknown) => Math.round(Number(amount) * 100);
const serverOpen = () => (server.entities.get('Invoice') ?? []).reduce((sum, row) => sum + cents(row.Balance), 0);
const ledgerOpen = () => t.query<{ n: number }>("SELECT coalesce(sum(open_minor), 0) AS n FROM invoices WHERE source = 'qbo'")[0]!.n;
const queries = () =>
  server.calls.filter((call) => call.kind === 'query').map((call) => `${call.entity}@${call.startPosition}${/ Id IN /.test(call.query ?? '') ? ' IN' : ''}`);
const storedTokens = () =>
  JSON.parse(t.query<{ value: string }>("SELECT value FROM settings WHERE key = 'qboTokens'")[0]!.value) as {
    refreshToken: string;
    accessToken: string;
    realmId: string;
  };
const cursor = () => t.query<{ cursor: string }>("SELECT cursor FROM sync_cursors WHERE connector = 'qbo'")[0]?.cursor;

async function expectSyncError(code: string, message: RegExp): Promise<void> {
  await expect(t.core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

describe('signing in to QuickBooks', () => {
  it('runs the PKCE authorization code flow through a loopback redirect and keeps the tokens out of the log and the window', async () => {
    expect(await connect(t.core)).toBe('Sandbox Company_US_1');
    expect(await pages[0]).toMatchObject({ status: 200, text: expect.stringContaining('QuickBooks is connected to Inflow') });
    const exchange = server.calls.find((call) => call.kind === 'token')!;
    // The server compared SHA-256 of this verifier with the challenge in the authorize URL.
    expect(exchange.params).toMatchObject({
      grant_type: 'authorization_code',
      code_verifier: expect.stringMatching(/^[\w-]{64}$/),
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
    });
    const tokens = storedTokens();
    expect(tokens).toMatchObject({ realmId: server.realmId, refreshToken: server.refreshToken });

    const status = await t.core.call('sync.status', {});
    expect(status.oauth).toEqual({ connectedAs: 'Sandbox Company_US_1', reconnect: false });
    const shown = JSON.stringify([status, await t.core.call('sync.connection.get', {})]);
    const audit = JSON.stringify(t.query('SELECT detail FROM audit_log'));
    for (const secret of [tokens.refreshToken, tokens.accessToken, server.clientSecret]) {
      expect(shown).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    expect(audit).not.toContain(server.realmId);
    // In the encrypted database only: the file holds no token in clear text.
    expect(readFileSync(t.dbPath).includes(tokens.refreshToken)).toBe(false);
    expect((await t.core.call('sync.test', {})).message).toBe('Connected to QuickBooks company Sandbox Company_US_1.');
  });

  it('ignores an answer that carries another state: it is answered, and the sign-in goes on to finish', async () => {
    await save(t.core);
    server.authorize = 'wrong-state';
    const opened = new Promise<string>((resolve) => t.core.onEvent((event) => event.type === 'browser.open' && resolve(event.url)));
    const connecting = t.core.call('sync.qbo.connect', {});
    const authorizePage = await opened;
    expect(await pages[0]).toMatchObject({ status: 400, text: expect.stringContaining('Inflow ignored it') });
    expect(server.calls.filter((call) => call.kind === 'token')).toHaveLength(0);
    // The user finishes in the tab Inflow opened: the same sign-in completes.
    server.authorize = 'grant';
    expect(await browse(authorizePage)).toMatchObject({ status: 200 });
    expect(await connecting).toMatchObject({ connectedAs: 'Sandbox Company_US_1' });
    expect(server.calls.filter((call) => call.kind === 'token')).toHaveLength(1);
  });

  it('says so when consent was denied', async () => {
    await save(t.core);
    server.authorize = 'deny';
    await expect(t.core.call('sync.qbo.connect', {})).rejects.toMatchObject({ message: expect.stringMatching(/cancelled or access was denied/) });
    expect(server.calls.filter((call) => call.kind === 'token')).toHaveLength(0);
    expect((await t.core.call('sync.status', {})).oauth).toEqual({ connectedAs: null, reconnect: false });
  });

  it('gives up on a sign-in nobody finishes, and the loopback port takes no answer after it', async () => {
    const connection = erpConnectionSchema.parse({ connector: 'qbo', clientId: 'app', authUrl: server.authorizeUrl });
    const pending = await startSignIn(connection, 50);
    const url = new URL(pending.url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'app',
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      code_challenge_method: 'S256',
    });
    await expect(pending.grant).rejects.toMatchObject({ message: expect.stringMatching(/No answer from QuickBooks’ sign-in/) });
    await expect(fetch(`${url.searchParams.get('redirect_uri')}?code=x&state=${url.searchParams.get('state')}&realmId=1`)).rejects.toThrow();
  });
});

describe('QuickBooks sync', () => {
  it('a first full sync takes in customers, invoices, payments with their lines and credit memos, with the server’s balances', async () => {
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result).toMatchObject({ connector: 'qbo', pushed: 0 });
    // The change feed starts from QuickBooks' time of the first answer (less the overlap), noted with this desk's time.
    expect(JSON.parse(result.cursor!)).toEqual({ since: '2026-11-22T11:55:00.000Z', seenAt: FROZEN_NOW.toISOString() });
    expect(queries()).toEqual(['Payment@1', 'Invoice@1 IN', 'Invoice@1', 'CreditMemo@1', 'Customer@1']);
    const rows = invoices();
    expect(Object.keys(rows)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006']);
    expect(rows['1001']).toMatchObject({ source: 'qbo', amount_minor: 10800, open_minor: 10800, status: 'open' });
    expect(rows['1002']).toMatchObject({ amount_minor: 236952, open_minor: 136952, status: 'open' });
    expect(rows['1003']).toMatchObject({ amount_minor: 30, open_minor: 30 });
    // Voided: QuickBooks zeroed it. Not open, and not "paid" either.
    expect(rows['1004']).toMatchObject({ amount_minor: 0, open_minor: 0, status: 'void' });
    expect(rows['1005']).toMatchObject({ open_minor: 0, status: 'paid' });
    expect(rows['1006']).toMatchObject({ open_minor: 0, status: 'paid' });
    expect(ledgerOpen()).toBe(serverOpen());
    // Payment lines are the history behind the balances; the credit memo applied to 1006 is no money received.
    expect(allocations()).toEqual([
      { number: '1002', kind: 'payment', amount_minor: 100000, applied_date: '2026-10-15' },
      { number: '1005', kind: 'payment', amount_minor: 7000, applied_date: '2026-10-18' },
    ]);
    expect(t.query('SELECT number, kind, amount_minor, open_minor FROM credit_notes ORDER BY kind, number')).toEqual([
      { number: '1007', kind: 'credit_note', amount_minor: 15000, open_minor: 0 },
      { number: '1008', kind: 'credit_note', amount_minor: 2500, open_minor: 2500 },
      { number: expect.stringMatching(/^Payment \d+$/), kind: 'unapplied_payment', amount_minor: 100000, open_minor: 0 },
      { number: expect.stringMatching(/^Payment \d+$/), kind: 'unapplied_payment', amount_minor: 7000, open_minor: 0 },
      { number: expect.stringMatching(/^Payment \d+$/), kind: 'unapplied_payment', amount_minor: 4000, open_minor: 4000 },
    ]);
    expect(t.query('SELECT name FROM customers ORDER BY name')).toEqual(
      ["Amy's Bird Sanctuary", 'Cool Cars', 'Red Rock Diner', 'Weiskopf Consulting'].map((name) => ({ name })),
    );
    expect(t.query('SELECT name, email FROM contacts ORDER BY name')).toEqual([
      { name: 'Amy Lauterbach', email: 'Birds@Intuit.com' },
      { name: 'Grace Pariente', email: 'Cool_Cars@intuit.com' },
      { name: 'Stephanie Martini', email: 'qbwebsamplecompany@yahoo.com' },
      { name: 'Weiskopf Consulting', email: 'Consulting@intuit.com' },
    ]);
    const status = await t.core.call('sync.status', {});
    expect(status.capabilities).toMatchObject({ push: false, payments: true, creditNotes: true });
    expect((await t.core.call('outreach.freshness', {})).lastSyncAt).toBe(FROZEN_NOW.toISOString());
  });

  it('an incremental sync reads ChangeDataCapture only: a partial payment, a deleted invoice and a renamed customer', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    server.calls.length = 0;
    server.update('Invoice', seeded.open.Id, { Balance: 58 });
    payment(server, seeded.amy, '2026-11-22', 50, [{ amount: 50, to: seeded.open }]);
    server.remove('Invoice', seeded.tiny.Id);
    server.update('Customer', seeded.cool.Id, { DisplayName: 'Cool Cars Inc.' });
    const next = await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.map((call) => call.kind)).toEqual(['cdc']);
    expect(server.calls[0]!.params).toMatchObject({ entities: 'Payment,Invoice,CreditMemo,Customer', changedSince: '2026-11-22T11:55:00.000Z' });
    expect(next).toMatchObject({ pages: 1, closed: 1 });
    expect(invoices()['1001']).toMatchObject({ open_minor: 5800, status: 'open' });
    expect(invoices()['1003']).toMatchObject({ open_minor: 0, status: 'closed' });
    // One payment allocation on its date; no unexplained adjustment on top of it.
    expect(allocations().filter((a) => a.number === '1001')).toEqual([{ number: '1001', kind: 'payment', amount_minor: 5000, applied_date: '2026-11-22' }]);
    expect(t.query(`SELECT name FROM customers WHERE external_id = '${seeded.cool.Id}'`)).toEqual([{ name: 'Cool Cars Inc.' }]);
    expect(ledgerOpen()).toBe(serverOpen());

    // Nothing new: one change-feed call, nothing written, the cursor moves on to the server's time.
    server.calls.length = 0;
    now = new Date(FROZEN_NOW.getTime() + 3_600_000);
    server.clock += 3_600_000;
    const quiet = await t.core.call('sync.run', { jobId: JOB() });
    expect(quiet).toMatchObject({ created: 0, updated: 0 });
    expect(JSON.parse(cursor()!)).toEqual({ since: new Date(server.clock - 5 * 60_000).toISOString(), seenAt: now.toISOString() });
  });

  it('a desk clock an hour fast misses nothing: the change feed starts from QuickBooks’ own time', async () => {
    now = new Date(FROZEN_NOW.getTime() + 3_600_000);
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    server.update('Invoice', seeded.open.Id, { Balance: 58 });
    payment(server, seeded.amy, '2026-11-22', 50, [{ amount: 50, to: seeded.open }]);
    server.calls.length = 0;
    now = new Date(now.getTime() + 60_000);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.filter((call) => call.kind === 'cdc').map((call) => call.params.changedSince)).toEqual(['2026-11-22T11:55:00.000Z']);
    expect(invoices()['1001']).toMatchObject({ open_minor: 5800 });
    expect(ledgerOpen()).toBe(serverOpen());
  });

  it('a desk clock a year slow still reads the change feed: its 30 days are counted on the desk’s own clock', async () => {
    now = new Date(FROZEN_NOW.getTime() - 365 * 86_400_000);
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    server.update('Invoice', seeded.partial.Id, { Balance: 369.52 });
    server.calls.length = 0;
    now = new Date(now.getTime() + 86_400_000);
    server.clock += 86_400_000;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.filter((call) => call.kind !== 'token').map((call) => call.kind)).toEqual(['cdc']);
    expect(invoices()['1002']).toMatchObject({ open_minor: 36952 });
  });

  it('falls back to a full read when the cursor is older than the change feed’s 30 days', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    now = new Date(FROZEN_NOW.getTime() + 29 * 86_400_000);
    server.clock = now.getTime();
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.filter((call) => call.kind !== 'token').map((call) => call.kind)).toEqual(['cdc']);

    now = new Date(now.getTime() + 31 * 86_400_000);
    server.clock = now.getTime();
    server.update('Invoice', seeded.partial.Id, { Balance: 369.52 });
    server.calls.length = 0;
    const full = await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.some((call) => call.kind === 'cdc')).toBe(false);
    expect(queries()).toEqual(['Payment@1', 'Invoice@1 IN', 'Invoice@1', 'CreditMemo@1', 'Customer@1']);
    expect(full.updated).toBeGreaterThan(0);
    expect(invoices()['1002']).toMatchObject({ open_minor: 36952 });
    expect(JSON.parse(full.cursor!).since).toBe(new Date(server.clock - 5 * 60_000).toISOString());
  });

  it('reads everything again when the change feed hits its 1,000-object cap, since the rest would be missing', { timeout: 30_000 }, async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    for (let i = 0; i < 1000; i++) customer(server, `New ${String(i).padStart(4, '0')}`);
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.filter((call) => call.kind !== 'token').map((call) => call.kind)[0]).toBe('cdc');
    expect(queries()).toEqual(['Payment@1', 'Invoice@1 IN', 'Invoice@1', 'CreditMemo@1', 'Customer@1', 'Customer@1001']);
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM customers')[0]!.n).toBe(1004);
  });

  it.each([
    [1000, ['Customer@1', 'Customer@1001']],
    [1001, ['Customer@1', 'Customer@1001']],
  ])('pages customers by STARTPOSITION and MAXRESULTS 1000: %i customers', { timeout: 30_000 }, async (total, reads) => {
    for (let i = 4; i < total; i++) customer(server, `Bulk ${String(i).padStart(4, '0')}`);
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(queries().filter((read) => read.startsWith('Customer'))).toEqual(reads);
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM customers')[0]!.n).toBe(total);
    // One page for each query, the empty one too: it carries the cursor to the end of the full read.
    expect(result.pages).toBe(3 + reads.length);
  });

  it('an empty company: one query per entity, each answered with an empty QueryResponse', async () => {
    for (const entity of ['Customer', 'Invoice', 'Payment', 'CreditMemo'] as const) server.entities.set(entity, []);
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(queries()).toEqual(['Payment@1', 'Invoice@1', 'CreditMemo@1', 'Customer@1']);
    expect(result).toMatchObject({ created: 0, pages: 4 });
    expect(JSON.parse(result.cursor!)).toMatchObject({ since: '2026-11-22T11:55:00.000Z' });
  });

  it('refreshes once on a 401 and keeps the rotated refresh token; a refused refresh token asks to reconnect, once', async () => {
    await connect(t.core);
    const first = server.refreshToken;
    server.expireAccessTokens();
    await t.core.call('sync.run', { jobId: JOB() });
    const refreshes = () => server.calls.filter((call) => call.kind === 'token' && call.params.grant_type === 'refresh_token');
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]!.params.refresh_token).toBe(first);
    expect(server.refreshToken).not.toBe(first);
    expect(storedTokens().refreshToken).toBe(server.refreshToken);

    server.revokeRefreshToken();
    await expectSyncError('SYNC_FAILED', /^Reconnect QuickBooks/);
    expect(refreshes()).toHaveLength(2);
    // No retry storm: the refused token is forgotten, and the next sync does not ask Intuit again.
    await expectSyncError('SYNC_FAILED', /^Reconnect QuickBooks/);
    expect(refreshes()).toHaveLength(2);
    expect((await t.core.call('sync.status', {})).oauth).toEqual({ connectedAs: null, reconnect: true });
  });

  it('refreshes an access token past its hour before using it', async () => {
    await connect(t.core);
    now = new Date(FROZEN_NOW.getTime() + 2 * 3_600_000);
    server.expireAccessTokens();
    await t.core.call('sync.run', { jobId: JOB() });
    const kinds = server.calls.map((call) => call.kind);
    expect(kinds.slice(kinds.indexOf('companyinfo') + 1, kinds.indexOf('companyinfo') + 3)).toEqual(['token', 'query']);
  });

  it('retries a 500 and honours Retry-After on 429, then succeeds', async () => {
    await connect(t.core);
    let reads = 0;
    server.fault = ({ kind }) =>
      kind !== 'query'
        ? null
        : ++reads === 1
          ? { status: 500, raw: '{"Fault":{"Error":[{"Message":"An application error has occurred"}],"type":"SystemFault"}}' }
          : reads === 2
            ? { status: 429, headers: { 'retry-after': '1' }, raw: '{"Fault":{"Error":[{"Message":"ThrottleExceeded","code":"3001"}]}}' }
            : null;
    const started = Date.now();
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.created).toBeGreaterThan(0);
    expect(ledgerOpen()).toBe(serverOpen());
  });

  it('a QuickBooks Fault becomes a readable message', async () => {
    await connect(t.core);
    server.fault = ({ entity }) =>
      entity === 'Payment'
        ? {
            status: 400,
            raw: JSON.stringify({
              Fault: {
                Error: [{ Message: 'Invalid query', Detail: 'QueryValidationError: property Foo is not queryable', code: '4001' }],
                type: 'ValidationFault',
              },
            }),
          }
        : null;
    await expectSyncError('SYNC_FAILED', /QuickBooks could not answer query \(Invalid query: QueryValidationError: property Foo is not queryable\)/);
  });

  it.each([
    [
      'Fault.Error[].Message',
      {
        Fault: { Error: [{ Message: 'Invalid query', Detail: 'QueryValidationError: property Foo is not queryable', code: '4001' }], type: 'ValidationFault' },
      },
    ],
    [
      'fault.error[].message',
      {
        fault: { error: [{ message: 'Invalid query', detail: 'QueryValidationError: property Foo is not queryable', code: '4001' }], type: 'ValidationFault' },
        time: 1_700_000_000_000,
      },
    ],
  ])('a QuickBooks fault spelled %s is shown in Intuit’s words', async (_spelling, body) => {
    await connect(t.core);
    server.fault = ({ entity }) => (entity === 'Payment' ? { status: 400, raw: JSON.stringify(body) } : null);
    await expectSyncError('SYNC_FAILED', /^QuickBooks could not answer query \(Invalid query: QueryValidationError: property Foo is not queryable\)\.$/);
  });

  it('a 401 that outlives the refresh says what Intuit said, not "HTTP 401"', async () => {
    await connect(t.core);
    server.expireAccessTokens();
    // Intuit's gateway: every token refused, in its lower-case envelope.
    server.fault = ({ kind }) =>
      kind === 'query'
        ? {
            status: 401,
            raw: JSON.stringify({
              warnings: null,
              intuitObject: null,
              fault: {
                error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token revoked', code: '3200', element: null }],
                type: 'AUTHENTICATION',
              },
              report: null,
              queryResponse: null,
              time: 1_700_000_000_000,
            }),
          }
        : null;
    await expectSyncError(
      'SYNC_FAILED',
      /^Reconnect QuickBooks: it refused Inflow’s access token \(message=AuthenticationFailed; errorCode=003200; statusCode=401: Token revoked\)\.$/,
    );
  });

  it('garbage instead of JSON from the change feed fails clearly and leaves the cursor where it was', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const before = cursor();
    server.fault = ({ kind }) => (kind === 'cdc' ? { raw: '<!DOCTYPE html><html>Intuit maintenance</html>' } : null);
    now = new Date(FROZEN_NOW.getTime() + 600_000);
    await expectSyncError('SYNC_FAILED', /not JSON .*check the base URL/);
    expect(cursor()).toBe(before);
  });

  it('a connection dropped mid-page keeps the pages before it, and the next sync resumes after them', async () => {
    await connect(t.core);
    server.fault = ({ entity }) => (entity === 'CreditMemo' ? { drop: true } : null);
    await expectSyncError('OFFLINE', /Could not reach 127\.0\.0\.1/);
    expect(Object.keys(invoices())).toHaveLength(6);
    expect(t.query("SELECT count(*) AS n FROM credit_notes WHERE kind = 'credit_note'")).toEqual([{ n: 0 }]);
    expect(JSON.parse(cursor()!)).toMatchObject({ full: { entity: 'CreditMemo', start: 1 } });
    expect((await t.core.call('outreach.freshness', {})).lastSyncAt).toBeNull();

    server.fault = () => null;
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(queries()).toEqual(['CreditMemo@1', 'Customer@1']);
    expect(t.query("SELECT count(*) AS n FROM credit_notes WHERE kind = 'credit_note'")).toEqual([{ n: 2 }]);
    expect(ledgerOpen()).toBe(serverOpen());
  });

  it('pushes nothing by default; with notes on, appends a note to the customer once, even when the answer was lost', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const amy = await t.core.call('customer.lookup', { externalId: seeded.amy.Id });
    await t.core.call('activity.addNote', { customerId: amy.customerId, text: 'Spoke to Amy: cheque in the post' });
    expect((await t.core.call('sync.run', { jobId: JOB() })).pushed).toBe(0);
    expect(server.calls.filter((call) => call.kind.startsWith('customer.'))).toHaveLength(0);

    await save(t.core, { pushNotes: true });
    expect((await t.core.call('sync.status', {})).capabilities).toMatchObject({ push: true });
    // QuickBooks saves the note, then the connection drops before its answer reaches Inflow.
    server.fault = ({ kind }) => (kind === 'customer.update' ? { dropAfterCall: true } : null);
    await expectSyncError('OFFLINE', /Could not reach/);
    server.fault = () => null;
    const retried = await t.core.call('sync.run', { jobId: JOB() });
    expect(retried.pushed).toBe(1);
    const notes = String(server.entities.get('Customer')!.find((row) => row.Id === seeded.amy.Id)!.Notes);
    expect(notes).toMatch(/^Note test\n\[inflow:\d+\] Inflow · Note — text: Spoke to Amy: cheque in the post$/);
    expect(server.calls.filter((call) => call.kind === 'customer.update')).toHaveLength(1);
    expect((await t.core.call('sync.run', { jobId: JOB() })).pushed).toBe(0);
  });

  it('disconnecting revokes the sign-in at Intuit and deletes the tokens; what was synced stays', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const refreshToken = server.refreshToken;
    expect(await t.core.call('sync.disconnect', {})).toEqual({ disconnected: true, revoked: true });
    expect(server.calls.filter((call) => call.kind === 'revoke').map((call) => call.params)).toEqual([{ token: refreshToken }]);
    expect(server.refreshToken).toBe('');
    expect(t.query("SELECT value FROM settings WHERE key = 'qboTokens'")).toEqual([{ value: 'null' }]);
    expect(Object.keys(invoices())).toHaveLength(6);
  });

  it('disconnecting with Intuit unreachable still forgets the tokens here, and says the grant was not revoked', async () => {
    await connect(t.core);
    server.fault = (call) => (call.kind === 'revoke' ? { drop: true } : null);
    expect(await t.core.call('sync.disconnect', {})).toEqual({ disconnected: true, revoked: false });
    expect(t.query("SELECT value FROM settings WHERE key = 'qboTokens'")).toEqual([{ value: 'null' }]);
    expect(t.query("SELECT value FROM settings WHERE key = 'erpConnection'")).toEqual([{ value: 'null' }]);
  });
});

describe('QuickBooks amounts', () => {
  it('reads a payment of several invoices line by line, in cents from the JSON number’s decimal text', async () => {
    const big = invoice(server, seeded.cool, '1010', 1234.56, 0);
    const small = invoice(server, seeded.cool, '1011', 0.07, 0);
    payment(server, seeded.cool, '2026-11-20', 1234.63, [
      { amount: 1234.56, to: big },
      { amount: 0.07, to: small },
    ]);
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(allocations().filter((a) => a.number >= '1010')).toEqual([
      { number: '1010', kind: 'payment', amount_minor: 123456, applied_date: '2026-11-20' },
      { number: '1011', kind: 'payment', amount_minor: 7, applied_date: '2026-11-20' },
    ]);
  });
});

describe('QuickBooks voids', () => {
  const line = (amount: number) => ({
    Id: '1',
    LineNum: 1,
    Amount: amount,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } },
  });

  it('a $0 invoice stays an invoice; only QuickBooks’ void marker (zeroed lines, "Voided" private note) makes one void', async () => {
    invoice(server, seeded.amy, '1020', 0, 0, { Line: [line(0)], PrivateNote: 'Warranty visit, no charge' });
    // A discount that cancels the line: $0, but the lines are not zeroed.
    invoice(server, seeded.amy, '1021', 0, 0, {
      Line: [line(50), { Amount: 50, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 100 } }],
    });
    // Voided with no note of its own, and one whose note QuickBooks prefixed.
    invoice(server, seeded.amy, '1022', 0, 0, { Line: [line(0)], PrivateNote: 'Voided' });
    invoice(server, seeded.amy, '1023', 0, 0, {
      Line: [line(0), { Amount: 0, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }],
      PrivateNote: 'Voided - ordered twice',
    });
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const rows = invoices();
    expect(rows['1020']).toMatchObject({ amount_minor: 0, open_minor: 0, status: 'paid' });
    expect(rows['1021']).toMatchObject({ amount_minor: 0, status: 'paid' });
    expect(rows['1022']).toMatchObject({ status: 'void' });
    expect(rows['1023']).toMatchObject({ status: 'void' });
    expect(rows['1004']).toMatchObject({ status: 'void' });
  });

  it('an invoice and a payment voided after a sync stop counting: the invoice is void, the payment’s unapplied credit empty', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const unapplied = server.entities.get('Payment')!.find((row) => row.UnappliedAmt === 40)!;
    server.update('Invoice', seeded.open.Id, { TotalAmt: 0, Balance: 0, Line: [line(0)], PrivateNote: 'Voided' });
    server.update('Payment', unapplied.Id, { TotalAmt: 0, UnappliedAmt: 0, Line: [], PrivateNote: 'Voided' });
    await t.core.call('sync.run', { jobId: JOB() });
    expect(invoices()['1001']).toMatchObject({ status: 'void', open_minor: 0 });
    expect(t.query(`SELECT open_minor FROM credit_notes WHERE external_id = 'payment:${unapplied.Id}'`)).toEqual([{ open_minor: 0 }]);
    expect(ledgerOpen()).toBe(serverOpen());
  });
});

describe('QuickBooks client', () => {
  it('a refresh that lost the race to another request uses the tokens that request stored, instead of forgetting them', async () => {
    const connection = erpConnectionSchema.parse({
      connector: 'qbo',
      baseUrl: server.url,
      tokenUrl: server.tokenUrl,
      clientId: server.clientId,
      apiKey: server.clientSecret,
    });
    const stale: QboTokens = {
      realmId: server.realmId,
      accessToken: '',
      refreshToken: server.issueRefreshToken(),
      accessTokenExpiresAt: new Date(0).toISOString(),
      companyName: '',
      seed: '',
    };
    // The other request refreshed (Intuit rotated the token) after this one had read the store.
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stale.refreshToken });
    const basic = Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64');
    const rotated = (await (
      await fetch(server.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      })
    ).json()) as { access_token: string; refresh_token: string };
    let stored: QboTokens = {
      ...stale,
      accessToken: rotated.access_token,
      refreshToken: rotated.refresh_token,
      accessTokenExpiresAt: new Date(FROZEN_NOW.getTime() + 3_600_000).toISOString(),
    };
    let reads = 0;
    const store = { read: () => (reads++ === 0 ? stale : stored), save: (tokens: QboTokens) => void (stored = tokens) };
    const info = await qboClient(connection, store, () => FROZEN_NOW).get(`companyinfo/${server.realmId}`, {}, AbortSignal.timeout(10_000));
    expect(info.CompanyInfo).toMatchObject({ CompanyName: 'Sandbox Company_US_1' });
    expect(stored.refreshToken).toBe(rotated.refresh_token);
  });
});
