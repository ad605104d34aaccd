import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc';

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
  closed = false;
  once(): void {}
  on(): void {}
  close(): void {
    this.closed = true;
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  static getAllWindows = () => windows;
  static fromWebContents = () => null;
}

const trays: { title: string; tooltip: string; menu: { label?: string; enabled?: boolean }[]; destroyed: boolean }[] = [];
const menus: { template: { role?: string; label?: string; submenu?: unknown[] }[] }[] = [];

const badges: number[] = [];

vi.mock('electron', () => ({
  app: { setBadgeCount: (count: number) => badges.push(count) },
  BrowserWindow: FakeWindow,
  Menu: {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: { template: { role?: string; label?: string }[] }) => menus.push(menu),
  },
  nativeImage: { createFromPath: (path: string) => ({ path, setTemplateImage: vi.fn() }) },
  Tray: class {
    readonly state = { title: '', tooltip: '', menu: [] as { label?: string }[], destroyed: false };
    constructor() {
      trays.push(this.state);
    }
    on(): void {}
    setToolTip(text: string): void {
      this.state.tooltip = text;
    }
    setTitle(text: string): void {
      this.state.title = text;
    }
    setContextMenu(menu: { template: { label?: string }[] }): void {
      this.state.menu = menu.template;
    }
    destroy(): void {
      this.state.destroyed = true;
    }
  },
  shell: { openExternal: vi.fn() },
  dialog: { showOpenDialog: vi.fn() },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const APP = 'app://inflow/index.html';
const isAppUrl = (url: string) => url === APP;

describe('main window', () => {
  const openLink = vi.fn();
  const make = async () => {
    const { createMainWindow } = await import('../../electron/main/create-window');
    createMainWindow({ appUrl: APP, isAppUrl, preload: '/opt/inflow/out/preload/index.cjs', openLink, devTools: false });
    return windows.at(-1)!;
  };

  it('is isolated, sandboxed, without Node, webview, developer tools or spellchecker, and loads the app', async () => {
    const window = await make();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(window.loaded).toBe(APP);
  });

  it('keeps its security settings whatever a caller asks for (sandbox is written last)', async () => {
    const { lockedWebPreferences } = await import('../../electron/main/create-window');
    const prefs = lockedWebPreferences({
      sandbox: false,
      contextIsolation: false,
      nodeIntegration: true,
      webSecurity: false,
      webviewTag: true,
      spellcheck: true,
      devTools: true,
    });
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(lockedWebPreferences({}, { devTools: true })).toMatchObject({ devTools: true, sandbox: true });
  });

  it('stays on the app: navigation and redirects elsewhere stopped, new windows and webviews refused', async () => {
    const window = await make();
    openLink.mockClear();
    const event = () => ({ preventDefault: vi.fn() });
    const away = event();
    window.listeners.get('will-navigate')!(away, 'https://loom.com/x');
    expect(away.preventDefault).toHaveBeenCalled();
    expect(openLink).toHaveBeenCalledWith('https://loom.com/x');
    const home = event();
    window.listeners.get('will-navigate')!(home, APP);
    expect(home.preventDefault).not.toHaveBeenCalled();
    const redirect = event();
    window.listeners.get('will-redirect')!(redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = event();
    window.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(window.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenLastCalledWith('https://evil.example/');
  });
});

describe('session', () => {
  it('grants only notifications and adds the CSP header to every response', async () => {
    const { hardenSession } = await import('../../electron/main/harden-session');
    let request: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void = () => undefined;
    let check: (contents: unknown, permission: string) => boolean = () => true;
    let headers: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void = () => undefined;
    const session = {
      setSpellCheckerEnabled: vi.fn(),
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
      webRequest: { onHeadersReceived: (handler: typeof headers) => (headers = handler) },
    };
    hardenSession(session as never, "default-src 'none'");
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    for (const [permission, granted] of [
      ['notifications', true],
      ['media', false],
      ['geolocation', false],
      ['clipboard-read', false],
      ['openExternal', false],
    ] as const) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(granted);
      expect(check(null, permission)).toBe(granted);
    }
    const callback = vi.fn();
    headers({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] } });
  });
});

describe('passphrase window', () => {
  const PAGE = 'app://inflow/passphrase.html';

  it('hears only its own page, parses the input, shows a wrong passphrase and resolves with the key', async () => {
    const { askForPassphrase } = await import('../../electron/main/passphrase-window');
    const PASSPHRASE_CHANNEL = IPC_CHANNELS.passphrase;
    const attempt = vi.fn((passphrase: string) => {
      if (passphrase !== 'the right passphrase') throw new Error('Wrong passphrase.');
      return 'unlocked';
    });
    const unlocked = askForPassphrase({ pageUrl: PAGE, preload: '/p.cjs', create: false, attempt });
    const window = windows.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window.loaded).toBe(`${PAGE}#unlock`);
    const submit = handlers.get(PASSPHRASE_CHANNEL)!;
    expect(await submit({ senderFrame: { url: APP, parent: null } }, 'the right passphrase')).toEqual({ ok: false, message: 'Untrusted sender.' });
    expect(await submit({ senderFrame: { url: `${PAGE}#unlock`, parent: {} } }, 'the right passphrase')).toEqual({ ok: false, message: 'Untrusted sender.' });
    expect(await submit({ senderFrame: { url: `${PAGE}#unlock`, parent: null } }, { passphrase: 'x' })).toEqual({ ok: false, message: 'Enter a passphrase.' });
    expect(attempt).not.toHaveBeenCalled();
    expect(await submit({ senderFrame: { url: `${PAGE}#unlock`, parent: null } }, 'guess')).toEqual({ ok: false, message: 'Wrong passphrase.' });
    expect(await submit({ senderFrame: { url: `${PAGE}#unlock`, parent: null } }, 'the right passphrase')).toEqual({ ok: true });
    await expect(unlocked).resolves.toBe('unlocked');
    expect(window.closed).toBe(true);
    expect(handlers.has(PASSPHRASE_CHANNEL)).toBe(false);
  });
});

