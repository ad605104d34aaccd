/**
 * How many SMS a text costs (GSM 03.38 / 3GPP TS 23.040): a text in the GSM-7 alphabet fits 160
 * characters in one message, 153 per part once concatenated (the rest of each part is the
 * concatenation header); any other character makes the whole text UCS-2: 70 in one, 67 per part.
 * Extension characters (€ [ ] { } …) take two GSM-7 places, and a part never splits one of them, nor
 * a UCS-2 surrogate pair (an emoji).
 */
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** GSM-7 places (septets) or UTF-16 code units. */
  units: number;
  segments: number;
  /** Places per part at this length: 160/70 in a single message, 153/67 once split. */
  perSegment: number;
  /** Places left in the last part before another part starts. */
  remaining: number;
  /** Characters that forced UCS-2, so the writer can replace them (a curly quote, an emoji). */
  nonGsm: string[];
}

const LIMITS = { 'GSM-7': { single: 160, part: 153 }, 'UCS-2': { single: 70, part: 67 } } as const;

export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  const nonGsm = [...new Set(chars.filter((c) => !GSM_BASIC.has(c) && !GSM_EXTENSION.has(c)))];
  const encoding: SmsEncoding = nonGsm.length === 0 ? 'GSM-7' : 'UCS-2';
  // Each character's size in its encoding; a part is filled greedily and never splits one.
  const sizes = chars.map((c) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single, remaining: single - units, nonGsm };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments, perSegment: part, remaining: part - used, nonGsm };
}
