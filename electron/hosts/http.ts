import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CoreEvent } from '../../shared/api';
import { toErrorShape, type ErrorCode } from '../../shared/errors';
import { contentSecurityPolicy } from '../core/security/csp';
import type { CoreClient } from './core-client';
import { readJsonBody, RequestRefused } from './json-body';
import { dispatchShell, type ShellHandlers } from './shell-dispatch';

/**
 * The loopback web host: the same API over HTTP for browser tests and `dev:web`. Any local process or
 * web page can reach 127.0.0.1, so every API request needs the per-run token, and Host/Origin must name
 * this server (DNS rebinding, cross-site requests). Never part of the packaged desktop app.
 */
export interface HttpHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** The window's policy, as a header so it can add frame-ancestors (see contentSecurityPolicy). */
export const CSP = contentSecurityPolicy('header');
const MAX_JSON_BYTES = 10 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};
const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400, NOT_FOUND: 404, IMPORT_REJECTED: 422, CONFLICT: 409, CANCELLED: 409,
  DB_CANNOT_OPEN: 503, DB_WRONG_KEY: 503, DB_CORRUPT: 503, DB_TOO_NEW: 503, SEND_FAILED: 502, SYNC_FAILED: 502, OFFLINE: 503, INTERNAL: 500,
};

export function startHttpHost(core: CoreClient, staticDir: string, port = 0, shell?: ShellHandlers): Promise<HttpHost> {
  const token = randomBytes(32).toString('hex');
  const uploads = mkdtempSync(join(tmpdir(), 'inflow-uploads-'));
  const streams = new Set<ServerResponse>();
  let origins: string[] = [];

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => sendError(res, error));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!origins.includes(`http://${req.headers.host ?? ''}`)) return plain(res, 421, 'Misdirected request');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) return plain(res, 403, 'Cross-origin request refused');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
    const presented = url.pathname === '/api/events' ? url.searchParams.get('token') : req.headers['x-inflow-token'];
    if (typeof presented !== 'string' || !sameSecret(presented, token)) return plain(res, 401, 'Missing or wrong token');
    if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(res);
    if (req.method !== 'POST') return plain(res, 405, 'Method not allowed');
    if (url.pathname === '/api/files') return upload(req, res, url.searchParams.get('name') ?? 'upload.csv');
    const match = /^\/api\/(rpc|shell)\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!match || (match[1] === 'shell' && !shell)) return plain(res, 404, 'Not found');
    const input = await readJsonBody(req, MAX_JSON_BYTES);
    const result = match[1] === 'shell' ? await dispatchShell(shell!, match[2]!, input) : await core.dispatch(match[2]!, input);
    sendJson(res, 200, { ok: true, result });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) || !isFile(file)) return plain(res, 404, 'Not found');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    if (relative === 'index.html') {
      // The page learns its token from the document itself; other origins cannot read it.
      const html = readFileSync(file, 'utf8').replace('</head>', `<meta name="inflow-token" content="${token}"></head>`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(html);
      return;
    }
    res.end(readFileSync(file));
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  async function upload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) return plain(res, 413, 'File too large');
    const path = join(uploads, randomBytes(16).toString('hex'));
    await pipeline(req, createWriteStream(path));
    const safeName = name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
    sendJson(res, 200, { ok: true, result: await core.stageFile(path, safeName) });
  }

  const unsubscribe = core.onEvent((event: CoreEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    streams.forEach((res) => res.write(frame));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      origins = [`http://127.0.0.1:${actual}`, `http://localhost:${actual}`];
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            streams.forEach((res) => res.end());
            server.close(() => {
              rmSync(uploads, { recursive: true, force: true });
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A request refused before the core (too large, not JSON, too deep, a malformed URL) says so with its own status, never a 500. */
function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return;
  if (error instanceof RequestRefused || error instanceof URIError) {
    const status = error instanceof RequestRefused ? error.status : 400;
    const message = error instanceof RequestRefused ? error.message : 'Malformed URL (bad percent-encoding).';
    if (status === 413) res.setHeader('Connection', 'close');
    return sendJson(res, status, { ok: false, error: { code: 'INVALID_INPUT', message } });
  }
  const shape = toErrorShape(error);
  sendJson(res, STATUS[shape.code], { ok: false, error: shape });
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
