import PDFDocument from 'pdfkit';
import { fontBytes, type FontFace, type Weight } from './fonts';
import { visualRuns, type VisualRun } from './text-runs';

export const MM = 72 / 25.4;
/** Points: A4 is 210 × 297 mm, US Letter 8.5 × 11 in. */
export const PAGE_SIZES = { a4: [595.28, 841.89], letter: [612, 792] } as const;
export type Paper = keyof typeof PAGE_SIZES;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** The box the alignment is within (from x); required for right and center. */
  width?: number;
  direction?: 'auto' | 'ltr' | 'rtl';
}

/**
 * Widths of runs already measured, by face, size and text: shaping a run (fontkit's GSUB/GPOS
 * lookups) is most of a statement's cost, and a column is measured to fit it, then again to place
 * it; labels, dates and amounts repeat across a thousand statements. A face's advance widths are
 * the same in every document, so the cache outlives one.
 */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_SIZE = 50_000;

/**
 * A thin drawing surface over pdfkit that writes any Unicode text: each line is split into runs of
 * one font and direction (text-runs.ts) and each run drawn on one baseline, so mixed scripts line up.
 * Fonts are embedded as subsets; the document carries text, never images of text, so it can be
 * searched, copied and read back (pdftotext).
 */
export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly height: number;
  private readonly registered = new Set<string>();

  constructor(paper: Paper, info: { title: string; author: string }) {
    const [width, height] = PAGE_SIZES[paper];
    this.width = width;
    this.height = height;
    // bufferPages: page numbers are written once the last page is known. Fixed dates keep output reproducible.
    this.doc = new PDFDocument({
      size: [width, height],
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: info.title, Author: info.author, Creator: 'Inflow', Producer: 'Inflow' },
      lang: 'en',
    });
  }

  private use(face: FontFace, size: number): void {
    if (!this.registered.has(face.name)) {
      this.doc.registerFont(face.name, fontBytes(face));
      this.registered.add(face.name);
    }
    this.doc.font(face.name).fontSize(size);
  }

  private runsOf(text: string, style: TextStyle): { runs: VisualRun[]; widths: number[] } {
    const weight: Weight = style.bold ? 'bold' : 'regular';
    const runs = visualRuns(text, weight, style.direction);
    const widths = runs.map((run) => {
      const key = `${run.face.name}\u0000${style.size}\u0000${run.text}`;
      let width = widthCache.get(key);
      if (width === undefined) {
        this.use(run.face, style.size);
        width = this.doc.widthOfString(run.text, { features: [] });
        if (widthCache.size >= WIDTH_CACHE_SIZE) widthCache.clear();
        widthCache.set(key, width);
      }
      return width;
    });
    return { runs, widths };
  }

  measure(text: string, style: TextStyle): number {
    return this.runsOf(text, style).widths.reduce((sum, w) => sum + w, 0);
  }

  /** One line of text with its baseline at y. Returns its width. */
  text(text: string, x: number, y: number, style: TextStyle): number {
    const { runs, widths } = this.runsOf(text, style);
    const total = widths.reduce((sum, w) => sum + w, 0);
    const box = style.width ?? 0;
    let cursor = style.align === 'right' ? x + box - total : style.align === 'center' ? x + (box - total) / 2 : x;
    this.doc.fillColor(style.color ?? '#111111');
    runs.forEach((run, index) => {
      this.use(run.face, style.size);
      this.doc.text(run.text, cursor, y, { lineBreak: false, baseline: 'alphabetic', features: [] });
      cursor += widths[index]!;
    });
    return total;
  }

  /** The longest prefix of `text` that fits, ending in "…" when shortened. */
  fit(text: string, maxWidth: number, style: TextStyle): string {
    if (this.measure(text, style) <= maxWidth) return text;
    const chars = [...text];
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.measure(`${chars.slice(0, mid).join('')}…`, style) <= maxWidth) low = mid;
      else high = mid - 1;
    }
    return `${chars.slice(0, low).join('').trimEnd()}…`;
  }

  /**
   * Lines of at most maxWidth: broken at spaces, and between any two CJK characters (which need no
   * space); a word longer than a line is broken where it must.
   */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      const words = paragraph.match(
        /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g,
      ) ?? [''];
      let line = '';
      for (const word of words) {
        const candidate = line + word;
        if (line === '' || this.measure(candidate.trimEnd(), style) <= maxWidth) {
          line = candidate;
          continue;
        }
        lines.push(line.trimEnd());
        line = word.trimStart();
      }
      lines.push(line.trimEnd());
    }
    return lines.flatMap((line) => this.hardBreak(line, maxWidth, style));
  }

  private hardBreak(line: string, maxWidth: number, style: TextStyle): string[] {
    if (this.measure(line, style) <= maxWidth) return [line];
    const chars = [...line];
    let cut = chars.length;
    while (cut > 1 && this.measure(chars.slice(0, cut).join(''), style) > maxWidth) cut--;
    return [chars.slice(0, cut).join(''), ...this.hardBreak(chars.slice(cut).join(''), maxWidth, style)];
  }

  rule(x1: number, y: number, x2: number, options: { color?: string; width?: number; dash?: number } = {}): void {
    this.doc
      .save()
      .lineWidth(options.width ?? 0.5)
      .strokeColor(options.color ?? '#999999');
    if (options.dash) this.doc.dash(options.dash, { space: options.dash });
    this.doc.moveTo(x1, y).lineTo(x2, y).stroke().undash().restore();
  }

  box(x: number, y: number, width: number, height: number, fill: string): void {
    this.doc.save().rect(x, y, width, height).fill(fill).restore();
  }

  image(data: Buffer, x: number, y: number, fit: [number, number]): void {
    this.doc.image(data, x, y, { fit });
  }

  addPage(): void {
    this.doc.addPage({ size: [this.width, this.height], margin: 0 });
  }

  /** Pages so far. */
  get pageCount(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count;
  }

  /** Writes something on every page from `first` on, once they all exist ("Page 2 of 5" of one statement among many). */
  eachPage(first: number, draw: (index: number, count: number) => void): void {
    const last = this.pageCount;
    for (let i = first; i < last; i++) {
      this.doc.switchToPage(i);
      draw(i - first, last - first);
    }
  }

  /**
   * Writes out the pages drawn so far and lets them go: a bundle of a thousand statements keeps
   * only the one being drawn in memory (its page numbers need its pages), not three thousand pages.
   */
  flush(): void {
    this.doc.flushPages();
  }

  /** The finished file. */
  end(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
