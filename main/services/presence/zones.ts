/**
 * Time zones for presence: a person's zone as GetUserAvailability publishes it (a yearly
 * Bias/StandardTime/DaylightTime rule, no name), the viewer's IANA zone (Intl, full ICU in
 * Node and Chromium), and a fixed offset. Plus the two conversions the rules need: the local
 * wall clock of an instant, and the instant of a local wall time. Pure: no clock reads.
 */
import type {
  AvailabilityTimeZone,
  TimeZoneTransition,
  WorkingHours,
} from '../../exchange/operations/availability';
import type { WorkingHoursRule, Zone } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A zone that never changes offset (UTC, or a zone we only know one bias of). */
export function fixedZone(minutes: number, name?: string): Zone {
  return name === undefined ? { offsetMinutes: () => minutes } : { name, offsetMinutes: () => minutes };
}

export const UTC_ZONE: Zone = fixedZone(0, 'UTC');

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(name: string): Intl.DateTimeFormat {
  let f = formatters.get(name);
  // Stryker disable next-line ConditionalExpression: a new formatter for the same zone prints the same parts; the cache only saves work
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(name, f);
  }
  return f;
}

/** Local minus UTC in an IANA zone, read from what Intl prints for the instant (whole minutes). */
function intlOffsetMinutes(f: Intl.DateTimeFormat, utcMs: number): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const parts = f.formatToParts(new Date(whole));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    // Stryker disable next-line OptionalChaining: formatToParts always has the six parts the formatter asks for
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - whole) / MINUTE);
}

/** An IANA zone ("Europe/Paris"); throws a RangeError for a name Intl does not know. */
export function ianaZone(name: string): Zone {
  const f = formatterFor(name);
  return { name, offsetMinutes: (utcMs) => intlOffsetMinutes(f, utcMs) };
}

/** Whether Intl knows the zone (so ianaZone will not throw). */
export function isIanaZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local wall-clock instant (ms, read as if UTC) at which a transition happens in a year:
 * DayOrder 1-4 is that occurrence of the weekday in the month, 5 (or more) the last one.
 */
export function transitionWallMs(t: TimeZoneTransition, year: number): number {
  const month = t.month - 1;
  let day: number;
  if (t.dayOrder >= 5) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    day = last.getUTCDate() - ((last.getUTCDay() - t.dayOfWeek + 7) % 7);
  } else {
    const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
    day = 1 + ((t.dayOfWeek - firstWeekday + 7) % 7) + (t.dayOrder - 1) * 7;
  }
  return Date.UTC(year, month, day) + Math.round(t.timeMinutes * MINUTE);
}

/**
 * Whether the rule has a daylight period at all. Exchange writes a zone without DST with both
 * transitions at DayOrder/Month 0, or with the same bias in both, or leaves them out.
 */
export function observesDaylight(
  tz: AvailabilityTimeZone,
): tz is AvailabilityTimeZone & Required<Pick<AvailabilityTimeZone, 'standard' | 'daylight'>> {
  const { standard: std, daylight: dst } = tz;
  if (!std || !dst) return false;
  if (std.month < 1 || dst.month < 1 || std.dayOrder < 1 || dst.dayOrder < 1) return false;
  if (std.biasMinutes === dst.biasMinutes) return false;
  return !(std.month === dst.month && std.dayOrder === dst.dayOrder && std.dayOfWeek === dst.dayOfWeek);
}

/**
 * Local minus UTC (minutes) under an EWS yearly rule. The daylight start is written in standard
 * wall time and the standard start in daylight wall time (as Windows does), so each is turned
 * into UTC with the offset in force just before it. When daylight starts later in the year than
 * it ends (southern hemisphere), daylight is the part of the year outside [standard, daylight).
 * Year (optional in EWS) only says which year the rule was taken from: the rule is applied to
 * every year, as Exchange itself does for a single-rule zone.
 */
