import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readXlsx } from '../../electron/core/import/read-xlsx';
import { deflatedZip, storedZip } from '../faults/corpus/containers';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Workbooks are streamed, not held (read-xlsx.ts): these are written part by part, the way other
 * generators than Excel and ExcelJS write them, and one far past the size a whole-workbook reader
 * could take.
 */

let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Styles: cell format 1 is a date (built-in format 14), 2 a plain number. */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>`;

interface Part {
  sheets: { name: string; file: string; state?: string; xml: string }[];
  strings?: string[];
  date1904?: boolean;
}

/** A workbook whose sheets come before the workbook's list of them in the zip, named as their generator chose. */
function workbook(path: string, { sheets, strings, date1904 }: Part): string {
  const entries: Record<string, string> = {};
  for (const sheet of sheets) entries[`xl/worksheets/${sheet.file}`] = sheet.xml;
  entries['xl/_rels/workbook.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((sheet, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="/xl/worksheets/${sheet.file}"/>`)
      .join(
        '',
      )}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="strings.xml"/><Relationship Id="rY" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  entries['xl/styles.xml'] = STYLES;
  if (strings)
    entries['xl/strings.xml'] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  entries['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
      .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`;
  writeFileSync(path, storedZip(entries));
  return path;
}

const inline = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;

it('reads a sheet by its own part name, prefixed tags, inline strings (CDATA too), omitted references, and formula results of every kind', async () => {
  const long = 'é'.repeat(40_000); // 80 KB of two-byte characters: the XML arrives in several chunks, split inside one.
  const sheet =
    `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
    `<x:row r="1">${inline('A1', 'Invoice Number')}${inline('B1', 'Issue Date')}${inline('C1', 'Amount')}${inline('D1', 'Note')}</x:row>` +
    `<x:row r="3"><x:c t="s"><x:v>0</x:v></x:c><x:c s="1"><x:f>DATE(2026,10,1)</x:f><x:v>46296</x:v></x:c><x:c t="e"><x:f>Sheet2!A1</x:f><x:v>#REF!</x:v></x:c>${inline('D3', long)}</x:row>` +
    `<x:row><x:c r="A4" t="str"><x:f>"INV-"&amp;2</x:f><x:v>INV-2</x:v></x:c><x:c r="B4" s="1"><x:v>46297.75</x:v></x:c><x:c r="C4" s="2"><x:f>0.1+0.2</x:f><x:v>0.30000000000000004</x:v></x:c><x:c r="D4" t="b"><x:v>1</x:v></x:c></x:row>` +
    `<x:row r="5"><x:c r="A5"><x:f>A4</x:f></x:c><x:c r="C5" t="s"><x:v>7</x:v></x:c></x:row>` +
    `<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t><![CDATA[INV-6 <draft>]]></x:t></x:is></x:c></x:row>` +
    '</x:sheetData></x:worksheet>';
  const path = workbook(join(t.dir, 'parts.xlsx'), {
    sheets: [
      { name: 'Lookup', file: 'lookup.xml', state: 'hidden', xml: `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>` },
      { name: 'Open items', file: 'open-items.xml', xml: sheet },
    ],
    strings: ['INV-1 &amp; co'],
  });
  const { sheet: name, rows } = await readXlsx(path);
  expect(name).toBe('Open items');
  expect(rows.map(({ row, cells, typed, error }) => ({ row, cells, typed, error }))).toEqual([
    { row: 1, cells: ['Invoice Number', 'Issue Date', 'Amount', 'Note'], typed: undefined, error: undefined },
    { row: 2, cells: ['', '', '', ''], typed: undefined, error: undefined },
    { row: 3, cells: ['INV-1 & co', '2026-10-01', '#REF!', long], typed: [undefined, 'date'], error: undefined },
    { row: 4, cells: ['INV-2', '2026-10-02', '0.3', 'true'], typed: [undefined, 'date', 'number'], error: undefined },
    {
      row: 5,
      cells: ['', '', '', ''],
      typed: undefined,
      error: 'cell A5 has a formula (=A4) with no saved result; open the file in Excel and save it, or paste the values',
    },
    { row: 6, cells: ['INV-6 <draft>', '', '', ''], typed: undefined, error: undefined },
  ]);
});

