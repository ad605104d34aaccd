import { z } from 'zod';
import { DEFAULT_AGING_EDGES, agingEdgesSchema } from '../../shared/aging';
import { DEFAULT_SHELL_SETTINGS, shellSettingsSchema } from '../../shared/shell-settings';
import { DEFAULT_OUTREACH_SETTINGS, outreachSettingsSchema, smtpSettingsSchema } from '../../shared/outreach/outreach-settings';
import { erpConnectionSchema } from '../../shared/sync';
import { DEFAULT_SMS_RULES, smsRulesSchema, smsSettingsSchema } from '../../shared/sms/sms-settings';
import { chargePoliciesSchema, type ChargePolicy } from '../../shared/charges';
import { companyProfileSchema, DEFAULT_COMPANY_PROFILE } from '../../shared/documents';
import { currencyCodeSchema } from '../../shared/value-schemas';
import { qboTokensSchema } from '../../shared/qbo-tokens';
import { imapSettingsSchema } from '../../shared/inbox';
import { mailboxTokensSchema } from '../../shared/mailbox-tokens';
import { teamConnectionSchema } from '../../shared/team';
import { teamAuthoritySchema } from '../../shared/team-authority';
import type { TeamWideEntity } from '../../shared/team-overwrites';
import type { SqliteDb } from '../db/sqlite';
import type { ColumnsRow } from '../db/typed-row';
import { prepareCached } from '../db/statement-cache';
import { log } from '../log/log';

/**
 * Every setting with its schema and default: unknown keys cannot be written, stored values are re-validated on read.
 * `team`: a team setting, the same on every desk of a team (README, "A team of desks"), but for its
 * `deskOnly` fields (this collector's own name as sender, this desk's pace). A setting with a secret
 * is never a team setting: secrets stay on their desk.
 */
const SETTINGS = {
  agingEdges: { schema: agingEdgesSchema, fallback: DEFAULT_AGING_EDGES, team: {} },
  /** The currency the worklist weighs debts in; the dated rates to it are in fx_rates. */
  baseCurrency: { schema: currencyCodeSchema, fallback: 'USD', team: {} },
  /** Days after a promised date before an unpaid promise counts as broken. */
  promiseGraceDays: { schema: z.number().int().min(0).max(60), fallback: 2, team: {} },
  /** Days before a payment in which a touch counts towards it in "what made them pay". */
  attributionWindowDays: { schema: z.number().int().min(1).max(90), fallback: 14, team: {} },
  /** The collector's own mailbox; the password lives here, in the encrypted database, never in the audit log, and never leaves the core. */
  smtp: { schema: smtpSettingsSchema.nullable(), fallback: null, secret: ['password'] },
  /** Who signs the messages and how links, rates and freshness work. */
  outreach: {
    schema: outreachSettingsSchema,
    fallback: DEFAULT_OUTREACH_SETTINGS,
    team: { deskOnly: ['senderName', 'senderRole', 'senderPhone', 'messagesPerMinute'] },
  },
  /** The ERP to sync with; its password or API key stays in the encrypted database, out of the audit log too. */
  erpConnection: { schema: erpConnectionSchema.nullable(), fallback: null, secret: ['apiKey'] },
  /** QuickBooks' OAuth tokens and company id, from signing in; like every secret, out of the audit log and the window. */
  qboTokens: { schema: qboTokensSchema.nullable(), fallback: null, secret: ['accessToken', 'refreshToken', 'realmId'] },
  /** The text-message provider; its auth token, like every secret, stays in the encrypted database, out of the audit log and the window. */
  sms: { schema: smsSettingsSchema.nullable(), fallback: null, secret: ['authToken'] },
  /** Sending hours, consent, pace and polling of texts. */
  smsRules: { schema: smsRulesSchema, fallback: DEFAULT_SMS_RULES, team: { deskOnly: ['messagesPerMinute', 'pollSeconds'] } },
  /** Where reading replies from the provider's message list got to: the day of the newest one read (the list filters by day). */
  smsInboundSince: {
    schema: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    fallback: null as string | null,
  },
  /** The collector's mailbox for reading replies (IMAP); its password stays here like the SMTP one. */
  imap: { schema: imapSettingsSchema.nullable(), fallback: null, secret: ['password', 'clientSecret'] },
  /** The mailbox's OAuth tokens (Google, Microsoft 365) with the server they were given for; secrets like the password. */
  imapTokens: { schema: mailboxTokensSchema.nullable(), fallback: null, secret: ['accessToken', 'refreshToken'] },
  /** The team's PostgreSQL server and this desk's collector; its password stays here like the SMTP one. None: a solo desk. */
  team: { schema: teamConnectionSchema.nullable(), fallback: null, secret: ['password'] },
  /** This desk's team role and the team's limits, as last read from the team server; none on a solo desk. */
  teamAuthority: { schema: teamAuthoritySchema.nullable(), fallback: null },
  /** Late-payment charges per customer segment; none saved: no charges for anyone. */
  chargePolicies: { schema: chargePoliciesSchema, fallback: [] as ChargePolicy[], team: {} },
  /** The letterhead of statements and letters. */
  companyProfile: { schema: companyProfileSchema, fallback: DEFAULT_COMPANY_PROFILE, team: {} },
  /** Backups kept, notifications: the desktop shell's own settings. */
  shell: { schema: shellSettingsSchema, fallback: DEFAULT_SHELL_SETTINGS },
  /** Keys of the OS notifications already shown (notificationsDue), so none repeats after a restart. */
  notifiedKeys: { schema: z.array(z.string().max(200)).max(5000), fallback: [] as string[] },
  /** The watched folder's files as last settled (imported, refused or already known), so an untouched file is not hashed again. */
  watchedFiles: {
    schema: z.record(z.string().max(4096), z.object({ size: z.number().int().min(0), mtimeMs: z.number(), sha256: z.string().regex(/^[a-f0-9]{64}$/) })),
    fallback: {} as Record<string, { size: number; mtimeMs: number; sha256: string }>,
  },
} as const;

