import { describe, expect, it } from 'vitest';
import {
  checkRecurrence,
  expandCalendar,
  firstAndLast,
  instancesOf,
  occurrenceAt,
  occurrenceByIndex,
  occurrenceId,
  parseOccurrenceId,
} from '../../../../main/exchange-sim/org/recurrence';
import type { CalendarItem, Recurrence } from '../../../../main/exchange-sim/org/types';

const DAY = 86_400_000;

/** A series (a single item without `recurrence`) whose first occurrence starts at `start` (UTC) for `minutes`, in `timeZone`. */
function series(
  recurrence: Recurrence | undefined,
  start: string,
  minutes = 15,
  timeZone = 'Europe/Paris',
): CalendarItem {
  return {
    id: 'm1',
    changeKey: '1',
    uid: 'm1',
    subject: 'Stand-up',
    start,
    end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
    timeZone,
    isAllDay: false,
    busyType: 'Busy',
    isMeeting: false,
    isCancelled: false,
    organizer: 'a@contoso.test',
    attendees: [],
    created: '2026-01-01T00:00:00.000Z',
    ...(recurrence ? { recurrence } : {}),
  };
}

const starts = (item: CalendarItem, from: string, to: string): string[] =>
  instancesOf(item, Date.parse(from), Date.parse(to)).map((c) => c.start);

describe('pattern dates (table)', () => {
  const cases: { name: string; item: CalendarItem; from: string; to: string; want: string[] }[] = [
    {
      name: 'daily every 2 days, ended by date',
      item: series(
        {
          pattern: { kind: 'Daily', interval: 2 },
          range: { kind: 'EndDate', startDate: '2026-11-02', endDate: '2026-11-08' },
        },
        '2026-11-02T08:00:00.000Z',
      ),
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      want: [
        '2026-11-02T08:00:00.000Z',
        '2026-11-04T08:00:00.000Z',
        '2026-11-06T08:00:00.000Z',
        '2026-11-08T08:00:00.000Z',
      ],
    },
    {
      name: 'weekly Mon/Wed/Fri starting on a Wednesday starts that Wednesday',
      item: series(
        {
          pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [1, 3, 5] },
          range: { kind: 'Numbered', startDate: '2026-11-04', count: 4 },
        },
        '2026-11-04T08:00:00.000Z',
      ),
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      want: [
        '2026-11-04T08:00:00.000Z',
        '2026-11-06T08:00:00.000Z',
        '2026-11-09T08:00:00.000Z',
        '2026-11-11T08:00:00.000Z',
      ],
    },
    {
      name: 'every other week on Monday (weeks start on Monday)',
      item: series(
        {
          pattern: { kind: 'Weekly', interval: 2, daysOfWeek: [1], firstDayOfWeek: 1 },
          range: { kind: 'NoEnd', startDate: '2026-11-02' },
        },
        '2026-11-02T13:00:00.000Z',
      ),
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      want: ['2026-11-02T13:00:00.000Z', '2026-11-16T13:00:00.000Z', '2026-11-30T13:00:00.000Z'],
    },
    {
      name: 'monthly on the 31st falls on the last day of shorter months',
      item: series(
        {
          pattern: { kind: 'AbsoluteMonthly', interval: 1, dayOfMonth: 31 },
          range: { kind: 'Numbered', startDate: '2026-12-01', count: 3 },
        },
        '2026-12-31T09:00:00.000Z',
        60,
        'UTC',
      ),
      from: '2026-12-01T00:00:00Z',
      to: '2027-06-01T00:00:00Z',
      want: ['2026-12-31T09:00:00.000Z', '2027-01-31T09:00:00.000Z', '2027-02-28T09:00:00.000Z'],
    },
    {
      name: 'monthly on the last Friday',
      item: series(
        {
          pattern: { kind: 'RelativeMonthly', interval: 1, dayOfWeek: 5, index: 'Last' },
          range: { kind: 'EndDate', startDate: '2026-10-01', endDate: '2026-12-31' },
        },
        '2026-10-30T15:00:00.000Z',
        60,
        'UTC',
      ),
      from: '2026-10-01T00:00:00Z',
      to: '2027-01-01T00:00:00Z',
      want: ['2026-10-30T15:00:00.000Z', '2026-11-27T15:00:00.000Z', '2026-12-25T15:00:00.000Z'],
    },
    {
      name: 'every two months on the second Tuesday',
      item: series(
        {
          pattern: { kind: 'RelativeMonthly', interval: 2, dayOfWeek: 2, index: 'Second' },
          range: { kind: 'Numbered', startDate: '2026-09-01', count: 3 },
        },
        '2026-09-08T10:00:00.000Z',
        60,
        'UTC',
      ),
      from: '2026-09-01T00:00:00Z',
      to: '2027-06-01T00:00:00Z',
      want: ['2026-09-08T10:00:00.000Z', '2026-11-10T10:00:00.000Z', '2027-01-12T10:00:00.000Z'],
    },
  ];
  it.each(cases)('$name', ({ item, from, to, want }) => {
    expect(starts(item, from, to)).toEqual(want);
  });
});

