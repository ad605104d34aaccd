import { z } from 'zod';
import { LADDER_CHANNELS, SENDER_ROLES } from './ladder';

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and "-"');

/** A policy as the window edits it: step ids unique, offsets strictly increasing once sorted. */
export const ladderPolicySchema = z
  .object({
    id: slug,
    name: z.string().trim().min(1).max(80),
    segments: z.array(z.string().trim().min(1).max(120)).max(50),
    steps: z
      .array(z.object({
        id: slug,
        label: z.string().trim().min(1).max(80),
        offsetDays: z.number().int().min(-90).max(365),
        channel: z.enum(LADDER_CHANNELS),
        templateId: slug,
        senderRole: z.enum(SENDER_ROLES),
        tone: z.enum(['friendly', 'firm', 'final']),
      }))
      .min(1)
      .max(20),
  })
  .refine((policy) => new Set(policy.steps.map((s) => s.id)).size === policy.steps.length, 'two steps share an id')
  .refine((policy) => new Set(policy.steps.map((s) => s.offsetDays)).size === policy.steps.length, 'two steps fall on the same day');
