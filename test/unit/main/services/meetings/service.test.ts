/**
 * The meetings service over a fake EWS client and a fake online-meeting provider: one availability
 * read for everyone, proposals ranked soonest then by optional attendees, the grid's rows across
 * zones, conflicts named per person, scheduling's order (online meeting, then invitation; nothing
 * sent when the provider is unavailable; the online meeting removed when the invitation fails),
 * upcoming, cancel and decline.
 */
import { describe, expect, it, vi } from 'vitest';
import { ScheduleMeetingRequest, FindTimeRequest } from '../../../../../preload/contract';
import type {
  AvailabilityRequest,
  MailboxAvailability,
  WorkingHours,
} from '../../../../../main/exchange/operations/availability';
import type { CalendarItem, ItemId, NewMeeting } from '../../../../../main/exchange/operations/calendar';
import { EwsError } from '../../../../../main/exchange/errors';
import { AppError } from '../../../../../main/errors';
import { createLogger } from '../../../../../main/log/logger';
import {
  createMeetingsService,
  noOnlineMeetings,
  type MeetingsClient,
} from '../../../../../main/services/meetings';
import type {
  OnlineMeetingProvider,
  OnlineMeetingRequest,
} from '../../../../../main/services/meetings/online';
import { ianaZone } from '../../../../../main/services/presence/zones';
import { legacyFromIana } from '../../../../../main/exchange-sim/ews/tz';
import { fromLegacy } from '../presence/helpers';

const log = createLogger({ level: 'error' });
const PARIS = ianaZone('Europe/Paris');
const ME = 'me@contoso.test';
/** Monday 30 November 2026, 08:00 in Paris. */
const NOW = Date.parse('2026-11-30T07:00:00Z');

function hours(iana: string, start = 9, end = 17): WorkingHours {
  const timeZone = fromLegacy(legacyFromIana(iana, 2026));
  return {
    biasMinutes: timeZone.biasMinutes,
    timeZone,
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
    startMinutes: start * 60,
    endMinutes: end * 60,
  };
}

type Cal = Record<string, Omit<MailboxAvailability, 'email'>>;
const free = (iana = 'Europe/Paris', events: MailboxAvailability['events'] = []) => ({
  merged: '',
  events,
  workingHours: hours(iana),
});
const busy = (start: string, end: string, busyType: 'Busy' | 'Tentative' | 'OOF' = 'Busy') => ({
  start,
  end,
  busyType,
});

function fakeClient(cal: Cal) {
  const calls: string[] = [];
  const availability: AvailabilityRequest[] = [];
  const created: NewMeeting[] = [];
  const items: CalendarItem[] = [];
  const client = {
    email: ME,
    getUserAvailability: vi.fn((req: AvailabilityRequest) => {
      calls.push('GetUserAvailability');
      availability.push(req);
      return Promise.resolve(
        req.mailboxes.map((email): MailboxAvailability => ({ email, ...(cal[email] ?? free()) })),
      );
    }),
    createMeeting: vi.fn((m: NewMeeting) => {
      calls.push('CreateItem');
      created.push(m);
      return Promise.resolve({ id: 'NEW1', changeKey: 'CK1' });
    }),
    findCalendarView: vi.fn(() => {
      calls.push('FindItem');
      return Promise.resolve({
        items: items.map((i) => ({ ...i, body: undefined })),
        includesLastItemInRange: true,
      });
    }),
    getCalendarItems: vi.fn((ids: readonly ItemId[]) => {
      calls.push('GetItem');
      return Promise.resolve(ids.map((id) => items.find((i) => i.id === id.id)!));
    }),
    cancelMeeting: vi.fn((_i: ItemId, _m?: string) => {
      calls.push('CancelCalendarItem');
      return Promise.resolve();
    }),
    respondToMeeting: vi.fn((_i: ItemId, _a: string, _m?: string) => {
      calls.push('DeclineItem');
      return Promise.resolve();
    }),
  } satisfies MeetingsClient;
  return { client, calls, availability, created, items };
}

