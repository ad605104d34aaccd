import { useRef, useState } from 'react';
import { localToday } from '../../../../shared/dates';
import type { TodayItem } from '../../../../shared/worklist';
import { Kbd } from '../../app/Kbd';
import { useNav } from '../../app/nav-store';
import { useCommand } from '../../app/use-command';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, formatDate, plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { ACTIONS, useActionKeys } from '../activity/ActivityForms';
import type { PromisePrefill } from '../activity/PromiseForm';
import { BulkStatements } from './BulkStatements';
import { CustomerPane, type PaneForm } from './CustomerPane';
import { FxRatesBanner } from './FxRatesBanner';
import { customersMatching } from './customers-matching';
import { ladderTaskOf } from './LadderTaskForm';
import { QueueFilters, type Filters } from './QueueFilters';
import { NoQueueMatches } from './NoQueueMatches';
import { useMineFirst } from './use-mine-first';
import { ApprovalsPanel } from './ApprovalsPanel';
import { QueueList } from './QueueList';
import { TodayPanel } from './TodayPanel';
import { useWorklistPages } from './use-worklist-pages';
import { useOutreachSelection } from '../outreach/outreach-store';
import { AsOfControl } from '../history/AsOfControl';
import { pastDay, useAsOf } from '../history/as-of-store';
import './worklist.css';

/**
 * The home screen: today's list and the ranked queue on the left, the selected customer on the
 * right. Keyboard only: j/k move, Enter opens the customer, c/p/d/l/n/a/s open an action in the pane
 * (C dials the primary contact and times the call, m writes a text; t: the ladder's letter or agency referral when one is due; a due call is done by logging it), w
 * shows why, x ticks a customer for bulk work (X every customer the filters match; e emails them,
 * S prints their statements), `/` goes to the filters and Esc back. Saving an action works the
 * customer: it leaves the queue (ticked on the Today list) and the next customer is selected.
 * `h` picks a past day: the queue as it stood then, read-only (every action key says why it is off).
 */
