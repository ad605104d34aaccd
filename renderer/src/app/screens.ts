/** The top-level screens, in sidebar order, with the key that follows `g` to reach each one. */
export const SCREENS = [
  { id: 'worklist', label: 'Worklist', key: 'w', description: 'Who to contact next' },
  { id: 'inbox', label: 'Inbox', key: 'm', description: 'Replies, bounces and out-of-office answers' },
  { id: 'customers', label: 'Customers', key: 'c', description: 'Customers with an open balance' },
  { id: 'reports', label: 'Reports', key: 'r', description: 'Aging, trends and KPIs, what made customers pay' },
  { id: 'outreach', label: 'Outreach', key: 'o', description: 'Reminder emails, the escalation ladder and its letters' },
  { id: 'import', label: 'Import', key: 'i', description: 'Bring in your ERP’s exports' },
  { id: 'settings', label: 'Settings', key: 's', description: 'Email, inbox, texts, ERP, collections, letterhead, backups' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];