describe('tray and menu', () => {
  it("shows today's queue in the tray, its title on macOS and the badge, and follows the queue between polls", async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      const { createAppTray } = await import('../../electron/main/tray');
      const tray = createAppTray('/opt/inflow/resources', vi.fn(), vi.fn());
      const state = trays.at(-1)!;
      expect(state.tooltip).toBe('Inflow — Inflow');
      tray.update({ queue: 47, promisesDueToday: 3 });
      expect(state.tooltip).toBe("Inflow — 47 in today's queue · 3 promised today");
      expect(state.title).toBe('47');
      expect(badges.at(-1)).toBe(47);
      expect(state.menu[0]).toMatchObject({ label: "47 in today's queue · 3 promised today", enabled: false });
      expect(state.menu.map((item) => item.label)).toContain('Open Inflow');
      tray.setQueue(46);
      expect(state.tooltip).toBe("Inflow — 46 in today's queue · 3 promised today");
      expect(state.title).toBe('46');
      expect(badges.at(-1)).toBe(46);
      tray.destroy();
      expect(state.destroyed).toBe(true);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('has the standard roles and the app keys, typed into the page when clicked', async () => {
    const { installAppMenu } = await import('../../electron/main/app-menu');
    const sendInputEvent = vi.fn();
    installAppMenu({ window: () => ({ webContents: { sendInputEvent } }) as never, checkForUpdates: vi.fn() });
    const template = menus.at(-1)!.template;
    expect(template.map((item) => item.role).filter(Boolean)).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']));
    const go = template.find((item) => item.label === 'Go')!.submenu as {
      label?: string;
      accelerator?: string;
      registerAccelerator?: boolean;
      click?: () => void;
    }[];
    const palette = go.find((item) => item.label === 'Command Palette')!;
    expect(palette).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    go.find((item) => item.label?.startsWith('Worklist'))!.click!();
    expect(sendInputEvent.mock.calls.filter(([event]) => event.type === 'char').map(([event]) => event.keyCode)).toEqual(['g', 'w']);
  });
});

describe('IPC host', () => {
  const core = {
    call: vi.fn(),
    dispatch: vi.fn(async (name: string) => {
      if (name === 'boom') throw Object.assign(new Error('bad'), {});
      return { name };
    }),
    problem: null,
    stageFile: vi.fn(),
    onEvent: vi.fn(() => () => undefined),
    close: vi.fn(),
    rotated: null,
  };

  it('answers only our own frames, and returns errors as {code, message} data', async () => {
    const { registerIpcHost } = await import('../../electron/hosts/ipc');
    const RPC_CHANNEL = IPC_CHANNELS.rpc;
    registerIpcHost(core, isAppUrl);
    const rpc = handlers.get(RPC_CHANNEL)!;
    expect(await rpc({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await rpc({ senderFrame: { url: APP, parent: {} } }, 'app.status', {})).toMatchObject({ ok: false });
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(await rpc({ senderFrame: { url: APP, parent: null } }, 'app.status', {})).toEqual({ ok: true, result: { name: 'app.status' } });
    expect(await rpc({ senderFrame: { url: APP, parent: null } }, 'boom', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('stages a dropped file from its bytes under a name of its own, never a path the renderer gives', async () => {
    const { readFileSync } = await import('node:fs');
    const { basename } = await import('node:path');
    const { registerIpcHost } = await import('../../electron/hosts/ipc');
    core.stageFile.mockImplementation(async (path: string, name: string) => ({ fileId: 'f'.repeat(32), name, size: readFileSync(path).length, path }));
    const dispose = registerIpcHost(core, isAppUrl);
    const shell = handlers.get(IPC_CHANNELS.shell)!;
    const drop = (frame: object, name: unknown, bytes: unknown) => shell({ senderFrame: frame }, 'file.stageDropped', { name, bytes });
    const bytes = new TextEncoder().encode('Invoice Number\n').buffer;
    expect(await drop({ url: 'https://evil.example/', parent: null }, 'a.csv', bytes)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await drop({ url: APP, parent: null }, '../../etc/passwd', bytes)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('a file name without a folder') },
    });
    expect(await drop({ url: APP, parent: null }, 'open.csv', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const staged = (await drop({ url: APP, parent: null }, 'open.csv', bytes)) as { ok: true; result: { name: string; size: number; path: string } };
    expect(staged).toMatchObject({ ok: true, result: { name: 'open.csv', size: 15 } });
    expect(basename(staged.result.path)).toMatch(/^[0-9a-f]{32}$/);
    // The vault, restart and updater are the shell's handlers'; a host given none answers NOT_FOUND.
    expect(await shell({ senderFrame: { url: APP, parent: null } }, 'vault.status', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    dispose();
  });
});

describe('renderer page', () => {
  it('takes its CSP meta tag from the build (one function) and runs no inline script', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"\s+content="__INFLOW_CSP__"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
