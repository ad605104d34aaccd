import { AppError } from '../../../shared/errors';
import type { LadderPolicy } from '../../../shared/outreach/ladder';
import { describeIssue, policyConflicts } from '../../../shared/outreach/policy-conflicts';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { queueTeamEdit } from '../settings';
import { readPolicies } from './ladder-facts';
import { smsTemplates } from '../sms/sms-templates';

const audit = (sqlite: SqliteDb, now: string, action: string, id: string, detail: unknown): void => {
  sqlite
    .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', ?, 'ladder_policy', ?, ?)")
    .run(now, action, id, JSON.stringify(detail));
};

/**
 * Saves a policy the schema already accepted, once it agrees with the rest: its templates exist and
 * no other policy claims its segments (or everyone else). The issues go out in the same shape as the
 * dispatcher's, so the editor puts each beside its field.
 */
export function savePolicy(sqlite: SqliteDb, policy: LadderPolicy, now: string): void {
  const templateIds = new Set([
    ...(sqlite.prepare('SELECT id FROM email_templates').all() as ColumnsRow<'email_templates', 'id'>[]).map((row) => row.id),
    ...[...smsTemplates().keys()].map((id) => `sms:${id}`),
  ]);
  const issues = policyConflicts(policy, readPolicies(sqlite), templateIds);
  if (issues.length > 0) {
    const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
    throw new AppError('INVALID_INPUT', `The policy "${policy.name}" has ${count}: ${issues.map((issue) => describeIssue(policy, issue)).join('; ')}.`, {
      issues,
    });
  }
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO ladder_policies (id, name, segments, steps, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, segments = excluded.segments, steps = excluded.steps, updated_at = excluded.updated_at`,
      )
      .run(policy.id, policy.name, JSON.stringify(policy.segments), JSON.stringify(policy.steps), now);
    audit(sqlite, now, 'ladder.save', policy.id, policy);
    queueTeamEdit(sqlite, 'ladder_policy', policy.id, policy, now);
  })();
}

/**
 * Deletes a saved policy, keeping what it was in the audit log. Steps already taken stay recorded;
 * the policy that takes over ignores step ids it does not have.
 */
export function deletePolicy(sqlite: SqliteDb, id: string, now: string): void {
  const row = sqlite.prepare('SELECT name, segments, steps FROM ladder_policies WHERE id = ?').get(id) as
    { name: string; segments: string; steps: string } | undefined;
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No saved policy "${id}" (the shipped Standard ladder cannot be deleted; it applies while no other policy covers everyone else).`,
    );
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM ladder_policies WHERE id = ?').run(id);
    audit(sqlite, now, 'ladder.delete', id, { id, name: row.name, segments: JSON.parse(row.segments) as unknown, steps: JSON.parse(row.steps) as unknown });
    queueTeamEdit(sqlite, 'ladder_policy', id, null, now);
  })();
}
