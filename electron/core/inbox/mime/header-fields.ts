import libmime from 'libmime';

/** One header field, its name lower-cased and its value unfolded (still MIME-encoded). */
export interface HeaderField {
  name: string;
  value: string;
}

/**
 * A message's (or a part's) header fields in order. Names are case-insensitive; a field may repeat
 * (Received, a DSN's per-recipient fields), so `all` keeps every one.
 */
export class HeaderFields {
  constructor(readonly fields: readonly HeaderField[]) {}

  /** The first field of this name, as written (encoded words still encoded). */
  raw(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.fields.find((field) => field.name === lower)?.value;
  }

  all(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields.filter((field) => field.name === lower).map((field) => field.value);
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  /** The first field of this name as text: encoded words (RFC 2047) decoded, whitespace collapsed. */
  text(name: string): string {
    const value = this.raw(name);
    return value === undefined ? '' : decodeWords(value);
  }
}

export function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value).replace(/\s+/g, ' ').trim();
  } catch {
    return value.replace(/\s+/g, ' ').trim();
  }
}

/**
 * Unfolds a header block (lines that start with white space continue the field above). Lines that
 * are not fields (an mbox "From " line, garbage) are skipped rather than refused: a bounce is often
 * written by software with loose habits.
 */
export function parseHeaderBlock(block: string): HeaderFields {
  const fields: HeaderField[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = fields.at(-1);
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    fields.push({ name, value: line.slice(colon + 1).trim() });
  }
  return new HeaderFields(fields);
}

/** A structured value such as a Content-Type: the value lower-cased and its parameters (RFC 2231 continuations joined). */
export function parseStructured(value: string | undefined): { value: string; params: Record<string, string> } {
  if (!value) return { value: '', params: {} };
  const parsed = libmime.parseHeaderValue(value);
  const params: Record<string, string> = {};
  for (const [key, param] of Object.entries(parsed.params ?? {})) params[key.toLowerCase()] = decodeWords(String(param));
  return {
    value: String(parsed.value ?? '')
      .trim()
      .toLowerCase(),
    params,
  };
}
