/**
 * main/shells/electron.ts, the Electron entry point, run with the `electron` module replaced by a
 * stand-in (never the real one: requiring it starts a binary download). The policy functions are
 * tested in electron-policy.test.ts; this file checks that the shell actually wires them: every
 * contract channel behind the sender check (before any schema or handler), the navigation and
 * window-open guards on every web contents, permissions refused, the app protocol serving only the
 * renderer folder, the window's security options, and events reaching the window.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, ipcChannel, ipcEvent } from '../../../../preload/contract';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const state = {
    appRoot: '',
    dataDir: '',
    appListeners: new Map<string, Listener[]>(),
    ipc: new Map<string, Listener>(),
    protocolScheme: '',
    protocolHandler: null as null | ((request: Request) => Promise<Response>),
    privileged: [] as unknown[],
    sandboxEnabled: false,
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    windows: [] as Array<{ options: Record<string, unknown>; url: string; send: ReturnType<typeof vi.fn> }>,
    loaded: null as null | (() => void),
    dispatch: vi.fn((name: string, payload: unknown) =>
      Promise.resolve({ ok: true as const, value: { name, payload } }),
    ),
    busListener: null as null | ((event: string, payload: unknown) => void),
    openExternal: vi.fn((_url: string) => Promise.resolve()),
    composeOptions: null as unknown,
  };
  return state;
});
const loadedOnce = new Promise<void>((resolve) => {
  h.loaded = resolve;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() };
    private readonly record: {
      options: Record<string, unknown>;
      url: string;
      send: ReturnType<typeof vi.fn>;
    };
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: '', send: this.webContents.send };
      h.windows.push(this.record);
    }
    static getAllWindows() {
      return h.windows;
    }
    isMinimized = () => false;
    isMaximized = () => false;
    isDestroyed = () => false;
    maximize = () => undefined;
    restore = () => undefined;
    focus = () => undefined;
    show = () => undefined;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1100, height: 720 });
    once = () => this;
    on = () => this;
    loadURL = (url: string) => {
      this.record.url = url;
      h.loaded?.();
      return Promise.resolve();
    };
  }
  const app = {
    enableSandbox: () => {
      h.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    on: (event: string, fn: Listener) => {
      h.appListeners.set(event, [...(h.appListeners.get(event) ?? []), fn]);
      return app;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => h.dataDir,
    getAppPath: () => h.appRoot,
    getVersion: () => '9.9.9',
    getLocale: () => 'en-GB',
    quit: vi.fn(),
    exit: vi.fn(),
  };
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => h.ipc.set(channel, fn) },
    Notification: { isSupported: () => false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => h.privileged.push(...schemes),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
        h.protocolScheme = scheme;
        h.protocolHandler = fn;
      },
    },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (h.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (h.permissionCheck = fn),
      },
    },
    shell: { openExternal: h.openExternal },
  };
});

vi.mock('../../../../main/compose', () => ({
  composeApp: (options: unknown) => {
    h.composeOptions = options;
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), child: () => logger };
    return Promise.resolve({
      router: { dispatch: h.dispatch },
      bus: { subscribe: (fn: (event: string, payload: unknown) => void) => (h.busListener = fn) },
      photos: {},
      settings: { get: () => ({ language: 'en' }) },
      log: logger,
      close: () => Promise.resolve(),
    });
  },
}));

beforeAll(async () => {
  h.appRoot = await mkdtemp(join(tmpdir(), 'roster-electron-entry-'));
  h.dataDir = join(h.appRoot, 'data');
  await mkdir(join(h.appRoot, 'dist', 'renderer'), { recursive: true });
  await mkdir(h.dataDir, { recursive: true });
  await writeFile(join(h.appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Roster</title>');
  await writeFile(join(h.appRoot, 'package.json'), '{"name":"outside-the-renderer-folder"}');
  await import('../../../../main/shells/electron');
  await loadedOnce;
});
afterAll(async () => {
  await rm(h.appRoot, { recursive: true, force: true });
});
beforeEach(() => {
  h.dispatch.mockClear();
  h.openExternal.mockClear();
});

const trusted = { url: 'app://roster/index.html', parent: null };

/** A web contents stand-in that records the guards the shell puts on it. */
function guardedContents() {
  const on = new Map<string, Listener>();
  let openHandler: Listener | null = null;
  const contents = {
    setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
    on: (event: string, fn: Listener) => on.set(event, fn),
  };
  for (const fn of h.appListeners.get('web-contents-created') ?? []) fn({}, contents);
  const fire = (event: string, url?: string) => {
    const e = { preventDefault: vi.fn() };
    const fn = on.get(event);
    if (!fn) throw new Error(`no ${event} guard`);
    fn(e, url);
    return e.preventDefault.mock.calls.length > 0;
  };
  return {
    open: (url: string) => {
      if (!openHandler) throw new Error('no window-open handler');
      return openHandler({ url }) as { action: string };
    },
    navigatePrevented: (url: string) => fire('will-navigate', url),
    redirectPrevented: (url: string) => fire('will-redirect', url),
    webviewPrevented: () => fire('will-attach-webview'),
  };
}

