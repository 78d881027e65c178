/**
 * The presence service with a fake clock and a fake EWS client: batching, per-mailbox errors,
 * recomputation at boundaries with no request, alerts at a meeting's end, tags across a restart.
 */
import { describe, expect, it } from 'vitest';
import type { PresenceAlert, PresenceSnapshot } from '../../../../../preload/contract';
import type { ExchangeClient } from '../../../../../main/exchange/client';
import type {
  AvailabilityRequest,
  MailboxAvailability,
  OofSettings,
  OofTip,
} from '../../../../../main/exchange/operations/availability';
import { createLogger } from '../../../../../main/log/logger';
import { createPresenceService, type PresencePerson } from '../../../../../main/services/presence';
import type { PresenceClock } from '../../../../../main/services/presence/schedule';
import { fixedZone } from '../../../../../main/services/presence/zones';
import { openPresenceAlertStore } from '../../../../../main/store/presence-alerts';

const log = createLogger({ level: 'error' });
const MIN = 60_000;
const T0 = Date.parse('2026-11-30T09:00:00Z');

/** Time moves only when the test says; due timers run in order. */
function fakeClock(start: number) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: PresenceClock = {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return () => timers.delete(id);
    },
  };
  return {
    clock,
    /** Move to `to`, running each timer due on the way at its own instant. */
    async advanceTo(to: number) {
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await new Promise((r) => setImmediate(r));
      }
      now = to;
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const workingHours = {
  biasMinutes: 0,
  timeZone: { biasMinutes: 0 },
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  startMinutes: 8 * 60,
  endMinutes: 18 * 60,
};

type Calendar = Record<string, Omit<MailboxAvailability, 'email'>>;

function fakeClient(calendar: () => Calendar, email = 'me@contoso.test') {
  const requests: AvailabilityRequest[] = [];
  let oofCalls = 0;
  const client = {
    email,
    getUserAvailability: (req: AvailabilityRequest): Promise<MailboxAvailability[]> => {
      requests.push(req);
      const cal = calendar();
      return Promise.resolve(
        req.mailboxes.map((m): MailboxAvailability =>
          cal[m] ? { email: m, ...cal[m] } : { email: m, merged: '', events: [], workingHours },
        ),
      );
    },
    getUserOofSettings: (): Promise<OofSettings> => {
      oofCalls++;
      return Promise.resolve({
        state: 'Disabled',
        externalAudience: 'None',
        internalReply: '',
        externalReply: '',
      });
    },
    getOofMailTips: (r: readonly string[]): Promise<OofTip[]> =>
      Promise.resolve(r.map((e) => ({ email: e }))),
  };
  return {
    client: client as unknown as ExchangeClient,
    requests,
    get oofCalls() {
      return oofCalls;
    },
  };
}

function setup(options: {
  people: PresencePerson[];
  calendar: () => Calendar;
  store?: ReturnType<typeof openPresenceAlertStore>;
  start?: number;
}) {
  const time = fakeClock(options.start ?? T0);
  const fake = fakeClient(options.calendar);
  const snapshots: PresenceSnapshot[] = [];
  const alerts: PresenceAlert[] = [];
  const service = createPresenceService({
    client: () => fake.client,
    people: () => options.people,
    emit: (s) => snapshots.push(s),
    alert: (a) => alerts.push(a),
    alerts: options.store ?? openPresenceAlertStore(null),
    log,
    clock: time.clock,
    viewer: fixedZone(0),
  });
  const stateOf = (email: string) => service.snapshot().people.find((p) => p.email === email);
  return { time, fake, service, snapshots, alerts, stateOf };
}

const meeting = (startMs: number, endMs: number, busyType: 'Busy' | 'Tentative' | 'OOF' = 'Busy') => ({
  start: iso(startMs),
  end: iso(endMs),
  busyType,
  subject: 'Budget review',
});

const people = (n: number): PresencePerson[] =>
  Array.from({ length: n }, (_, i) => ({ email: `p${i}@contoso.test`, displayName: `Person ${i}` }));

describe('presence service', () => {
  it('asks for 250 people in batches of at most 100, one window for today and tomorrow, me included', async () => {
    const { fake, service } = setup({ people: people(250), calendar: () => ({}) });
    await service.start('me@contoso.test');
    const sizes = fake.requests.map((r) => r.mailboxes.length);
    expect(sizes.every((s) => s <= 100)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(251);
    expect(fake.requests).toHaveLength(3);
    const r = fake.requests[0]!;
    expect(Date.parse(r.end) - Date.parse(r.start)).toBe(2 * 24 * 60 * MIN);
    expect(r.start).toBe('2026-11-30T00:00:00.000Z');
    expect(r.view).toBe('DetailedMerged');
    expect(fake.oofCalls).toBe(1);
  });

  it('keeps a per-mailbox error for that person only, with the reason for the card', async () => {
    const { service, stateOf } = setup({
      people: people(3),
      calendar: () => ({
        'p1@contoso.test': {
          merged: '',
          events: [],
          error: { kind: 'server', message: 'No free/busy access.', code: 'ErrorNoFreeBusyAccess' },
        },
      }),
    });
    await service.start('me@contoso.test');
    expect(stateOf('p1@contoso.test')).toMatchObject({ state: 'unknown', reason: 'not-shared' });
    expect(stateOf('p0@contoso.test')?.state).toBe('available');
    expect(stateOf('p2@contoso.test')?.state).toBe('available');
  });

  it('recomputes at a meeting end with no request', async () => {
    const { time, fake, service, stateOf, snapshots } = setup({
      people: people(1),
      calendar: () => ({
        'p0@contoso.test': { merged: '', events: [meeting(T0 - 30 * MIN, T0 + 10 * MIN)], workingHours },
      }),
    });
    await service.start('me@contoso.test');
    expect(stateOf('p0@contoso.test')).toMatchObject({ state: 'busy', until: iso(T0 + 10 * MIN) });
    const asked = fake.requests.length;
    const pushed = snapshots.length;
    await time.advanceTo(T0 + 10 * MIN + 1);
    expect(stateOf('p0@contoso.test')?.state).toBe('available');
    expect(fake.requests.length).toBe(asked);
    const last = snapshots.at(-1)!;
    expect(snapshots.length).toBeGreaterThan(pushed);
    expect(last.people.find((p) => p.email === 'p0@contoso.test')?.state).toBe('available');
  });

  it('asks the network again on its schedule (15 minutes), not at every boundary', async () => {
    const { time, fake, service } = setup({ people: people(1), calendar: () => ({}) });
    await service.start('me@contoso.test');
    expect(fake.requests).toHaveLength(1);
    await time.advanceTo(T0 + 14 * MIN);
    expect(fake.requests).toHaveLength(1);
    await time.advanceTo(T0 + 15 * MIN + 1);
    await service.idle();
    expect(fake.requests).toHaveLength(2);
  });

  it('"Tell me when free" alerts at the meeting end, after checking with the server just before', async () => {
    const { time, fake, service, alerts } = setup({
      people: people(2),
      calendar: () => ({
        'p1@contoso.test': { merged: '', events: [meeting(T0 - 30 * MIN, T0 + 20 * MIN)], workingHours },
      }),
    });
    await service.start('me@contoso.test');
    await service.setAlert('P1@contoso.test', true);
    expect(service.snapshot().alerts).toEqual(['p1@contoso.test']);
    const before = fake.requests.length;
    await time.advanceTo(T0 + 19 * MIN + 30_000);
    await service.idle();
    expect(alerts).toHaveLength(0);
    // The re-check a minute before: one request for that person only.
    const recheck = fake.requests.slice(before);
    expect(recheck.map((r) => r.mailboxes)).toContainEqual(['p1@contoso.test']);
    await time.advanceTo(T0 + 20 * MIN + 1);
    expect(alerts).toEqual([{ email: 'p1@contoso.test', displayName: 'Person 1', at: iso(T0 + 20 * MIN) }]);
    expect(service.snapshot().alerts).toEqual([]);
  });

  it('follows a meeting that moved: the alert waits for the new end', async () => {
    let end = T0 + 20 * MIN;
    const { time, service, alerts } = setup({
      people: people(2),
      calendar: () => ({
        'p1@contoso.test': { merged: '', events: [meeting(T0 - 30 * MIN, end)], workingHours },
      }),
    });
    await service.start('me@contoso.test');
    await service.setAlert('p1@contoso.test', true);
    end = T0 + 50 * MIN; // extended after we read it
    await time.advanceTo(T0 + 19 * MIN + 30_000);
    await service.idle();
    await time.advanceTo(T0 + 21 * MIN);
    expect(alerts).toHaveLength(0);
    await time.advanceTo(T0 + 50 * MIN + 1);
    await service.idle();
    expect(alerts.map((a) => a.email)).toEqual(['p1@contoso.test']);
  });

  it('keeps the tags across a restart', async () => {
    const store = openPresenceAlertStore(null);
    const cal = () => ({
      'p1@contoso.test': { merged: '', events: [meeting(T0 - 30 * MIN, T0 + 60 * MIN)], workingHours },
    });
    const first = setup({ people: people(2), calendar: cal, store });
    await first.service.start('me@contoso.test');
    await first.service.setAlert('p1@contoso.test', true);
    first.service.stop();

    const second = setup({ people: people(2), calendar: cal, store, start: T0 + 10 * MIN });
    await second.service.start('me@contoso.test');
    expect(second.service.snapshot().alerts).toEqual(['p1@contoso.test']);
    await second.time.advanceTo(T0 + 60 * MIN + 1);
    await second.service.idle();
    expect(second.alerts.map((a) => a.email)).toEqual(['p1@contoso.test']);
  });

  it('shows on-screen people outside the contact list (search results) and forgets them at sign-out', async () => {
    const { fake, service } = setup({ people: people(1), calendar: () => ({}) });
    await service.start('me@contoso.test');
    service.watch(['Stranger@contoso.test']);
    await service.idle();
    expect(fake.requests.at(-1)?.mailboxes).toEqual(['stranger@contoso.test']);
    expect(service.snapshot().people.map((p) => p.email)).toContain('stranger@contoso.test');
    service.stop();
    expect(service.snapshot().people).toEqual([]);
  });

  it('marks the data stale when a refresh fails, and keeps what it knew', async () => {
    let fail = false;
    const { service, fake, stateOf } = setup({
      people: people(1),
      calendar: () => {
        if (fail) throw new Error('socket hang up');
        return {
          'p0@contoso.test': { merged: '', events: [meeting(T0 - MIN, T0 + 60 * MIN)], workingHours },
        };
      },
    });
    await service.start('me@contoso.test');
    expect(service.snapshot().stale).toBe(false);
    fail = true;
    const snap = await service.refresh('user');
    expect(fake.requests.length).toBe(2);
    expect(snap.stale).toBe(true);
    expect(stateOf('p0@contoso.test')?.state).toBe('busy');
  });

  it('reads a card again when its data is older than 2 minutes, and not before', async () => {
    const { time, fake, service } = setup({ people: people(1), calendar: () => ({}) });
    await service.start('me@contoso.test');
    const n = fake.requests.length;
    await service.card('p0@contoso.test');
    expect(fake.requests.length).toBe(n);
    await time.advanceTo(T0 + 2 * MIN + 1);
    const card = await service.card('p0@contoso.test');
    expect(fake.requests.length).toBe(n + 1);
    expect(card.presence.state).toBe('available');
    expect(card.presence.nextFree).toBeDefined();
  });
});
