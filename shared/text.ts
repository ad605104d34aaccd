import { z } from 'zod';

/**
 * What text the API accepts, named once. A single-line value (a name, a subject, a reference) may
 * become a mail header or a table cell, so a line break or control character in it is refused, never
 * silently dropped; free text (notes) keeps its line breaks and tabs. Neither may hold a lone UTF-16
 * surrogate: it is not a character and cannot be stored as UTF-8 without being replaced.
 */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const NEVER_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** With the u flag a surrogate range matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Everything either check could object to, in one scan (any surrogate, paired or not): an import asks about every cell. */
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF]/;

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the value is not acceptable text, naming the first offending character and where it is; null when it is fine. */
export function textProblem(value: string, oneLine: boolean): string | null {
  if (!SUSPECT.test(value)) return null;
  const bad = (oneLine ? LINE_BREAKING : NEVER_TEXT).exec(value);
  if (bad) {
    const what = /[\r\n\u0085\u2028\u2029]/.test(bad[0]) ? 'a line break' : 'a control character';
    return `contains ${what} (${codePoint(bad[0])}) at character ${bad.index + 1}${oneLine ? '; this field is one line of text' : ''}`;
  }
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone UTF-16 surrogate)';
  return null;
}

const checked =
  (oneLine: boolean) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = textProblem(value, oneLine);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

/** One line of text, trimmed, at most `max` characters. */
export const oneLineText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).superRefine(checked(true));

/** Free text with line breaks and tabs (a note, a template body), trimmed, at most `max` characters. */
export const freeText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).superRefine(checked(false));

/** RFC 5322's atom characters, with letters and digits of any script (internationalised addresses). */
const ATEXT = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]";
const LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?';

/**
 * One email address as Inflow sends to it: a plain addr-spec, a dot-atom local part (at most 64
 * characters) @ a host name with a dot, 254 characters in all. Nothing a header or an SMTP command
 * could read as more than one address: no display name, comment, group, list, quoted local part,
 * backslash, space or IP literal.
 */
export const EMAIL_ADDRESS = new RegExp(`^(?=.{3,254}$)(?=[^@]{1,64}@)${ATEXT}+(?:\\.${ATEXT}+)*@${LABEL}(?:\\.${LABEL})+$`, 'u');

/** One plain email address (EMAIL_ADDRESS), trimmed: the schema every procedure takes an address with. */
export const emailAddressSchema = oneLineText(254).regex(EMAIL_ADDRESS, 'a plain email address like name@example.com (no name, comment, group or quotes)');

/** Ends a sentence once, even when it ends on a name that carries its own full stop ("Summit Hardware Inc."). */
export const sentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);
