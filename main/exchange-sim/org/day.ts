/**
 * The realistic day: what presence from the calendar needs to look at. On the day of the epoch
 * (each person's own date) and the day after, most people have meetings inside their working
 * hours, some back-to-back or overlapping, some only tentatively accepted; a few are out of office
 * (automatic replies on with a text, or only a block in the calendar with no reply); some
 * calendars are shared as free/busy only (no subjects) and one not at all.
 *
 * A handful of alice's contacts get a scripted day (PRESENCE_SCRIPT, in Paris wall-clock time) so
 * tests can name a person in each situation at the cast instant (presence-cast.ts finds them).
 *
 * It runs after every other generation step from its own seeded stream, so orgs generated before it
 * existed keep every other field byte for byte.
 */
import { calendarWriter, type AddItem } from './calendar-writer';
import { MEETING_SUBJECTS, ROOMS } from './names';
import { mulberry32, type Rng } from './random';
import { zonedToUtc } from './tz';
import type { BusyType, OofSettings, Person } from './types';

const MIN = 60_000;

/** The cast is scripted in this zone's wall-clock time (alice's, the demo user's). */
export const CAST_ZONE = 'Europe/Paris';

/** Wall-clock times (CAST_ZONE) of the scripted situations on the realistic day. */
export const PRESENCE_SCRIPT = {
  /** Back-to-back and overlapping meetings 09:00–10:30: "In a meeting until 10:30". */
  meetingChainStart: [9, 0],
  meetingChainEnd: [10, 30],
  /** The cast instant is this long before the chain ends. */
  castLeadMs: 45_000,
  /** The meeting person is busy again 14:00–15:00; the free person's first meeting is 14:00–15:30. */
  afternoonMeeting: [14, 0],
  /** A meeting not (yet) accepted: Tentative 10:00–11:00. */
  tentative: [
    [10, 0],
    [11, 0],
  ],
} as const;

/** Scripted roles, in the order they are handed out (a small org may not fill them all). */
export const CAST_ROLES = [
  'meetingEndingSoon',
  'notShared',
  'tentative',
  'oofWithReply',
  'oofWithoutReply',
  'freeUntilAfternoon',
  'oofAutoReplyOn',
  'freeBusyOnly',
] as const;
export type CastRole = (typeof CAST_ROLES)[number];

