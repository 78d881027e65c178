/** The built-in Exchange over HTTPS with its `.test` names resolved to it, and a help-desk service over it. */
import { createTransport, type Transport, type TransportOptions } from '../../../main/exchange/transport';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { exportUserData } from '../../../main/exchange-sim/lync/export';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createLogger } from '../../../main/log/logger';
import { createHelpdeskService, type HelpdeskService } from '../../../main/services/helpdesk';

export const { alice, bob, dave, helpdesk, helene } = DEMO_ACCOUNTS;

export async function startSim(size = 60, requestLogLimit = 5000): Promise<ExchangeSimHandle> {
  return startExchangeSim({ httpPort: false, httpsPort: 0, size, requestLogLimit });
}

/** As the demo maps them: contoso.test, autodiscover.…, mail.… → the simulator, its CA trusted. */
export function simTransportOptions(sim: ExchangeSimHandle): TransportOptions {
  const port = Number(new URL(sim.httpsUrl ?? '').port);
  const resolve: NonNullable<TransportOptions['resolve']> = {};
  for (const d of ['contoso.test', 'fabrikam.test'])
    for (const h of [d, `autodiscover.${d}`, `mail.${d}`]) resolve[h] = { host: '127.0.0.1', port };
  return { resolve, ...(sim.certificatePem ? { ca: sim.certificatePem } : {}) };
}

export function makeHelpdesk(sim: ExchangeSimHandle): { service: HelpdeskService; transport: Transport } {
  const transport = createTransport(simTransportOptions(sim));
  const service = createHelpdeskService({
    transport,
    log: createLogger({ level: 'error' }),
    retry: { maxAttempts: 1 },
    // No SRV lookups leave the machine in tests.
    resolveSrv: () => Promise.resolve([]),
  });
  return { service, transport };
}

/** The Export-CsUserData zip the Lync side would write for this user. */
export function exportOf(sim: ExchangeSimHandle, smtp: string): { file: string; bytes: Uint8Array } {
  const person = sim.control.person(smtp);
  if (!person) throw new Error(`no ${smtp}`);
  const dgs = new Map<string, string>();
  for (const g of person.imList.groups) if (g.smtp) dgs.set(g.displayName, g.smtp);
  return { file: `${smtp.split('@')[0] ?? 'user'}.zip`, bytes: exportUserData(person, dgs) };
}