describe('the Electron shell, wired with a stand-in electron module', () => {
  it('registers the app scheme as standard and secure before ready, and turns the sandbox on for every renderer', () => {
    expect(h.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
      }),
    ]);
    expect(h.sandboxEnabled).toBe(true);
    expect(h.composeOptions).toMatchObject({ shell: 'electron', dataDir: h.dataDir, version: '9.9.9' });
  });

  it('opens one window on the app entry with isolation, the sandbox and no Node', () => {
    expect(h.windows).toHaveLength(1);
    const [win] = h.windows;
    expect(win?.url).toBe('app://roster/index.html');
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('handles exactly the contract channels', () => {
    expect([...h.ipc.keys()].sort()).toEqual(channelNames.map(ipcChannel).sort());
  });

  it('checks the sender before anything else: a foreign or framed sender never reaches the router', async () => {
    const handler = h.ipc.get(ipcChannel('signIn'));
    if (!handler) throw new Error('signIn is not handled');
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://roster/index.html', parent: {} },
      { url: 'app://other/index.html', parent: null },
      null,
    ]) {
      const answer = await handler({ senderFrame }, { email: 'not even valid' });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    }
    expect(h.dispatch).not.toHaveBeenCalled();

    const payload = { email: 'alice@contoso.test', password: 'x' };
    await handler({ senderFrame: trusted }, payload);
    expect(h.dispatch).toHaveBeenCalledWith('signIn', payload);
  });

  it('sends every event the services raise to the window', () => {
    if (!h.busListener) throw new Error('the bus is not subscribed');
    h.busListener('contactsChanged', { groups: [] });
    expect(h.windows[0]?.send).toHaveBeenCalledWith(ipcEvent('contactsChanged'), { groups: [] });
  });

  it('denies every new window and hands only safe links to the system', () => {
    const contents = guardedContents();
    expect(contents.open('https://example.com/meeting')).toEqual({ action: 'deny' });
    expect(h.openExternal).toHaveBeenCalledWith('https://example.com/meeting');
    h.openExternal.mockClear();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@example.com/']) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(h.openExternal).not.toHaveBeenCalled();
  });

  it('keeps navigation inside the app: leaving is prevented (and a safe link opened outside), redirects out and webviews refused', () => {
    const contents = guardedContents();
    expect(contents.navigatePrevented('app://roster/index.html')).toBe(false);
    expect(contents.navigatePrevented('https://evil.example/')).toBe(true);
    expect(h.openExternal).toHaveBeenCalledWith('https://evil.example/');
    expect(contents.navigatePrevented('app://elsewhere/index.html')).toBe(true);
    expect(contents.redirectPrevented('https://evil.example/')).toBe(true);
    expect(contents.redirectPrevented('app://roster/index.html')).toBe(false);
    expect(contents.webviewPrevented()).toBe(true);
  });

  it('refuses every permission request and check', () => {
    const callback = vi.fn();
    if (!h.permissionRequest || !h.permissionCheck) throw new Error('no permission handlers');
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read'])
      h.permissionRequest({}, permission, callback);
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(h.permissionCheck({}, 'media')).toBe(false);
  });

  it('serves the renderer folder on app://roster with the CSP, and nothing outside it', async () => {
    const serve = h.protocolHandler;
    if (!serve) throw new Error('no app protocol');
    expect(h.protocolScheme).toBe('app');
    const page = await serve(new Request('app://roster/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Roster</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    for (const url of [
      'app://roster/%2e%2e/%2e%2e/package.json',
      'app://roster/..%2f..%2fpackage.json',
      'app://roster/missing.js',
      'app://evil/index.html',
    ]) {
      expect((await serve(new Request(url))).status, url).toBe(404);
    }
  });
});
