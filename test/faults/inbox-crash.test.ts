import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { applyKey } from '../../electron/db/open';
import { copyTemplate, faultRandom, killWhen, openAfterKill, startChild, stopWarmChild, walBytes, walGrowthOf } from '../helpers/crash-harness';
import { imapClient, startDovecot, type Dovecot } from '../helpers/dovecot';

/**
 * SIGKILL in the middle of reading the mailbox, at random points (measured in write-ahead log
 * written, so they hold under any load). Each message is stored with the folder's cursor in one
 * transaction: after every kill the database is whole, and reading again completes the Inbox with
 * every message exactly once.
 */
const TRIALS = 8;
const key = randomBytes(32);
const corpus = join(import.meta.dirname, '..', 'fixtures', 'inbox-corpus', 'sisimai');
let dir: string;
let template: string;
let dovecot: Dovecot;
let messages: number;
let walGrowth: number;

const env = (dbPath: string): Record<string, string> => ({ INFLOW_CRASH_MODE: 'inbox', INFLOW_TEST_DB: dbPath, INFLOW_TEST_KEY: key.toString('hex') });

function stored(path: string): { rows: number; keys: number } {
  const sqlite = new Database(path, { fileMustExist: true, readonly: true });
  try {
    applyKey(sqlite, key);
    return sqlite.prepare('SELECT count(*) AS rows, count(DISTINCT dedupe_key) AS keys FROM inbox_messages').get() as { rows: number; keys: number };
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-inbox-crash-'));
  dovecot = await startDovecot();
  const client = await imapClient(dovecot);
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith('.eml'))
    .slice(0, 240);
  const ids = new Set<string>();
  for (const file of files) {
    const raw = readFileSync(join(corpus, file));
    await client.append('INBOX', raw);
    // Messages without a Message-ID are told apart by their bytes; a repeated Message-ID is one message.
    ids.add(/^Message-I[Dd]:\s*(<[^>\s]+>)/m.exec(raw.toString('latin1').split(/\r?\n\r?\n/)[0]!)?.[1] ?? file);
  }
  await client.logout();
  messages = ids.size;
  template = join(dir, 'template.db');
  const core = openCore({ dbPath: template, key, sendMail: false, scheduleSync: false, watchInbox: false });
  await core.call('inbox.settings.save', { host: '127.0.0.1', port: dovecot.port, security: 'none', user: dovecot.user, password: dovecot.password });
  await core.close();
  walGrowth = await walGrowthOf(env(copyTemplate(template, dir, 'measure')));
}, 120_000);

afterAll(() => {
  stopWarmChild();
  dovecot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('a fetch killed anywhere loses and doubles nothing, and the next one completes it', async () => {
  const random = faultRandom('inbox-crash');
  for (let trial = 0; trial < TRIALS; trial++) {
    const path = copyTemplate(template, dir, `trial-${trial}`);
    const before = walBytes(path);
    const killAt = before + Math.floor(random.next() * walGrowth);
    const child = startChild(env(path));
    await child.started;
    await killWhen(child, () => walBytes(path) >= killAt);
    expect(await openAfterKill(path, key)).toEqual({ integrity: 'ok', userVersion: expect.any(Number) });
    const afterKill = stored(path);
    expect(afterKill.rows).toBe(afterKill.keys);
    const core = openCore({ dbPath: path, key, sendMail: false, scheduleSync: false, watchInbox: false });
    try {
      const resumed = await core.call('inbox.fetch', {});
      expect(afterKill.rows + resumed.fetched).toBe(messages);
    } finally {
      await core.close();
    }
    expect(stored(path)).toEqual({ rows: messages, keys: messages });
  }
}, 600_000);
