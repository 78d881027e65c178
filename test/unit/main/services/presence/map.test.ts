import { describe, expect, it } from 'vitest';
import type {
  CalendarEvent,
  MailboxAvailability,
  OofSettings,
} from '../../../../../main/exchange/operations/availability';
import {
  fetchWindow,
  myAutoReplies,
  reasonFor,
  tipAutoReplies,
  toBlocks,
  toPresenceInfo,
  toSchedule,
  workingHoursOn,
} from '../../../../../main/services/presence/map';
import type { PersonSchedule, Presence } from '../../../../../main/services/presence/types';
import { fixedZone, UTC_ZONE } from '../../../../../main/services/presence/zones';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-25T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const WINDOW = { fromMs: T0, toMs: T0 + 48 * HOUR };

const mailbox = (over: Partial<MailboxAvailability>): MailboxAvailability => ({
  email: 'a@contoso.test',
  merged: '',
  events: [],
  ...over,
});
const ev = (startH: number, endH: number, over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  start: iso(T0 + startH * HOUR),
  end: iso(T0 + endH * HOUR),
  busyType: 'Busy',
  ...over,
});

describe('fetchWindow: the viewer’s today and tomorrow', () => {
  it('runs from the viewer’s local midnight to the midnight two days on', () => {
    // 23:30 UTC on the 25th is already the 26th in UTC+1.
    const now = Date.parse('2026-11-25T23:30:00Z');
    expect(fetchWindow(now, fixedZone(60))).toEqual({
      fromMs: Date.parse('2026-11-25T23:00:00Z'),
      toMs: Date.parse('2026-11-27T23:00:00Z'),
    });
    expect(fetchWindow(now, UTC_ZONE)).toEqual({
      fromMs: Date.parse('2026-11-25T00:00:00Z'),
      toMs: Date.parse('2026-11-27T00:00:00Z'),
    });
  });
});

describe('reasonFor: Exchange’s per-mailbox errors named for the card', () => {
  it.each([
    ['ErrorNoFreeBusyAccess', undefined, 'not-shared'],
    ['ErrorFreeBusyGenerationFailed', undefined, 'not-shared'],
    ['ErrorAccessDenied', 'auth', 'not-shared'],
    ['ErrorMailRecipientNotFound', undefined, 'not-found'],
    ['ErrorNonExistentMailbox', undefined, 'not-found'],
    ['ErrorInvalidSmtpAddress', undefined, 'not-found'],
    ['ErrorNotFound', undefined, 'not-found'],
    ['ErrorSomethingElse', 'not-found', 'not-found'],
    [undefined, 'not-found', 'not-found'],
    ['ErrorInternalServerError', 'server', 'error'],
    [undefined, undefined, 'error'],
  ] as const)('%s (kind %s) → %s', (code, kind, want) => {
    expect(reasonFor(code, kind)).toBe(want);
  });
});

describe('toSchedule: one mailbox’s answer for the rule table', () => {
  it('keeps a failed mailbox as unknown with no events', () => {
    const s = toSchedule(
      mailbox({
        error: { kind: 'auth', message: 'no', code: 'ErrorNoFreeBusyAccess' },
        events: [ev(9, 10)],
      }),
      WINDOW,
    );
    expect(s).toEqual({ ...WINDOW, events: [], unknown: 'not-shared' });
  });

  it('sorts events by start then end, drops unreadable or empty ones, and hides a private one’s details', () => {
    const s = toSchedule(
      mailbox({
        events: [
          ev(14, 16, { subject: 'Late', location: 'Room 2' }),
          ev(9, 11, { busyType: 'Tentative' }),
          ev(9, 10, { subject: 'Private', location: 'Home', isPrivate: true }),
          ev(12, 12, { subject: 'Zero length' }),
          ev(13, 12, { subject: 'Backwards' }),
          { start: 'not a date', end: iso(T0 + HOUR), busyType: 'Busy', subject: 'Bad start' },
          { start: iso(T0), end: 'not a date', busyType: 'Busy', subject: 'Bad end' },
        ],
      }),
      WINDOW,
    );
    expect(s.events).toEqual([
      { startMs: T0 + 9 * HOUR, endMs: T0 + 10 * HOUR, busyType: 'Busy', isPrivate: true },
      { startMs: T0 + 9 * HOUR, endMs: T0 + 11 * HOUR, busyType: 'Tentative' },
      {
        startMs: T0 + 14 * HOUR,
        endMs: T0 + 16 * HOUR,
        busyType: 'Busy',
        subject: 'Late',
        location: 'Room 2',
      },
    ]);
    expect(s.unknown).toBeUndefined();
    expect(s.workingHours).toBeUndefined();
  });

  it.each([
    ['all "no data" and no events', '4444', [], 'no-data'],
    ['no merged string at all', '', [], undefined],
    ['some intervals known', '4404', [], undefined],
    ['"no data" intervals but events', '4444', [ev(9, 10)], undefined],
  ] as const)('%s → unknown %s', (_name, merged, events, want) => {
    expect(toSchedule(mailbox({ merged, events: [...events] }), WINDOW).unknown).toBe(want);
  });

  it('reads the working hours in the person’s own zone', () => {
    const s = toSchedule(
      mailbox({
        workingHours: {
          biasMinutes: -60,
          timeZone: { biasMinutes: -60 },
          days: ['Monday', 'Wednesday'],
          startMinutes: 540,
          endMinutes: 1020,
        },
      }),
      WINDOW,
    );
    expect(s.workingHours).toMatchObject({ days: [1, 3], startMinutes: 540, endMinutes: 1020 });
    expect(s.workingHours?.zone.offsetMinutes(T0)).toBe(60);
  });
});

