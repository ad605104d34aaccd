import bidiFactory from 'bidi-js';
import { covers, faceFor, type FontFace, type Weight } from './fonts';

const bidi = bidiFactory();

/** A piece of one line drawn with one face, in the order it appears left to right on the page. */
export interface VisualRun {
  /** In logical order for shaping; fontkit lays out a right-to-left script's glyphs right to left itself. */
  text: string;
  face: FontFace;
}

/** Bidi classes that take the face of what precedes them when it can draw them (spaces, punctuation, marks). */
const FOLLOWS = new Set(['WS', 'ON', 'CS', 'ES', 'ET', 'BN', 'NSM', 'S']);
const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

interface LogicalRun {
  text: string;
  face: FontFace;
  level: number;
}

/**
 * One line of text split into runs of one face and one bidi level, ordered for drawing left to right
 * (the Unicode Bidirectional Algorithm, rule L2, applied to the runs). A right-to-left run of Hebrew
 * or Arabic letters is shaped by the font engine, which also reverses it; one of neutrals only (a
 * bracket, a quote between Hebrew words) is reversed here with its mirrored characters.
 * Text is NFC-normalised first, so a letter and its accent are one character of one face.
 */
export function visualRuns(line: string, weight: Weight, direction: 'auto' | 'ltr' | 'rtl' = 'auto'): VisualRun[] {
  const text = line.normalize('NFC');
  if (text === '') return [];
  const { levels } = bidi.getEmbeddingLevels(text, direction);
  const runs: LogicalRun[] = [];
  let previous: FontFace | null = null;
  for (let i = 0; i < text.length;) {
    const codePoint = text.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    const level = levels[i]!;
    const face: FontFace = previous && FOLLOWS.has(bidi.getBidiCharTypeName(char)) && covers(previous, codePoint) ? previous : faceFor(codePoint, weight);
    const last = runs.at(-1);
    if (last && last.face === face && last.level === level) last.text += char;
    else runs.push({ text: char, face, level });
    previous = face;
    i += char.length;
  }
  return reorder(runs).map((run) =>
    run.level % 2 === 1 && !STRONG_RTL.test(run.text) ? { text: mirrored(run.text), face: run.face } : { text: run.text, face: run.face },
  );
}

/** Rule L2: from the highest level down to the lowest odd one, reverse every stretch of runs at that level or above. */
function reorder(runs: LogicalRun[]): LogicalRun[] {
  const ordered = [...runs];
  const highest = Math.max(...ordered.map((r) => r.level));
  const lowestOdd = Math.min(...ordered.map((r) => (r.level % 2 === 1 ? r.level : r.level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < ordered.length;) {
      if (ordered[i]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end + 1 < ordered.length && ordered[end + 1]!.level >= level) end++;
      ordered.splice(i, end - i + 1, ...ordered.slice(i, end + 1).reverse());
      i = end + 1;
    }
  }
  return ordered;
}

function mirrored(text: string): string {
  return [...text]
    .reverse()
    .map((char) => bidi.getMirroredCharacter(char) ?? char)
    .join('');
}
