import { drawContinuation, type Geometry } from './letterhead';
import type { PdfCanvas, TextStyle } from './pdf-canvas';

export interface Column {
  label: string;
  /** Share of the text width; the columns' shares add up to 1. */
  share: number;
  align: 'left' | 'right';
}

const ROW = 12.5;
const SIZE = 8.5;

/**
 * Writes a document top to bottom, starting a new page (with the continuation line, and a table's
 * header again) whenever the next block would pass the footer. Every table row is one line of text
 * on one baseline, so a reader (or pdftotext) sees one row per line with its numbers whole.
 */
export class Flow {
  y: number;
  private repeatHeader: (() => void) | null = null;

  constructor(
    readonly canvas: PdfCanvas,
    readonly geometry: Geometry,
    private readonly continuation: string,
  ) {
    this.y = geometry.bodyTop;
  }

  get width(): number {
    return this.geometry.right - this.geometry.left;
  }

  /** Makes room for `height` points, turning the page when they do not fit. */
  ensure(height: number): void {
    if (this.y + height <= this.geometry.bottom) return;
    this.canvas.addPage();
    this.y = drawContinuation(this.canvas, this.geometry, this.continuation);
    this.repeatHeader?.();
  }

  gap(points: number): void {
    this.y += points;
  }

  line(text: string, style: TextStyle, spacing = style.size * 1.35): void {
    this.ensure(spacing);
    this.canvas.text(text, this.geometry.left, this.y, { ...style, width: style.width ?? this.width });
    this.y += spacing;
  }

  paragraph(text: string, style: TextStyle): void {
    for (const line of this.canvas.wrap(text, this.width, style)) this.line(line, style);
  }

  /** A table: its header now and at the top of every page it runs onto, then its rows. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], options: { totals?: readonly (readonly string[])[] } = {}): void {
    const header = (): void => {
      this.row(
        columns,
        columns.map((c) => c.label),
        { bold: true, color: '#333333' },
      );
      this.canvas.rule(this.geometry.left, this.y - ROW + 3.5, this.geometry.right, { width: 0.4 });
    };
    this.ensure(ROW * 3);
    header();
    this.repeatHeader = header;
    for (const cells of rows) {
      this.ensure(ROW);
      this.row(columns, cells, {});
    }
    this.repeatHeader = null;
    for (const cells of options.totals ?? []) {
      this.ensure(ROW + 3);
      this.canvas.rule(this.geometry.left, this.y - ROW + 3.5, this.geometry.right, { width: 0.4 });
      this.row(columns, cells, { bold: true });
    }
  }

  private row(columns: readonly Column[], cells: readonly string[], style: { bold?: boolean; color?: string }): void {
    let x = this.geometry.left;
    columns.forEach((column, index) => {
      const width = column.share * this.width;
      const padded = width - 6;
      const text = cells[index] ?? '';
      if (text) {
        const cellStyle: TextStyle = {
          size: SIZE,
          bold: style.bold ?? false,
          align: column.align,
          width: padded,
          ...(style.color ? { color: style.color } : {}),
        };
        this.canvas.text(this.canvas.fit(text, padded, cellStyle), x, this.y, cellStyle);
      }
      x += width;
    });
    this.y += ROW;
  }
}
