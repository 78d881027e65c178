/**
 * The web shell's sessions, as pure rules (wired in web.ts): the one-time link's token is swapped
 * for a session cookie, and only the cookie's SHA-256 is kept (in memory and, with a sessions file,
 * on disk) for 30 days. Tested as tables in web-sessions.test.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const COOKIE = 'roster_session';
/** A browser that opened the link stays let in this long (the cookie's Max-Age and the file's). */
export const SESSION_DAYS = 30;
export const SESSION_MS = SESSION_DAYS * 24 * 3600 * 1000;
/** Sessions kept: a handful of browsers, never an unbounded list. */
export const MAX_SESSIONS = 20;

export interface SavedSession {
  /** SHA-256 of the cookie's value, in hex. */
  hash: string;
  /** When the link was used, in ms since the epoch. */
  created: number;
}

export const hashOf = (sid: string): string => createHash('sha256').update(sid).digest('hex');

/** Equal strings, compared in constant time (a different length is not equal). */
export function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Less than 30 days old at `now`. */
export const isLive = (s: SavedSession, now: number): boolean => now - s.created < SESSION_MS;

/**
 * The sessions a sessions file holds: only well-formed, live entries. Anything else (not JSON,
 * not a list, an entry of the wrong shape) gives none: the printed link lets the browser in again.
 */
export function parseSessions(text: string, now: number): SavedSession[] {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: as no list
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((s: unknown): s is SavedSession => {
    const e = s as Partial<SavedSession> | null;
    return typeof e?.hash === 'string' && typeof e.created === 'number' && isLive(e as SavedSession, now);
  });
}

/** The list with a new session's hash added last, keeping the newest MAX_SESSIONS. */
export const withSession = (sessions: readonly SavedSession[], sid: string, now: number): SavedSession[] =>
  [...sessions, { hash: hashOf(sid), created: now }].slice(-MAX_SESSIONS);

/** The value of cookie `name` in a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** Whether a request's Cookie header carries a live session. */
export function signedIn(
  sessions: readonly SavedSession[],
  cookieHeader: string | undefined,
  now: number,
): boolean {
  const sid = cookieValue(cookieHeader, COOKIE);
  if (sid === null) return false;
  const hash = hashOf(sid);
  return sessions.some((s) => isLive(s, now) && equalSecret(s.hash, hash));
}

/** The Set-Cookie header that hands a browser its session: script cannot read it, no other site sends it. */
export const sessionCookie = (sid: string): string =>
  `${COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}`;
