/**
 * Recurring series: which occurrences a master's pattern and range make, in the series' own time
 * zone (a 09:00 Paris stand-up stays 09:00 Paris across a daylight-saving change), with its
 * modified occurrences (exceptions) moved or edited and its deleted occurrences left out.
 *
 * Pure functions of the stored CalendarItem; the generator, CalendarView, GetItem and
 * GetUserAvailability all read a series through here so they agree on every occurrence.
 */
import { zoneOffsetMs, zonedToUtc } from './tz';
import type { CalendarItem, Recurrence, RecurrencePattern, RecurrenceRange } from './types';

const DAY = 86_400_000;
/** Past this many pattern dates a series is refused (a runaway pattern, not a calendar). */
const MAX_OCCURRENCES = 10_000;
/** Numbered ranges above this are refused, as Exchange refuses NumberOfOccurrences over 999. */
export const MAX_NUMBERED = 999;

export interface OccurrenceInfo {
  masterId: string;
  /** 1-based position in the series, deleted occurrences included (InstanceIndex). */
  index: number;
  originalStart: string;
  isException: boolean;
}

/** An item as a calendar view shows it: a single item, or one occurrence of a series (`occurrence` set). */
export type CalendarInstance = CalendarItem & { occurrence?: OccurrenceInfo };

// ---------------------------------------------------------------- local dates as day numbers

