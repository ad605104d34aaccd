import { AppError } from '../../shared/errors';
import { CONNECTOR_IDS, ODOO_PROTOCOLS, type ConnectorId } from '../../shared/sync';
import type { Core } from '../core';

export interface SyncOptions {
  json: boolean;
  connector?: string | undefined;
  'base-url'?: string | undefined;
}

/**
 * `sync --connector odoo|qbo|folder`: credentials come from the environment (never flags, so they stay
 * out of shell history and `ps`) and are stored like the settings screen stores them; without them
 * the stored connection is used. Prints the counts and the cursor the next sync starts from.
 */
export async function syncCommand(core: Core, options: SyncOptions, env: NodeJS.ProcessEnv): Promise<string> {
  const connector = options.connector as ConnectorId;
  if (!CONNECTOR_IDS.includes(connector)) throw new AppError('INVALID_INPUT', `--connector must be one of ${CONNECTOR_IDS.join(', ')}.`);
  const stored = await core.call('sync.connection.get', {});
  const fromEnv = connector === 'odoo' ? odooFromEnv(env) : connector === 'qbo' ? qboFromEnv(env) : folderFromEnv(env);
  const baseUrl = options['base-url'] ?? (connector === 'qbo' ? env.INFLOW_QBO_URL : env.INFLOW_ODOO_URL);
  if (fromEnv || baseUrl || stored?.connector !== connector) {
    const base = stored?.connector === connector ? stored : {};
    await core.call('sync.connection.save', {
      ...base,
      connector,
      ...(baseUrl ? { baseUrl } : {}),
      ...fromEnv,
      intervalMinutes: stored?.intervalMinutes ?? 60,
    });
  }
  const result = await core.call('sync.run', {});
  if (options.json) return JSON.stringify(result);
  return (
    `Synced ${result.connector}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ` +
    `${result.closed} closed, ${result.pushed} activities pushed (${result.pages} pages).\nCursor: ${result.cursor ?? '(none)'}`
  );
}

function odooFromEnv(env: NodeJS.ProcessEnv) {
  const protocol = env.INFLOW_ODOO_PROTOCOL;
  if (protocol && !(ODOO_PROTOCOLS as readonly string[]).includes(protocol))
    throw new AppError('INVALID_INPUT', `INFLOW_ODOO_PROTOCOL must be ${ODOO_PROTOCOLS.join(' or ')}.`);
  const values = {
    ...(env.INFLOW_ODOO_DB ? { database: env.INFLOW_ODOO_DB } : {}),
    ...(env.INFLOW_ODOO_LOGIN ? { login: env.INFLOW_ODOO_LOGIN } : {}),
    ...(env.INFLOW_ODOO_API_KEY ? { apiKey: env.INFLOW_ODOO_API_KEY } : {}),
    ...(protocol ? { protocol: protocol as (typeof ODOO_PROTOCOLS)[number] } : {}),
  };
  return Object.keys(values).length ? values : null;
}

/** A refresh token and company id from a sign-in done elsewhere (Intuit's OAuth playground, another install). */
function qboFromEnv(env: NodeJS.ProcessEnv) {
  const values = {
    ...(env.INFLOW_QBO_CLIENT_ID ? { clientId: env.INFLOW_QBO_CLIENT_ID } : {}),
    ...(env.INFLOW_QBO_CLIENT_SECRET ? { apiKey: env.INFLOW_QBO_CLIENT_SECRET } : {}),
    ...(env.INFLOW_QBO_REFRESH_TOKEN ? { qboRefreshToken: env.INFLOW_QBO_REFRESH_TOKEN } : {}),
    ...(env.INFLOW_QBO_REALM_ID ? { qboRealmId: env.INFLOW_QBO_REALM_ID } : {}),
    ...(env.INFLOW_QBO_TOKEN_URL ? { tokenUrl: env.INFLOW_QBO_TOKEN_URL } : {}),
  };
  return Object.keys(values).length ? values : null;
}

function folderFromEnv(env: NodeJS.ProcessEnv) {
  const values = {
    ...(env.INFLOW_SYNC_FOLDER ? { folder: env.INFLOW_SYNC_FOLDER } : {}),
    ...(env.INFLOW_SYNC_MAPPING ? { mapping: env.INFLOW_SYNC_MAPPING } : {}),
  };
  return Object.keys(values).length ? values : null;
}
