/**
 * The signed-in user's list says where it lives (issue 20 item 10, issue 19 part 4): a list still
 * on Lync Server (the demo's dave: no Lync Contacts folder) is told apart from a merely empty list
 * in Exchange, with the help desk's rule, on the built-in Exchange's wire answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { makeService, operations, startSim } from './helpers';

let sim: ExchangeSimHandle;
const clients: ExchangeClient[] = [];

async function signInAs(who: keyof typeof DEMO_ACCOUNTS): Promise<ExchangeClient> {
  const account = DEMO_ACCOUNTS[who];
  const r = await signIn({
    email: account.smtp,
    password: account.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
    retry: { maxAttempts: 1 },
  });
  clients.push(r.client);
  return r.client;
}

beforeAll(async () => {
  sim = await startSim(60);
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await sim.close();
});

describe('an empty contact list: not migrated or merely empty', () => {
  it('dave (still on Lync Server) → not-migrated', async () => {
    const client = await signInAs('dave');
    sim.control.clearRequestLog();
    const h = makeService(client);
    await h.service.start(client);
    const list = await h.service.getContactList();
    expect(list.contacts).toEqual([]);
    expect(list.storage).toBe('not-migrated');
    expect(operations(sim)).toEqual(['GetImItemList', 'FindFolder']);
  });

  it('a migrated account whose list is empty → ucs (no note)', async () => {
    // Hélène's list is in Exchange; empty it on the server, as a user who removed everyone would.
    sim.control.mutate((org) => {
      const helene = org.people.find((p) => p.smtp === DEMO_ACCOUNTS.helene.smtp);
      if (!helene) throw new Error('the demo org has no Hélène');
      helene.imList = { migrationCompleted: true, groups: [], personas: [] };
    });
    const client = await signInAs('helene');
    const h = makeService(client);
    await h.service.start(client);
    const list = await h.service.getContactList();
    expect(list.contacts).toEqual([]);
    expect(list.storage).toBe('ucs');
  });

  it('alice (contacts in UCS) → ucs, without a FindFolder', async () => {
    const client = await signInAs('alice');
    sim.control.clearRequestLog();
    const h = makeService(client);
    await h.service.start(client);
    const list = await h.service.getContactList();
    expect(list.contacts.length).toBeGreaterThan(0);
    expect(list.storage).toBe('ucs');
    expect(operations(sim)).not.toContain('FindFolder');
  });
});
