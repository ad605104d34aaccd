import { openCore } from '../../electron/core';

/**
 * A core in its own process, so a test can kill it with SIGKILL mid-send: it opens the database
 * named in the environment (its outbox sender starts on its own) and waits to be killed.
 */
const core = openCore({ dbPath: process.env.INFLOW_TEST_DB!, key: Buffer.from(process.env.INFLOW_TEST_KEY!, 'hex') });
process.on('SIGTERM', () => void core.close().then(() => process.exit(0)));
setInterval(() => undefined, 60_000);
