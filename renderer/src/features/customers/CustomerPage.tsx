import { useState, type ReactNode } from 'react';
import type { TimelineEntry } from '../../../../shared/activity';
import { useNav } from '../../app/nav-store';
import { useShortcut } from '../../app/use-shortcut';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Money } from '../../components/Money';
import { useApi } from '../../lib/use-api';
import { Timeline } from '../worklist/Timeline';
import { ContactList } from './ContactList';
import { invoiceColumns } from './invoice-columns';
import './customer-page.css';

const KINDS: { value: TimelineEntry['kind'] | ''; label: string }[] = [
  { value: '', label: 'Everything' }, { value: 'invoice', label: 'Invoices' }, { value: 'payment', label: 'Payments' },
  { value: 'call', label: 'Calls' }, { value: 'promise', label: 'Promises' }, { value: 'note', label: 'Notes' },
  { value: 'dispute_opened', label: 'Disputes' },
];

/** One customer with room: balances and terms, open invoices, contacts and the whole timeline. Esc goes back. */
export function CustomerPage({ customerId }: { customerId: number }) {
  const go = useNav((nav) => nav.go);
  const summary = useApi('customer.summary', { customerId });
  const invoices = useApi('customer.openInvoices', { customerId });
  const timeline = useApi('customer.timeline', { customerId, limit: 2000 });
  const [kind, setKind] = useState<TimelineEntry['kind'] | ''>('');
  useShortcut('Escape', () => go('customers'));
  const s = summary.data;
  if (summary.error) return <ErrorNotice error={summary.error} title="This customer could not be loaded." onRetry={summary.reload} />;
  if (!s) return null;
  const utilisation = s.creditLimitMinor ? Math.round((s.openMinor / s.creditLimitMinor) * 100) : null;
  const entries = (timeline.data ?? []).filter((entry) => kind === '' || entry.kind === kind);
  return (
    <div className="customer-page" data-testid="customer-page">
      <div className="screen-toolbar">
        <button type="button" className="button ghost small" onClick={() => go('customers')}>← Customers</button>
        <h2 className="customer-title">{s.name} <span className="muted">{s.externalId}</span></h2>
      </div>
      <div className="tiles customer-tiles">
        <Tile label="Open"><Money minor={s.openMinor} currency={s.currency} /></Tile>
        <Tile label="Overdue"><Money minor={s.overdueMinor} currency={s.currency} /></Tile>
        <Tile label="Oldest">{s.oldestDaysPastDue} days</Tile>
        <Tile label="Average days late">{s.averageDaysLate ?? '—'}</Tile>
        <Tile label="Terms">{s.termsDays !== null ? `Net ${s.termsDays}` : '—'}</Tile>
        <Tile label="Credit limit">
          {s.creditLimitMinor !== null ? <><Money minor={s.creditLimitMinor} currency={s.currency} /> <span className="muted">{utilisation}% used</span></> : '—'}
        </Tile>
        <Tile label="Collector">{s.collector ?? 'Unassigned'}</Tile>
      </div>
      <div className="customer-columns">
        <section className="card customer-invoices" aria-label="Open invoices">
          <DataTable data={invoices.data ?? []} columns={invoiceColumns} label="Open invoices" testId="customer-invoices" initialSort={[{ id: 'dueDate', desc: false }]} />
        </section>
        <section className="card customer-side">
          <ContactList customerId={customerId} />
          <label className="field inline">
            <span>Timeline</span>
            <select className="input" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)} aria-label="Timeline shows">
              {KINDS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
            </select>
          </label>
          <Timeline entries={entries} />
        </section>
      </div>
    </div>
  );
}

function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value small">{children}</div>
    </div>
  );
}
