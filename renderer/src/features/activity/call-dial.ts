import type { Contact } from '../../../../shared/activity';
import { dialableNumber, type DialableNumber } from '../../components/phone-number';

/** Whom Shift+C calls. */
export interface DialTarget extends DialableNumber {
  contactId: number;
  name: string;
}

/**
 * The number Shift+C dials: the primary contact's when it has one that parses, else the first other
 * contact's (the list comes primary first); someone who left the company is never dialled.
 */
export function numberToDial(contacts: readonly Contact[], country: string | null | undefined, viewer?: string): DialTarget | null {
  const reachable = contacts.filter((contact) => contact.status !== 'left' && contact.phone);
  const ordered = [...reachable.filter((contact) => contact.isPrimary), ...reachable.filter((contact) => !contact.isPrimary)];
  for (const contact of ordered) {
    const number = dialableNumber(contact.phone!, country, viewer);
    if (number) return { ...number, contactId: contact.id, name: contact.name };
  }
  return null;
}

/** "4:05" for 245 seconds; hours stay in minutes ("75:00"), as a call log reads them. */
export function formatDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A typed call length in seconds: minutes ("5") or minutes and seconds ("4:05"); undefined for an
 * empty field, null for anything else (the form says how to write it).
 */
export function parseDuration(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = /^(\d{1,4})(?::([0-5]\d))?$/.exec(trimmed);
  if (!match) return null;
  const seconds = Number(match[1]) * 60 + Number(match[2] ?? 0);
  return seconds <= 86_400 ? seconds : null;
}