it('counts dates from 1904 when the workbook says so', async () => {
  const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" s="1"><v>44834</v></c></row></sheetData></worksheet>`;
  const path = workbook(join(t.dir, '1904.xlsx'), { sheets: [{ name: 'Mac', file: 'sheet1.xml', xml: sheet }], date1904: true });
  expect((await readXlsx(path)).rows[0]!.cells).toEqual(['2026-10-01']);
});

it('refuses a sheet the workbook lists but does not hold, and broken XML, as a damaged file', async () => {
  const missing = storedZip({
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Open" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  });
  writeFileSync(join(t.dir, 'missing.xlsx'), missing);
  await expect(readXlsx(join(t.dir, 'missing.xlsx'))).rejects.toThrow('the workbook lists a sheet "Open" but holds no data for it');
  const broken = workbook(join(t.dir, 'broken.xlsx'), {
    sheets: [{ name: 'Open', file: 'open.xml', xml: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></row>` }],
  });
  await expect(readXlsx(broken)).rejects.toThrow(/the workbook is damaged or incomplete and cannot be opened \(.+\)/);
});

it('imports a workbook far larger than a whole-workbook reader could hold (12 MB of sheet, 40,000 invoices)', async () => {
  const header = ['Invoice Number', 'Customer ID', 'Customer Name', 'Issue Date', 'Due Date', 'Amount', 'Open Balance', 'Currency'];
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1">${header.map((h, i) => `<c r="${'ABCDEFGH'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`,
  ];
  const rows = 40_000;
  for (let n = 0; n < rows; n++) {
    const r = n + 2;
    const text = (col: string, value: string) => `<c r="${col}${r}" t="inlineStr"><is><t>${value}</t></is></c>`;
    // Padding a generator might write (empty formatted cells far right) makes the sheet as large as a real wide export.
    const padding = Array.from({ length: 20 }, (_, k) => `<c r="${`A${String.fromCharCode(65 + k)}`}${r}" s="2"/>`).join('');
    parts.push(
      `<row r="${r}">${text('A', `BIG-${n}`)}${text('B', `C${n % 500}`)}${text('C', `Customer ${n % 500}`)}<c r="D${r}" s="1"><v>${46200 + (n % 90)}</v></c><c r="E${r}" s="1"><v>${46230 + (n % 90)}</v></c><c r="F${r}"><v>${100 + (n % 900)}.25</v></c><c r="G${r}"><v>${n % 3 === 0 ? 0 : 50}</v></c>${text('H', 'USD')}${padding}</row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  const xml = parts.join('');
  expect(xml.length).toBeGreaterThan(12 * 1024 * 1024);
  const path = workbook(join(t.dir, 'big.xlsx'), { sheets: [{ name: 'Open items', file: 'sheet1.xml', xml }] });
  const fileId = t.core.stageFile(path).fileId;
  expect(await t.core.call('import.preview', { fileId })).toMatchObject({ sheet: 'Open items', preset: 'generic-invoices', headerRow: 1, problems: [] });
  expect(await t.core.call('import.run', { jobId: JOB(), fileId, snapshot: false })).toMatchObject({ rows, created: rows });
  expect(t.query("SELECT count(*) AS n, sum(open_minor = 0) AS paid FROM invoices WHERE external_id LIKE 'BIG-%'")).toEqual([
    { n: rows, paid: Math.ceil(rows / 3) },
  ]);
});

it('refuses a zip bomb: shared text that unpacks past 64 MB is named and never read', async () => {
  // 0.3 MB of zip; read, its five million strings took hundreds of megabytes.
  const path = join(t.dir, 'bomb.xlsx');
  writeFileSync(
    path,
    deflatedZip({
      'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Open" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${'<si><t>a</t></si>'.repeat(5_000_000)}</sst>`,
    }),
  );
  await expect(t.core.call('import.preview', { fileId: t.core.stageFile(path).fileId })).rejects.toMatchObject({
    code: 'IMPORT_REJECTED',
    details: {
      problems: [
        {
          row: 0,
          reason: expect.stringMatching(
            /^the workbook's shared text \(the strings its cells refer to\) unpacks to 82 MB, more than the 64 MB Inflow reads .*save the sheet as CSV/,
          ),
        },
      ],
    },
  });
});
