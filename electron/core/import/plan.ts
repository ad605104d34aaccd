import { MAPPING_FIELDS, normalizeHeader, type ImportKind, type ImportMapping, type ImportProblem } from '../../../shared/import-mapping';
import { fieldLabel } from '../../../shared/field-label';
import type { CsvRow } from './read-csv';
import type { DateFormat } from './parse-date';
import { PRESETS, type Dialect, type Preset } from './presets';

/** Everything needed to read the data rows of one file: where the header is and which column is which. */
export interface ImportPlan {
  kind: ImportKind;
  /** Preset id, or "custom" for a user mapping. */
  preset: string;
  source: string;
  dialect: Dialect;
  /** Index into the file's rows of the header row. */
  headerIndex: number;
  headers: string[];
  columns: Record<string, { index: number; header: string }>;
  dateFormat?: DateFormat;
  /** Settles a day/month order the data leaves open (a preset knows its ERP; a user mapping states dateFormat). */
  dateOrder?: DateFormat;
  decimalSeparator?: '.' | ',';
  currency?: string;
}

/** Preambles (a report title, "As of …") sit above the header; look this far down for it. */
export const HEADER_SEARCH_ROWS = 30;

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[] };

export function planFromPreset(preset: Preset, rows: readonly CsvRow[], currency: string | undefined): PlanResult {
  type Candidate = { index: number; found: Record<string, { index: number; header: string }>; missing: string[] };
  let chosen: Candidate | null = null;
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const normalized = row.cells.map(normalizeHeader);
    const found: Candidate['found'] = {};
    for (const [field, names] of Object.entries(preset.columns)) {
      const column = names.map((n) => normalized.indexOf(normalizeHeader(n))).find((i) => i !== -1);
      if (column !== undefined) found[field] = { index: column, header: row.cells[column]!.trim() };
    }
    const missing = preset.required.filter((field) => !found[field]);
    if (!chosen || missing.length < chosen.missing.length) chosen = { index, found, missing };
    if (missing.length === 0) break;
  }
  if (!chosen || chosen.missing.length > 0) {
    const headerRow = chosen ? chosen.index + 1 : 1;
    return {
      ok: false,
      problems: (chosen?.missing ?? preset.required).map((field) => ({
        row: headerRow,
        column: fieldLabel(field),
        value: '',
        reason: `required column "${fieldLabel(field)}" not found (expected a header named ${preset.columns[field]!.map((n) => `"${n}"`).join(' or ')})`,
      })),
    };
  }
  const duplicated = duplicateHeaders(rows[chosen.index]!, Object.values(chosen.found), chosen.index + 1);
  if (duplicated.length > 0) return { ok: false, problems: duplicated };
  return {
    ok: true,
    plan: {
      kind: preset.kind,
      preset: preset.id,
      source: preset.source,
      dialect: preset.dialect,
      headerIndex: chosen.index,
      headers: rows[chosen.index]!.cells.map((c) => c.trim()),
      columns: chosen.found,
      dateOrder: preset.dateOrder,
      decimalSeparator: preset.decimalSeparator,
      currency,
    },
  };
}

