import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http';
import { clearStaleStaging, openUploadStaging, STAGING_PREFIX } from '../../electron/hosts/upload-staging';
import { fixturePath } from '../helpers/temp-core';

/**
 * Who can use the web host: only a browser that opened this run's one-time launch link. A second
 * client on the machine (another program, another OS user) reads nothing usable from any address.
 */
let dir: string;
let staging: string;
let core: CoreClient;
let host: HttpHost;
const INDEX = '<html><head><title>Inflow app shell</title><script src="/assets/app.js"></script></head><body></body></html>';
const UPLOAD_LIMIT = 64 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-access-'));
  staging = join(dir, 'staging');
  mkdirSync(staging);
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), INDEX);
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("app")');
  core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), join(dir, 'inflow.db'), randomBytes(32));
  host = await startHttpHost(core, web, { stagingRoot: staging, uploadLimit: UPLOAD_LIMIT });
});
afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, host.url), { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    if (!options.chunks) return req.end(options.body);
    // No Content-Length: Node sends these as a chunked body, one write at a time.
    const write = (i: number): void => {
      if (i === options.chunks!.length) return void req.end();
      if (req.destroyed) return;
      req.write(options.chunks![i], () => write(i + 1));
    };
    write(0);
  });
}

/** Opens the launch link; returns the session cookie it set (name=value). */
async function signIn(): Promise<string> {
  const answer = await send(host.launchUrl());
  expect(answer.status).toBe(303);
  expect(answer.headers.location).toBe('/');
  return String(answer.headers['set-cookie']).split(';')[0]!;
}

const rpcAs = (cookie: string, name: string, input: unknown = {}) =>
  send(`/api/rpc/${name}`, { method: 'POST', body: JSON.stringify(input), headers: { Cookie: cookie, 'Content-Type': 'application/json' } });

