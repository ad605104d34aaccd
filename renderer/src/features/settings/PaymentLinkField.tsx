import {
  fillPaymentLinkPattern,
  PAYMENT_LINK_TOKENS,
  paymentLinkPatternProblem,
  type PaymentLinkToken,
} from '../../../../shared/outreach/payment-link-pattern';
import { formatAmount } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';

const TOKENS = Object.entries(PAYMENT_LINK_TOKENS) as [PaymentLinkToken, (typeof PAYMENT_LINK_TOKENS)[PaymentLinkToken]][];

/**
 * The payment-link pattern with the tokens it may use beside it, and, as it is typed, the link it
 * makes for a real open invoice, or why it cannot be saved (the same check the core runs at save).
 */
export function PaymentLinkField({ value, onChange }: { value: string; onChange(next: string): void }) {
  const sample = useCoreQuery('settings.outreach.linkSample', {}).data;
  const pattern = value.trim();
  const problem = paymentLinkPatternProblem(pattern);
  const values = sample?.values ?? (Object.fromEntries(TOKENS.map(([name, info]) => [name, info.example])) as Record<PaymentLinkToken, string>);
  const example = problem === null ? fillPaymentLinkPattern(pattern, values) : null;
  return (
    <div className="payment-link" data-testid="payment-link-field">
      <label className="field">
        <span>Payment link pattern (used when the ERP gives an invoice no link of its own)</span>
        <input
          className="input mono"
          value={value}
          placeholder="https://pay.example.com/{invoiceNumber}?amount={balance}"
          spellCheck={false}
          aria-invalid={problem !== null || undefined}
          aria-describedby="payment-link-help"
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      <div id="payment-link-help" className="payment-link-help">
        {problem !== null && (
          <p className="field-error" role="alert" data-testid="payment-link-problem">
            {problem}
          </p>
        )}
        {example && (
          <p data-testid="payment-link-example">
            <span className="muted">
              {sample
                ? `For ${sample.values.invoiceNumber} (${sample.customerName}, ${formatAmount(sample.openMinor, sample.values.currency)}): `
                : 'With example values: '}
            </span>
            <code>{example}</code>
          </p>
        )}
        <dl className="tokens" aria-label="Tokens the pattern may use">
          {TOKENS.map(([name, info]) => (
            <div key={name}>
              <dt>
                <button
                  type="button"
                  className="link-button mono"
                  title="Add to the pattern"
                  onClick={() => onChange(`${value}{${name}}`)}
                >{`{${name}}`}</button>
              </dt>
              <dd>{info.description}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
