import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorShape } from '../../shared/errors';
import type { ImportProblem } from '../../shared/import-mapping';
import { validBases, writeCorpus, type Expectation } from './corpus/generate-malformed';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The generated malformed corpus (test/faults/corpus, see its README): every file, imported into a
 * database that already holds customers, invoices and payments, is refused whole with exactly the
 * problems its NAME.expected.json names, and every table's rows are byte-for-byte what they were.
 */

let t: TempCore;
let corpusDir: string;
let files: string[];
let before: Record<string, string>;

/** A digest of every row of every table, so an update in place is caught, not only a new row. */
function tableDigests(): Record<string, string> {
  const tables = t.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return Object.fromEntries(
    tables.map(({ name }) => {
      const rows = t.query<Record<string, unknown>>(`SELECT * FROM "${name}" ORDER BY 1`);
      return [name, `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`];
    }),
  );
}

beforeAll(async () => {
  t = tempCore();
  corpusDir = join(t.dir, 'corpus');
  await writeCorpus(corpusDir);
  files = readdirSync(corpusDir)
    .filter((f) => !f.endsWith('.expected.json'))
    .sort();
  for (const fixture of ['generic-customers.csv', 'generic-invoices.csv', 'generic-payments.csv']) {
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stage(`erp/${fixture}`), snapshot: false });
  }
  before = tableDigests();
});
afterAll(() => t.dispose());

describe('the malformed corpus is refused file by file, nothing committed', () => {
  it('has at least 100 files, at least 30 of them .xlsx, each with its expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(files.filter((f) => f.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(30);
    for (const file of files) expect(readdirSync(corpusDir)).toContain(`${file}.expected.json`);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['customers', 'invoices', 'payments', 'import_batches']));
    expect(before.invoices).not.toMatch(/^0:/);
  });

  it('every file: rejected with exactly its expected problems, every table unchanged', async () => {
    const failures: string[] = [];
    for (const file of files) {
      const expected = JSON.parse(readFileSync(join(corpusDir, `${file}.expected.json`), 'utf8')) as Expectation;
      const { fileId } = t.core.stageFile(join(corpusDir, file));
      let error;
      try {
        await t.core.call('import.run', { jobId: JOB(), fileId, snapshot: false, ...expected.request });
        failures.push(`${file}: imported, but should be refused (${expected.why})`);
        continue;
      } catch (caught) {
        error = toErrorShape(caught);
      }
      const details = error.details as { problems: ImportProblem[]; problemCount: number } | undefined;
      const check = () => {
        expect(error.code).toBe('IMPORT_REJECTED');
        expect(details?.problemCount).toBe(expected.problems.length);
        expect(details?.problems).toEqual(
          expected.problems.map(({ row, column, value, reason, sheet }) => ({
            row,
            column,
            value: value ?? expect.any(String),
            reason: expect.stringContaining(reason),
            ...(sheet !== undefined ? { sheet } : {}),
          })),
        );
        // A problem names a row (0 only for the whole file) and, where a field is at fault, its column.
        for (const problem of details!.problems) {
          expect(problem.row).toBeGreaterThanOrEqual(problem.column === '' && problem.row === 0 ? 0 : 1);
        }
      };
      try {
        check();
      } catch {
        failures.push(`${file} (${expected.why}): got ${error.code} ${JSON.stringify(details?.problems ?? error.message)}`);
      }
      const after = tableDigests();
      const changed = Object.keys(before).filter((name) => after[name] !== before[name]);
      if (changed.length > 0) failures.push(`${file}: tables changed: ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the corpus bases import, so each refusal is its planted fault', () => {
  it('the unbroken invoices (CSV and XLSX), payments and customers import into a fresh database', async () => {
    const fresh = tempCore();
    try {
      for (const fixture of ['generic-customers.csv', 'generic-invoices.csv']) {
        await fresh.core.call('import.run', { jobId: JOB(), fileId: fresh.stage(`erp/${fixture}`), snapshot: false });
      }
      const summaries = [];
      for (const { file, bytes } of await validBases()) {
        writeFileSync(join(fresh.dir, file), bytes);
        summaries.push(await fresh.core.call('import.run', { jobId: JOB(), fileId: fresh.core.stageFile(join(fresh.dir, file)).fileId, snapshot: false }));
      }
      expect(summaries.map((s) => [s.kind, s.rows])).toEqual([
        ['invoices', 4],
        ['invoices', 4],
        ['payments', 3],
        ['customers', 3],
      ]);
      // The XLSX base is the CSV base: the second import changes nothing.
      expect(summaries[1]).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    } finally {
      await fresh.dispose();
    }
  });
});
