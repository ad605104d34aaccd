import { LADDER_CHANNELS, SENDER_ROLES } from '../../../../shared/outreach/ladder';
import { CHANNELS, SENDERS, TONES } from './ladder-labels';
import { templatesFor, withChannel, type StepDraft, type TemplateChoices } from './policy-draft';

interface Props {
  index: number;
  step: StepDraft;
  templates: TemplateChoices;
  /** This step's problems by field (label, offsetDays, templateId …; "" for the step as a whole). */
  issues: ReadonlyMap<string, string>;
  autoFocus: boolean;
  onChange(step: StepDraft): void;
  /** The day was edited and left: the steps take their order from it. */
  onDayCommitted(): void;
  onRemove(): void;
}

const FIELD_LABELS: Record<string, string> = {
  '': 'Step',
  id: 'Id',
  label: 'Label',
  offsetDays: 'Day',
  channel: 'Channel',
  templateId: 'Template',
  senderRole: 'Sent by',
  tone: 'Tone',
};

/** One step of the policy being edited; its problems are listed right under it, by field. */
export function StepRow({ index, step, templates, issues, autoFocus, onChange, onDayCommitted, onRemove }: Props) {
  const n = index + 1;
  const issuesId = `${step.key}-issues`;
  const invalid = (field: string) => (issues.has(field) ? { 'aria-invalid': true, 'aria-describedby': issuesId } : {});
  const day = Number(step.offsetDays);
  const choices = templatesFor(step.channel, templates);
  const missingTemplate = !choices.some((template) => template.id === step.templateId);
  return (
    <li className="step-item" data-testid="step-row">
      <div className="step-row" role="group" aria-label={`Step ${n}`}>
        <span className="step-number num">{n}</span>
        <span className="step-day">
          <input
            className="input num"
            type="number"
            min={-90}
            max={365}
            step={1}
            value={step.offsetDays}
            aria-label={`Step ${n} day`}
            {...invalid('offsetDays')}
            onChange={(event) => onChange({ ...step, offsetDays: event.target.value })}
            onBlur={onDayCommitted}
          />
          <span className="muted">
            {step.offsetDays.trim() === '' || !Number.isFinite(day) ? '' : day < 0 ? 'before due' : day === 0 ? 'on due date' : 'after due'}
          </span>
        </span>
        <input
          className="input"
          value={step.label}
          placeholder="e.g. Gentle check-in"
          aria-label={`Step ${n} label`}
          maxLength={80}
          autoFocus={autoFocus}
          {...invalid('label')}
          onChange={(event) => onChange({ ...step, label: event.target.value })}
        />
        <select
          className="input"
          value={step.channel}
          aria-label={`Step ${n} channel`}
          {...invalid('channel')}
          onChange={(event) => onChange(withChannel(step, event.target.value as StepDraft['channel'], templates))}
        >
          {LADDER_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNELS[channel]}
            </option>
          ))}
        </select>
        <select
          className="input"
          value={step.templateId}
          aria-label={`Step ${n} template`}
          {...invalid('templateId')}
          onChange={(event) => onChange({ ...step, templateId: event.target.value })}
        >
          {missingTemplate && <option value={step.templateId}>{step.templateId} (missing)</option>}
          {choices.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
        <select
          className="input"
          value={step.senderRole}
          aria-label={`Step ${n} sender`}
          {...invalid('senderRole')}
          onChange={(event) => onChange({ ...step, senderRole: event.target.value as StepDraft['senderRole'] })}
        >
          {SENDER_ROLES.map((role) => (
            <option key={role} value={role}>
              {SENDERS[role]}
            </option>
          ))}
        </select>
        <select
          className="input"
          value={step.tone}
          aria-label={`Step ${n} tone`}
          {...invalid('tone')}
          onChange={(event) => onChange({ ...step, tone: event.target.value as StepDraft['tone'] })}
        >
          {(Object.keys(TONES) as StepDraft['tone'][]).map((tone) => (
            <option key={tone} value={tone}>
              {TONES[tone]}
            </option>
          ))}
        </select>
        <button type="button" className="button ghost small step-remove" aria-label={`Remove step ${n}`} title="Remove this step" onClick={onRemove}>
          ✕
        </button>
      </div>
      {issues.size > 0 && (
        <ul className="step-issues field-error" id={issuesId} data-testid="step-issues">
          {[...issues].map(([field, message]) => (
            <li key={field}>
              {FIELD_LABELS[field] ?? field}: {message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
