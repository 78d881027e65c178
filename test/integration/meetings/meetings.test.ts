/**
 * Meetings against the built-in Exchange, with a fake online-meeting provider: a scheduled meeting
 * is in each attendee's calendar (their free/busy shows it), the invitation carries the join link,
 * a decline reaches the organiser and frees the attendee, a cancellation takes it out of every
 * calendar and removes our online meeting, and when no online-meeting service answers nothing is
 * sent and a plain meeting still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindTimeRequest, ScheduleMeetingRequest, type Meeting } from '../../../preload/contract';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import type { MailboxAvailability } from '../../../main/exchange/operations/availability';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { AppError } from '../../../main/errors';
import { createLogger } from '../../../main/log/logger';
import { createMeetingsService, type MeetingsService } from '../../../main/services/meetings';
import type { OnlineMeetingProvider } from '../../../main/services/meetings/online';
import { ianaZone } from '../../../main/services/presence/zones';

const EPOCH = '2026-11-30T00:00:00.000Z'; // a Monday
const NOW = Date.parse('2026-11-30T07:00:00.000Z'); // 08:00 in Paris
const log = createLogger({ level: 'error' });
const { alice, bob, helene } = DEMO_ACCOUNTS;

let sim: ExchangeSimHandle;
const clients: ExchangeClient[] = [];
let asAlice: ExchangeClient;
let asBob: ExchangeClient;
let asHelene: ExchangeClient;

interface FakeProvider extends OnlineMeetingProvider {
  removed: string[];
  up: boolean;
}

function fakeProvider(): FakeProvider {
  let n = 0;
  const p: FakeProvider = {
    name: 'Fake UCWA',
    removed: [],
    up: true,
    status: () =>
      Promise.resolve(
        p.up
          ? { available: true, provider: p.name }
          : { available: false, provider: p.name, reason: 'discovery failed' },
      ),
    create: () => {
      if (!p.up)
        return Promise.reject(
          new AppError('unavailable', 'UCWA discovery failed', { code: 'OnlineMeetingUnavailable' }),
        );
      n += 1;
      return Promise.resolve({ id: `ONL${n}`, joinUrl: `https://meet.contoso.test/alice/ONL${n}` });
    },
    remove: (id) => {
      p.removed.push(id);
      return Promise.resolve();
    },
  };
  return p;
}

const provider = fakeProvider();
const changes: string[] = [];

function service(client: ExchangeClient): MeetingsService {
  return createMeetingsService({
    client: () => client,
    onlineMeetings: () => provider,
    emit: () => changes.push('meetingsChanged'),
    refreshPresence: () => Promise.resolve(),
    log,
    clock: { now: () => NOW },
    organizer: ianaZone('Europe/Paris'),
  });
}

async function client(account: { smtp: string; password: string }): Promise<ExchangeClient> {
  const { client: c } = await signIn({
    email: account.smtp,
    password: account.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
  });
  clients.push(c);
  return c;
}

/** What anyone's free/busy says during [start, end), seen by Alice. */
async function busyDuring(email: string, start: string, end: string): Promise<string[]> {
  const [a] = await asAlice.getUserAvailability({
    mailboxes: [email],
    start: new Date(Date.parse(start) - 3_600_000).toISOString(),
    end: new Date(Date.parse(end) + 3_600_000).toISOString(),
    view: 'DetailedMerged',
  });
  return (a as MailboxAvailability).events
    .filter((e) => Date.parse(e.start) < Date.parse(end) && Date.parse(e.end) > Date.parse(start))
    .map((e) => e.busyType);
}

beforeAll(async () => {
  sim = await startExchangeSim({ httpPort: 0, httpsPort: false, size: 60, epoch: EPOCH });
  sim.control.setClock(NOW);
  asAlice = await client(alice);
  asBob = await client(bob);
  asHelene = await client(helene);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await sim?.close();
});

const findOf = (m: readonly Meeting[], id: string) => m.find((x) => x.id === id);