describe('myAutoReplies: my own automatic replies at an instant', () => {
  const settings = (over: Partial<OofSettings>): OofSettings => ({
    state: 'Disabled',
    externalAudience: 'All',
    internalReply: '  Away  ',
    externalReply: '',
    ...over,
  });
  const start = iso(T0 + 10 * HOUR);
  const end = iso(T0 + 20 * HOUR);
  it.each([
    ['disabled', settings({}), T0, { active: false }],
    ['enabled with a reply', settings({ state: 'Enabled' }), T0, { active: true, reply: 'Away' }],
    ['enabled, blank reply', settings({ state: 'Enabled', internalReply: '  ' }), T0, { active: true }],
    [
      'scheduled, before the start: off, the reply kept',
      settings({ state: 'Scheduled', start, end }),
      T0 + 10 * HOUR - 1,
      { active: false, reply: 'Away' },
    ],
    [
      'scheduled, at the start: on until the end',
      settings({ state: 'Scheduled', start, end }),
      T0 + 10 * HOUR,
      { active: true, untilMs: T0 + 20 * HOUR, reply: 'Away' },
    ],
    [
      'scheduled, on, blank reply',
      settings({ state: 'Scheduled', start, end, internalReply: '' }),
      T0 + 15 * HOUR,
      { active: true, untilMs: T0 + 20 * HOUR },
    ],
    [
      'scheduled, before the start, blank reply',
      settings({ state: 'Scheduled', start, end, internalReply: '' }),
      T0,
      { active: false },
    ],
    [
      'scheduled, at the end: off',
      settings({ state: 'Scheduled', start, end }),
      T0 + 20 * HOUR,
      { active: false },
    ],
    [
      'scheduled without an end: off',
      settings({ state: 'Scheduled', start }),
      T0 + 15 * HOUR,
      { active: false },
    ],
    [
      'scheduled without a start: off',
      settings({ state: 'Scheduled', end }),
      T0 + 15 * HOUR,
      { active: false },
    ],
    [
      'scheduled without an end, before the start: off, no reply kept',
      settings({ state: 'Scheduled', start }),
      T0,
      { active: false },
    ],
    [
      'disabled, though a schedule covers now: off',
      settings({ state: 'Disabled', start, end }),
      T0 + 15 * HOUR,
      { active: false },
    ],
  ])('%s', (_name, s, now, want) => {
    expect(myAutoReplies(s, now)).toStrictEqual(want);
  });
});

describe('tipAutoReplies: someone else’s replies from MailTips', () => {
  it.each([
    ['an error: not known', { email: 'a', error: { kind: 'server', message: 'x' } as const }, undefined],
    ['no reply: off', { email: 'a' }, { active: false }],
    ['a reply with no end', { email: 'a', reply: 'Away' }, { active: true, reply: 'Away' }],
    [
      'a reply with an end',
      { email: 'a', reply: 'Away', end: iso(T0 + HOUR) },
      { active: true, reply: 'Away', untilMs: T0 + HOUR },
    ],
    [
      'a reply with an unreadable end',
      { email: 'a', reply: 'Away', end: 'soon' },
      { active: true, reply: 'Away' },
    ],
  ])('%s', (_name, tip, want) => {
    expect(tipAutoReplies(tip)).toEqual(want);
  });
});

