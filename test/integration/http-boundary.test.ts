import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http';
import { nestingDepth } from '../../electron/hosts/json-body';

/** What the loopback host refuses before the core: each with its own status and a JSON error, never a 500 or a reset connection. */
let dir: string;
let core: CoreClient;
let host: HttpHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-http-boundary-'));
  const web = join(dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), join(dir, 'inflow.db'), randomBytes(32));
  host = await startHttpHost(core, web);
});
afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request; `chunks` streams the body without a Content-Length (chunked transfer encoding). */
function send(path: string, body?: string | Buffer, chunks?: Buffer[]): Promise<{ status: number; error: { code?: string; message?: string } | null }> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: body === undefined && !chunks ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Inflow-Token': host.token },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString();
          let error = null;
          try {
            error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error ?? null;
          } catch {
            error = null;
          }
          resolve({ status: res.statusCode ?? 0, error });
        });
      },
    );
    req.on('error', reject);
    if (chunks) {
      for (const chunk of chunks) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}

it('answers a malformed URL with 400', async () => {
  for (const path of ['/%E0%A4%A', '/assets/%', '/%zz%']) expect((await send(path)).status, path).toBe(400);
});

it('answers JSON nested 100,000 deep with 400, and the core still answers', async () => {
  for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
    expect(await send('/api/rpc/app.status', body)).toMatchObject({
      status: 400,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/nests deeper/) },
    });
  }
  expect((await send('/api/rpc/app.status', '{}')).status).toBe(200);
});

it('answers a body that is not JSON with 400', async () => {
  expect(await send('/api/rpc/app.status', '{"a":')).toMatchObject({ status: 400, error: { code: 'INVALID_INPUT', message: 'Request body is not JSON.' } });
});

it('answers an oversized body with 413, declared or streamed', async () => {
  const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
  expect(await send('/api/rpc/app.status', big)).toMatchObject({ status: 413, error: { code: 'INVALID_INPUT' } });
  const chunked = Array.from({ length: 11 }, () => Buffer.alloc(1024 * 1024, 0x20));
  expect(await send('/api/rpc/app.status', undefined, chunked)).toMatchObject({ status: 413, error: { code: 'INVALID_INPUT' } });
  expect((await send('/api/rpc/app.status', '{}')).status).toBe(200);
});

it('counts nesting outside strings only', () => {
  expect(nestingDepth('{"a": "[[[[", "b": [1, {"c": "\\"]]"}]}')).toBe(3);
  expect(nestingDepth('"plain"')).toBe(0);
});
