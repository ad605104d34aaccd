import type { ExclusionReason, LadderChannel } from '../../../../shared/outreach/ladder';

/** The ladder's channels and hold-back reasons in the collector's words. */
export const CHANNEL_WORDS: Record<LadderChannel, string> = { email: 'Email', call_task: 'Call', letter: 'Letter', agency_referral: 'Agency' };

export const REASON_WORDS: Record<ExclusionReason, string> = {
  paid: 'Paid', in_transit: 'Payment on its way', disputed: 'Disputed', promise: 'Promised', plan: 'In a plan',
  snoozed: 'Customer snoozed', stale_sync: 'ERP data too old', no_contact: 'No email contact',
};
