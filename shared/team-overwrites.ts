import { z } from 'zod';

/**
 * Records the whole team shares rather than one customer's (issue 24): the team settings, the ladder
 * policies and the email templates. Their edits travel like a contact's: last writer wins in server order.
 */
export const TEAM_WIDE_ENTITIES = ['setting', 'ladder_policy', 'template'] as const;
export type TeamWideEntity = (typeof TEAM_WIDE_ENTITIES)[number];

/** A customer's page (its contacts and its collector), or one kind of team-wide record. */
export const overwritesInput = z.union([z.object({ customerId: z.number().int().positive() }), z.object({ entity: z.enum(TEAM_WIDE_ENTITIES) })]);
export type OverwritesInput = z.infer<typeof overwritesInput>;

/**
 * Another desk's edit that replaced this desk's own ("Maya changed this contact's email 2 minutes
 * after you"), read from the audit log while it still stands: nothing was edited here since.
 */
export const overwriteNoteSchema = z.object({
  /** `contact`, `customer` (its collector), or a team-wide entity. */
  entity: z.string(),
  /** The local id (a contact, a customer), the setting's key, the policy's id or `template|language`. */
  entityId: z.string(),
  /** The fields whose value changed (`email`, `collector`, `steps` …). */
  fields: z.array(z.string()),
  /** This desk's value of each changed field, replaced (kept in the audit log too). */
  yours: z.record(z.string(), z.unknown()),
  /** The collector of the desk whose edit won. */
  by: z.string(),
  /** When they made it, on their desk. */
  changedAt: z.string(),
  /** When this desk's own edit it replaced was made. */
  yourEditAt: z.string(),
});
export type OverwriteNote = z.infer<typeof overwriteNoteSchema>;