function parseDate(s: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`${what} must be a date like 2026-10-05, got "${s}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  if (back !== s) throw new RangeError(`${what} is not a calendar date: "${s}"`);
  return ms / DAY;
}

/** "2026-10-05" for a day number (days since 1970-01-01). */
export function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const weekdayOf = (day: number): number => new Date(day * DAY).getUTCDay();
const daysInMonth = (y: number, month0: number): number => new Date(Date.UTC(y, month0 + 1, 0)).getUTCDate();

// ---------------------------------------------------------------- validation

function checkDay(d: number, what: string): void {
  if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`${what} must be 0 (Sunday)..6, got ${d}`);
}

/** Throws a RangeError naming what is wrong with a recurrence; returns it when it is sound. */
export function checkRecurrence(r: Recurrence): Recurrence {
  const p = r.pattern;
  if (!Number.isInteger(p.interval) || p.interval < 1 || p.interval > 999)
    throw new RangeError(`Interval must be 1..999, got ${p.interval}`);
  if (p.kind === 'Weekly') {
    if (p.daysOfWeek.length === 0)
      throw new RangeError('A weekly pattern needs at least one day of the week');
    p.daysOfWeek.forEach((d) => checkDay(d, 'DaysOfWeek'));
    if (p.firstDayOfWeek !== undefined) checkDay(p.firstDayOfWeek, 'FirstDayOfWeek');
  } else if (p.kind === 'AbsoluteMonthly') {
    if (!Number.isInteger(p.dayOfMonth) || p.dayOfMonth < 1 || p.dayOfMonth > 31)
      throw new RangeError(`DayOfMonth must be 1..31, got ${p.dayOfMonth}`);
  } else if (p.kind === 'RelativeMonthly') {
    checkDay(p.dayOfWeek, 'DaysOfWeek');
  }
  const start = parseDate(r.range.startDate, 'StartDate');
  if (r.range.kind === 'EndDate' && parseDate(r.range.endDate, 'EndDate') < start)
    throw new RangeError('EndDate is before StartDate');
  if (r.range.kind === 'Numbered') {
    const n = r.range.count;
    if (!Number.isInteger(n) || n < 1 || n > MAX_NUMBERED)
      throw new RangeError(`NumberOfOccurrences must be 1..${MAX_NUMBERED}, got ${n}`);
  }
  return r;
}

// ---------------------------------------------------------------- pattern dates

/** The pattern's dates from the range's start date on, in order, ignoring the range's end. */
function* patternDays(p: RecurrencePattern, startDay: number): Generator<number> {
  switch (p.kind) {
    case 'Daily':
      for (let d = startDay; ; d += p.interval) yield d;
    case 'Weekly': {
      const first = p.firstDayOfWeek ?? 0;
      const weekStart = startDay - ((weekdayOf(startDay) - first + 7) % 7);
      const offsets = [...new Set(p.daysOfWeek.map((d) => (d - first + 7) % 7))].sort((a, b) => a - b);
      for (let w = 0; ; w += p.interval)
        for (const o of offsets) {
          const d = weekStart + 7 * w + o;
          if (d >= startDay) yield d;
        }
    }
    case 'AbsoluteMonthly':
    case 'RelativeMonthly': {
      const s = new Date(startDay * DAY);
      const m0 = s.getUTCFullYear() * 12 + s.getUTCMonth();
      for (let k = 0; ; k += p.interval) {
        const y = Math.floor((m0 + k) / 12);
        const month0 = (m0 + k) % 12;
        const last = daysInMonth(y, month0);
        let dom: number;
        if (p.kind === 'AbsoluteMonthly') {
          // The 31st in a 30-day month is its last day, as Outlook does.
          dom = Math.min(p.dayOfMonth, last);
        } else if (p.index === 'Last') {
          const lastDow = new Date(Date.UTC(y, month0, last)).getUTCDay();
          dom = last - ((lastDow - p.dayOfWeek + 7) % 7);
        } else {
          const firstDow = new Date(Date.UTC(y, month0, 1)).getUTCDay();
          const n = ['First', 'Second', 'Third', 'Fourth'].indexOf(p.index);
          dom = 1 + ((p.dayOfWeek - firstDow + 7) % 7) + 7 * n;
        }
        const d = Date.UTC(y, month0, dom) / DAY;
        if (d >= startDay) yield d;
      }
    }
  }
}

function rangeEndDay(r: RecurrenceRange): number {
  return r.kind === 'EndDate' ? parseDate(r.endDate, 'EndDate') : Number.POSITIVE_INFINITY;
}

/** Wall-clock hour and minute of the master's start in the series' zone. */
function timeOfDay(item: CalendarItem): { h: number; mi: number } {
  const start = Date.parse(item.start);
  const local = new Date(start + zoneOffsetMs(item.timeZone, start));
  return { h: local.getUTCHours(), mi: local.getUTCMinutes() };
}

export interface PatternOccurrence {
  index: number;
  /** UTC ms where the pattern puts it (its original start). */
  startMs: number;
}

/**
 * The pattern's occurrences of a series, in order, deleted ones included, that start before
 * `untilMs` (every one for a range that ends sooner). Not for an item without `recurrence`.
 */
export function patternOccurrences(item: CalendarItem, untilMs: number): PatternOccurrence[] {
  const r = item.recurrence;
  if (!r) throw new RangeError(`item ${item.id} is not a recurring series`);
  const startDay = parseDate(r.range.startDate, 'StartDate');
  const endDay = rangeEndDay(r.range);
  const count = r.range.kind === 'Numbered' ? r.range.count : Number.POSITIVE_INFINITY;
  const { h, mi } = timeOfDay(item);
  const out: PatternOccurrence[] = [];
  let index = 0;
  for (const day of patternDays(r.pattern, startDay)) {
    if (day > endDay || index >= count) break;
    const t = new Date(day * DAY);
    const startMs = zonedToUtc(item.timeZone, t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), h, mi);
    if (startMs >= untilMs) break;
    index += 1;
    if (index > MAX_OCCURRENCES)
      throw new RangeError(`series ${item.id} has more than ${MAX_OCCURRENCES} occurrences`);
    out.push({ index, startMs });
  }
  return out;
}

// ---------------------------------------------------------------- occurrence ids

const SEP = '@';

/** The id of one occurrence: its master's id and its original start. */
export function occurrenceId(masterId: string, originalStartMs: number): string {
  return `${masterId}${SEP}${new Date(originalStartMs).toISOString()}`;
}

export function parseOccurrenceId(id: string): { masterId: string; originalStartMs: number } | undefined {
  const at = id.lastIndexOf(SEP);
  if (at <= 0) return undefined;
  const ms = Date.parse(id.slice(at + 1));
  return Number.isNaN(ms) ? undefined : { masterId: id.slice(0, at), originalStartMs: ms };
}

// ---------------------------------------------------------------- instances

function isDeleted(item: CalendarItem, originalStartMs: number): boolean {
  return (item.deletedOccurrences ?? []).some((d) => Date.parse(d) === originalStartMs);
}

function instance(item: CalendarItem, o: PatternOccurrence): CalendarInstance {
  const duration = Date.parse(item.end) - Date.parse(item.start);
  const originalStart = new Date(o.startMs).toISOString();
  const mod = (item.modifiedOccurrences ?? []).find((m) => Date.parse(m.originalStart) === o.startMs);
  const out: CalendarInstance = {
    ...item,
    id: occurrenceId(item.id, o.startMs),
    start: mod?.start ?? originalStart,
    end: mod?.end ?? new Date(o.startMs + duration).toISOString(),
    occurrence: { masterId: item.id, index: o.index, originalStart, isException: mod !== undefined },
  };
  delete out.recurrence;
  delete out.modifiedOccurrences;
  delete out.deletedOccurrences;
  if (mod?.subject !== undefined) out.subject = mod.subject;
  if (mod?.location !== undefined) out.location = mod.location;
  if (mod?.busyType !== undefined) out.busyType = mod.busyType;
  return out;
}

/** Every live occurrence of a series whose original start is before `untilMs`, exceptions applied. */
function liveOccurrences(item: CalendarItem, untilMs: number): CalendarInstance[] {
  return patternOccurrences(item, untilMs)
    .filter((o) => !isDeleted(item, o.startMs))
    .map((o) => instance(item, o));
}

/** An item's instances overlapping [fromMs, toMs): itself when single, else its live occurrences. */
export function instancesOf(item: CalendarItem, fromMs: number, toMs: number): CalendarInstance[] {
  if (!item.recurrence) return Date.parse(item.end) > fromMs && Date.parse(item.start) < toMs ? [item] : [];
  // An exception may have moved later than the window while its original start is inside it, or
  // into the window from an original start after it: look as far as the latest moved original.
  const movedUntil = Math.max(
    toMs,
    ...(item.modifiedOccurrences ?? []).map((m) => Date.parse(m.originalStart) + 1),
  );
  return liveOccurrences(item, movedUntil).filter(
    (c) => Date.parse(c.end) > fromMs && Date.parse(c.start) < toMs,
  );
}

/** A calendar as a view of [fromMs, toMs) shows it: series expanded, sorted by start. */
export function expandCalendar(
  items: readonly CalendarItem[],
  fromMs: number,
  toMs: number,
): CalendarInstance[] {
  return items
    .flatMap((c) => instancesOf(c, fromMs, toMs))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The occurrence the pattern puts at `originalStartMs`; undefined when it is deleted or not on the pattern. */
export function occurrenceAt(item: CalendarItem, originalStartMs: number): CalendarInstance | undefined {
  if (!item.recurrence || isDeleted(item, originalStartMs)) return undefined;
  const o = patternOccurrences(item, originalStartMs + 1).find((x) => x.startMs === originalStartMs);
  return o ? instance(item, o) : undefined;
}

/** The occurrence at a 1-based position (OccurrenceItemId's InstanceIndex); undefined past the end or deleted. */
export function occurrenceByIndex(item: CalendarItem, index: number): CalendarInstance | undefined {
  if (!item.recurrence || !Number.isInteger(index) || index < 1 || index > MAX_OCCURRENCES) return undefined;
  const found = nthOccurrence(item, index);
  return found && !isDeleted(item, found.startMs) ? instance(item, found) : undefined;
}

function nthOccurrence(item: CalendarItem, index: number): PatternOccurrence | undefined {
  if (item.recurrence?.range.kind !== 'NoEnd')
    return patternOccurrences(item, Number.POSITIVE_INFINITY)[index - 1];
  // No end: grow the horizon until the index is reached.
  for (let horizon = 400 * DAY; ; horizon *= 2) {
    const all = patternOccurrences(item, Date.parse(item.start) + horizon);
    if (all.length >= index) return all[index - 1];
  }
}

/**
 * A series' first live occurrence and, when its range ends, its last (FirstOccurrence /
 * LastOccurrence); a series with no end has no last.
 */
export function firstAndLast(item: CalendarItem): { first?: CalendarInstance; last?: CalendarInstance } {
  const r = item.recurrence;
  if (!r) return {};
  if (r.range.kind === 'NoEnd') {
    for (let horizon = 400 * DAY; horizon <= 400 * 64 * DAY; horizon *= 2) {
      const first = liveOccurrences(item, Date.parse(item.start) + horizon)[0];
      if (first) return { first };
    }
    return {};
  }
  const all = liveOccurrences(item, Number.POSITIVE_INFINITY);
  const out: { first?: CalendarInstance; last?: CalendarInstance } = {};
  if (all[0]) out.first = all[0];
  const last = all[all.length - 1];
  if (last) out.last = last;
  return out;
}
