/**
 * The Electron shell: one window, the app protocol, one ipcMain.handle per contract channel, and
 * the guards. The only main-process file that imports electron at run time. The decisions
 * themselves live in electron-policy.ts, where tests can reach them without the binary.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { join } from 'node:path';
import { channelNames, ipcChannel, ipcEvent, type EventPayload } from '../../preload/contract';
import { composeApp, type RosterApp } from '../compose';
import { readTextIfExists, writeFileAtomic } from '../store/atomic-file';
import { guardProcess, printError } from '../log/fatal';
import { contentSecurityPolicy } from './csp';
import {
  APP_ENTRY,
  APP_HOST,
  APP_SCHEME,
  externalUrl,
  isInAppNavigation,
  isTrustedSender,
  mainWindowOptions,
  parseWindowState,
  presenceAlertWords,
  type WindowState,
} from './electron-policy';
import { isPhotoPath, photoRoute } from './photo-route';
import { isVoicemailPath, voicemailRoute } from './voicemail-route';
import { readStaticFile, rendererDir } from './static-files';

// Registered before `ready`: a standard, secure scheme so the renderer gets a real origin
// (app://roster) for the CSP and the sender check, without file:// and its broad reach.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Set once composed; before that, faults go to stderr. */
let logError: (msg: string, err: unknown) => void = (msg, err) => printError(msg, err);
guardProcess(
  (msg, err) => logError(msg, err),
  (code) => app.exit(code),
);

function openExternally(url: string): void {
  const safe = externalUrl(url);
  // No handler for the scheme on this desktop rejects: say so in the log, nothing else.
  if (safe) shell.openExternal(safe).catch((err: unknown) => logError('opening a link failed', err));
}

/** Guards for every web contents, including any created later. */
function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isInAppNavigation(url)) {
      event.preventDefault();
      openExternally(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isInAppNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function registerAppProtocol(root: string, roster: RosterApp): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, (request) =>
    serveApp(request).catch((err: unknown) => {
      // A fault reading a file ends this one request with 500, as the web shell does.
      logError('answering an app request failed', err);
      return new Response('Internal error', { status: 500 });
    }),
  );
  async function serveApp(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (isPhotoPath(url.pathname)) {
      const photo = await photoRoute(
        roster.photos,
        {
          method: request.method,
          pathname: url.pathname,
          search: url.search,
          ifNoneMatch: request.headers.get('if-none-match'),
        },
        (err) => logError('serving a photo failed', err),
      );
      return new Response(photo.body ? new Uint8Array(photo.body) : null, {
        status: photo.status,
        headers: photo.headers,
      });
    }
    // Voice mail (issue 23): the recording for the <audio> element.
    if (isVoicemailPath(url.pathname)) {
      const audio = await voicemailRoute(
        roster.voicemail,
        { method: request.method, pathname: url.pathname, range: request.headers.get('range') },
        (err) => logError('serving a voice mail failed', err),
      );
      return new Response(audio.body ? new Uint8Array(audio.body) : null, {
        status: audio.status,
        headers: audio.headers,
      });
    }
    const file = await readStaticFile(root, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
      },
    });
  }
}

function registerIpc(roster: RosterApp): void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), async (event, payload: unknown) => {
      // Sender first, payload second: nothing from an unexpected frame reaches the router.
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { kind: 'bad-input', message: 'Request refused: unknown sender.' } };
      }
      return roster.router.dispatch(name, payload);
    });
  }
  roster.bus.subscribe((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEvent(event), payload);
    if (event === 'presenceAlert') showPresenceAlert(roster, payload as EventPayload<'presenceAlert'>);
  });
}

/** "Tell me when free": a system notification (the window shows its own notice too); a click brings the window back. */
function showPresenceAlert(roster: RosterApp, alert: EventPayload<'presenceAlert'>): void {
  try {
    if (!Notification.isSupported()) return;
    const language = roster.settings.get().language;
    const words = presenceAlertWords(alert.displayName, language === 'system' ? app.getLocale() : language);
    const n = new Notification({ title: words.title, body: words.body, silent: false });
    n.on('click', () => {
      if (mainWindow && !mainWindow.isDestroyed()) {
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      }
    });
    n.show();
  } catch (err) {
    logError('the "free now" notification could not be shown', err);
  }
}

async function createWindow(dataDir: string): Promise<void> {
  const stateFile = join(dataDir, 'window-state.json');
  const saved = await readTextIfExists(stateFile).catch((err: unknown) => {
    logError('the window state is unreadable; the default is used', err);
    return null;
  });
  let state: WindowState = parseWindowState(saved, (err) =>
    logError('the window state is corrupt; the default is used', err),
  );
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs'), state));
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const remember = (): void => {
    if (win.isDestroyed()) return;
    state = {
      bounds: win.isMaximized() ? state.bounds : win.getNormalBounds(),
      maximized: win.isMaximized(),
    };
  };
  win.on('resize', remember);
  win.on('move', remember);
  win.on('close', () => {
    remember();
    writeFileAtomic(stateFile, JSON.stringify(state)).catch((err: unknown) =>
      logError('saving the window state failed', err),
    );
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  await win.loadURL(APP_ENTRY);
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents));

  await app.whenReady();
  const dataDir = app.getPath('userData');

  // No page in Roster needs a camera, a microphone, notifications or anything else.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const roster = await composeApp({
    shell: 'electron',
    dataDir,
    version: app.getVersion(),
    safeStorage,
  });
  const shellLog = roster.log.child('electron');
  logError = (msg, err) => shellLog.error(msg, { err });
  registerAppProtocol(rendererDir(app.getAppPath()), roster);
  registerIpc(roster);
  await createWindow(dataDir);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      createWindow(dataDir).catch((err: unknown) => logError('opening the window failed', err));
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    roster.close().catch((err: unknown) => logError('closing the services failed', err));
  });
}

main().catch((err: unknown) => {
  // Nothing can run without the services or the window: say why, then quit rather than linger
  // as a process with no window.
  logError('Roster could not start', err);
  app.exit(1);
});
