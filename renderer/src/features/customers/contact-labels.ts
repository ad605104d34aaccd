import type { Contact } from '../../../../shared/activity';

export const CONTACT_ROLE_LABELS: Record<Contact['role'], string> = {
  billing: 'Billing',
  ap: 'Accounts payable',
  primary: 'Primary',
  escalation: 'Escalation',
};
export const CONTACT_STATUS_LABELS: Record<Contact['status'], string> = { valid: 'Valid', bounced: 'Bounced', left: 'Left the company' };
