import { z } from 'zod';
import { jobIdSchema as jobId, returns } from './procedure';
import { erpConnectionSaveSchema, type ErpConnectionView, type SyncResult, type SyncStatus } from './sync';

/** The ERP sync's procedures, part of the contract in api.ts. */
export const syncApi = {
  // ERP sync: the connection (its secret never comes back), test, sync now, disconnect, status and log.
  'sync.connection.get': returns<ErpConnectionView | null>()(z.object({})),
  /**
   * Without an apiKey the stored one is kept, so the window never needs to hold it, unless the server
   * or login changed (ERP_SERVER_FIELDS): then it and QuickBooks' tokens are forgotten. A QuickBooks
   * refresh token and company (realm) id, when given, replace the stored sign-in (the CLI's way in).
   */
  'sync.connection.save': returns<ErpConnectionView>()(erpConnectionSaveSchema),
  /**
   * Signs in to QuickBooks: the authorize page opens in the system browser (a `browser.open` event);
   * resolves once Intuit redirected back to Inflow's loopback address and the tokens are stored.
   */
  'sync.qbo.connect': returns<{ connectedAs: string }>()(z.object({})),
  'sync.test': returns<{ message: string }>()(z.object({})),
  'sync.run': returns<SyncResult>()(z.object({ jobId: jobId.optional() })),
  /** Forgets the connection, its credentials and cursors; what was synced stays in the ledger. */
  /** `revoked`: whether Intuit confirmed it revoked the QuickBooks sign-in (null: there was none). */
  'sync.disconnect': returns<{ disconnected: true; revoked: boolean | null }>()(z.object({})),
  'sync.status': returns<SyncStatus>()(z.object({ logLimit: z.number().int().min(1).max(500).default(20) })),
} as const;
