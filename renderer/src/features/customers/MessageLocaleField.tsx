import { countryLocale, OFFERED_LOCALES, templateLanguage } from '../../../../shared/customer-locale';
import type { CustomerSummary } from '../../../../shared/activity';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';

const names = new Intl.DisplayNames([navigator.language, 'en'], { type: 'language' });
const nameOf = (locale: string): string => `${names.of(locale) ?? locale} · ${locale}`;

/**
 * The locale the customer's emails are written in: dates and amounts in its format, and templates in
 * its language (English where Inflow has none). Unset, it follows the customer's country.
 */
export function MessageLocaleField({ summary, onChanged }: { summary: CustomerSummary; onChanged(): void }) {
  const { error, run } = useOutcome();
  const fromCountry = countryLocale(summary.country);
  const offered = [...new Set([...OFFERED_LOCALES, ...(summary.locale ? [summary.locale] : [])])].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const set = (value: string): void => {
    void run(async () => {
      await call('customer.setLocale', { customerId: summary.customerId, locale: value || null });
      onChanged();
    });
  };
  return (
    <div className="message-locale" data-testid="message-locale">
      <label className="field inline">
        <span>Emails in</span>
        <select
          className="input small"
          value={summary.locale ?? ''}
          onChange={(event) => set(event.target.value)}
          aria-label="Language and formats of this customer's emails"
        >
          <option value="">{`${names.of(fromCountry ?? summary.messageLocale) ?? summary.messageLocale} (${fromCountry ? 'its country' : 'default'})`}</option>
          {offered.map((locale) => (
            <option key={locale} value={locale}>
              {nameOf(locale)}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="message-locale-hint">
        {summary.locale ? 'Set for this customer' : fromCountry ? `From its country, ${summary.country}` : 'No country known: the default of Settings → Email'}{' '}
        · {names.of(templateLanguage(summary.messageLocale))} templates, {summary.messageLocale} dates and amounts
      </span>
      {error && <ErrorNotice error={error} title="The language was not changed." />}
    </div>
  );
}
