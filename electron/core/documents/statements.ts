import type { ExportedFile } from '../../../shared/analytics';
import { addDays, addMonths, type IsoDate } from '../../../shared/dates';
import type { StatementKind, StatementPreview } from '../../../shared/documents';
import type { SqliteDb } from '../../db/sqlite';
import { activityStatement, type ActivityStatement } from './activity-data';
import { drawActivityStatement } from './activity-pdf';
import { PdfCanvas } from './pdf-canvas';
import { openItemsStatement, type OpenItemsStatement } from './statement-data';
import { drawOpenItemsStatement } from './statement-pdf';

export interface StatementRequest {
  customerId: number;
  kind: StatementKind;
  /** Open items: the as-of date. Activity: the period's last day. */
  asOf: IsoDate;
  /** Activity: the period's first day; by default three months back. */
  from?: IsoDate | undefined;
}

type AnyStatement = OpenItemsStatement | ActivityStatement;

export function readStatement(sqlite: SqliteDb, request: StatementRequest): AnyStatement {
  if (request.kind === 'open_items') return openItemsStatement(sqlite, request.customerId, request.asOf);
  return activityStatement(sqlite, request.customerId, request.from ?? addDays(addMonths(request.asOf, -3), 1), request.asOf);
}

/** Draws one statement on fresh pages of a canvas (the first page of a new canvas, or a page added for it). */
export async function drawStatement(canvas: PdfCanvas, statement: AnyStatement): Promise<void> {
  const first = canvas.pageCount - 1;
  if (statement.kind === 'open_items') await drawOpenItemsStatement(canvas, statement, first);
  else drawActivityStatement(canvas, statement, first);
}

const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);

export function statementFileName(statement: AnyStatement): string {
  const date = statement.kind === 'open_items' ? statement.asOf : `${statement.from}-to-${statement.to}`;
  return `${statement.kind === 'open_items' ? 'statement' : 'account-activity'}-${safe(statement.customer.externalId)}-${date}.pdf`;
}

/** One statement as a PDF file and the figures it shows. */
export async function statementDocument(sqlite: SqliteDb, request: StatementRequest): Promise<ExportedFile & { preview: StatementPreview }> {
  const statement = readStatement(sqlite, request);
  const canvas = new PdfCanvas(statement.paper, { title: statementFileName(statement), author: statement.company.name || 'Inflow' });
  await drawStatement(canvas, statement);
  const bytes = await canvas.end();
  return { fileName: statementFileName(statement), mimeType: 'application/pdf', base64: bytes.toString('base64'), preview: statementPreview(statement) };
}

export function statementPreview(statement: AnyStatement): StatementPreview {
  const common = { customerName: statement.customer.name, externalId: statement.customer.externalId };
  if (statement.kind === 'activity') {
    return {
      ...common,
      kind: 'activity',
      asOf: statement.to,
      from: statement.from,
      sections: statement.sections.map((s) => ({
        currency: s.currency,
        totalMinor: s.closingMinor,
        openingMinor: s.openingMinor,
        charges: null,
        lines: s.lines.map((l) => ({
          date: l.date,
          reference: l.reference,
          description: l.description,
          amountMinor: l.amountMinor,
          balanceMinor: l.balanceMinor,
          daysOverdue: null,
        })),
      })),
    };
  }
  return {
    ...common,
    kind: 'open_items',
    asOf: statement.asOf,
    from: null,
    sections: statement.sections.map((s) => ({
      currency: s.currency,
      totalMinor: s.aging.total,
      openingMinor: null,
      charges: s.charges ? { interest: s.charges.interest, fixedFees: s.charges.fixedFees, waived: s.charges.waived } : null,
      lines: s.items.map((i) => ({
        date: i.issueDate,
        reference: i.number,
        description: i.kind,
        amountMinor: i.amountMinor,
        balanceMinor: i.balanceMinor,
        daysOverdue: i.daysOverdue,
      })),
    })),
  };
}
