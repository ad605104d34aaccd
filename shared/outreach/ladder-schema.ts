import { z } from 'zod';
import { oneLineText } from '../text';
import { LADDER_CHANNELS, SENDER_ROLES } from './ladder';

/** A policy or step id: stable once saved (steps taken are recorded by it). */
export const ladderSlug = z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and "-"');
const days = 'a whole number of days';

/**
 * A policy as the window edits it: step ids unique, offsets strictly increasing once sorted. Every
 * problem carries the path of the field at fault (e.g. steps.2.offsetDays) so the editor can show
 * it beside that field, and the messages read as the reason, naming the other step when there is one.
 */
export const ladderPolicySchema = z
  .object({
    id: ladderSlug,
    name: oneLineText(80).min(1, 'give the policy a name'),
    segments: z.array(oneLineText(120).min(1)).max(50),
    steps: z
      .array(
        z.object({
          id: ladderSlug,
          label: oneLineText(80).min(1, 'give the step a name'),
          offsetDays: z.number({ error: days }).int(days).min(-90, 'at most 90 days before the due date').max(365, 'at most 365 days after the due date'),
          channel: z.enum(LADDER_CHANNELS),
          templateId: ladderSlug,
          senderRole: z.enum(SENDER_ROLES),
          tone: z.enum(['friendly', 'firm', 'final']),
        }),
      )
      .min(1, 'a policy needs at least one step')
      .max(20, 'at most 20 steps'),
  })
  .superRefine(
    (policy, ctx) => {
      policy.segments.forEach((segment, index) => {
        if (policy.segments.indexOf(segment) < index) ctx.addIssue({ code: 'custom', path: ['segments', index], message: `"${segment}" is listed twice` });
      });
      policy.steps.forEach((step, index) => {
        const earlier = policy.steps.slice(0, index);
        const sameId = earlier.findIndex((other) => other.id === step.id);
        if (sameId >= 0) ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `same id as step ${sameId + 1}` });
        // NaN never equals itself, so a day that is not a number yet is reported once, by its own check.
        const sameDay = earlier.findIndex((other) => other.offsetDays === step.offsetDays);
        if (sameDay >= 0)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index, 'offsetDays'],
            message: `same day as step ${sameDay + 1} ("${earlier[sameDay]!.label}"); two steps cannot fall on one day`,
          });
      });
    },
    {
      // Also when another field is wrong, so the editor lists every problem at once. The checks above
      // only compare values, so a step with a wrong field (an empty label, a missing day) is safe here.
      when: ({ value }) => {
        // Any JSON reaches here (null too: zod asks before knowing the value is an object).
        if (typeof value !== 'object' || value === null) return false;
        const shape = value as { segments?: unknown; steps?: unknown };
        return Array.isArray(shape.segments) && Array.isArray(shape.steps) && shape.steps.every((step) => typeof step === 'object' && step !== null);
      },
    },
  );

/** One problem with a policy: the dotted path of the field (as the core's INVALID_INPUT details give it) and why. */
export interface PolicyIssue {
  path: string;
  message: string;
}
