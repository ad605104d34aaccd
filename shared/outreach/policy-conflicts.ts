import type { LadderPolicy } from './ladder';
import type { PolicyIssue } from './ladder-schema';

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  segments: 'Segments',
  steps: 'Steps',
  id: 'id',
  label: 'label',
  offsetDays: 'day',
  channel: 'channel',
  templateId: 'template',
  senderRole: 'sender',
  tone: 'tone',
};

/**
 * What the schema alone cannot see, because it needs the other policies and the templates: a step
 * whose template does not exist (it would fail at send time, for every customer at once), a segment
 * another policy already claims, or a second policy for everyone else (evaluation would silently
 * pick the first by name). The core refuses a save with these; the editor shows them before asking.
 */
export function policyConflicts(policy: LadderPolicy, others: readonly LadderPolicy[], templateIds: ReadonlySet<string>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  policy.steps.forEach((step, index) => {
    // Text templates are a set of their own, named "sms:<id>" here.
    const known = step.channel === 'sms' ? templateIds.has(`sms:${step.templateId}`) : templateIds.has(step.templateId);
    if (!known) issues.push({ path: `steps.${index}.templateId`, message: `no ${step.channel === 'sms' ? 'text ' : ''}template "${step.templateId}"` });
  });
  const rivals = others.filter((other) => other.id !== policy.id);
  policy.segments.forEach((segment, index) => {
    const owner = rivals.find((other) => other.segments.includes(segment));
    if (owner) issues.push({ path: `segments.${index}`, message: `"${segment}" is already on the "${owner.name}" policy` });
  });
  const fallback = rivals.find((other) => other.segments.length === 0);
  if (policy.segments.length === 0 && fallback) {
    issues.push({ path: 'segments', message: `"${fallback.name}" already covers everyone else; choose the segments this policy is for` });
  }
  return issues;
}

/** An issue in words for a list or an error message: "Step 2 ("First reminder"), day: same day as step 1 …". */
export function describeIssue(policy: Pick<LadderPolicy, 'steps'>, issue: PolicyIssue): string {
  const [head, index, field] = issue.path.split('.');
  const step = head === 'steps' && index !== undefined ? policy.steps[Number(index)] : undefined;
  if (step) return `Step ${Number(index) + 1} ("${step.label}")${field ? `, ${FIELD_NAMES[field] ?? field}` : ''}: ${issue.message}`;
  return `${FIELD_NAMES[head ?? ''] ?? 'Policy'}: ${issue.message}`;
}
