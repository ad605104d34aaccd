import { z } from 'zod';
import { isLoopbackUrl, isSecureOrLoopbackUrl } from './loopback';
import { INTUIT_API_URL, INTUIT_AUTHORIZE_URL, INTUIT_SANDBOX_API_URL, INTUIT_TOKEN_URL } from './qbo-endpoints';

/** The systems Inflow syncs with; each also names the `source` that scopes its external ids. */
export const CONNECTOR_IDS = ['odoo', 'qbo', 'folder'] as const;
export type ConnectorId = (typeof CONNECTOR_IDS)[number];

/** Odoo 16–18 speak JSON-RPC (`/jsonrpc`, login + password or API key); Odoo 19 adds JSON-2 (`/json/2`, API key only). */
export const ODOO_PROTOCOLS = ['jsonrpc', 'json2'] as const;

/** A password or API key goes wherever this points: https only, plain http only to this machine (a local stand-in). */
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'a web address like https://mycompany.odoo.com')
  .refine(isSecureOrLoopbackUrl, 'an https address without a user name in it (plain http only to this machine)');

const erpConnectionFields = z.object({
  connector: z.enum(CONNECTOR_IDS),
  /** Overridable for sandboxes and self-hosted servers. */
  baseUrl: z.union([z.literal(''), httpUrl]).default(''),
  protocol: z.enum(ODOO_PROTOCOLS).default('jsonrpc'),
  database: z.string().trim().max(200).default(''),
  login: z.string().trim().max(254).default(''),
  /** Password, API key or (QuickBooks) OAuth client secret; kept in the encrypted database and never sent back to the window. */
  apiKey: z.string().max(4096).default(''),
  /** QuickBooks: the app's OAuth client id, and Intuit's authorize and token endpoints (blank: production's). */
  clientId: z.string().trim().max(200).default(''),
  authUrl: z.union([z.literal(''), httpUrl]).default(''),
  tokenUrl: z.union([z.literal(''), httpUrl]).default(''),
  /** QuickBooks: append the collector's notes to the customer record (off: nothing is written to QuickBooks). */
  pushNotes: z.boolean().default(false),
  /** The watched export folder and the preset or saved mapping its files are read with. */
  folder: z.string().trim().max(4096).default(''),
  mapping: z.string().trim().max(64).default(''),
  /** Minutes between scheduled syncs; 0 syncs only on "Sync now". */
  intervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
});

/** QuickBooks' client secret and tokens go only to Intuit (or, for tests, to a server on this machine). */
const INTUIT_URLS = { baseUrl: [INTUIT_API_URL, INTUIT_SANDBOX_API_URL], authUrl: [INTUIT_AUTHORIZE_URL], tokenUrl: [INTUIT_TOKEN_URL] } as const;

function quickBooksOnlyAtIntuit(connection: { connector: string; baseUrl: string; authUrl: string; tokenUrl: string }, ctx: z.RefinementCtx): void {
  if (connection.connector !== 'qbo') return;
  for (const [field, allowed] of Object.entries(INTUIT_URLS) as [keyof typeof INTUIT_URLS, readonly string[]][]) {
    const value = connection[field].replace(/\/+$/, '');
    if (value === '' || allowed.includes(value) || isLoopbackUrl(value)) continue;
    ctx.addIssue({ code: 'custom', path: [field], message: `QuickBooks is reached only at Intuit's address (${allowed.join(' or ')}); leave it blank` });
  }
}

export const erpConnectionSchema = erpConnectionFields.superRefine(quickBooksOnlyAtIntuit);
/** A save: without an apiKey the stored one is kept, if it was for this same server and login. */
export const erpConnectionSaveSchema = erpConnectionFields
  .extend({
    apiKey: z.string().max(4096).optional(),
    qboRefreshToken: z.string().trim().min(1).max(4096).optional(),
    qboRealmId: z
      .string()
      .trim()
      .regex(/^\d{1,30}$/, 'the company id QuickBooks shows (digits only)')
      .optional(),
  })
  .superRefine(quickBooksOnlyAtIntuit);
/** Where the ERP secret (and QuickBooks' tokens) go and as whom: changing any of them forgets what is stored. */
export const ERP_SERVER_FIELDS = ['connector', 'baseUrl', 'database', 'login', 'clientId', 'authUrl', 'tokenUrl'] as const;
export type ErpConnection = z.output<typeof erpConnectionSchema>;
/** What the window sees: whether a secret is stored, never the secret. */
export type ErpConnectionView = Omit<ErpConnection, 'apiKey'> & { hasApiKey: boolean };

export interface ConnectorCapabilities {
  customers: boolean;
  contacts: boolean;
  invoices: boolean;
  payments: boolean;
  creditNotes: boolean;
  paymentLinks: boolean;
  /** Collector activity (notes, promises, disputes) written back to the ERP. */
  push: boolean;
}

export interface SyncCounts {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  pushed: number;
}

export interface SyncResult extends SyncCounts {
  connector: ConnectorId;
  pages: number;
  /** Where the next incremental sync starts; opaque to the window, printed by the CLI. */
  cursor: string | null;
}

export const SYNC_LOG_STATUSES = ['ok', 'failed', 'offline'] as const;
export type SyncLogStatus = (typeof SYNC_LOG_STATUSES)[number];

export interface SyncLogEntry {
  id: number;
  connector: ConnectorId;
  startedAt: string;
  finishedAt: string;
  status: SyncLogStatus;
  message: string;
  /** Failures in a row this entry stands for: a streak is one entry, not one per attempt. */
  attempts: number;
  counts: SyncCounts | null;
}

/** An OAuth connection (QuickBooks): whom the stored tokens are for, or that they must be renewed by signing in again. */
export interface OAuthStatus {
  connectedAs: string | null;
  reconnect: boolean;
}

export interface SyncStatus {
  connection: ErpConnectionView | null;
  /** Null for connectors that sign in with a stored key. */
  oauth: OAuthStatus | null;
  capabilities: ConnectorCapabilities | null;
  running: boolean;
  lastSyncAt: string | null;
  /** When the scheduler tries next (after a failure, sooner than the interval, backing off). */
  nextRunAt: string | null;
  log: SyncLogEntry[];
}
