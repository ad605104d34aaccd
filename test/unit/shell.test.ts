import { describe, expect, it, vi } from 'vitest';

/** The Electron shell with `electron` mocked (its binary cannot run here): the security settings it must hold. */
const windows: FakeWindow[] = [];
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();

class FakeWindow {
  readonly options: { webPreferences: Record<string, unknown> };
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  loaded = '';
  readonly webContents = {
    on: (name: string, listener: (...args: unknown[]) => void) => this.listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      this.openHandler = handler;
    },
    send: vi.fn(),
  };
  constructor(options: { webPreferences: Record<string, unknown> }) {
    this.options = options;
    windows.push(this);
  }
  once(): void {}
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  static getAllWindows = () => windows;
  static fromWebContents = () => null;
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  shell: { openExternal: vi.fn() },
  dialog: { showOpenDialog: vi.fn() },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const APP = 'file:///opt/inflow/out/renderer/index.html';
const isAppUrl = (url: string) => url === APP;

describe('main window', () => {
  it('is isolated, sandboxed, without Node, and stays on the app', async () => {
    const { createMainWindow } = await import('../../electron/main/create-window');
    createMainWindow(APP, isAppUrl);
    const window = windows.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    const navigate = window.listeners.get('will-navigate')!;
    const blocked = { preventDefault: vi.fn() };
    navigate(blocked, 'https://evil.example/');
    expect(blocked.preventDefault).toHaveBeenCalled();
    const allowed = { preventDefault: vi.fn() };
    navigate(allowed, APP);
    expect(allowed.preventDefault).not.toHaveBeenCalled();
    expect(window.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC host', () => {
  const core = {
    dispatch: vi.fn(async (name: string) => {
      if (name === 'boom') throw Object.assign(new Error('bad'), {});
      return { name };
    }),
    stageFile: vi.fn(),
    onEvent: vi.fn(() => () => undefined),
    close: vi.fn(),
  };

  it('answers only our own frames, and returns errors as {code, message} data', async () => {
    const { registerIpcHost, RPC_CHANNEL } = await import('../../electron/hosts/ipc');
    registerIpcHost(core, isAppUrl);
    const rpc = handlers.get(RPC_CHANNEL)!;
    expect(await rpc({ senderFrame: { url: 'https://evil.example/' } }, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(await rpc({ senderFrame: { url: APP } }, 'app.status', {})).toEqual({ ok: true, result: { name: 'app.status' } });
    expect(await rpc({ senderFrame: { url: APP } }, 'boom', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('renderer page', () => {
  it('declares a strict Content-Security-Policy: own scripts only, nothing inline or eval', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
