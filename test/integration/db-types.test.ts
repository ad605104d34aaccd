import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { query } from '../../electron/db/typed-query';
import { generateDbTypes, SCHEMA_FILE } from '../../scripts/db-types';

describe('the database types', () => {
  it('are what the migrations build, so they cannot drift from the schema (npm run db:types rewrites them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateDbTypes());
  });

  it('type a query built on them: a column the migrations never made fails the typecheck', () => {
    const built = query.selectFrom('snoozes').select(['customer_id as id', 'reason']).where('until_date', '=', '2026-11-22');
    expect(built.compile().sql).toBe('select "customer_id" as "id", "reason" from "snoozes" where "until_date" = ?');
    // @ts-expect-error -- snoozes has no such column, so this line is what `npm run typecheck` refuses.
    query.selectFrom('snoozes').select('snoozed_by');
  });
});
