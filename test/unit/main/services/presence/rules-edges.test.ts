/**
 * The presence rules at their edges, one small function at a time (issue 24: each test here
 * kills a mutant of rules.ts that the table tests in rules.test.ts let through).
 * Times are in UTC; 2026-11-25 is a Wednesday.
 */
import { describe, expect, it } from 'vitest';
import {
  availableAt,
  busyAt,
  currentEvent,
  dailyMinutes,
  freeUntil,
  nextBoundary,
  nextWorkStart,
  offWorkAt,
  presenceAt,
  repliesOnAt,
  subtractSpans,
  tentativeAt,
  unknownReason,
  workingSpans,
} from '../../../../../main/services/presence/rules';
import type {
  PersonSchedule,
  ScheduleEvent,
  WorkingHoursRule,
  Zone,
} from '../../../../../main/services/presence/types';

const UTC: Zone = { name: 'UTC', offsetMinutes: () => 0 };
const H = 3_600_000;
const DAY = 24 * H;
const WED = Date.UTC(2026, 10, 25);
const wed = (h: number): number => WED + h * H;
const officeHours: WorkingHoursRule = {
  zone: UTC,
  days: [1, 2, 3, 4, 5],
  startMinutes: 540,
  endMinutes: 1020,
};
const busy = (from: number, to: number, subject?: string): ScheduleEvent => ({
  startMs: from,
  endMs: to,
  busyType: 'Busy',
  ...(subject ? { subject } : {}),
});
const schedule = (over: Partial<PersonSchedule> = {}): PersonSchedule => ({
  fromMs: WED - DAY,
  toMs: WED + 3 * DAY,
  events: [],
  ...over,
});

describe('the meeting to name', () => {
  it('is the one that began last, and on a tie the first in the calendar', () => {
    const a = busy(wed(9), wed(12), 'A');
    const b = busy(wed(10), wed(12), 'B');
    const c = busy(wed(10), wed(12), 'C');
    expect(currentEvent([b, a])?.subject).toBe('B');
    expect(currentEvent([a, b, c])?.subject).toBe('B');
    expect(currentEvent([])).toBeUndefined();
  });
});

describe('daily working minutes', () => {
  it('reads 0–0 as the whole day, and only 0–0', () => {
    expect(dailyMinutes({ ...officeHours, startMinutes: 0, endMinutes: 0 })).toEqual({ start: 0, end: 1440 });
    expect(dailyMinutes({ ...officeHours, startMinutes: 0, endMinutes: 600 })).toEqual({
      start: 0,
      end: 600,
    });
    expect(dailyMinutes({ ...officeHours, startMinutes: 540, endMinutes: 0 })).toBeUndefined();
    expect(dailyMinutes({ ...officeHours, startMinutes: 540, endMinutes: 540 })).toBeUndefined();
    expect(dailyMinutes({ ...officeHours, startMinutes: 1200, endMinutes: 1600 })).toEqual({
      start: 1200,
      end: 1440,
    });
  });
});

describe('working spans', () => {
  it('are none without a working day', () => {
    expect(workingSpans({ ...officeHours, days: [] }, wed(0), wed(48))).toEqual([]);
  });

  it('are only those overlapping the range asked for (half-open at both ends)', () => {
    expect(workingSpans(officeHours, wed(12), wed(13))).toEqual([{ startMs: wed(9), endMs: wed(17) }]);
    expect(workingSpans(officeHours, wed(17), wed(18))).toEqual([]);
    expect(workingSpans(officeHours, wed(17), wed(24 + 9))).toEqual([]);
    expect(workingSpans(officeHours, wed(17), wed(24 + 10))).toEqual([
      { startMs: wed(24 + 9), endMs: wed(24 + 17) },
    ]);
  });

  it('next start is strictly after now', () => {
    expect(nextWorkStart(officeHours, wed(9))).toBe(wed(24 + 9));
    expect(nextWorkStart(officeHours, wed(12))).toBe(wed(24 + 9));
    expect(nextWorkStart(officeHours, wed(8))).toBe(wed(9));
  });
});

