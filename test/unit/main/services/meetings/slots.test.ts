/** Finding a time: across Paris, New York and Tokyo, DST weeks, per-person hours, all-day events, optional attendees. */
import { describe, expect, it } from 'vitest';
import {
  answerFor,
  busyUnion,
  candidateStarts,
  conflictsAt,
  findSlots,
  type SlotAttendee,
} from '../../../../../main/services/meetings/slots';
import type { PersonSchedule, ScheduleEvent } from '../../../../../main/services/presence/types';
import { ianaZone } from '../../../../../main/services/presence/zones';

const PARIS = ianaZone('Europe/Paris');
const NY = ianaZone('America/New_York');
const TOKYO = ianaZone('Asia/Tokyo');
const WEEK = [1, 2, 3, 4, 5];

const at = (iso: string): number => Date.parse(iso);
/** A wall time in Paris, as shown to the organiser. */
const paris = (ms: number): string =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(ms));

function person(
  email: string,
  zone = PARIS,
  events: Array<[string, string, ScheduleEvent['busyType']]> = [],
  hours: [number, number] = [9, 17],
  over: Partial<PersonSchedule> = {},
): SlotAttendee {
  return {
    email,
    required: true,
    schedule: {
      fromMs: at('2026-10-01T00:00:00Z'),
      toMs: at('2026-12-31T00:00:00Z'),
      events: events.map(([s, e, busyType]) => ({ startMs: at(s), endMs: at(e), busyType })),
      workingHours: { zone, days: WEEK, startMinutes: hours[0] * 60, endMinutes: hours[1] * 60 },
      ...over,
    },
  };
}
const optional = (a: SlotAttendee): SlotAttendee => ({ ...a, required: false });

const MONDAY = { fromMs: at('2026-11-30T07:00:00Z'), toMs: at('2026-12-02T23:00:00Z') };

