import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openCore } from '../../electron/core';

/**
 * A joined team desk in its own process, for SIGKILL trials (test/faults/team-crash.test.ts): it
 * records notes in rounds of INFLOW_BATCH (INFLOW_GAP_MS apart) and exchanges with the team server
 * after each round.
 * Lines on stdout: `go` when it starts, `note <n>` once its n-th note (text `<INFLOW_TRIAL> note <n>`)
 * is committed, `sync <r>` as the r-th exchange starts, then `synced <r>` or `offline <r>` (the server
 * cannot be reached: it carries on recording, as a desk does). A `stop` line on stdin ends it after
 * the step under way (`stopped`); otherwise it runs until killed. Starts on one JSON line of settings
 * on stdin, like crash-child.ts.
 */
const lines = createInterface({ input: process.stdin });
const [settings] = (await once(lines, 'line')) as [string];
let stopping = false;
lines.on('line', (line) => {
  if (line === 'stop') stopping = true;
});
const env = JSON.parse(settings) as Record<string, string>;
const frozen = new Date(env.INFLOW_TEST_NOW!);
const batch = Number(env.INFLOW_BATCH ?? 7);
// A desk recording in the background of a trial takes a breath between notes, as a person would.
const gapMs = Number(env.INFLOW_GAP_MS ?? 0);
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
let note = 0;
for (let round = 1; !stopping; round++) {
  for (let i = 0; i < batch && !stopping; i++, note++) {
    await core.call('activity.addNote', { customerId, text: `${env.INFLOW_TRIAL} note ${note}` });
    say(`note ${note}`);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  if (stopping) break;
  say(`sync ${round}`);
  try {
    await core.call('team.sync', {});
    say(`synced ${round}`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'OFFLINE') throw error;
    say(`offline ${round}`);
  }
}
await core.close();
say('stopped');
process.exit(0);
