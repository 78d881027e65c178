/**
 * Who is in which situation at an instant, read straight from the simulator's data, so integration
 * and e2e tests can name people ("a contact of alice in a meeting until 10:30") without hard-coding
 * generated names. It only lists people whose situation is plain (one kind of calendar item covers
 * the instant, or none); anyone ambiguous is left out rather than guessed. It is the simulator's
 * ground truth for tests, not the app's presence rules (those live in main/services/presence).
 *
 *   const cast = presenceCast(org);                 // at the cast instant, among alice's contacts
 *   cast.at                                         // "2026-11-25T09:29:15.000Z" (10:29:15 in Paris)
 *   cast.endingSoon[0]                              // { smtp, until: "2026-11-25T09:30:00.000Z", … }
 */
import { CAST_ROLES, castInstantMs, worksAt, type CastRole } from './day';
import { DEMO_ACCOUNTS } from './generate';
import { zonedToUtc, localDate } from './tz';
import { expandCalendar } from './recurrence';

const DAY_MS = 86_400_000;
import type { CalendarItem, Org, Person } from './types';

export { CAST_ROLES, CAST_ZONE, PRESENCE_SCRIPT, realisticDay } from './day';
export type { CastRole } from './day';

export interface CastEntry {
  smtp: string;
  displayName: string;
  /** The person's own zone (working hours). */
  timeZone: string;
  /**
   * ISO instant the situation ends: the end of the merged busy (or tentative, or OOF) run; for
   * free, the start of the next Busy or OOF item the same local day (absent when there is none);
   * for off work, when working hours next begin.
   */
  until?: string;
  /** Subjects of the items covering the instant (as the owner sees them). */
  subjects?: string[];
  /** The internal automatic reply, for oofWithReply. */
  reply?: string;
}

export interface PresenceCast {
  /** The instant (ISO). */
  at: string;
  /** A Busy item covers the instant, inside working hours, no OOF. */
  inMeeting: CastEntry[];
  /** inMeeting people whose busy run ends within 60 s after the instant. */
  endingSoon: CastEntry[];
  /** Inside working hours, no Busy, Tentative or OOF item covers the instant. */
  free: CastEntry[];
  /** Inside working hours, only Tentative items cover the instant. */
  tentative: CastEntry[];
  /** Automatic replies active (Enabled, or Scheduled over the instant) with an internal reply. */
  oofWithReply: CastEntry[];
  /** An OOF item covers the instant, automatic replies off, no reply text. */
  oofWithoutReply: CastEntry[];
  /** Outside working hours in their own zone, nothing in the calendar then. */
  offWork: CastEntry[];
  /** Calendar not shared (ErrorNoFreeBusyAccess). */
  notShared: CastEntry[];
  /** Calendar shared as free/busy only (no subjects), whatever their situation. */
  freeBusyOnly: CastEntry[];
}

export interface PresenceCastOptions {
  /** Default: presenceCastInstant(org). */
  at?: number | string | Date;
  /** Smtp addresses to look at, in this order. Default: alice's contacts (UCS list order). */
  among?: readonly string[];
}

/**
 * The cast instant: 45 s before one of alice's contacts comes out of back-to-back meetings (10:29:15
 * Paris time on the realistic day: the epoch's date, or the Monday after a weekend epoch).
 */
export function presenceCastInstant(org: Org): string {
  return new Date(castInstantMs(Date.parse(org.epoch))).toISOString();
}

/**
 * Who the generator scripted for each role (CAST_ROLES → smtp), e.g. scriptedCast(org).meetingEndingSoon:
 * busy 09:00–10:30 Paris through back-to-back and overlapping meetings, again 14:00–15:00. A small
 * org may lack some roles; a saved org from before the realistic day has none.
 */
export function scriptedCast(org: Org): Partial<Record<CastRole, string>> {
  const out: Partial<Record<CastRole, string>> = {};
  for (const role of CAST_ROLES) {
    const smtp = org.castRoles?.[role];
    if (smtp) out[role] = smtp;
  }
  return out;
}

/** alice's contacts that are people of the org, in list order. */
export function castOwnerContacts(org: Org, owner: string = DEMO_ACCOUNTS.alice.smtp): string[] {
  const me = org.people.find((p) => p.smtp === owner);
  return (me?.imList.personas ?? []).map((x) => x.smtp).filter((s): s is string => s !== undefined);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** End of the run of items (of the kinds accepted) that covers `at`, following overlaps and back-to-back ones. */
function runEnd(items: readonly CalendarItem[], at: number): number {
  let end = at;
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of items) {
      const s = Date.parse(c.start);
      const e = Date.parse(c.end);
      if (s <= end && e > end) {
        end = e;
        grew = true;
      }
    }
  }
  return end;
}

