/**
 * verify-ucs over a whole 200-person built-in Exchange, in-process, as the help-desk account
 * reaching each user by impersonation, every user with their Lync export: wall time and the
 * requests the server saw (autodiscover, FindFolder, ResolveNames, GetImItemList, photo,
 * availability per user, plus one sign-in). Printed as `verify-ucs, 200 users: T ms, N requests`.
 * The first run also pays for the simulator drawing every photo (it renders them on demand and
 * caches them: ~10 s of its own time here); the headline is the second, warm run, where the
 * server answers as a real one would and the time is ours.
 */
import type { BenchFigure } from './figure';
import { createTransport } from '../../main/exchange/transport';
import { exportUserData } from '../../main/exchange-sim/lync/export';
import { DEMO_ACCOUNTS } from '../../main/exchange-sim/org/generate';
import { startExchangeSim } from '../../main/exchange-sim/server';
import { createLogger } from '../../main/log/logger';
import { DEFAULT_CONCURRENCY, createHelpdeskService, type UserToVerify } from '../../main/services/helpdesk';

export default async function bench(): Promise<BenchFigure[]> {
  const sim = await startExchangeSim({ httpPort: false, httpsPort: 0, size: 200, requestLogLimit: 100_000 });
  const port = Number(new URL(sim.httpsUrl ?? '').port);
  const resolve = Object.fromEntries(
    ['contoso.test', 'autodiscover.contoso.test', 'mail.contoso.test'].map((h) => [
      h,
      { host: '127.0.0.1', port },
    ]),
  );
  const transport = createTransport({ resolve, ...(sim.certificatePem ? { ca: sim.certificatePem } : {}) });
  const service = createHelpdeskService({
    transport,
    log: createLogger({ level: 'error' }),
    resolveSrv: () => Promise.resolve([]),
  });
  try {
    const users: UserToVerify[] = sim.org.people.map((p) => {
      const dgs = new Map<string, string>();
      for (const g of p.imList.groups) if (g.smtp) dgs.set(g.displayName, g.smtp);
      return { email: p.smtp, export: { file: `${p.id}.zip`, bytes: exportUserData(p, dgs) } };
    });
    const run = async () => {
      sim.control.clearRequestLog();
      const t0 = performance.now();
      const report = await service.verify(
        { email: DEMO_ACCOUNTS.helpdesk.smtp, password: DEMO_ACCOUNTS.helpdesk.password },
        users,
        { concurrency: DEFAULT_CONCURRENCY },
      );
      return { report, ms: performance.now() - t0, requests: sim.control.requestLog().length };
    };
    const cold = await run();
    const { report, ms, requests } = await run();
    console.log(`verify-ucs, ${users.length} users: ${Math.round(ms)} ms, ${requests} requests`);
    return [
      {
        name: `verify-ucs, ${users.length} users, first run (simulator draws photos)`,
        value: cold.ms,
        unit: 'ms',
      },
      {
        name: `verify-ucs, ${users.length} users (concurrency ${DEFAULT_CONCURRENCY})`,
        value: ms,
        unit: 'ms',
      },
      { name: `verify-ucs, ${users.length} users, requests`, value: requests, unit: 'count' },
      {
        name: `verify-ucs, ${users.length} users: ${report.summary.pass} pass, ${report.summary.warn} warn, fail`,
        value: report.summary.fail,
        unit: 'count',
      },
    ];
  } finally {
    await transport.close();
    await sim.close();
  }
}
