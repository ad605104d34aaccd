import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/db/open';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { startDovecot } from '../helpers/dovecot';

/**
 * P9: the Inbox reads a Dovecot mailbox of `messages` real-world bounces and answers (the corpus,
 * repeated with fresh Message-IDs), classifying, matching and storing each, in the core's worker
 * as in the app; the host's event-loop lag is watched the whole time.
 */
const corpus = join(import.meta.dirname, '..', 'fixtures', 'inbox-corpus');

function mailboxOf(messages: number): Buffer[] {
  const files = ['sisimai', 'written'].flatMap((folder) =>
    readdirSync(join(corpus, folder))
      .filter((f) => f.endsWith('.eml'))
      .map((f) => join(corpus, folder, f)),
  );
  const raws = files.map((file) =>
    readFileSync(file)
      .toString('latin1')
      .replace(/^Message-I[Dd]:.*\r?\n/m, ''),
  );
  return Array.from({ length: messages }, (_, i) => Buffer.from(`Message-ID: <bench-${i}@bench.example>\r\n${raws[i % raws.length]}`, 'latin1'));
}

export interface InboxFigures {
  ms: number;
  /** The host's event-loop lag, p99, while the core reads the mailbox. */
  lagP99: number;
  /**
   * The share of the read the host's own thread spent running (event-loop utilisation): near 0, its
   * lag is the OS scheduling it late on a busy machine, not work the read gives it.
   */
  hostBusy: number;
  /** The same, for as long, just before, with the core idle: what the machine alone costs the host. */
  idleLagP99: number;
  /** How long a trivial call to the core takes, p99, asked every 25 ms during the read: the core's own longest slices. */
  callP99: number;
  /** The same with the core idle, just after: what the machine alone costs a call. */
  idleCallP99: number;
  stored: number;
}

/** Samples of the host's event-loop delay while `work` runs, as a p99 in ms, and the share of that time the host's thread was busy. */
async function hostLagDuring(work: () => Promise<unknown>): Promise<{ p99: number; busy: number }> {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const before = performance.eventLoopUtilization();
  lag.enable();
  try {
    await work();
  } finally {
    lag.disable();
  }
  return { p99: lag.percentile(99) / 1e6, busy: performance.eventLoopUtilization(before).utilization };
}

/** Asks the core a trivial question every 25 ms until `done` resolves, and returns how long each answer took. */
async function probeCore(core: CoreClient, done: Promise<unknown>): Promise<number[]> {
  let running = true;
  void done.finally(() => (running = false));
  const calls: number[] = [];
  while (running) {
    const asked = performance.now();
    await core.dispatch('inbox.settings.get', {});
    calls.push(performance.now() - asked);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return calls;
}

const p99 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))] ?? 0;

export async function benchInbox(dir: string, messages = 10_000): Promise<InboxFigures> {
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
    let ms = 0;
    let calls: number[] = [];
    const { p99: lagP99, busy: hostBusy } = await hostLagDuring(async () => {
      const started = performance.now();
      const read = (async () => {
        await core.dispatch('inbox.settings.save', {
          host: '127.0.0.1',
          port: dovecot.port,
          security: 'none',
          user: dovecot.user,
          password: dovecot.password,
          pollMinutes: 1440,
        });
        // The watcher starts reading as soon as the mailbox is set; this call waits for that read too.
        await core.dispatch('inbox.fetch', {});
      })();
      // The app's screens keep asking the core while it reads: each answer waits for the slice in progress.
      calls = await probeCore(core, read);
      await read;
      ms = performance.now() - started;
    });
    let idleCalls: number[] = [];
    const { p99: idleLagP99 } = await hostLagDuring(async () => {
      idleCalls = await probeCore(core, new Promise((resolve) => setTimeout(resolve, Math.min(ms, 30_000))));
    });
    await core.close();
    const db = openDatabase(dbPath, key);
    const stored = (db.sqlite.prepare('SELECT count(*) AS n FROM inbox_messages').get() as { n: number }).n;
    await db.close();
    console.log(
      `${`inbox: ${messages} messages read`.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms; host lag p99 ${lagP99.toFixed(1)} ms (idle ${idleLagP99.toFixed(1)} ms), host busy ${(hostBusy * 100).toFixed(1)}%; core call p99 ${p99(calls).toFixed(1)} ms (idle ${p99(idleCalls).toFixed(1)} ms)`,
    );
    return { ms, lagP99, hostBusy, idleLagP99, callP99: p99(calls), idleCallP99: p99(idleCalls), stored };
  } finally {
    dovecot.stop();
  }
}
