import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ImportPreview } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { importMappingSchema, type ImportMapping, type ImportProblem, type ImportSummary } from '../../../shared/import-mapping';
import { nowOf, todayOf, type CoreContext } from '../context';
import type { Job } from '../jobs/job-registry';
import { writeBatch } from '../ledger/write-batch';
import { getSetting } from '../settings';
import { convertRows } from './convert';
import { detectPreset, planFromMapping, planFromPreset, planToMapping, type ImportPlan, type PlanResult } from './plan';
import { findPreset } from './presets';
import { rejectImport } from './problems';
import type { CsvFile, CsvRow } from './read-csv';
import { readConversion } from './read-conversion';
import { openTable, readTable } from './read-table';
import type { TableSource } from './table-source';
import type { ColumnsRow } from '../../db/typed-row';

export interface ImportRequest {
  fileId: string;
  /** The worksheet of a workbook; the first visible one when absent. */
  sheet?: string | undefined;
  preset?: string | undefined;
  mapping?: ImportMapping | undefined;
}

const PREVIEW_ROWS = 20;
const PREVIEW_READ_ROWS = 200;

function plan(ctx: CoreContext, request: ImportRequest, rows: readonly CsvRow[]): PlanResult | null {
  const currency = getSetting(ctx.database.sqlite, 'baseCurrency');
  if (request.mapping) return planFromMapping(request.mapping, rows, 'custom');
  if (request.preset) {
    const preset = findPreset(request.preset);
    if (preset) return planFromPreset(preset, rows, currency);
    const saved = savedMapping(ctx, request.preset);
    if (saved) return planFromMapping(saved, rows, request.preset);
    throw new AppError('NOT_FOUND', `No preset or saved mapping named "${request.preset}".`);
  }
  // A mapping the user saved for this kind of file comes first: its columns are all in this one.
  for (const { name, mapping } of savedMappings(ctx)) {
    const result = planFromMapping(mapping, rows, name);
    if (result.ok) return result;
  }
  const detected = detectPreset(rows);
  if (!detected) return null;
  const result = planFromPreset(detected.preset, rows, currency);
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((p) => ({ ...p, reason: `looks like "${detected.preset.label}", but its ${p.reason}` })),
  };
}

function savedMapping(ctx: CoreContext, name: string): ImportMapping | null {
  const row = ctx.database.sqlite.prepare('SELECT mapping FROM saved_mappings WHERE name = ?').get(name) as ColumnsRow<'saved_mappings', 'mapping'> | undefined;
  return row ? importMappingSchema.parse(JSON.parse(row.mapping)) : null;
}

function savedMappings(ctx: CoreContext): { name: string; mapping: ImportMapping }[] {
  return (
    ctx.database.sqlite.prepare('SELECT name, mapping FROM saved_mappings ORDER BY updated_at DESC, name').all() as { name: string; mapping: string }[]
  ).map((row) => ({ name: row.name, mapping: importMappingSchema.parse(JSON.parse(row.mapping)) }));
}

/**
 * The head of the last few files previewed, by file and sheet: a staged file never changes, and a
 * workbook's head costs far more to read (unzip, shared strings) than a preview's mapping change
 * costs to apply, so each change of the mapping re-reads nothing.
 */
const heads = new Map<string, Promise<CsvFile>>();
const HEADS_KEPT = 4;

function previewHead(fileId: string, path: string, name: string, sheet: string | undefined): Promise<CsvFile> {
  const key = `${fileId}\u0000${sheet ?? ''}`;
  let head = heads.get(key);
  if (!head) {
    head = readTable(path, name, { maxRows: PREVIEW_READ_ROWS, sheet });
    // A failed read is not kept: the next try reads again.
    head.catch(() => heads.delete(key));
    heads.set(key, head);
    if (heads.size > HEADS_KEPT) heads.delete(heads.keys().next().value!);
  }
  return head;
}

export async function previewImport(ctx: CoreContext, request: ImportRequest): Promise<ImportPreview> {
  const file = ctx.files.get(request.fileId);
  const csv = await previewHead(request.fileId, file.path, file.name, request.sheet);
  const result = plan(ctx, request, csv.rows);
  const base = { fileName: file.name, delimiter: csv.delimiter, ...(csv.sheet !== undefined ? { sheet: csv.sheet } : {}) };
  if (!result || !result.ok) {
    return {
      ...base,
      preset: request.preset ?? null,
      mapping: null,
      headers: csv.rows[0]?.cells ?? [],
      headerRow: 1,
      rows: csv.rows.slice(1, PREVIEW_ROWS + 1).map((r) => r.cells),
      problems: withSheet(result?.ok === false ? result.problems : emptyFile(csv.rows, 0), csv.sheet),
    };
  }
  const conversion = convertRows(
    csv.rows.slice(0, result.plan.headerIndex + 1 + PREVIEW_ROWS),
    result.plan,
    csv.delimiter,
    result.plan.currency ?? getSetting(ctx.database.sqlite, 'baseCurrency'),
  );
  return {
    ...base,
    preset: result.plan.preset,
    ...(findPreset(result.plan.preset) || result.plan.preset === 'custom' ? {} : { savedMapping: result.plan.preset }),
    mapping: planToMapping(result.plan),
    headers: result.plan.headers,
    headerRow: result.plan.headerIndex + 1,
    rows: csv.rows.slice(result.plan.headerIndex + 1, result.plan.headerIndex + 1 + PREVIEW_ROWS).map((r) => r.cells),
    problems: withSheet([...emptyFile(csv.rows, result.plan.headerIndex), ...conversion.problems.list], csv.sheet),
  };
}

