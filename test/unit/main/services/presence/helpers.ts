/**
 * Test helpers for the presence rules: a person's zone built the way production builds it (the
 * EWS yearly rule the simulator publishes for an IANA zone, read by ewsZone), readable relative
 * times, and a tiny English formatter so the rule table reads like the issue.
 */
import type { BusyType } from '../../../../../main/exchange/operations/availability';
import type { AvailabilityTimeZone } from '../../../../../main/exchange/operations/availability';
import { legacyFromIana, type LegacyTimeZone } from '../../../../../main/exchange-sim/ews/tz';
import type {
  AutoReplies,
  Presence,
  ScheduleEvent,
  UnknownReason,
  WorkingHoursRule,
  Zone,
} from '../../../../../main/services/presence/types';
import {
  ewsZone,
  localDayNumber,
  localParts,
  utcFromLocal,
} from '../../../../../main/services/presence/zones';

/** The simulator's legacy zone in the client's shape (what readAvailability gives). */
export function fromLegacy(l: LegacyTimeZone): AvailabilityTimeZone {
  const t = (x: NonNullable<LegacyTimeZone['standard']>) => {
    const [h = '0', m = '0', s = '0'] = x.time.split(':');
    return {
      biasMinutes: x.bias,
      timeMinutes: Number(h) * 60 + Number(m) + Number(s) / 60,
      dayOrder: x.dayOrder,
      month: x.month,
      dayOfWeek: x.dayOfWeek,
    };
  };
  const out: AvailabilityTimeZone = { biasMinutes: l.bias };
  if (l.standard) out.standard = t(l.standard);
  if (l.daylight) out.daylight = t(l.daylight);
  return out;
}

/** A person's zone as GetUserAvailability would give it for 2026. */
export function personZone(iana: string): Zone {
  return ewsZone(fromLegacy(legacyFromIana(iana, 2026)));
}

const DAY_ABBR = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-25 14:30" in a zone → the instant (a repeated time is its first occurrence). */
export function at(zone: Zone, wall: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(wall);
  if (!m) throw new Error(`bad wall time ${wall}`);
  return utcFromLocal(zone, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]) * 60 + Number(m[5]));
}

/** "+1d08:00", "-1d23:00" or "14:00": a wall time on a day relative to the day of `base` in a zone. */
export function rel(zone: Zone, base: number, s: string): number {
  const m = /^(?:([+-]\d+)d)?(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad relative time ${s}`);
  const p = localParts(zone, base);
  return utcFromLocal(zone, p.year, p.month, p.day + Number(m[1] ?? 0), Number(m[2]) * 60 + Number(m[3]));
}

const KINDS: Record<string, BusyType> = {
  busy: 'Busy',
  tent: 'Tentative',
  oof: 'OOF',
  free: 'Free',
  elsewhere: 'WorkingElsewhere',
  nodata: 'NoData',
};

/** "busy 09:00..10:00 Budget review (private)" → an event, times relative to the day of `base`. */
export function event(zone: Zone, base: number, s: string): ScheduleEvent {
  const m = /^(\w+) (\S+)\.\.(\S+)(?: (.*?))?( \(private\))?$/.exec(s);
  const kind = m && KINDS[m[1]!];
  if (!m || !kind) throw new Error(`bad event ${s}`);
  const e: ScheduleEvent = { startMs: rel(zone, base, m[2]!), endMs: rel(zone, base, m[3]!), busyType: kind };
  if (m[4]) e.subject = m[4];
  if (m[5]) e.isPrivate = true;
  return e;
}

/** "Mon-Fri 08:00-17:00", "Sun,Sat 09:00-18:00", "none 08:00-17:00" (no working day) → the rule. */
export function hours(zone: Zone, s: string): WorkingHoursRule {
  const m = /^(\S+) (\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad hours ${s}`);
  const spec = m[1]!;
  let days: number[];
  if (spec === 'none') days = [];
  else if (spec.includes('-')) {
    const [a, b] = spec.split('-').map((d) => DAY_ABBR.indexOf(d));
    days = [];
    for (let d = a!; d <= b!; d += 1) days.push(d);
  } else days = spec.split(',').map((d) => DAY_ABBR.indexOf(d));
  return {
    zone,
    days,
    startMinutes: Number(m[2]) * 60 + Number(m[3]),
    endMinutes: Number(m[4]) * 60 + Number(m[5]),
  };
}

/** "on", "on until +5d08:00 | Back Monday", "off | Gone fishing" → automatic replies. */
export function replies(zone: Zone, base: number, s: string): AutoReplies {
  const [head = '', reply] = s.split(' | ');
  const m = /^(on|off)(?: until (\S+))?$/.exec(head);
  if (!m) throw new Error(`bad replies ${s}`);
  const out: AutoReplies = { active: m[1] === 'on' };
  if (m[2]) out.untilMs = rel(zone, base, m[2]);
  if (reply) out.reply = reply;
  return out;
}

/** "Mon 08:00" in a zone: the until column (weekday and time are enough within a week). */
export function dayTime(zone: Zone, ms: number): string {
  const p = localParts(zone, ms);
  return `${DAY_ABBR[p.weekday]} ${pad(Math.floor(p.minutes / 60))}:${pad(p.minutes % 60)}`;
}

/** "14:00" when on the same local day as now in that zone, else "Thu 26 Nov 08:00". */
export function when(zone: Zone, ms: number, nowMs: number): string {
  const p = localParts(zone, ms);
  const time = `${pad(Math.floor(p.minutes / 60))}:${pad(p.minutes % 60)}`;
  if (localDayNumber(zone, ms) === localDayNumber(zone, nowMs)) return time;
  return `${DAY_ABBR[p.weekday]} ${p.day} ${MONTH_ABBR[p.month - 1]} ${time}`;
}

const REASON_WORDS: Record<UnknownReason, string> = {
  'not-shared': 'calendar not shared',
  'not-found': 'mailbox not found',
  'no-data': 'no data',
  error: 'error',
  'not-loaded': 'not loaded yet',
};

/** A tiny English formatter (the renderer has the real one, in both languages). */
export function words(p: Presence, nowMs: number, viewer: Zone, person: Zone): string {
  const until = p.untilMs === undefined ? '' : when(viewer, p.untilMs, nowMs);
  switch (p.state) {
    case 'unknown':
      return `Unknown — ${p.reason ? REASON_WORDS[p.reason] : '?'}`;
    case 'available': {
      const head = until ? `Free until ${until}` : 'Available';
      if (!p.tentative) return head;
      return `${head} · tentative${p.tentative.subject ? `: ${p.tentative.subject}` : ''}`;
    }
    case 'busy':
      return `In a meeting${until ? ` until ${until}` : ''}${p.subject ? ` — ${p.subject}` : ''}`;
    case 'oof':
      return `Out of office${until ? ` until ${until}` : ''}${p.oofReply ? ` “${p.oofReply}”` : ''}`;
    case 'off-work': {
      if (p.untilMs === undefined) return 'Off work';
      const theirs = when(person, p.untilMs, nowMs);
      return theirs === until
        ? `Off work, back ${theirs}`
        : `Off work, back ${theirs} their time — ${until} yours`;
    }
  }
}
