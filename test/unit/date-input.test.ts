import { describe, expect, it } from 'vitest';
import { dateOrderOf, parseDateInput, type DateInputContext } from '../../shared/date-input';

// A Thursday in December, so a typed January date rolls into next year.
const US: DateInputContext = { today: '2026-12-17', order: 'mdy', prefer: 'future' };
const UK: DateInputContext = { ...US, order: 'dmy' };

describe('parseDateInput', () => {
  it.each([
    ['2026-12-28', '2026-12-28'],
    ['12/28', '2026-12-28'],
    ['12/28/26', '2026-12-28'],
    ['12/28/2027', '2027-12-28'],
    ['1/5', '2027-01-05'],
    ['12/17', '2026-12-17'],
    ['12/16', '2027-12-16'],
    ['Dec 28', '2026-12-28'],
    ['28 december 2026', '2026-12-28'],
    ['jan 3', '2027-01-03'],
    ['today', '2026-12-17'],
    ['tomorrow', '2026-12-18'],
    ['+3d', '2026-12-20'],
    ['+3', '2026-12-20'],
    ['+ 2 weeks', '2026-12-31'],
    ['+1m', '2027-01-17'],
    ['-2d', '2026-12-15'],
    ['fri', '2026-12-18'],
    ['Friday', '2026-12-18'],
    ['thu', '2026-12-24'],
    ['next mon', '2026-12-21'],
  ])('US %s → %s', (text, expected) => expect(parseDateInput(text, US)).toBe(expected));

  it.each([
    ['28/12', '2026-12-28'],
    ['5/1', '2027-01-05'],
    ['28.12.2026', '2026-12-28'],
    ['1-2-27', '2027-02-01'],
  ])('UK (day first) %s → %s', (text, expected) => expect(parseDateInput(text, UK)).toBe(expected));

  it('reads a date without a year as the nearest one for an "as of" date', () => {
    const asOf: DateInputContext = { ...US, prefer: 'nearest' };
    expect(parseDateInput('11/30', asOf)).toBe('2026-11-30');
    expect(parseDateInput('1/5', asOf)).toBe('2027-01-05');
    expect(parseDateInput('6/30', asOf)).toBe('2026-06-30');
  });

  it('puts Feb 29 in the next leap year', () => {
    expect(parseDateInput('2/29', US)).toBe('2028-02-29');
  });

  it('reads the locale month names it is given', () => {
    const de: DateInputContext = {
      ...UK,
      monthNames: ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
    };
    expect(parseDateInput('28. Dezember', de)).toBe('2026-12-28');
    expect(parseDateInput('3. März 2027', de)).toBe('2027-03-03');
  });

  it.each(['', 'soon', '13/45', '2/30/2027', '+3x', 'fr', '12/28/202'])('refuses %j', (text) => expect(parseDateInput(text, US)).toBeNull());

  it('learns the order from how the locale writes a date', () => {
    const parts = (locale: string) => new Intl.DateTimeFormat(locale).formatToParts(new Date(Date.UTC(2026, 11, 28)));
    expect(dateOrderOf(parts('en-US'))).toBe('mdy');
    expect(dateOrderOf(parts('en-GB'))).toBe('dmy');
    expect(dateOrderOf(parts('de-DE'))).toBe('dmy');
    expect(dateOrderOf(parts('sv-SE'))).toBe('ymd');
  });
});
