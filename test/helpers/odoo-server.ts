import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OdooBooks } from './odoo-books';
import { OdooError, OdooStore, type OdooRecord } from './odoo-models';

export type { OdooRecord } from './odoo-models';

/**
 * An in-process server speaking Odoo 17's external APIs as documented: JSON-RPC `/jsonrpc`
 * (common.authenticate, object.execute_kw; errors with HTTP 200 and an `error` member) and JSON-2
 * `/json/2/<model>/<method>` (bearer API key, named arguments, errors with HTTP statuses). Its
 * records (odoo-models.ts) follow Odoo 17's models, and its accounting (odoo-books.ts) keeps them as
 * Odoo would: search_read evaluates domains in prefix notation (dotted paths through many2one
 * fields), orders by any `field asc|desc` list, pages by offset and limit, and refuses fields
 * Odoo 17 does not have.
 */
type Domain = unknown[];
/** Lets a test break the next answers: a status, a raw body, or a connection dropped mid-answer. */
export type Fault = { status?: number; raw?: string; headers?: Record<string, string>; drop?: boolean; dropAfterCall?: boolean } | null;

export interface OdooServer {
  url: string;
  /** Every request as it arrived (method, path, headers, body): where a secret went, whatever the API did with it. */
  wire: string[];
  db: string;
  login: string;
  password: string;
  apiKey: string;
  store: OdooStore;
  books: OdooBooks;
  calls: { model: string; method: string; params: Record<string, unknown> }[];
  /** Called for each model call; a Fault (or null) decides the answer. */
  fault: (call: { model: string; method: string; index: number; params: Record<string, unknown> }) => Fault;
  create(model: string, values: Record<string, unknown>): OdooRecord;
  write(model: string, id: number, values: Record<string, unknown>): OdooRecord;
  close(): Promise<void>;
}

