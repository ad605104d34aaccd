import {
  importMappingSchema,
  MAPPING_FIELDS,
  normalizeHeader,
  type ImportKind,
  type ImportMapping,
  type ImportMappingInput,
} from '../../../../shared/import-mapping';
export { fieldLabel } from '../../../../shared/field-label';

/** A custom mapping while the user builds it: possibly incomplete. */
export type MappingDraft = ImportMappingInput;

export function emptyDraft(kind: ImportKind = 'invoices'): MappingDraft {
  return { kind, columns: {} };
}

/** A draft with each field set to the column whose header is its name, however written ("Invoice number" for invoiceNumber). */
export function suggestedDraft(headers: readonly string[], kind: ImportKind = 'invoices'): MappingDraft {
  const byName = new Map(headers.filter((header) => header.trim()).map((header) => [normalizeHeader(header), header]));
  const fields = [...MAPPING_FIELDS[kind].required, ...MAPPING_FIELDS[kind].optional];
  return {
    kind,
    columns: Object.fromEntries(fields.flatMap((field) => (byName.has(normalizeHeader(field)) ? [[field, byName.get(normalizeHeader(field))!]] : []))),
  };
}

/** Switching kind keeps only the columns the new kind knows. */
export function withKind(draft: MappingDraft, kind: ImportKind): MappingDraft {
  const known: readonly string[] = [...MAPPING_FIELDS[kind].required, ...MAPPING_FIELDS[kind].optional];
  const columns = Object.fromEntries(Object.entries(draft.columns).filter(([field]) => known.includes(field)));
  return { ...draft, kind, columns };
}

export function withColumn(draft: MappingDraft, field: string, header: string): MappingDraft {
  const columns = { ...draft.columns };
  if (header) columns[field] = header;
  else delete columns[field];
  return { ...draft, columns };
}

/** The mapping the core would accept, or the required fields still unmapped. */
export function checkDraft(draft: MappingDraft): { mapping: ImportMapping } | { missing: string[] } {
  const parsed = importMappingSchema.safeParse(draft);
  if (parsed.success) return { mapping: parsed.data };
  return { missing: MAPPING_FIELDS[draft.kind].required.filter((field) => !draft.columns[field]) };
}

/** Column header → the field it feeds, for the row above the preview's headers. */
export function fieldsByHeader(mapping: { columns: Record<string, string> } | null): Map<string, string> {
  return new Map(Object.entries(mapping?.columns ?? {}).map(([field, header]) => [header, field]));
}
