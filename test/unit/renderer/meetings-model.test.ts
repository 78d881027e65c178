import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../preload/contract';
import {
  byDay,
  cellOf,
  fromWall,
  gridColumns,
  isHttpsUrl,
  meetingStartingSoon,
  responseCounts,
  toWall,
} from '../../../renderer/meetings-model';

const at = (iso: string): number => Date.parse(iso);
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
const day = { start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' };
const span = (start: string, end: string) => ({
  start: `2026-12-01T${start}:00.000Z`,
  end: `2026-12-01T${end}:00.000Z`,
});

describe('grid columns', () => {
  it.each([
    ['no working hours known: 08:00 to 18:00', [], null, '08:00', '17:30', 20],
    [
      'from the earliest start to the latest end of anyone',
      [[span('09:00', '17:00')], [span('07:30', '12:00')]],
      null,
      '07:00',
      '16:30',
      20,
    ],
    [
      'Tokyo and New York in one day: the union, widened to whole hours',
      [[span('00:00', '09:00')], [span('14:00', '22:30')]],
      null,
      '00:00',
      '22:30',
      46,
    ],
    [
      'a chosen slot outside everyone\u2019s hours widens the grid',
      [[span('09:00', '17:00')]],
      { start: at('2026-12-01T19:30:00Z'), end: at('2026-12-01T20:00:00Z') },
      '09:00',
      '19:30',
      22,
    ],
    [
      'a chosen slot on another day changes nothing',
      [[span('09:00', '17:00')]],
      { start: at('2026-12-03T06:00:00Z'), end: at('2026-12-03T07:00:00Z') },
      '09:00',
      '16:30',
      16,
    ],
  ] as const)('%s', (_name, hours, chosen, first, last, count) => {
    const columns = gridColumns(
      day,
      hours.map((workingHours) => ({ workingHours: [...workingHours] })),
      chosen,
    );
    expect(columns).toHaveLength(count);
    expect(hhmm(columns[0]?.start ?? 0)).toBe(first);
    expect(hhmm(columns[columns.length - 1]?.start ?? 0)).toBe(last);
  });

  it.each([
    ['a day that ends before it starts', { start: day.end, end: day.start }],
    ['a day of no length', { start: day.start, end: day.start }],
    ['a day that is not dates', { start: 'today', end: 'tomorrow' }],
  ])('no columns for %s', (_name, badDay) => {
    expect(gridColumns(badDay, [{ workingHours: [span('09:00', '17:00')] }])).toEqual([]);
  });

  it('working hours of no length count as none: 08:00 to 18:00', () => {
    const columns = gridColumns(day, [{ workingHours: [span('09:00', '09:00')] }]);
    expect(columns).toHaveLength(20);
    expect(hhmm(columns[0]?.start ?? 0)).toBe('08:00');
  });

  it.each([
    ['ending as the day starts', '2026-11-30T23:00:00Z', '2026-12-01T00:00:00Z'],
    ['starting as the day ends', '2026-12-02T00:00:00Z', '2026-12-02T01:00:00Z'],
  ])('a chosen slot %s changes nothing', (_name, start, end) => {
    const columns = gridColumns(day, [{ workingHours: [span('09:00', '17:00')] }], {
      start: at(start),
      end: at(end),
    });
    expect(columns).toHaveLength(16);
    expect(hhmm(columns[0]?.start ?? 0)).toBe('09:00');
  });

  it('a day that ends off the hour ends on a short last column', () => {
    const short = { start: day.start, end: '2026-12-01T17:45:00.000Z' };
    const columns = gridColumns(short, [{ workingHours: [span('16:00', '18:00')] }]);
    expect(columns.map((c) => `${hhmm(c.start)}-${hhmm(c.end)}`)).toEqual([
      '16:00-16:30',
      '16:30-17:00',
      '17:00-17:30',
      '17:30-17:45',
    ]);
  });

  it('stays inside the day main gave', () => {
    const columns = gridColumns(day, [
      { workingHours: [{ start: '2026-11-30T20:00:00.000Z', end: '2026-12-02T04:00:00.000Z' }] },
    ]);
    expect(columns).toHaveLength(48);
    expect(columns[0]?.start).toBe(at(day.start));
    expect(columns[47]?.end).toBe(at(day.end));
  });
});

describe('a half hour for one person', () => {
  const row = {
    workingHours: [span('09:00', '17:00')],
    blocks: [
      { ...span('10:00', '11:00'), busyType: 'Tentative' as const, subject: 'Maybe' },
      { ...span('10:30', '11:30'), busyType: 'Busy' as const, subject: 'Budget review' },
      { ...span('16:45', '18:00'), busyType: 'OOF' as const },
    ],
  };
  const col = (start: string, end: string) => ({
    start: at(span(start, end).start),
    end: at(span(start, end).end),
  });
  it.each([
    ['free inside their hours', '09:00', '09:30', { busy: 'Free', inHours: true }],
    ['tentative', '10:00', '10:30', { busy: 'Tentative', subject: 'Maybe', inHours: true }],
    [
      'busy wins over tentative in the same half hour',
      '10:30',
      '11:00',
      { busy: 'Busy', subject: 'Budget review', inHours: true },
    ],
    [
      'a block that touches the half hour only at its edge does not count',
      '11:30',
      '12:00',
      { busy: 'Free', inHours: true },
    ],
    [
      'out of office from 16:45 colours the 16:30 half hour',
      '16:30',
      '17:00',
      { busy: 'OOF', inHours: true },
    ],
    [
      'a block starting as the half hour ends does not count',
      '09:30',
      '10:00',
      { busy: 'Free', inHours: true },
    ],
    [
      'the half hour before their day starts is outside it',
      '08:30',
      '09:00',
      { busy: 'Free', inHours: false },
    ],
    ['outside their hours', '17:00', '17:30', { busy: 'OOF', inHours: false }],
    ['before their day', '08:00', '08:30', { busy: 'Free', inHours: false }],
  ] as const)('%s', (_name, start, end, expected) => {
    expect(cellOf(row, col(start, end))).toEqual(expected);
  });
});

it('of two blocks as heavy, the first one’s subject is shown', () => {
  const row = {
    workingHours: [],
    blocks: [
      { ...span('10:00', '11:00'), busyType: 'Busy' as const, subject: 'First' },
      { ...span('10:00', '11:00'), busyType: 'Busy' as const, subject: 'Second' },
    ],
  };
  expect(
    cellOf(row, { start: at(span('10:00', '10:30').start), end: at(span('10:00', '10:30').end) }),
  ).toEqual({
    busy: 'Busy',
    subject: 'First',
    inHours: false,
  });
});

describe('my wall clock', () => {
  const paris = (ms: number): number => {
    // Europe/Paris in 2026: UTC+2 from 29 March 01:00 UTC to 25 October 01:00 UTC, else UTC+1.
    return ms >= at('2026-03-29T01:00:00Z') && ms < at('2026-10-25T01:00:00Z') ? 120 : 60;
  };
  it.each([
    ['winter', '2026-12-01', '14:30', '2026-12-01T13:30:00.000Z'],
    ['summer', '2026-07-01', '14:30', '2026-07-01T12:30:00.000Z'],
    ['the morning after the spring change', '2026-03-29', '09:00', '2026-03-29T07:00:00.000Z'],
    ['the morning after the autumn change', '2026-10-25', '09:00', '2026-10-25T08:00:00.000Z'],
  ])('%s: %s %s', (_name, date, time, iso) => {
    const ms = fromWall(date, time, paris);
    expect(ms === null ? null : new Date(ms).toISOString()).toBe(iso);
    expect(toWall(at(iso), paris(at(iso)))).toEqual({ date, time });
  });

  it.each([
    ['', '10:00'],
    ['2026-12-01', ''],
    ['1 Dec', '10:00'],
    ['2026-12-01', '10h'],
  ])('"%s" "%s" is not a time', (date, time) => {
    expect(fromWall(date, time, () => 0)).toBeNull();
  });
});

describe('join links', () => {
  it.each([
    ['https://meet.contoso.example/jean/ABC', true],
    ['HTTPS://MEET.CONTOSO.EXAMPLE/x', true],
    ['http://meet.contoso.example/x', false],
    ['javascript:alert(1)', false],
    ['sip:jean@contoso.example', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, offered) => {
    expect(isHttpsUrl(url)).toBe(offered);
  });
});

const meeting = (over: Partial<Meeting>): Meeting => ({
  id: 'm',
  subject: 'Sync',
  start: '2026-12-01T10:00:00.000Z',
  end: '2026-12-01T10:30:00.000Z',
  organizer: { email: 'a@x.example', displayName: 'A' },
  isOrganizer: true,
  myResponse: 'organizer',
  attendees: [],
  joinUrl: 'https://meet.x.example/1',
  isAllDay: false,
  isRecurring: false,
  isCancelled: false,
  ...over,
});

describe('the "starts soon" banner', () => {
  it.each([
    ['11 minutes before: not yet', '2026-12-01T09:49:00Z', null],
    ['10 minutes before: shown', '2026-12-01T09:50:00Z', 'm'],
    ['in progress: shown', '2026-12-01T10:29:00Z', 'm'],
    ['at its end: gone', '2026-12-01T10:30:00Z', null],
  ])('%s', (_name, now, expected) => {
    expect(meetingStartingSoon([meeting({})], at(now))?.id ?? null).toBe(expected);
  });

  it('skips meetings without an https link, cancelled, declined or all-day, and takes the earliest', () => {
    const now = at('2026-12-01T09:55:00Z');
    const list = [
      meeting({ id: 'later', start: '2026-12-01T10:05:00.000Z', end: '2026-12-01T11:00:00.000Z' }),
      meeting({ id: 'http', start: '2026-12-01T09:50:00.000Z', joinUrl: 'http://x.example' }),
      meeting({ id: 'cancelled', start: '2026-12-01T09:50:00.000Z', isCancelled: true }),
      meeting({
        id: 'declined',
        start: '2026-12-01T09:50:00.000Z',
        myResponse: 'declined',
        isOrganizer: false,
      }),
      meeting({
        id: 'allday',
        start: '2026-12-01T00:00:00.000Z',
        end: '2026-12-02T00:00:00.000Z',
        isAllDay: true,
      }),
      meeting({ id: 'first', start: '2026-12-01T10:00:00.000Z' }),
    ];
    expect(meetingStartingSoon(list, now)?.id).toBe('first');
  });
});

it('of two meetings starting together, the first listed is offered', () => {
  const list = [meeting({ id: 'one' }), meeting({ id: 'two' })];
  expect(meetingStartingSoon(list, at('2026-12-01T09:55:00Z'))?.id).toBe('one');
});

describe('answers and days', () => {
  it('counts the attendees\u2019 answers, not the organiser', () => {
    const responses = [
      'organizer',
      'accepted',
      'accepted',
      'tentative',
      'declined',
      'no-response',
      'unknown',
    ] as const;
    const attendees = responses.map((response, i) => ({
      email: `p${i}@x.example`,
      required: true,
      response,
    }));
    expect(responseCounts({ attendees })).toEqual({ accepted: 2, tentative: 1, declined: 1, noReply: 2 });
  });

  it('groups by my day, in start order, whatever order main sends', () => {
    const list = [
      meeting({ id: 'c', start: '2026-12-02T08:00:00.000Z' }),
      meeting({ id: 'b', start: '2026-12-01T22:30:00.000Z' }), // 23:30 in Paris: still the 1st
      meeting({ id: 'a', start: '2026-12-01T09:00:00.000Z' }),
      meeting({ id: 'd', start: '2026-12-01T23:30:00.000Z' }), // 00:30 on the 2nd in Paris
    ];
    const groups = byDay(list, () => 60).map((g) => g.meetings.map((m) => m.id));
    expect(groups).toEqual([
      ['a', 'b'],
      ['d', 'c'],
    ]);
  });
});
