import { looksLikeAddress } from '../mime/addresses-in-text';
import { parseHeaderBlock } from '../mime/header-fields';

/** One recipient's block of an RFC 3464 delivery-status report. */
export interface RecipientReport {
  recipient: string | null;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
  remoteMta: string | null;
}

/** A field name that opens or belongs to a DSN block (RFC 3464 §2.2–2.3, plus the X- ones servers add). */
const RECIPIENT_FIELD = /^(?:final-recipient|original-recipient|x-actual-recipient)$/;

/**
 * Reads the per-recipient blocks of a delivery-status body (blocks are separated by blank lines;
 * the first describes the message, the others a recipient each). Lenient: a report whose blocks run
 * together, or fields written into a plain text body, are read as far as they make sense.
 */
export function readDeliveryReport(text: string): RecipientReport[] {
  const reports: RecipientReport[] = [];
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    const fields = parseHeaderBlock(block);
    const recipientField = fields.fields.find((field) => RECIPIENT_FIELD.test(field.name));
    const status = fields.raw('status');
    if (!recipientField && !status) continue;
    reports.push({
      recipient: recipientAddress(fields.raw('final-recipient') ?? fields.raw('original-recipient') ?? fields.raw('x-actual-recipient')),
      action:
        fields
          .raw('action')
          ?.toLowerCase()
          .replace(/\s*\(.*$/, '')
          .trim() ?? null,
      status: status ? (/([245])\.(\d{1,3})\.(\d{1,3})/.exec(status)?.slice(1).join('.') ?? null) : null,
      diagnostic: fields.raw('diagnostic-code')?.replace(/^[\w-]+\s*;\s*/, '') ?? null,
      remoteMta: fields.raw('remote-mta')?.replace(/^[\w-]+\s*;\s*/, '') ?? null,
    });
  }
  return reports;
}

/** "rfc822; user@example.com" → "user@example.com" (angle brackets and comments dropped). */
export function recipientAddress(value: string | undefined): string | null {
  if (!value) return null;
  const address = value
    .replace(/^[\w-]+\s*;/, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/[<>"\s]/g, '');
  return looksLikeAddress(address) ? address.toLowerCase() : null;
}

/** Whether the report says the message did not (yet) get through: failed, delayed, or a 4/5 status. */
export function isFailure(report: RecipientReport): boolean {
  if (report.action) return report.action.startsWith('fail') || report.action.startsWith('delay');
  return report.status !== null && report.status[0] !== '2';
}
