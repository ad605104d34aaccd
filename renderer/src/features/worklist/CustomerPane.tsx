import { describeReason, type WorklistRow } from '../../../../shared/worklist';
import { Kbd } from '../../app/Kbd';
import { Money } from '../../components/Money';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { ACTIONS, actionKeyCaps, ActivityForm, type FormKind } from '../activity/ActivityForms';
import type { PromisePrefill } from '../activity/PromiseForm';
import { Timeline } from '../activity/Timeline';
import { RiskSummary } from '../customers/RiskSummary';
import { TextPanel } from '../customers/TextPanel';
import { refusedProps } from '../history/read-only';
import { LadderTaskForm, ladderTaskOf, TASK_DONE_LABEL } from './LadderTaskForm';
import { ScoreBreakdown } from './ScoreBreakdown';

/** The pane's forms: the collector's actions, a text message, and the ladder's letter or referral when one is due. */
export type PaneForm = FormKind | 'task' | 'text';

interface Props {
  row: WorklistRow;
  /** The day shown: today, or the past day of a read-only look back. */
  today: string;
  /** The past day shown, or null for today's book (actions are then refused with the reason). */
  past: string | null;
  form: PaneForm | null;
  /** The promise form's start when a call handed on to it. */
  prefill?: PromisePrefill | undefined;
  showWhy: boolean;
  onForm(kind: PaneForm | null): void;
  onSaved(promise?: PromisePrefill): void;
  onCancel(): void;
}

/** The selected customer: balances, why it is here, the action being recorded, and its timeline. */
export function CustomerPane({ row, today, past, form, prefill, showWhy, onForm, onSaved, onCancel }: Props) {
  const asOf = past === null ? {} : { asOf: past };
  const summary = useCoreQuery('customer.summary', { customerId: row.customerId, ...asOf });
  const timeline = useCoreQuery('customer.timeline', { customerId: row.customerId, limit: 200, ...asOf });
  const refused = refusedProps(past);
  const s = summary.data;
  const task = ladderTaskOf(row.reasons);

  return (
    <section className="customer-pane" aria-label={row.name} data-testid="worklist-pane">
      <header className="pane-header">
        <h2>
          {row.name} <span className="muted">{row.externalId}</span>
        </h2>
        <div className="pane-figures">
          <span>
            Open <Money minor={row.openMinor} currency={row.currency} />
          </span>
          <span>
            Overdue <Money minor={row.overdueMinor} currency={row.currency} />
          </span>
          {s && s.currency === row.currency && s.creditsMinor !== 0 && (
            <span className="muted">
              incl. unapplied credits <Money minor={s.creditsMinor} currency={row.currency} />
            </span>
          )}
          <span>Oldest {row.oldestDaysPastDue}d</span>
          {s?.termsDays != null && <span>Net {s.termsDays}</span>}
          {s?.averageDaysLate != null && <span>{s.averageDaysLate === 0 ? 'Pays on time' : `Pays ${plural(s.averageDaysLate, 'day')} late on average`}</span>}
          {row.collector && <span>{row.collector}</span>}
        </div>
        <ul className="pane-reasons">
          {row.reasons.map((reason) => (
            <li key={reason.code}>{describeReason(reason, today, navigator.language)}</li>
          ))}
        </ul>
        {past === null ? <RiskSummary customerId={row.customerId} /> : <p className="muted">Risk is scored on today’s book only.</p>}
        <div className="pane-actions">
          {ACTIONS.map((action) => (
            <button
              key={action.kind}
              type="button"
              className="button small"
              aria-pressed={form === action.kind}
              {...refused}
              onClick={() => onForm(action.kind)}
            >
              <Kbd keys={actionKeyCaps(action.key)} /> {action.label}
            </button>
          ))}
          <button type="button" className="button small" aria-pressed={form === 'text'} onClick={() => onForm('text')}>
            <Kbd keys={['m']} /> text
          </button>
          {task && (
            <button type="button" className="button small" aria-pressed={form === 'task'} {...refused} onClick={() => onForm('task')}>
              <Kbd keys={['t']} /> {TASK_DONE_LABEL[task.channel].toLowerCase()}
            </button>
          )}
          <span className="muted">
            <Kbd keys={['w']} /> why · score {row.score}
          </span>
        </div>
      </header>
      {showWhy && <ScoreBreakdown factors={row.factors} score={row.score} />}
      {form === 'task' && task && <LadderTaskForm customerId={row.customerId} task={task} onSaved={() => onSaved()} onCancel={onCancel} />}
      {form === 'text' && past === null && <TextPanel customerId={row.customerId} onSent={timeline.reload} onClose={onCancel} />}
      {form && form !== 'task' && form !== 'text' && (
        <ActivityForm
          key={form}
          kind={form}
          customer={{ ...row, country: s?.country ?? null }}
          today={today}
          prefill={prefill}
          onSaved={onSaved}
          onCancel={onCancel}
        />
      )}
      <Timeline entries={timeline.data ?? []} {...(past === null ? { onAmended: timeline.reload } : {})} />
    </section>
  );
}