function fakeProvider(calls: string[], over: Partial<OnlineMeetingProvider> = {}) {
  const requests: OnlineMeetingRequest[] = [];
  const remove = vi.fn((_id: string, _signal?: AbortSignal) => {
    calls.push('provider.remove');
    return Promise.resolve();
  });
  const provider: OnlineMeetingProvider = {
    name: 'Fake UCWA',
    status: () => Promise.resolve({ available: true, provider: 'Fake UCWA' }),
    create: vi.fn((r: OnlineMeetingRequest) => {
      calls.push('provider.create');
      requests.push(r);
      return Promise.resolve({
        id: 'ONL1',
        joinUrl: 'https://meet.contoso.test/me/ONL1',
        dialIn: { conferenceId: '4711', numbers: [{ region: 'Paris', number: '+33 1 00 00 00 00' }] },
      });
    }),
    remove,
    ...over,
  };
  return { provider, requests, remove };
}

function setup(cal: Cal = {}, over: Partial<OnlineMeetingProvider> = {}) {
  const fake = fakeClient(cal);
  const { provider, requests, remove } = fakeProvider(fake.calls, over);
  const emitted: string[] = [];
  const service = createMeetingsService({
    client: () => fake.client,
    onlineMeetings: () => provider,
    displayName: (e) => ({ 'helene@contoso.test': 'Hélène' })[e],
    emit: () => emitted.push('meetingsChanged'),
    refreshPresence: () => {
      emitted.push('presence.refresh');
      return Promise.resolve();
    },
    log,
    clock: { now: () => NOW },
    organizer: PARIS,
  });
  return { ...fake, provider, remove, requests, emitted, service };
}

const find = (attendees: Array<{ email: string; required?: boolean }>, extra: object = {}) =>
  FindTimeRequest.parse({ attendees, durationMinutes: 60, ...extra });
const paris = (ms: string) =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(ms));

