import { defineConfig } from 'vitest/config';

// Two projects, run separately by `npm run test:unit` and `npm run test:integration` (both by `npm test`):
// unit tests are pure (no database file, server, child process or temp directory; ESLint refuses
// those imports in test/unit), integration tests use the real ones, and the fault suite is theirs too.
/** Integration files run at once; measured on the 2-core build machine (README, "Test suite time"). */
const INTEGRATION_WORKERS = 2;

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI reads a JSON report per project (scripts/ci-summary.mjs) to print its "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: `reports/${process.env.INFLOW_TEST_PROJECT ?? 'vitest'}.json` }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/faults/**/*.test.ts'],
          // One initdb for the run's PostgreSQL clusters instead of one per file (test/helpers/postgres-server.ts).
          globalSetup: ['test/helpers/postgres-template-setup.ts'],
          // These files mostly wait (on servers, child processes, retry delays), so two run at once;
          // vitest's default is one fewer than the cores, a single file at a time on a 2-core machine.
          // VITEST_MAX_WORKERS still overrides (README, "Test suite time").
          maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || INTEGRATION_WORKERS,
        },
      },
    ],
  },
});