describe('meetings against the built-in Exchange', () => {
  let slot: { start: string; end: string };
  let meeting: Meeting;

  it('finds a time Alice (Paris), Bob (New York) and Hélène are all free, in everyone’s hours', async () => {
    const found = await service(asAlice).findTime(
      FindTimeRequest.parse({
        attendees: [{ email: bob.smtp }, { email: helene.smtp }],
        durationMinutes: 30,
      }),
    );
    expect(found.slots.length).toBeGreaterThan(0);
    const first = found.slots[0]!;
    expect(first.answers.filter((a) => a.required).every((a) => a.answer === 'free')).toBe(true);
    // New York's 09:00–17:00 is Paris 15:00–23:00: the slot is in the afternoon in Paris.
    const parisHour = Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Europe/Paris',
      }).format(new Date(first.start)),
    );
    expect(parisHour).toBeGreaterThanOrEqual(15);
    expect(found.rows.map((r) => r.email)).toEqual(
      [alice.smtp, bob.smtp, helene.smtp].map((e) => e.toLowerCase()),
    );
    slot = { start: first.start, end: first.end };
  });

  it('schedules it online: every attendee’s free/busy shows it, the invitation holds the join link', async () => {
    const r = await service(asAlice).schedule(
      ScheduleMeetingRequest.parse({
        attendees: [{ email: bob.smtp }, { email: helene.smtp }],
        subject: 'Roster meetings <test>',
        ...slot,
        agenda: 'Figures',
      }),
    );
    expect(r.online).toBe('created');
    meeting = r.meeting;
    expect(await busyDuring(alice.smtp, slot.start, slot.end)).toContain('Busy');
    expect(await busyDuring(bob.smtp, slot.start, slot.end)).toContain('Tentative');
    expect(await busyDuring(helene.smtp, slot.start, slot.end)).toContain('Tentative');

    const mine = await service(asAlice).upcoming({ days: 7 });
    const m = findOf(mine.meetings, meeting.id);
    expect(m).toMatchObject({
      subject: 'Roster meetings <test>',
      isOrganizer: true,
      myResponse: 'organizer',
      joinUrl: 'https://meet.contoso.test/alice/ONL1',
    });
    const bobs = await service(asBob).upcoming({ days: 7 });
    const invited = bobs.meetings.find((x) => x.subject === 'Roster meetings <test>');
    expect(invited).toMatchObject({
      isOrganizer: false,
      myResponse: 'no-response',
      joinUrl: 'https://meet.contoso.test/alice/ONL1',
      organizer: { email: alice.smtp },
    });
    const [body] = await asBob.getCalendarItems([{ id: invited!.id }]);
    expect(body?.body).toContain('href="https://meet.contoso.test/alice/ONL1"');
    expect(body?.body).toContain('Roster meetings &lt;test&gt;');
  });

  it('Bob declines: Alice sees his answer, and his free/busy is free again', async () => {
    const bobs = await service(asBob).upcoming({ days: 7 });
    const invited = bobs.meetings.find((x) => x.subject === 'Roster meetings <test>')!;
    await service(asBob).decline({
      id: invited.id,
      changeKey: invited.changeKey,
      message: 'In New York that day',
    });
    const mine = await service(asAlice).upcoming({ days: 7 });
    expect(findOf(mine.meetings, meeting.id)?.attendees).toContainEqual(
      expect.objectContaining({ email: bob.smtp, response: 'declined' }),
    );
    expect(await busyDuring(bob.smtp, slot.start, slot.end)).not.toContain('Tentative');
    const after = await service(asBob).upcoming({ days: 7 });
    expect(after.meetings.find((x) => x.subject === 'Roster meetings <test>')).toBeUndefined();
  });

  it('Alice cancels: gone from every calendar, and our online meeting is removed', async () => {
    await service(asAlice).cancel({ id: meeting.id, message: 'Sorry, moved' });
    expect(provider.removed).toEqual(['ONL1']);
    const mine = await service(asAlice).upcoming({ days: 7 });
    expect(findOf(mine.meetings, meeting.id)).toBeUndefined();
    // The slot was free for all three before: nothing busy or tentative may be left in it.
    for (const who of [alice.smtp, bob.smtp, helene.smtp]) {
      const during = await busyDuring(who, slot.start, slot.end);
      expect(
        during.filter((b) => b === 'Busy' || b === 'Tentative'),
        who,
      ).toEqual([]);
    }
    // Hélène's copy stays, marked cancelled, until she removes it (as Exchange does).
    const hers = await service(asHelene).upcoming({ days: 7 });
    expect(hers.meetings.find((m) => m.subject.endsWith('Roster meetings <test>'))).toMatchObject({
      isCancelled: true,
    });
  });

  it('when no online-meeting service answers: nothing is sent, and the plain meeting works', async () => {
    provider.up = false;
    const request = ScheduleMeetingRequest.parse({
      attendees: [{ email: bob.smtp }],
      subject: 'Plain fallback',
      ...slot,
    });
    await expect(service(asAlice).schedule(request)).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'OnlineMeetingUnavailable',
    });
    expect(
      (await service(asBob).upcoming({ days: 7 })).meetings.some((m) => m.subject === 'Plain fallback'),
    ).toBe(false);

    const r = await service(asAlice).schedule({ ...request, online: false });
    expect(r.online).toBe('not-requested');
    const bobs = await service(asBob).upcoming({ days: 7 });
    const plain = bobs.meetings.find((m) => m.subject === 'Plain fallback');
    expect(plain).toBeDefined();
    expect(plain?.joinUrl).toBeUndefined();
    expect(await busyDuring(bob.smtp, slot.start, slot.end)).toContain('Tentative');
    provider.up = true;
  });
});
