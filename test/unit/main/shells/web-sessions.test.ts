/**
 * The web shell's sessions (main/shells/web-sessions.ts), as tables: which cookie lets a browser
 * in, for how long, what a sessions file may hold, and the cookie handed out.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  COOKIE,
  MAX_SESSIONS,
  SESSION_MS,
  cookieValue,
  equalSecret,
  hashOf,
  isLive,
  parseSessions,
  sessionCookie,
  signedIn,
  withSession,
  type SavedSession,
} from '../../../../main/shells/web-sessions';

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 24 * 3600 * 1000;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('the session rules', () => {
  it('a session lasts 30 days, a cookie is kept as its SHA-256 in hex, at most 20 sessions', () => {
    expect(SESSION_MS).toBe(30 * DAY);
    expect(MAX_SESSIONS).toBe(20);
    expect(COOKIE).toBe('roster_session');
    expect(hashOf('abc')).toBe(sha256('abc'));
    expect(hashOf('abc')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['just made', NOW, true],
    ['29 days old', NOW - 29 * DAY, true],
    ['one ms short of 30 days', NOW - 30 * DAY + 1, true],
    ['exactly 30 days old', NOW - 30 * DAY, false],
    ['a year old', NOW - 365 * DAY, false],
  ])('%s: live %s', (_why, created, live) => {
    expect(isLive({ hash: 'h', created }, NOW)).toBe(live);
  });

  it.each([
    ['the same', 'abc', 'abc', true],
    ['one letter off', 'abc', 'abd', false],
    ['a prefix', 'abc', 'ab', false],
    ['longer', 'abc', 'abcd', false],
    ['both empty', '', '', true],
    ['same characters, other bytes (é as one or two code points)', 'é', 'e\u0301', false],
  ])('secrets %s: equal %s', (_why, a, b, equal) => {
    expect(equalSecret(a, b)).toBe(equal);
    expect(equalSecret(b, a)).toBe(equal);
  });
});

describe('what a sessions file may hold', () => {
  const live: SavedSession = { hash: 'a'.repeat(64), created: NOW - DAY };
  const old: SavedSession = { hash: 'b'.repeat(64), created: NOW - 31 * DAY };

  it.each<[string, string, SavedSession[]]>([
    ['empty (no file yet)', '', []],
    ['not JSON', '{"hash": ', []],
    ['an object, not a list', JSON.stringify({ hash: 'a', created: NOW }), []],
    ['a string', '"abc"', []],
    ['null', 'null', []],
    [
      'live sessions, in order',
      JSON.stringify([live, { ...live, hash: 'c' }]),
      [live, { ...live, hash: 'c' }],
    ],
    ['an expired one is dropped', JSON.stringify([old, live]), [live]],
    ['null entries are dropped', JSON.stringify([null, live]), [live]],
    ['a number for the hash', JSON.stringify([{ hash: 1, created: NOW }, live]), [live]],
    ['a string for the date', JSON.stringify([{ hash: 'h', created: String(NOW) }, live]), [live]],
    ['a missing date', JSON.stringify([{ hash: 'h' }, live]), [live]],
    ['a missing hash', JSON.stringify([{ created: NOW }, live]), [live]],
  ])('%s', (_why, text, sessions) => {
    expect(parseSessions(text, NOW)).toStrictEqual(sessions);
  });
});

describe('a new session', () => {
  it('is added last, as the hash of its cookie, dated now; the list given is not changed', () => {
    const before: SavedSession[] = [{ hash: 'h1', created: NOW - DAY }];
    const after = withSession(before, 'sid', NOW);
    expect(after).toStrictEqual([
      { hash: 'h1', created: NOW - DAY },
      { hash: sha256('sid'), created: NOW },
    ]);
    expect(before).toHaveLength(1);
  });

  it('keeps the newest 20', () => {
    const full = Array.from({ length: MAX_SESSIONS }, (_, i) => ({ hash: `h${i}`, created: NOW - i }));
    const after = withSession(full, 'new', NOW);
    expect(after).toHaveLength(MAX_SESSIONS);
    expect(after[0]).toStrictEqual({ hash: 'h1', created: NOW - 1 });
    expect(after.at(-1)).toStrictEqual({ hash: sha256('new'), created: NOW });
  });

  it('is handed out in a cookie that script cannot read, no other site sends, and that lasts 30 days', () => {
    expect(sessionCookie('s1d')).toBe(
      'roster_session=s1d; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000',
    );
  });
});

describe('reading the cookie', () => {
  it.each<[string, string | undefined, string | null]>([
    ['no header', undefined, null],
    ['an empty header', '', null],
    ['the only cookie', 'roster_session=abc', 'abc'],
    ['among others, with spaces', 'theme=dark;  roster_session=abc ; lang=fr', 'abc'],
    ['the first of two', 'roster_session=one; roster_session=two', 'one'],
    ['a value holding =', 'roster_session=a=b==', 'a=b=='],
    ['an empty value', 'roster_session=', ''],
    ['a name that only starts the same', 'roster_session_old=abc', null],
    ['a name that only ends the same', 'x_roster_session=abc', null],
    ['another cookie only', 'theme=dark', null],
  ])('%s', (_why, header, value) => {
    expect(cookieValue(header, 'roster_session')).toBe(value);
  });
});

describe('who is signed in', () => {
  const sessions: SavedSession[] = [
    { hash: sha256('old'), created: NOW - 30 * DAY },
    { hash: sha256('good'), created: NOW - DAY },
  ];

  it.each<[string, string | undefined, boolean]>([
    ['a live session’s cookie', 'roster_session=good', true],
    ['the same among other cookies', 'a=1; roster_session=good', true],
    ['an expired session’s cookie', 'roster_session=old', false],
    ['a forged cookie', 'roster_session=forged', false],
    ['the hash itself as the cookie', `roster_session=${sha256('good')}`, false],
    ['the right value under another name', 'session=good', false],
    ['no cookie', undefined, false],
  ])('%s: %s', (_why, header, yes) => {
    expect(signedIn(sessions, header, NOW)).toBe(yes);
  });

  it('a session made now is let in, and lets go 30 days later', () => {
    const mine = withSession([], 'mine', NOW);
    expect(signedIn(mine, 'roster_session=mine', NOW)).toBe(true);
    expect(signedIn(mine, 'roster_session=mine', NOW + 30 * DAY - 1)).toBe(true);
    expect(signedIn(mine, 'roster_session=mine', NOW + 30 * DAY)).toBe(false);
  });

  it('no sessions: nobody', () => {
    expect(signedIn([], 'roster_session=good', NOW)).toBe(false);
  });
});
