import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The updater's wiring with electron-updater mocked: the packaged feed only, restart only when idle. */
type FakeUpdater = EventEmitter & {
  setFeedURL: ReturnType<typeof vi.fn>;
  checkForUpdates: ReturnType<typeof vi.fn>;
  quitAndInstall: ReturnType<typeof vi.fn>;
  autoDownload: boolean;
};
const fake = vi.hoisted((): { updater: unknown } => ({ updater: null }));
vi.mock('electron-updater', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const updater = Object.assign(new Emitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
  fake.updater = updater;
  return { default: { autoUpdater: updater } };
});

const updater = () => fake.updater as FakeUpdater;

describe('auto update', () => {
  let stop = (): void => undefined;
  afterEach(() => {
    stop();
    updater().removeAllListeners();
    vi.clearAllMocks();
  });

  it("checks the build's own feed at start (never one set at run time), downloads in the background, and waits for the outbox before restarting", async () => {
    vi.useFakeTimers();
    const { startUpdater } = await import('../../electron/main/updater/auto-update');
    let busy = { outboxSending: true, jobsRunning: 0 };
    const onReady = vi.fn();
    const instance = startUpdater({ packaged: true, busy: async () => busy, onReady });
    stop = instance.stop;
    await vi.advanceTimersByTimeAsync(0);
    expect(updater().autoDownload).toBe(true);
    expect(updater().checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater().setFeedURL).not.toHaveBeenCalled();
    updater().emit('update-downloaded', { version: '0.2.0' });
    expect(onReady).toHaveBeenCalledWith('0.2.0');
    expect(await instance.restartWhenSafe()).toMatchObject({ state: 'waiting', message: expect.stringMatching(/Emails are being sent/) });
    expect(updater().quitAndInstall).not.toHaveBeenCalled();
    busy = { outboxSending: false, jobsRunning: 0 };
    await vi.advanceTimersByTimeAsync(30_000);
    expect(updater().quitAndInstall).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(updater().checkForUpdates).toHaveBeenCalledTimes(1); // a ready update is not checked for again
    vi.useRealTimers();
  });

  it('is off in a development run (no packaged feed)', async () => {
    const { startUpdater } = await import('../../electron/main/updater/auto-update');
    const instance = startUpdater({ packaged: false, busy: async () => null, onReady: vi.fn() });
    stop = instance.stop;
    expect(await instance.check()).toMatchObject({ state: 'off', message: expect.stringMatching(/installed app/) });
    expect(updater().checkForUpdates).not.toHaveBeenCalled();
    expect(await instance.restartWhenSafe()).toMatchObject({ state: 'off', message: 'No update is ready yet.' });
  });
});