describe('findTime', () => {
  it('reads everyone’s calendar once, me included, from my midnight to the end of the search', async () => {
    const s = setup();
    await s.service.findTime(find([{ email: 'helene@contoso.test' }, { email: 'Bob@contoso.test' }]));
    expect(s.client.getUserAvailability).toHaveBeenCalledTimes(1);
    expect(s.availability[0]).toMatchObject({
      mailboxes: [ME, 'helene@contoso.test', 'bob@contoso.test'],
      start: '2026-11-29T23:00:00.000Z',
      end: '2026-12-04T23:00:00.000Z',
    });
  });

  it('asks in batches of 100 when 100 attendees and I make 101', async () => {
    const s = setup();
    const attendees = Array.from({ length: 100 }, (_, i) => ({ email: `p${i}@contoso.test` }));
    await s.service.findTime(find(attendees));
    expect(s.availability.map((a) => a.mailboxes.length)).toEqual([100, 1]);
  });

  it.each([
    [
      'the first hour where all required are free, not before now',
      { 'helene@contoso.test': free('Europe/Paris', [busy('2026-11-30T08:00:00Z', '2026-11-30T10:00:00Z')]) },
      [{ email: 'helene@contoso.test' }],
      'Mon 11:00',
    ],
    [
      'on the same day, the slot where more optional attendees can come',
      {
        'helene@contoso.test': free(),
        'olga@contoso.test': free('Europe/Paris', [busy('2026-11-30T08:00:00Z', '2026-11-30T09:00:00Z')]),
      },
      [{ email: 'helene@contoso.test' }, { email: 'olga@contoso.test', required: false }],
      'Mon 10:00',
    ],
    [
      'sooner beats more optional attendees: Monday without Olga before Tuesday with her',
      {
        'helene@contoso.test': free(),
        'olga@contoso.test': free('Europe/Paris', [
          busy('2026-11-30T07:00:00Z', '2026-11-30T17:00:00Z', 'OOF'),
        ]),
      },
      [{ email: 'helene@contoso.test' }, { email: 'olga@contoso.test', required: false }],
      'Mon 09:00',
    ],
    [
      'a New York attendee: their morning is my afternoon',
      { 'nancy@contoso.test': free('America/New_York') },
      [{ email: 'nancy@contoso.test' }],
      'Mon 15:00',
    ],
  ])('proposes %s', async (_name, cal, attendees, first) => {
    const s = setup(cal);
    const r = await s.service.findTime(find(attendees));
    expect(paris(r.slots[0]!.start)).toBe(first);
  });

  it('ranks the proposals: a tentative required attendee only after slots where all are free', async () => {
    const s = setup({
      'helene@contoso.test': free('Europe/Paris', [
        busy('2026-11-30T08:00:00Z', '2026-11-30T16:00:00Z', 'Tentative'),
      ]),
    });
    const r = await s.service.findTime(find([{ email: 'helene@contoso.test' }]));
    expect(r.slots.map((x) => [paris(x.start), x.requiredMaybe])).toEqual([
      ['Tue 09:00', 0],
      ['Tue 09:30', 0],
      ['Tue 10:00', 0],
      ['Tue 10:30', 0],
      ['Tue 11:00', 0],
    ]);
    // Within today only, the tentative hours are proposed as a "maybe".
    const today = await s.service.findTime(find([{ email: 'helene@contoso.test' }], { withinDays: 1 }));
    expect(today.slots[0]).toMatchObject({ requiredMaybe: 1 });
    expect(today.slots[0]!.answers).toContainEqual({
      email: 'helene@contoso.test',
      required: true,
      answer: 'maybe',
    });
  });

  it('gives the grid’s rows for the first proposal’s day: me first, blocks, hours in each zone, reasons', async () => {
    const s = setup({
      'helene@contoso.test': free('Europe/Paris', [
        busy('2026-11-29T20:00:00Z', '2026-11-30T09:00:00Z'),
        busy('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z'),
      ]),
      'sakura@contoso.test': { ...free('Asia/Tokyo'), workingHours: hours('Asia/Tokyo', 9, 18) },
      'nancy@contoso.test': free('America/New_York'),
      'secret@contoso.test': {
        merged: '',
        events: [],
        error: { kind: 'server', code: 'ErrorNoFreeBusyAccess', message: 'No' },
      },
    });
    const r = await s.service.findTime(
      find([
        { email: 'helene@contoso.test' },
        { email: 'sakura@contoso.test', required: false },
        { email: 'nancy@contoso.test', required: false },
        { email: 'secret@contoso.test', required: false },
      ]),
    );
    expect(r.day).toEqual({ start: '2026-11-29T23:00:00.000Z', end: '2026-11-30T23:00:00.000Z' });
    expect(r.rows.map((x) => [x.email, x.displayName, x.self, x.required])).toEqual([
      [ME, ME, true, true],
      ['helene@contoso.test', 'Hélène', false, true],
      ['sakura@contoso.test', 'sakura@contoso.test', false, false],
      ['nancy@contoso.test', 'nancy@contoso.test', false, false],
      ['secret@contoso.test', 'secret@contoso.test', false, false],
    ]);
    const row = (e: string) => r.rows.find((x) => x.email === e)!;
    // Clipped to my day: the night meeting starts at my midnight; tomorrow's is not on this day.
    expect(row('helene@contoso.test').blocks).toEqual([
      { start: '2026-11-29T23:00:00.000Z', end: '2026-11-30T09:00:00.000Z', busyType: 'Busy' },
    ]);
    expect(row('helene@contoso.test').workingHours).toEqual([
      { start: '2026-11-30T08:00:00.000Z', end: '2026-11-30T16:00:00.000Z' },
    ]);
    // Tokyo's Monday 09:00–18:00 is my 01:00–10:00; New York's 09:00–17:00 is my 15:00–23:00.
    expect(row('sakura@contoso.test').workingHours).toEqual([
      { start: '2026-11-30T00:00:00.000Z', end: '2026-11-30T09:00:00.000Z' },
    ]);
    expect(row('nancy@contoso.test').workingHours).toEqual([
      { start: '2026-11-30T14:00:00.000Z', end: '2026-11-30T22:00:00.000Z' },
    ]);
    expect(row('secret@contoso.test')).toMatchObject({ reason: 'not-shared', blocks: [], workingHours: [] });
  });

  it('shows the day asked for, even past the search, and refuses one too far away', async () => {
    const s = setup();
    const r = await s.service.findTime(
      find([{ email: 'helene@contoso.test' }], { withinDays: 1, day: '2026-12-03T12:00:00Z' }),
    );
    expect(r.day.start).toBe('2026-12-02T23:00:00.000Z');
    expect(s.availability[0]!.end).toBe('2026-12-03T23:00:00.000Z');
    await expect(
      s.service.findTime(find([{ email: 'helene@contoso.test' }], { day: '2027-03-01T12:00:00Z' })),
    ).rejects.toMatchObject({ kind: 'bad-input', code: 'DayOutOfRange' });
  });

  it('answers no proposal, not an error, when nobody’s hours meet', async () => {
    const s = setup({
      'sakura@contoso.test': { ...free('Asia/Tokyo'), workingHours: hours('Asia/Tokyo', 9, 10) },
    });
    const r = await s.service.findTime(find([{ email: 'sakura@contoso.test' }], { withinDays: 2 }));
    expect(r.slots).toEqual([]);
    expect(r.rows).toHaveLength(2);
  });
});

