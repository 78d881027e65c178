/**
 * The presence rule table: a person's schedule (events, working hours, zone, automatic replies)
 * and an instant → a state and until when. Each decision is a small pure function with the
 * reason beside it; presenceAt only orders them. No clock is read here: the instant is an
 * argument, so the scheduler can ask about any moment and tests can pin every edge.
 *
 * Precedence, first match wins:
 *   unknown (fetch failed, instant outside the fetched window, NoData in the calendar)
 *   > oof (OOF in the calendar, or automatic replies on)
 *   > busy (a Busy meeting, even outside working hours: the person is really in it)
 *   > off-work (outside working hours in the person's own zone)
 *   > available (free, WorkingElsewhere, or only tentative).
 */
import type { BusyType } from '../../exchange/operations/availability';
import type { PersonSchedule, Presence, ScheduleEvent, UnknownReason, WorkingHoursRule, Zone } from './types';
import { localDayNumber, localParts, startOfLocalDay, utcFromLocal } from './zones';

export interface Span {
  startMs: number;
  endMs: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead a next working-hours start is looked for: a week and a day covers any weekly pattern. */
const WORK_SEARCH_DAYS = 8;

// ── Events ───────────────────────────────────────────────────────────────────────────────

/** Spans merged where they overlap or touch: back-to-back meetings are one stretch of being busy. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.endMs > s.startMs).sort((a, b) => a.startMs - b.startMs);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.startMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else out.push({ startMs: s.startMs, endMs: s.endMs });
  }
  return out;
}

/** The merged blocks of the events of the given kinds. */
export function blocksOf(events: readonly ScheduleEvent[], kinds: readonly BusyType[]): Span[] {
  return mergeSpans(events.filter((e) => kinds.includes(e.busyType)));
}

/** Half-open: a meeting ending at 15:00 is over at 15:00, one starting at 15:00 has begun. */
export function covers(span: Span, nowMs: number): boolean {
  return span.startMs <= nowMs && nowMs < span.endMs;
}

export function spanAt(spans: readonly Span[], nowMs: number): Span | undefined {
  return spans.find((s) => covers(s, nowMs));
}

/** The events of one kind going on at an instant. */
export function eventsAt(events: readonly ScheduleEvent[], kind: BusyType, nowMs: number): ScheduleEvent[] {
  return events.filter((e) => e.busyType === kind && covers(e, nowMs));
}

/**
 * Of several meetings going on at once, the one to name is the one that began last: the person
 * most likely left the earlier one for it. Ties keep the calendar's order.
 */
export function currentEvent(going: readonly ScheduleEvent[]): ScheduleEvent | undefined {
  let best: ScheduleEvent | undefined;
  for (const e of going) if (!best || e.startMs > best.startMs) best = e;
  return best;
}

/** A private meeting's subject is never shown, even if a server were to send it. */
export function shownSubject(e: ScheduleEvent | undefined): string | undefined {
  if (!e || e.isPrivate) return undefined;
  const s = e.subject?.trim();
  return s ? s : undefined;
}

// ── Working hours ────────────────────────────────────────────────────────────────────────

/**
 * The working minutes of a working day, or undefined when there are none: end ≤ start means no
 * hours, except 0–0 which means the whole day (types.ts); an end past midnight stops at midnight.
 */
export function dailyMinutes(wh: WorkingHoursRule): { start: number; end: number } | undefined {
  if (wh.startMinutes === 0 && wh.endMinutes === 0) return { start: 0, end: 1440 };
  const start = Math.max(0, wh.startMinutes);
  const end = Math.min(1440, wh.endMinutes);
  return end > start ? { start, end } : undefined;
}

/**
 * Working spans (in UTC) of the local days touching [fromMs, toMs), in the person's zone, each
 * day's hours read on that day's clock (so 08:00 stays 08:00 across a DST change), merged where
 * consecutive whole days touch.
 */
export function workingSpans(wh: WorkingHoursRule, fromMs: number, toMs: number): Span[] {
  const minutes = dailyMinutes(wh);
  // Stryker disable next-line ConditionalExpression: without a working day the loop below adds no span either; the test only saves work
  if (!minutes || wh.days.length === 0) return [];
  const first = localParts(wh.zone, fromMs);
  const dayCount = Math.ceil((toMs - fromMs) / DAY) + 2;
  // Stryker disable next-line ArrayDeclaration: a non-span seed ("Stryker was here") has no end after its start, so mergeSpans drops it
  const spans: Span[] = [];
  // Stryker disable next-line EqualityOperator: day dayCount starts past toMs in any zone (a margin day), so the filter below drops it either way
  for (let i = -1; i <= dayCount; i += 1) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    if (!wh.days.includes(date.getUTCDay())) continue;
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    spans.push({
      startMs: utcFromLocal(wh.zone, y, m, d, minutes.start),
      endMs: utcFromLocal(wh.zone, y, m, d, minutes.end),
    });
  }
  return mergeSpans(spans).filter((s) => s.endMs > fromMs && s.startMs < toMs);
}

