import { convert } from 'html-to-text';
import type { MimePart } from './mime-tree';

/**
 * A text part's characters. The declared charset first (TextDecoder knows the WHATWG labels:
 * windows-1252, ISO-2022-JP, Shift_JIS, GB18030 …); no charset, UTF-8, or one it does not know, is
 * read as UTF-8 when the bytes are valid UTF-8 and as windows-1252 otherwise, so a wrong label never throws.
 */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase();
  // A part labelled UTF-8 (or ASCII) that is not is usually windows-1252: the guess below reads it so.
  if (label && !['us-ascii', 'ascii', 'utf-8', 'utf8'].includes(label)) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label falls through to the guess below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function partText(part: MimePart): string {
  return decodeCharset(part.body, part.params.charset);
}

/** Above this an HTML body is cut before it is turned into text: no reading needs more, and a hostile one could be huge. */
const HTML_TEXT_LIMIT = 512 * 1024;

/** An HTML body as plain text for reading rules over it (links as their text, no images, tables as lines). */
export function htmlToText(html: string): string {
  return convert(html.slice(0, HTML_TEXT_LIMIT), {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'td', format: 'inline' },
    ],
  });
}