describe('checkTime', () => {
  it('names each person’s conflict: busy, tentative, outside their hours, unreadable', async () => {
    const s = setup({
      'helene@contoso.test': free('Europe/Paris', [busy('2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z')]),
      'tom@contoso.test': free('Europe/Paris', [
        busy('2026-11-30T13:30:00Z', '2026-11-30T15:00:00Z', 'Tentative'),
      ]),
      'sakura@contoso.test': free('Asia/Tokyo'),
      'secret@contoso.test': {
        merged: '',
        events: [],
        error: { kind: 'server', code: 'ErrorNoFreeBusyAccess', message: 'No' },
      },
      'fine@contoso.test': free(),
    });
    const r = await s.service.checkTime({
      attendees: ['helene', 'tom', 'sakura', 'secret', 'fine'].map((n) => ({
        email: `${n}@contoso.test`,
        required: true,
      })),
      start: '2026-11-30T13:00:00Z',
      end: '2026-11-30T14:00:00Z',
    });
    expect(r.conflicts).toEqual([
      {
        email: 'helene@contoso.test',
        displayName: 'Hélène',
        start: '2026-11-30T13:00:00.000Z',
        end: '2026-11-30T14:00:00.000Z',
        busyType: 'Busy',
      },
      {
        email: 'tom@contoso.test',
        displayName: 'tom@contoso.test',
        start: '2026-11-30T13:30:00.000Z',
        end: '2026-11-30T15:00:00.000Z',
        busyType: 'Tentative',
      },
      {
        email: 'sakura@contoso.test',
        displayName: 'sakura@contoso.test',
        start: '2026-11-30T13:00:00.000Z',
        end: '2026-11-30T14:00:00.000Z',
        busyType: 'outside-hours',
      },
      {
        email: 'secret@contoso.test',
        displayName: 'secret@contoso.test',
        start: '2026-11-30T13:00:00.000Z',
        end: '2026-11-30T14:00:00.000Z',
        busyType: 'unknown',
      },
    ]);
  });

  it('refuses a time that ends before it starts', async () => {
    const s = setup();
    await expect(
      s.service.checkTime({
        attendees: [{ email: 'a@contoso.test', required: true }],
        start: '2026-11-30T14:00:00Z',
        end: '2026-11-30T13:00:00Z',
      }),
    ).rejects.toMatchObject({ kind: 'bad-input' });
    expect(s.calls).toEqual([]);
  });
});

const schedule = (extra: object = {}) =>
  ScheduleMeetingRequest.parse({
    attendees: [{ email: 'helene@contoso.test' }, { email: 'olga@contoso.test', required: false }],
    subject: 'Budget <2027>',
    start: '2026-11-30T14:00:00Z',
    end: '2026-11-30T15:00:00Z',
    agenda: 'Figures',
    ...extra,
  });

