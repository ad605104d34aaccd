import { ERP_SERVER_FIELDS, type ConnectorCapabilities, type ErpConnection, type ErpConnectionView, type OAuthStatus } from '../../../shared/sync';
import { AppError } from '../../../shared/errors';
import { nowOf, todayOf, type CoreContext } from '../context';
import type { Handlers } from '../handler-types';
import { sameServer } from '../server-secret';
import { getSetting, setSetting } from '../settings';
import { syncFreshness } from './sync-freshness';
import { ODOO_CAPABILITIES } from './odoo-connector';
import { FOLDER_CAPABILITIES } from './watched-folder';
import { connectorFor } from './sync-scheduler';
import { recentSyncLog } from './sync-log';
import { qboCapabilities } from './qbo-connector';
import { revokeTokens } from './qbo-oauth';
import { signInToQuickBooks } from './qbo-sign-in';
import { storeGivenTokens } from './qbo-token-store';

const TEST_TIMEOUT_MS = 60_000;
/** Disconnect waits this long for Intuit to revoke the sign-in, then forgets the tokens anyway. */
const REVOKE_TIMEOUT_MS = 10_000;

const withoutSecret = ({ apiKey, ...view }: ErpConnection): ErpConnectionView => ({ ...view, hasApiKey: apiKey !== '' });

function requireConnection(ctx: CoreContext): ErpConnection {
  const connection = getSetting(ctx.database.sqlite, 'erpConnection');
  if (!connection) throw new AppError('CONFLICT', 'Connect an ERP first (Settings → ERP connection).');
  return connection;
}

function capabilitiesOf(connection: ErpConnection): ConnectorCapabilities {
  if (connection.connector === 'folder') return FOLDER_CAPABILITIES;
  return connection.connector === 'qbo' ? qboCapabilities(connection) : ODOO_CAPABILITIES;
}

/** Whom QuickBooks' stored tokens act for; a refused refresh token leaves the company but no token. */
function oauthStatus(ctx: CoreContext, connection: ErpConnection | null): OAuthStatus | null {
  if (connection?.connector !== 'qbo') return null;
  const tokens = getSetting(ctx.database.sqlite, 'qboTokens');
  return { connectedAs: tokens?.refreshToken ? tokens.companyName || `company ${tokens.realmId}` : null, reconnect: tokens !== null && !tokens.refreshToken };
}

export const syncHandlers: Handlers<
  'sync.connection.get' | 'sync.connection.save' | 'sync.test' | 'sync.run' | 'sync.disconnect' | 'sync.status' | 'sync.qbo.connect'
> = {
  'sync.connection.get': (_input, ctx) => {
    const connection = getSetting(ctx.database.sqlite, 'erpConnection');
    return connection ? withoutSecret(connection) : null;
  },
  'sync.connection.save': ({ qboRefreshToken, qboRealmId, ...input }, ctx) => {
    const { sqlite } = ctx.database;
    const stored = getSetting(sqlite, 'erpConnection');
    // A key, secret or token entered for one server never goes to another: a new address or login forgets them.
    const sameAccount = sameServer(stored, input, ERP_SERVER_FIELDS);
    const connection = { ...input, apiKey: input.apiKey ?? (sameAccount ? stored.apiKey : '') };
    if ((qboRefreshToken === undefined) !== (qboRealmId === undefined)) {
      throw new AppError('INVALID_INPUT', 'A QuickBooks refresh token needs the company (realm) id it belongs to, and the other way round.');
    }
    // Another server (a sandbox, then production) starts from the beginning, not from the old one's cursor.
    const otherServer =
      stored !== null &&
      (stored.connector !== connection.connector ||
        stored.baseUrl !== connection.baseUrl ||
        stored.database !== connection.database ||
        stored.clientId !== connection.clientId);
    sqlite.transaction(() => {
      setSetting(sqlite, 'erpConnection', connection, nowOf(ctx));
      if (otherServer) sqlite.prepare('DELETE FROM sync_cursors WHERE connector = ?').run(stored.connector);
      // Tokens belong to one app, company and server: given anew, or forgotten with the old server.
      if (qboRefreshToken && qboRealmId) storeGivenTokens(sqlite, qboRefreshToken, qboRealmId, nowOf(ctx));
      else if (!sameAccount && getSetting(sqlite, 'qboTokens')) setSetting(sqlite, 'qboTokens', null, nowOf(ctx));
    })();
    ctx.sync.start();
    return withoutSecret(connection);
  },
  'sync.test': async (_input, ctx) => {
    const connection = requireConnection(ctx);
    if (connection.connector === 'folder') return { message: 'A watched folder needs no connection test: its files are imported as they appear.' };
    return { message: await connectorFor(ctx, connection).test(AbortSignal.timeout(TEST_TIMEOUT_MS)) };
  },
  'sync.qbo.connect': async (_input, ctx) => {
    const connection = requireConnection(ctx);
    if (connection.connector !== 'qbo') throw new AppError('CONFLICT', 'Choose QuickBooks Online and save the connection before signing in.');
    const connectedAs = await signInToQuickBooks(ctx, connection);
    ctx.sync.start();
    return { connectedAs };
  },
  'sync.run': ({ jobId }, ctx) => ctx.sync.runNow(jobId),
  'sync.disconnect': async (_input, ctx) => {
    const { sqlite } = ctx.database;
    const connection = getSetting(sqlite, 'erpConnection');
    const tokens = getSetting(sqlite, 'qboTokens');
    // Revoked at Intuit first (the grant would otherwise stay valid there); forgotten here either way.
    const revoked = connection?.connector === 'qbo' && tokens ? await revokeTokens(connection, tokens, AbortSignal.timeout(REVOKE_TIMEOUT_MS)) : null;
    sqlite.transaction(() => {
      setSetting(sqlite, 'erpConnection', null, nowOf(ctx));
      setSetting(sqlite, 'qboTokens', null, nowOf(ctx));
      sqlite.prepare('DELETE FROM sync_cursors').run();
    })();
    ctx.sync.start();
    return { disconnected: true, revoked };
  },
  'sync.status': ({ logLimit }, ctx) => {
    const { sqlite } = ctx.database;
    const connection = getSetting(sqlite, 'erpConnection');
    const freshness = syncFreshness(sqlite, todayOf(ctx), getSetting(sqlite, 'outreach').syncFreshnessDays);
    return {
      connection: connection ? withoutSecret(connection) : null,
      oauth: oauthStatus(ctx, connection),
      capabilities: connection ? capabilitiesOf(connection) : null,
      ...ctx.sync.status(),
      lastSyncAt: freshness.lastSyncAt,
      log: recentSyncLog(sqlite, logLimit),
    };
  },
};
