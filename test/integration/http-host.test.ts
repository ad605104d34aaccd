import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http';
import { fixturePath } from '../helpers/temp-core';

/** The loopback host with the core in a real worker thread: its guards, and the API through it. */
let dir: string;
let core: CoreClient;
let host: HttpHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-http-'));
  const web = join(dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
  core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), join(dir, 'inflow.db'), randomBytes(32));
  host = await startHttpHost(core, web);
});
afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const url = new URL(path, host.url);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpc = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/rpc/${name}`, {
    method: 'POST',
    body: JSON.stringify(input),
    headers: { 'Content-Type': 'application/json', 'X-Inflow-Token': host.token, ...headers },
  });

describe('HTTP host guards', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves the page with a strict CSP, and no credential in it', async () => {
    const page = await send('/', { headers: { 'X-Inflow-Token': host.token } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toBe('<html><head><title>t</title></head><body></body></html>');
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await send('/api/rpc/app.status', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await rpc('app.status', {}, { 'X-Inflow-Token': 'f'.repeat(64) })).status).toBe(401);
    expect((await send('/api/events', { headers: { Cookie: `inflow-session-${new URL(host.url).port}=${host.token}` } })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (cross-site)', async () => {
    expect((await rpc('app.status', {}, { Host: 'evil.example:80' })).status).toBe(421);
    expect((await rpc('app.status', {}, { Origin: 'https://evil.example' })).status).toBe(403);
  });

  it('never serves files outside the web root', async () => {
    const auth = { 'X-Inflow-Token': host.token };
    expect((await send('/../secret.txt', { headers: auth })).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt', { headers: auth })).status).toBe(404);
  });

  it('validates input in the core and returns {code, message, details}', async () => {
    const bad = await rpc('aging.report', { asOf: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'asOf' }] } } });
    expect((await rpc('fs.readFile', { path: '/etc/passwd' })).status).toBe(404);
    expect((await send('/api/rpc/app.status', { method: 'POST', body: 'not json', headers: { 'X-Inflow-Token': host.token } })).status).toBe(400);
  });
});

describe('API through the HTTP host and the worker', () => {
  it('uploads a file, imports it and reports aging', async () => {
    const upload = await send('/api/files?name=open.csv', {
      method: 'POST',
      body: readFileSync(fixturePath('erp/quickbooks-open-invoices.csv')),
      headers: { 'X-Inflow-Token': host.token },
    });
    const staged = JSON.parse(upload.body) as { result: { fileId: string; name: string } };
    expect(staged.result.name).toBe('open.csv');
    const run = await rpc('import.run', { jobId: randomBytes(8).toString('hex'), fileId: staged.result.fileId });
    expect(JSON.parse(run.body)).toMatchObject({ ok: true, result: { created: 3 } });
    const aging = JSON.parse((await rpc('aging.report', { asOf: '2026-11-22' })).body) as { result: { totals: { USD: { total: number } } } };
    expect(aging.result.totals.USD.total).toBe(204_120);
  });

  it('a rejected import answers 422 with every problem', async () => {
    const upload = await send('/api/files?name=bad.csv', {
      method: 'POST',
      body: 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\nX,C,2026-01-01,2026-01-31,abc\n',
      headers: { 'X-Inflow-Token': host.token },
    });
    const { result } = JSON.parse(upload.body) as { result: { fileId: string } };
    const run = await rpc('import.run', { jobId: randomBytes(8).toString('hex'), fileId: result.fileId });
    expect(run.status).toBe(422);
    expect(JSON.parse(run.body)).toMatchObject({
      error: { code: 'IMPORT_REJECTED', details: { problemCount: 1, problems: [{ row: 2, column: 'Amount', value: 'abc' }] } },
    });
  });
});
