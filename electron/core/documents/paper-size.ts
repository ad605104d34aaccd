import type { Paper } from './pdf-canvas';

/** Countries that post on US Letter; everyone else uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'DO', 'PR', 'SV', 'NI']);

/** The paper a reader's letters are printed on: their region's, when the letterhead leaves it to the locale. */
export function paperForLocale(locale: string): Paper {
  const region = new Intl.Locale(locale).maximize().region ?? '';
  return LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}
