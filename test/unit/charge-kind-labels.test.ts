import { describe, expect, it } from 'vitest';
import { CHARGE_KIND_LABELS, CHARGE_KINDS, chargeKindLabel } from '../../shared/charges';
import { TEMPLATE_LANGUAGES } from '../../shared/customer-locale';

describe('charge kind labels', () => {
  it('name each policy kind in the customer’s language, English when Inflow has none for it', () => {
    expect(chargeKindLabel('de_bgb_288', 'de-AT')).toBe('§ 288 BGB, Geschäftsverkehr (Basiszinssatz + 9 Prozentpunkte, 40 €)');
    expect(chargeKindLabel('eu_directive', 'fr-BE')).toContain('taux BCE + 8 points');
    expect(chargeKindLabel('contractual', 'es-MX')).toBe('Tipo contractual');
    expect(chargeKindLabel('uk_late_payment', 'ja-JP')).toBe(CHARGE_KIND_LABELS.en.uk_late_payment);
  });

  it('are translated for every kind in every language Inflow prints in', () => {
    for (const language of TEMPLATE_LANGUAGES.filter((l) => l !== 'en')) {
      for (const kind of CHARGE_KINDS) expect(CHARGE_KIND_LABELS[language][kind], `${language} ${kind}`).not.toBe(CHARGE_KIND_LABELS.en[kind]);
    }
  });
});