function oofActive(p: Person, at: number): boolean {
  const o = p.oof;
  if (o.state === 'Enabled') return true;
  if (o.state !== 'Scheduled' || !o.start || !o.end) return false;
  return at >= Date.parse(o.start) && at < Date.parse(o.end);
}

/** When working hours next begin after `at`, in the person's zone (within a week). */
function nextWorkStart(p: Person, at: number): number | undefined {
  const wh = p.workingHours;
  for (let k = 0; k <= 7; k++) {
    const l = localDate(wh.timeZone, at + k * 86_400_000);
    if (!wh.days.includes(l.weekday)) continue;
    const start = zonedToUtc(wh.timeZone, l.y, l.month, l.d, 0, wh.startMinutes);
    if (start > at) return start;
  }
  return undefined;
}

export function presenceCast(org: Org, options: PresenceCastOptions = {}): PresenceCast {
  const at =
    options.at === undefined
      ? castInstantMs(Date.parse(org.epoch))
      : typeof options.at === 'number'
        ? options.at
        : typeof options.at === 'string'
          ? Date.parse(options.at)
          : options.at.getTime();
  const bySmtp = new Map(org.people.map((p) => [p.smtp, p]));
  const cast: PresenceCast = {
    at: iso(at),
    inMeeting: [],
    endingSoon: [],
    free: [],
    tentative: [],
    oofWithReply: [],
    oofWithoutReply: [],
    offWork: [],
    notShared: [],
    freeBusyOnly: [],
  };
  for (const smtp of options.among ?? castOwnerContacts(org)) {
    const p = bySmtp.get(smtp);
    if (!p) continue;
    const entry = (until?: number, covering?: readonly CalendarItem[]): CastEntry => ({
      smtp: p.smtp,
      displayName: p.displayName,
      timeZone: p.workingHours.timeZone,
      ...(until !== undefined ? { until: iso(until) } : {}),
      ...(covering && covering.length > 0 ? { subjects: covering.map((c) => c.subject) } : {}),
    });
    if (p.freeBusySharing === 'free-busy') cast.freeBusyOnly.push(entry());
    if (p.freeBusySharing === 'none') {
      cast.notShared.push(entry());
      continue;
    }
    // Series expanded over a fortnight either side: enough for any run through the instant.
    const live = expandCalendar(p.calendar, at - 14 * DAY_MS, at + 14 * DAY_MS).filter(
      (c) => !c.isCancelled && c.busyType !== 'Free' && c.busyType !== 'WorkingElsewhere',
    );
    const covering = live.filter((c) => Date.parse(c.start) <= at && at < Date.parse(c.end));
    const kinds = new Set(covering.map((c) => c.busyType));
    const oofItems = live.filter((c) => c.busyType === 'OOF');
    if (oofActive(p, at)) {
      if (p.oof.internalReply !== '') {
        const until = kinds.has('OOF')
          ? runEnd(oofItems, at)
          : p.oof.state === 'Scheduled' && p.oof.end
            ? Date.parse(p.oof.end)
            : undefined;
        cast.oofWithReply.push({ ...entry(until, covering), reply: p.oof.internalReply });
      }
      continue;
    }
    if (kinds.has('OOF')) {
      if (p.oof.internalReply === '' && kinds.size === 1)
        cast.oofWithoutReply.push(entry(runEnd(oofItems, at), covering));
      continue;
    }
    if (!worksAt(p, at)) {
      if (covering.length === 0) cast.offWork.push(entry(nextWorkStart(p, at)));
      continue;
    }
    if (kinds.has('Busy')) {
      const until = runEnd(
        live.filter((c) => c.busyType === 'Busy'),
        at,
      );
      const e = entry(until, covering);
      cast.inMeeting.push(e);
      if (until - at <= 60_000) cast.endingSoon.push(e);
      continue;
    }
    if (kinds.has('Tentative')) {
      cast.tentative.push(
        entry(
          runEnd(
            live.filter((c) => c.busyType === 'Tentative'),
            at,
          ),
          covering,
        ),
      );
      continue;
    }
    // Free: until the next Busy or OOF item that starts before the end of their local day.
    const l = localDate(p.workingHours.timeZone, at);
    const dayEnd = zonedToUtc(p.workingHours.timeZone, l.y, l.month, l.d + 1, 0, 0);
    let next: number | undefined;
    for (const c of live) {
      if (c.busyType !== 'Busy' && c.busyType !== 'OOF') continue;
      const s = Date.parse(c.start);
      if (s > at && s < dayEnd && (next === undefined || s < next)) next = s;
    }
    cast.free.push(entry(next));
  }
  return cast;
}
