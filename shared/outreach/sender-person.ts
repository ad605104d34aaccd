import type { SenderRole } from './ladder';
import type { OutreachSettings } from './outreach-settings';

/** The one person a message is from: its From name, the body's phone number and the signature all come from here. */
export interface SenderPerson {
  name: string;
  title: string;
  phone: string;
  /** A manager step with no manager named: the collector sends it, as themself. */
  standIn: boolean;
}

/**
 * The person a step's sender role resolves to. A manager step goes from the manager when one is
 * named; otherwise from the collector with the collector's own title and phone, never a mix of the
 * two (seen: From "Sam Carter", Sam's direct line, signed "Jordan Lee, Finance Manager").
 */
export function senderPerson(settings: OutreachSettings, role: SenderRole): SenderPerson {
  if (role === 'manager' && settings.managerName) {
    return { name: settings.managerName, title: settings.managerRole, phone: settings.managerPhone, standIn: false };
  }
  return { name: settings.senderName, title: settings.senderRole, phone: settings.senderPhone, standIn: role === 'manager' };
}
