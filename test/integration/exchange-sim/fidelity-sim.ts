/**
 * The fidelity suites' common set-up: one built-in Exchange per file over plain HTTP with Basic
 * (what ews-javascript-api and hand-written SOAP speak most simply), its people by address, and an
 * ews-javascript-api service signed in as one of them.
 */
import { afterAll, beforeAll } from 'vitest';
import { ExchangeService, ExchangeVersion, Uri, WebCredentials } from 'ews-javascript-api';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import type { Person } from '../../../main/exchange-sim/org/types';
import { makeOrg } from '../../unit/main/exchange-sim/ews/helpers';

export interface FidelitySim {
  /** The running simulator (started in beforeAll, closed in afterAll). */
  readonly sim: ExchangeSimHandle;
  who: (smtp: string) => Person;
  service: (smtp: string) => ExchangeService;
}

export function useFidelitySim(): FidelitySim {
  let running: ExchangeSimHandle | undefined;
  beforeAll(async () => {
    running = await startExchangeSim({ org: makeOrg(), httpsPort: false, authSchemes: ['Basic'] });
  });
  afterAll(async () => {
    await running?.close();
  });
  const fx: FidelitySim = {
    get sim(): ExchangeSimHandle {
      if (!running) throw new Error('the simulator is not started (use it inside a test)');
      return running;
    },
    who: (smtp) => {
      const p = fx.sim.org.people.find((x) => x.smtp === smtp);
      if (!p) throw new Error(smtp);
      return p;
    },
    service: (smtp) => {
      const s = new ExchangeService(ExchangeVersion.Exchange2013);
      s.Credentials = new WebCredentials(smtp, fx.who(smtp).password);
      s.Url = new Uri(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`);
      return s;
    },
  };
  return fx;
}
