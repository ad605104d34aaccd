import { SaxesParser } from 'saxes';
import { columnLetter, columnNumber, type SheetCell } from './xlsx-cell';

export interface SheetRow {
  number: number;
  cells: SheetCell[];
}

/**
 * The rows of a worksheet's XML as it is inflated, a row at a time, and each merged range
 * (`onMerge`, which the XML lists after the rows). Row and cell references may be left out (the
 * format allows it): a row is then the one after the last, a cell the next column. A tag may carry
 * a namespace prefix (`x:row`), which some generators write.
 */
export async function* sheetRows(xml: AsyncIterable<Buffer>, onMerge?: (range: string) => void): AsyncGenerator<SheetRow> {
  const parser = new SaxesParser();
  // A character split between two chunks is joined before parsing.
  const decoder = new TextDecoder('utf-8');
  let failure: Error | undefined;
  const ready: SheetRow[] = [];
  let row: SheetRow | null = null;
  let cell: SheetCell | null = null;
  let capture: 'value' | 'formula' | null = null;
  let inline = false;
  let phonetic = false;
  let lastRow = 0;
  let lastColumn = 0;
  parser.on('error', (error) => (failure ??= error));
  parser.on('opentag', (node) => {
    const attributes = node.attributes as Record<string, string>;
    switch (localName(node.name)) {
      case 'row': {
        const r = Number(attributes.r);
        row = { number: Number.isInteger(r) && r > 0 ? r : lastRow + 1, cells: [] };
        lastRow = row.number;
        lastColumn = 0;
        break;
      }
      case 'c': {
        if (!row) break;
        const ref = attributes.r && /^\$?([A-Z]+)\$?\d+$/.exec(attributes.r);
        const column = ref ? columnNumber(ref[1]!) : lastColumn + 1;
        lastColumn = column;
        cell = {
          column,
          address: `${columnLetter(column)}${row.number}`,
          style: Number(attributes.s ?? 0) || 0,
          type: attributes.t,
          value: null,
          formula: null,
        };
        break;
      }
      case 'v':
        if (cell) [cell.value, capture] = ['', 'value'];
        break;
      case 'f':
        if (cell) [cell.formula, capture] = ['', 'formula'];
        break;
      case 'is':
        if (cell) [cell.value, inline] = ['', true];
        break;
      case 'mergeCell':
        if (attributes.ref) onMerge?.(attributes.ref);
        break;
      case 'rPh':
        // A phonetic reading (furigana) is not part of the text.
        phonetic = true;
        break;
      case 't':
        if (cell && inline && !phonetic) capture = 'value';
        break;
    }
  });
  const onText = (text: string): void => {
    if (!cell || !capture) return;
    if (capture === 'formula') cell.formula += text;
    else cell.value += text;
  };
  parser.on('text', onText);
  // Excel never writes CDATA, but the format allows it and some generators do.
  parser.on('cdata', onText);
  parser.on('closetag', (node) => {
    switch (localName(node.name)) {
      case 'v':
      case 'f':
      case 't':
        capture = null;
        break;
      case 'rPh':
        phonetic = false;
        break;
      case 'is':
        inline = false;
        break;
      case 'c':
        if (row && cell) row.cells.push(cell);
        cell = null;
        break;
      case 'row':
        if (row) ready.push(row);
        row = null;
        break;
    }
  });
  for await (const chunk of xml) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  yield* ready.splice(0);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
