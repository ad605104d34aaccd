import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openCore } from '../../electron/core';

/**
 * A joined team desk as the app runs one (exchanging in the background, listening for notices), in
 * its own process, for test/integration/team-notify.test.ts: it prints `open`, closes its core when
 * told (a `close` line on stdin) and prints `closed`, then never calls process.exit: the process ends
 * by itself only if closing left nothing running. Starts on one JSON line of settings on stdin.
 */
const lines = createInterface({ input: process.stdin });
const [settings] = (await once(lines, 'line')) as [string];
const env = JSON.parse(settings) as Record<string, string>;
const core = openCore({
  dbPath: env.INFLOW_TEST_DB!,
  key: Buffer.from(env.INFLOW_TEST_KEY!, 'hex'),
  sendMail: false,
  watchInbox: false,
  teamPollMs: 3_600_000,
});
process.stdout.write('open\n');
await once(lines, 'line');
await core.close();
lines.close();
process.stdout.write('closed\n');
