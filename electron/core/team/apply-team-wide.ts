import type { z } from 'zod';
import { templateInput } from '../../../shared/api';
import { ladderPolicySchema } from '../../../shared/outreach/ladder-schema';
import { TEAM_WIDE_ENTITIES, type TeamWideEntity } from '../../../shared/team-overwrites';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { log } from '../../log/log';
import { getSetting, storeSetting, teamPart, withTeamPart, type SettingKey } from '../settings';
import { lastWriterWins, ownEdits, type Applying } from './last-writer-wins';

/** How one kind of team-wide record is read, checked and written here. */
interface Store {
  /** The value held here, as it is published (null: none). */
  read(sqlite: SqliteDb, id: string): unknown;
  /** The value to write, or undefined when this version cannot read it. */
  accept(sqlite: SqliteDb, id: string, value: unknown): unknown;
  write(sqlite: SqliteDb, id: string, value: unknown, now: string): void;
}

const POLICY = 'SELECT id, name, segments, steps FROM ladder_policies WHERE id = ?';
const TEMPLATE = `SELECT id, language, name, purpose, tone, subject, body, attach_statement AS attachStatement FROM email_templates
  WHERE id = ? AND language = ?`;
const templateOf = (id: string): [string, string] => id.split('|') as [string, string];

const STORES: Record<TeamWideEntity, Store> = {
  setting: {
    read: (sqlite, key) => teamPart(key, getSetting(sqlite, key as SettingKey)) ?? null,
    accept: (sqlite, key, value) => withTeamPart(sqlite, key, value),
    write: (sqlite, key, value) => storeSetting(sqlite, key as SettingKey, value),
  },
  ladder_policy: {
    read: (sqlite, id) => {
      const row = prepareCached(sqlite, POLICY).get(id) as { id: string; name: string; segments: string; steps: string } | undefined;
      return row ? { ...row, segments: JSON.parse(row.segments) as unknown, steps: JSON.parse(row.steps) as unknown } : null;
    },
    // Server order is the truth: a policy is taken as published, without the save's cross-checks, which a desk's interim state might fail.
    accept: (_sqlite, id, value) => (value === null ? null : parsedWithId(ladderPolicySchema, value, id)),
    write: (sqlite, id, value, now) => {
      if (value === null) {
        prepareCached(sqlite, 'DELETE FROM ladder_policies WHERE id = ?').run(id);
        return;
      }
      const policy = value as z.output<typeof ladderPolicySchema>;
      prepareCached(
        sqlite,
        `INSERT INTO ladder_policies (id, name, segments, steps, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, segments = excluded.segments, steps = excluded.steps, updated_at = excluded.updated_at`,
      ).run(id, policy.name, JSON.stringify(policy.segments), JSON.stringify(policy.steps), now);
    },
  },
  template: {
    read: (sqlite, id) => {
      const row = prepareCached(sqlite, TEMPLATE).get(...templateOf(id)) as { attachStatement: number } | undefined;
      return row ? { ...row, attachStatement: row.attachStatement === 1 } : null;
    },
    accept: (_sqlite, id, value) => parsedWithId(templateInput, value, templateOf(id)[0]),
    write: (sqlite, id, value, now) => {
      const t = value as z.output<typeof templateInput>;
      prepareCached(
        sqlite,
        `INSERT INTO email_templates (id, language, name, purpose, tone, subject, body, attach_statement, built_in, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
        ON CONFLICT (id, language) DO UPDATE SET name = excluded.name, purpose = excluded.purpose, tone = excluded.tone, subject = excluded.subject,
          body = excluded.body, attach_statement = excluded.attach_statement, updated_at = excluded.updated_at`,
      ).run(t.id, t.language, t.name, t.purpose, t.tone, t.subject, t.body, t.attachStatement ? 1 : 0, now);
    },
  },
};

/** The value when the schema takes it and it names the record it was published for. */
function parsedWithId<S extends z.ZodType<{ id: string }>>(schema: S, value: unknown, id: string): z.output<S> | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success && parsed.data.id === id ? parsed.data : undefined;
}

/**
 * Applies a team setting, ladder policy or email template another desk changed: last writer wins
 * in server order, as for a contact. A value this version cannot read (a newer desk's) is passed
 * over and logged by key, never stored half-understood.
 */
export function applyTeamWide(apply: Applying): void {
  const { sqlite, change } = apply;
  const [, entity, id] = JSON.parse(change.recordKey) as [string, string, string];
  if (!(TEAM_WIDE_ENTITIES as readonly string[]).includes(entity)) return;
  const store = STORES[entity as TeamWideEntity];
  const incoming = change.action === 'delete' ? null : (change.payload.body.value ?? null);
  const accepted = store.accept(sqlite, id, incoming);
  if (accepted === undefined) {
    log.warn('team.unreadable', { entity, seq: change.seq });
    return;
  }
  const contest = {
    entity,
    entityId: id,
    bind: { entity: 'team', localId: 0 },
    own: ownEdits.teamWide(entity as TeamWideEntity, id),
    current: store.read(sqlite, id),
    incoming,
  };
  lastWriterWins(apply, contest, () => store.write(sqlite, id, accepted, apply.now));
}
