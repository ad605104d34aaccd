import { afterEach, beforeEach, expect, it } from 'vitest';
import { setLogSink } from '../../electron/log/log';
import { freePort } from '../helpers/free-port';
import { tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The Inbox's background reads carry on past a failure (the next try comes later), so the failure
 * must at least reach the log: otherwise a mailbox that stopped answering days ago leaves no trace
 * for whoever helps the collector. The line says what failed, never the server or the password.
 */
let t: TempCore;
const lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines.length = 0;
  setLogSink({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  t = tempCore(undefined, { watchInbox: true });
});
afterEach(async () => {
  await t.dispose();
  setLogSink(null);
});

it('logs a background mailbox read that failed, with its error code and no secret', async () => {
  const closedPort = await freePort();
  await t.core.call('inbox.settings.save', {
    host: '127.0.0.1',
    port: closedPort,
    security: 'none',
    user: 'ar@northwind.example',
    password: 'imap-secret-9931',
  });
  const deadline = Date.now() + 10_000;
  while (!lines.some((line) => line.event === 'inbox.fetch.failed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lines.find((line) => line.event === 'inbox.fetch.failed')).toMatchObject({ level: 'warn', failures: 1, error: expect.any(String) });
  expect(JSON.stringify(lines)).not.toMatch(/imap-secret-9931|northwind/);
});
