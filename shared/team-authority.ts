import { z } from 'zod';
import { freeText, oneLineText } from './text';
import { currencyCodeSchema } from './value-schemas';

/** Who a team member is: a collector and a senior act within limits; a manager has none and approves. */
export const TEAM_ROLES = ['collector', 'senior', 'manager'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A limit; null: none (the action is never held for it). */
const cap = (max: number) => z.number().int().min(0).max(max).nullable().default(null);

/** What one role may do alone. Amounts are minor units of the team's limit currency. */
export const roleLimitsSchema = z.object({
  /** The late-payment charge of one invoice (interest or fixed fee) waived at once. */
  waiverMinor: cap(Number.MAX_SAFE_INTEGER),
  /** Written off from one invoice at once (activity.writeOff). */
  writeOffMinor: cap(Number.MAX_SAFE_INTEGER),
  /** An early-payment discount, in hundredths of a percent (250 is 2.5 %). */
  discountBp: cap(5000),
  /** Installments of one payment plan. */
  planInstallments: cap(120),
  /** What one payment plan collects in all. */
  planAmountMinor: cap(Number.MAX_SAFE_INTEGER),
  /** How many days from today a promised date may be. */
  promiseDays: cap(3650),
});
export type RoleLimits = z.output<typeof roleLimitsSchema>;

/**
 * The team's limits, a team setting only a manager may change (the server refuses anyone else).
 * An action in another currency than `currency` is held whenever its amount has a limit: Inflow
 * does not guess a rate to let it through.
 */
export const teamLimitsSchema = z.object({
  currency: currencyCodeSchema,
  collector: roleLimitsSchema,
  senior: roleLimitsSchema,
});
export type TeamLimits = z.output<typeof teamLimitsSchema>;

export const NO_LIMITS: RoleLimits = {
  waiverMinor: null,
  writeOffMinor: null,
  discountBp: null,
  planInstallments: null,
  planAmountMinor: null,
  promiseDays: null,
};

/** This desk's standing in its team, as last read from the server (kept so a desk offline still knows its limits). */
export const teamAuthoritySchema = z.object({ role: z.enum(TEAM_ROLES), limits: teamLimitsSchema.nullable() });
export type TeamAuthority = z.output<typeof teamAuthoritySchema>;

export const APPROVAL_KINDS = ['plan', 'discount', 'promise', 'waiver', 'write_off'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export type ApprovalStatus = 'pending' | 'approved' | 'declined';

/** An action above its collector's limit, waiting for (or decided by) a manager. */
export interface ApprovalRequest {
  id: number;
  kind: ApprovalKind;
  /** "Approve plan: 6 × $4,000.00 for Redwood Builders, asked by Sam". */
  summary: string;
  customerName: string;
  collector: string;
  requestedAt: string;
  status: ApprovalStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  /** Asked from this desk. */
  mine: boolean;
}

/** A member as the team server lists them: their own database login, the collector they work as, their role. */
export interface TeamMember {
  dbUser: string;
  collector: string;
  role: TeamRole;
  addedAt: string;
}

export const addMemberInput = z.object({
  /** The member's own PostgreSQL login; created if it does not exist yet (then `password` is required). */
  dbUser: oneLineText(63).regex(/^[a-z_][a-z0-9_]*$/, 'a database user name of lower-case letters, digits and _'),
  collector: oneLineText(120).min(1, "the collector's name"),
  role: z.enum(TEAM_ROLES),
  password: z.string().min(12, 'a password of at least 12 characters').max(1024).optional(),
});

export const decideApprovalInput = z.object({
  id: z.number().int().positive(),
  decision: z.enum(['approve', 'decline']),
  note: freeText(500).default(''),
});

/** A collector's customers handed to another collector at once, with a note on each customer's timeline. */
export const handoverInput = z
  .object({
    fromCollector: oneLineText(120).min(1, 'whose customers'),
    toCollector: oneLineText(120).min(1, 'the collector who takes them over'),
    note: freeText(2000).default(''),
  })
  .refine((h) => h.fromCollector !== h.toCollector, 'hand over to someone else');
