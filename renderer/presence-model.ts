/**
 * Presence in words and in order, for rows, cards and the header: pure functions of the
 * contract's PresenceInfo, the language and the viewer's clock, so tests read them like tables.
 * Main decides the state and its times; the renderer only says them in the user's language and
 * time format.
 */
import type { PresenceInfo, PresenceReason, PresenceState } from '../preload/contract';

/** What i18next's `t` needs here (a narrow type, so tests can pass a plain function). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The locale for dates and times: the system's own when it speaks the chosen language (so an
 * English user in the UK gets 15:30, one in the US 3:30 PM), else the language itself.
 */
export function timeLocale(language: string, systemLocales: readonly string[]): string {
  // Stryker disable next-line OptionalChaining: split with a string separator always returns at least one element, so [0] is never undefined
  const lang = language.split('-')[0]?.toLowerCase() ?? 'en';
  return systemLocales.find((l) => l.toLowerCase().split('-')[0] === lang) ?? lang;
}

const DAY = 86_400_000;

/** Days since the epoch at a fixed offset: two instants on the same local day share it. */
export function localDayNumber(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / DAY);
}

/** The viewer's own UTC offset at an instant (Date knows this computer's zone). */
export const viewerOffset = (ms: number): number => -new Date(ms).getTimezoneOffset();

export type Clockface = {
  locale: string;
  /** The viewer's offset at an instant; injectable so tests do not depend on the machine's zone. */
  offset: (ms: number) => number;
};

const STYLES = {
  day: { weekday: 'long', day: 'numeric', month: 'short' },
  weekday: { weekday: 'short' },
  /** "2 Nov" */
  date: { day: 'numeric', month: 'short' },
  /** "2 Nov 2025" */
  dateYear: { day: 'numeric', month: 'short', year: 'numeric' },
  /** "Monday 2 November 2026" */
  longDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type FormatStyle = 'time' | keyof typeof STYLES;
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale and style, made once: building an Intl.DateTimeFormat costs far more
 * than formatting with it, and every row of the contact list says a time on every render.
 */
export function dateFormat(locale: string, style: FormatStyle): Intl.DateTimeFormat {
  const key = `${style}\u0000${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      style === 'time'
        ? { hour: hourStyle(locale), minute: '2-digit', timeZone: 'UTC' }
        : { ...STYLES[style], timeZone: 'UTC' },
    );
    formats.set(key, format);
  }
  return format;
}

/** 24-hour clocks write 08:00, 12-hour ones 8:00 AM, as Outlook does in each locale. */
function hourStyle(locale: string): '2-digit' | 'numeric' {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric';
}

/** "15:30" (or "3:30 PM"), at a fixed offset: the viewer's, or the person's for "their time". */
export function formatTime(ms: number, face: Clockface, offsetMinutes = face.offset(ms)): string {
  return dateFormat(face.locale, 'time').format(new Date(ms + offsetMinutes * 60_000));
}

/** "Monday 2 Dec" / "lundi 2 déc." */
export function formatDay(ms: number, face: Clockface, offsetMinutes = face.offset(ms)): string {
  return dateFormat(face.locale, 'day').format(new Date(ms + offsetMinutes * 60_000));
}

/** A time today is said as a time; another day adds the weekday ("Tue 09:00"). */
export function formatWhen(ms: number, nowMs: number, face: Clockface, offsetMinutes?: number): string {
  const off = offsetMinutes ?? face.offset(ms);
  const time = formatTime(ms, face, off);
  if (localDayNumber(ms, off) === localDayNumber(nowMs, offsetMinutes ?? face.offset(nowMs))) return time;
  const day = dateFormat(face.locale, 'weekday').format(new Date(ms + off * 60_000));
  return `${day} ${time}`;
}

/** The state's name alone: the badge's accessible name. */
export function stateLabel(state: PresenceState, t: Translate): string {
  return t(`presence.state.${state}`);
}

export function reasonLabel(reason: PresenceReason | undefined, t: Translate): string {
  return t(`presence.reason.${reason ?? 'error'}`);
}

/**
 * The status line under a name: "In a meeting until 15:30", "Free until 14:00",
 * "Out of office until Monday 2 Dec", "Off work, back 08:00 their time — 07:00 yours".
 */
export function statusWords(p: PresenceInfo, nowMs: number, face: Clockface, t: Translate): string {
  const until = p.until ? Date.parse(p.until) : undefined;
  switch (p.state) {
    case 'available':
      return until !== undefined
        ? t('presence.freeUntil', { time: formatWhen(until, nowMs, face) })
        : t('presence.state.available');
    case 'busy':
      return until !== undefined
        ? t('presence.busyUntil', { time: formatWhen(until, nowMs, face) })
        : t('presence.state.busy');
    case 'oof':
      return until !== undefined
        ? t('presence.oofUntil', { date: formatDay(until, face) })
        : t('presence.state.oof');
    case 'off-work': {
      if (until === undefined) return t('presence.state.off-work');
      const yours = formatWhen(until, nowMs, face);
      const theirOffset = p.untilUtcOffsetMinutes;
      // Same clock on both sides: say it once.
      if (theirOffset === undefined || theirOffset === face.offset(until))
        return t('presence.offWorkBack', { time: yours });
      const theirs = formatWhen(until, nowMs, face, theirOffset);
      return t('presence.offWorkBackTheirs', { theirs, yours });
    }
    case 'unknown':
      return p.reason === 'not-loaded' ? t('presence.reason.not-loaded') : t('presence.state.unknown');
  }
}

/**
 * Sort by availability: available people first, then everyone else by how soon they become free
 * (a meeting ending at 10:30 before one ending at 16:00, OOF until next week last of those), then
 * people whose presence is unknown. Ties keep the caller's order (name order).
 */
export function availabilityRank(p: PresenceInfo | undefined): [number, number] {
  if (!p || p.state === 'unknown') return [2, 0];
  if (p.state === 'available') return [0, 0];
  const until = p.until ? Date.parse(p.until) : Number.POSITIVE_INFINITY;
  return [1, Number.isFinite(until) ? until : Number.MAX_SAFE_INTEGER];
}

export function byAvailability<T>(
  items: readonly T[],
  presenceOf: (item: T) => PresenceInfo | undefined,
): T[] {
  const ranked = items.map((item, i) => ({ item, i, r: availabilityRank(presenceOf(item)) }));
  ranked.sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i);
  return ranked.map((x) => x.item);
}

/** Their local time now and their zone, e.g. "16:42 (UTC+09:00)". */
export function theirClock(p: PresenceInfo, nowMs: number, face: Clockface): string | null {
  if (p.utcOffsetMinutes === undefined) return null;
  const o = p.utcOffsetMinutes;
  const sign = o < 0 ? '−' : '+';
  const abs = Math.abs(o);
  const zone = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${formatTime(nowMs, face, o)} (${zone})`;
}
