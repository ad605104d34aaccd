import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CoreEvent } from '../../shared/core-events';
import { toErrorShape, type ErrorCode } from '../../shared/errors';
import { contentSecurityPolicy } from '../core';
import type { CoreClient } from './core-client';
import { readJsonBody, RequestRefused } from './json-body';
import { dispatchShell, type ShellHandlers } from './shell-dispatch';
import { CONTENT_TYPES, resolveStaticFile } from './static-files';
import { openUploadStaging, STAGED_FILE_MODE } from './upload-staging';
import { LAUNCH_PATH, webSessions, type WebSessions } from './web-session';

/**
 * The loopback web host: the same API over HTTP for browser tests and `dev:web`. Any local process,
 * any other OS user and any web page can reach 127.0.0.1, so nothing is served without a session
 * (see web-session.ts): not the API, not the event stream, not even the app's page, which would
 * tell a stranger only that Inflow runs here. Host/Origin must name this server (DNS rebinding,
 * cross-site requests). Never part of the packaged desktop app.
 */
export interface HttpHost {
  /** The app's address; without a session it answers 401 to everything. */
  url: string;
  /** A one-time address that signs one browser in and redirects to `url`; each call voids the previous unused one. */
  launchUrl(): string;
  /** For in-process callers (tests) in the X-Inflow-Token header; never served, never printed. */
  token: string;
  close(): Promise<void>;
}

export interface HttpHostOptions {
  port?: number;
  shell?: ShellHandlers;
  /** Where upload folders go (default: the OS temp dir). */
  stagingRoot?: string;
  /** The most bytes one upload may stream, declared or not (chunked). */
  uploadLimit?: number;
}

/** The window's policy, as a header so it can add frame-ancestors (see contentSecurityPolicy). */
export const CSP = contentSecurityPolicy('header');
const MAX_JSON_BYTES = 10 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const NOT_SIGNED_IN = 'Not signed in. Open the launch link printed in the terminal where Inflow was started (npm start or npm run dev:web).';
const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  IMPORT_REJECTED: 422,
  CONFLICT: 409,
  CANCELLED: 409,
  DB_CANNOT_OPEN: 503,
  DB_WRONG_KEY: 503,
  DB_CORRUPT: 503,
  DB_TOO_NEW: 503,
  SEND_FAILED: 502,
  SYNC_FAILED: 502,
  MAILBOX_FAILED: 502,
  OFFLINE: 503,
  NEEDS_APPROVAL: 409,
  INTERNAL: 500,
};

export function startHttpHost(core: CoreClient, staticDir: string, options: HttpHostOptions = {}): Promise<HttpHost> {
  const { shell, uploadLimit = MAX_UPLOAD_BYTES } = options;
  const staging = openUploadStaging(options.stagingRoot);
  const streams = new Set<ServerResponse>();
  let origins: string[] = [];
  let sessions: WebSessions | null = null;

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => sendError(res, error));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!origins.includes(`http://${req.headers.host ?? ''}`)) return plain(res, 421, 'Misdirected request');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) return plain(res, 403, 'Cross-origin request refused');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === LAUNCH_PATH) return launch(req, res, url.searchParams.get('code') ?? '');
    if (!sessions!.admits(req)) return plain(res, 401, NOT_SIGNED_IN);
    // A browser says where a request comes from: only the app's own pages (or the user typing the address) may use a session.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return plain(res, 403, 'Cross-site request refused');
    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
    if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(res);
    if (req.method !== 'POST') return plain(res, 405, 'Method not allowed');
    if (url.pathname === '/api/files') return upload(req, res, url.searchParams.get('name') ?? 'upload.csv');
    const match = /^\/api\/(rpc|shell)\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!match || (match[1] === 'shell' && !shell)) return plain(res, 404, 'Not found');
    const input = await readJsonBody(req, MAX_JSON_BYTES);
    const result = match[1] === 'shell' ? await dispatchShell(shell!, match[2]!, input) : await core.dispatch(match[2]!, input);
    sendJson(res, 200, { ok: true, result });
  }

  /** The one-time code becomes this browser's session cookie; the redirect drops the code from the address bar. */
  function launch(req: IncomingMessage, res: ServerResponse, code: string): void {
    if (req.method !== 'GET') return plain(res, 405, 'Method not allowed');
    const cookie = sessions!.redeem(code);
    if (cookie) res.setHeader('Set-Cookie', cookie);
    // A used link opened again in the browser it signed in just goes to the app.
    else if (!sessions!.admits(req)) return plain(res, 403, `This launch link was already used or is not for this run. ${NOT_SIGNED_IN}`);
    res.writeHead(303, { Location: '/' });
    res.end();
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const file = resolveStaticFile(staticDir, pathname);
    if (!file) return plain(res, 404, 'Not found');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  /** Streams the body to an owner-only file, counting the bytes as they come: a chunked body has no length to trust. */
  async function upload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > uploadLimit) return refuseUpload(req, res);
    const path = staging.nextPath();
    try {
      await pipeline(req, byteCap(uploadLimit), createWriteStream(path, { flags: 'wx', mode: STAGED_FILE_MODE }));
    } catch (error) {
      rmSync(path, { force: true });
      if (error instanceof UploadTooLarge) return refuseUpload(req, res);
      throw error;
    }
    const safeName = name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
    sendJson(res, 200, { ok: true, result: await core.stageFile(path, safeName, { temporary: true }) });
  }

  const unsubscribe = core.onEvent((event: CoreEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    streams.forEach((res) => res.write(frame));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : 0;
      origins = [`http://127.0.0.1:${actual}`, `http://localhost:${actual}`];
      const live = webSessions(actual);
      sessions = live;
      const url = `http://127.0.0.1:${actual}/`;
      resolve({
        url,
        launchUrl: () => `http://127.0.0.1:${actual}${LAUNCH_PATH}?code=${live.issueLaunchCode()}`,
        token: live.token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            streams.forEach((res) => res.end());
            server.close(() => {
              staging.close();
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}

class UploadTooLarge extends Error {}

/** Passes bytes through until more than `limit` have come, then fails the pipeline. */
function byteCap(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? new UploadTooLarge() : null, seen > limit ? undefined : chunk);
    },
  });
}

/** 413, and the connection closes after it: the rest of an oversized body is not read. */
function refuseUpload(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  plain(res, 413, 'File too large');
  res.on('finish', () => req.destroy());
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
