import { z } from 'zod';
import { currencyCodeSchema } from './value-schemas';

/**
 * The user mapping file: a documented interface that other tools write. Values in `columns` are the
 * export's column headers. Only the fields listed as required for each kind must be mapped.
 */
export const IMPORT_KINDS = ['invoices', 'payments', 'customers'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const MAPPING_FIELDS = {
  invoices: {
    required: ['invoiceNumber', 'customerId', 'issueDate', 'dueDate', 'amount'],
    optional: ['customerName', 'openBalance', 'paidDate', 'currency', 'disputed', 'externalId', 'status', 'billing'],
  },
  payments: {
    required: ['paymentId', 'customerId', 'date', 'amount'],
    optional: ['customerName', 'invoiceNumber', 'currency', 'method', 'reference'],
  },
  customers: {
    required: ['customerId', 'name'],
    optional: ['currency', 'email', 'phone', 'contactName', 'termsDays', 'creditLimit', 'segment', 'collector', 'country'],
  },
} as const satisfies Record<ImportKind, { required: readonly string[]; optional: readonly string[] }>;

export const DATE_FORMATS = [
  'yyyy-MM-dd',
  'M/d/yyyy',
  'MM/dd/yyyy',
  'd/M/yyyy',
  'dd/MM/yyyy',
  'd.M.yyyy',
  'dd.MM.yyyy',
  'd-M-yyyy',
  'M-d-yyyy',
  'yyyy/MM/dd',
  'd MMM yyyy',
  'MMM d, yyyy',
] as const;

export const importMappingSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    columns: z.record(z.string(), z.string().min(1)),
    /** One of DATE_FORMATS, or omitted to detect (refused when day/month order is ambiguous). */
    dateFormat: z.enum(DATE_FORMATS).optional(),
    /** Currency used when the file has no currency column (or an empty cell). */
    currency: currencyCodeSchema.optional(),
    /** Omitted: detected from the amounts ("1.234,56" → ","), else "," for semicolon files, else ".". */
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** Source name that scopes external ids; defaults to the mapping's name or "file". */
    source: z.string().min(1).max(64).optional(),
  })
  .superRefine((mapping, ctx) => {
    const spec = MAPPING_FIELDS[mapping.kind];
    const known: readonly string[] = [...spec.required, ...spec.optional];
    for (const field of spec.required) {
      if (!mapping.columns[field]) {
        ctx.addIssue({ code: 'custom', path: ['columns', field], message: `"${field}" must be mapped to a column` });
      }
    }
    for (const field of Object.keys(mapping.columns)) {
      if (!known.includes(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', field],
          message: `unknown field "${field}" for ${mapping.kind}; known: ${known.join(', ')}`,
        });
      }
    }
  });
export type ImportMapping = z.infer<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;

/** File names an import takes: delimited text and Excel workbooks (the file picker, the CLI, the watched folder). */
export const IMPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm'] as const;

/** The row of a problem with the whole file (not a workbook, encrypted, binary, empty) rather than one of its rows. */
export const FILE_LEVEL_ROW = 0;

export interface ImportProblem {
  /** 1-based line number in the file or spreadsheet row of the sheet (the header is row 1 unless a preamble precedes it); FILE_LEVEL_ROW for the whole file. */
  row: number;
  column: string;
  value: string;
  reason: string;
  /** The worksheet the row is on, for a workbook. */
  sheet?: string;
}

/** What one write into the ledger did, counted by kind. */
export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  customersCreated: number;
  paymentsCreated: number;
  creditsCreated: number;
}

export interface ImportSummary extends WriteCounts {
  kind: ImportKind;
  preset: string;
  source: string;
  rows: number;
  /** Valid rows that are not receivables (drafts, vendor bills, voided invoices). */
  skipped: number;
}

export const PROBLEM_LIST_LIMIT = 1000;

/**
 * A header as compared with another: case, spaces and punctuation ignored ("invoiceNumber",
 * "Invoice number", "INVOICE_NUMBER" and "*Invoice Number" are one), but "#" and "%" kept, since
 * "Invoice" and "Invoice #" are often two different columns.
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#%]+/gu, '');
}
