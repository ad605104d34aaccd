import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../electron/core/settings';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { setLogSink } from '../../electron/log/log';

let dir: string;
let database: OpenDatabase;
const lines: Record<string, unknown>[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-settings-'));
  database = openDatabase(join(dir, 'inflow.db'), randomBytes(32));
  setLogSink({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
});

afterAll(async () => {
  setLogSink(null);
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const store = (key: string, value: unknown): void => {
  database.sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
};

describe('reading a stored setting', () => {
  it('returns a valid stored value and logs nothing', () => {
    setSetting(database.sqlite, 'promiseGraceDays', 5, '2026-11-22T12:00:00.000Z');
    expect(getSetting(database.sqlite, 'promiseGraceDays')).toBe(5);
    expect(lines).toEqual([]);
  });

  it('falls back to the default for a value that no longer parses, with an error in the log naming the key, once', () => {
    store('smtp', { host: 'mail.example.com', port: 'not a port', password: 'hunter2' });
    expect(getSetting(database.sqlite, 'smtp')).toBeNull();
    expect(getSetting(database.sqlite, 'smtp')).toBeNull();
    expect(lines).toEqual([expect.objectContaining({ level: 'error', event: 'settings.unreadable', key: 'smtp' })]);
    // Logs are for ids: the stored value (here with a password) never reaches the line.
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(JSON.stringify(lines)).not.toContain('mail.example.com');
  });

  it('treats stored text that is not JSON as unreadable too, instead of failing the read', () => {
    database.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES ('promiseGraceDays', '{five') ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run();
    expect(getSetting(database.sqlite, 'promiseGraceDays')).toBe(2);
    expect(lines.at(-1)).toEqual(expect.objectContaining({ level: 'error', event: 'settings.unreadable', key: 'promiseGraceDays' }));
  });

  it('logs again when a different unreadable value is stored', () => {
    store('promiseGraceDays', 999);
    expect(getSetting(database.sqlite, 'promiseGraceDays')).toBe(2);
    expect(lines.at(-1)).toEqual(expect.objectContaining({ event: 'settings.unreadable', key: 'promiseGraceDays' }));
  });
});
