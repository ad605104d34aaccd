import type { LadderPolicy } from './ladder';

/**
 * The ladder every customer is on until the company writes its own: a friendly nudge before the due
 * date, two reminders, the manager, a final notice, and referral to an agency.
 */
export const DEFAULT_POLICY: LadderPolicy = {
  id: 'standard',
  name: 'Standard',
  segments: [],
  steps: [
    { id: 'pre-due', label: 'Friendly nudge', offsetDays: -3, channel: 'email', templateId: 'pre-due-nudge', senderRole: 'collector', tone: 'friendly' },
    { id: 'first-reminder', label: 'First reminder', offsetDays: 3, channel: 'email', templateId: 'first-reminder', senderRole: 'collector', tone: 'friendly' },
    { id: 'second-reminder', label: 'Firm reminder', offsetDays: 15, channel: 'email', templateId: 'second-reminder', senderRole: 'collector', tone: 'firm' },
    { id: 'call', label: 'Call', offsetDays: 21, channel: 'call_task', templateId: 'second-reminder', senderRole: 'collector', tone: 'firm' },
    { id: 'manager', label: 'Manager', offsetDays: 30, channel: 'email', templateId: 'manager-escalation', senderRole: 'manager', tone: 'firm' },
    { id: 'final-notice', label: 'Final notice', offsetDays: 45, channel: 'email', templateId: 'final-notice', senderRole: 'manager', tone: 'final' },
    { id: 'agency', label: 'Agency referral', offsetDays: 60, channel: 'agency_referral', templateId: 'agency-referral', senderRole: 'manager', tone: 'final' },
  ],
};
