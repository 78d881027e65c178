/** The built-in Exchange in-process, a signed-in client and a contacts service over it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactList } from '../../../preload/contract';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createLogger } from '../../../main/log/logger';
import {
  createContactsService,
  type ContactsDeps,
  type ContactsService,
} from '../../../main/services/contacts';
import { openContactsSnapshot, type ContactsSnapshotStore } from '../../../main/store/contacts-snapshot';

export const ALICE = DEMO_ACCOUNTS.alice;

export async function startSim(size = 60): Promise<ExchangeSimHandle> {
  return startExchangeSim({ httpPort: 0, httpsPort: false, size });
}

export async function signInAlice(sim: ExchangeSimHandle): Promise<ExchangeClient> {
  const r = await signIn({
    email: ALICE.smtp,
    password: ALICE.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
    // No retries with back-off in tests: a failure shows at once.
    retry: { maxAttempts: 1 },
  });
  return r.client;
}

export interface Harness {
  service: ContactsService;
  events: ContactList[];
  snapshots: ContactsSnapshotStore;
  /** The client the service uses; replace it to inject failures. */
  setClient(c: ExchangeClient | null): void;
}

export function makeService(
  client: ExchangeClient | null,
  opts: { snapshots?: ContactsSnapshotStore; limit?: number } & Partial<ContactsDeps> = {},
): Harness {
  let current = client;
  const events: ContactList[] = [];
  const snapshots = opts.snapshots ?? openContactsSnapshot(null);
  const service = createContactsService({
    client: () => current,
    snapshots,
    emit: (l) => events.push(l),
    log: createLogger({ level: 'error' }),
    ...(opts.limit ? { limit: opts.limit } : {}),
  });
  return { service, events, snapshots, setClient: (c) => (current = c) };
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-contacts-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** EWS operations the sim saw since the log was cleared. */
export function operations(sim: ExchangeSimHandle): string[] {
  return sim.control
    .requestLog()
    .map((e) => e.operation ?? '')
    .filter((o) => o !== '');
}
