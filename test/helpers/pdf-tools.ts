import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler tool on the PDF written to a temporary file, removed afterwards (hundreds of tests call these). */
function onFile<T>(pdf: Buffer, read: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** poppler-utils (Debian: apt-get install -y poppler-utils): the PDF read back as a person's tools read it. */
export function pdfText(pdf: Buffer, layout = true): string {
  return onFile(pdf, (file) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

export function pdfPages(pdf: Buffer): number {
  return onFile(pdf, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]));
}

/** Every page as a PNG (pdftoppm), in `outDir`, for looking at; returns their paths. */
export function pdfToPngs(pdf: Buffer, outDir: string, name: string, dpi = 60): string[] {
  const file = join(outDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(outDir, name)]);
  return readdirSync(outDir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f));
}

/** The fonts a PDF embeds (pdffonts), to check every one is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  return onFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }))
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells[0]!, embedded: cells.at(-5) === 'yes' };
    });
}
