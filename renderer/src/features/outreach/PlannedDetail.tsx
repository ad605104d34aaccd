import type { PlannedMessage } from '../../../../shared/outreach/guard';
import { describeRecent, HOLD_LABELS } from '../../../../shared/outreach/guard-words';
import { draftWith, goes, liftable, NO_OVERRIDE, type Override } from './bulk-plan';
import { MessagePreview } from './MessagePreview';

interface Props {
  message: PlannedMessage;
  today: string;
  /** A template send lets the collector lift a hold (with a reason); the ladder keeps its own rules. */
  canOverride: boolean;
  override: Override | undefined;
  onOverride(override: Override): void;
}

/**
 * One planned message: why nothing goes to this customer, or which invoices the guard left out and
 * why, other messages to them within the contact rhythm, and the message itself as it will go.
 */
export function PlannedDetail({ message, today, canOverride, override = NO_OVERRIDE, onOverride }: Props) {
  const { verdict } = message;
  const lifting = override.invoiceIds.length > 0 || override.rhythm;
  const toggle = (invoiceId: number): void =>
    onOverride({
      ...override,
      invoiceIds: override.invoiceIds.includes(invoiceId) ? override.invoiceIds.filter((id) => id !== invoiceId) : [...override.invoiceIds, invoiceId],
    });
  return (
    <div className="planned-detail">
      {message.heldMessage && !goes(message, override) && (
        <p className="notice" data-testid="bulk-held">
          Nothing goes to this customer: {message.heldMessage}
        </p>
      )}
      {verdict.recent.length > 0 && (
        <div className="guard-note" data-testid="bulk-recent">
          {verdict.recent.map((contact, index) => (
            <span key={index}>{describeRecent(contact, today)}.</span>
          ))}
          {canOverride && verdict.held === 'rhythm' && (
            <label className="checkbox">
              <input type="checkbox" checked={override.rhythm} onChange={() => onOverride({ ...override, rhythm: !override.rhythm })} /> Send anyway
            </label>
          )}
        </div>
      )}
      {verdict.dropped.length > 0 && (
        <ul className="guard-dropped" aria-label="Left out" data-testid="bulk-dropped">
          {verdict.dropped.map((dropped) => (
            <li key={dropped.invoiceId}>
              <span className="nowrap">{dropped.number}</span> left out:{' '}
              <span className={dropped.reason === 'rhythm' ? 'chip info' : 'chip warn'}>{HOLD_LABELS[dropped.reason]}</span>
              {canOverride && message.draft && liftable(dropped) && (
                <label className="checkbox">
                  <input type="checkbox" checked={override.invoiceIds.includes(dropped.invoiceId)} onChange={() => toggle(dropped.invoiceId)} /> Include anyway
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
      {lifting && (
        <label className="field guard-reason">
          <span>Why send it despite the hold? (kept in the audit log)</span>
          <input
            className="input"
            value={override.reason}
            maxLength={500}
            onChange={(event) => onOverride({ ...override, reason: event.target.value })}
            data-testid="override-reason"
          />
        </label>
      )}
      {message.draft && <MessagePreview draft={draftWith(message, override)} guardShown />}
    </div>
  );
}
