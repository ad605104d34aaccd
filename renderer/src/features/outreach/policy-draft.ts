import type { LadderPolicy, LadderStep } from '../../../../shared/outreach/ladder';
import { ladderPolicySchema, type PolicyIssue } from '../../../../shared/outreach/ladder-schema';
import { policyConflicts } from '../../../../shared/outreach/policy-conflicts';

/**
 * A policy while the editor holds it. Ids are null until the first save and then derived from the
 * name or label, because a saved id never changes (steps taken are recorded by it). The day stays
 * the field's text so a half-typed "-" is not lost; the schema says what is wrong with it.
 */
export interface StepDraft extends Omit<LadderStep, 'id' | 'offsetDays'> {
  /** React's key: stable while the label and the order change (a saved step's id, else a counter). */
  key: string;
  id: string | null;
  offsetDays: string;
}
export interface PolicyDraft {
  id: string | null;
  name: string;
  segments: string[];
  steps: StepDraft[];
}

let added = 0;

/** The same policy always gives the same draft (keys included), so it can be derived on every render. */
export function draftOf(policy: LadderPolicy): PolicyDraft {
  return { ...policy, steps: policy.steps.map((step) => ({ ...step, key: `saved:${step.id}`, offsetDays: String(step.offsetDays) })) };
}

/** A new, unsaved policy starting from another one's steps. */
export function copyOf(policy: LadderPolicy): PolicyDraft {
  return { ...draftOf(policy), id: null, name: `${policy.name} copy`, segments: [] };
}

/** The templates a policy's steps may name, by kind: texts for `sms` steps, emails for the rest. */
export interface TemplateChoices {
  email: readonly { id: string; name: string }[];
  sms: readonly { id: string; name: string }[];
}

/** The templates a step on this channel can name (letters and tasks are worded from the email ones). */
export function templatesFor(channel: LadderStep['channel'], choices: TemplateChoices): readonly { id: string; name: string }[] {
  return channel === 'sms' ? choices.sms : choices.email;
}

/** Every template id as the core checks a step's: text templates as "sms:<id>" (shared/outreach/policy-conflicts.ts). */
export function knownTemplateIds(choices: TemplateChoices): Set<string> {
  return new Set([...choices.email.map((template) => template.id), ...choices.sms.map((template) => `sms:${template.id}`)]);
}

/**
 * The step on another channel. Its template stays when the new channel has one by that id; otherwise
 * it takes the channel's first, so a step switched to Text never names an email template.
 */
export function withChannel(step: StepDraft, channel: LadderStep['channel'], choices: TemplateChoices): StepDraft {
  const templates = templatesFor(channel, choices);
  const keeps = templates.some((template) => template.id === step.templateId);
  return { ...step, channel, templateId: keeps ? step.templateId : (templates[0]?.id ?? step.templateId) };
}

/** A step one week after the last, on its channel and template, to be edited from there. */
export function nextStep(steps: readonly StepDraft[]): StepDraft {
  const last = steps.at(-1);
  const lastDay = Number(last?.offsetDays);
  return {
    key: `added:${++added}`,
    id: null,
    label: '',
    offsetDays: String(Number.isFinite(lastDay) ? lastDay + 7 : 0),
    channel: last?.channel ?? 'email',
    templateId: last?.templateId ?? 'first-reminder',
    senderRole: last?.senderRole ?? 'collector',
    tone: last?.tone ?? 'friendly',
  };
}

/** Steps in the order the ladder takes them; a day that is not a number yet stays where it is typed, at the end. */
export function byOffset(steps: readonly StepDraft[]): StepDraft[] {
  const day = (step: StepDraft): number => (step.offsetDays.trim() === '' || !Number.isFinite(Number(step.offsetDays)) ? Infinity : Number(step.offsetDays));
  return [...steps].sort((a, b) => day(a) - day(b));
}

/** The draft checked as the core will check it: the same schema, then the same conflicts with the other policies. */
export function checkDraft(
  draft: PolicyDraft,
  policies: readonly LadderPolicy[],
  templateIds: ReadonlySet<string>,
): { policy: LadderPolicy | null; issues: PolicyIssue[] } {
  const parsed = ladderPolicySchema.safeParse(policyInput(draft, policies));
  if (!parsed.success)
    return { policy: null, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  const issues = policyConflicts(parsed.data, policies, templateIds);
  return { policy: issues.length === 0 ? parsed.data : null, issues };
}

function policyInput(draft: PolicyDraft, policies: readonly LadderPolicy[]): unknown {
  const stepIds = new Set(draft.steps.flatMap((step) => (step.id ? [step.id] : [])));
  return {
    id: draft.id ?? uniqueSlug(draft.name, new Set(policies.map((policy) => policy.id)), 'policy'),
    name: draft.name,
    segments: draft.segments,
    steps: draft.steps.map(({ key: _key, ...step }) => ({
      ...step,
      id: step.id ?? uniqueSlug(step.label, stepIds, 'step'),
      offsetDays: step.offsetDays.trim() === '' ? Number.NaN : Number(step.offsetDays),
    })),
  };
}

/** "Gentle check-in" → "gentle-check-in", with -2, -3 … when taken; marks the result taken. */
function uniqueSlug(text: string, taken: Set<string>, fallback: string): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || fallback;
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}
