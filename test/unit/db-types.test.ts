import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDbTypes, SCHEMA_FILE } from '../../scripts/db-types';

describe('the database types', () => {
  it('are what the migrations build, so they cannot drift from the schema (npm run db:types rewrites them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateDbTypes());
  });
});
