/** When the app wakes to recompute presence, and when a tagged person becomes available. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { presenceOrder } from '../../../../../main/compose';
import type { ContactList } from '../../../../../preload/contract';
import {
  MAX_SLEEP_MS,
  createBoundaryTimer,
  earliestBoundary,
  sleepFor,
  systemClock,
  whenAvailable,
  type PresenceClock,
} from '../../../../../main/services/presence/schedule';
import type { PersonSchedule, ScheduleEvent } from '../../../../../main/services/presence/types';
import { fixedZone } from '../../../../../main/services/presence/zones';

const MIN = 60_000;
const T0 = Date.parse('2026-11-30T09:00:00Z');
const utc = fixedZone(0);
const day = { fromMs: Date.parse('2026-11-30T00:00:00Z'), toMs: Date.parse('2026-12-02T00:00:00Z') };
const ev = (from: number, to: number, busyType: ScheduleEvent['busyType'] = 'Busy'): ScheduleEvent => ({
  startMs: T0 + from * MIN,
  endMs: T0 + to * MIN,
  busyType,
});
const hours = { zone: utc, days: [1, 2, 3, 4, 5], startMinutes: 8 * 60, endMinutes: 18 * 60 };
const person = (events: ScheduleEvent[], over: Partial<PersonSchedule> = {}): PersonSchedule => ({
  ...day,
  events,
  workingHours: hours,
  ...over,
});

describe('sleepFor', () => {
  it.each([
    ['a boundary in 10 s', 10_000, 10_000],
    ['a boundary now', 0, 0],
    ['a boundary passed', -5_000, 0],
    ['a boundary in an hour is capped', 3_600_000, MAX_SLEEP_MS],
    ['no boundary', undefined, MAX_SLEEP_MS],
  ])('%s', (_n, inMs, expected) => {
    expect(sleepFor(T0, inMs === undefined ? undefined : T0 + inMs)).toBe(expected);
  });
});

describe('earliestBoundary', () => {
  it('is the soonest change among everyone', () => {
    const a = person([ev(-30, 45)]);
    const b = person([ev(-30, 20)]);
    const c = person([ev(60, 90)]);
    expect(earliestBoundary([a, b, c], T0, utc)).toBe(T0 + 20 * MIN);
  });
  it('is the soonest whatever the order, skipping people with no boundary', () => {
    const soon = person([ev(-30, 20)]);
    const later = person([ev(60, 90)]);
    const none = person([], { unknown: 'not-shared' });
    expect(earliestBoundary([later, none, soon], T0, utc)).toBe(T0 + 20 * MIN);
    expect(earliestBoundary([soon, none, later], T0, utc)).toBe(T0 + 20 * MIN);
    expect(earliestBoundary([], T0, utc)).toBeUndefined();
  });
  it('ignores people whose presence cannot change without a fetch', () => {
    expect(earliestBoundary([person([], { unknown: 'not-shared' })], T0, utc)).toBeUndefined();
  });
});

describe('whenAvailable', () => {
  it.each([
    ['free now', [], 0],
    ['at the end of one meeting', [ev(-30, 20)], 20],
    ['at the end of back-to-back meetings', [ev(-30, 20), ev(20, 50)], 50],
    ['at the end of overlapping meetings', [ev(-30, 20), ev(10, 40)], 40],
    ['a tentative meeting does not keep anyone busy', [ev(-30, 20, 'Tentative')], 0],
    ['after OOF', [ev(-60, 120, 'OOF')], 120],
  ])('%s', (_n, events, afterMin) => {
    expect(whenAvailable(person(events), T0, utc)).toBe(T0 + afterMin * MIN);
  });
  it('at the next start of work when off work', () => {
    const evening = Date.parse('2026-11-30T19:00:00Z');
    expect(whenAvailable(person([]), evening, utc)).toBe(Date.parse('2026-12-01T08:00:00Z'));
  });
  it('gives up after 500 changes: found after 499 one-minute meetings, not after 500', () => {
    const meetings = (n: number): ScheduleEvent[] => Array.from({ length: n }, (_, i) => ev(i, i + 1));
    expect(whenAvailable(person(meetings(499)), T0, utc)).toBe(T0 + 499 * MIN);
    expect(whenAvailable(person(meetings(500)), T0, utc)).toBeUndefined();
  });
  it('never, for an unknown calendar', () => {
    expect(whenAvailable(person([], { unknown: 'not-shared' }), T0, utc)).toBeUndefined();
  });
});

describe('boundary timer', () => {
  it('wakes at each boundary, re-arms itself, and stops', () => {
    let now = T0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const clock: PresenceClock = {
      now: () => now,
      setTimer: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return () => timers.splice(timers.indexOf(t), 1);
      },
    };
    const woke: number[] = [];
    const bounds = [T0 + 10_000, T0 + 25_000];
    const timer = createBoundaryTimer(
      clock,
      (n) => bounds.find((b) => b > n),
      (n) => woke.push(n),
    );
    timer.rearm();
    const fire = () => {
      const t = timers.shift()!;
      now = t.at;
      t.fn();
    };
    fire();
    fire();
    expect(woke).toEqual([T0 + 10_000, T0 + 25_000]);
    expect(timers[0]?.at).toBe(T0 + 25_000 + MAX_SLEEP_MS); // nothing left: the cap
    timer.stop();
    expect(timers).toHaveLength(0);
  });
});

describe('boundary timer: re-arming and stopping', () => {
  const manual = () => {
    const timers: Array<{ ms: number; fn: () => void; cancelled: boolean }> = [];
    const clock: PresenceClock = {
      now: () => T0,
      setTimer: (fn, ms) => {
        const t = { ms, fn, cancelled: false };
        timers.push(t);
        return () => {
          t.cancelled = true;
        };
      },
    };
    return { timers, clock };
  };

  it('a rearm cancels the timer already set, so one wake-up is pending at a time', () => {
    const { timers, clock } = manual();
    const timer = createBoundaryTimer(
      clock,
      () => T0 + 5_000,
      () => undefined,
    );
    timer.rearm();
    timer.rearm();
    expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([
      [5_000, true],
      [5_000, false],
    ]);
  });

  it('stop before any rearm sets and cancels nothing', () => {
    const { timers, clock } = manual();
    const timer = createBoundaryTimer(
      clock,
      () => T0 + 5_000,
      () => undefined,
    );
    timer.stop();
    expect(timers).toStrictEqual([]);
  });

  it('stays stopped when a timer fires after stop, and starts again on rearm', () => {
    const { timers, clock } = manual();
    const woke: number[] = [];
    const timer = createBoundaryTimer(
      clock,
      () => undefined,
      (n) => woke.push(n),
    );
    timer.rearm();
    timer.stop();
    expect(timers[0]?.cancelled).toBe(true);
    // A timer that fired anyway (its cancel came too late) does not set another.
    timers[0]?.fn();
    expect(woke).toEqual([T0]);
    expect(timers).toHaveLength(1);
    timer.rearm();
    expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([
      [MAX_SLEEP_MS, true],
      [MAX_SLEEP_MS, false],
    ]);
  });
});

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the system time with its offset, and its timers fire once unless cancelled', () => {
    vi.useFakeTimers({ now: T0 });
    const clock = systemClock(-5_000);
    expect(clock.now()).toBe(T0 - 5_000);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('kept'), 1_000);
    const cancel = clock.setTimer(() => fired.push('cancelled'), 1_000);
    cancel();
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['kept']);
    expect(systemClock().now()).toBe(T0 + 1_000);
  });
});

describe('presence order', () => {
  it('follows the list as first shown: groups in server order, members by name, each person once', () => {
    const c = (id: string, name: string, email?: string) => ({
      id,
      displayName: name,
      ...(email ? { email } : {}),
      telephoneOnly: !email,
      groupIds: [],
      phones: [],
    });
    const list: ContactList = {
      groups: [
        { id: 'fav', name: 'Favorites', kind: 'favorites', memberIds: ['3', '1'] },
        { id: 'oth', name: 'Other Contacts', kind: 'other', memberIds: ['2', '1', '4'] },
      ],
      contacts: [
        c('1', 'Zoé', 'z@x.test'),
        c('2', 'Anne', 'a@x.test'),
        c('3', 'Bob', 'b@x.test'),
        c('4', 'Tel'),
      ],
      fetchedAt: null,
      fromCache: false,
      offline: false,
      limit: 1000,
    };
    expect(presenceOrder(list).map((p) => p.email)).toEqual(['b@x.test', 'z@x.test', 'a@x.test']);
  });
});
