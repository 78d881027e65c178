/**
 * Finding a time everyone is free: pure, over the same schedules presence fetches (one
 * GetUserAvailability for all attendees and me), so working hours, time zones and DST are read
 * exactly as presence reads them. The scheduler service and its view build on this; nothing here
 * reads a clock or the network.
 */
import type { BusyType } from '../../exchange/operations/availability';
import { mergeSpans, workingSpans, type Span } from '../presence/rules';
import type { PersonSchedule, Zone } from '../presence/types';
import { localParts, startOfLocalDay } from '../presence/zones';

const MINUTE = 60_000;

export interface SlotAttendee {
  email: string;
  /** Required attendees must be free; optional ones only rank a slot higher. */
  required: boolean;
  schedule: PersonSchedule;
}

export interface SlotRequest {
  attendees: readonly SlotAttendee[];
  durationMinutes: number;
  /** The earliest start (now, rounded by the caller) and the latest end considered. */
  fromMs: number;
  toMs: number;
  /** The organiser's zone: candidate starts fall on its clock's half hours. */
  organizer: Zone;
  /** Start times step by this many minutes on the organiser's clock (30). */
  stepMinutes?: number;
  /** How many proposals (5). */
  max?: number;
}

export type AttendeeAnswer = 'free' | 'maybe' | 'busy' | 'outside-hours' | 'unknown';

export interface Conflict {
  email: string;
  startMs: number;
  endMs: number;
  busyType: BusyType;
}

export interface ProposedSlot {
  startMs: number;
  endMs: number;
  /** Each attendee's answer for this slot, in the request's order. */
  answers: ReadonlyArray<{ email: string; required: boolean; answer: AttendeeAnswer }>;
  /** Required attendees who are tentative or whose calendar we cannot see. */
  requiredMaybe: number;
  /** Optional attendees who are free. */
  optionalFree: number;
}

/** Events that make a person unavailable, and those that make them a "maybe". */
const BLOCKING: readonly BusyType[] = ['Busy', 'OOF'];
const MAYBE: readonly BusyType[] = ['Tentative'];

function overlaps(a: Span, b: Span): boolean {
  return a.startMs < b.endMs && b.startMs < a.endMs;
}

/**
 * One attendee's answer for a slot. Busy or OOF anywhere in it: busy. Outside their own working
 * hours (in their zone, that day's clock): outside-hours, even if their calendar is empty, because a
 * meeting at 03:00 their time is not a proposal anyone wants. Tentative: maybe (they may decline the
 * other meeting). A calendar we cannot see, or no data: unknown, never assumed free.
 */
export function answerFor(
  schedule: PersonSchedule,
  slot: Span,
  /** Their working spans over a range holding the slot, when the caller has them already (findSlots). */
  hours?: readonly Span[],
): AttendeeAnswer {
  if (schedule.unknown || slot.startMs < schedule.fromMs || slot.endMs > schedule.toMs) return 'unknown';
  const during = schedule.events.filter((e) => overlaps(e, slot));
  if (during.some((e) => BLOCKING.includes(e.busyType))) return 'busy';
  if (during.some((e) => e.busyType === 'NoData')) return 'unknown';
  const wh = schedule.workingHours;
  if (wh) {
    const spans = hours ?? workingSpans(wh, slot.startMs, slot.endMs);
    if (!spans.some((h) => h.startMs <= slot.startMs && h.endMs >= slot.endMs)) return 'outside-hours';
  }
  if (during.some((e) => MAYBE.includes(e.busyType))) return 'maybe';
  return 'free';
}

/** What stands in the way of a slot, for "Hélène is busy 14:00–15:00". */
export function conflictsAt(attendees: readonly SlotAttendee[], slot: Span): Conflict[] {
  const out: Conflict[] = [];
  for (const a of attendees)
    for (const e of a.schedule.events)
      if (overlaps(e, slot) && (BLOCKING.includes(e.busyType) || MAYBE.includes(e.busyType)))
        out.push({ email: a.email, startMs: e.startMs, endMs: e.endMs, busyType: e.busyType });
  return out.sort((x, y) => x.startMs - y.startMs || x.email.localeCompare(y.email));
}

/** Candidate starts: every step on the organiser's clock from `fromMs` (rounded up) while the slot fits. */
export function candidateStarts(req: SlotRequest): number[] {
  const step = (req.stepMinutes ?? 30) * MINUTE;
  const duration = req.durationMinutes * MINUTE;
  const out: number[] = [];
  // Walk each organiser-local day so a DST change keeps starts on :00 and :30 of the local clock.
  for (let day = startOfLocalDay(req.organizer, req.fromMs); day < req.toMs;) {
    const next = startOfLocalDay(req.organizer, day, 1);
    for (let t = day; t < next; t += step)
      if (
        t >= req.fromMs &&
        t + duration <= req.toMs &&
        localParts(req.organizer, t).minutes % (step / MINUTE) === 0
      )
        out.push(t);
    day = next;
  }
  return out;
}

/**
 * The proposals: slots where every required attendee is free or a "maybe", ranked first by how few
 * required attendees are only a maybe, then by day (sooner first), then by how many optional
 * attendees can come, then by time. At most one proposal per start; overlapping proposals are kept
 * (people pick by time of day).
 */
export function findSlots(req: SlotRequest): ProposedSlot[] {
  const duration = req.durationMinutes * MINUTE;
  if (!(duration > 0) || req.attendees.length === 0) return [];
  const proposals: Array<ProposedSlot & { day: number }> = [];
  // Each person's working spans once for the whole search, not once per candidate: reading a
  // zone's clock is the costly part (100 people over 14 days went from about 1.6 s to a fraction).
  const hours = req.attendees.map((a) =>
    a.schedule.workingHours ? workingSpans(a.schedule.workingHours, req.fromMs, req.toMs) : undefined,
  );
  for (const startMs of candidateStarts(req)) {
    const slot = { startMs, endMs: startMs + duration };
    const answers = req.attendees.map((a, i) => ({
      email: a.email,
      required: a.required,
      answer: answerFor(a.schedule, slot, hours[i]),
    }));
    const required = answers.filter((a) => a.required);
    if (required.some((a) => a.answer === 'busy' || a.answer === 'outside-hours')) continue;
    // Nobody required can be seen: that is not a proposal, it is a guess.
    if (required.length > 0 && required.every((a) => a.answer === 'unknown')) continue;
    proposals.push({
      ...slot,
      answers,
      requiredMaybe: required.filter((a) => a.answer !== 'free').length,
      optionalFree: answers.filter((a) => !a.required && a.answer === 'free').length,
      day: startOfLocalDay(req.organizer, startMs),
    });
  }
  proposals.sort(
    (a, b) =>
      a.requiredMaybe - b.requiredMaybe ||
      a.day - b.day ||
      b.optionalFree - a.optionalFree ||
      a.startMs - b.startMs,
  );
  return proposals.slice(0, req.max ?? 5).map(({ day: _day, ...p }) => p);
}

/** Everyone's busy time merged, for the grid's "all busy" row. */
export function busyUnion(attendees: readonly SlotAttendee[]): Span[] {
  return mergeSpans(attendees.flatMap((a) => a.schedule.events.filter((e) => BLOCKING.includes(e.busyType))));
}
