import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STATEMENT_KINDS, type StatementKind } from '../../shared/documents';
import { AppError } from '../../shared/errors';
import type { Core } from '../core';

export interface StatementOptions {
  json: boolean;
  customer?: string | undefined;
  'as-of'?: string | undefined;
  from?: string | undefined;
  kind?: string | undefined;
  out?: string | undefined;
}

/** statement --customer ID [--as-of D] [--kind open_items|activity --from D] --out FILE.pdf: the PDF the app makes, written to a file. */
export async function statementCommand(core: Core, options: StatementOptions): Promise<string> {
  if (!options.customer) throw new AppError('INVALID_INPUT', 'statement needs --customer EXTERNAL_ID.');
  if (!options.out) throw new AppError('INVALID_INPUT', 'statement needs --out FILE.pdf.');
  const kind = (options.kind ?? 'open_items') as StatementKind;
  if (!STATEMENT_KINDS.includes(kind)) throw new AppError('INVALID_INPUT', `--kind is ${STATEMENT_KINDS.join(' or ')}.`);
  const { customerId } = await core.call('customer.lookup', { externalId: options.customer });
  const document = await core.call('documents.statement', {
    customerId, kind, ...(options['as-of'] ? { asOf: options['as-of'] } : {}), ...(options.from ? { from: options.from } : {}),
  });
  const path = resolve(options.out);
  writeFileSync(path, Buffer.from(document.base64, 'base64'));
  if (options.json) return JSON.stringify({ file: path, ...document.preview });
  const totals = document.preview.sections.map((s) => `${s.currency} ${(s.totalMinor / 100).toFixed(2)}`).join(', ') || 'nothing open';
  return `Statement for ${document.preview.customerName} as of ${document.preview.asOf} written to ${path} (${totals}).`;
}

/** letters [--out FILE.pdf] [--posted]: today's letter and agency steps; the PDF to print; marking them posted takes the steps. */
export async function lettersCommand(core: Core, options: { json: boolean; out?: string | undefined; posted: boolean }): Promise<string> {
  const due = await core.call('documents.letters', {});
  const lines: string[] = due.map((l) => `  ${l.externalId} ${l.customerName}: ${l.stepLabel} (${l.invoiceNumbers.join(', ')})`);
  let file: string | null = null;
  if (options.out && due.length > 0) {
    const pdf = await core.call('documents.lettersPdf', {});
    file = resolve(options.out);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  }
  const posted = options.posted && due.length > 0 ? await core.call('documents.lettersPosted', { customerIds: due.map((l) => l.customerId) }) : [];
  if (options.json) return JSON.stringify({ letters: due.map(({ customerId: _internal, invoiceIds: _ids, ...rest }) => rest), file, posted: posted.length });
  return [`${due.length} letter(s) due today${file ? `, written to ${file}` : ''}${posted.length ? `; ${posted.length} marked posted` : ''}`, ...lines].join('\n');
}
