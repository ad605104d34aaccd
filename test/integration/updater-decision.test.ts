import { afterEach, describe, expect, it } from 'vitest';
import { canRestartForUpdate } from '../../electron/main/updater/restart-decision';
import { tempCore, type TempCore } from '../helpers/temp-core';

describe('restart for update', () => {
  it.each([
    ['idle with an update ready', { updateReady: true, busy: { outboxSending: false, jobsRunning: 0 } }, true],
    ['no update downloaded', { updateReady: false, busy: { outboxSending: false, jobsRunning: 0 } }, false],
    ['the outbox sending', { updateReady: true, busy: { outboxSending: true, jobsRunning: 0 } }, false],
    ['an import or sync running', { updateReady: true, busy: { outboxSending: false, jobsRunning: 1 } }, false],
    ['both', { updateReady: true, busy: { outboxSending: true, jobsRunning: 2 } }, false],
    ['the core not answering', { updateReady: true, busy: null }, false],
  ])('%s → restart %s', (_case, facts, restart) => {
    const decision = canRestartForUpdate(facts);
    expect(decision.restart).toBe(restart);
    if (!decision.restart) expect(decision.reason).toMatch(/\w/);
  });

  it('says why it waits', () => {
    expect(canRestartForUpdate({ updateReady: true, busy: { outboxSending: true, jobsRunning: 0 } })).toMatchObject({
      reason: expect.stringMatching(/Emails are being sent/),
    });
    expect(canRestartForUpdate({ updateReady: true, busy: { outboxSending: false, jobsRunning: 2 } })).toMatchObject({
      reason: expect.stringMatching(/2 imports or syncs are running/),
    });
  });
});

describe('app.busy', () => {
  let temp: TempCore;
  afterEach(() => temp.dispose());

  it('reports a running job and queued mail the sender will send', async () => {
    temp = tempCore();
    expect(await temp.core.call('app.busy', {})).toEqual({ outboxSending: false, jobsRunning: 0 });
    const loading = temp.core.call('sample.load', { jobId: 'sample-1' });
    expect(await temp.core.call('app.busy', {})).toMatchObject({ jobsRunning: 1 });
    await loading;
    expect(await temp.core.call('app.busy', {})).toEqual({ outboxSending: false, jobsRunning: 0 });
  });
});
