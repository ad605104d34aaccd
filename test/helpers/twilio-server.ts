import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Twilio's Programmable Messaging REST API (2010-04-01), built from its public
 * documentation: POST and GET /2010-04-01/Accounts/{AccountSid}/Messages.json (form-encoded To,
 * From or MessagingServiceSid, Body; a list newest first, filtered by To, From and `DateSent>` a
 * day, paged with PageSize and next_page_uri), GET …/Messages/{Sid}.json, HTTP Basic authentication
 * with the Account SID and auth token, and errors as `{code, message, more_info, status}` — 20003
 * for bad credentials, 21211 for an invalid To, 21610 for a recipient who replied STOP, 20429 with
 * Retry-After when over the rate. Real HTTP on 127.0.0.1; faults are scripted per request.
 */
export const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
export const AUTH_TOKEN = 'stand-in-token';
export const SENDER = '+14155550100';
/** A Messaging Service, and the domain its Link Shortening is set up with. */
export const MESSAGING_SERVICE_SID = `MG${'b2'.repeat(16)}`;
export const SHORT_DOMAIN = 'go.northwind.example';

/** `ok` answers normally: it lets a script place a fault at the n-th request. */
export type Fault = { kind: 'ok' } | { kind: 'rate'; retryAfter: number } | { kind: 'unavailable' } | { kind: 'error-after-create' } | { kind: 'hang' };

export interface StoredMessage {
  sid: string;
  direction: 'inbound' | 'outbound-api';
  from: string;
  to: string;
  body: string;
  status: string;
  error_code: number | null;
  date_created: string;
  date_sent: string | null;
  num_segments: string;
}

export interface TwilioStandIn {
  url: string;
  /** Every message, in the order created (outbound and inbound). */
  messages: StoredMessage[];
  /** Faults for the next create requests, first first. */
  faults: Fault[];
  /** Numbers that replied STOP: sending to them is refused with 21610. */
  optedOut: Set<string>;
  /** Numbers the provider finds invalid although they parse (disconnected, unassigned): 21211. */
  invalid: Set<string>;
  /** Creates answered so far (accepted or refused). */
  creates: number;
  /** A reply from a customer's phone to the sender number. */
  receive(from: string, body: string, at?: Date): StoredMessage;
  setStatus(sid: string, status: string, errorCode?: number | null): void;
  close(): Promise<void>;
}

const rfc2822 = (at: Date): string => at.toUTCString().replace('GMT', '+0000');
const E164 = /^\+[1-9]\d{6,14}$/;

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function error(response: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  json(response, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

export async function startTwilioStandIn(options: { now?: () => Date; hangMs?: number } = {}): Promise<TwilioStandIn> {
  const now = options.now ?? (() => new Date());
  const messages: StoredMessage[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { faults: [] as Fault[], optedOut: new Set<string>(), invalid: new Set<string>(), creates: 0 };
  const sid = (prefix: string): string => `${prefix}${randomBytes(16).toString('hex')}`;
  const base = `/2010-04-01/Accounts/${ACCOUNT_SID}`;

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
      if (!url.pathname.startsWith(base)) return error(response, 404, 20404, 'The requested resource was not found');
      if (request.headers.authorization !== expected) return error(response, 401, 20003, 'Authenticate');
      const path = url.pathname.slice(base.length);
      if (path === '/Messages.json' && request.method === 'POST') {
        const form = await readForm(request);
        const fault = state.faults.shift();
        if (fault?.kind === 'rate') return error(response, 429, 20429, 'Too Many Requests', { 'retry-after': String(fault.retryAfter) });
        if (fault?.kind === 'unavailable') return error(response, 503, 20503, 'Service Unavailable');
        const to = form.get('To') ?? '';
        const service = form.get('MessagingServiceSid');
        // Link Shortening: each http(s) link of the body becomes one on the Messaging Service's domain.
        const body =
          form.get('ShortenUrls') === 'true' && service
            ? (form.get('Body') ?? '').replace(/https?:\/\/\S+/g, () => `https://${SHORT_DOMAIN}/${randomBytes(5).toString('hex')}`)
            : (form.get('Body') ?? '');
        state.creates += 1;
        if (!E164.test(to) || state.invalid.has(to)) return error(response, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
        if (state.optedOut.has(to)) return error(response, 400, 21610, 'Attempt to send to unsubscribed recipient');
        if (!body) return error(response, 400, 21602, 'Message body is required.');
        const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
        const created: StoredMessage = {
          sid: sid('SM'),
          direction: 'outbound-api',
          from,
          to,
          body,
          status: 'queued',
          error_code: null,
          date_created: rfc2822(now()),
          date_sent: rfc2822(now()),
          num_segments: '1',
        };
        messages.push(created);
        if (fault?.kind === 'error-after-create') return error(response, 500, 20500, 'Internal Server Error');
        if (fault?.kind === 'hang') {
          // Created, but the answer never comes within the client's patience.
          hanging.add(response);
          setTimeout(() => {
            hanging.delete(response);
            json(response, 201, created);
          }, options.hangMs ?? 60_000).unref();
          return;
        }
        return json(response, 201, created);
      }
      if (path === '/Messages.json' && request.method === 'GET') {
        const to = url.searchParams.get('To');
        const from = url.searchParams.get('From');
        const since = url.searchParams.get('DateSent>');
        const pageSize = Math.min(1000, Number(url.searchParams.get('PageSize') ?? 50));
        const page = Number(url.searchParams.get('Page') ?? 0);
        const matching = messages
          .filter(
            (m) =>
              (!to || m.to === to) &&
              (!from || m.from === from) &&
              (!since || (m.date_sent !== null && new Date(m.date_sent).toISOString().slice(0, 10) >= since)),
          )
          .reverse();
        const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
        const query = (p: number): string => {
          const q = new URLSearchParams(url.searchParams);
          q.set('Page', String(p));
          q.set('PageSize', String(pageSize));
          return `${base}/Messages.json?${q}`;
        };
        return json(response, 200, {
          messages: slice,
          page,
          page_size: pageSize,
          start: page * pageSize,
          end: page * pageSize + slice.length - 1,
          uri: query(page),
          first_page_uri: query(0),
          next_page_uri: (page + 1) * pageSize < matching.length ? query(page + 1) : null,
          previous_page_uri: page > 0 ? query(page - 1) : null,
        });
      }
      const one = /^\/Messages\/(SM[0-9a-f]{32})\.json$/.exec(path);
      if (one && request.method === 'GET') {
        const found = messages.find((m) => m.sid === one[1]);
        return found ? json(response, 200, found) : error(response, 404, 20404, 'The requested resource was not found');
      }
      return error(response, 405, 20004, 'Method not allowed');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    get faults() {
      return state.faults;
    },
    set faults(value) {
      state.faults = value;
    },
    optedOut: state.optedOut,
    invalid: state.invalid,
    get creates() {
      return state.creates;
    },
    receive(from, body, at = now()) {
      const message: StoredMessage = {
        sid: sid('SM'),
        direction: 'inbound',
        from,
        to: SENDER,
        body,
        status: 'received',
        error_code: null,
        date_created: rfc2822(at),
        date_sent: rfc2822(at),
        num_segments: '1',
      };
      messages.push(message);
      return message;
    },
    setStatus(target, status, errorCode = null) {
      const found = messages.find((m) => m.sid === target);
      if (found) Object.assign(found, { status, error_code: errorCode });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
