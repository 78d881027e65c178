import { describe, expect, it } from 'vitest';
import {
  STABLE_PORT,
  browserCommand,
  candidatePorts,
  forbiddenPage,
  pageLanguage,
} from '../../../../main/shells/web-launch';

describe('ports', () => {
  it('asks for the stable port first, then the next ones, then any free port', () => {
    const ports = candidatePorts(undefined);
    expect(ports[0]).toBe(STABLE_PORT);
    expect(ports[1]).toBe(STABLE_PORT + 1);
    expect(ports.at(-1)).toBe(0);
  });
  it('an explicit --port is tried alone', () => {
    expect(candidatePorts(8123)).toEqual([8123]);
    expect(candidatePorts(0)).toEqual([0]);
  });
});

describe('opening the browser', () => {
  const url = 'http://127.0.0.1:4747/?token=abc&x=1';
  it.each<[string, NodeJS.Platform, Record<string, string>, boolean, string | null]>([
    ['Linux with X', 'linux', { DISPLAY: ':0' }, false, 'xdg-open'],
    ['Linux with Wayland', 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, false, 'xdg-open'],
    ['Linux without a display (SSH, server)', 'linux', {}, false, null],
    ['macOS', 'darwin', {}, false, 'open'],
    ['Windows', 'win32', {}, false, 'cmd'],
    ['--no-open', 'linux', { DISPLAY: ':0' }, true, null],
    ['CI', 'darwin', { CI: 'true' }, false, null],
    ['ROSTER_NO_OPEN=1', 'linux', { DISPLAY: ':0', ROSTER_NO_OPEN: '1' }, false, null],
  ])('%s → %s', (_, platform, env, noOpen, command) => {
    expect(browserCommand(url, platform, env, { noOpen })?.command ?? null).toBe(command);
  });
  it('hands the URL over as one argument (no shell string), escaping & for cmd’s start', () => {
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, { noOpen: false })?.args).toEqual([url]);
    expect(browserCommand(url, 'win32', {}, { noOpen: false })?.args).toEqual([
      '/c',
      'start',
      '""',
      'http://127.0.0.1:4747/?token=abc^&x=1',
    ]);
  });
});

describe('the refusal page', () => {
  it.each<[string | undefined, 'en' | 'fr']>([
    [undefined, 'en'],
    ['', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['fr', 'fr'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['de-DE,fr;q=0.7,en;q=0.5', 'fr'],
    ['en;q=0.5,fr;q=0.9', 'fr'],
    ['fr;q=0', 'en'],
    ['*', 'en'],
  ])('Accept-Language %j → %s', (header, lang) => {
    expect(pageLanguage(header)).toBe(lang);
  });

  it('says exactly what to do, in English and in French, with no script', () => {
    const en = forbiddenPage('en-US');
    expect(en.html).toContain('lang="en"');
    expect(en.html).toContain(
      'Open the link printed in the terminal where you ran npm start, or run it again.',
    );
    const fr = forbiddenPage('fr-CA');
    expect(fr.html).toContain('lang="fr"');
    expect(fr.html).toContain(
      'Ouvrez le lien affiché dans le terminal où vous avez lancé npm start, ou relancez-le.',
    );
    expect(en.html + fr.html).not.toMatch(/<script/i);
  });
});
