/** Directory search, the disk snapshot at start, and offline against the built-in Exchange. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../../../main/exchange/client';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { openContactsSnapshot } from '../../../main/store/contacts-snapshot';
import { makeService, signInAlice, startSim, tempDir } from './helpers';

let sim: ExchangeSimHandle;
let client: ExchangeClient;

beforeAll(async () => {
  sim = await startSim(60);
  client = await signInAlice(sim);
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('directory search', () => {
  it('finds Hélène for "hel" and marks the people already in the list', async () => {
    const h = makeService(client);
    await h.service.start(client);
    // Hélène in the list (whatever the generated org did), so that she must come back marked.
    const list = await h.service.addContact({
      source: { kind: 'directory', email: 'helene.dubois@contoso.test' },
    });
    const answer = await h.service.searchDirectory({ query: 'hel' });
    expect(answer.cancelled).toBe(false);
    expect(answer.query).toBe('hel');
    const helene = answer.results.find((r) => r.email === 'helene.dubois@contoso.test');
    expect(helene).toMatchObject({ displayName: 'Hélène Dubois', isGroup: false, department: 'Marketing' });
    const inList = list.contacts.find((c) => c.email === helene?.email);
    expect(inList).toBeDefined();
    expect(helene?.contactId).toBe(inList?.id);
    for (const r of answer.results) {
      const member = list.contacts.find((c) => c.email?.toLowerCase() === r.email.toLowerCase());
      expect(r.contactId).toBe(member?.id);
    }
  });

  it('answers an empty list when nothing matches', async () => {
    const h = makeService(client);
    await h.service.start(client);
    const answer = await h.service.searchDirectory({ query: 'zzqxw-nobody' });
    expect(answer).toEqual({ query: 'zzqxw-nobody', results: [], cancelled: false });
  });

  it('a newer search cancels the one before', async () => {
    const h = makeService(client);
    await h.service.start(client);
    sim.control.setFaults({ latencyMs: 150 });
    try {
      const first = h.service.searchDirectory({ query: 'he' });
      await new Promise((r) => setTimeout(r, 20));
      const second = h.service.searchDirectory({ query: 'hel' });
      expect(await first).toEqual({ query: 'he', results: [], cancelled: true });
      const b = await second;
      expect(b.cancelled).toBe(false);
      expect(b.results.some((r) => r.email === 'helene.dubois@contoso.test')).toBe(true);
    } finally {
      sim.control.resetFaults();
    }
  });
});

describe('the snapshot', () => {
  it('is shown from cache at once at the next start, then refreshed from the server', async () => {
    const tmp = await tempDir();
    try {
      const first = makeService(client, { snapshots: openContactsSnapshot(tmp.dir) });
      await first.service.start(client);
      const created = await first.service.createGroup({ name: 'Kept on disk' });

      // Next start: the server is slow; the snapshot shows first.
      sim.control.setFaults({ latencyMs: 300 });
      const second = makeService(client, { snapshots: openContactsSnapshot(tmp.dir) });
      const t0 = performance.now();
      await second.service.start(client);
      const shown = await second.service.getContactList();
      expect(performance.now() - t0).toBeLessThan(250);
      expect(shown.fromCache).toBe(true);
      expect(shown.groups.map((g) => g.name)).toEqual(created.groups.map((g) => g.name));
      expect(second.events[0]?.fromCache).toBe(true);

      const refreshed = await second.service.refreshContactList();
      expect(refreshed.fromCache).toBe(false);
      expect(second.events.at(-1)).toEqual(refreshed);
      expect(second.events.at(-1)?.fromCache).toBe(false);
    } finally {
      sim.control.resetFaults();
      await tmp.remove();
    }
  });

  it('is deleted at sign-out', async () => {
    const snapshots = openContactsSnapshot(null);
    const h = makeService(client, { snapshots });
    await h.service.start(client);
    await h.service.getContactList();
    expect(await snapshots.load(client.email)).not.toBeNull();
    expect(await h.service.clear()).toBe(client.email.toLowerCase());
    expect(await snapshots.load(client.email)).toBeNull();
    await expect(h.service.getContactList()).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('offline', () => {
  it('keeps the snapshot marked offline and refuses edits with a network error', async () => {
    const own = await startSim(30);
    const ownClient = await signInAlice(own);
    const snapshots = openContactsSnapshot(null);
    try {
      const online = makeService(ownClient, { snapshots });
      await online.service.start(ownClient);
      const saved = await online.service.getContactList();
      await own.close(); // no more server

      const h = makeService(ownClient, { snapshots });
      await h.service.start(ownClient);
      const list = await h.service.refreshContactList();
      expect(list.offline).toBe(true);
      expect(list.fromCache).toBe(true);
      expect(list.contacts).toEqual(saved.contacts);
      expect(h.events.at(-1)?.offline).toBe(true);
      expect((await h.service.getContactList()).offline).toBe(true);
      await expect(h.service.createGroup({ name: 'Nope' })).rejects.toMatchObject({
        kind: 'network',
        code: 'ContactListOffline',
      });
    } finally {
      await ownClient.close();
      await own.close().catch(() => undefined);
    }
  });
});
