/**
 * The Electron shell's security decisions as plain functions, so unit tests can check them
 * without the Electron binary (electron.ts only wires them to Electron's events).
 * Electron's security checklist: context isolation, sandbox, no Node in the renderer, CSP, no
 * remote content, navigation and new windows denied, permissions denied, IPC senders checked.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'roster';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = {
  bounds: { x: 0, y: 0, width: 1100, height: 720 },
  maximized: false,
};

export function mainWindowOptions(preloadPath: string, state: WindowState): BrowserWindowConstructorOptions {
  return {
    ...state.bounds,
    minWidth: 720,
    minHeight: 480,
    title: 'Roster',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // A middle click must not open a window behind our back.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/**
 * IPC is accepted only from the app's own top-level document: a frame's URL must be on the app
 * origin and the frame must have no parent (no iframe, however it got there).
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const u = new URL(frame.url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The URL to hand to the system browser, or null to drop it: only http(s) and mail/phone links. */
export function externalUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    if (!['http:', 'https:', 'mailto:', 'tel:', 'sip:'].includes(u.protocol)) return null;
    // Stryker disable next-line ConditionalExpression: mailto:, tel: and sip: URLs never have a username or password
    if ((u.protocol === 'http:' || u.protocol === 'https:') && (u.username || u.password)) return null;
    return u.toString(); // re-serialised, so what is opened is what was checked
  } catch {
    return null;
  }
}

/** Whether a navigation of the main window may proceed: only within the app itself. */
export function isInAppNavigation(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Keep a saved window state only if it is sane (a screen change can leave it off-screen). */
export function sanitizeWindowState(raw: unknown): WindowState {
  return saneWindowState(raw) ?? DEFAULT_WINDOW_STATE;
}

/**
 * The window state from window-state.json's text (null: no file yet). A file that is not JSON or
 * not a sane state (a crash mid-write on a file system without atomic rename, a hand edit, a disk
 * fault) must never stop the window from opening: the default is used and `onCorrupt` told why.
 */
export function parseWindowState(text: string | null, onCorrupt?: (err: unknown) => void): WindowState {
  if (text === null) return DEFAULT_WINDOW_STATE;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    onCorrupt?.(err);
    return DEFAULT_WINDOW_STATE;
  }
  const state = saneWindowState(raw);
  if (state === null) onCorrupt?.(new Error('window-state.json does not hold a usable window state'));
  return state ?? DEFAULT_WINDOW_STATE;
}

function saneWindowState(raw: unknown): WindowState | null {
  // Stryker disable next-line ConditionalExpression: a number or string has no bounds either, so it is refused below
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { bounds?: Partial<Rectangle>; maximized?: unknown };
  const b = r.bounds ?? {};
  const n = (v: unknown, min: number, max: number): number | null =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? Math.round(v) : null;
  const width = n(b.width, 480, 10000);
  const height = n(b.height, 360, 10000);
  const x = n(b.x, -10000, 20000);
  const y = n(b.y, -10000, 20000);
  if (width === null || height === null || x === null || y === null) return null;
  return { bounds: { x, y, width, height }, maximized: r.maximized === true };
}

/**
 * The system notification for "Tell me when free", in the UI language (French when the setting or
 * the system locale says so). The name is the server's display name: notifications show plain
 * text, and it is cut so a hostile 10,000-character name cannot fill the screen.
 */
export function presenceAlertWords(displayName: string, locale: string): { title: string; body: string } {
  const name = displayName.length > 80 ? `${displayName.slice(0, 79)}…` : displayName;
  return locale.toLowerCase().startsWith('fr')
    ? {
        title: `${name} est disponible`,
        body: 'D’après son calendrier, cette personne est disponible maintenant.',
      }
    : { title: `${name} is free now`, body: 'Their calendar shows them free now.' };
}
