import { describe, expect, it } from 'vitest';
import {
  presenceAlertWords,
  DEFAULT_WINDOW_STATE,
  externalUrl,
  isInAppNavigation,
  isTrustedSender,
  mainWindowOptions,
  parseWindowState,
  sanitizeWindowState,
} from '../../../../main/shells/electron-policy';
import { contentSecurityPolicy } from '../../../../main/shells/csp';

describe('main window options', () => {
  it('carry the security settings of Electron’s checklist', () => {
    const options = mainWindowOptions('/app/dist/preload/index.cjs', DEFAULT_WINDOW_STATE);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('restore a saved window state and drop an insane one', () => {
    const saved = { bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: true };
    expect(sanitizeWindowState(saved)).toEqual(saved);
    expect(sanitizeWindowState({ bounds: { x: 0, y: 0, width: 5, height: 600 } })).toEqual(
      DEFAULT_WINDOW_STATE,
    );
    expect(sanitizeWindowState('garbage')).toEqual(DEFAULT_WINDOW_STATE);
    expect(mainWindowOptions('/p', sanitizeWindowState(saved))).toMatchObject({
      x: 10,
      y: 20,
      width: 900,
      height: 600,
    });
  });
});

describe('window-state.json at start', () => {
  it('opens a window whatever the file holds: missing, corrupt, or the wrong shape', () => {
    const faults: unknown[] = [];
    const onCorrupt = (err: unknown): void => void faults.push(err);
    expect(parseWindowState(null, onCorrupt)).toEqual(DEFAULT_WINDOW_STATE);
    expect(faults).toHaveLength(0); // missing is normal (first start), not a fault to log
    for (const text of [
      '',
      '{"bounds":',
      '\u0000\u0000\u0000',
      'null',
      '[]',
      '"x"',
      '{"bounds":{"x":"a"}}',
    ]) {
      expect(parseWindowState(text, onCorrupt)).toEqual(DEFAULT_WINDOW_STATE);
    }
    // Each unusable file is told, so the log says why the window came back at its default place.
    expect(faults).toHaveLength(7);
  });

  it('keeps a good saved state', () => {
    const state = { bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: true };
    expect(parseWindowState(JSON.stringify(state))).toEqual(state);
  });
});

describe('IPC sender check', () => {
  it('accepts only the app’s own top-level frame', () => {
    expect(isTrustedSender({ url: 'app://roster/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://roster/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('navigation and links', () => {
  it('keeps navigation inside the app', () => {
    expect(isInAppNavigation('app://roster/index.html#x')).toBe(true);
    expect(isInAppNavigation('https://example.com/')).toBe(false);
    expect(isInAppNavigation('javascript:alert(1)')).toBe(false);
  });

  it('refuses our host on any other scheme', () => {
    expect(isInAppNavigation('https://roster/index.html')).toBe(false);
  });

  // Issue 24, planted bug 3: the scheme alone is not enough; another app:// host is not our app.
  it('refuses the app scheme on any other host', () => {
    expect(isInAppNavigation('app://roster/')).toBe(true);
    expect(isInAppNavigation('app://evil/index.html')).toBe(false);
    expect(isInAppNavigation('app://roster.evil/index.html')).toBe(false);
    expect(isInAppNavigation('app://roster:8080/index.html')).toBe(false);
    expect(isInAppNavigation('app:roster/index.html')).toBe(false);
    expect(isInAppNavigation('not a url')).toBe(false);
  });

  it('hands only web, mail and phone links to the system', () => {
    expect(externalUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(externalUrl('mailto:alice@contoso.test')).toBe('mailto:alice@contoso.test');
    expect(externalUrl('sip:alice@contoso.test')).toBe('sip:alice@contoso.test');
    expect(externalUrl('file:///etc/passwd')).toBeNull();
    expect(externalUrl('javascript:alert(1)')).toBeNull();
    expect(externalUrl('smb://server/share')).toBeNull();
    expect(externalUrl('https://user:pw@example.com/')).toBeNull();
    expect(externalUrl('not a url')).toBeNull();
  });
});

describe('content security policy', () => {
  it('allows no inline or remote script, style or plug-in', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
  });
});

describe('presence alert notification', () => {
  it('speaks the UI language and cuts a hostile name', () => {
    expect(presenceAlertWords('Hélène Dubois', 'fr-FR').title).toBe('Hélène Dubois est disponible');
    expect(presenceAlertWords('Bob', 'en-GB').title).toBe('Bob is free now');
    const long = presenceAlertWords('x'.repeat(10_000), 'en');
    expect(long.title.length).toBeLessThan(100);
    expect(long.title.startsWith('x'.repeat(79) + '…')).toBe(true);
  });
});

describe('saved window state: the edges of sane', () => {
  const state = (bounds: Record<string, unknown>, maximized?: unknown) => ({
    bounds: { x: 0, y: 0, width: 900, height: 600, ...bounds },
    maximized,
  });

  it.each([
    [{ width: 480 }, true],
    [{ width: 479 }, false],
    [{ width: 10000 }, true],
    [{ width: 10001 }, false],
    [{ height: 360 }, true],
    [{ height: 359 }, false],
    [{ height: 10000 }, true],
    [{ height: 10001 }, false],
    [{ x: -10000 }, true],
    [{ x: -10001 }, false],
    [{ x: 20000 }, true],
    [{ x: 20001 }, false],
    [{ y: -10000 }, true],
    [{ y: -10001 }, false],
    [{ y: 20000 }, true],
    [{ y: 20001 }, false],
    [{ width: Number.NaN }, false],
    [{ x: Number.POSITIVE_INFINITY }, false],
    [{ height: '600' }, false],
    [{ y: undefined }, false],
  ])('%o is kept: %s', (bounds, kept) => {
    const s = state(bounds);
    expect(sanitizeWindowState(s)).toEqual(kept ? { ...s, maximized: false } : DEFAULT_WINDOW_STATE);
  });

  it('rounds to whole pixels and takes only a real true as maximized', () => {
    expect(sanitizeWindowState(state({ x: 10.4, y: -20.6, width: 900.5, height: 600.2 }, 'true'))).toEqual({
      bounds: { x: 10, y: -21, width: 901, height: 600 },
      maximized: false,
    });
    expect(sanitizeWindowState(state({}, 1)).maximized).toBe(false);
    expect(sanitizeWindowState(state({}, true)).maximized).toBe(true);
    expect(sanitizeWindowState({ maximized: true })).toEqual(DEFAULT_WINDOW_STATE);
    expect(sanitizeWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('tells the JSON error for a broken file, and nothing for a good one', () => {
    const faults: unknown[] = [];
    parseWindowState('{"bounds":', (e) => faults.push(e));
    expect(faults).toHaveLength(1);
    expect(faults[0]).toBeInstanceOf(SyntaxError);
    parseWindowState(JSON.stringify(state({})), (e) => faults.push(e));
    expect(faults).toHaveLength(1);
  });

  it('tells why a parsed file was not used', () => {
    const faults: unknown[] = [];
    parseWindowState('{"bounds":{"x":0,"y":0,"width":5,"height":5}}', (e) => faults.push(e));
    expect(faults).toHaveLength(1);
    expect(String(faults[0])).toMatch(/window-state\.json does not hold a usable window state/);
    expect(() => parseWindowState('{', undefined)).not.toThrow();
    expect(() => parseWindowState('[]')).not.toThrow();
  });
});

describe('links and senders: the edges', () => {
  it('opens http, https, mail and phone links, re-serialised; never with credentials', () => {
    expect(externalUrl('http://example.com')).toBe('http://example.com/');
    expect(externalUrl('HTTPS://Example.COM/x')).toBe('https://example.com/x');
    expect(externalUrl('tel:+33123456789')).toBe('tel:+33123456789');
    expect(externalUrl('http://user@example.com/')).toBeNull();
    expect(externalUrl('https://:pw@example.com/')).toBeNull();
    expect(externalUrl('ftp://example.com/')).toBeNull();
  });

  it('refuses a sender with no frame or an unreadable URL', () => {
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://roster:1/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'http://roster/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://roster/', parent: undefined })).toBe(false);
  });
});

describe('presence alert words: the edges', () => {
  it('keeps a name of 80 characters whole and cuts one of 81 to 79 and an ellipsis', () => {
    expect(presenceAlertWords('a'.repeat(80), 'en').title).toBe(`${'a'.repeat(80)} is free now`);
    expect(presenceAlertWords('a'.repeat(81), 'en').title).toBe(`${'a'.repeat(79)}… is free now`);
  });

  it('says the whole message in the language, whatever the case of the locale', () => {
    expect(presenceAlertWords('Bob', 'FR-ca')).toEqual({
      title: 'Bob est disponible',
      body: 'D’après son calendrier, cette personne est disponible maintenant.',
    });
    expect(presenceAlertWords('Bob', 'de-DE')).toEqual({
      title: 'Bob is free now',
      body: 'Their calendar shows them free now.',
    });
  });
});

describe('main window options, whole', () => {
  it('are exactly the checked settings: nothing left to a default', () => {
    const state = { bounds: { x: 5, y: 6, width: 800, height: 500 }, maximized: false };
    expect(mainWindowOptions('/p.cjs', state)).toEqual({
      x: 5,
      y: 6,
      width: 800,
      height: 500,
      minWidth: 720,
      minHeight: 480,
      title: 'Roster',
      show: false,
      backgroundColor: '#f6f7f9',
      webPreferences: {
        preload: '/p.cjs',
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
        disableBlinkFeatures: 'Auxclick',
      },
    });
  });
});
