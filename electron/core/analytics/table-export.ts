import type { ExportedFile, ExportTableInput } from '../../../shared/analytics';
import { currencyExponent, minorToDecimalString } from '../../../shared/money';

type Cell = string | number | null;

/** A money cell's currency: its row's currency column, USD when the table has none. */
function currencyOf(row: readonly Cell[], column: ExportTableInput['columns'][number]): string {
  const code = column.currencyColumn === undefined ? null : row[column.currencyColumn];
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? code : 'USD';
}

/** Spreadsheets run a cell starting with = + - @ as a formula; a leading ' keeps user text as text. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: Cell, row: readonly Cell[], column: ExportTableInput['columns'][number]): string {
  if (value === null) return '';
  const text =
    column.kind === 'money' && typeof value === 'number'
      ? minorToDecimalString(value, currencyOf(row, column))
      : typeof value === 'number'
        ? String(value)
        : safeText(value);
  // A semicolon is quoted too: Excel in a locale with decimal commas splits CSV on ";", and an unquoted
  // "Acme;=1+1" would become a cell starting with "=".
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 byte-order mark, so Excel reads accents right. */
export function tableCsv(table: ExportTableInput): string {
  const lines = [table.columns.map((c) => csvCell(c.header, [], { ...c, kind: 'text' })).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((column, i) => csvCell(row[i] ?? null, row, column)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One worksheet with a bold, frozen header; money as numbers in major units, formatted to the currency's decimals. */
export async function tableXlsx(table: ExportTableInput): Promise<Buffer> {
  // Loaded on first use: it is the heaviest module of the core (seconds on a busy machine), and every start paid for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.columns = table.columns.map((c) => ({ header: safeText(c.header), width: Math.max(10, Math.min(40, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) {
    const added = sheet.addRow(
      table.columns.map((column, i) => {
        const value = row[i] ?? null;
        if (column.kind === 'money' && typeof value === 'number') return Number(minorToDecimalString(value, currencyOf(row, column)));
        return typeof value === 'string' ? safeText(value) : value;
      }),
    );
    table.columns.forEach((column, i) => {
      if (column.kind !== 'money') return;
      const exponent = currencyExponent(currencyOf(row, column));
      added.getCell(i + 1).numFmt = exponent === 0 ? '#,##0' : `#,##0.${'0'.repeat(exponent)}`;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file a table export produces, as bytes the renderer can save. */
export async function exportTable(table: ExportTableInput): Promise<ExportedFile> {
  if (table.format === 'csv') {
    return { fileName: `${table.name}.csv`, mimeType: 'text/csv;charset=utf-8', base64: Buffer.from(tableCsv(table), 'utf8').toString('base64') };
  }
  return {
    fileName: `${table.name}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: (await tableXlsx(table)).toString('base64'),
  };
}