/** Whether the person is inside their working hours at an instant. */
export function isWorkingAt(wh: WorkingHoursRule, nowMs: number): boolean {
  return spanAt(workingSpans(wh, nowMs - DAY, nowMs + DAY), nowMs) !== undefined;
}

/** The next start of working hours after an instant, skipping days without hours; undefined if none in a week. */
export function nextWorkStart(wh: WorkingHoursRule, nowMs: number): number | undefined {
  return workingSpans(wh, nowMs, nowMs + WORK_SEARCH_DAYS * DAY).find((s) => s.startMs > nowMs)?.startMs;
}

// ── Decisions ────────────────────────────────────────────────────────────────────────────

/**
 * Unknown, never a guess: the fetch failed for this person (the reason is kept for the card);
 * the instant is outside the window we fetched ('not-loaded': we have not looked there); or the
 * server said NoData for this moment.
 */
export function unknownReason(schedule: PersonSchedule, nowMs: number): UnknownReason | undefined {
  if (schedule.unknown) return schedule.unknown;
  if (nowMs < schedule.fromMs || nowMs >= schedule.toMs) return 'not-loaded';
  if (eventsAt(schedule.events, 'NoData', nowMs).length > 0) return 'no-data';
  return undefined;
}

/** Automatic replies are on at an instant unless their scheduled end has passed. */
export function repliesOnAt(schedule: PersonSchedule, nowMs: number): boolean {
  const r = schedule.autoReplies;
  return !!r?.active && (r.untilMs === undefined || nowMs < r.untilMs);
}

/**
 * Out of office: an OOF block in the calendar, or automatic replies on. The two are merged, so
 * "until" is when neither holds any more; replies with no end leave it open (undefined) because
 * the person is away for as long as they stay on.
 */
export function oofAt(schedule: PersonSchedule, nowMs: number): Presence | undefined {
  const spans: Span[] = schedule.events.filter((e) => e.busyType === 'OOF');
  const replies = repliesOnAt(schedule, nowMs);
  if (replies)
    // Stryker disable next-line OptionalChaining: replies on means autoReplies is set (repliesOnAt)
    spans.push({ startMs: nowMs, endMs: schedule.autoReplies?.untilMs ?? Number.POSITIVE_INFINITY });
  const block = spanAt(mergeSpans(spans), nowMs);
  if (!block) return undefined;
  const out: Presence = { state: 'oof' };
  if (Number.isFinite(block.endMs)) out.untilMs = block.endMs;
  const reply = schedule.autoReplies?.reply?.trim();
  if (replies && reply) out.oofReply = reply;
  return out;
}

/**
 * In a meeting: a Busy event now. Overlapping and back-to-back Busy events are one block, so
 * "until" is when the person is really out of meetings. A meeting outside working hours still
 * shows busy: the person is in it. The subject is the current meeting's, unless private.
 */
export function busyAt(schedule: PersonSchedule, nowMs: number): Presence | undefined {
  const block = spanAt(blocksOf(schedule.events, ['Busy']), nowMs);
  if (!block) return undefined;
  const out: Presence = { state: 'busy', untilMs: block.endMs };
  const subject = shownSubject(currentEvent(eventsAt(schedule.events, 'Busy', nowMs)));
  if (subject) out.subject = subject;
  return out;
}

/**
 * Off work: outside the working hours of the person's own zone. Without working hours we do not
 * know when they work, so we never say off-work; with no working day at all, they are off with
 * no return ("until" undefined).
 */
export function offWorkAt(schedule: PersonSchedule, nowMs: number): Presence | undefined {
  const wh = schedule.workingHours;
  if (!wh || isWorkingAt(wh, nowMs)) return undefined;
  const out: Presence = { state: 'off-work' };
  const back = nextWorkStart(wh, nowMs);
  if (back !== undefined) out.untilMs = back;
  return out;
}

/**
 * "Free until 14:00": the start of the next Busy or OOF block, but only when it falls on the
 * viewer's same local day (a meeting tomorrow does not make someone "free until" it today).
 */
export function freeUntil(schedule: PersonSchedule, nowMs: number, viewer: Zone): number | undefined {
  const next = blocksOf(schedule.events, ['Busy', 'OOF']).find((b) => b.startMs > nowMs);
  if (!next) return undefined;
  return localDayNumber(viewer, next.startMs) === localDayNumber(viewer, nowMs) ? next.startMs : undefined;
}

/** A tentative meeting going on now (the latest begun): the person is available, and the card names it. */
export function tentativeAt(schedule: PersonSchedule, nowMs: number): Presence['tentative'] {
  const e = currentEvent(eventsAt(schedule.events, 'Tentative', nowMs));
  if (!e) return undefined;
  const subject = shownSubject(e);
  return subject ? { startMs: e.startMs, endMs: e.endMs, subject } : { startMs: e.startMs, endMs: e.endMs };
}

