import type { LadderChannel, LadderStep, SenderRole } from '../../../../shared/outreach/ladder';

/** How the ladder's channels, senders and tones read on screen (short: they sit in table cells and narrow selects). */
export const CHANNELS: Record<LadderChannel, string> = { email: 'Email', call_task: 'Call', letter: 'Letter', agency_referral: 'Agency' };
export const SENDERS: Record<SenderRole, string> = { collector: 'Collector', manager: 'Manager' };
export const TONES: Record<LadderStep['tone'], string> = { friendly: 'Friendly', firm: 'Firm', final: 'Final' };
/** Why the send guard holds an invoice back, in the same words everywhere. */
export { HOLD_LABELS as REASONS } from '../../../../shared/outreach/guard-words';

/** A step's day relative to the due date: "3d before", "due date", "+15d". */
export function offsetLabel(offsetDays: number): string {
  if (offsetDays < 0) return `${-offsetDays}d before`;
  return offsetDays === 0 ? 'due date' : `+${offsetDays}d`;
}
