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
