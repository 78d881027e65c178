/**
 * The pure parts of "find a time" around slots.ts: the window one GetUserAvailability covers, the
 * contract's slots, the grid's rows for one day (each person's blocks, and their working hours as
 * instants on that day read in their own zone), and a hand-picked time's conflicts named per
 * person. No clock, no network.
 */
import type { MeetingConflict, MeetingGridRow, MeetingSlot } from '../../../preload/contract';
import { MAX_DAYS } from '../../exchange/operations/availability';
import { AppError } from '../../errors';
import { toBlocks } from '../presence/map';
import { workingSpans, type Span } from '../presence/rules';
import type { PersonSchedule, Zone } from '../presence/types';
import { startOfLocalDay } from '../presence/zones';
import { answerFor, conflictsAt, type ProposedSlot, type SlotAttendee } from './slots';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

export interface SearchWindow {
  /** Proposals start at or after this instant … */
  fromMs: number;
  /** … and end by this one. */
  toMs: number;
  /** The grid's day, when asked for (start of that day on the organiser's clock). */
  dayMs?: number;
  /** What one GetUserAvailability is asked for: whole organiser days covering both. */
  fetch: Span;
}

/**
 * Search from `from` (never before now) to the end of the organiser's `withinDays`-th day
 * counting today, so "within 5 days" on a Monday morning is Monday to Friday. The fetch starts at
 * the organiser's midnight (the grid shows whole days) and also covers the grid's day when one is
 * asked for; it may not exceed what Exchange serves in one call (42 days).
 */
export function searchWindow(
  nowMs: number,
  req: { from?: string | undefined; withinDays: number; day?: string | undefined },
  organizer: Zone,
): SearchWindow {
  const asked = req.from === undefined ? nowMs : Date.parse(req.from);
  if (!Number.isFinite(asked)) throw new AppError('bad-input', 'The search start is not a date and time.');
  const fromMs = Math.max(asked, nowMs);
  const toMs = startOfLocalDay(organizer, fromMs, req.withinDays);
  let fetchFrom = startOfLocalDay(organizer, fromMs);
  let fetchTo = toMs;
  const out: SearchWindow = { fromMs, toMs, fetch: { startMs: fetchFrom, endMs: fetchTo } };
  if (req.day !== undefined) {
    const dayAt = Date.parse(req.day);
    if (!Number.isFinite(dayAt)) throw new AppError('bad-input', 'The grid’s day is not a date and time.');
    const dayMs = startOfLocalDay(organizer, dayAt);
    fetchFrom = Math.min(fetchFrom, dayMs);
    fetchTo = Math.max(fetchTo, startOfLocalDay(organizer, dayMs, 1));
    if (fetchTo - fetchFrom > MAX_DAYS * DAY)
      throw new AppError('bad-input', `The grid’s day must be within ${MAX_DAYS} days of the search.`, {
        code: 'DayOutOfRange',
      });
    out.dayMs = dayMs;
    out.fetch = { startMs: fetchFrom, endMs: fetchTo };
  }
  return out;
}

/** The fetch window for checking one hand-picked time: the organiser's whole days around it. */
export function checkWindow(startMs: number, endMs: number, organizer: Zone): Span {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs)
    throw new AppError('bad-input', 'The meeting must end after it starts.');
  const fetch = { startMs: startOfLocalDay(organizer, startMs), endMs: startOfLocalDay(organizer, endMs, 1) };
  if (fetch.endMs - fetch.startMs > MAX_DAYS * DAY)
    throw new AppError('bad-input', `A meeting can last at most ${MAX_DAYS} days.`);
  return fetch;
}

export function toMeetingSlot(p: ProposedSlot): MeetingSlot {
  return {
    start: iso(p.startMs),
    end: iso(p.endMs),
    answers: p.answers.map((a) => ({ ...a })),
    requiredMaybe: p.requiredMaybe,
    optionalFree: p.optionalFree,
  };
}

export interface GridPerson {
  email: string;
  displayName: string;
  required: boolean;
  self: boolean;
  schedule: PersonSchedule;
}

/** The grid's row for one person on one organiser day [day.startMs, day.endMs). */
export function gridRow(p: GridPerson, day: Span): MeetingGridRow {
  const s = p.schedule;
  const clipped: PersonSchedule = {
    ...s,
    fromMs: Math.max(s.fromMs, day.startMs),
    toMs: Math.min(s.toMs, day.endMs),
  };
  const row: MeetingGridRow = {
    email: p.email,
    displayName: p.displayName,
    required: p.required,
    self: p.self,
    blocks: s.unknown || clipped.toMs <= clipped.fromMs ? [] : toBlocks(clipped),
    // Their hours read on their own clock, on whichever of their days touch mine (Tokyo's
    // morning is my night): shown on my timeline.
    workingHours: s.workingHours
      ? workingSpans(s.workingHours, day.startMs, day.endMs).map((h) => ({
          start: iso(Math.max(h.startMs, day.startMs)),
          end: iso(Math.min(h.endMs, day.endMs)),
        }))
      : [],
  };
  const zoneName = s.workingHours?.zone.name;
  if (zoneName) row.zoneName = zoneName;
  if (s.unknown) row.reason = s.unknown;
  return row;
}

export interface NamedAttendee extends SlotAttendee {
  displayName: string;
}

/**
 * Why a hand-picked time does not suit each person: their busy, out-of-office and tentative
 * meetings in it, else that it falls outside their working hours, else that their calendar
 * cannot be read. People with nothing against the time are left out.
 */
export function conflictsFor(attendees: readonly NamedAttendee[], slot: Span): MeetingConflict[] {
  const names = new Map(attendees.map((a) => [a.email, a.displayName]));
  const out: MeetingConflict[] = conflictsAt(attendees, slot).map((c) => ({
    email: c.email,
    displayName: names.get(c.email) ?? c.email,
    start: iso(c.startMs),
    end: iso(c.endMs),
    busyType: c.busyType === 'OOF' ? 'OOF' : c.busyType === 'Tentative' ? 'Tentative' : 'Busy',
  }));
  const named = new Set(out.map((c) => c.email));
  for (const a of attendees) {
    if (named.has(a.email)) continue;
    const answer = answerFor(a.schedule, slot);
    if (answer === 'outside-hours' || answer === 'unknown')
      out.push({
        email: a.email,
        displayName: a.displayName,
        start: iso(slot.startMs),
        end: iso(slot.endMs),
        busyType: answer,
      });
  }
  return out;
}
