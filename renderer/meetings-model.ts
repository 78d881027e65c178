/**
 * Meetings in the renderer's terms: the scheduling grid's columns and cells, my wall clock and
 * instants, response counts, the day groups of the upcoming list and the "starts soon" banner.
 * Pure functions of the contract's shapes and a clock, so tests read them like tables. Main finds
 * the slots; the renderer only lays them out and says them.
 */
import type { Meeting, MeetingGridRow, MeetingResponse, ScheduleBlock } from '../preload/contract';

const MINUTE = 60_000;
const HALF_HOUR = 30 * MINUTE;
const HOUR = 60 * MINUTE;

export type Column = { start: number; end: number };

type Span = { start: string; end: string };

/**
 * The grid's half hours: from the first working hour of anyone (or 08:00) to the last (or 18:00),
 * widened to whole hours and to the chosen slot, within the day main gave (my midnight to midnight).
 */
export function gridColumns(
  day: Span,
  rows: readonly Pick<MeetingGridRow, 'workingHours'>[],
  selected?: { start: number; end: number } | null,
): Column[] {
  const dayStart = Date.parse(day.start);
  const dayEnd = Date.parse(day.end);
  if (!(dayEnd > dayStart)) return [];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const row of rows)
    for (const span of row.workingHours) {
      from = Math.min(from, Date.parse(span.start));
      to = Math.max(to, Date.parse(span.end));
    }
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    from = dayStart + 8 * HOUR;
    to = dayStart + 18 * HOUR;
  }
  if (selected && selected.start < dayEnd && selected.end > dayStart) {
    from = Math.min(from, selected.start);
    to = Math.max(to, selected.end);
  }
  from = Math.max(dayStart, dayStart + Math.floor((from - dayStart) / HOUR) * HOUR);
  to = Math.min(dayEnd, dayStart + Math.ceil((to - dayStart) / HOUR) * HOUR);
  const columns: Column[] = [];
  for (let t = from; t < to; t += HALF_HOUR) columns.push({ start: t, end: Math.min(t + HALF_HOUR, to) });
  return columns;
}

export type CellBusy = ScheduleBlock['busyType'];

/** How a half hour looks for one person: the heaviest block in it, and whether it is in their hours. */
export type Cell = { busy: CellBusy; subject?: string; inHours: boolean };

/** Heavier first: a half hour with a busy and a tentative meeting is busy. */
const WEIGHT: Record<CellBusy, number> = {
  OOF: 5,
  Busy: 4,
  Tentative: 3,
  WorkingElsewhere: 2,
  NoData: 1,
  Free: 0,
};

export function cellOf(row: Pick<MeetingGridRow, 'blocks' | 'workingHours'>, column: Column): Cell {
  // Stryker disable next-line BooleanLiteral: this inHours is never read, the return sets its own
  let cell: Cell = { busy: 'Free', inHours: false };
  for (const block of row.blocks) {
    const s = Date.parse(block.start);
    const e = Date.parse(block.end);
    if (s >= column.end || e <= column.start) continue;
    if (WEIGHT[block.busyType] > WEIGHT[cell.busy])
      // Stryker disable next-line BooleanLiteral: this inHours is never read, the return sets its own
      cell = { busy: block.busyType, ...(block.subject ? { subject: block.subject } : {}), inHours: false };
  }
  const inHours = row.workingHours.some(
    (span) => Date.parse(span.start) < column.end && Date.parse(span.end) > column.start,
  );
  return { ...cell, inHours };
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && a.end > b.start;

/** "2026-12-01" and "14:30" on my wall clock for an instant (offset: my UTC offset then, minutes). */
export function toWall(ms: number, offsetMinutes: number): { date: string; time: string } {
  const iso = new Date(ms + offsetMinutes * MINUTE).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The instant my wall clock shows `date` `time` (what a date and a time field hold), or null when
 * they are not a date and a time. The offset is asked twice: a time just after a DST change.
 */
export function fromWall(date: string, time: string, offsetAt: (ms: number) => number): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // Date.UTC rolls 31 February over to March and 25:00 to the next day: not a date and a time.
  if (new Date(wall).toISOString().slice(0, 16) !== `${date}T${time}`) return null;
  const first = wall - offsetAt(wall) * MINUTE;
  return wall - offsetAt(first) * MINUTE;
}

/** Only https links are offered as "Join" (the shell opens them in the system browser). */
export function isHttpsUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export type ResponseCounts = { accepted: number; tentative: number; declined: number; noReply: number };

/** The attendees' answers, as Outlook's tracking sums them (the organiser is not counted). */
export function responseCounts(meeting: Pick<Meeting, 'attendees'>): ResponseCounts {
  const counts: ResponseCounts = { accepted: 0, tentative: 0, declined: 0, noReply: 0 };
  const bucket: Record<MeetingResponse, keyof ResponseCounts | null> = {
    organizer: null,
    accepted: 'accepted',
    tentative: 'tentative',
    declined: 'declined',
    'no-response': 'noReply',
    unknown: 'noReply',
  };
  for (const a of meeting.attendees) {
    const b = bucket[a.response];
    if (b) counts[b]++;
  }
  return counts;
}

/** Meetings by my day, in start order: [day number, meetings]. */
export function byDay<T extends Pick<Meeting, 'start'>>(
  meetings: readonly T[],
  offsetAt: (ms: number) => number,
): Array<{ day: number; meetings: T[] }> {
  const sorted = [...meetings].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const groups: Array<{ day: number; meetings: T[] }> = [];
  for (const m of sorted) {
    const ms = Date.parse(m.start);
    const day = Math.floor((ms + offsetAt(ms) * MINUTE) / (24 * HOUR));
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.meetings.push(m);
    else groups.push({ day, meetings: [m] });
  }
  return groups;
}

/** The banner shows a meeting with a join link from this long before it starts until it ends. */
export const BANNER_LEAD_MS = 10 * MINUTE;

/**
 * The meeting to offer "Join" for now: the first (by start) with an https join link, not cancelled,
 * not declined, that starts within 10 minutes or is going on.
 */
export function meetingStartingSoon<T extends Meeting>(meetings: readonly T[], nowMs: number): T | null {
  let best: T | null = null;
  for (const m of meetings) {
    if (m.isCancelled || m.myResponse === 'declined' || m.isAllDay || !isHttpsUrl(m.joinUrl)) continue;
    const start = Date.parse(m.start);
    const end = Date.parse(m.end);
    if (start - nowMs > BANNER_LEAD_MS || end <= nowMs) continue;
    if (!best || start < Date.parse(best.start)) best = m;
  }
  return best;
}
