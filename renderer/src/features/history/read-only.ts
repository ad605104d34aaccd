import { formatDate } from '../../lib/format';

/** The id of the banner's text, which every refused action points to (aria-describedby). */
export const AS_OF_BANNER_ID = 'as-of-banner';

/** Why actions are off on a past day, in the words the tooltip and the refusal show. */
export function readOnlyReason(day: string): string {
  return `Read-only: you are looking at the book as of ${formatDate(day)}. Go back to today to act.`;
}

/**
 * A button's attributes when its action is refused: still focusable (so the reason can be read)
 * but marked disabled, with the reason as its tooltip and its description.
 */
export function refusedProps(day: string | null): { 'aria-disabled'?: true; title?: string; 'aria-describedby'?: string } {
  return day === null ? {} : { 'aria-disabled': true, title: readOnlyReason(day), 'aria-describedby': AS_OF_BANNER_ID };
}