describe('findSlots: the first proposal', () => {
  it.each([
    [
      'Paris colleagues, one busy 09:00–11:00',
      [person('me'), person('helene', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T10:00:00Z', 'Busy']])],
      60,
      'Mon 11:00',
    ],
    [
      'Paris and New York overlap 15:00–17:00 Paris time',
      [person('me'), person('nancy', NY)],
      60,
      'Mon 15:00',
    ],
    [
      'Paris and Tokyo overlap only 09:00–10:00 Paris time',
      [person('me'), person('sakura', TOKYO, [], [9, 18])],
      60,
      'Mon 09:00',
    ],
    [
      'Tokyo too short for 90 minutes: the next morning is not longer',
      [person('me'), person('sakura', TOKYO, [], [9, 18])],
      90,
      undefined,
    ],
    [
      'Paris, New York and Tokyo together: no working hours in common',
      [person('me'), person('nancy', NY), person('sakura', TOKYO)],
      30,
      undefined,
    ],
    [
      'an all-day OOF on Monday moves it to Tuesday',
      [person('me'), person('bob', PARIS, [['2026-11-29T23:00:00Z', '2026-11-30T23:00:00Z', 'OOF']])],
      60,
      'Tue 09:00',
    ],
    [
      'a late worker (10:00–19:00) and an early one (07:00–16:00)',
      [person('me', PARIS, [], [10, 19]), person('early', PARIS, [], [7, 16])],
      60,
      'Mon 10:00',
    ],
    [
      'back-to-back meetings are one block',
      [
        person('me'),
        person('h', PARIS, [
          ['2026-11-30T08:00:00Z', '2026-11-30T09:00:00Z', 'Busy'],
          ['2026-11-30T09:00:00Z', '2026-11-30T10:30:00Z', 'Busy'],
        ]),
      ],
      30,
      'Mon 11:30',
    ],
    [
      'a meeting ending at 10:15 leaves 10:30 as the first half-hour start',
      [person('me'), person('h', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T09:15:00Z', 'Busy']])],
      30,
      'Mon 10:30',
    ],
    [
      'a Free or working-elsewhere item does not block',
      [
        person('me', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T16:00:00Z', 'WorkingElsewhere']]),
        person('h', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T09:00:00Z', 'Free']]),
      ],
      60,
      'Mon 09:00',
    ],
  ] as const)('%s', (_name, attendees, minutes, first) => {
    const slots = findSlots({ attendees, durationMinutes: minutes, organizer: PARIS, ...MONDAY });
    expect(slots[0] ? paris(slots[0].startMs) : undefined).toBe(first);
    for (const s of slots) expect(s.endMs - s.startMs).toBe(minutes * 60_000);
  });
});

describe('findSlots: daylight saving weeks', () => {
  it('New York is 5 hours behind Paris in the week between the two changes, 6 after', () => {
    const between = findSlots({
      attendees: [person('me'), person('nancy', NY)],
      durationMinutes: 60,
      organizer: PARIS,
      fromMs: at('2026-10-26T06:00:00Z'),
      toMs: at('2026-10-26T23:00:00Z'),
    });
    expect(paris(between[0]!.startMs)).toBe('Mon 14:00');
    const after = findSlots({
      attendees: [person('me'), person('nancy', NY)],
      durationMinutes: 60,
      organizer: PARIS,
      fromMs: at('2026-11-02T07:00:00Z'),
      toMs: at('2026-11-02T23:00:00Z'),
    });
    expect(paris(after[0]!.startMs)).toBe('Mon 15:00');
  });

  it('starts stay on the organiser’s half hours on the day the clocks go back', () => {
    const starts = candidateStarts({
      attendees: [],
      durationMinutes: 30,
      organizer: PARIS,
      fromMs: at('2026-10-24T22:00:00Z'),
      toMs: at('2026-10-25T23:00:00Z'),
    });
    // 25 hours that day: 50 half-hour starts (02:00 and 02:30 twice), each on :00 or :30 Paris time.
    expect(starts).toHaveLength(50);
    expect(starts.every((s) => /:(00|30)$/.test(paris(s)))).toBe(true);
  });
});

describe('findSlots: ranking', () => {
  const me = person('me');
  const opt = optional(person('opt', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T10:00:00Z', 'Busy']]));

  it('prefers the slot the optional attendee can come to, the same day', () => {
    const slots = findSlots({ attendees: [me, opt], durationMinutes: 60, organizer: PARIS, ...MONDAY });
    expect(paris(slots[0]!.startMs)).toBe('Mon 11:00');
    expect(slots[0]!.optionalFree).toBe(1);
  });

  it('an optional attendee never blocks a slot', () => {
    const busyAllWeek = optional(
      person('away', PARIS, [['2026-11-29T00:00:00Z', '2026-12-05T00:00:00Z', 'OOF']]),
    );
    const slots = findSlots({
      attendees: [me, busyAllWeek],
      durationMinutes: 60,
      organizer: PARIS,
      ...MONDAY,
    });
    expect(paris(slots[0]!.startMs)).toBe('Mon 09:00');
    expect(slots[0]!.answers.find((a) => a.email === 'away')?.answer).toBe('busy');
  });

  it('a tentative required attendee is a "maybe": free slots come first, even later ones', () => {
    const tent = person('t', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T16:00:00Z', 'Tentative']]);
    const slots = findSlots({
      attendees: [me, tent],
      durationMinutes: 60,
      organizer: PARIS,
      ...MONDAY,
      max: 60,
    });
    expect(paris(slots[0]!.startMs)).toBe('Tue 09:00');
    expect(slots[0]!.requiredMaybe).toBe(0);
    const maybe = slots.find((s) => s.requiredMaybe === 1);
    expect(maybe && paris(maybe.startMs)).toBe('Mon 09:00');
  });

  it('a calendar we cannot see is "unknown", never free; nobody visible means no proposal', () => {
    const hidden = person('sho', PARIS, [], [9, 17], { unknown: 'not-shared' });
    const slots = findSlots({ attendees: [me, hidden], durationMinutes: 60, organizer: PARIS, ...MONDAY });
    expect(slots[0]!.answers.find((a) => a.email === 'sho')?.answer).toBe('unknown');
    expect(slots[0]!.requiredMaybe).toBe(1);
    expect(findSlots({ attendees: [hidden], durationMinutes: 60, organizer: PARIS, ...MONDAY })).toEqual([]);
  });

  it('gives at most `max` proposals, and none for a zero duration', () => {
    expect(
      findSlots({ attendees: [me], durationMinutes: 30, organizer: PARIS, ...MONDAY, max: 3 }),
    ).toHaveLength(3);
    expect(findSlots({ attendees: [me], durationMinutes: 0, organizer: PARIS, ...MONDAY })).toEqual([]);
  });
});

describe('answers and conflicts', () => {
  const h = person('helene', PARIS, [
    ['2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z', 'Busy'],
    ['2026-11-30T14:00:00Z', '2026-11-30T14:30:00Z', 'Tentative'],
  ]);
  it.each([
    ['busy in the middle', '2026-11-30T13:30:00Z', '2026-11-30T14:30:00Z', 'busy'],
    ['touching the end of a meeting is free', '2026-11-30T12:00:00Z', '2026-11-30T13:00:00Z', 'free'],
    ['tentative only', '2026-11-30T14:00:00Z', '2026-11-30T14:30:00Z', 'maybe'],
    ['before work', '2026-11-30T06:30:00Z', '2026-11-30T07:30:00Z', 'outside-hours'],
    ['running past the end of work', '2026-11-30T15:30:00Z', '2026-11-30T16:30:00Z', 'outside-hours'],
    ['outside the fetched window', '2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', 'unknown'],
  ] as const)('%s', (_n, s, e, answer) => {
    expect(answerFor(h.schedule, { startMs: at(s), endMs: at(e) })).toBe(answer);
  });

  it('names who is busy when, for "Hélène is busy 14:00–15:00"', () => {
    const c = conflictsAt([person('me'), h], {
      startMs: at('2026-11-30T13:30:00Z'),
      endMs: at('2026-11-30T14:15:00Z'),
    });
    expect(c.map((x) => [x.email, x.busyType, paris(x.startMs), paris(x.endMs)])).toEqual([
      ['helene', 'Busy', 'Mon 14:00', 'Mon 15:00'],
      ['helene', 'Tentative', 'Mon 15:00', 'Mon 15:30'],
    ]);
  });
});

describe('answers at the edges', () => {
  const window = { fromMs: at('2026-11-30T00:00:00Z'), toMs: at('2026-12-01T00:00:00Z') };
  const sched = (events: Array<[string, string, ScheduleEvent['busyType']]>): PersonSchedule => ({
    ...window,
    events: events.map(([s, e, busyType]) => ({ startMs: at(s), endMs: at(e), busyType })),
  });
  const slot = (s: string, e: string) => ({ startMs: at(s), endMs: at(e) });
  it.each([
    [
      'no hours known, nothing on: free',
      sched([]),
      slot('2026-11-30T02:00:00Z', '2026-11-30T03:00:00Z'),
      'free',
    ],
    ['exactly the fetched window', sched([]), slot('2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'), 'free'],
    [
      'starting before the window',
      sched([]),
      slot('2026-11-29T23:59:00Z', '2026-11-30T01:00:00Z'),
      'unknown',
    ],
    ['ending after the window', sched([]), slot('2026-11-30T23:00:00Z', '2026-12-01T00:01:00Z'), 'unknown'],
    [
      'out of office',
      sched([['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 'OOF']]),
      slot('2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'),
      'busy',
    ],
    [
      'no data',
      sched([['2026-11-30T09:30:00Z', '2026-11-30T09:45:00Z', 'NoData']]),
      slot('2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'),
      'unknown',
    ],
    [
      'busy beats no data',
      sched([
        ['2026-11-30T09:00:00Z', '2026-11-30T09:15:00Z', 'NoData'],
        ['2026-11-30T09:30:00Z', '2026-11-30T09:45:00Z', 'Busy'],
      ]),
      slot('2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'),
      'busy',
    ],
    [
      'free and working elsewhere count as free',
      sched([
        ['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z', 'Free'],
        ['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z', 'WorkingElsewhere'],
      ]),
      slot('2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'),
      'free',
    ],
    [
      'a meeting starting when the slot ends',
      sched([['2026-11-30T10:00:00Z', '2026-11-30T11:00:00Z', 'Busy']]),
      slot('2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'),
      'free',
    ],
  ] as const)('%s', (_name, schedule, s, want) => {
    expect(answerFor(schedule, s)).toBe(want);
  });

  it('a slot exactly inside the working hours is in them; a minute more is not', () => {
    const me = person('me');
    expect(answerFor(me.schedule, slot('2026-11-30T08:00:00Z', '2026-11-30T16:00:00Z'))).toBe('free');
    expect(answerFor(me.schedule, slot('2026-11-30T07:59:00Z', '2026-11-30T16:00:00Z'))).toBe(
      'outside-hours',
    );
    expect(answerFor(me.schedule, slot('2026-11-30T08:00:00Z', '2026-11-30T16:01:00Z'))).toBe(
      'outside-hours',
    );
  });
});

describe('candidate starts and the busy row', () => {
  it('steps on the organiser’s clock from the first step at or after the start, while the slot fits', () => {
    const starts = candidateStarts({
      attendees: [],
      durationMinutes: 60,
      fromMs: at('2026-11-30T08:10:00Z'),
      toMs: at('2026-11-30T10:00:00Z'),
      organizer: PARIS,
      stepMinutes: 15,
    });
    expect(starts.map(paris)).toEqual(['Mon 09:15', 'Mon 09:30', 'Mon 09:45', 'Mon 10:00']);
  });

  it('conflicts at the same time are listed by address', () => {
    const b = person('b', PARIS, [['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z', 'Busy']]);
    const a = person('a', PARIS, [['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z', 'OOF']]);
    const free = person('c', PARIS, [['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z', 'Free']]);
    expect(
      conflictsAt([b, free, a], {
        startMs: at('2026-11-30T09:30:00Z'),
        endMs: at('2026-11-30T09:45:00Z'),
      }).map((c) => [c.email, c.busyType]),
    ).toEqual([
      ['a', 'OOF'],
      ['b', 'Busy'],
    ]);
  });

  it('busyUnion merges everyone’s busy and out-of-office time, not tentative or free', () => {
    const x = person('x', PARIS, [
      ['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z', 'Busy'],
      ['2026-11-30T12:00:00Z', '2026-11-30T13:00:00Z', 'Tentative'],
    ]);
    const y = person('y', PARIS, [
      ['2026-11-30T10:00:00Z', '2026-11-30T11:00:00Z', 'OOF'],
      ['2026-11-30T14:00:00Z', '2026-11-30T15:00:00Z', 'Free'],
    ]);
    expect(busyUnion([x, y])).toEqual([
      { startMs: at('2026-11-30T09:00:00Z'), endMs: at('2026-11-30T11:00:00Z') },
    ]);
  });
});

describe('findSlots and candidate starts: the survivors', () => {
  it('a window across midnight proposes each start once', () => {
    // No working hours known: every half hour counts, midnight included.
    const owl = person('owl', PARIS, [], [9, 17], { workingHours: undefined });
    const slots = findSlots({
      attendees: [owl],
      durationMinutes: 30,
      organizer: PARIS,
      fromMs: at('2026-11-30T22:00:00Z'),
      toMs: at('2026-12-01T00:00:00Z'),
    });
    expect(slots.map((s) => paris(s.startMs))).toStrictEqual([
      'Mon 23:00',
      'Mon 23:30',
      'Tue 00:00',
      'Tue 00:30',
    ]);
  });

  it('hourly starts stay on the hour of the organiser’s clock on a half-hour DST change (Lord Howe)', () => {
    const lordHowe = ianaZone('Australia/Lord_Howe');
    const clock = (ms: number): string =>
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Australia/Lord_Howe',
      }).format(new Date(ms));
    // 4 October 2026, 02:00 → 02:30 on Lord Howe Island: the window is that local day.
    const starts = candidateStarts({
      attendees: [],
      durationMinutes: 60,
      organizer: lordHowe,
      fromMs: at('2026-10-03T13:30:00Z'),
      toMs: at('2026-10-04T13:00:00Z'),
      stepMinutes: 60,
    });
    expect(starts.map(clock).slice(0, 2)).toStrictEqual(['00:00', '01:00']);
    expect(starts.map(clock).filter((t) => !t.endsWith(':00'))).toStrictEqual([]);
  });

  it('no attendees, no proposals', () => {
    expect(findSlots({ attendees: [], durationMinutes: 60, organizer: PARIS, ...MONDAY })).toStrictEqual([]);
  });

  it('a slot where a required attendee is busy is never proposed, however few the others', () => {
    const slots = findSlots({
      attendees: [
        person('me'),
        person('helene', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T15:00:00Z', 'Busy']]),
      ],
      durationMinutes: 60,
      organizer: PARIS,
      fromMs: at('2026-11-30T07:00:00Z'),
      toMs: at('2026-11-30T17:00:00Z'),
    });
    expect(slots.map((s) => [paris(s.startMs), s.answers.map((a) => a.answer)])).toStrictEqual([
      ['Mon 16:00', ['free', 'free']],
    ]);
  });

  it('with only optional attendees, slots are still proposed, the most of them free first', () => {
    const slots = findSlots({
      attendees: [
        optional(person('a')),
        optional(person('b', PARIS, [['2026-11-30T08:00:00Z', '2026-11-30T10:00:00Z', 'Busy']])),
      ],
      durationMinutes: 60,
      organizer: PARIS,
      ...MONDAY,
    });
    expect(slots).toHaveLength(5);
    expect(slots[0]).toMatchObject({ requiredMaybe: 0, optionalFree: 2 });
    expect(paris(slots[0]!.startMs)).toBe('Mon 11:00');
  });
});
