/**
 * Time zones as EWS speaks them: the legacy availability time zone (Bias, StandardTime,
 * DaylightTime with a yearly rule) on the wire, IANA zones in the org, Intl in between.
 */
import { child, el, leaf, textAt, type XNode } from './xml';
import { zoneOffsetMs } from '../org/tz';

export const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export interface Transition {
  /** Minutes added to the zone bias in this period (0 standard, -60 daylight typically). */
  bias: number;
  /** Local wall time of the change, "HH:MM:SS". */
  time: string;
  /** 1-4: that occurrence of the weekday in the month; 5: the last. */
  dayOrder: number;
  month: number;
  dayOfWeek: number;
}

export interface LegacyTimeZone {
  /** UTC = local + bias (minutes). */
  bias: number;
  standard?: Transition;
  daylight?: Transition;
}

export const UTC_ZONE: LegacyTimeZone = { bias: 0 };

/** Local minus UTC, in minutes, for an IANA zone at an instant (the org generator's cached Intl reading). */
export function ianaOffsetMinutes(zone: string, utcMs: number): number {
  return Math.round(zoneOffsetMs(zone, utcMs) / 60000);
}

export function isValidIana(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseHms(time: string): number {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return Number(h) * 3600000 + Number(m) * 60000 + Number(s) * 1000;
}

/** The UTC-less "local wall clock" instant (ms, as if UTC) of a transition in a given year. */
function transitionLocalMs(t: Transition, year: number): number {
  const month = t.month - 1;
  let day: number;
  if (t.dayOrder >= 5) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    day = last.getUTCDate() - ((last.getUTCDay() - t.dayOfWeek + 7) % 7);
  } else {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    day = 1 + ((t.dayOfWeek - first + 7) % 7) + (t.dayOrder - 1) * 7;
  }
  return Date.UTC(year, month, day) + parseHms(t.time);
}

/** Local minus UTC, in minutes, for a legacy zone at an instant. */
export function legacyOffsetMinutes(tz: LegacyTimeZone, utcMs: number): number {
  const std = tz.standard;
  const dst = tz.daylight;
  if (!std || !dst || std.month === 0 || dst.month === 0 || std.bias === dst.bias) {
    return -(tz.bias + (std?.bias ?? 0));
  }
  const year = new Date(utcMs).getUTCFullYear();
  // The daylight start is in standard local time, the standard start in daylight local time.
  const dstStartUtc = transitionLocalMs(dst, year) + (tz.bias + std.bias) * 60000;
  const stdStartUtc = transitionLocalMs(std, year) + (tz.bias + dst.bias) * 60000;
  const inDst =
    dstStartUtc < stdStartUtc
      ? utcMs >= dstStartUtc && utcMs < stdStartUtc
      : utcMs >= dstStartUtc || utcMs < stdStartUtc;
  return -(tz.bias + (inDst ? dst.bias : std.bias));
}

function readTransition(node: XNode | undefined): Transition | undefined {
  if (!node) return undefined;
  const dayName = textAt(node, 'DayOfWeek') ?? 'Sunday';
  return {
    bias: Number(textAt(node, 'Bias') ?? 0),
    time: textAt(node, 'Time') ?? '00:00:00',
    dayOrder: Number(textAt(node, 'DayOrder') ?? 1),
    month: Number(textAt(node, 'Month') ?? 0),
    dayOfWeek: Math.max(0, (DAY_NAMES as readonly string[]).indexOf(dayName)),
  };
}

/** Reads a t:TimeZone (SerializableTimeZone). Throws on a non-numeric bias. */
export function readLegacyTimeZone(node: XNode | undefined): LegacyTimeZone | undefined {
  if (!node) return undefined;
  const bias = Number(textAt(node, 'Bias') ?? 'x');
  if (!Number.isFinite(bias)) throw new RangeError('Bias');
  const out: LegacyTimeZone = { bias };
  const std = readTransition(child(node, 'StandardTime'));
  const dst = readTransition(child(node, 'DaylightTime'));
  if (std) out.standard = std;
  if (dst) out.daylight = dst;
  return out;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function transitionFor(utcMs: number, before: number): Transition {
  const local = new Date(utcMs + before * 60000);
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    bias: 0,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    dayOrder: day + 7 > daysInMonth ? 5 : Math.ceil(day / 7),
    month: local.getUTCMonth() + 1,
    dayOfWeek: local.getUTCDay(),
  };
}

const legacyCache = new Map<string, LegacyTimeZone>();

