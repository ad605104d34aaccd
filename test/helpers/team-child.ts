import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openCore } from '../../electron/core';

/**
 * A joined team desk in its own process, for SIGKILL trials (test/faults/team-crash.test.ts): it
 * writes notes and exchanges with the team server the whole time. Lines on stdout: `go` when it
 * starts, `note <n>` once each note is committed, `synced` after each exchange. It never stops by
 * itself. Starts on one JSON line of settings on stdin, like crash-child.ts.
 */
const [settings] = (await once(createInterface({ input: process.stdin }), 'line')) as [string];
const env = JSON.parse(settings) as Record<string, string>;
const frozen = new Date(env.INFLOW_TEST_NOW!);
const core = openCore({
  dbPath: env.INFLOW_TEST_DB!,
  key: Buffer.from(env.INFLOW_TEST_KEY!, 'hex'),
  clock: () => frozen,
  sendMail: false,
  scheduleSync: false,
  watchInbox: false,
});
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const { customerId } = await core.call('customer.lookup', { externalId: 'C-001' });
say('go');
for (let n = 0; ; n++) {
  await core.call('activity.addNote', { customerId, text: `${env.INFLOW_TRIAL} note ${n}` });
  say(`note ${n}`);
  if (n % 7 === 6) {
    await core.call('team.sync', {});
    say('synced');
  }
}
