import type { DISPUTE_REASONS } from '../../../../shared/activity';

export const DISPUTE_LABELS: Record<(typeof DISPUTE_REASONS)[number], string> = {
  pricing: 'Pricing',
  quantity: 'Quantity',
  quality: 'Quality',
  not_received: 'Not received',
  duplicate_billing: 'Duplicate billing',
  po_missing: 'PO missing',
  other: 'Other',
};
