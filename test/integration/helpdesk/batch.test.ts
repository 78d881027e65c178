/** A batch of 200 users from the built-in Exchange completes with bounded concurrency. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import type { Transport } from '../../../main/exchange/transport';
import type { HelpdeskService } from '../../../main/services/helpdesk';
import { exportOf, helpdesk, makeHelpdesk, startSim } from './helpers';

let sim: ExchangeSimHandle;
let service: HelpdeskService;
let transport: Transport;

beforeAll(async () => {
  sim = await startSim(200, 50_000);
  ({ service, transport } = makeHelpdesk(sim));
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});

describe('verify-ucs, 200 users', () => {
  it('checks every user once, never more than the concurrency at a time, with verdicts that follow the org', async () => {
    const people = sim.org.people;
    expect(people).toHaveLength(200);
    let inFlight = 0;
    let most = 0;
    const started = new Set<string>();
    const report = await service.verify(
      { email: helpdesk.smtp, password: helpdesk.password },
      people.map((p) => ({ email: p.smtp, export: exportOf(sim, p.smtp) })),
      {
        concurrency: 5,
        onProgress: (e) => {
          if (e.type === 'started') {
            started.add(e.user);
            most = Math.max(most, ++inFlight);
          }
          if (e.type === 'done') inFlight--;
        },
      },
    );
    expect(started.size).toBe(200);
    expect(most).toBe(5);
    expect(report.users.map((u) => u.user)).toEqual(people.map((p) => p.smtp));
    expect(report.summary.total).toBe(200);
    // The org decides: a user whose Lync list is not (or not wholly) in UCS fails, the others do not.
    for (const [i, u] of report.users.entries()) {
      const p = people[i];
      const lost = p?.lync.migration !== 'ucs' && (p?.lync.contacts.length ?? 0) > 0;
      expect({ user: u.user, fails: u.verdict === 'fail' }).toEqual({ user: u.user, fails: lost });
    }
    // One sign-in for the batch: a single whoami (ResolveNames of the help-desk account) per connection.
    const ops = sim.control.requestLog().map((e) => e.operation);
    expect(ops.filter((o) => o === 'GetImItemList')).toHaveLength(200);
  });
});
