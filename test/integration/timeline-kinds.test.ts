import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerTimeline } from '../../electron/core/activity/timeline';
import { liveBook } from '../../electron/core/ledger/book';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { setLogSink } from '../../electron/log/log';

let dir: string;
let database: OpenDatabase;
const lines: Record<string, unknown>[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-timeline-'));
  database = openDatabase(join(dir, 'inflow.db'), randomBytes(32));
  setLogSink({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
});

afterAll(async () => {
  setLogSink(null);
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

it('leaves out, and logs, an activity of a kind a newer desk recorded, showing the rest', () => {
  const { sqlite } = database;
  const at = '2026-11-20T10:00:00.000Z';
  const customerId = Number(
    sqlite
      .prepare("INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('manual', 'C-1', 'Acme', 'USD', ?, ?)")
      .run(at, at).lastInsertRowid,
  );
  const activity = sqlite.prepare('INSERT INTO activities (customer_id, kind, body, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
  activity.run(customerId, 'note', JSON.stringify({ text: 'Called the office' }), at, at);
  const future = Number(activity.run(customerId, 'site_visit', JSON.stringify({ where: 'warehouse' }), '2026-11-21T10:00:00.000Z', at).lastInsertRowid);

  const timeline = customerTimeline(sqlite, customerId, 50, liveBook('2026-11-22'), { promises: [], plans: [], disputes: [], discounts: [] });

  expect(timeline.map((entry) => [entry.kind, entry.detail])).toEqual([['note', 'Called the office']]);
  expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'activity.kind.unknown', activityId: future, kind: 'site_visit' }));
});