describe('schedule', () => {
  it('creates the online meeting, then sends the invitation holding its link; says the calendar changed', async () => {
    const s = setup();
    const r = await s.service.schedule(schedule());
    expect(s.calls).toEqual(['provider.create', 'CreateItem']);
    expect(s.requests[0]).toMatchObject({
      subject: 'Budget <2027>',
      attendees: ['helene@contoso.test', 'olga@contoso.test'],
      startMs: Date.parse('2026-11-30T14:00:00Z'),
      access: 'same-enterprise',
      presenters: 'same-enterprise',
    });
    const sent = s.created[0]!;
    expect(sent).toMatchObject({
      subject: 'Budget <2027>',
      required: ['helene@contoso.test'],
      optional: ['olga@contoso.test'],
      location: 'Online meeting',
      start: '2026-11-30T14:00:00.000Z',
    });
    expect(sent.body).toContain('href="https://meet.contoso.test/me/ONL1"');
    expect(sent.body).toContain('+33 1 00 00 00 00');
    expect(sent.body).toContain('&lt;2027&gt;');
    expect(r).toMatchObject({
      online: 'created',
      meeting: { id: 'NEW1', isOrganizer: true, joinUrl: 'https://meet.contoso.test/me/ONL1' },
    });
    expect(s.emitted).toEqual(['meetingsChanged', 'presence.refresh']);
  });

  it('writes the invitation in French when asked', async () => {
    const s = setup();
    await s.service.schedule(schedule({ language: 'fr' }));
    expect(s.created[0]!.body).toContain('Rejoindre la réunion en ligne');
    expect(s.created[0]!.location).toBe('Réunion en ligne');
  });

  it('sends nothing when no online-meeting service answers, with the code the form offers a plain meeting on', async () => {
    const s = setup(
      {},
      { create: () => Promise.reject(new AppError('unavailable', 'UCWA discovery failed')) },
    );
    await expect(s.service.schedule(schedule())).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'OnlineMeetingUnavailable',
    });
    await expect(
      setup({}, { create: () => Promise.reject(new EwsError('network', 'ENOTFOUND')) }).service.schedule(
        schedule(),
      ),
    ).rejects.toMatchObject({ code: 'OnlineMeetingUnavailable' });
    expect(s.calls).toEqual([]);
    expect(s.emitted).toEqual([]);
  });

  it('an in-person meeting never asks the provider', async () => {
    const s = setup();
    const r = await s.service.schedule(schedule({ online: false, location: 'Room 4' }));
    expect(s.calls).toEqual(['CreateItem']);
    expect(s.created[0]).toMatchObject({ location: 'Room 4' });
    expect(s.created[0]!.body).not.toContain('<a ');
    expect(r.online).toBe('not-requested');
    expect(r.meeting.joinUrl).toBeUndefined();
  });

  it('removes the online meeting when the invitation fails, and passes the failure on', async () => {
    const s = setup();
    s.client.createMeeting.mockImplementationOnce(() => {
      s.calls.push('CreateItem');
      return Promise.reject(new EwsError('server', 'ErrorInternalServerError'));
    });
    await expect(s.service.schedule(schedule())).rejects.toMatchObject({ kind: 'server' });
    expect(s.calls).toEqual(['provider.create', 'CreateItem', 'provider.remove']);
    expect(s.emitted).toEqual([]);
  });

  it('keeps the online meeting when the invitation’s answer was lost (it may have been sent)', async () => {
    const s = setup();
    s.client.createMeeting.mockImplementationOnce(() =>
      Promise.reject(new EwsError('network', 'lost', { code: 'OutcomeUnknown' })),
    );
    await expect(s.service.schedule(schedule())).rejects.toMatchObject({ code: 'OutcomeUnknown' });
    expect(s.remove).not.toHaveBeenCalled();
  });

  it('refuses an invitation to nobody but me, and a meeting ending before it starts', async () => {
    const s = setup();
    await expect(s.service.schedule(schedule({ attendees: [{ email: ME }] }))).rejects.toMatchObject({
      kind: 'bad-input',
    });
    await expect(s.service.schedule(schedule({ end: '2026-11-30T13:00:00Z' }))).rejects.toMatchObject({
      kind: 'bad-input',
    });
    expect(s.calls).toEqual([]);
  });

  it('reports no online meetings, with the reason, when no provider is set up', async () => {
    const s = createMeetingsService({
      client: () => fakeClient({}).client,
      onlineMeetings: () => noOnlineMeetings(),
      emit: () => undefined,
      refreshPresence: () => Promise.resolve(),
      log,
    });
    await expect(s.onlineStatus()).resolves.toEqual({
      available: false,
      provider: 'none',
      reason: 'No online-meeting service is set up',
    });
    await expect(s.schedule(schedule())).rejects.toMatchObject({ code: 'OnlineMeetingUnavailable' });
  });
});

