import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../main/errors';
import {
  checkWindow,
  conflictsFor,
  gridRow,
  searchWindow,
  toMeetingSlot,
  type GridPerson,
  type NamedAttendee,
} from '../../../../../main/services/meetings/findtime';
import type { PersonSchedule } from '../../../../../main/services/presence/types';
import { fixedZone, UTC_ZONE } from '../../../../../main/services/presence/zones';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Wednesday 25 November 2026, 00:00 UTC.
const T0 = Date.parse('2026-11-25T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const PARIS = fixedZone(60, 'Europe/Paris');

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('searchWindow: from when to when proposals are looked for, and what is fetched', () => {
  const now = T0 + 10 * HOUR;
  it('from now to the end of the organiser’s n-th day, fetched from their midnight', () => {
    expect(searchWindow(now, { withinDays: 5 }, UTC_ZONE)).toEqual({
      fromMs: now,
      toMs: T0 + 5 * DAY,
      fetch: { startMs: T0, endMs: T0 + 5 * DAY },
    });
    // In UTC+1 the organiser's days start an hour earlier.
    expect(searchWindow(now, { withinDays: 1 }, PARIS)).toEqual({
      fromMs: now,
      toMs: T0 + DAY - HOUR,
      fetch: { startMs: T0 - HOUR, endMs: T0 + DAY - HOUR },
    });
  });

  it('never starts before now; a later start moves the whole window', () => {
    expect(searchWindow(now, { from: iso(now - DAY), withinDays: 1 }, UTC_ZONE).fromMs).toBe(now);
    expect(searchWindow(now, { from: iso(now + 2 * DAY), withinDays: 1 }, UTC_ZONE)).toEqual({
      fromMs: now + 2 * DAY,
      toMs: T0 + 3 * DAY,
      fetch: { startMs: T0 + 2 * DAY, endMs: T0 + 3 * DAY },
    });
  });

  it('widens the fetch to the grid’s day, before or after the search', () => {
    expect(searchWindow(now, { withinDays: 2, day: iso(T0 + 6 * DAY + HOUR) }, UTC_ZONE)).toEqual({
      fromMs: now,
      toMs: T0 + 2 * DAY,
      dayMs: T0 + 6 * DAY,
      fetch: { startMs: T0, endMs: T0 + 7 * DAY },
    });
    const inside = searchWindow(now, { withinDays: 3, day: iso(T0 + DAY + HOUR) }, UTC_ZONE);
    expect(inside.dayMs).toBe(T0 + DAY);
    expect(inside.fetch).toEqual({ startMs: T0, endMs: T0 + 3 * DAY });
    const before = searchWindow(now, { from: iso(now + 3 * DAY), withinDays: 1, day: iso(now) }, UTC_ZONE);
    expect(before.fetch).toEqual({ startMs: T0, endMs: T0 + 4 * DAY });
  });

  it.each([
    [
      'an unreadable start',
      { from: 'soon', withinDays: 1 },
      'The search start is not a date and time.',
      undefined,
    ],
    [
      'an unreadable day',
      { withinDays: 1, day: 'monday' },
      'The grid’s day is not a date and time.',
      undefined,
    ],
    [
      'a day past 42 days of fetch',
      { withinDays: 1, day: iso(T0 + 42 * DAY) },
      'The grid’s day must be within 42 days of the search.',
      'DayOutOfRange',
    ],
  ])('refuses %s', (_name, req, message, code) => {
    const err = thrown(() => searchWindow(now, req, UTC_ZONE));
    expect(err.kind).toBe('bad-input');
    expect(err.message).toBe(message);
    expect(err.code).toBe(code);
  });

  it('accepts a day exactly 42 days of fetch away', () => {
    expect(searchWindow(now, { withinDays: 1, day: iso(T0 + 41 * DAY) }, UTC_ZONE).fetch).toEqual({
      startMs: T0,
      endMs: T0 + 42 * DAY,
    });
  });
});

describe('checkWindow: the whole organiser days around a hand-picked time', () => {
  it('from the start’s midnight to the midnight after the end', () => {
    expect(checkWindow(T0 + 10 * HOUR, T0 + 11 * HOUR, UTC_ZONE)).toEqual({ startMs: T0, endMs: T0 + DAY });
    expect(checkWindow(T0 + 10 * HOUR, T0 + 41 * DAY + HOUR, UTC_ZONE)).toEqual({
      startMs: T0,
      endMs: T0 + 42 * DAY,
    });
  });
  it.each([
    ['ending when it starts', T0, T0, 'The meeting must end after it starts.'],
    ['ending before it starts', T0, T0 - 1, 'The meeting must end after it starts.'],
    ['a start that is not a time', Number.NaN, T0, 'The meeting must end after it starts.'],
    ['an end that is not a time', T0, Number.POSITIVE_INFINITY, 'The meeting must end after it starts.'],
    ['over 42 days', T0, T0 + 42 * DAY + HOUR, 'A meeting can last at most 42 days.'],
  ])('refuses a meeting %s', (_name, start, end, message) => {
    const err = thrown(() => checkWindow(start, end, UTC_ZONE));
    expect(err.kind).toBe('bad-input');
    expect(err.message).toBe(message);
  });
});

describe('toMeetingSlot', () => {
  it('gives ISO times and copies the answers', () => {
    const answers = [{ email: 'a@x', required: true, answer: 'free' as const }];
    const slot = toMeetingSlot({ startMs: T0, endMs: T0 + HOUR, answers, requiredMaybe: 1, optionalFree: 2 });
    expect(slot).toEqual({
      start: iso(T0),
      end: iso(T0 + HOUR),
      answers: [{ email: 'a@x', required: true, answer: 'free' }],
      requiredMaybe: 1,
      optionalFree: 2,
    });
    expect(slot.answers[0]).not.toBe(answers[0]);
  });
});

describe('gridRow: one person on one organiser day', () => {
  const day = { startMs: T0, endMs: T0 + DAY };
  const person = (schedule: PersonSchedule): GridPerson => ({
    email: 'a@x',
    displayName: 'A',
    required: false,
    self: true,
    schedule,
  });

  it('blocks clipped to the day and to what was fetched; hours in their zone, clipped to the day', () => {
    const row = gridRow(
      person({
        fromMs: T0 + 2 * HOUR,
        toMs: T0 + 3 * DAY,
        events: [
          { startMs: T0 - HOUR, endMs: T0 + 4 * HOUR, busyType: 'Busy' },
          { startMs: T0 + 20 * HOUR, endMs: T0 + 26 * HOUR, busyType: 'OOF', subject: 'Away' },
        ],
        // 21:00–24:00 in UTC-1: 22:00–01:00 UTC, across my midnight (both of their days touch mine).
        workingHours: {
          zone: fixedZone(-60, 'Far West'),
          days: [2, 3, 4],
          startMinutes: 1260,
          endMinutes: 1440,
        },
      }),
      day,
    );
    expect(row).toEqual({
      email: 'a@x',
      displayName: 'A',
      required: false,
      self: true,
      blocks: [
        { start: iso(T0 + 2 * HOUR), end: iso(T0 + 4 * HOUR), busyType: 'Busy' },
        { start: iso(T0 + 20 * HOUR), end: iso(T0 + DAY), busyType: 'OOF', subject: 'Away' },
      ],
      workingHours: [
        { start: iso(T0), end: iso(T0 + HOUR) },
        { start: iso(T0 + 22 * HOUR), end: iso(T0 + DAY) },
      ],
      zoneName: 'Far West',
    });
  });

  it('an unreadable calendar: no blocks, no hours, the reason said', () => {
    expect(
      gridRow(
        person({
          fromMs: T0,
          toMs: T0 + DAY,
          events: [{ startMs: T0, endMs: T0 + HOUR, busyType: 'Busy' }],
          unknown: 'not-shared',
        }),
        day,
      ),
    ).toEqual({
      email: 'a@x',
      displayName: 'A',
      required: false,
      self: true,
      blocks: [],
      workingHours: [],
      reason: 'not-shared',
    });
  });

  it('a day outside what was fetched shows no blocks; a zone without a name gives none', () => {
    const row = gridRow(
      person({
        fromMs: T0 + DAY,
        toMs: T0 + 2 * DAY,
        events: [{ startMs: T0 + 2 * HOUR, endMs: T0 + 3 * HOUR, busyType: 'Busy' }],
        workingHours: { zone: fixedZone(0), days: [3], startMinutes: 540, endMinutes: 1020 },
      }),
      day,
    );
    expect(row.blocks).toEqual([]);
    expect(row.workingHours).toEqual([{ start: iso(T0 + 9 * HOUR), end: iso(T0 + 17 * HOUR) }]);
    expect(row).not.toHaveProperty('zoneName');
    expect(row).not.toHaveProperty('reason');
  });
});

describe('conflictsFor: why a hand-picked time does not suit each person', () => {
  const slot = { startMs: T0 + 14 * HOUR, endMs: T0 + 15 * HOUR };
  const window = { fromMs: T0, toMs: T0 + DAY };
  const attendee = (email: string, schedule: Partial<PersonSchedule>, displayName = email.toUpperCase()) =>
    ({
      email,
      displayName,
      required: true,
      schedule: { ...window, events: [], ...schedule },
    }) as NamedAttendee;

  it('names each meeting in the way, then hours and unreadable calendars; leaves the free out', () => {
    const out = conflictsFor(
      [
        attendee('busy@x', {
          events: [
            { startMs: T0 + 14 * HOUR, endMs: T0 + 16 * HOUR, busyType: 'Busy' },
            { startMs: T0 + 13 * HOUR, endMs: T0 + 15 * HOUR, busyType: 'OOF' },
          ],
        }),
        attendee('maybe@x', {
          events: [{ startMs: T0 + 14 * HOUR, endMs: T0 + 15 * HOUR, busyType: 'Tentative' }],
        }),
        attendee('free@x', {
          events: [{ startMs: T0 + 14 * HOUR, endMs: T0 + 15 * HOUR, busyType: 'Free' }],
        }),
        attendee('night@x', {
          workingHours: { zone: UTC_ZONE, days: [3], startMinutes: 540, endMinutes: 840 },
        }),
        attendee('hidden@x', { unknown: 'not-shared' }),
      ],
      slot,
    );
    const at = (s: number, e: number) => ({ start: iso(T0 + s * HOUR), end: iso(T0 + e * HOUR) });
    expect(out).toEqual([
      { email: 'busy@x', displayName: 'BUSY@X', ...at(13, 15), busyType: 'OOF' },
      { email: 'busy@x', displayName: 'BUSY@X', ...at(14, 16), busyType: 'Busy' },
      { email: 'maybe@x', displayName: 'MAYBE@X', ...at(14, 15), busyType: 'Tentative' },
      { email: 'night@x', displayName: 'NIGHT@X', ...at(14, 15), busyType: 'outside-hours' },
      { email: 'hidden@x', displayName: 'HIDDEN@X', ...at(14, 15), busyType: 'unknown' },
    ]);
  });
});
