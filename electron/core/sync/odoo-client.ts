import { AppError } from '../../../shared/errors';
import type { ErpConnection } from '../../../shared/sync';
import { requestJson } from './erp-http';

/** Named arguments of an ORM method, plus the records it runs on. */
export type OdooParams = { ids?: number[] } & Record<string, unknown>;

/** Methods that change Odoo: never resent blindly (see requestJson). */
const WRITES = new Set(['message_post', 'create', 'action_post']);

/** Calls one ORM method on an Odoo server, whichever external API it speaks. */
export interface OdooClient {
  call(model: string, method: string, params: OdooParams, signal: AbortSignal): Promise<unknown>;
}

export function odooClient(connection: ErpConnection): OdooClient {
  const base = connection.baseUrl.replace(/\/+$/, '');
  return connection.protocol === 'json2' ? json2Client(base, connection) : jsonRpcClient(base, connection);
}

interface JsonRpcError {
  message?: string;
  data?: { name?: string; message?: string };
}

/**
 * Odoo 16–18: `execute_kw` over `/jsonrpc`. Errors come back with HTTP 200 and an `error` member, so
 * the status says nothing; the uid comes from `common.authenticate` once per client.
 */
function jsonRpcClient(base: string, connection: ErpConnection): OdooClient {
  let uid: number | null = null;
  let requestId = 0;
  const rpc = async (service: string, method: string, args: unknown[], signal: AbortSignal, what: string, retry = true): Promise<unknown> => {
    const { status, body } = await requestJson(
      `${base}/jsonrpc`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Inflow' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: ++requestId }),
      },
      signal,
      { retry },
    );
    if (status !== 200) throw new AppError('SYNC_FAILED', `${new URL(base).host} answered HTTP ${status} at /jsonrpc: is the base URL an Odoo server?`);
    const reply = body as { result?: unknown; error?: JsonRpcError } | null;
    if (reply && typeof reply === 'object' && reply.error) throw odooError(reply.error.data?.name, reply.error.data?.message ?? reply.error.message, what);
    if (!reply || typeof reply !== 'object' || !('result' in reply)) throw new AppError('SYNC_FAILED', `Odoo's answer to ${what} has no result.`);
    return reply.result;
  };
  return {
    call: async (model, method, { ids, ...named }, signal) => {
      if (uid === null) {
        const result = await rpc('common', 'authenticate', [connection.database, connection.login, connection.apiKey, {}], signal, 'the login');
        if (typeof result !== 'number') {
          throw new AppError(
            'SYNC_FAILED',
            `Odoo refused the login "${connection.login}" on database "${connection.database}": check the login and password or API key.`,
          );
        }
        uid = result;
      }
      const args = [connection.database, uid, connection.apiKey, model, method, ids ? [ids] : [], named];
      return rpc('object', 'execute_kw', args, signal, `${model}.${method}`, !WRITES.has(method));
    },
  };
}

/** Odoo 19: `POST /json/2/<model>/<method>` with named arguments and a bearer API key; errors use real HTTP statuses. */
function json2Client(base: string, connection: ErpConnection): OdooClient {
  return {
    call: async (model, method, params, signal) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        authorization: `bearer ${connection.apiKey}`,
        'user-agent': 'Inflow',
      };
      if (connection.database) headers['x-odoo-database'] = connection.database;
      const { status, body } = await requestJson(`${base}/json/2/${model}/${method}`, { method: 'POST', headers, body: JSON.stringify(params) }, signal, {
        retry: !WRITES.has(method),
      });
      if (status === 200) return body;
      const error = (body ?? {}) as { name?: string; message?: string };
      if (status === 401 || status === 403) throw odooError('odoo.exceptions.AccessDenied', error.message, `${model}.${method}`);
      throw odooError(error.name, error.message ?? (typeof body === 'string' ? body : `HTTP ${status}`), `${model}.${method}`);
    },
  };
}

function odooError(name: string | undefined, message: string | undefined, what: string): AppError {
  if (name?.endsWith('AccessDenied') || name?.endsWith('Unauthorized')) {
    return new AppError(
      'SYNC_FAILED',
      `Odoo refused the credentials (${message ?? 'access denied'}): check the login and API key in Settings → ERP connection.`,
    );
  }
  if (name?.endsWith('AccessError'))
    return new AppError('SYNC_FAILED', `Odoo's user may not read ${what}: ${message ?? 'access error'}. Give it accounting read access.`);
  return new AppError('SYNC_FAILED', `Odoo could not run ${what}: ${message ?? 'unknown error'}.`);
}
