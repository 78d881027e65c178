/**
 * Presence against the built-in Exchange at a fixed clock: the simulator's scripted cast among
 * alice's contacts gets the states and "until" times the calendar says, a large batch splits into
 * ≤100-mailbox requests, and a per-mailbox error is Unknown for that person only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceInfo, PresenceSnapshot } from '../../../preload/contract';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import {
  castOwnerContacts,
  presenceCast,
  presenceCastInstant,
  scriptedCast,
  type PresenceCast,
} from '../../../main/exchange-sim/org/presence-cast';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createLogger } from '../../../main/log/logger';
import { createPresenceService, type PresenceService } from '../../../main/services/presence';
import type { PresenceClock } from '../../../main/services/presence/schedule';
import { ianaZone } from '../../../main/services/presence/zones';
import { openPresenceAlertStore } from '../../../main/store/presence-alerts';

const EPOCH = '2026-11-30T00:00:00.000Z'; // a Monday
const log = createLogger({ level: 'error' });

let sim: ExchangeSimHandle;
let client: ExchangeClient;
let at: number;
let cast: PresenceCast;
let roles: ReturnType<typeof scriptedCast>;

/** A clock held at one instant; timers never fire (nothing here waits for a boundary). */
const heldClock = (ms: number): PresenceClock => ({ now: () => ms, setTimer: () => () => undefined });

function service(people: string[], clock: PresenceClock): PresenceService {
  return createPresenceService({
    client: () => client,
    people: () => people.map((email) => ({ email, displayName: email })),
    emit: () => undefined,
    alert: () => undefined,
    alerts: openPresenceAlertStore(null),
    log,
    clock,
    viewer: ianaZone('Europe/Paris'),
  });
}

beforeAll(async () => {
  sim = await startExchangeSim({ httpPort: 0, httpsPort: false, size: 300, epoch: EPOCH });
  at = Date.parse(presenceCastInstant(sim.org));
  sim.control.setClock(at);
  cast = presenceCast(sim.org, { at });
  roles = scriptedCast(sim.org);
  ({ client } = await signIn({
    email: DEMO_ACCOUNTS.alice.smtp,
    password: DEMO_ACCOUNTS.alice.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
  }));
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
});

describe('presence against the built-in Exchange', () => {
  let snap: PresenceSnapshot;
  const of = (smtp: string | undefined): PresenceInfo | undefined =>
    snap.people.find((p) => p.email === smtp?.toLowerCase());

  beforeAll(async () => {
    const s = service(castOwnerContacts(sim.org), heldClock(at));
    await s.start(DEMO_ACCOUNTS.alice.smtp);
    snap = s.snapshot();
    s.stop();
  });

  it('has a cast to check (the simulator scripted every role)', () => {
    expect(roles.meetingEndingSoon).toBeDefined();
    expect(roles.notShared).toBeDefined();
    expect(roles.tentative).toBeDefined();
    expect(cast.inMeeting.length).toBeGreaterThan(0);
    expect(cast.offWork.length).toBeGreaterThan(0);
  });

  it('says "in a meeting until" the end of back-to-back and overlapping meetings', () => {
    const p = cast.endingSoon.find((e) => e.smtp === roles.meetingEndingSoon);
    expect(p?.until).toBeDefined();
    expect(of(roles.meetingEndingSoon)).toMatchObject({ state: 'busy', until: p?.until });
    for (const e of cast.inMeeting)
      expect(of(e.smtp), e.smtp).toMatchObject({ state: 'busy', until: e.until });
  });

  it('keeps a tentative meeting available, with the meeting named', () => {
    const p = of(roles.tentative);
    expect(p?.state).toBe('available');
    expect(p?.tentative).toBeDefined();
  });

  it('says "free until" the next meeting today', () => {
    const e = cast.free.find((x) => x.smtp === roles.freeUntilAfternoon);
    expect(e?.until).toBeDefined();
    expect(of(roles.freeUntilAfternoon)).toMatchObject({ state: 'available', until: e?.until });
  });

  it('shows out of office from the calendar', () => {
    expect(cast.oofWithoutReply.length).toBeGreaterThan(0);
    for (const e of cast.oofWithoutReply) expect(of(e.smtp)?.state, e.smtp).toBe('oof');
  });

  it('shows people outside their working hours as off work, back at their next start', () => {
    for (const e of cast.offWork)
      expect(of(e.smtp), e.smtp).toMatchObject({ state: 'off-work', until: e.until });
  });

  it('gives Unknown, with the reason, to the calendar that is not shared, and to nobody else', () => {
    expect(of(roles.notShared)).toMatchObject({ state: 'unknown', reason: 'not-shared' });
    const unknown = snap.people.filter((p) => p.state === 'unknown').map((p) => p.email);
    expect(unknown).toEqual([roles.notShared]);
  });

  it('hides subjects the server does not share (free/busy only)', () => {
    const p = of(roles.freeBusyOnly);
    expect(p?.state).toBe('busy');
    expect(p?.subject).toBeUndefined();
  });

  it('puts the automatic reply on the card (MailTips)', async () => {
    const s = service(castOwnerContacts(sim.org), heldClock(at));
    await s.start(DEMO_ACCOUNTS.alice.smtp);
    const withReply = cast.oofWithReply.find((e) => e.smtp === roles.oofWithReply) ?? cast.oofWithReply[0];
    expect(withReply?.reply).toBeTruthy();
    const card = await s.card(withReply?.smtp ?? '');
    expect(card.presence.state).toBe('oof');
    expect(card.presence.oofReply).toBe(withReply?.reply);
    s.stop();
  });
});

describe('batching', () => {
  it('asks for 250 people and me in 3 requests of at most 100 mailboxes', async () => {
    const people = sim.org.people
      .map((p) => p.smtp)
      .filter((e) => e !== DEMO_ACCOUNTS.alice.smtp)
      .slice(0, 250);
    const before = sim.control.requestCount('GetUserAvailability');
    const s = service(people, heldClock(at));
    await s.start(DEMO_ACCOUNTS.alice.smtp);
    expect(sim.control.requestCount('GetUserAvailability') - before).toBe(3);
    const snap = s.snapshot();
    expect(snap.people).toHaveLength(250);
    expect(snap.me?.state).not.toBe('unknown');
    // Only the one unshared calendar (if it is among them) is unknown: no batch failed.
    expect(snap.people.filter((p) => p.state === 'unknown' && p.reason !== 'not-shared')).toEqual([]);
    s.stop();
  });
});
