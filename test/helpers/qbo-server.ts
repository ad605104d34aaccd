import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process server speaking QuickBooks Online's protocol as Intuit documents it:
 * - OAuth 2.0: `GET /connect/oauth2` (the authorize page, which here grants at once and redirects with
 *   code, state and realmId) and `POST /oauth2/v1/tokens/bearer` (HTTP Basic client auth, form body;
 *   authorization_code checks the PKCE code_verifier against the S256 challenge; refresh_token rotates
 *   the refresh token and refuses the old one with invalid_grant). Access tokens last an hour.
 *   `POST /v2/oauth2/tokens/revoke` (HTTP Basic, JSON {token}) revokes the refresh token given.
 * - Accounting API under `/v3/company/{realmId}`: `query` (select * from Entity [where Id IN (...) |
 *   Active IN (true, false)] STARTPOSITION n MAXRESULTS m, at most 1000, an empty QueryResponse past
 *   the end, inactive customers left out unless asked for), `cdc` (entities changed since a time no more
 *   than 30 days ago, deleted ones as {status: "Deleted", Id}), `companyinfo/{realmId}`, `customer/{id}`
 *   and the sparse customer update (SyncToken checked), and `POST invoice` (CustomerRef and each sales
 *   line's ItemRef checked, DocNumber at most 21 characters, TotalAmt and Balance computed) with its
 *   `requestid`: a request id seen before gets the first answer again and changes nothing. Queries also
 *   read Item by `Name = '…'`. Errors are Faults; a bad token is a 401 with Intuit's lower-case
 *   `fault.error[]` body.
 */
export type QboEntity = 'Customer' | 'Invoice' | 'Payment' | 'CreditMemo' | 'Item';
export type QboRow = { Id: string; SyncToken: string; MetaData: { CreateTime: string; LastUpdatedTime: string } } & Record<string, unknown>;

export interface ApiCall {
  kind: 'query' | 'cdc' | 'companyinfo' | 'customer.read' | 'customer.update' | 'invoice.create' | 'token' | 'revoke';
  entity?: string;
  query?: string;
  startPosition?: number;
  params: Record<string, string>;
  index: number;
}

/** Lets a test break an answer: a status, a raw body, extra headers, or a connection dropped mid-answer. */
export type Fault = { status?: number; raw?: string; headers?: Record<string, string>; drop?: boolean; dropAfterCall?: boolean } | null;

export interface QboServer {
  url: string;
  /** Every request as it arrived (method, path, headers, body): where a secret went, whatever the API did with it. */
  wire: string[];
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  realmId: string;
  companyName: string;
  /** The refresh token the server accepts now (each refresh replaces it). */
  refreshToken: string;
  /** The server's clock: every change is stamped with it, one second apart; CDC's 30 days count from it. */
  clock: number;
  entities: Map<QboEntity, QboRow[]>;
  calls: ApiCall[];
  /** How the authorize page answers: grant, deny (error=access_denied), or redirect with another state. */
  authorize: 'grant' | 'deny' | 'wrong-state';
  fault: (call: ApiCall) => Fault;
  create(entity: QboEntity, values: Record<string, unknown>): QboRow;
  update(entity: QboEntity, id: string, values: Record<string, unknown>): QboRow;
  remove(entity: QboEntity, id: string): void;
  /**
   * QuickBooks' A/R aging per customer today, in cents, from its own records: every invoice's
   * Balance, less every credit memo's RemainingCredit and every payment's UnappliedAmt.
   */
  expectedAging(): Map<string, number>;
  /** Every access token stops working at once (as after its hour), so the next call gets a 401. */
  expireAccessTokens(): void;
  /** Intuit's side of a revoked connection: the refresh token is refused from now on. */
  revokeRefreshToken(): void;
  /** A refresh token as if the user had signed in elsewhere (the CLI's way in). */
  issueRefreshToken(): string;
  close(): Promise<void>;
}

const HOUR_S = 3600;
const THIRTY_DAYS_MS = 30 * 86_400_000;

export async function startQboServer({ host = '127.0.0.1' }: { host?: string } = {}): Promise<QboServer> {
  const tables = new Map<QboEntity, QboRow[]>();
  const deleted: { entity: QboEntity; Id: string; at: string }[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const accessTokens = new Set<string>();
  let nextId = 1;
  let callIndex = 0;
  const table = (entity: QboEntity): QboRow[] => {
    let rows = tables.get(entity);
    if (!rows) tables.set(entity, (rows = []));
    return rows;
  };
  const stamp = (): string => {
    server.clock += 1000;
    return new Date(server.clock).toISOString().replace('.000Z', '-00:00');
  };
  const find = (entity: QboEntity, id: string): QboRow | undefined => table(entity).find((row) => row.Id === id);

  const server: QboServer = {
    url: '',
    wire: [],
    authorizeUrl: '',
    tokenUrl: '',
    clientId: 'ABkxvOnLjwMpfRk2WcUfEtyWsGJw8zN9ZiVjDrj3zUEXAMPLE',
    clientSecret: 'w4Rq2vWf8sExampleClientSecret0',
    realmId: '9341453050465815',
    companyName: 'Sandbox Company_US_1',
    refreshToken: '',
    clock: Date.parse('2026-11-12T08:00:00Z'),
    entities: tables,
    calls: [],
    authorize: 'grant',
    fault: () => null,
    create: (entity, values) => {
      const at = stamp();
      const row = { Id: String(nextId++), SyncToken: '0', ...values, MetaData: { CreateTime: at, LastUpdatedTime: at } } as QboRow;
      table(entity).push(row);
      return row;
    },
    update: (entity, id, values) => {
      const row = find(entity, id)!;
      Object.assign(row, values, { SyncToken: String(Number(row.SyncToken) + 1), MetaData: { ...row.MetaData, LastUpdatedTime: stamp() } });
      return row;
    },
    remove: (entity, id) => {
      tables.set(
        entity,
        table(entity).filter((row) => row.Id !== id),
      );
      deleted.push({ entity, Id: id, at: stamp() });
    },
    expectedAging: () => {
      const totals = new Map<string, number>();
      const add = (row: QboRow, amount: unknown, sign: number) => {
        const customer = (row.CustomerRef as { value: string }).value;
        totals.set(customer, (totals.get(customer) ?? 0) + sign * Math.round(Number(amount ?? 0) * 100));
      };
      for (const row of table('Invoice')) add(row, row.Balance, 1);
      for (const row of table('CreditMemo')) add(row, row.RemainingCredit ?? row.Balance, -1);
      for (const row of table('Payment')) add(row, row.UnappliedAmt, -1);
      return new Map([...totals].filter(([, total]) => total !== 0));
    },
    expireAccessTokens: () => accessTokens.clear(),
    revokeRefreshToken: () => {
      server.refreshToken = `revoked-${randomBytes(4).toString('hex')}`;
      accessTokens.clear();
    },
    issueRefreshToken: () => (server.refreshToken = `AB11${randomBytes(16).toString('hex')}`),
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };

  const issueTokens = () => {
    const access = `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2${randomBytes(12).toString('hex')}`;
    accessTokens.add(access);
    return { token_type: 'bearer', access_token: access, refresh_token: server.issueRefreshToken(), expires_in: HOUR_S, x_refresh_token_expires_in: 8_726_400 };
  };

  const respond = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const time = () => new Date(server.clock).toISOString();
  const fault = (res: ServerResponse, status: number, type: string, message: string, detail: string, code: string): void =>
    respond(res, status, { Fault: { Error: [{ Message: message, Detail: detail, code, element: '' }], type }, time: time() });

  /** Applies a test's fault; true when it answered instead of the API. */
  const faulted = (res: ServerResponse, call: Omit<ApiCall, 'index'>, answer: () => void): boolean => {
    const full = { ...call, index: callIndex++ };
    server.calls.push(full);
    const broken = server.fault(full);
    if (!broken) return false;
    if (broken.dropAfterCall) {
      // The change is made; its answer never leaves.
      res.writeHead = () => res;
      res.end = (() => res) as never;
      answer();
      res.socket?.destroy();
      return true;
    }
    if (broken.drop) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"QueryResponse":{"Customer":[{"Id":"1","Disp');
      setTimeout(() => res.socket?.destroy(), 20);
      return true;
    }
    res.writeHead(broken.status ?? 200, { 'content-type': 'application/json', ...broken.headers });
    res.end(broken.raw ?? '{}');
    return true;
  };

  const authorizePage = (res: ServerResponse, params: URLSearchParams): void => {
    const redirectUri = params.get('redirect_uri') ?? '';
    const ok =
      params.get('client_id') === server.clientId &&
      params.get('response_type') === 'code' &&
      params.get('scope') === 'com.intuit.quickbooks.accounting' &&
      params.get('code_challenge_method') === 'S256' &&
      /^[\w-]{43}$/.test(params.get('code_challenge') ?? '') &&
      /^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirectUri) &&
      params.get('state');
    if (!ok) return respond(res, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    back.searchParams.set('state', server.authorize === 'wrong-state' ? 'not-the-state' : params.get('state')!);
    if (server.authorize === 'deny') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = `AB11${randomBytes(20).toString('hex')}`;
      codes.set(code, { challenge: params.get('code_challenge')!, redirectUri });
      back.searchParams.set('code', code);
      back.searchParams.set('realmId', server.realmId);
    }
    res.writeHead(302, { location: back.href });
    res.end();
  };

  const tokenEndpoint = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const form = new URLSearchParams(body);
    if (faulted(res, { kind: 'token', params: Object.fromEntries(form) }, () => undefined)) return;
    const basic = `Basic ${Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return respond(res, 401, { error: 'invalid_client' });
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return respond(res, 400, { error: 'invalid_request' });
    if (form.get('grant_type') === 'authorization_code') {
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.challenge !== challenge) return respond(res, 400, { error: 'invalid_grant' });
      return respond(res, 200, issueTokens());
    }
    if (form.get('grant_type') === 'refresh_token') {
      if (!server.refreshToken || form.get('refresh_token') !== server.refreshToken) return respond(res, 400, { error: 'invalid_grant' });
      return respond(res, 200, issueTokens());
    }
    respond(res, 400, { error: 'unsupported_grant_type' });
  };

  const revokeEndpoint = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const { token } = JSON.parse(body || '{}') as { token?: string };
    if (faulted(res, { kind: 'revoke', params: { token: token ?? '' } }, () => undefined)) return;
    const basic = `Basic ${Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return respond(res, 401, { error: 'invalid_client' });
    if (!String(req.headers['content-type']).startsWith('application/json') || !token) return respond(res, 400, { error: 'invalid_request' });
    if (token === server.refreshToken) server.refreshToken = '';
    respond(res, 200, {});
  };

  /** The subset of Intuit's query language the connector speaks. */
  const runQuery = (statement: string): { entity: QboEntity; rows: QboRow[]; start: number; max: number } | string => {
    const match = /^select \* from (\w+)(?: where (.+?))?(?: startposition (\d+))?(?: maxresults (\d+))?$/i.exec(statement.trim());
    if (!match) return `Error parsing query: ${statement}`;
    const entity = match[1] as QboEntity;
    if (!['Customer', 'Invoice', 'Payment', 'CreditMemo', 'Item'].includes(entity)) return `Unsupported entity ${entity}`;
    let rows = table(entity);
    const where = match[2];
    if (where) {
      const ids = /^Id IN \((.+)\)$/i.exec(where);
      const named = /^Name = '((?:[^'\\]|\\.)*)'$/i.exec(where);
      if (named) {
        rows = rows.filter((row) => row.Name === named[1]!.replace(/\\(.)/g, '$1'));
      } else if (ids) {
        const wanted = ids[1]!.split(',').map((id) => id.trim().replace(/^'|'$/g, ''));
        rows = rows.filter((row) => wanted.includes(row.Id));
      } else if (!/^Active IN \(true, ?false\)$/i.test(where)) {
        return `Unsupported where clause ${where}`;
      }
    } else if (entity === 'Customer') {
      rows = rows.filter((row) => row.Active !== false);
    }
    const start = Number(match[3] ?? 1);
    const max = Number(match[4] ?? 100);
    if (max > 1000) return 'MAXRESULTS may not exceed 1000';
    return { entity, rows: rows.slice(start - 1, start - 1 + max), start, max };
  };

  const api = (req: IncomingMessage, res: ServerResponse, realmId: string, rest: string, params: URLSearchParams, body: string): void => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !accessTokens.has(token)) {
      // Intuit's gateway answers a bad token in lower case, with the rest of its envelope null.
      return respond(res, 401, {
        warnings: null,
        intuitObject: null,
        queryResponse: null,
        batchItemResponse: [],
        cdcresponse: [],
        requestId: null,
        status: null,
        fault: {
          error: [
            {
              message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
              detail: 'Token expired: eyJlbmMiOiJBMTI4Q0JDLUhTMjU2',
              code: '3200',
              element: null,
            },
          ],
          type: 'AUTHENTICATION',
        },
        time: Date.now(),
      });
    }
    if (realmId !== server.realmId) return fault(res, 403, 'AuthorizationFault', 'Unauthorized', 'No access to this company', '003100');
    const all = Object.fromEntries(params);
    if (rest === 'query') {
      const statement = params.get('query') ?? '';
      const result = runQuery(statement);
      const entity = typeof result === 'string' ? undefined : result.entity;
      const answer = () => {
        if (typeof result === 'string') return fault(res, 400, 'ValidationFault', 'Invalid query', result, '4000');
        respond(res, 200, {
          QueryResponse: result.rows.length ? { [result.entity]: result.rows, startPosition: result.start, maxResults: result.rows.length } : {},
          time: time(),
        });
      };
      if (
        faulted(
          res,
          { kind: 'query', query: statement, params: all, ...(entity ? { entity, startPosition: (result as { start: number }).start } : {}) },
          answer,
        )
      )
        return;
      return answer();
    }
    if (rest === 'cdc') {
      const since = Date.parse(params.get('changedSince') ?? '');
      const entities = (params.get('entities') ?? '').split(',') as QboEntity[];
      const answer = () => {
        if (Number.isNaN(since)) return fault(res, 400, 'ValidationFault', 'Invalid changedSince', 'changedSince must be a date-time', '2010');
        if (server.clock - since > THIRTY_DAYS_MS)
          return fault(res, 400, 'ValidationFault', 'Invalid changedSince', 'changedSince cannot be more than 30 days in the past', '2010');
        const lists = entities.map((entity) => {
          const rows: unknown[] = [
            ...table(entity).filter((row) => Date.parse(row.MetaData.LastUpdatedTime) >= since),
            ...deleted
              .filter((d) => d.entity === entity && Date.parse(d.at) >= since)
              .map((d) => ({ domain: 'QBO', status: 'Deleted', Id: d.Id, MetaData: { LastUpdatedTime: d.at } })),
          ];
          return rows.length ? { [entity]: rows, startPosition: 1, maxResults: rows.length, totalCount: rows.length } : {};
        });
        respond(res, 200, { CDCResponse: [{ QueryResponse: lists }], time: time() });
      };
      if (faulted(res, { kind: 'cdc', params: all }, answer)) return;
      return answer();
    }
    if (req.method === 'GET' && rest === `companyinfo/${server.realmId}`) {
      const answer = () =>
        respond(res, 200, {
          CompanyInfo: { CompanyName: server.companyName, LegalName: server.companyName, Country: 'US', Id: '1', SyncToken: '4' },
          time: time(),
        });
      if (faulted(res, { kind: 'companyinfo', params: all }, answer)) return;
      return answer();
    }
    const customerRead = /^customer\/(\d+)$/.exec(rest);
    if (req.method === 'GET' && customerRead) {
      const row = find('Customer', customerRead[1]!);
      const answer = () =>
        row
          ? respond(res, 200, { Customer: row, time: time() })
          : fault(
              res,
              400,
              'ValidationFault',
              'Object Not Found',
              "Object Not Found : Something you're trying to use has been made inactive or is not found",
              '610',
            );
      if (faulted(res, { kind: 'customer.read', params: all }, answer)) return;
      return answer();
    }
    if (req.method === 'POST' && rest === 'customer') {
      const update = JSON.parse(body) as { sparse?: boolean; Id: string; SyncToken: string } & Record<string, unknown>;
      const answer = () => {
        const row = find('Customer', update.Id);
        if (!row) return fault(res, 400, 'ValidationFault', 'Object Not Found', 'Object Not Found', '610');
        if (update.SyncToken !== row.SyncToken)
          return fault(res, 400, 'ValidationFault', 'Stale Object Error', `You and ${'someone'} were working on this at the same time.`, '5010');
        if (update.sparse !== true) return fault(res, 400, 'ValidationFault', 'Required param missing', 'A full update needs every field; send sparse', '2020');
        const { sparse: _sparse, Id: _id, SyncToken: _token, ...values } = update;
        respond(res, 200, { Customer: server.update('Customer', row.Id, values), time: time() });
      };
      if (faulted(res, { kind: 'customer.update', params: all }, answer)) return;
      return answer();
    }
    if (req.method === 'POST' && rest === 'invoice') {
      const requestId = params.get('requestid');
      const answer = () => {
        const seen = requestId ? answered.get(requestId) : undefined;
        if (seen) return respond(res, seen.status, seen.body);
        const result = createInvoice(JSON.parse(body) as Record<string, unknown>);
        if (requestId) answered.set(requestId, result);
        respond(res, result.status, result.body);
      };
      if (faulted(res, { kind: 'invoice.create', params: all }, answer)) return;
      return answer();
    }
    fault(res, 400, 'ValidationFault', 'Unsupported Operation', `Operation ${rest} is not supported.`, '500');
  };

  /** What QuickBooks answered each requestid, so the same request sent again gets the same answer. */
  const answered = new Map<string, { status: number; body: unknown }>();
  const validation = (message: string, detail: string, code: string) => ({
    status: 400,
    body: { Fault: { Error: [{ Message: message, Detail: detail, code, element: '' }], type: 'ValidationFault' }, time: time() },
  });
  const createInvoice = (values: Record<string, unknown>): { status: number; body: unknown } => {
    const customer = find('Customer', String((values.CustomerRef as { value?: unknown } | undefined)?.value ?? ''));
    if (!customer) return validation('Invalid Reference Id', 'Invalid Reference Id : Customer assigned to this transaction has been deleted', '2500');
    const lines = Array.isArray(values.Line)
      ? (values.Line as { Amount?: number; DetailType?: string; SalesItemLineDetail?: { ItemRef?: { value?: string } } }[])
      : [];
    if (lines.length === 0)
      return validation('Required param missing, need to supply the required value for the API', 'Required parameter Line is missing in the request', '2020');
    if (lines.some((line) => line.DetailType !== 'SalesItemLineDetail' || !find('Item', String(line.SalesItemLineDetail?.ItemRef?.value ?? '')))) {
      return validation('Invalid Reference Id', 'Invalid Reference Id : Item assigned to this transaction has been deleted', '2500');
    }
    if (typeof values.DocNumber === 'string' && values.DocNumber.length > 21)
      return validation('String length is either shorter or longer than supported by specification', 'DocNumber: max 21', '6000');
    const total = lines.reduce((sum, line) => sum + Math.round(Number(line.Amount ?? 0) * 100), 0) / 100;
    const row = server.create('Invoice', { ...values, TotalAmt: total, Balance: total, DueDate: values.DueDate ?? values.TxnDate });
    return { status: 200, body: { Invoice: row, time: time() } };
  };

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      server.wire.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n\n${Buffer.concat(chunks).toString('utf8')}`);
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/connect/oauth2') return authorizePage(res, url.searchParams);
      if (req.method === 'POST' && url.pathname === '/oauth2/v1/tokens/bearer') return tokenEndpoint(req, res, body);
      if (req.method === 'POST' && url.pathname === '/v2/oauth2/tokens/revoke') return revokeEndpoint(req, res, body);
      const company = /^\/v3\/company\/(\d+)\/(.+)$/.exec(url.pathname);
      if (company) {
        if (!url.searchParams.get('minorversion')) return fault(res, 400, 'ValidationFault', 'minorversion required', 'Send minorversion 75 or later', '2050');
        return api(req, res, company[1]!, company[2]!, url.searchParams, body);
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>404 Not Found</body></html>');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, host, resolve));
  server.url = `http://${host}:${(http.address() as AddressInfo).port}`;
  server.authorizeUrl = `${server.url}/connect/oauth2`;
  server.tokenUrl = `${server.url}/oauth2/v1/tokens/bearer`;
  return server;
}

/**
 * What the user's browser does with the authorize page: follows Intuit's redirect to Inflow's
 * loopback address and returns what that page said.
 */
export async function browse(url: string): Promise<{ status: number; text: string }> {
  const page = await fetch(url, { redirect: 'manual' });
  const location = page.headers.get('location');
  if (!location) return { status: page.status, text: await page.text() };
  const callback = await fetch(location);
  return { status: callback.status, text: await callback.text() };
}
