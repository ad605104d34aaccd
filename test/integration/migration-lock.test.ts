import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/db/migrations';

/**
 * A shipped migration has already run on users' databases: editing it would leave theirs and a new
 * install with different schemas. Each step's source is locked by its hash; a new step adds a line to
 * checksums.json, an edit to an old one fails here.
 */
const folder = join(__dirname, '../../electron/db/migrations');
const LOCK = JSON.parse(readFileSync(join(folder, 'checksums.json'), 'utf8')) as Record<string, string>;
const steps = readdirSync(folder)
  .filter((file) => /^\d{4}-.+\.ts$/.test(file))
  .sort();
const hash = (file: string): string =>
  createHash('sha256')
    .update(readFileSync(join(folder, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

it('every migration file is listed in order, one per step, numbered from 0001', () => {
  expect(steps).toHaveLength(MIGRATIONS.length);
  steps.forEach((file, n) => expect(file.slice(0, 4)).toBe(String(n + 1).padStart(4, '0')));
  expect(steps.map((file) => file.slice(5, -3))).toEqual(MIGRATIONS.map((step) => step.name));
});

it('no shipped migration has been edited (a new one adds its hash to checksums.json)', () => {
  for (const file of steps) {
    expect(LOCK[file], `${file} is new: add "${file}": "${hash(file)}" to checksums.json`).toBeDefined();
    expect(hash(file), `${file} changed after it shipped; write a new migration instead`).toBe(LOCK[file]);
  }
  expect(Object.keys(LOCK).sort()).toEqual(steps);
});
