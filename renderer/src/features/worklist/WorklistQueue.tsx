import { useState } from 'react';
import { localToday } from '../../../../shared/dates';
import { Kbd } from '../../app/Kbd';
import { useNav } from '../../app/nav-store';
import { useShortcut } from '../../app/use-shortcut';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, plural } from '../../lib/format';
import { useActionKeys } from '../activity/ActivityForms';
import { BulkStatements } from './BulkStatements';
import { CustomerPane, type PaneForm } from './CustomerPane';
import { FxRatesBanner } from './FxRatesBanner';
import { customersMatching } from './customers-matching';
import { ladderTaskOf } from './LadderTaskForm';
import { QueueFilters, type Filters } from './QueueFilters';
import { QueueList } from './QueueList';
import { useWorklistPages } from './use-worklist-pages';
import { useOutreachSelection } from '../outreach/outreach-store';
import './worklist.css';

/**
 * The home screen: the ranked queue on the left, the selected customer on the right. Keyboard only:
 * j/k move, Enter opens the customer, c/p/d/l/n/a/s open an action in the pane (t: the ladder's letter
 * or agency referral when one is due; a due call is done by logging it), w shows why, x ticks
 * a customer for bulk work (X every customer the filters match; e emails them, S prints their statements),
 * and saving moves to the next customer.
 */
export function WorklistQueue() {
  const [today] = useState(() => localToday());
  const [filters, setFilters] = useState<Filters>({});
  const queue = useWorklistPages({ asOf: today, ...filters });
  // The selected customer, and where it was: after a re-rank it is found again by id among the loaded rows.
  const [cursor, setCursor] = useState<{ index: number; customerId: number | null }>({ index: 0, customerId: null });
  const [revealKey, setRevealKey] = useState(0);
  const [form, setForm] = useState<PaneForm | null>(null);
  const [showWhy, setShowWhy] = useState(false);
  // Ticked customers with their names, which a bulk send lists even for rows no longer loaded.
  const [ticked, setTicked] = useState<ReadonlyMap<number, string>>(new Map());
  // The ticked customers whose statements are being made (one PDF, a job with progress).
  const [statementsFor, setStatementsFor] = useState<number[] | null>(null);
  const pick = useOutreachSelection((selection) => selection.pick);
  const go = useNav((nav) => nav.go);
  const openCustomer = useNav((nav) => nav.openCustomer);
  const total = queue.total ?? 0;
  const found = cursor.customerId === null || queue.rowAt(cursor.index)?.customerId === cursor.customerId ? undefined : queue.indexOf(cursor.customerId);
  const index = Math.min(found ?? cursor.index, Math.max(0, total - 1));
  const selected = queue.rowAt(index);

  const select = (next: number): void => {
    const bounded = Math.max(0, Math.min(total - 1, next));
    setCursor({ index: bounded, customerId: queue.rowAt(bounded)?.customerId ?? null });
    setRevealKey((key) => key + 1);
    setForm(null);
  };
  const move = (step: number): void => select(index + step);
  const toggleTick = (row: { customerId: number; name: string }): void =>
    setTicked((map) => {
      const next = new Map(map);
      if (!next.delete(row.customerId)) next.set(row.customerId, row.name);
      return next;
    });
  useShortcut('j', () => move(1));
  useShortcut('ArrowDown', () => move(1));
  useShortcut('k', () => move(-1));
  useShortcut('ArrowUp', () => move(-1));
  useActionKeys((kind) => selected && setForm(kind));
  useShortcut('t', () => selected && ladderTaskOf(selected.reasons) && setForm('task'));
  useShortcut('x', () => selected && toggleTick(selected));
  useShortcut('X', () => void customersMatching({ asOf: today, ...filters }).then((all) => setTicked((map) => new Map([...map, ...all]))));
  useShortcut('e', () => {
    if (ticked.size === 0) return;
    pick([...ticked].map(([customerId, name]) => ({ customerId, name })));
    go('outreach');
  });
  useShortcut('S', () => ticked.size > 0 && !statementsFor && setStatementsFor([...ticked.keys()]));
  useShortcut('w', () => setShowWhy((shown) => !shown));
  useShortcut('Escape', () => (form ? setForm(null) : setTicked(new Map())));
  useShortcut('Enter', () => !form && selected && openCustomer(selected.customerId));

  /** After an action the next customer is the one to work on; the queue is then re-read. */
  function saved(): void {
    const nextIndex = queue.rowAt(index + 1) ? index + 1 : Math.max(0, index - 1);
    setCursor({ index: nextIndex, customerId: queue.rowAt(nextIndex)?.customerId ?? null });
    setRevealKey((key) => key + 1);
    setForm(null);
    queue.reload();
  }

  if (queue.error && queue.total === null) return <ErrorNotice error={queue.error} title="The worklist could not be built." onRetry={queue.reload} />;
  if (queue.total === null) return null;
  if (total === 0 && Object.keys(filters).length === 0) {
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
          <strong>{queue.doneToday}</strong> done today · {plural(total, 'customer')} to contact
        </span>
        {ticked.size > 0 && (
          <span className="muted" data-testid="worklist-ticked">
            {formatCount(ticked.size)} ticked · <Kbd keys={['e']} /> email them · <Kbd keys={['Shift', 'S']} /> their statements · <button type="button" className="link-button" onClick={() => setTicked(new Map())}>clear</button>
          </span>
        )}
        <span className="spacer" />
        <QueueFilters pages={queue.loadedPages()} filters={filters} onChange={setFilters} />
      </div>
      {statementsFor && <BulkStatements customerIds={statementsFor} asOf={today} onClose={() => setStatementsFor(null)} />}
      {queue.unratedCurrencies.length > 0 && <FxRatesBanner currencies={queue.unratedCurrencies} onSet={() => go('settings')} />}
      {total === 0 && <p className="muted">No customer matches these filters.</p>}
      <div className="worklist-split">
        <QueueList queue={queue} total={total} selectedIndex={index} revealKey={revealKey} ticked={ticked} today={today} onSelect={select} />
        {selected && (
          <CustomerPane key={selected.customerId} row={selected} today={today} form={form} showWhy={showWhy} onForm={setForm} onSaved={saved} />
        )}
      </div>
    </div>
  );
}