/** Available: nothing else holds. Free and WorkingElsewhere events count as free. */
export function availableAt(schedule: PersonSchedule, nowMs: number, viewer: Zone): Presence {
  const out: Presence = { state: 'available' };
  const until = freeUntil(schedule, nowMs, viewer);
  if (until !== undefined) out.untilMs = until;
  const tentative = tentativeAt(schedule, nowMs);
  if (tentative) out.tentative = tentative;
  return out;
}

/** The person's presence at an instant, seen by a viewer in their own zone (the precedence is at the top). */
export function presenceAt(schedule: PersonSchedule, nowMs: number, viewer: Zone): Presence {
  const reason = unknownReason(schedule, nowMs);
  if (reason) return { state: 'unknown', reason };
  return (
    oofAt(schedule, nowMs) ??
    busyAt(schedule, nowMs) ??
    offWorkAt(schedule, nowMs) ??
    availableAt(schedule, nowMs, viewer)
  );
}

// ── When to look again ───────────────────────────────────────────────────────────────────

/**
 * The next instant after nowMs at which presenceAt may answer differently, so a scheduler can
 * recompute then with no request: an event's start or end, a working-hours edge, the end of
 * automatic replies, the window's edges, and, given the viewer, their next local midnight
 * (when "free until" may start naming tomorrow's first meeting). Undefined when nothing can
 * change any more without fetching again.
 */
export function nextBoundary(schedule: PersonSchedule, nowMs: number, viewer?: Zone): number | undefined {
  if (schedule.unknown || nowMs >= schedule.toMs) return undefined;
  if (nowMs < schedule.fromMs) return schedule.fromMs;
  const candidates: number[] = [schedule.toMs];
  for (const e of schedule.events) candidates.push(e.startMs, e.endMs);
  const until = schedule.autoReplies?.untilMs;
  // Stryker disable next-line ConditionalExpression: an undefined candidate is never > nowMs, so the loop below skips it anyway
  if (until !== undefined) candidates.push(until);
  const wh = schedule.workingHours;
  if (wh)
    for (const s of workingSpans(wh, nowMs, nowMs + WORK_SEARCH_DAYS * DAY))
      candidates.push(s.startMs, s.endMs);
  if (viewer) candidates.push(startOfLocalDay(viewer, nowMs, 1));
  let best: number | undefined;
  // Stryker disable next-line EqualityOperator: replacing the best by an equal candidate returns the same number
  for (const c of candidates) if (c > nowMs && (best === undefined || c < best)) best = c;
  return best;
}

// ── Next free slot ───────────────────────────────────────────────────────────────────────

/** Spans minus the blocked spans (both sorted and merged). */
export function subtractSpans(spans: readonly Span[], blocked: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    let start = s.startMs;
    for (const b of blocked) {
      // Stryker disable next-line EqualityOperator: a block touching `start` or the span's end changes nothing whether skipped or not
      if (b.endMs <= start || b.startMs >= s.endMs) continue;
      if (b.startMs > start) out.push({ startMs: start, endMs: b.startMs });
      start = Math.max(start, b.endMs);
    }
    if (s.endMs > start) out.push({ startMs: start, endMs: s.endMs });
  }
  return out;
}

/**
 * What a meeting cannot be put on: Busy, OOF, Tentative (already promised, maybe) and NoData
 * (we cannot see), plus the time automatic replies are on.
 */
export function unavailableSpans(schedule: PersonSchedule, fromMs: number): Span[] {
  const spans: Span[] = schedule.events.filter(
    (e) => e.busyType !== 'Free' && e.busyType !== 'WorkingElsewhere',
  );
  if (repliesOnAt(schedule, fromMs))
    // Stryker disable next-line OptionalChaining: replies on means autoReplies is set (repliesOnAt)
    spans.push({ startMs: fromMs, endMs: schedule.autoReplies?.untilMs ?? Number.POSITIVE_INFINITY });
  return mergeSpans(spans);
}

/**
 * The next free slot of at least minMinutes from fromMs, inside working hours (anywhere when
 * they are not known), before untilMs: by default the end of tomorrow in the person's zone,
 * and never past the fetched window. The slot runs from when it starts (fromMs if free now)
 * to when the person is next unavailable or stops working.
 */
export function nextFreeSlot(
  schedule: PersonSchedule,
  fromMs: number,
  minMinutes = 30,
  untilMs?: number,
): Span | undefined {
  if (schedule.unknown) return undefined;
  const wh = schedule.workingHours;
  const from = Math.max(fromMs, schedule.fromMs);
  const horizon = untilMs ?? (wh ? startOfLocalDay(wh.zone, fromMs, 2) : schedule.toMs);
  const to = Math.min(horizon, schedule.toMs);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty or reversed window yields no free span anyway; the guard only saves work
  if (!(to > from)) return undefined;
  const open = (wh ? workingSpans(wh, from, to) : [{ startMs: from, endMs: to }]).map((s) => ({
    startMs: Math.max(s.startMs, from),
    endMs: Math.min(s.endMs, to),
  }));
  const free = subtractSpans(open, unavailableSpans(schedule, from));
  return free.find((s) => s.endMs - s.startMs >= minMinutes * MINUTE);
}