export function ewsOffsetMinutes(tz: AvailabilityTimeZone, utcMs: number): number {
  const standardBias = tz.biasMinutes + (tz.standard?.biasMinutes ?? 0);
  // It is false without both rules, and says so to the type checker.
  if (!observesDaylight(tz)) return -standardBias;
  const { standard: std, daylight: dst } = tz;
  const daylightBias = tz.biasMinutes + dst.biasMinutes;
  // The year as the person's clock reads it in standard time (matters around New Year only).
  const year = new Date(utcMs - standardBias * MINUTE).getUTCFullYear();
  const daylightStartUtc = transitionWallMs(dst, year) + standardBias * MINUTE;
  const standardStartUtc = transitionWallMs(std, year) + daylightBias * MINUTE;
  // Equal starts (a rule whose daylight ends the instant it begins) are an empty daylight period.
  const inDaylight =
    daylightStartUtc <= standardStartUtc
      ? utcMs >= daylightStartUtc && utcMs < standardStartUtc
      : utcMs >= daylightStartUtc || utcMs < standardStartUtc;
  return -(inDaylight ? daylightBias : standardBias);
}

/** The person's zone from the WorkingHours TimeZone of GetUserAvailability (it has no name). */
export function ewsZone(tz: AvailabilityTimeZone): Zone {
  return { offsetMinutes: (utcMs) => ewsOffsetMinutes(tz, utcMs) };
}

const DAY_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['Sunday', 0],
  ['Monday', 1],
  ['Tuesday', 2],
  ['Wednesday', 3],
  ['Thursday', 4],
  ['Friday', 5],
  ['Saturday', 6],
]);

/**
 * The rule table's working hours from what GetUserAvailability said: the person's zone from its
 * yearly rule, day names as numbers. EWS also has "Weekday", "WeekendDay" and "Day"; unknown
 * names are dropped rather than guessed.
 */
export function workingHoursRule(wh: WorkingHours): WorkingHoursRule {
  const days = new Set<number>();
  for (const name of wh.days) {
    if (name === 'Day') [0, 1, 2, 3, 4, 5, 6].forEach((d) => days.add(d));
    else if (name === 'Weekday') [1, 2, 3, 4, 5].forEach((d) => days.add(d));
    else if (name === 'WeekendDay') [0, 6].forEach((d) => days.add(d));
    else {
      const day = DAY_NUMBERS.get(name);
      if (day !== undefined) days.add(day);
    }
  }
  return {
    zone: ewsZone(wh.timeZone),
    days: [...days].sort((a, b) => a - b),
    startMinutes: wh.startMinutes,
    endMinutes: wh.endMinutes,
  };
}

/** A wall-clock reading of an instant in a zone. month 1-12; weekday 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  /** Minutes after local midnight (0-1439). */
  minutes: number;
  /** The local wall time as if it were UTC, in ms: handy for date arithmetic. */
  wallMs: number;
}

export function localParts(zone: Zone, utcMs: number): LocalParts {
  const wallMs = utcMs + zone.offsetMinutes(utcMs) * MINUTE;
  const d = new Date(wallMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
    wallMs,
  };
}

/** The local calendar day of an instant as a day number (days since 1970-01-01): equal days compare equal. */
export function localDayNumber(zone: Zone, utcMs: number): number {
  return Math.floor(localParts(zone, utcMs).wallMs / DAY);
}

/**
 * The instant at which a zone's clocks read a wall time (given as ms read as if UTC).
 * Offsets a day either side are the candidates. A time that exists twice (clocks going back)
 * takes the first, so "08:00" on that day is the earlier 08:00; a time that does not exist
 * (clocks going forward) moves forward by the gap, as Outlook does ("02:30" becomes 03:30).
 */
export function utcFromWall(zone: Zone, wallMs: number): number {
  const before = zone.offsetMinutes(wallMs - DAY);
  const after = zone.offsetMinutes(wallMs + DAY);
  const candidates = [wallMs - before * MINUTE, wallMs - after * MINUTE].filter(
    (t) => t + zone.offsetMinutes(t) * MINUTE === wallMs,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: read with the offset before the change, which lands just as far past it.
  return wallMs - before * MINUTE;
}

/** The instant of a local date and time in a zone (month 1-12; minutes may pass 1440 or go below 0). */
export function utcFromLocal(zone: Zone, year: number, month: number, day: number, minutes = 0): number {
  return utcFromWall(zone, Date.UTC(year, month - 1, day) + minutes * MINUTE);
}

/** The instant of local midnight starting the day `addDays` after the day of utcMs, in a zone. */
export function startOfLocalDay(zone: Zone, utcMs: number, addDays = 0): number {
  const p = localParts(zone, utcMs);
  return utcFromLocal(zone, p.year, p.month, p.day + addDays, 0);
}
