import { openCore } from '../../electron/core';

/** A core in its own process that starts a sync at once, so a test can kill it with SIGKILL mid-sync. */
const core = openCore({ dbPath: process.env.INFLOW_TEST_DB!, key: Buffer.from(process.env.INFLOW_TEST_KEY!, 'hex'), sendMail: false, scheduleSync: false });
void core.call('sync.run', {}).catch(() => undefined);
setInterval(() => undefined, 60_000);
