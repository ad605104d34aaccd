import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The app:// protocol the desktop window loads from, with `electron` mocked (its binary cannot run
 * here) but real files: what it registers, and which files a URL can reach.
 */
const electron = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electron.handlers.set(scheme, handler),
  },
}));

const { appFileFor, registerAppScheme, serveAppProtocol } = await import('../../electron/main/app-protocol');

let dir: string;
let root: string;
const CSP = "default-src 'none'; script-src 'self'";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-app-protocol-'));
  root = join(dir, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Inflow</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'export {}');
  writeFileSync(join(dir, 'out', 'secret.txt'), 'outside the renderer');
  writeFileSync(join(dir, 'out', 'renderer-evil.txt'), 'a sibling whose name starts like the root');
  symlinkSync(join(dir, 'out', 'secret.txt'), join(root, 'assets', 'link.txt'));
  symlinkSync(join(dir, 'out'), join(root, 'up'));
  registerAppScheme();
  serveAppProtocol(root, CSP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('is registered standard and secure, never bypassing CSP and without service workers', () => {
    expect(electron.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
  });

  it('resolves the page and its assets inside the renderer build', () => {
    expect(appFileFor(root, 'app://inflow/')).toBe(join(root, 'index.html'));
    expect(appFileFor(root, 'app://inflow/index.html#/customers')).toBe(join(root, 'index.html'));
    expect(appFileFor(root, 'app://inflow/assets/index.js?v=1')).toBe(join(root, 'assets', 'index.js'));
    expect(appFileFor(root, 'app://inflow/assets/../index.html')).toBe(join(root, 'index.html'));
  });

  it.each([
    ['dot-dot', 'app://inflow/../secret.txt'],
    ['dot-dot past the root', 'app://inflow/../../../../../../etc/passwd'],
    ['percent-encoded dot-dot', 'app://inflow/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://inflow/..%2fsecret.txt'],
    ['an encoded slash after a folder', 'app://inflow/assets/..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'app://inflow/..%5csecret.txt'],
    ['a double-encoded dot-dot', 'app://inflow/%252e%252e/secret.txt'],
    ['a sibling folder named like the root', 'app://inflow/../renderer-evil.txt'],
    ['a NUL', 'app://inflow/index.html%00.js'],
    ['a malformed escape', 'app://inflow/%E0%A4%A'],
    ['a link to a file outside', 'app://inflow/assets/link.txt'],
    ['a path through a link to a folder outside', 'app://inflow/up/secret.txt'],
    ['a folder', 'app://inflow/assets'],
    ['a missing file', 'app://inflow/nothing.js'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', `file://${root}/index.html`],
    ['garbage', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(appFileFor(root, url)).toBeNull();
  });

  it('answers with the file, its type and the window CSP; 404 for anything else', async () => {
    const handle = electron.handlers.get('app')!;
    const page = await handle(new Request('app://inflow/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>Inflow</title>');
    expect((await handle(new Request('app://inflow/assets/index.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const escape = await handle(new Request('app://inflow/assets/link.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).toBe('Not found');
    expect((await handle(new Request('app://inflow/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
