import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate } from '../../shared/dates';
import { detectDateFormat, parseDate } from '../../electron/core/import/parse-date';

describe('ISO dates', () => {
  it.each([
    ['2026-01-31', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
  ])('isIsoDate(%s) = %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));

  it('does arithmetic in whole days across DST and leap years', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});

describe('parseDate', () => {
  it.each([
    ['01/31/2026', 'M/d/yyyy', '2026-01-31'],
    ['1/5/2026', 'M/d/yyyy', '2026-01-05'],
    ['31/01/2026', 'd/M/yyyy', '2026-01-31'],
    ['31.01.2026', 'd.M.yyyy', '2026-01-31'],
    ['2026-01-31 00:00:00', 'yyyy-MM-dd', '2026-01-31'],
    ['5 Mar 2026', 'd MMM yyyy', '2026-03-05'],
    ['Mar 5, 2026', 'MMM d, yyyy', '2026-03-05'],
    ['12/15/26', 'M/d/yyyy', '2026-12-15'],
    ['26-01-15', 'yyyy-MM-dd', null],
    ['02/30/2026', 'M/d/yyyy', null],
    ['13/13/2026', 'd/M/yyyy', null],
    ['yesterday', 'yyyy-MM-dd', null],
  ] as const)('%s as %s → %s', (text, format, expected) => expect(parseDate(text, format)).toBe(expected));
});

describe('detectDateFormat', () => {
  it('finds month-first when a day is above 12', () => {
    expect(detectDateFormat(['01/05/2026', '12/31/2026'])).toEqual({ kind: 'found', format: 'M/d/yyyy' });
  });
  it('finds day-first when a day is above 12', () => {
    expect(detectDateFormat(['05/01/2026', '31/12/2026'])).toEqual({ kind: 'found', format: 'd/M/yyyy' });
  });
  it('refuses to guess when every day is 12 or less', () => {
    const result = detectDateFormat(['03/04/2026', '05/06/2026']);
    expect(result.kind).toBe('ambiguous');
  });
  it('keeps the majority format so bad rows are reported one by one', () => {
    expect(detectDateFormat(['2026-01-05', '2026-02-30', '2026-03-01'])).toEqual({ kind: 'found', format: 'yyyy-MM-dd' });
  });
});