export function planFromMapping(mapping: ImportMapping, rows: readonly CsvRow[], name: string): PlanResult {
  const wanted = Object.entries(mapping.columns);
  const index = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => {
    const normalized = row.cells.map(normalizeHeader);
    return wanted.every(([, header]) => normalized.includes(normalizeHeader(header)));
  });
  if (index === -1) {
    // Report against the line that looks most like the header (a title may sit above it), so only
    // the columns really absent are named, at that line.
    const candidates = rows.slice(0, HEADER_SEARCH_ROWS).map((row) => row.cells.map(normalizeHeader));
    const found = (cells: string[]) => wanted.filter(([, header]) => cells.includes(normalizeHeader(header))).length;
    const best = candidates.reduce((bestIndex, cells, i) => (found(cells) > found(candidates[bestIndex] ?? []) ? i : bestIndex), 0);
    const header = candidates[best] ?? [];
    return {
      ok: false,
      problems: wanted
        .filter(([, column]) => !header.includes(normalizeHeader(column)))
        .map(([field, column]) => ({ row: best + 1, column, value: '', reason: `mapped column "${column}" (for ${fieldLabel(field)}) is not in the file` })),
    };
  }
  const normalized = rows[index]!.cells.map(normalizeHeader);
  const columns = Object.fromEntries(
    wanted.map(([field, header]) => {
      const column = normalized.indexOf(normalizeHeader(header));
      return [field, { index: column, header: rows[index]!.cells[column]!.trim() }];
    }),
  );
  const duplicated = duplicateHeaders(rows[index]!, Object.values(columns), index + 1);
  if (duplicated.length > 0) return { ok: false, problems: duplicated };
  return {
    ok: true,
    plan: {
      kind: mapping.kind,
      preset: name,
      source: mapping.source ?? 'generic',
      dialect: 'plain',
      headerIndex: index,
      headers: rows[index]!.cells.map((c) => c.trim()),
      columns,
      dateFormat: mapping.dateFormat,
      decimalSeparator: mapping.decimalSeparator,
      currency: mapping.currency,
    },
  };
}

/** A column read by a field whose header the file has twice: which of the two is meant cannot be known. */
function duplicateHeaders(header: CsvRow, used: readonly { index: number; header: string }[], row: number): ImportProblem[] {
  const normalized = header.cells.map(normalizeHeader);
  return used.flatMap((column) => {
    const at = normalized.flatMap((name, i) => (name === normalized[column.index] ? [i + 1] : []));
    return at.length > 1
      ? [
          {
            row,
            column: column.header,
            value: column.header,
            reason: `header "${column.header}" appears in columns ${at.slice(0, -1).join(', ')} and ${at.at(-1)}; rename or delete all but one so it is clear which to read`,
          },
        ]
      : [];
  });
}

/**
 * The first preset (specific exports before generic ones) whose required columns are all in the file;
 * failing that, the closest one, so the user learns which columns are missing rather than "unknown file".
 */
export function detectPreset(rows: readonly CsvRow[]): { preset: Preset; matches: boolean } | null {
  const specific = [...PRESETS].sort((a, b) => Number(a.dialect === 'plain') - Number(b.dialect === 'plain'));
  let closest: { preset: Preset; missing: number } | null = null;
  let customers: Preset | null = null;
  for (const preset of specific) {
    const result = planFromPreset(preset, rows, undefined);
    if (result.ok) {
      if (preset.kind !== 'customers') return { preset, matches: true };
      customers ??= preset;
      continue;
    }
    const missing = result.problems.length;
    // Only a preset that recognises most of its required columns is "close".
    if (missing * 2 < preset.required.length && (!closest || missing < closest.missing)) closest = { preset, missing };
  }
  // A customers list matches almost any export with a customer id and name. An invoices or payments
  // export that lacks a column or two is that, not a customers list: refuse it for those columns.
  if (customers && !closest) return { preset: customers, matches: true };
  return closest ? { preset: closest.preset, matches: false } : null;
}

/** The plan as a user mapping (standard fields only), to show in the import screen or save and edit. */
export function planToMapping(plan: ImportPlan): ImportMapping {
  const known: readonly string[] = [...MAPPING_FIELDS[plan.kind].required, ...MAPPING_FIELDS[plan.kind].optional];
  const columns = Object.fromEntries(
    Object.entries(plan.columns)
      .filter(([field]) => known.includes(field))
      .map(([field, c]) => [field, c.header]),
  );
  return {
    kind: plan.kind,
    columns,
    ...(plan.dateFormat ? { dateFormat: plan.dateFormat } : {}),
    ...(plan.currency ? { currency: plan.currency } : {}),
    ...(plan.decimalSeparator ? { decimalSeparator: plan.decimalSeparator } : {}),
    source: plan.source,
  };
}
