import type { ErpConnection, ErpConnectionView } from '../../../shared/sync';
import { AppError } from '../../../shared/errors';
import { nowOf, todayOf, type CoreContext } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { syncFreshness } from '../outreach/sync-freshness';
import { ODOO_CAPABILITIES } from './odoo-connector';
import { FOLDER_CAPABILITIES } from './watched-folder';
import { connectorFor } from './sync-scheduler';
import { recentSyncLog } from './sync-log';

const withoutSecret = ({ apiKey, ...view }: ErpConnection): ErpConnectionView => ({ ...view, hasApiKey: apiKey !== '' });

function requireConnection(ctx: CoreContext): ErpConnection {
  const connection = getSetting(ctx.database.sqlite, 'erpConnection');
  if (!connection) throw new AppError('CONFLICT', 'Connect an ERP first (Settings → ERP connection).');
  return connection;
}

export const syncHandlers: Handlers<'sync.connection.get' | 'sync.connection.save' | 'sync.test' | 'sync.run' | 'sync.disconnect' | 'sync.status'> = {
  'sync.connection.get': (_input, ctx) => {
    const connection = getSetting(ctx.database.sqlite, 'erpConnection');
    return connection ? withoutSecret(connection) : null;
  },
  'sync.connection.save': (input, ctx) => {
    const { sqlite } = ctx.database;
    const stored = getSetting(sqlite, 'erpConnection');
    const connection = { ...input, apiKey: input.apiKey ?? stored?.apiKey ?? '' };
    // Another server (a sandbox, then production) starts from the beginning, not from the old one's cursor.
    const otherServer = stored !== null && (stored.connector !== connection.connector || stored.baseUrl !== connection.baseUrl || stored.database !== connection.database);
    sqlite.transaction(() => {
      setSetting(sqlite, 'erpConnection', connection, nowOf(ctx));
      if (otherServer) sqlite.prepare('DELETE FROM sync_cursors WHERE connector = ?').run(stored.connector);
    })();
    ctx.sync.start();
    return withoutSecret(connection);
  },
  'sync.test': async (_input, ctx) => {
    const connection = requireConnection(ctx);
    if (connection.connector === 'folder') return { message: 'A watched folder needs no connection test: its files are imported as they appear.' };
    return { message: await connectorFor(connection).test(AbortSignal.timeout(60_000)) };
  },
  'sync.run': ({ jobId }, ctx) => ctx.sync.runNow(jobId),
  'sync.disconnect': (_input, ctx) => {
    const { sqlite } = ctx.database;
    sqlite.transaction(() => {
      setSetting(sqlite, 'erpConnection', null, nowOf(ctx));
      sqlite.prepare('DELETE FROM sync_cursors').run();
    })();
    ctx.sync.start();
    return { disconnected: true };
  },
  'sync.status': ({ logLimit }, ctx) => {
    const { sqlite } = ctx.database;
    const connection = getSetting(sqlite, 'erpConnection');
    const freshness = syncFreshness(sqlite, todayOf(ctx), getSetting(sqlite, 'outreach').syncFreshnessDays);
    return {
      connection: connection ? withoutSecret(connection) : null,
      capabilities: connection ? (connection.connector === 'folder' ? FOLDER_CAPABILITIES : ODOO_CAPABILITIES) : null,
      ...ctx.sync.status(),
      lastSyncAt: freshness.lastSyncAt,
      log: recentSyncLog(sqlite, logLimit),
    };
  },
};