describe('a client without the session cookie', () => {
  it('is refused everywhere, and the refusal reveals nothing', async () => {
    const everything: [string, string][] = [
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/assets/app.js'],
      ['GET', '/favicon.ico'],
      ['GET', '/api/events'],
      ['POST', '/api/rpc/app.status'],
      ['POST', '/api/rpc/settings.smtp.get'],
      ['POST', '/api/shell/vault.status'],
      ['POST', '/api/files?name=x.csv'],
    ];
    for (const [method, path] of everything) {
      const answer = await send(path, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(401);
      expect(answer.body).toMatch(/^Not signed in\. Open the launch link printed in the terminal/);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    const front = await send('/');
    for (const secret of [host.token, 'Inflow app shell', 'app.js']) expect(front.body).not.toContain(secret);
  });

  it("cannot use a made-up cookie, another port's cookie name or the launch code itself", async () => {
    const port = new URL(host.url).port;
    const launch = new URL(host.launchUrl());
    const code = launch.searchParams.get('code')!;
    for (const cookie of [
      `inflow-session-${port}=${'A'.repeat(43)}`,
      `inflow-session-${Number(port) + 1}=${code}`,
      `inflow-session-${port}=${code}`,
      `inflow-session-${port}=`,
    ]) {
      expect((await rpcAs(cookie, 'app.status')).status, cookie).toBe(401);
    }
  });
});

describe('the one-time launch link', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie for this host and port, and redirects to the app without the code', async () => {
    const answer = await send(host.launchUrl());
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const setCookie = String(answer.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^inflow-session-${new URL(host.url).port}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    const cookie = setCookie.split(';')[0]!;
    const page = await send('/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX);
    expect((await rpcAs(cookie, 'app.status')).status).toBe(200);
    expect((await send('/assets/app.js', { headers: { Cookie: `other=1; ${cookie}` } })).status).toBe(200);
  });

  it('works once: the same code again signs no one in, and a newer link voids an unused older one', async () => {
    const launch = host.launchUrl();
    const cookie = String((await send(launch)).headers['set-cookie']).split(';')[0]!;
    const again = await send(launch);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    // The browser it signed in may open it again: it just goes to the app, with no new session.
    const same = await send(launch, { headers: { Cookie: cookie } });
    expect(same).toMatchObject({ status: 303, headers: { location: '/' } });
    expect(same.headers['set-cookie']).toBeUndefined();

    const older = host.launchUrl();
    const newer = host.launchUrl();
    expect((await send(older)).status).toBe(403);
    expect((await send(newer)).status).toBe(303);
    expect((await send(`/launch?code=${'x'.repeat(43)}`)).status).toBe(403);
    expect((await send('/launch')).status).toBe(403);
    expect((await send(host.launchUrl(), { method: 'POST' })).status).toBe(405);
  });

  it('does not let another site use the session (Sec-Fetch-Site, Origin), nor a rebinding Host', async () => {
    const cookie = await signIn();
    for (const site of ['cross-site', 'same-site']) {
      const answer = await send('/api/rpc/app.status', { method: 'POST', body: '{}', headers: { Cookie: cookie, 'Sec-Fetch-Site': site } });
      expect(answer.status, site).toBe(403);
    }
    expect((await send('/', { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'none' } })).status).toBe(200);
    expect((await send('/api/rpc/app.status', { method: 'POST', body: '{}', headers: { Cookie: cookie, Origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await send('/', { headers: { Cookie: cookie, Host: 'evil.example' } })).status).toBe(421);
  });

  it('streams events only to a signed-in client', async () => {
    const cookie = await signIn();
    const events = await new Promise<{ status: number; first: string }>((resolve, reject) => {
      const req = request(new URL('/api/events', host.url), { headers: { Cookie: cookie } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve({ status: res.statusCode ?? 0, first: chunk.toString() });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(events).toEqual({ status: 200, first: ': connected\n\n' });
  });
});

describe('uploads', () => {
  const stagedFiles = (): string[] => readdirSync(staging).flatMap((folder) => readdirSync(join(staging, folder)));

  it('counts streamed bytes of a chunked body against the cap, and keeps nothing of a refused one', async () => {
    const cookie = await signIn();
    const before = stagedFiles().length;
    const chunks = Array.from({ length: 16 }, () => randomBytes(8 * 1024));
    const refused = await send('/api/files?name=big.csv', { method: 'POST', chunks, headers: { Cookie: cookie } });
    expect(refused.status).toBe(413);
    expect(stagedFiles().length).toBe(before);
    const declared = await send('/api/files?name=big.csv', { method: 'POST', body: Buffer.alloc(UPLOAD_LIMIT + 1), headers: { Cookie: cookie } });
    expect(declared.status).toBe(413);
    expect(stagedFiles().length).toBe(before);
  });

  it('writes an owner-only file in an owner-only folder, deletes it once imported, and the id then says to pick it again', async () => {
    const cookie = await signIn();
    const csv = readFileSync(fixturePath('erp/quickbooks-open-invoices.csv'));
    const upload = await send('/api/files?name=open.csv', { method: 'POST', chunks: [csv.subarray(0, 100), csv.subarray(100)], headers: { Cookie: cookie } });
    expect(upload.status).toBe(200);
    const { fileId } = (JSON.parse(upload.body) as { result: { fileId: string } }).result;
    const [folder] = readdirSync(staging).filter((name) => name.startsWith(`${STAGING_PREFIX}${process.pid}-`));
    const [file] = readdirSync(join(staging, folder!));
    expect(statSync(join(staging, folder!)).mode & 0o777).toBe(0o700);
    expect(statSync(join(staging, folder!, file!)).mode & 0o777).toBe(0o600);
    expect((await rpcAs(cookie, 'import.preview', { fileId })).status).toBe(200);
    expect(JSON.parse((await rpcAs(cookie, 'import.run', { jobId: randomBytes(8).toString('hex'), fileId })).body)).toMatchObject({
      ok: true,
      result: { created: 3 },
    });
    expect(existsSync(join(staging, folder!, file!))).toBe(false);
    const gone = await rpcAs(cookie, 'import.preview', { fileId });
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.body)).toMatchObject({ error: { code: 'NOT_FOUND', message: 'That file is no longer available; pick it again.' } });
  });
});

describe('upload staging', () => {
  it('clears folders a dead process left at start, keeps live and foreign ones, and sweeps files after an hour', () => {
    const root = mkdtempSync(join(dir, 'root-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = join(root, `${STAGING_PREFIX}${dead}-abc`);
    const live = join(root, `${STAGING_PREFIX}${process.ppid}-abc`);
    const other = join(root, 'inflow-something-else');
    for (const folder of [stale, live, other]) {
      mkdirSync(folder);
      writeFileSync(join(folder, 'upload'), 'customer data');
    }
    const opened = openUploadStaging(root);
    try {
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(clearStaleStaging(root)).toEqual([]);
      const fresh = opened.nextPath();
      const old = opened.nextPath();
      writeFileSync(fresh, 'a');
      writeFileSync(old, 'b');
      const hourAgo = (Date.now() - 61 * 60_000) / 1000;
      utimesSync(old, hourAgo, hourAgo);
      opened.sweep();
      expect(existsSync(fresh)).toBe(true);
      expect(existsSync(old)).toBe(false);
    } finally {
      opened.close();
    }
    expect(existsSync(opened.dir)).toBe(false);
  });
});
