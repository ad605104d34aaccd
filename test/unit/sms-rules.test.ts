import { describe, expect, it } from 'vitest';
import { countSegments } from '../../shared/sms/segments';
import { nextOpening, withinSendingHours, type SendingHours } from '../../shared/sms/sending-hours';
import { optKeyword } from '../../shared/sms/opt-out-words';
import { customerTimeZone } from '../../electron/core/sms/customer-time-zone';
import { mobileNumber } from '../../electron/core/sms/mobile-number';

const WEEKDAYS: SendingHours = { start: '09:00', end: '19:00', days: [1, 2, 3, 4, 5] };

describe('segments', () => {
  it.each([
    ['', 'GSM-7', 0, 0],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    // € is an extension character: two places.
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['€'.repeat(81), 'GSM-7', 162, 2],
    ['é'.repeat(160), 'GSM-7', 160, 1],
    ['ê'.repeat(70), 'UCS-2', 70, 1],
    ['ê'.repeat(71), 'UCS-2', 71, 2],
    ['ê'.repeat(134), 'UCS-2', 134, 2],
    ['ê'.repeat(135), 'UCS-2', 135, 3],
  ] as const)('%# %s… is %s, %d places, %d parts', (text, encoding, units, segments) => {
    const count = countSegments(text);
    expect([count.encoding, count.units, count.segments]).toEqual([encoding, units, segments]);
  });

  it('never splits an escape pair or an emoji across parts', () => {
    // 152 plain + € (2): the € would straddle the 153-place boundary, so it opens the second part.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ segments: 2, remaining: 153 - 12 });
    // 66 units + an emoji (2 units) does not fit a 67-unit part.
    expect(countSegments(`${'ê'.repeat(66)}😀${'ê'.repeat(10)}`)).toMatchObject({ encoding: 'UCS-2', segments: 2, remaining: 67 - 12 });
  });

  it('names the characters that force UCS-2', () => {
    expect(countSegments('It’s due')).toMatchObject({ encoding: 'UCS-2', nonGsm: ['’'] });
  });
});

describe('sending hours in the customer time zone', () => {
  it.each([
    // New York, EST (UTC-5) in November: 09:00 local is 14:00 UTC.
    ['2026-11-23T13:59:00Z', 'America/New_York', false],
    ['2026-11-23T14:00:00Z', 'America/New_York', true],
    ['2026-11-23T23:59:00Z', 'America/New_York', true],
    ['2026-11-24T00:00:00Z', 'America/New_York', false],
    // Paris, CET (UTC+1): 19:00 local is 18:00 UTC.
    ['2026-11-23T17:59:00Z', 'Europe/Paris', true],
    ['2026-11-23T18:00:00Z', 'Europe/Paris', false],
    // Tokyo is already Tuesday 00:00 at Monday 15:00 UTC.
    ['2026-11-23T15:00:00Z', 'Asia/Tokyo', false],
    // Saturday in Sydney, Friday in New York.
    ['2026-11-27T23:00:00Z', 'Australia/Sydney', false],
    ['2026-11-27T23:00:00Z', 'America/New_York', true],
    // DST: on 2026-03-09 (Monday after the US change) 09:00 EDT is 13:00 UTC; in Europe still CET.
    ['2026-03-09T13:00:00Z', 'America/New_York', true],
    ['2026-03-09T12:59:00Z', 'America/New_York', false],
    ['2026-03-30T07:00:00Z', 'Europe/Berlin', true],
    ['2026-03-27T07:59:00Z', 'Europe/Berlin', false],
  ] as const)('%s in %s: %s', (at, zone, open) => {
    expect(withinSendingHours(new Date(at), zone, WEEKDAYS)).toBe(open);
  });

  it.each([
    // Friday evening in New York opens Monday 09:00 EST.
    ['2026-11-28T00:30:00Z', 'America/New_York', '2026-11-30T14:00:00.000Z'],
    // The night before the European clock change (Sunday 29 March 2026) opens Monday 09:00 CEST = 07:00 UTC.
    ['2026-03-28T20:00:00Z', 'Europe/Berlin', '2026-03-30T07:00:00.000Z'],
    // Early morning the same day.
    ['2026-11-23T06:00:00Z', 'Europe/Paris', '2026-11-23T08:00:00.000Z'],
    // US fall back (Sunday 1 Nov 2026): Monday opens at 09:00 EST = 14:00 UTC.
    ['2026-10-31T12:00:00Z', 'America/Chicago', '2026-11-02T15:00:00.000Z'],
  ] as const)('closed at %s in %s opens at %s', (at, zone, opening) => {
    expect(nextOpening(new Date(at), zone, WEEKDAYS)?.toISOString()).toBe(opening);
  });

  it('a country with one zone gives it; several need the customer own or the default', () => {
    expect(customerTimeZone({ timeZone: null, country: 'FR' }, 'UTC')).toEqual({ zone: 'Europe/Paris', source: 'country' });
    expect(customerTimeZone({ timeZone: null, country: 'US' }, 'America/Denver')).toEqual({ zone: 'America/Denver', source: 'default' });
    expect(customerTimeZone({ timeZone: 'America/Los_Angeles', country: 'US' }, 'UTC')).toEqual({ zone: 'America/Los_Angeles', source: 'customer' });
  });
});

describe('opt-out words and mobile numbers', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['stop.', 'opt_out'],
    [' Arrêt ', 'opt_out'],
    ['ALTO', 'opt_out'],
    ['Stopp!', 'opt_out'],
    ['start', 'opt_in'],
    ['please stop calling on Monday', null],
    ['Paid yesterday', null],
  ] as const)('%j is %s', (body, keyword) => {
    expect(optKeyword(body)).toBe(keyword);
  });

  it('texts only valid mobile numbers, with why not', () => {
    expect(mobileNumber('+33 6 12 34 56 78', null)).toEqual({ number: '+33612345678' });
    expect(mobileNumber('(415) 555-2671', 'US')).toEqual({ number: '+14155552671' });
    expect(mobileNumber('+49 30 123456', 'DE')).toEqual({ problem: '+49 30 123456 is a landline' });
    expect(mobileNumber('+1 555 0101', 'US')).toMatchObject({ problem: expect.stringContaining('not a valid number') });
    expect(mobileNumber(null, 'US')).toEqual({ problem: 'no phone number' });
  });
});
