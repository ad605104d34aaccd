import { z } from 'zod';

/** The systems Inflow syncs with; each also names the `source` that scopes its external ids. */
export const CONNECTOR_IDS = ['odoo', 'qbo', 'folder'] as const;
export type ConnectorId = (typeof CONNECTOR_IDS)[number];

/** Odoo 16–18 speak JSON-RPC (`/jsonrpc`, login + password or API key); Odoo 19 adds JSON-2 (`/json/2`, API key only). */
export const ODOO_PROTOCOLS = ['jsonrpc', 'json2'] as const;

const httpUrl = z.string().trim().max(500).regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'a web address like https://mycompany.odoo.com');

export const erpConnectionSchema = z.object({
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
  intervalMinutes: z.number().int().min(0).max(24 * 60).default(60),
});
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

export type SyncLogStatus = 'ok' | 'failed' | 'offline';

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
