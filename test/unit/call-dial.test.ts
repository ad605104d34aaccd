import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/activity';
import { formatDuration, numberToDial, parseDuration } from '../../renderer/src/features/activity/call-dial';

const contact = (id: number, patch: Partial<Contact>): Contact => ({
  id,
  name: `C${id}`,
  email: null,
  phone: null,
  role: 'billing',
  isPrimary: false,
  status: 'valid',
  ...patch,
});

describe('numberToDial (Shift+C)', () => {
  it('dials the primary contact in E.164, read with the customer country', () => {
    const contacts = [contact(1, { phone: '020 7946 0018' }), contact(2, { phone: '06 12 34 56 78', isPrimary: true })];
    expect(numberToDial(contacts, 'FR', 'FR')).toEqual({ contactId: 2, name: 'C2', e164: '+33612345678', shown: '06 12 34 56 78' });
    expect(numberToDial(contacts, 'FR', 'US')?.shown).toBe('+33 6 12 34 56 78');
  });

  it('falls back to another contact when the primary has no usable number, never to one who left', () => {
    const contacts = [
      contact(1, { phone: 'ask reception', isPrimary: true }),
      contact(2, { phone: '+44 20 7946 0018', status: 'left' }),
      contact(3, { phone: '+1 212 555 0143' }),
    ];
    expect(numberToDial(contacts, 'GB', 'GB')).toMatchObject({ contactId: 3, e164: '+12125550143' });
    expect(numberToDial(contacts.slice(0, 2), 'GB', 'GB')).toBeNull();
    expect(numberToDial([], null, 'US')).toBeNull();
  });
});

describe('call length', () => {
  it.each([
    ['', undefined],
    ['5', 300],
    [' 4:05 ', 245],
    ['0:59', 59],
    ['75:00', 4500],
    ['1440', 86_400],
    ['1441', null],
    ['4:60', null],
    ['4.5', null],
    ['-3', null],
    ['five', null],
  ])('%j reads as %j seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('shows seconds as m:ss and reads it back', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(245)).toBe('4:05');
    expect(parseDuration(formatDuration(4500))).toBe(4500);
  });
});