describe('time zones and daylight saving', () => {
  it('keeps a 09:00 Paris stand-up at 09:00 Paris across the October change (07:00Z then 08:00Z)', () => {
    const item = series(
      {
        pattern: { kind: 'Daily', interval: 1 },
        range: { kind: 'EndDate', startDate: '2026-10-23', endDate: '2026-10-27' },
      },
      '2026-10-23T07:00:00.000Z',
    );
    expect(starts(item, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z')).toEqual([
      '2026-10-23T07:00:00.000Z',
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T08:00:00.000Z',
    ]);
  });

  it('keeps a weekly 10:00 New York 1:1 at 10:00 New York across the November change', () => {
    const item = series(
      {
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [4] },
        range: { kind: 'Numbered', startDate: '2026-10-22', count: 3 },
      },
      '2026-10-22T14:00:00.000Z',
      30,
      'America/New_York',
    );
    expect(starts(item, '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z')).toEqual([
      '2026-10-22T14:00:00.000Z',
      '2026-10-29T14:00:00.000Z',
      '2026-11-05T15:00:00.000Z',
    ]);
  });

  it('keeps the duration in absolute time on the night the clocks change', () => {
    const item = series(
      {
        pattern: { kind: 'Daily', interval: 1 },
        range: { kind: 'Numbered', startDate: '2026-10-24', count: 2 },
      },
      '2026-10-23T23:30:00.000Z',
      240,
    );
    const [a, b] = instancesOf(item, 0, Date.parse('2027-01-01T00:00:00Z'));
    expect(Date.parse(a?.end ?? '') - Date.parse(a?.start ?? '')).toBe(240 * 60_000);
    expect(Date.parse(b?.end ?? '') - Date.parse(b?.start ?? '')).toBe(240 * 60_000);
    expect(b?.start).toBe('2026-10-24T23:30:00.000Z');
  });
});

describe('exceptions and deleted occurrences', () => {
  const base = (): CalendarItem =>
    series(
      {
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [1, 2, 3, 4, 5] },
        range: { kind: 'Numbered', startDate: '2026-11-23', count: 5 },
      },
      '2026-11-23T08:00:00.000Z',
    );
  const week = (item: CalendarItem) =>
    instancesOf(item, Date.parse('2026-11-20T00:00:00Z'), Date.parse('2026-12-10T00:00:00Z'));

  it('leaves a deleted occurrence out, keeps the others numbered in the series', () => {
    const item = { ...base(), deletedOccurrences: ['2026-11-25T08:00:00.000Z'] };
    const got = week(item);
    expect(got.map((c) => c.occurrence?.index)).toEqual([1, 2, 4, 5]);
    expect(got.every((c) => c.occurrence?.isException === false)).toBe(true);
    expect(occurrenceAt(item, Date.parse('2026-11-25T08:00:00.000Z'))).toBeUndefined();
    expect(occurrenceByIndex(item, 3)).toBeUndefined();
    expect(firstAndLast(item).last?.start).toBe('2026-11-27T08:00:00.000Z');
  });

  it('moves and renames a modified occurrence, under the id of its original start', () => {
    const item: CalendarItem = {
      ...base(),
      modifiedOccurrences: [
        {
          originalStart: '2026-11-24T08:00:00.000Z',
          start: '2026-11-24T09:00:00.000Z',
          end: '2026-11-24T09:30:00.000Z',
          subject: 'Stand-up (moved)',
          location: 'Room 2',
        },
      ],
    };
    const moved = week(item)[1];
    expect(moved).toMatchObject({
      start: '2026-11-24T09:00:00.000Z',
      end: '2026-11-24T09:30:00.000Z',
      subject: 'Stand-up (moved)',
      location: 'Room 2',
      id: occurrenceId('m1', Date.parse('2026-11-24T08:00:00.000Z')),
      occurrence: { masterId: 'm1', index: 2, originalStart: '2026-11-24T08:00:00.000Z', isException: true },
    });
    expect(moved?.recurrence).toBeUndefined();
    expect(occurrenceAt(item, Date.parse('2026-11-24T08:00:00.000Z'))?.subject).toBe('Stand-up (moved)');
  });

  it('shows an occurrence moved into the window from an original start after it', () => {
    const item: CalendarItem = {
      ...base(),
      modifiedOccurrences: [
        {
          originalStart: '2026-11-27T08:00:00.000Z',
          start: '2026-11-26T12:00:00.000Z',
          end: '2026-11-26T12:15:00.000Z',
        },
      ],
    };
    const got = instancesOf(item, Date.parse('2026-11-26T00:00:00Z'), Date.parse('2026-11-27T00:00:00Z'));
    expect(got.map((c) => c.start)).toEqual(['2026-11-26T08:00:00.000Z', '2026-11-26T12:00:00.000Z']);
  });
});