/** An empty file, or one with a header and nothing under it, is refused at the preview, not after Import. */
function emptyFile(rows: readonly CsvRow[], headerIndex: number): ImportProblem[] {
  const hasCells = (row: CsvRow): boolean => row.cells.some((cell) => cell.trim() !== '');
  if (!rows.some(hasCells)) return [{ row: 0, column: '', value: '', reason: 'the file is empty: export the invoices again and check it has rows' }];
  if (!rows.slice(headerIndex + 1).some(hasCells)) return [{ row: headerIndex + 2, column: '', value: '', reason: 'the file has a header but no data rows' }];
  return [];
}

/**
 * Reads, validates and writes one file: every row valid, or nothing written and every problem reported.
 * Rows are converted as they stream in (with progress, honouring cancel), so the file is never held
 * as rows; the write is one transaction.
 */
export async function runImport(ctx: CoreContext, request: ImportRequest & { snapshot: boolean }, job: Job, touched?: Set<number>): Promise<ImportSummary> {
  const file = ctx.files.get(request.fileId);
  const table = await openTable(file.path, file.name, {
    sheet: request.sheet,
    signal: job.signal,
    onProgress: (done, total) => job.progress('reading', done, total),
  });
  return inSheet(table.sheet, () => validateAndWrite(ctx, request, job, file, table, touched));
}

async function validateAndWrite(
  ctx: CoreContext,
  request: ImportRequest & { snapshot: boolean },
  job: Job,
  file: { name: string; path: string },
  table: TableSource,
  touched?: Set<number>,
): Promise<ImportSummary> {
  const planned = await readConversion(table, (head) => plan(ctx, request, head), getSetting(ctx.database.sqlite, 'baseCurrency'));
  const { conversion } = planned;
  job.progress('validating', conversion.rows, conversion.rows);
  if (conversion.problems.count > 0) rejectImport(conversion.problems.list, conversion.problems.count);
  if (conversion.rows === 0) rejectImport([{ row: planned.plan.headerIndex + 2, column: '', value: '', reason: 'the file has a header but no data rows' }]);
  if (request.snapshot && planned.plan.kind !== 'invoices') {
    throw new AppError('INVALID_INPUT', 'Snapshot mode only applies to open-invoice files.');
  }
  if (job.signal.aborted) throw new AppError('CANCELLED', 'Import cancelled; nothing was written.');
  const fileSha256 = await sha256(file.path);
  job.progress('writing', 0, 1);
  conversion.batch.snapshot = request.snapshot;
  const { sqlite } = ctx.database;
  // The rows and the record of the batch commit together: a crash leaves both or neither.
  return sqlite.transaction(() => {
    const counts = withFileColumns(planned.plan, () => writeBatch(sqlite, conversion.batch, todayOf(ctx), nowOf(ctx), touched));
    const summary: ImportSummary = {
      kind: planned.plan.kind,
      preset: planned.plan.preset,
      source: planned.plan.source,
      rows: conversion.rows,
      skipped: conversion.skipped,
      ...counts,
    };
    sqlite
      .prepare('INSERT INTO import_batches (source, preset, kind, file_name, file_sha256, snapshot, committed_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(summary.source, summary.preset, summary.kind, file.name, fileSha256, request.snapshot ? 1 : 0, nowOf(ctx), JSON.stringify(summary));
    return summary;
  })();
}

/** Problems found while writing name fields; show the file's own column headers instead. */
function withFileColumns<T>(plan: ImportPlan, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'IMPORT_REJECTED') throw error;
    const details = error.details as { problems: ImportProblem[]; problemCount: number };
    return rejectImport(
      details.problems.map((p) => ({ ...p, column: plan.columns[p.column]?.header ?? p.column })),
      details.problemCount,
    );
  }
}

function withSheet(problems: ImportProblem[], sheet: string | undefined): ImportProblem[] {
  return sheet === undefined ? problems : problems.map((p) => ({ ...p, sheet }));
}

/** Names the worksheet in every problem of a workbook import, so a row number says where to look. */
async function inSheet<T>(sheet: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (sheet === undefined || !(error instanceof AppError) || error.code !== 'IMPORT_REJECTED') throw error;
    const details = error.details as { problems: ImportProblem[]; problemCount: number };
    throw new AppError(
      'IMPORT_REJECTED',
      `Nothing was imported: ${details.problemCount} problem${details.problemCount === 1 ? '' : 's'} in sheet "${sheet}".`,
      {
        problems: withSheet(details.problems, sheet),
        problemCount: details.problemCount,
      },
    );
  }
}

/** The content hash that tells a changed export from one already imported. */
export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
