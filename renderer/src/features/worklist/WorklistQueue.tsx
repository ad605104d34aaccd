import { useState } from 'react';
import { localToday } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { useShortcut } from '../../app/use-shortcut';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { useActionKeys, type FormKind } from '../activity/ActivityForms';
import { CustomerPane } from './CustomerPane';
import { QueueFilters, type Filters } from './QueueFilters';
import { QueueList } from './QueueList';
import './worklist.css';

/**
 * The home screen: the ranked queue on the left, the selected customer on the right. Keyboard only:
 * j/k move, Enter opens the customer, c/p/d/l/n/a/s open an action in the pane, w shows why, x ticks
 * a customer for bulk work, and saving moves to the next customer.
 */
export function WorklistQueue() {
  const [today] = useState(() => localToday());
  const [filters, setFilters] = useState<Filters>({});
  const page = useApi('worklist.list', { asOf: today, limit: 1000, ...filters });
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [form, setForm] = useState<FormKind | null>(null);
  const [showWhy, setShowWhy] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const openCustomer = useNav((nav) => nav.openCustomer);
  const rows = page.data?.rows ?? [];
  const index = Math.max(0, rows.findIndex((row) => row.customerId === selectedId));
  const selected = rows[index];

  const move = (step: number): void => {
    const next = rows[Math.max(0, Math.min(rows.length - 1, index + step))];
    if (next) setSelectedId(next.customerId);
    setForm(null);
  };
  const toggleTick = (customerId: number): void =>
    setTicked((set) => {
      const next = new Set(set);
      if (!next.delete(customerId)) next.add(customerId);
      return next;
    });
  useShortcut('j', () => move(1));
  useShortcut('ArrowDown', () => move(1));
  useShortcut('k', () => move(-1));
  useShortcut('ArrowUp', () => move(-1));
  useActionKeys((kind) => selected && setForm(kind));
  useShortcut('x', () => selected && toggleTick(selected.customerId));
  useShortcut('w', () => setShowWhy((shown) => !shown));
  useShortcut('Escape', () => (form ? setForm(null) : setTicked(new Set())));
  useShortcut('Enter', () => !form && selected && openCustomer(selected.customerId));

  /** After an action the next customer is the one to work on; the queue is then re-read. */
  function saved(): void {
    const next = rows[index + 1] ?? rows[index - 1];
    setSelectedId(next ? next.customerId : null);
    setForm(null);
    page.reload();
  }

  if (page.error && !page.data) return <ErrorNotice error={page.error} title="The worklist could not be built." onRetry={page.reload} />;
  if (!page.data) return null;
  if (rows.length === 0 && Object.keys(filters).length === 0) {
    return (
      <EmptyState title="Nothing to chase today">
        <p>No customer has money overdue, a promise due or a dispute past its SLA. Snoozed customers come back on their date.</p>
      </EmptyState>
    );
  }
  return (
    <div className="worklist">
      <div className="worklist-head">
        <span data-testid="worklist-done">
          <strong>{page.data.doneToday}</strong> done today · {plural(page.data.total, 'customer')} to contact
        </span>
        {ticked.size > 0 && (
          <span className="muted" data-testid="worklist-ticked">
            {plural(ticked.size, 'customer')} ticked · <button type="button" className="link-button" onClick={() => setTicked(new Set())}>clear</button>
          </span>
        )}
        <span className="spacer" />
        <QueueFilters rows={rows} filters={filters} onChange={setFilters} />
      </div>
      {rows.length === 0 && <p className="muted">No customer matches these filters.</p>}
      <div className="worklist-split">
        <QueueList rows={rows} selectedIndex={index} ticked={ticked} today={today} onSelect={(row) => { setSelectedId(row.customerId); setForm(null); }} />
        {selected && (
          <CustomerPane key={selected.customerId} row={selected} today={today} form={form} showWhy={showWhy} onForm={setForm} onSaved={saved} />
        )}
      </div>
    </div>
  );
}