export function WorklistQueue() {
  const [today] = useState(() => localToday());
  const [filters, setFilters] = useState<Filters>({});
  const me = useMineFirst(setFilters);
  const past = pastDay(
    useAsOf((asOf) => asOf.day),
    today,
  );
  const refuse = useAsOf((asOf) => asOf.refuse);
  const queue = useWorklistPages({ asOf: past ?? today, ...filters });
  // Today's list is today's work (a past day has none to show), for the collector the queue is filtered to.
  const todayList = useCoreQuery('worklist.today', past ? null : filters.collector === undefined ? {} : { collector: filters.collector });
  // The selected customer, and where it was: after a re-rank it is found again by id among the loaded rows.
  const [cursor, setCursor] = useState<{ index: number; customerId: number | null }>({ index: 0, customerId: null });
  const [revealKey, setRevealKey] = useState(0);
  const [form, setForm] = useState<PaneForm | null>(null);
  // A call that ended in "promised to pay" hands on to the promise form before the queue moves on.
  const [prefill, setPrefill] = useState<PromisePrefill | undefined>(undefined);
  const [showWhy, setShowWhy] = useState(false);
  // Ticked customers with their names, which a bulk send lists even for rows no longer loaded.
  const [ticked, setTicked] = useState<ReadonlyMap<number, string>>(new Map());
  const listRef = useRef<HTMLDivElement>(null);
  // The ticked customers whose statements are being made (one PDF, a job with progress).
  const [statementsFor, setStatementsFor] = useState<number[] | null>(null);
  const pick = useOutreachSelection((selection) => selection.pick);
  const go = useNav((nav) => nav.go);
  const openCustomer = useNav((nav) => nav.openCustomer);
  const total = queue.total ?? 0;
  const found = cursor.customerId === null || queue.rowAt(cursor.index)?.customerId === cursor.customerId ? undefined : queue.indexOf(cursor.customerId);
  const index = Math.min(found ?? cursor.index, Math.max(0, total - 1));
  const selected = queue.rowAt(index);

  const openForm = (kind: PaneForm | null): void => {
    setForm(kind);
    setPrefill(undefined);
  };
  const select = (next: number): void => {
    const bounded = Math.max(0, Math.min(total - 1, next));
    setCursor({ index: bounded, customerId: queue.rowAt(bounded)?.customerId ?? null });
    setRevealKey((key) => key + 1);
    openForm(null);
  };
  const move = (step: number): void => select(index + step);
  const toggleTick = (row: { customerId: number; name: string }): void =>
    setTicked((map) => {
      const next = new Map(map);
      if (!next.delete(row.customerId)) next.set(row.customerId, row.name);
      return next;
    });
  useCommand('worklist.next', () => move(1));
  useCommand('worklist.previous', () => move(-1));
  // On a past day every action is refused, by key as by button, with the reason in the banner.
  const act = (label: string, run: () => unknown): void => {
    if (past) refuse(label);
    else run();
  };
  const openPaneForm = (kind: PaneForm): void => {
    if (selected) act(ACTIONS.find((action) => action.kind === kind)?.label ?? 'ladder task', () => openForm(kind));
  };
  useActionKeys(openPaneForm);
  useCommand('worklist.text', () => selected && act('text', () => openForm('text')));
  useCommand('worklist.task', () => selected && ladderTaskOf(selected.reasons) && openPaneForm('task'));
  useCommand('worklist.tick', () => selected && act('tick', () => toggleTick(selected)));
  useCommand('worklist.tickAll', () =>
    act('tick all', () => void customersMatching({ asOf: today, ...filters }).then((all) => setTicked((map) => new Map([...map, ...all])))),
  );
  useCommand('worklist.email', () => {
    if (ticked.size === 0 || past) return;
    pick([...ticked].map(([customerId, name]) => ({ customerId, name })));
    go('outreach');
  });
  useCommand('worklist.statements', () => ticked.size > 0 && !past && !statementsFor && setStatementsFor([...ticked.keys()]));
  useCommand('worklist.why', () => setShowWhy((shown) => !shown));
  useCommand('worklist.clear', () => (form ? openForm(null) : setTicked(new Map())));
  useCommand('worklist.open', () => !form && selected && openCustomer(selected.customerId));

  /**
   * After an action the customer is worked: the queue is re-read (it leaves it) and the next
   * customer is selected, unless the call hands on to the promise form for the same customer.
   */
  function saved(promise?: PromisePrefill): void {
    todayList.reload();
    if (promise) {
      setForm('promise');
      setPrefill(promise);
      return;
    }
    const nextIndex = queue.rowAt(index + 1) ? index + 1 : Math.max(0, index - 1);
    setCursor({ index: nextIndex, customerId: queue.rowAt(nextIndex)?.customerId ?? null });
    setRevealKey((key) => key + 1);
    openForm(null);
    queue.reload();
  }
  /** A promise form that follows a call and is cancelled still leaves the worked customer behind. */
  function cancelled(): void {
    if (prefill) saved();
    else openForm(null);
  }
  const openToday = (item: TodayItem): void => {
    const at = queue.indexOf(item.customerId);
    if (at === undefined) openCustomer(item.customerId);
    else select(at);
  };

  if (queue.error && queue.total === null) return <ErrorNotice error={queue.error} title="The worklist could not be built." onRetry={queue.reload} />;
  if (queue.total === null) return null;
  const doneCount = (
    <span data-testid="worklist-done">
      <strong>{formatCount(queue.doneToday)}</strong> done today · {plural(total, 'customer')} to contact
    </span>
  );
  if (total === 0 && Object.keys(filters).length === 0) {
    return (
      <div className="worklist">
        <AsOfControl today={today}>{doneCount}</AsOfControl>
        {!past && <TodayPanel today={todayList.data} onOpen={openToday} />}
        <EmptyState title={past ? `Nothing to chase on ${formatDate(past)}` : 'Nothing to chase today'}>
          <p>
            {past
              ? 'On that day no customer had money overdue, a promise due or a dispute past its SLA. Pick a later day, or go back to today.'
              : 'No customer has money overdue, a promise due or a dispute past its SLA. Worked and snoozed customers come back on their date.'}
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="worklist">
      <AsOfControl today={today}>{doneCount}</AsOfControl>
      <div className="worklist-head">
        <span className="spacer" />
        <QueueFilters pages={queue.loadedPages()} filters={filters} me={me} onChange={setFilters} onLeave={() => listRef.current?.focus()} />
      </div>
      {statementsFor && <BulkStatements customerIds={statementsFor} asOf={today} onClose={() => setStatementsFor(null)} />}
      {queue.unratedCurrencies.length > 0 && <FxRatesBanner currencies={queue.unratedCurrencies} onSet={() => go('settings')} />}
      <div className="worklist-split">
        <div className="queue-column">
          {!past && <ApprovalsPanel />}
          {!past && <TodayPanel today={todayList.data} onOpen={openToday} />}
          {total === 0 && <NoQueueMatches filters={filters} me={me} onChange={setFilters} />}
          <QueueList
            queue={queue}
            total={total}
            selectedIndex={index}
            revealKey={revealKey}
            ticked={ticked}
            today={past ?? today}
            onSelect={select}
            listRef={listRef}
          />
          {ticked.size > 0 && (
            <div className="ticked-bar" data-testid="worklist-ticked">
              <strong>{formatCount(ticked.size)} ticked</strong>
              <span className="muted">
                <Kbd keys={['e']} /> email them · <Kbd keys={['Shift', 'S']} /> their statements · <Kbd keys={['Esc']} /> clear
              </span>
              <span className="spacer" />
              <button type="button" className="link-button" onClick={() => setTicked(new Map())}>
                clear
              </button>
            </div>
          )}
        </div>
        {selected && (
          <CustomerPane
            key={selected.customerId}
            row={selected}
            today={past ?? today}
            past={past}
            form={form}
            prefill={prefill}
            showWhy={showWhy}
            onForm={(kind) => (kind === null ? openForm(null) : openPaneForm(kind))}
            onSaved={saved}
            onCancel={cancelled}
          />
        )}
      </div>
    </div>
  );
}
