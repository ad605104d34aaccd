import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STATEMENT_KINDS, type LetterDay, type StatementKind } from '../../shared/documents';
import { HOLD_LABELS } from '../../shared/outreach/guard-words';
import { AppError } from '../../shared/errors';
import { makePrivate, PRIVATE_FILE_MODE, type Core } from '../core';

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
    customerId,
    kind,
    ...(options['as-of'] ? { asOf: options['as-of'] } : {}),
    ...(options.from ? { from: options.from } : {}),
  });
  const path = resolve(options.out);
  writePrivateFile(path, document.base64);
  if (options.json) return JSON.stringify({ file: path, ...document.preview });
  const totals = document.preview.sections.map((s) => `${s.currency} ${(s.totalMinor / 100).toFixed(2)}`).join(', ') || 'nothing open';
  return `Statement for ${document.preview.customerName} as of ${document.preview.asOf} written to ${path} (${totals}).`;
}

/**
 * letters [--out FILE.pdf] [--posted]: today's letter and agency steps through the send guard; the
 * PDF to print; marking them posted takes the steps. Each held letter is listed with why.
 */
export async function lettersCommand(core: Core, options: { json: boolean; out?: string | undefined; posted: boolean }): Promise<string> {
  let day: LetterDay = await core.call('documents.letters', {});
  let file: string | null = null;
  if (options.out && day.letters.length > 0) {
    const pdf = await core.call('documents.lettersPdf', {});
    // What was printed, as the guard judged it while printing.
    day = { letters: pdf.letters, held: pdf.held };
    file = resolve(options.out);
    writePrivateFile(file, pdf.base64);
  }
  const marked =
    options.posted && day.letters.length > 0 ? await core.call('documents.lettersPosted', { customerIds: day.letters.map((l) => l.customerId) }) : null;
  const held = [...day.held, ...(marked?.held ?? [])];
  const posted = marked?.posted.length ?? 0;
  if (options.json) {
    return JSON.stringify({
      letters: day.letters.map((l) => ({
        externalId: l.externalId,
        customerName: l.customerName,
        stepLabel: l.stepLabel,
        channel: l.channel,
        templateId: l.templateId,
        invoiceNumbers: l.invoiceNumbers,
        dropped: l.dropped.map(({ number, reason }) => ({ number, reason })),
      })),
      held: held.map((h) => ({
        externalId: h.externalId,
        customerName: h.customerName,
        stepLabel: h.stepLabel,
        channel: h.channel,
        hold: h.hold,
        message: h.message,
      })),
      file,
      posted,
    });
  }
  return [
    `${day.letters.length} letter(s) due today${file ? `, written to ${file}` : ''}${posted ? `; ${posted} marked posted` : ''}${held.length ? `; ${held.length} held` : ''}`,
    ...day.letters.map(
      (l) =>
        `  ${l.externalId} ${l.customerName}: ${l.stepLabel} (${l.invoiceNumbers.join(', ')})${l.dropped.length ? `, left out: ${l.dropped.map((d) => `${d.number} ${HOLD_LABELS[d.reason].toLowerCase()}`).join(', ')}` : ''}`,
    ),
    ...held.map((h) => `  held ${h.externalId} ${h.customerName}: ${h.stepLabel}. ${h.message}`),
  ].join('\n');
}

/** A PDF of customers' names and balances is the user's alone, like the database: 0600, an overwritten file too. */
function writePrivateFile(path: string, base64: string): void {
  writeFileSync(path, Buffer.from(base64, 'base64'), { mode: PRIVATE_FILE_MODE });
  makePrivate(path);
}
