import type { RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { TimelineEntry } from '../../../../shared/activity';
import { localToday } from '../../../../shared/dates';
import { Kbd } from '../../app/Kbd';
import { useNav } from '../../app/nav-store';
import { useAppStatus } from '../../app/use-app-status';
import { useCommand } from '../../app/use-command';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { ACTIONS, actionKeyCaps, ActivityForm, useActionKeys, type FormKind } from '../activity/ActivityForms';
import type { PromisePrefill } from '../activity/PromiseForm';
import { Timeline } from '../activity/Timeline';
import { CommitmentList } from './CommitmentList';
import { ContactList } from './ContactList';
import { TextPanel } from './TextPanel';
import { CustomerAging } from './CustomerAging';
import { CustomerTiles } from './CustomerTiles';
import { invoiceColumns, worstFirst } from './invoice-columns';
import { MessageLocaleField } from './MessageLocaleField';
import { RiskSummary } from './RiskSummary';
import { StatementPanel } from './StatementPanel';
import { AsOfControl } from '../history/AsOfControl';
import { pastDay, useAsOf } from '../history/as-of-store';
import { AS_OF_BANNER_ID, readOnlyReason, refusedProps } from '../history/read-only';
import './customer-page.css';

const KINDS: { value: TimelineEntry['kind'] | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'invoice', label: 'Invoices' },
  { value: 'payment', label: 'Payments' },
  { value: 'call', label: 'Calls' },
  { value: 'promise', label: 'Promises' },
  { value: 'note', label: 'Notes' },
  { value: 'dispute_opened', label: 'Disputes' },
  { value: 'assignment', label: 'Assignments' },
];

/**
 * One customer with room: balances and terms, aging, every invoice (x ticks them for a promise,
 * dispute or plan), what was promised or contested, contacts, and the whole timeline. Esc goes back
 * to where the page was opened from. On a past "as of" day it shows the customer as it stood then,
 * read-only (the statement, a read, is of that day).
 */
