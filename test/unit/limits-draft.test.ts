import { describe, expect, it } from 'vitest';
import { draftOf, limitsOf } from '../../renderer/src/features/settings/limits-draft';
import type { TeamLimits } from '../../shared/team-authority';

const LIMITS: TeamLimits = {
  currency: 'EUR',
  collector: { waiverMinor: 5_000, writeOffMinor: 150_050, discountBp: 250, planInstallments: 3, planAmountMinor: 1_000_000, promiseDays: 30 },
  senior: { waiverMinor: null, writeOffMinor: null, discountBp: null, planInstallments: 6, planAmountMinor: null, promiseDays: null },
};

describe('the limits form', () => {
  it('shows amounts in minor units as the user types them, empty for no limit, and reads them back exactly', () => {
    const draft = draftOf(LIMITS, 'USD', 'de-DE');
    expect(draft.collector).toEqual({
      waiverMinor: '50,00',
      writeOffMinor: '1500,50',
      discountBp: '2,5',
      planInstallments: '3',
      planAmountMinor: '10000,00',
      promiseDays: '30',
    });
    expect(draft.senior.writeOffMinor).toBe('');
    expect(limitsOf(draft, 'de-DE')).toEqual({ ok: true, limits: LIMITS });
    expect(limitsOf(draftOf(LIMITS, 'USD', 'en-US'), 'en-US')).toEqual({ ok: true, limits: LIMITS });
  });

  it('starts empty in the desk’s base currency when the team has no limits yet', () => {
    const draft = draftOf(null, 'GBP', 'en-US');
    expect(draft.currency).toBe('GBP');
    expect(limitsOf(draft, 'en-US')).toMatchObject({ ok: true, limits: { currency: 'GBP', collector: { writeOffMinor: null } } });
  });

  it('names each field it cannot take, and sends nothing', () => {
    const draft = draftOf(LIMITS, 'USD', 'en-US');
    draft.currency = 'euro';
    draft.collector.planInstallments = '3.5';
    draft.senior.discountBp = '60';
    draft.senior.writeOffMinor = '-5';
    draft.collector.waiverMinor = '12.345';
    const result = limitsOf(draft, 'en-US');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toMatchObject({
      currency: 'a currency code like USD',
      'collector.planInstallments': 'a whole number',
      'senior.writeOffMinor': expect.any(String),
      'collector.waiverMinor': expect.any(String),
    });
    draft.currency = 'EUR';
    draft.collector.planInstallments = '300';
    draft.senior.writeOffMinor = '';
    draft.collector.waiverMinor = '';
    expect(limitsOf(draft, 'en-US')).toEqual({ ok: false, errors: { 'collector.planInstallments': 'at most 120', 'senior.discountBp': 'at most 50 %' } });
  });
});
