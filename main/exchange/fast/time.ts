/**
 * EWS timestamps read by hand: the shapes Exchange sends (`2026-11-25T09:00:00`, with `Z`, or
 * with milliseconds) become the ISO string `utcFromEws` would give, by slicing, without a regex
 * or a Date; anything else goes to `utcFromEws` itself, so the answer is always the same.
 */
import { utcFromEws } from '../operations/availability';

const ZERO = 48;

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** `YYYY-MM-DDTHH:MM:SS` with valid fields (Date would roll 30 February over to March). */
function plainDateTime(s: string): boolean {
  if (
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58
  )
    return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  return (
    year >= 1970 &&
    // Stryker disable next-line ConditionalExpression: a month outside 1–12 has no entry in daysIn (undefined), so the day test refuses it anyway
    month >= 1 &&
    // Stryker disable next-line ConditionalExpression: as above
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

/**
 * The ISO string for the shapes Exchange sends (`YYYY-MM-DDTHH:MM:SS`, optionally `.mmm`, optionally
 * `Z` or `z`), by slicing; null for anything else, which `fastUtc` hands to `utcFromEws`.
 */
export function fastShape(s: string): string | null {
  const n = s.length;
  const last = s.charCodeAt(n - 1);
  const zoned = last === 90 /* Z */ || last === 122; /* z */
  const bare = zoned ? n - 1 : n;
  const millis = bare === 23 && s.charCodeAt(19) === 46 /* . */ && digits(s, 20, 3) >= 0;
  if (!(bare === 19 || millis) || !plainDateTime(s)) return null;
  return bare === 19 ? `${s.slice(0, 19)}.000Z` : `${s.slice(0, 23)}Z`;
}

/** Same answer as `utcFromEws(s)`, faster for the usual shapes. */
export function fastUtc(s: string): string {
  return fastShape(s) ?? utcFromEws(s);
}