describe('ranges, ids and views', () => {
  it('ends a numbered range after its count, an end-date range on its last date, never a no-end one', () => {
    const numbered = series(
      {
        pattern: { kind: 'Daily', interval: 1 },
        range: { kind: 'Numbered', startDate: '2026-11-02', count: 3 },
      },
      '2026-11-02T08:00:00.000Z',
    );
    expect(firstAndLast(numbered).last?.start).toBe('2026-11-04T08:00:00.000Z');
    const noEnd = series(
      { pattern: { kind: 'Daily', interval: 1 }, range: { kind: 'NoEnd', startDate: '2026-11-02' } },
      '2026-11-02T08:00:00.000Z',
    );
    const ends = firstAndLast(noEnd);
    expect(ends.first?.start).toBe('2026-11-02T08:00:00.000Z');
    expect(ends.last).toBeUndefined();
    expect(starts(noEnd, '2030-01-01T00:00:00Z', '2030-01-03T00:00:00Z')).toEqual([
      '2030-01-01T08:00:00.000Z',
      '2030-01-02T08:00:00.000Z',
    ]);
    expect(occurrenceByIndex(noEnd, 400)?.start).toBe(
      new Date(Date.parse('2026-11-02T08:00:00Z') + 399 * DAY).toISOString(),
    );
  });

  it('round-trips an occurrence id and refuses what is not one', () => {
    const id = occurrenceId('cal-00001a', Date.parse('2026-11-24T08:00:00Z'));
    expect(parseOccurrenceId(id)).toEqual({
      masterId: 'cal-00001a',
      originalStartMs: Date.parse('2026-11-24T08:00:00Z'),
    });
    expect(parseOccurrenceId('cal-00001a')).toBeUndefined();
    expect(parseOccurrenceId('cal@not-a-date')).toBeUndefined();
  });

  it('expands a calendar of single items and series into one sorted view', () => {
    const single: CalendarItem = { ...series(undefined, '2026-11-24T07:30:00.000Z'), id: 's1' };
    const s = series(
      {
        pattern: { kind: 'Daily', interval: 1 },
        range: { kind: 'Numbered', startDate: '2026-11-23', count: 3 },
      },
      '2026-11-23T08:00:00.000Z',
    );
    const view = expandCalendar(
      [s, single],
      Date.parse('2026-11-24T00:00:00Z'),
      Date.parse('2026-11-26T00:00:00Z'),
    );
    expect(view.map((c) => [c.id.slice(0, 2), c.start])).toEqual([
      ['s1', '2026-11-24T07:30:00.000Z'],
      ['m1', '2026-11-24T08:00:00.000Z'],
      ['m1', '2026-11-25T08:00:00.000Z'],
    ]);
  });
});

describe('checkRecurrence', () => {
  const daily = { kind: 'Daily', interval: 1 } as const;
  const from = { kind: 'NoEnd', startDate: '2026-11-02' } as const;
  const bad: [string, Recurrence, RegExp][] = [
    ['interval 0', { pattern: { kind: 'Daily', interval: 0 }, range: from }, /Interval/],
    [
      'no weekday',
      { pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [] }, range: from },
      /day of the week/,
    ],
    ['weekday 7', { pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [7] }, range: from }, /DaysOfWeek/],
    [
      'day 32',
      { pattern: { kind: 'AbsoluteMonthly', interval: 1, dayOfMonth: 32 }, range: from },
      /DayOfMonth/,
    ],
    [
      'bad date',
      { pattern: daily, range: { kind: 'NoEnd', startDate: '2026-02-30' } },
      /not a calendar date/,
    ],
    ['not a date', { pattern: daily, range: { kind: 'NoEnd', startDate: 'soon' } }, /StartDate/],
    [
      'end first',
      { pattern: daily, range: { kind: 'EndDate', startDate: '2026-11-02', endDate: '2026-11-01' } },
      /before/,
    ],
    [
      'count 0',
      { pattern: daily, range: { kind: 'Numbered', startDate: '2026-11-02', count: 0 } },
      /NumberOfOccurrences/,
    ],
  ];
  it.each(bad)('refuses %s with a message naming it', (_name, r, message) => {
    expect(() => checkRecurrence(r)).toThrow(message);
  });
  it('returns a sound recurrence as it is', () => {
    const r: Recurrence = { pattern: daily, range: from };
    expect(checkRecurrence(r)).toBe(r);
  });
});
