/**
 * Presence for 1,000 contacts against the built-in Exchange with 50 ms of latency per request, as
 * the demo user alice: how many requests, how long until everyone is known and until the first
 * screenful is, against the floor of the same ten 100-mailbox requests sent straight through the
 * client at its concurrency; and the local cost of recomputing 1,000 people at a boundary.
 */
import type { BenchFigure } from './figure';
import { signIn } from '../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../main/exchange-sim/org/generate';
import { startExchangeSim } from '../../main/exchange-sim/server';
import { createLogger } from '../../main/log/logger';
import { createPresenceService } from '../../main/services/presence';
import { earliestBoundary, systemClock } from '../../main/services/presence/schedule';
import { ianaZone } from '../../main/services/presence/zones';
import { openPresenceAlertStore } from '../../main/store/presence-alerts';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const sim = await startExchangeSim({
    httpPort: 0,
    httpsPort: false,
    size: 1100,
    epoch: '2026-11-30T00:00:00.000Z',
    faults: { latencyMs: 50 },
  });
  sim.control.setClock(Date.parse('2026-11-30T09:30:00.000Z'));
  const { client } = await signIn({
    email: DEMO_ACCOUNTS.alice.smtp,
    password: DEMO_ACCOUNTS.alice.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
  });
  try {
    const people = sim.org.people
      .filter((p) => p.smtp !== DEMO_ACCOUNTS.alice.smtp)
      .slice(0, 1000)
      .map((p) => ({ email: p.smtp, displayName: p.displayName }));
    const clock = systemClock(Date.parse('2026-11-30T09:30:00.000Z') - Date.now());
    const viewer = ianaZone('Europe/Paris');
    const window = { start: '2026-11-29T23:00:00.000Z', end: '2026-12-01T23:00:00.000Z' };

    // The floor: the same ten 100-mailbox requests, straight through the client at its concurrency.
    await client.getUserAvailability({ mailboxes: [people[0]!.email], ...window }); // warm the connections
    const floors: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.getUserAvailability({
            mailboxes: people.slice(i * 100, i * 100 + 100).map((p) => p.email),
            ...window,
            view: 'DetailedMerged',
          }),
        ),
      );
      floors.push(performance.now() - t0);
    }

    const walls: number[] = [];
    const firsts: number[] = [];
    let requests = 0;
    let availability = 0;
    let boundaryMs = 0;
    let snapshotMs = 0;
    for (let run = 0; run < 3; run++) {
      const before = sim.control.requestCount();
      const beforeAvailability = sim.control.requestCount('GetUserAvailability');
      let first = 0;
      const t0 = performance.now();
      const service = createPresenceService({
        client: () => client,
        people: () => people,
        emit: (s) => {
          if (!first && s.people.some((p) => p.state !== 'unknown' || p.reason !== 'not-loaded'))
            first = performance.now() - t0;
        },
        alert: () => undefined,
        alerts: openPresenceAlertStore(null),
        log: createLogger({ level: 'error' }),
        clock,
        viewer,
      });
      await service.start(DEMO_ACCOUNTS.alice.smtp);
      walls.push(performance.now() - t0);
      firsts.push(first);
      requests = sim.control.requestCount() - before;
      availability = sim.control.requestCount('GetUserAvailability') - beforeAvailability;

      // The local cost at a boundary: every person recomputed, and the next boundary found.
      const snaps: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s0 = performance.now();
        service.snapshot();
        snaps.push(performance.now() - s0);
      }
      snapshotMs = median(snaps);
      service.stop();
    }
    // earliestBoundary over 1,000 schedules, measured on the simulator's own answers.
    const answers = await client.getUserAvailability({
      mailboxes: people.slice(0, 100).map((p) => p.email),
      ...window,
    });
    const { toSchedule } = await import('../../main/services/presence/map');
    const schedules = Array.from({ length: 10 }, () =>
      answers.map((a) => toSchedule(a, { fromMs: Date.parse(window.start), toMs: Date.parse(window.end) })),
    ).flat();
    const b0 = performance.now();
    earliestBoundary(schedules, Date.parse('2026-11-30T09:30:00.000Z'), viewer);
    boundaryMs = performance.now() - b0;

    const floor = median(floors);
    const wall = median(walls);
    figures.push({
      // 1,000 contacts take 10 GetUserAvailability of 100; my own mailbox rides in a batch when
      // there is room (not at exactly 1,000), and my automatic replies are one GetUserOofSettings.
      name: `presence, 1,000 contacts: ${requests} requests (${availability} GetUserAvailability for 1,000 contacts + me, ${requests - availability} for my automatic replies), wall`,
      value: wall,
      unit: 'ms',
      goal: `10 requests for the contacts, ≤ ${(1.5 * floor).toFixed(0)} ms = 1.5 × the ten requests alone`,
    });
    figures.push({
      name: 'the ten 100-mailbox requests alone, at the client concurrency',
      value: floor,
      unit: 'ms',
    });
    figures.push({ name: 'first presence shown (first batch answered)', value: median(firsts), unit: 'ms' });
    figures.push({
      name: 'snapshot of 1,000 people between boundaries (each holds until its own), median',
      value: snapshotMs,
      unit: 'ms',
      goal: '< 50 ms',
    });
    figures.push({
      name: 'cold: next boundary for all 1,000 at once (after a fetch, or if every boundary fell together)',
      value: boundaryMs,
      unit: 'ms',
    });
  } finally {
    await client.close();
    await sim.close();
  }
  return figures;
}