type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
export type SettingValue<K extends SettingKey> = z.output<Settings[K]['schema']>;

export function getSetting<K extends SettingKey>(sqlite: SqliteDb, key: K): SettingValue<K> {
  const row = prepareCached(sqlite, 'SELECT value FROM settings WHERE key = ?').get(key) as ColumnsRow<'settings', 'value'> | undefined;
  if (!row) return SETTINGS[key].fallback as SettingValue<K>;
  const parsed = SETTINGS[key].schema.safeParse(parseJson(row.value));
  if (parsed.success) return parsed.data as SettingValue<K>;
  // The default stands in so the app keeps working, but a stored value that no longer parses (an
  // older shape, a hand edit, text that is not JSON at all) is a fault someone must see: logged by
  // key and path, never its value.
  if (reported.get(key) !== row.value) {
    reported.set(key, row.value);
    const [first] = parsed.error.issues;
    log.error('settings.unreadable', { key, issues: parsed.error.issues.length, path: first?.path.join('.'), code: first?.code });
  }
  return SETTINGS[key].fallback as SettingValue<K>;
}

/** Stored text that is not JSON reads as a value no schema accepts (a symbol), so it is reported like any other. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol('not JSON');
  }
}

/** The stored text of each setting last logged as unreadable: a read on every send logs it once, not each time. */
const reported = new Map<SettingKey, string>();

export function setSetting<K extends SettingKey>(sqlite: SqliteDb, key: K, value: SettingValue<K>, now: string): void {
  const valid = SETTINGS[key].schema.parse(value);
  const shared = teamPart(key, valid);
  sqlite.transaction(() => {
    if (shared !== undefined && JSON.stringify(shared) !== JSON.stringify(teamPart(key, getSetting(sqlite, key)))) {
      queueTeamEdit(sqlite, 'setting', key, shared, now);
    }
    storeSetting(sqlite, key, valid);
    sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', 'setting.set', 'setting', ?, ?)")
      .run(now, key, JSON.stringify(withSecretHidden(key, valid)));
  })();
}

/** What the audit log keeps of a setting: each stored secret only as "(stored)". */
function withSecretHidden(key: SettingKey, value: unknown): unknown {
  const { secret } = SETTINGS[key] as { secret?: readonly string[] };
  if (!secret || value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return { ...record, ...Object.fromEntries(secret.map((field) => [field, record[field] ? '(stored)' : ''])) };
}

/** Writes a value as is, without audit or outbox: setSetting's, and a pulled team setting's (the team's audit keeps what it replaced). */
export function storeSetting(sqlite: SqliteDb, key: SettingKey, value: unknown): void {
  prepareCached(sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

const teamRule = (key: string): { deskOnly?: readonly string[] } | undefined =>
  Object.hasOwn(SETTINGS, key) ? (SETTINGS[key as SettingKey] as { team?: { deskOnly?: readonly string[] } }).team : undefined;

/** The part of a setting the team shares (without this desk's own fields); undefined for a setting that is this desk's alone. */
export function teamPart(key: string, value: unknown): unknown {
  const rule = teamRule(key);
  if (!rule) return undefined;
  if (!rule.deskOnly || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([field]) => !rule.deskOnly!.includes(field)));
}

/**
 * This desk's value of a team setting with the team's part as another desk published it, this
 * desk's own fields kept; undefined when it is not a team setting or this version cannot read it.
 */
export function withTeamPart(sqlite: SqliteDb, key: string, part: unknown): unknown {
  const rule = teamRule(key);
  if (!rule) return undefined;
  const local = getSetting(sqlite, key as SettingKey);
  const merged = rule.deskOnly && typeof local === 'object' && local !== null && typeof part === 'object' && part !== null ? { ...local, ...part } : part;
  const parsed = SETTINGS[key as SettingKey].schema.safeParse(merged);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Queues an edit of a team-wide record (a team setting, a ladder policy, an email template; null:
 * deleted) in the sync outbox, in the caller's transaction, for the team exchange to publish
 * (team/published-change.ts). Only on a desk in a team: what a solo desk sets stays its own, and a
 * desk that joins takes the team's values instead of pushing its old ones over them.
 */
export function queueTeamEdit(sqlite: SqliteDb, entity: TeamWideEntity, id: string, value: unknown, now: string): void {
  if (!prepareCached(sqlite, 'SELECT 1 FROM team_state WHERE id = 1 AND joined = 1').get()) return;
  prepareCached(sqlite, 'INSERT INTO sync_outbox (entity, entity_id, action, payload, created_at) VALUES (?, ?, ?, ?, ?)').run(
    entity,
    id,
    value === null ? 'delete' : 'update',
    JSON.stringify({ kind: entity, value }),
    now,
  );
}
