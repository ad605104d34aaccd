import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process server speaking Odoo's external APIs as documented: JSON-RPC `/jsonrpc`
 * (common.authenticate, object.execute_kw; errors with HTTP 200 and an `error` member) and JSON-2
 * `/json/2/<model>/<method>` (bearer API key, named arguments, errors with HTTP statuses). It keeps
 * records per model, evaluates domains in prefix notation, orders and pages search_read, sets
 * write_date on every change, answers `false` for empty values and [id, name] for relations.
 */
export type OdooRecord = { id: number; write_date: string } & Record<string, unknown>;
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
  models: Map<string, OdooRecord[]>;
  calls: { model: string; method: string; params: Record<string, unknown> }[];
  /** Called for each model call; a Fault (or null) decides the answer. */
  fault: (call: { model: string; method: string; index: number; params: Record<string, unknown> }) => Fault;
  create(model: string, values: Record<string, unknown>): OdooRecord;
  write(model: string, id: number, values: Record<string, unknown>): OdooRecord;
  close(): Promise<void>;
}

const rel = (record: OdooRecord | undefined): [number, string] | false => (record ? [record.id, String(record.name)] : false);

export async function startOdooServer({ host = '127.0.0.1' }: { host?: string } = {}): Promise<OdooServer> {
  let clock = Date.parse('2026-11-01T08:00:00Z');
  let nextId = 100;
  let callIndex = 0;
  const models = new Map<string, OdooRecord[]>();
  const table = (model: string): OdooRecord[] => {
    let rows = models.get(model);
    if (!rows) models.set(model, (rows = []));
    return rows;
  };
  const stamp = (): string => {
    clock += 1000;
    return new Date(clock).toISOString().replace('T', ' ').slice(0, 19);
  };
  const find = (model: string, id: unknown): OdooRecord | undefined => table(model).find((r) => r.id === id);

  const server: OdooServer = {
    url: '', wire: [], db: 'acme', login: 'ar-bot', password: 'secret-pass', apiKey: '6578616d706c65206a736f6e20617069206b6579',
    models, calls: [], fault: () => null,
    create: (model, values) => {
      const record = { id: nextId++, ...values, write_date: stamp() } as OdooRecord;
      table(model).push(record);
      return record;
    },
    write: (model, id, values) => {
      const record = find(model, id)!;
      Object.assign(record, values, { write_date: stamp() });
      return record;
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };

  /** A field as Odoo reads it: relations as [id, name], dotted paths through many2one, false for empty. */
  const read = (model: string, record: OdooRecord, field: string): unknown => {
    if (field.includes('.')) {
      const [head, ...rest] = field.split('.');
      const target = read(model, record, head!) as [number, string] | false;
      return target ? read('res.partner', find('res.partner', target[0])!, rest.join('.')) : false;
    }
    if (field === 'id') return record.id;
    if (field === 'commercial_partner_id') {
      const partnerId = model === 'res.partner' ? record.id : (record.partner_id as number);
      let partner = find('res.partner', partnerId);
      while (partner?.parent_id) partner = find('res.partner', partner.parent_id);
      return rel(partner);
    }
    const value = record[field];
    if (field === 'partner_id' || field === 'parent_id') return rel(find('res.partner', value));
    if (field === 'currency_id') return value ? [1, String(value)] : false;
    if (value === undefined || value === null || value === '') return false;
    return value;
  };

  const matches = (model: string, record: OdooRecord, domain: Domain): boolean => {
    const stack: boolean[] = [];
    for (let i = domain.length - 1; i >= 0; i--) {
      const term = domain[i];
      if (term === '|' || term === '&') {
        const a = stack.pop()!;
        const b = stack.pop()!;
        stack.push(term === '|' ? a || b : a && b);
      } else if (term === '!') {
        stack.push(!stack.pop());
      } else {
        const [field, op, value] = term as [string, string, unknown];
        let actual = read(model, record, field);
        if (Array.isArray(actual) && actual.length === 2 && typeof actual[0] === 'number' && field !== 'reconciled_invoice_ids') actual = actual[0];
        stack.push(compare(actual, op, value));
      }
    }
    return stack.every(Boolean);
  };

  const call = (model: string, method: string, ids: number[] | undefined, params: Record<string, unknown>): unknown => {
    server.calls.push({ model, method, params });
    if (method === 'search_read' || method === 'search_count') {
      const domain = (params.domain ?? []) as Domain;
      let rows = table(model).filter((r) => matches(model, r, domain));
      if (method === 'search_count') return rows.length;
      if (params.order === 'write_date asc, id asc') rows = [...rows].sort((a, b) => a.write_date.localeCompare(b.write_date) || a.id - b.id);
      const offset = Number(params.offset ?? 0);
      rows = rows.slice(offset, params.limit ? offset + Number(params.limit) : undefined);
      const fields = (params.fields ?? []) as string[];
      return rows.map((r) => Object.fromEntries([['id', r.id], ...fields.map((f) => [f, read(model, r, f)])]));
    }
    if (method === 'message_post' && model === 'res.partner') {
      return ids!.map((id) => server.create('mail.message', { model, res_id: id, body: params.body, message_type: params.message_type })).map((m) => m.id)[0];
    }
    throw Object.assign(new Error(`The method '${method}' does not exist on the model '${model}'`), { odooName: 'builtins.AttributeError' });
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
      respond(res, 200, { jsonrpc: '2.0', id: body.id, error: { code: 200, message: 'Odoo Server Error', data: { name, debug: 'Traceback …', message, arguments: [message], context: {} } } });
    if (service === 'common' && (method === 'authenticate' || method === 'login')) {
      const [db, login, password] = args as string[];
      const ok = db === server.db && login === server.login && (password === server.password || password === server.apiKey);
      return respond(res, 200, { jsonrpc: '2.0', id: body.id, result: ok ? 2 : false });
    }
    if (service === 'object' && method === 'execute_kw') {
      const [db, uid, password, model, kwMethod, positional, kwargs] = args as [string, number, string, string, string, unknown[], Record<string, unknown>];
      if (db !== server.db || uid !== 2 || (password !== server.password && password !== server.apiKey)) return error('odoo.exceptions.AccessDenied', 'Access Denied');
      if (faulted(res, model, kwMethod, positional[0] as number[] | undefined, kwargs ?? {})) return;
      try {
        return respond(res, 200, { jsonrpc: '2.0', id: body.id, result: call(model, kwMethod, positional[0] as number[] | undefined, kwargs ?? {}) });
      } catch (e) {
        return error((e as { odooName?: string }).odooName ?? 'odoo.exceptions.UserError', (e as Error).message);
      }
    }
    return error('werkzeug.exceptions.NotFound', `No such service ${service}.${method}`);
  };

  const json2 = (req: IncomingMessage, res: ServerResponse, model: string, method: string, body: Record<string, unknown>): void => {
    if (req.headers.authorization !== `bearer ${server.apiKey}`) {
      return respond(res, 401, { name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: ['Invalid apikey', 401], context: {}, debug: 'Traceback …' });
    }
    const { ids, context: _context, ...named } = body as { ids?: number[]; context?: unknown };
    if (faulted(res, model, method, ids, named)) return;
    try {
      return respond(res, 200, call(model, method, ids, named));
    } catch (e) {
      return respond(res, 422, { name: 'builtins.AttributeError', message: (e as Error).message, arguments: [(e as Error).message], context: {}, debug: '' });
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

function compare(actual: unknown, op: string, value: unknown): boolean {
  switch (op) {
    case '=': return actual === value || (value === false && (actual === false || actual === undefined));
    case '!=': return actual !== value;
    case '>': return (actual as number | string) > (value as number | string);
    case '<': return (actual as number | string) < (value as number | string);
    case '>=': return (actual as number | string) >= (value as number | string);
    case 'in': return (value as unknown[]).includes(actual);
    case 'not in': return !(value as unknown[]).includes(actual);
    case 'ilike': return String(actual).toLowerCase().includes(String(value).toLowerCase());
    default: throw new Error(`operator ${op} not supported by the test server`);
  }
}
