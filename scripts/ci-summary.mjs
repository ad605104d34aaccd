// Prints one "N passed, N failed" line from the JSON reports of vitest and Playwright for CI
// (kept in reports/, since Playwright empties test-results/ when it starts).
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitest = ['reports/unit.json', 'reports/integration.json'].map(read);
const e2e = read('reports/e2e.json');
const sum = (field) => vitest.reduce((total, report) => total + (report?.[field] ?? 0), 0);
const passed = sum('numPassedTests') + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failed = sum('numFailedTests') + (e2e?.stats?.unexpected ?? 0);
const skipped = sum('numPendingTests') + sum('numTodoTests') + (e2e?.stats?.skipped ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
