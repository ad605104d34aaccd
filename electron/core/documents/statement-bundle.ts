import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportedFile } from '../../../shared/analytics';
import type { IsoDate } from '../../../shared/dates';
import type { StatementKind } from '../../../shared/documents';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { Job } from '../jobs/job-registry';
import { PdfCanvas } from './pdf-canvas';
import { drawStatement, readStatement } from './statements';

/**
 * Statements for many customers in one PDF to print, each starting on a new page with its own page
 * numbers. A long job in the core's thread: progress after each statement, cancel between two.
 * The paper is the first statement's (one locale's worth of paper per print run).
 */
export async function statementBundle(
  sqlite: SqliteDb,
  customerIds: readonly number[],
  kind: StatementKind,
  asOf: IsoDate,
  job: Job,
): Promise<ExportedFile & { statements: number }> {
  let canvas: PdfCanvas | null = null;
  for (const [index, customerId] of customerIds.entries()) {
    if (job.signal.aborted) throw new AppError('CANCELLED', 'Statements cancelled: nothing was saved.');
    const statement = readStatement(sqlite, { customerId, kind, asOf });
    if (canvas) canvas.addPage();
    else canvas = new PdfCanvas(statement.paper, { title: `Statements ${asOf}`, author: statement.company.name || 'Inflow' });
    await drawStatement(canvas, statement);
    canvas.flush();
    job.progress('writing', index + 1, customerIds.length);
    // Let a cancel (and other calls to the core) in between two statements.
    await nextTurn();
  }
  if (!canvas) throw new AppError('INVALID_INPUT', 'Choose at least one customer.');
  const bytes = await canvas.end();
  return { fileName: `statements-${asOf}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), statements: customerIds.length };
}
