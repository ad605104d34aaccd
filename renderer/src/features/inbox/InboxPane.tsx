import type { InboxAction, InboxItem } from '../../../../shared/inbox';
import { localToday } from '../../../../shared/dates';
import { minorToDecimalString } from '../../../../shared/money';
import { Kbd } from '../../app/Kbd';
import { useCommand } from '../../app/use-command';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';
import { DisputeForm } from '../activity/DisputeForm';
import { PromiseForm } from '../activity/PromiseForm';
import { ContactForm } from '../customers/ContactForm';
import { AssignPicker } from './AssignPicker';
import { MessageBody } from './MessageBody';

export type InboxForm = 'promise' | 'dispute' | 'contact' | 'assign';

interface Props {
  item: InboxItem;
  form: InboxForm | null;
  onForm(form: InboxForm | null): void;
  onHandled(): void;
  onChanged(): void;
}

const KEYS: { key: string; label: string; needsCustomer: boolean }[] = [
  { key: 't', label: 'in transit', needsCustomer: true },
  { key: 'p', label: 'promise', needsCustomer: true },
  { key: 'd', label: 'dispute', needsCustomer: true },
  { key: 'c', label: 'new contact', needsCustomer: true },
  { key: 'a', label: 'assign', needsCustomer: false },
  { key: 'e', label: 'done', needsCustomer: false },
];

/** The message, what Inflow read in it and why, what it did, and the one-key actions. */
export function InboxPane({ item, form, onForm, onHandled, onChanged }: Props) {
  const today = localToday();
  const outcome = useOutcome();
  const customer = useCoreQuery('customer.summary', item.customerId ? { customerId: item.customerId } : null).data;
  const invoices = useCoreQuery('customer.invoices', item.customerId ? { customerId: item.customerId, openOnly: true } : null).data ?? [];
  const { reading } = item;
  const handle = (action: InboxAction): Promise<boolean> =>
    outcome.run(async () => {
      await call('inbox.handle', { id: item.id, action });
      onHandled();
    });
  const inTransit = (): Promise<boolean> =>
    outcome.run(async () => {
      if (!item.customerId) return 'Assign the message to a customer first (a).';
      if (invoices.length === 0) return 'The customer has no open invoice to mark in transit.';
      await call('activity.markInTransit', {
        customerId: item.customerId,
        invoiceIds: invoices.map((invoice) => invoice.id),
        note: reading.reply?.evidence ?? '',
      });
      await call('inbox.handle', { id: item.id, action: 'in_transit' });
      onHandled();
    });
  const withCustomer = (next: InboxForm) => () => (item.customerId ? onForm(next) : onForm('assign'));
  useCommand('inbox.inTransit', () => void inTransit());
  useCommand('inbox.promise', withCustomer('promise'));
  useCommand('inbox.dispute', withCustomer('dispute'));
  useCommand('inbox.contact', withCustomer('contact'));
  useCommand('inbox.assign', () => onForm('assign'));
  useCommand('inbox.done', () => void handle('done'));

  const savedThen = (action: InboxAction) => () => void handle(action);
  const amount = reading.reply?.amount;
  return (
    <section className="inbox-pane" aria-label="Message" data-testid="inbox-pane">
      <header className="pane-header">
        <h2>{item.subject || '(no subject)'}</h2>
        <p className="muted">
          From {item.fromName ? `${item.fromName} <${item.fromAddress ?? ''}>` : (item.fromAddress ?? 'an empty sender')} ·{' '}
          {new Date(item.receivedAt).toLocaleString()}
          {' · '}
          {item.customerName ? (
            <>
              about <strong>{item.customerName}</strong>
              {item.matchedBy ? ` (by ${item.matchedBy})` : ''}
            </>
          ) : (
            <strong>not matched to a customer</strong>
          )}
        </p>
      </header>
      <div className="inbox-reading" data-testid="inbox-reading">
        <p className="inbox-summary-line">{item.summary}</p>
        {reading.evidence.length > 0 && (
          <details open>
            <summary>Why Inflow reads it so</summary>
            <ul>
              {reading.evidence.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
        )}
        {reading.actions.length > 0 && <p className="muted">Inflow {reading.actions.join('; ')}.</p>}
      </div>
      <div className="pane-actions">
        {KEYS.map(({ key, label, needsCustomer }) => (
          <button
            key={key}
            type="button"
            className="button"
            disabled={needsCustomer && !item.customerId && key !== 'a'}
            onClick={() =>
              ({
                t: () => void inTransit(),
                p: withCustomer('promise'),
                d: withCustomer('dispute'),
                c: withCustomer('contact'),
                a: () => onForm('assign'),
                e: () => void handle('done'),
              })[key]!()
            }
          >
            <Kbd keys={[key]} /> {label}
          </button>
        ))}
      </div>
      {outcome.message && (
        <p className="muted" role="status">
          {outcome.message}
        </p>
      )}
      {outcome.error && (
        <p className="field-error" role="alert">
          {outcome.error.message}
        </p>
      )}
      {form === 'assign' && (
        <AssignPicker
          inboxId={item.id}
          onAssigned={() => {
            onForm(null);
            onChanged();
          }}
          onCancel={() => onForm(null)}
        />
      )}
      {form === 'promise' && item.customerId && customer && (
        <PromiseForm
          customerId={item.customerId}
          currency={customer.currency}
          today={today}
          prefill={{
            ...(amount && amount.currency === customer.currency ? { amount: minorToDecimalString(amount.minor, amount.currency) } : {}),
            ...(reading.reply?.promiseDate ? { date: reading.reply.promiseDate } : {}),
          }}
          onSaved={savedThen('promise')}
          onCancel={() => onForm(null)}
        />
      )}
      {form === 'dispute' && item.customerId && <DisputeForm customerId={item.customerId} onSaved={savedThen('dispute')} onCancel={() => onForm(null)} />}
      {form === 'contact' && item.customerId && (
        <ContactForm
          customerId={item.customerId}
          suggested={reading.autoReply?.alternative ?? undefined}
          onSaved={savedThen('new_contact')}
          onCancel={() => onForm(null)}
        />
      )}
      <MessageBody id={item.id} />
    </section>
  );
}