export interface DayDate {
  y: number;
  /** 1..12 */
  month: number;
  d: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** The realistic day: the epoch's UTC date, or the Monday after when that is a weekend. */
export function realisticDay(epochMs: number): DayDate {
  const e = new Date(epochMs);
  const wd = e.getUTCDay();
  const shift = wd === 6 ? 2 : wd === 0 ? 1 : 0;
  return dayDate(e.getUTCFullYear(), e.getUTCMonth() + 1, e.getUTCDate() + shift);
}

function dayDate(y: number, month: number, d: number): DayDate {
  const t = new Date(Date.UTC(y, month - 1, d));
  return { y: t.getUTCFullYear(), month: t.getUTCMonth() + 1, d: t.getUTCDate(), weekday: t.getUTCDay() };
}

/** The cast instant (ms): PRESENCE_SCRIPT.castLeadMs before the scripted meeting chain ends. */
export function castInstantMs(epochMs: number): number {
  const day = realisticDay(epochMs);
  const [h, m] = PRESENCE_SCRIPT.meetingChainEnd;
  return zonedToUtc(CAST_ZONE, day.y, day.month, day.d, h, m) - PRESENCE_SCRIPT.castLeadMs;
}

/** Whether `p`'s working hours, in their own zone, cover the instant. */
export function worksAt(p: Person, ms: number): boolean {
  const wh = p.workingHours;
  const parts = localParts(wh.timeZone, ms);
  return wh.days.includes(parts.weekday) && parts.minutes >= wh.startMinutes && parts.minutes < wh.endMinutes;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();
function localParts(zone: string, ms: number): { weekday: number; minutes: number } {
  let f = partFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(zone, f);
  }
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const part of f.formatToParts(ms)) {
    if (part.type === 'weekday')
      weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { weekday, minutes: hour * 60 + minute };
}

/** A seed for the day's own stream, derived from the org's so each org has one day. */
function daySeed(seed: number): number {
  return (Math.imul((seed ^ 0x5ca1ab1e) >>> 0, 0x9e3779b1) + 0xda7) >>> 0;
}

function weightedBusy(rng: Rng): BusyType {
  const r = rng.next();
  return r < 0.85 ? 'Busy' : r < 0.95 ? 'Tentative' : 'Free';
}

function oofReply(p: Person, untilMs: number): string {
  const date = new Date(untilMs).toISOString().slice(0, 10);
  return p.script === 'french'
    ? `Je suis absent(e) jusqu’au ${date}. Pour toute urgence, contactez mon responsable.`
    : `I am out of the office until ${date} with no access to e-mail. For anything urgent, please contact my manager.`;
}

export interface RealisticDayOptions {
  seed: number;
  epochMs: number;
  domain: string;
  /** The demo user whose contacts get the scripted cast (alice). */
  castOwnerSmtp: string;
}

/** Adds the realistic day to `people` (in place). Returns the scripted cast, role → smtp. */
export function addRealisticDay(
  people: Person[],
  options: RealisticDayOptions,
): Partial<Record<CastRole, string>> {
  const rng = mulberry32(daySeed(options.seed));
  const write = calendarWriter(rng, options.domain, 'day');
  const today = realisticDay(options.epochMs);
  const tomorrow = dayDate(today.y, today.month, today.d + 1);
  const paris = (h: number, m: number, day: DayDate = today): number =>
    zonedToUtc(CAST_ZONE, day.y, day.month, day.d, h, m);
  const localMidnight = (p: Person, day: DayDate, plusDays = 0): number =>
    zonedToUtc(p.workingHours.timeZone, day.y, day.month, day.d + plusDays, 0, 0);

  // 1. The scripted cast among the owner's contacts: people whose two days are still empty, who
  //    work through the scripted hours and whose out-of-office and sharing are untouched.
  const bySmtp = new Map(people.map((p) => [p.smtp, p]));
  const owner = bySmtp.get(options.castOwnerSmtp);
  const windowFrom = paris(0, 0);
  const windowTo = paris(0, 0, dayDate(today.y, today.month, today.d + 2));
  const untouched = (p: Person): boolean =>
    !p.isDemoAccount &&
    p.freeBusySharing === undefined &&
    p.oof.state === 'Disabled' &&
    p.oof.start === undefined;
  const emptyDays = (p: Person): boolean =>
    !p.calendar.some((c) => Date.parse(c.start) < windowTo && Date.parse(c.end) > windowFrom);
  const worksScript = (p: Person): boolean => worksAt(p, paris(9, 0)) && worksAt(p, paris(15, 59));
  // What each role needs of its person: the meeting roles a clean day inside working hours, the
  // out-of-office ones a clean calendar, the unshared calendar nothing (nobody can see it anyway).
  const needs: Record<CastRole, (p: Person) => boolean> = {
    meetingEndingSoon: (p) => untouched(p) && worksScript(p) && emptyDays(p),
    notShared: untouched,
    tentative: (p) => untouched(p) && worksScript(p) && emptyDays(p),
    oofWithReply: (p) => untouched(p) && emptyDays(p),
    oofWithoutReply: (p) => untouched(p) && emptyDays(p),
    freeUntilAfternoon: (p) => untouched(p) && worksScript(p) && emptyDays(p),
    oofAutoReplyOn: (p) => untouched(p) && emptyDays(p),
    freeBusyOnly: (p) => untouched(p) && worksScript(p) && emptyDays(p),
  };
  const cast: Partial<Record<CastRole, string>> = {};
  const castPeople = new Set<Person>();
  const contacts = (owner?.imList.personas ?? [])
    .map((x) => (x.smtp ? bySmtp.get(x.smtp) : undefined))
    .filter((p): p is Person => p !== undefined && p !== owner);
  for (const r of CAST_ROLES) {
    const p = contacts.find((c) => !castPeople.has(c) && needs[r](c));
    if (!p) continue;
    cast[r] = p.smtp;
    castPeople.add(p);
  }
  // Meeting partners for the cast: anyone else (their own day is filled in below).
  const partners = people.filter((p) => !castPeople.has(p) && p !== owner);
  const partner = (): Person[] => (partners.length > 0 ? [rng.pick(partners)] : []);
  const role = (r: CastRole): Person | undefined => {
    const smtp = cast[r];
    return smtp ? bySmtp.get(smtp) : undefined;
  };
  scriptCast(write, role, partner, paris, localMidnight, today);

  // 2. Everyone else: a few OOF, some free/busy-only calendars, then meetings on both days.
  const byZone = new Map<string, Person[]>();
  for (const p of people) {
    if (castPeople.has(p)) continue;
    const z = p.workingHours.timeZone;
    let list = byZone.get(z);
    if (!list) byZone.set(z, (list = []));
    list.push(p);
  }
  for (const p of people) {
    if (castPeople.has(p)) continue;
    const oofUntouched = !p.isDemoAccount && p.oof.state === 'Disabled' && p.oof.start === undefined;
    const r = rng.next();
    if (oofUntouched && r < 0.035) {
      const start = localMidnight(p, today);
      const end = localMidnight(p, tomorrow, 1);
      if (r < 0.02) {
        // Automatic replies on, with a text, and the calendar blocked.
        const reply = oofReply(p, end);
        p.oof = {
          state: 'Enabled',
          externalAudience: 'Known',
          internalReply: reply,
          externalReply: reply,
        } satisfies OofSettings;
      }
      write(p, start, end, { subject: 'Out of office', busyType: 'OOF', isAllDay: true }, []);
      continue;
    }
    if (!p.isDemoAccount && rng.chance(0.1)) p.freeBusySharing = 'free-busy';
    const colleagues = byZone.get(p.workingHours.timeZone) ?? [];
    for (const [day, share, most] of [
      [today, 0.85, 3],
      [tomorrow, 0.6, 2],
    ] as const) {
      if (!p.workingHours.days.includes(day.weekday) || !rng.chance(share)) continue;
      const count = rng.int(1, most);
      for (let k = 0; k < count; k++) addMeeting(rng, write, p, day, colleagues);
    }
  }

  for (const p of people)
    p.calendar.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  return cast;
}

/** One meeting inside `p`'s working hours on `day`, sometimes with a back-to-back or an overlapping one. */
function addMeeting(rng: Rng, write: AddItem, p: Person, day: DayDate, colleagues: readonly Person[]): void {
  const wh = p.workingHours;
  const zone = wh.timeZone;
  const slots = Math.max(1, Math.floor((wh.endMinutes - wh.startMinutes - 60) / 30));
  const startMin = wh.startMinutes + 30 * rng.int(0, slots - 1);
  const duration = Math.min(rng.pick([30, 30, 60, 60, 90]), wh.endMinutes - startMin);
  const start = zonedToUtc(zone, day.y, day.month, day.d, Math.floor(startMin / 60), startMin % 60);
  const end = start + duration * MIN;
  const attendees: Person[] = [];
  if (colleagues.length > 1 && rng.chance(0.75)) {
    const want = rng.int(1, 2);
    for (let tries = 0; attendees.length < want && tries < want * 3; tries++) {
      const c = rng.pick(colleagues);
      if (c !== p && !attendees.includes(c)) attendees.push(c);
    }
  }
  const fields = {
    subject: rng.pick(MEETING_SUBJECTS),
    busyType: weightedBusy(rng),
    location: rng.pick(ROOMS),
    online: rng.chance(0.3),
  };
  write(p, start, end, fields, attendees);
  const dayEnd = zonedToUtc(zone, day.y, day.month, day.d, 0, wh.endMinutes);
  if (rng.chance(0.3) && end + 30 * MIN <= dayEnd)
    write(
      p,
      end,
      end + 30 * MIN,
      { ...fields, subject: `${fields.subject} (follow-up)`, busyType: 'Busy' },
      [],
    );
  if (rng.chance(0.15))
    write(
      p,
      start + (duration * MIN) / 2,
      start + (duration * MIN) / 2 + 30 * MIN,
      {
        subject: 'Quick sync',
        busyType: 'Busy',
        location: 'Teams/Lync',
      },
      attendees.slice(0, 1),
    );
}

function scriptCast(
  write: AddItem,
  role: (r: CastRole) => Person | undefined,
  partner: () => Person[],
  paris: (h: number, m: number) => number,
  localMidnight: (p: Person, day: DayDate, plusDays?: number) => number,
  today: DayDate,
): void {
  const S = PRESENCE_SCRIPT;
  const ending = role('meetingEndingSoon');
  if (ending) {
    const [h0, m0] = S.meetingChainStart;
    const [h1, m1] = S.meetingChainEnd;
    const chainStart = paris(h0, m0);
    const chainEnd = paris(h1, m1);
    // Three back-to-back meetings with an overlapping call in the middle: busy without a gap until chainEnd.
    const third = (chainEnd - chainStart) / 3;
    write(
      ending,
      chainStart,
      chainStart + third,
      { subject: 'Stand-up', busyType: 'Busy', location: 'Teams/Lync' },
      partner(),
    );
    write(
      ending,
      chainStart + third,
      chainStart + 2 * third,
      { subject: 'Design review', busyType: 'Busy', location: 'Room 4.12' },
      partner(),
      ['Accept'],
    );
    write(
      ending,
      chainStart + 1.5 * third,
      chainStart + 2.5 * third,
      { subject: 'Overlapping call', busyType: 'Busy', location: 'Teams/Lync' },
      [],
    );
    write(
      ending,
      chainStart + 2 * third,
      chainEnd,
      { subject: 'Sprint review', busyType: 'Busy', location: 'Room 2.01', online: true },
      partner(),
      ['Accept'],
    );
    const [ha, ma] = S.afternoonMeeting;
    write(
      ending,
      paris(ha, ma),
      paris(ha, ma) + 60 * MIN,
      { subject: 'Customer call', busyType: 'Busy', location: 'Teams/Lync' },
      [],
    );
  }
  const tentative = role('tentative');
  if (tentative) {
    const [[h0, m0], [h1, m1]] = S.tentative;
    // Someone else's invitation, not answered yet: the copy in this calendar is Tentative.
    const organizer = partner()[0];
    if (organizer)
      write(
        organizer,
        paris(h0, m0),
        paris(h1, m1),
        { subject: 'Architecture sync', busyType: 'Busy', location: 'Room 3.07' },
        [tentative],
        ['NoResponseReceived'],
      );
    else
      write(
        tentative,
        paris(h0, m0),
        paris(h1, m1),
        { subject: 'Architecture sync', busyType: 'Tentative', location: 'Room 3.07' },
        [],
      );
  }
  const freeUntil = role('freeUntilAfternoon');
  if (freeUntil) {
    const [h, m] = S.afternoonMeeting;
    write(
      freeUntil,
      paris(h, m),
      paris(h, m) + 90 * MIN,
      { subject: 'Quarterly planning', busyType: 'Busy', location: 'Room 1.01' },
      partner(),
      ['Accept'],
    );
  }
  const notShared = role('notShared');
  if (notShared) {
    notShared.freeBusySharing = 'none';
    write(notShared, paris(10, 0), paris(11, 0), { subject: 'Private appointment', busyType: 'Busy' }, []);
  }
  const fbOnly = role('freeBusyOnly');
  if (fbOnly) {
    fbOnly.freeBusySharing = 'free-busy';
    write(
      fbOnly,
      paris(10, 0),
      paris(11, 0),
      { subject: 'Budget review (confidential)', busyType: 'Busy', location: 'Board room' },
      [],
    );
  }
  const withReply = role('oofWithReply');
  if (withReply) {
    const start = localMidnight(withReply, today);
    const end = localMidnight(withReply, today, 2);
    const reply = oofReply(withReply, end);
    withReply.oof = {
      state: 'Scheduled',
      externalAudience: 'All',
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      internalReply: reply,
      externalReply: reply,
    };
    write(withReply, start, end, { subject: 'Vacation', busyType: 'OOF', isAllDay: true }, []);
  }
  const autoOn = role('oofAutoReplyOn');
  if (autoOn) {
    const end = localMidnight(autoOn, today, 1);
    const reply = oofReply(autoOn, end);
    autoOn.oof = { state: 'Enabled', externalAudience: 'Known', internalReply: reply, externalReply: '' };
    write(
      autoOn,
      localMidnight(autoOn, today),
      end,
      { subject: 'Sick leave', busyType: 'OOF', isAllDay: true },
      [],
    );
  }
  const noReply = role('oofWithoutReply');
  if (noReply) {
    // Out of office in the calendar only: automatic replies were never turned on.
    write(
      noReply,
      localMidnight(noReply, today),
      localMidnight(noReply, today, 2),
      { subject: 'Conference', busyType: 'OOF', isAllDay: true, location: 'Berlin' },
      [],
    );
  }
}