export async function startOdooServer({ host = '127.0.0.1' }: { host?: string } = {}): Promise<OdooServer> {
  let callIndex = 0;
  const store = new OdooStore(Date.parse('2026-11-01T08:00:00Z'));
  const server: OdooServer = {
    url: '',
    wire: [],
    db: 'acme',
    login: 'ar-bot',
    password: 'secret-pass',
    apiKey: '6578616d706c65206a736f6e20617069206b6579',
    store,
    books: new OdooBooks(store),
    calls: [],
    fault: () => null,
    create: (model, values) => store.create(model, values),
    write: (model, id, values) => store.write(model, id, values),
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };

  const call = (model: string, method: string, ids: number[] | undefined, params: Record<string, unknown>): unknown => {
    server.calls.push({ model, method, params });
    if (method === 'search_read' || method === 'search_count' || method === 'search') {
      const rows = store.search(model, (params.domain ?? []) as Domain);
      if (method === 'search_count') return rows.length;
      const page = paged(sorted(rows, params.order), params);
      if (method === 'search') return page.map((row) => row.id);
      return readFields(model, page, params.fields);
    }
    if (method === 'read')
      return readFields(
        model,
        (ids ?? []).map((id) => store.find(model, id)).filter((row): row is OdooRecord => row !== undefined),
        params.fields,
      );
    if (method === 'create' && model === 'account.move') return server.books.createFromApi(params.vals_list);
    if (method === 'action_post' && model === 'account.move') {
      server.books.postFromApi(ids ?? []);
      return false;
    }
    if (method === 'message_post' && model === 'res.partner') {
      return ids!.map((id) => store.create('mail.message', { model, res_id: id, body: params.body, message_type: params.message_type })).map((m) => m.id)[0];
    }
    throw new OdooError('builtins.AttributeError', `The method '${method}' does not exist on the model '${model}'`);
  };

  const readFields = (model: string, rows: OdooRecord[], requested: unknown): Record<string, unknown>[] => {
    const fields = Array.isArray(requested) && requested.length > 0 ? (requested as string[]) : ['display_name'];
    store.checkFields(model, fields);
    return rows.map((row) => Object.fromEntries([['id', row.id], ...fields.map((field) => [field, store.read(model, row, field)])]));
  };

  const respond = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  /** Applies a test's fault; true when it answered instead of the model. */
  const faulted = (res: ServerResponse, model: string, method: string, ids: number[] | undefined, params: Record<string, unknown>): boolean => {
    const fault = server.fault({ model, method, index: callIndex++, params });
    if (!fault) return false;
    if (fault.dropAfterCall) {
      call(model, method, ids, params);
      res.socket?.destroy();
      return true;
    }
    if (fault.drop) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"jsonrpc": "2.0", "id": 1, "result": [{"id": 1, "na');
      setTimeout(() => res.socket?.destroy(), 20);
      return true;
    }
    res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers });
    res.end(fault.raw ?? '{}');
    return true;
  };

  const jsonRpc = (res: ServerResponse, body: { id: unknown; params: { service: string; method: string; args: unknown[] } }): void => {
    const { service, method, args } = body.params;
    const error = (name: string, message: string) =>
      respond(res, 200, {
        jsonrpc: '2.0',
        id: body.id,
        error: { code: 200, message: 'Odoo Server Error', data: { name, debug: 'Traceback …', message, arguments: [message], context: {} } },
      });
    if (service === 'common' && (method === 'authenticate' || method === 'login')) {
      const [db, login, password] = args as string[];
      const ok = db === server.db && login === server.login && (password === server.password || password === server.apiKey);
      return respond(res, 200, { jsonrpc: '2.0', id: body.id, result: ok ? 2 : false });
    }
    if (service === 'object' && method === 'execute_kw') {
      const [db, uid, password, model, kwMethod, positional, kwargs] = args as [string, number, string, string, string, unknown[], Record<string, unknown>];
      if (db !== server.db || uid !== 2 || (password !== server.password && password !== server.apiKey))
        return error('odoo.exceptions.AccessDenied', 'Access Denied');
      if (faulted(res, model, kwMethod, positional[0] as number[] | undefined, kwargs ?? {})) return;
      try {
        return respond(res, 200, { jsonrpc: '2.0', id: body.id, result: call(model, kwMethod, positional[0] as number[] | undefined, kwargs ?? {}) });
      } catch (e) {
        return error(e instanceof OdooError ? e.odooName : 'builtins.Exception', (e as Error).message);
      }
    }
    return error('werkzeug.exceptions.NotFound', `No such service ${service}.${method}`);
  };

  const json2 = (req: IncomingMessage, res: ServerResponse, model: string, method: string, body: Record<string, unknown>): void => {
    if (req.headers.authorization !== `bearer ${server.apiKey}`) {
      return respond(res, 401, {
        name: 'werkzeug.exceptions.Unauthorized',
        message: 'Invalid apikey',
        arguments: ['Invalid apikey', 401],
        context: {},
        debug: 'Traceback …',
      });
    }
    const { ids, context: _context, ...named } = body as { ids?: number[]; context?: unknown };
    if (faulted(res, model, method, ids, named)) return;
    try {
      return respond(res, 200, call(model, method, ids, named));
    } catch (e) {
      const name = e instanceof OdooError ? e.odooName : 'builtins.Exception';
      return respond(res, 422, { name, message: (e as Error).message, arguments: [(e as Error).message], context: {}, debug: '' });
    }
  };

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      server.wire.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n\n${Buffer.concat(chunks).toString('utf8')}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as never;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const json2Path = /^\/json\/2\/([\w.]+)\/(\w+)$/.exec(path);
      if (req.method === 'POST' && path === '/jsonrpc') return jsonRpc(res, body);
      if (req.method === 'POST' && json2Path) return json2(req, res, json2Path[1]!, json2Path[2]!, body);
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>404 Not Found</body></html>');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, host, resolve));
  server.url = `http://${host}:${(http.address() as AddressInfo).port}`;
  return server;
}

/** Odoo's `order`: comma-separated `field [asc|desc]`, ties broken by id as the database's order would. */
function sorted(rows: OdooRecord[], order: unknown): OdooRecord[] {
  if (typeof order !== 'string' || order.trim() === '') return [...rows].sort((a, b) => a.id - b.id);
  const keys = order.split(',').map((part) => {
    const [field, direction = 'asc'] = part.trim().split(/\s+/);
    return { field: field!, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const compare = (a: unknown, b: unknown): number =>
    a === b ? 0 : a === false || a === undefined ? -1 : b === false || b === undefined ? 1 : (a as string | number) < (b as string | number) ? -1 : 1;
  return [...rows].sort((a, b) => {
    for (const { field, sign } of keys) {
      const result = compare(a[field], b[field]);
      if (result !== 0) return result * sign;
    }
    return a.id - b.id;
  });
}

function paged(rows: OdooRecord[], params: Record<string, unknown>): OdooRecord[] {
  const offset = Number(params.offset ?? 0);
  return rows.slice(offset, params.limit ? offset + Number(params.limit) : undefined);
}