describe('decisions at their edges', () => {
  it('the first instant of the window is known', () => {
    const s = schedule();
    expect(unknownReason(s, s.fromMs)).toBeUndefined();
    expect(unknownReason(s, s.fromMs - 1)).toBe('not-loaded');
    expect(unknownReason(s, s.toMs)).toBe('not-loaded');
  });

  it('automatic replies stop at their end, not after', () => {
    const s = schedule({ autoReplies: { active: true, untilMs: wed(12) } });
    expect(repliesOnAt(s, wed(11))).toBe(true);
    expect(repliesOnAt(s, wed(12))).toBe(false);
    expect(repliesOnAt(s, wed(13))).toBe(false);
    expect(presenceAt(s, wed(13), UTC).state).toBe('available');
    expect(repliesOnAt(schedule({ autoReplies: { active: true } }), wed(100))).toBe(true);
    expect(repliesOnAt(schedule({ autoReplies: { active: false } }), wed(1))).toBe(false);
  });

  it('says nothing it does not know: no subject, no return, no "until" keys', () => {
    expect(busyAt(schedule({ events: [busy(wed(10), wed(11))] }), wed(10))).toStrictEqual({
      state: 'busy',
      untilMs: wed(11),
    });
    expect(offWorkAt(schedule({ workingHours: { ...officeHours, days: [] } }), wed(10))).toStrictEqual({
      state: 'off-work',
    });
    expect(availableAt(schedule(), wed(10), UTC)).toStrictEqual({ state: 'available' });
  });

  it('free until the next block that starts after now, not one starting now', () => {
    const s = schedule({ events: [busy(wed(10), wed(11)), busy(wed(14), wed(15))] });
    expect(freeUntil(s, wed(10), UTC)).toBe(wed(14));
    expect(freeUntil(s, wed(9), UTC)).toBe(wed(10));
  });

  it('the next boundary from the first instant of the window is the next change, not the window start', () => {
    const s = schedule({ events: [busy(wed(10), wed(11))] });
    expect(nextBoundary(s, s.fromMs)).toBe(wed(10));
    expect(nextBoundary(s, s.fromMs - 1)).toBe(s.fromMs);
  });
});

describe('a tentative meeting going on', () => {
  it('keeps its times when it has no subject to show', () => {
    const tentative = (subject?: string): ScheduleEvent => ({
      startMs: wed(11),
      endMs: wed(12),
      busyType: 'Tentative',
      ...(subject ? { subject } : {}),
    });
    expect(tentativeAt(schedule({ events: [tentative()] }), wed(11))).toStrictEqual({
      startMs: wed(11),
      endMs: wed(12),
    });
    expect(tentativeAt(schedule({ events: [tentative('Review')] }), wed(11))).toStrictEqual({
      startMs: wed(11),
      endMs: wed(12),
      subject: 'Review',
    });
  });
});

describe('subtracting blocked time', () => {
  const span = { startMs: 0, endMs: 10 };
  it('ignores blocks after the span and leaves no empty pieces', () => {
    expect(subtractSpans([span], [{ startMs: 20, endMs: 30 }])).toEqual([span]);
    expect(subtractSpans([span], [{ startMs: 0, endMs: 5 }])).toEqual([{ startMs: 5, endMs: 10 }]);
    expect(subtractSpans([span], [{ startMs: 5, endMs: 10 }])).toEqual([{ startMs: 0, endMs: 5 }]);
    expect(
      subtractSpans(
        [span],
        [
          { startMs: 2, endMs: 3 },
          { startMs: 5, endMs: 6 },
        ],
      ),
    ).toEqual([
      { startMs: 0, endMs: 2 },
      { startMs: 3, endMs: 5 },
      { startMs: 6, endMs: 10 },
    ]);
  });
});