describe('toPresenceInfo: the contract’s shape', () => {
  const paris = fixedZone(60, 'Europe/Paris');
  const withHours = (zone = paris): PersonSchedule => ({
    ...WINDOW,
    events: [],
    workingHours: { zone, days: [1], startMinutes: 540, endMinutes: 1020 },
  });

  it('a bare state: only what is known', () => {
    expect(toPresenceInfo('a@x', { state: 'available' }, undefined, T0, null)).toStrictEqual({
      email: 'a@x',
      state: 'available',
      fetchedAt: null,
    });
  });

  it('no offsets when the schedule has no working hours (so no zone)', () => {
    const schedule: PersonSchedule = { ...WINDOW, events: [] };
    expect(toPresenceInfo('a@x', { state: 'busy', untilMs: T0 + HOUR }, schedule, T0, null)).toStrictEqual({
      email: 'a@x',
      state: 'busy',
      fetchedAt: null,
      until: iso(T0 + HOUR),
    });
  });

  it('every field in ISO form, with the person’s offsets now and at "until"', () => {
    const offsets = { offsetMinutes: (ms: number) => (ms < T0 + 5 * HOUR ? 60 : 120) };
    const p: Presence = {
      state: 'busy',
      untilMs: T0 + 6 * HOUR,
      subject: 'Budget',
      tentative: { startMs: T0, endMs: T0 + HOUR, subject: 'Maybe' },
      nextFree: { startMs: T0 + 6 * HOUR, endMs: T0 + 7 * HOUR },
      oofReply: 'Away',
    };
    expect(toPresenceInfo('a@x', p, withHours(offsets), T0, T0 - HOUR)).toEqual({
      email: 'a@x',
      state: 'busy',
      fetchedAt: iso(T0 - HOUR),
      until: iso(T0 + 6 * HOUR),
      subject: 'Budget',
      tentative: { start: iso(T0), end: iso(T0 + HOUR), subject: 'Maybe' },
      nextFree: { start: iso(T0 + 6 * HOUR), end: iso(T0 + 7 * HOUR) },
      oofReply: 'Away',
      utcOffsetMinutes: 60,
      untilUtcOffsetMinutes: 120,
    });
  });

  it('an unknown state keeps its reason; a tentative meeting without a subject has none', () => {
    expect(
      toPresenceInfo('a@x', { state: 'unknown', reason: 'not-shared' }, withHours(), T0, null),
    ).toStrictEqual({
      email: 'a@x',
      state: 'unknown',
      fetchedAt: null,
      reason: 'not-shared',
      utcOffsetMinutes: 60,
    });
    const info = toPresenceInfo(
      'a@x',
      { state: 'available', tentative: { startMs: T0, endMs: T0 + HOUR } },
      undefined,
      T0,
      null,
    );
    expect(info.tentative).toEqual({ start: iso(T0), end: iso(T0 + HOUR) });
  });
});

describe('toBlocks: the card’s strip, clipped to the window', () => {
  it('clips, drops what is outside, keeps subject and location only when there', () => {
    const s: PersonSchedule = {
      ...WINDOW,
      events: [
        { startMs: T0 - 2 * HOUR, endMs: T0 - HOUR, busyType: 'Busy' },
        { startMs: T0 - HOUR, endMs: T0, busyType: 'Busy' },
        { startMs: T0 - HOUR, endMs: T0 + HOUR, busyType: 'OOF' },
        { startMs: T0 + 9 * HOUR, endMs: T0 + 10 * HOUR, busyType: 'Busy', subject: 'S', location: 'L' },
        { startMs: T0 + 47 * HOUR, endMs: T0 + 49 * HOUR, busyType: 'Tentative' },
        { startMs: T0 + 48 * HOUR, endMs: T0 + 49 * HOUR, busyType: 'Busy' },
      ],
    };
    expect(toBlocks(s)).toEqual([
      { start: iso(T0), end: iso(T0 + HOUR), busyType: 'OOF' },
      { start: iso(T0 + 9 * HOUR), end: iso(T0 + 10 * HOUR), busyType: 'Busy', subject: 'S', location: 'L' },
      { start: iso(T0 + 47 * HOUR), end: iso(T0 + 48 * HOUR), busyType: 'Tentative' },
    ]);
  });
});

describe('workingHoursOn: their hours on the local day of an instant', () => {
  it('none without working hours; that day’s span in their zone otherwise', () => {
    expect(workingHoursOn({ ...WINDOW, events: [] }, T0)).toBeUndefined();
    // Wednesday 2026-11-25, 09:00–17:00 in UTC+1.
    const s: PersonSchedule = {
      ...WINDOW,
      events: [],
      workingHours: { zone: fixedZone(60), days: [3, 4], startMinutes: 540, endMinutes: 1020 },
    };
    expect(workingHoursOn(s, T0 + 12 * HOUR)).toEqual({
      startMs: T0 + 8 * HOUR,
      endMs: T0 + 16 * HOUR,
    });
    // Thursday's hours when asked on Thursday, not Wednesday's.
    expect(workingHoursOn(s, T0 + 36 * HOUR)).toEqual({
      startMs: T0 + 32 * HOUR,
      endMs: T0 + 40 * HOUR,
    });
  });
});