const base: CalendarItem = {
  id: 'M1',
  changeKey: 'K1',
  subject: 'Budget',
  start: '2026-11-30T14:00:00.000Z',
  end: '2026-11-30T15:00:00.000Z',
  isAllDay: false,
  required: [{ email: 'helene@contoso.test', response: 'Accept' }],
  optional: [],
  organizer: { email: ME },
  myResponse: 'Organizer',
};

describe('upcoming, cancel, decline', () => {
  it('lists my next days from now, with details read by GetItem', async () => {
    const s = setup();
    s.items.push(
      {
        ...base,
        id: 'M2',
        start: '2026-12-01T09:00:00.000Z',
        body: '<a href="https://meet.contoso.test/x">Join online meeting</a>',
      },
      base,
    );
    const r = await s.service.upcoming({ days: 7 });
    expect(s.client.findCalendarView).toHaveBeenCalledWith(
      { start: '2026-11-30T07:00:00.000Z', end: '2026-12-07T07:00:00.000Z' },
      undefined,
    );
    expect(s.calls).toEqual(['FindItem', 'GetItem']);
    expect(r.meetings.map((m) => [m.id, m.joinUrl, m.attendees[0]?.response])).toEqual([
      ['M1', undefined, 'accepted'],
      ['M2', 'https://meet.contoso.test/x', 'accepted'],
    ]);
  });

  it('still lists the meetings from the view when their details cannot be opened, but not when the network fails', async () => {
    const s = setup();
    s.items.push({ ...base, myResponse: 'Tentative', organizer: { email: 'bob@contoso.test' } });
    s.client.getCalendarItems.mockImplementationOnce(() =>
      Promise.reject(new EwsError('not-found', 'gone', { code: 'ErrorItemNotFound' })),
    );
    const r = await s.service.upcoming({ days: 7 });
    expect(r.meetings.map((m) => [m.id, m.myResponse])).toEqual([['M1', 'tentative']]);

    s.client.getCalendarItems.mockImplementationOnce(() =>
      Promise.reject(new EwsError('network', 'ECONNRESET')),
    );
    await expect(s.service.upcoming({ days: 7 })).rejects.toMatchObject({ kind: 'network' });
  });

  it('cancels with the message, then removes the online meeting the invitation names as ours', async () => {
    const s = setup();
    s.items.push({
      ...base,
      body: '<a href="https://meet.contoso.test/me/ONL9" data-roster-online-meeting="ONL9">x</a>',
    });
    await s.service.cancel({ id: 'M1', changeKey: 'K1', message: 'Sorry <all>' });
    expect(s.calls).toEqual(['GetItem', 'CancelCalendarItem', 'provider.remove']);
    expect(s.client.cancelMeeting).toHaveBeenCalledWith(
      { id: 'M1', changeKey: 'K1' },
      'Sorry &lt;all&gt;',
      undefined,
    );
    expect(s.remove).toHaveBeenCalledWith('ONL9', undefined);
    expect(s.emitted).toEqual(['meetingsChanged', 'presence.refresh']);
  });

  it('leaves alone an online meeting someone else’s tool created', async () => {
    const s = setup();
    s.items.push({ ...base, body: '<a href="https://meet.contoso.test/me/X">Join Lync Meeting</a>' });
    await s.service.cancel({ id: 'M1', message: '' });
    expect(s.calls).toEqual(['GetItem', 'CancelCalendarItem']);
  });

  it('declines with the message to the organiser', async () => {
    const s = setup();
    await s.service.decline({ id: 'M1', message: 'Away\nthat day' });
    expect(s.client.respondToMeeting).toHaveBeenCalledWith(
      { id: 'M1' },
      'decline',
      'Away<br>that day',
      undefined,
    );
    expect(s.emitted).toEqual(['meetingsChanged', 'presence.refresh']);
  });

  it('asks to sign in when nobody is', async () => {
    const s = createMeetingsService({
      client: () => null,
      onlineMeetings: () => noOnlineMeetings(),
      emit: () => undefined,
      refreshPresence: () => Promise.resolve(),
      log,
    });
    await expect(s.upcoming({ days: 7 })).rejects.toMatchObject({ kind: 'auth', code: 'SignedOut' });
  });
});