/** The yearly rule Exchange would publish for an IANA zone (from the given year's transitions). */
export function legacyFromIana(zone: string, year: number): LegacyTimeZone {
  const key = `${zone}|${year}`;
  const cached = legacyCache.get(key);
  if (cached) return cached;
  const start = Date.UTC(year, 0, 1);
  const changes: { at: number; before: number; after: number }[] = [];
  let prev = ianaOffsetMinutes(zone, start);
  for (let d = 1; d <= 366; d += 1) {
    const t = start + d * 86400000;
    const off = ianaOffsetMinutes(zone, t);
    if (off !== prev) {
      let lo = t - 86400000;
      let hi = t;
      while (hi - lo > 60000) {
        const mid = lo + Math.floor((hi - lo) / 120000) * 60000;
        if (ianaOffsetMinutes(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, before: prev, after: off });
      prev = off;
    }
  }
  let out: LegacyTimeZone;
  const toDst = changes.find((c) => c.after > c.before);
  const toStd = changes.find((c) => c.after < c.before);
  if (toDst && toStd) {
    const standardOffset = toDst.before;
    const daylight = transitionFor(toDst.at, toDst.before);
    const standard = transitionFor(toStd.at, toStd.before);
    out = {
      bias: -standardOffset,
      standard: { ...standard, bias: 0 },
      daylight: { ...daylight, bias: -(toDst.after - toDst.before) },
    };
  } else {
    const off = ianaOffsetMinutes(zone, Date.UTC(year, 6, 1));
    const none: Transition = { bias: 0, time: '00:00:00', dayOrder: 1, month: 1, dayOfWeek: 0 };
    out = { bias: -off, standard: none, daylight: { ...none } };
  }
  legacyCache.set(key, out);
  return out;
}

function transitionXml(name: string, t: Transition): string {
  return el(
    name,
    undefined,
    leaf('t:Bias', t.bias),
    leaf('t:Time', t.time),
    leaf('t:DayOrder', t.dayOrder),
    leaf('t:Month', t.month),
    leaf('t:DayOfWeek', DAY_NAMES[t.dayOfWeek] ?? 'Sunday'),
  );
}

export function legacyTimeZoneXml(tz: LegacyTimeZone): string {
  return el(
    't:TimeZone',
    undefined,
    leaf('t:Bias', tz.bias),
    tz.standard && transitionXml('t:StandardTime', tz.standard),
    tz.daylight && transitionXml('t:DaylightTime', tz.daylight),
  );
}

export interface Zone {
  /** Local minus UTC (minutes) at an instant. */
  offset(utcMs: number): number;
}

export function legacyZone(tz: LegacyTimeZone): Zone {
  return { offset: (ms) => legacyOffsetMinutes(tz, ms) };
}
export function ianaZone(name: string): Zone {
  return { offset: (ms) => ianaOffsetMinutes(name, ms) };
}
export const UTC: Zone = { offset: () => 0 };

/** "YYYY-MM-DDTHH:MM:SS" of an instant in a zone (no offset suffix, as availability answers). */
export function formatLocal(zone: Zone, utcMs: number): string {
  const d = new Date(utcMs + zone.offset(utcMs) * 60000);
  return d.toISOString().slice(0, 19);
}

/** xs:dateTime in UTC with Z, whole seconds (as Exchange writes item times). */
export function formatUtc(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 19) + 'Z';
}

/**
 * Parses an xs:dateTime. With Z or an offset it is absolute; without, it is wall time in `zone`.
 * Returns NaN when unparsable.
 */
export function parseDateTime(value: string, zone: Zone): number {
  const v = value.trim();
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(v);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', tzs] = m;
  const localMs =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
    Math.round(Number(`0.${frac}`) * 1000);
  if (tzs === 'Z') return localMs;
  if (tzs) {
    const sign = tzs.startsWith('-') ? -1 : 1;
    const [oh = '0', om = '0'] = tzs.slice(1).split(':');
    return localMs - sign * (Number(oh) * 60 + Number(om)) * 60000;
  }
  let guess = localMs - zone.offset(localMs) * 60000;
  guess = localMs - zone.offset(guess) * 60000;
  return guess;
}

/**
 * The Windows time zones this server publishes (GetServerTimeZones) and understands in
 * StartTimeZone/@Id: Windows id, the IANA zone whose rules it follows, and its display name.
 */
export interface ServerTimeZone {
  id: string;
  iana: string;
  name: string;
}

