import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/db/open';
import { startCoreWorker } from '../../electron/hosts/core-client';
import { startDovecot } from '../helpers/dovecot';

/**
 * P9: the Inbox reads a Dovecot mailbox of `messages` real-world bounces and answers (the corpus,
 * repeated with fresh Message-IDs), classifying, matching and storing each, in the core's worker
 * as in the app; the host's event-loop lag is watched the whole time.
 */
const corpus = join(import.meta.dirname, '..', 'fixtures', 'inbox-corpus');

function mailboxOf(messages: number): Buffer[] {
  const files = ['sisimai', 'written'].flatMap((folder) => readdirSync(join(corpus, folder)).filter((f) => f.endsWith('.eml')).map((f) => join(corpus, folder, f)));
  const raws = files.map((file) => readFileSync(file).toString('latin1').replace(/^Message-I[Dd]:.*\r?\n/m, ''));
  return Array.from({ length: messages }, (_, i) => Buffer.from(`Message-ID: <bench-${i}@bench.example>\r\n${raws[i % raws.length]}`, 'latin1'));
}

export async function benchInbox(dir: string, messages = 10_000): Promise<{ ms: number; lagP99: number; stored: number }> {
  const dovecot = await startDovecot();
  try {
    // Delivered as a mail server does: one file each in the maildir's new/, handed to Dovecot's user.
    const inbox = join(dovecot.dir, dovecot.user);
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(inbox, sub), { recursive: true });
    mailboxOf(messages).forEach((raw, i) => writeFileSync(join(inbox, 'new', `${1_700_000_000 + i}.M${i}P1.bench`), raw));
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'nobody:nogroup', dovecot.dir]);
    const key = randomBytes(32);
    const dbPath = join(dir, 'inbox.db');
    const core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), dbPath, key);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const started = performance.now();
    await core.dispatch('inbox.settings.save', { host: '127.0.0.1', port: dovecot.port, security: 'none', user: dovecot.user, password: dovecot.password, pollMinutes: 1440 });
    // The watcher starts reading as soon as the mailbox is set; this call waits for that read too.
    await core.dispatch('inbox.fetch', {});
    const ms = performance.now() - started;
    lag.disable();
    await core.close();
    const db = openDatabase(dbPath, key);
    const stored = (db.sqlite.prepare('SELECT count(*) AS n FROM inbox_messages').get() as { n: number }).n;
    await db.close();
    console.log(`${`inbox: ${messages} messages read`.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms`);
    return { ms, lagP99: lag.percentile(99) / 1e6, stored };
  } finally {
    dovecot.stop();
  }
}
