/**
 * The built-in Exchange for demo mode, started in-process the first time it is needed. Its
 * organisation lives in reserved `.test` domains (RFC 2606: they never resolve on the internet),
 * so the app maps exactly those names to it; its certificate is trusted for those names only,
 * because the app made it. Nothing else in the app can reach it, and it never listens beyond
 * 127.0.0.1. Lives at the composition level: services receive it as a DemoProvider.
 */
import { join } from 'node:path';
import type { DemoProvider } from './services/session';
import type { TransportOptions } from './exchange/transport';
import type { ExchangeSimHandle } from './exchange-sim/server';
import type { ClockInput } from './exchange-sim/clock';

export interface DemoExchange extends DemoProvider {
  /** The running simulator, if started. */
  handle(): ExchangeSimHandle | null;
  /**
   * "Reset the demo": stops the demo Exchange and forgets its saved organisation, so the next
   * sign-in to the demo meets the generated one again (every edit gone).
   */
  reset(): Promise<void>;
  /**
   * Loads the demo's code without starting it (no organisation made, no port opened), while the
   * sign-in screen waits for the user: "Try the demo" then starts at once. Safe to call again.
   */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

const DEMO_DOMAINS = ['contoso.test', 'fabrikam.test'];

function domainOf(email: string): string {
  return email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

export interface DemoOptions {
  /** People in the generated organisation (default: the simulator's). */
  size?: number;
  /** Faults to simulate, in `npm run exchange -- --faults` form (e.g. "latencyMs=1500"): try the app on a slow or flaky server. */
  faults?: string;
  /** Seed of the generated organisation (default: the simulator's). */
  seed?: number;
  /**
   * Calendars are generated around this instant (default: today 00:00 UTC). With a data folder the
   * saved organisation wins, so a fixed epoch is for in-memory runs (tests) or a fresh folder.
   */
  epoch?: string | Date;
  /**
   * The demo Exchange's "now": a fixed instant (ISO string, ms or Date) or a clock, so e2e runs can
   * fix the hour (e.g. just before a demo contact's meeting ends). Default: the real clock.
   */
  clock?: ClockInput;
  /** Whether the demo's Lync side (UCWA, online meetings) answers; off, it is an Exchange without Lync. */
  ucwa?: boolean;
}

export function createDemoExchange(dataDir: string | null, options: DemoOptions = {}): DemoExchange {
  let starting: Promise<ExchangeSimHandle> | null = null;
  let running: ExchangeSimHandle | null = null;

  const start = (): Promise<ExchangeSimHandle> => {
    starting ??= Promise.all([import('./exchange-sim/server'), import('./exchange-sim/faults')]).then(
      async ([server, faults]) => {
        running = await server.startExchangeSim({
          httpPort: false,
          httpsPort: 0,
          ...(dataDir ? { dataDir: join(dataDir, 'demo-exchange') } : {}),
          ...(options.size ? { size: options.size } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.epoch !== undefined ? { epoch: options.epoch } : {}),
          ...(options.clock !== undefined ? { clock: options.clock } : {}),
          ...(options.ucwa !== undefined ? { ucwa: options.ucwa } : {}),
          ...(options.faults ? { faults: faults.parseFaultsArg(options.faults) } : {}),
        });
        return running;
      },
    );
    return starting;
  };

  async function close(): Promise<void> {
    // A start under way finishes first, so that no simulator is left running behind the reset.
    const sim = running ?? (starting ? await starting.catch(() => null) : null);
    running = null;
    starting = null;
    if (sim) await sim.close(); // its last edits are saved first; reset() removes them after
  }

  return {
    owns: (email) => DEMO_DOMAINS.includes(domainOf(email)),
    async transportOptions(): Promise<TransportOptions> {
      const sim = await start();
      const port = Number(new URL(sim.httpsUrl ?? '').port);
      const resolve: NonNullable<TransportOptions['resolve']> = {};
      for (const d of DEMO_DOMAINS) {
        // lyncdiscover[internal]: UCWA discovery (online meetings) finds the built-in Lync side first try.
        for (const h of [
          d,
          `autodiscover.${d}`,
          `mail.${d}`,
          `lyncdiscoverinternal.${d}`,
          `lyncdiscover.${d}`,
        ])
          resolve[h] = { host: '127.0.0.1', port };
      }
      return { resolve, ...(sim.certificatePem ? { ca: sim.certificatePem } : {}) };
    },
    async account() {
      const { DEMO_ACCOUNTS } = await import('./exchange-sim/org/generate');
      await start();
      return { email: DEMO_ACCOUNTS.alice.smtp, password: DEMO_ACCOUNTS.alice.password };
    },
    handle: () => running,
    // A module is loaded once: start() and account() then find these in the module cache.
    async prepare() {
      await Promise.all([
        import('./exchange-sim/server'),
        import('./exchange-sim/faults'),
        import('./exchange-sim/org/generate'),
      ]);
    },
    async reset() {
      await close();
      if (dataDir) {
        const { resetOrgStore } = await import('./exchange-sim/org/store');
        await resetOrgStore(join(dataDir, 'demo-exchange'));
      }
    },
    close,
  };
}
