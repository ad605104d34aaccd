import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/**
 * The fonts statements and letters embed, shipped with the app as npm packages (all SIL Open Font
 * License 1.1, which allows bundling and embedding): Noto Sans (Latin, Greek, Cyrillic, Vietnamese),
 * Noto Sans Hebrew, Noto Sans Arabic, Noto Sans SC (Chinese and Japanese kana/kanji) and Noto Sans KR
 * (Hangul). Fontsource splits each into files by Unicode range and says which range each file covers
 * in its CSS; a character is drawn with the first file, in this order, whose range holds it. The WOFF
 * files are used: fontkit cannot subset the WOFF2 ones (their transformed glyph tables).
 * CJK and Hangul come in the regular weight only (bold would add 8 MB): bold CJK text is regular.
 */
const PACKAGES = [
  '@fontsource/noto-sans',
  '@fontsource/noto-sans-hebrew',
  '@fontsource/noto-sans-arabic',
  '@fontsource/noto-sans-sc',
  '@fontsource/noto-sans-kr',
] as const;
const REGULAR_ONLY = new Set<string>(['@fontsource/noto-sans-sc', '@fontsource/noto-sans-kr']);

export type Weight = 'regular' | 'bold';

export interface FontFace {
  /** A name unique per file, as registered in a document. */
  name: string;
  path: string;
  ranges: readonly (readonly [number, number])[];
}

const resolveFrom = createRequire(import.meta.url);

/** Inside a packaged app the packages are unpacked next to the archive (electron-builder.yml asarUnpack). */
function packageDir(name: string): string {
  const dir = dirname(resolveFrom.resolve(`${name}/package.json`));
  const unpacked = dir.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  return unpacked !== dir && existsSync(unpacked) ? unpacked : dir;
}

function parseRanges(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as [number, number];
  });
}

/** The @font-face rules of one package and weight: each file (as .woff) with its unicode-range. */
function facesOf(pkg: string, weight: 400 | 700): FontFace[] {
  const dir = packageDir(pkg);
  const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
  const faces: FontFace[] = [];
  for (const rule of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+?)\.woff2\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!file || !range) continue;
    faces.push({ name: file, path: join(dir, 'files', `${file}.woff`), ranges: parseRanges(range) });
  }
  return faces;
}

let catalogue: Record<Weight, FontFace[]> | null = null;

/** Every face in priority order, per weight (read once per process). */
export function fontCatalogue(): Record<Weight, FontFace[]> {
  catalogue ??= {
    regular: PACKAGES.flatMap((pkg) => facesOf(pkg, 400)),
    bold: PACKAGES.flatMap((pkg) => facesOf(pkg, REGULAR_ONLY.has(pkg) ? 400 : 700)),
  };
  return catalogue;
}

export function covers(face: FontFace, codePoint: number): boolean {
  for (const [from, to] of face.ranges) if (codePoint >= from && codePoint <= to) return true;
  return false;
}

const faceCache: Record<Weight, Map<number, FontFace>> = { regular: new Map(), bold: new Map() };

/** The face that draws a character: the first whose range holds it; the Latin face when none does. */
export function faceFor(codePoint: number, weight: Weight): FontFace {
  const cached = faceCache[weight].get(codePoint);
  if (cached) return cached;
  const faces = fontCatalogue()[weight];
  const face = faces.find((f) => covers(f, codePoint)) ?? faces.find((f) => f.name.includes('-latin-'))!;
  faceCache[weight].set(codePoint, face);
  return face;
}

const bytes = new Map<string, Buffer>();

/** A face's file, read once per process: a thousand statements embed the same few files. */
export function fontBytes(face: FontFace): Buffer {
  let data = bytes.get(face.path);
  if (!data) bytes.set(face.path, (data = readFileSync(face.path)));
  return data;
}