export function CustomerPage({ customerId }: { customerId: number }) {
  const [today] = useState(() => localToday());
  const go = useNav((nav) => nav.go);
  const returnTo = useNav((nav) => nav.returnTo);
  const back = (): void => go(returnTo);
  const edges = useAppStatus().data?.agingEdges;
  const past = pastDay(
    useAsOf((asOf) => asOf.day),
    today,
  );
  const refuse = useAsOf((asOf) => asOf.refuse);
  const asOf = past === null ? {} : { asOf: past };
  const summary = useCoreQuery('customer.summary', { customerId, ...asOf });
  const invoices = useCoreQuery('customer.invoices', { customerId, ...asOf });
  const commitments = useCoreQuery('customer.commitments', { customerId, ...asOf });
  const timeline = useCoreQuery('customer.timeline', { customerId, limit: 5000, ...asOf });
  const [kind, setKind] = useState<TimelineEntry['kind'] | ''>('');
  const [form, setFormState] = useState<FormKind | null>(null);
  // A call that ended in "promised to pay" hands on to the promise form, pre-filled.
  const [prefill, setPrefill] = useState<PromisePrefill | undefined>(undefined);
  const setForm = (kind: FormKind | null): void => {
    setFormState(kind);
    setPrefill(undefined);
  };
  const [ticked, setTicked] = useState<RowSelectionState>({});
  const [contactsSaved, setContactsSaved] = useState(0);
  const [statementOpen, setStatementOpen] = useState(false);
  useCommand('customer.back', () => (form ? setForm(null) : statementOpen ? setStatementOpen(false) : back()));
  useCommand('customer.statement', () => setStatementOpen(true));
  const [chargesFocus, setChargesFocus] = useState(0);
  useCommand('customer.pushCharges', () => {
    if (past) refuse('Invoice charges in the ERP');
    else {
      setStatementOpen(true);
      setChargesFocus((n) => n + 1);
    }
  });
  const act = (kind: FormKind): void => {
    if (past) refuse(ACTIONS.find((action) => action.kind === kind)?.label ?? kind);
    else setForm(kind);
  };
  useActionKeys(act);
  const refused = refusedProps(past);
  // Panels that write (commitments, contacts, the message language, texts) are disabled whole on a past day.
  const readOnly = past === null ? null : { disabled: true, title: readOnlyReason(past), 'aria-describedby': AS_OF_BANNER_ID };

  const reload = (): void => {
    for (const query of [summary, invoices, commitments, timeline]) query.reload();
  };
  const invoiceRows = useMemo(() => worstFirst(invoices.data ?? []), [invoices.data]);
  const s = summary.data;
  if (summary.error) return <ErrorNotice error={summary.error} title="This customer could not be loaded." onRetry={summary.reload} />;
  if (!s) return null;
  const tickedIds = Object.keys(ticked)
    .filter((id) => ticked[id])
    .map(Number);
  const numberOf = (id: number): string => invoices.data?.find((invoice) => invoice.id === id)?.number ?? `#${id}`;
  const promiseKinds: TimelineEntry['kind'][] = ['promise', 'promise_kept', 'promise_broken', 'promise_cancelled'];
  const entries = (timeline.data ?? []).filter(
    (entry) =>
      kind === '' ||
      entry.kind === kind ||
      (kind === 'promise' && promiseKinds.includes(entry.kind)) ||
      (kind === 'dispute_opened' && entry.kind === 'dispute_resolved'),
  );

  return (
    <div className="customer-page" data-testid="customer-page">
      <div className="screen-toolbar">
        <button type="button" className="button ghost small" onClick={back}>
          ← Back <Kbd keys={['Esc']} />
        </button>
        <h2 className="customer-title">
          {s.name} <span className="muted">{s.externalId}</span>
        </h2>
        <span className="spacer" />
        <div className="pane-actions">
          <button type="button" className="button small" aria-pressed={statementOpen} onClick={() => setStatementOpen(true)}>
            <Kbd keys={['Shift', 'S']} /> Statement
          </button>
          {ACTIONS.map((action) => (
            <button key={action.kind} type="button" className="button small" aria-pressed={form === action.kind} {...refused} onClick={() => act(action.kind)}>
              <Kbd keys={actionKeyCaps(action.key)} /> {action.label}
            </button>
          ))}
        </div>
      </div>
      <AsOfControl today={today} />
      <CustomerTiles summary={s} past={past !== null} />
      <div className="customer-columns">
        <section className="card customer-main" aria-label="Invoices">
          {edges && <CustomerAging rows={s.aging} edges={edges} />}
          <DataTable
            data={invoiceRows}
            columns={invoiceColumns}
            label="Invoices"
            testId="customer-invoices"
            screenKeys={form === null}
            selection={{ selected: ticked, onChange: setTicked, rowId: (invoice) => String(invoice.id) }}
            toolbar={
              <span className="muted table-hint">
                {tickedIds.length > 0 ? (
                  `${plural(tickedIds.length, 'invoice')} ticked for p, d, l or o`
                ) : (
                  <>
                    <Kbd keys={['x']} /> ticks an invoice
                  </>
                )}
              </span>
            }
          />
        </section>
        <section className="card customer-side">
          {statementOpen && (
            <StatementPanel
              customerId={customerId}
              asOf={past ?? today}
              onClose={() => setStatementOpen(false)}
              chargesFocus={chargesFocus}
              readOnly={readOnly}
            />
          )}
          {form && (
            <ActivityForm
              key={form}
              kind={form}
              customer={s}
              today={today}
              invoiceIds={tickedIds}
              prefill={prefill}
              onCancel={() => setForm(null)}
              onSaved={(promise) => {
                reload();
                if (promise) {
                  setFormState('promise');
                  setPrefill(promise);
                  return;
                }
                setForm(null);
                setTicked({});
              }}
            />
          )}
          <section className="customer-risk-panel" aria-label="Risk">
            {past === null && <RiskSummary customerId={customerId} />}
          </section>
          <fieldset className="read-only-panels" {...readOnly}>
            {commitments.data && <CommitmentList commitments={commitments.data} numberOf={numberOf} onChanged={reload} />}
            <MessageLocaleField summary={s} onChanged={summary.reload} />
            <ContactList customerId={customerId} country={s.country} onChanged={() => setContactsSaved((n) => n + 1)} />
          </fieldset>
          {/* A contact saved may be the one to text: the panel starts again from the new facts. A past day sends nothing. */}
          {past === null && <TextPanel key={`${customerId}:${contactsSaved}`} customerId={customerId} onSent={reload} />}
          <div className="section-head">
            <h3>Timeline</h3>
            <select className="input small" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)} aria-label="Timeline shows">
              {KINDS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <Timeline entries={entries} {...(past === null ? { onAmended: reload } : {})} />
        </section>
      </div>
    </div>
  );
}