export const SERVER_TIME_ZONES: readonly ServerTimeZone[] = [
  { id: 'UTC', iana: 'UTC', name: '(UTC) Coordinated Universal Time' },
  { id: 'Greenwich Standard Time', iana: 'Atlantic/Reykjavik', name: '(UTC+00:00) Monrovia, Reykjavik' },
  { id: 'GMT Standard Time', iana: 'Europe/London', name: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London' },
  {
    id: 'W. Europe Standard Time',
    iana: 'Europe/Berlin',
    name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
  },
  {
    id: 'Romance Standard Time',
    iana: 'Europe/Paris',
    name: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris',
  },
  {
    id: 'Central Europe Standard Time',
    iana: 'Europe/Budapest',
    name: '(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague',
  },
  {
    id: 'Central European Standard Time',
    iana: 'Europe/Warsaw',
    name: '(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb',
  },
  { id: 'E. Europe Standard Time', iana: 'Europe/Chisinau', name: '(UTC+02:00) Chisinau' },
  {
    id: 'FLE Standard Time',
    iana: 'Europe/Kiev',
    name: '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius',
  },
  { id: 'GTB Standard Time', iana: 'Europe/Bucharest', name: '(UTC+02:00) Athens, Bucharest' },
  { id: 'Russian Standard Time', iana: 'Europe/Moscow', name: '(UTC+03:00) Moscow, St. Petersburg' },
  { id: 'Egypt Standard Time', iana: 'Africa/Cairo', name: '(UTC+02:00) Cairo' },
  { id: 'South Africa Standard Time', iana: 'Africa/Johannesburg', name: '(UTC+02:00) Harare, Pretoria' },
  { id: 'Arabian Standard Time', iana: 'Asia/Dubai', name: '(UTC+04:00) Abu Dhabi, Muscat' },
  { id: 'Arab Standard Time', iana: 'Asia/Riyadh', name: '(UTC+03:00) Kuwait, Riyadh' },
  {
    id: 'India Standard Time',
    iana: 'Asia/Kolkata',
    name: '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi',
  },
  {
    id: 'China Standard Time',
    iana: 'Asia/Shanghai',
    name: '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi',
  },
  { id: 'Tokyo Standard Time', iana: 'Asia/Tokyo', name: '(UTC+09:00) Osaka, Sapporo, Tokyo' },
  { id: 'Korea Standard Time', iana: 'Asia/Seoul', name: '(UTC+09:00) Seoul' },
  { id: 'Singapore Standard Time', iana: 'Asia/Singapore', name: '(UTC+08:00) Kuala Lumpur, Singapore' },
  {
    id: 'AUS Eastern Standard Time',
    iana: 'Australia/Sydney',
    name: '(UTC+10:00) Canberra, Melbourne, Sydney',
  },
  { id: 'New Zealand Standard Time', iana: 'Pacific/Auckland', name: '(UTC+12:00) Auckland, Wellington' },
  { id: 'Eastern Standard Time', iana: 'America/New_York', name: '(UTC-05:00) Eastern Time (US & Canada)' },
  { id: 'Central Standard Time', iana: 'America/Chicago', name: '(UTC-06:00) Central Time (US & Canada)' },
  { id: 'Mountain Standard Time', iana: 'America/Denver', name: '(UTC-07:00) Mountain Time (US & Canada)' },
  { id: 'US Mountain Standard Time', iana: 'America/Phoenix', name: '(UTC-07:00) Arizona' },
  {
    id: 'Pacific Standard Time',
    iana: 'America/Los_Angeles',
    name: '(UTC-08:00) Pacific Time (US & Canada)',
  },
  { id: 'Alaskan Standard Time', iana: 'America/Anchorage', name: '(UTC-09:00) Alaska' },
  { id: 'Hawaiian Standard Time', iana: 'Pacific/Honolulu', name: '(UTC-10:00) Hawaii' },
  { id: 'E. South America Standard Time', iana: 'America/Sao_Paulo', name: '(UTC-03:00) Brasilia' },
  {
    id: 'Argentina Standard Time',
    iana: 'America/Argentina/Buenos_Aires',
    name: '(UTC-03:00) City of Buenos Aires',
  },
  { id: 'Canada Central Standard Time', iana: 'America/Regina', name: '(UTC-06:00) Saskatchewan' },
  { id: 'Atlantic Standard Time', iana: 'America/Halifax', name: '(UTC-04:00) Atlantic Time (Canada)' },
  { id: 'Israel Standard Time', iana: 'Asia/Jerusalem', name: '(UTC+02:00) Jerusalem' },
  { id: 'Turkey Standard Time', iana: 'Europe/Istanbul', name: '(UTC+03:00) Istanbul' },
];

/** Windows ids → IANA: the published zones, plus old ids clients still send (never published). */
const WINDOWS_TO_IANA: Record<string, string> = {
  ...Object.fromEntries(SERVER_TIME_ZONES.map((z) => [z.id, z.iana])),
  // Retired by Windows in favour of GTB Standard Time; accepted from clients.
  'Greek Standard Time': 'Europe/Athens',
};

/** IANA zones another Windows zone follows too (Windows has no id of their own). */
const IANA_TO_WINDOWS: Record<string, string> = {
  ...Object.fromEntries(SERVER_TIME_ZONES.map((z) => [z.iana, z.id])),
  'Europe/Athens': 'GTB Standard Time',
};

/** IANA zone for a StartTimeZone/@Id (Windows id, or already IANA); undefined when unknown. */
export function ianaFromWindowsId(id: string): string | undefined {
  const mapped = Object.hasOwn(WINDOWS_TO_IANA, id) ? WINDOWS_TO_IANA[id] : undefined;
  if (mapped) return mapped;
  if (id.includes('/') && isValidIana(id)) return id;
  return undefined;
}

/** A Windows id for an IANA zone when one is known (for StartTimeZoneId), else the IANA name. */
export function windowsIdFromIana(zone: string): string {
  return Object.hasOwn(IANA_TO_WINDOWS, zone) ? IANA_TO_WINDOWS[zone]! : zone;
}
