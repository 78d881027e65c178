/**
 * The whole path through the composition root and the router, on the built-in demo Exchange:
 * sign in, see the list, search "hel", add Hélène to a new group, rename it, restart: the list
 * shows from the snapshot first, then from the server, with the change; photos are served.
 */
import { describe, expect, it } from 'vitest';
import type { ContactList, Result } from '../../../preload/contract';
import { composeApp, type RosterApp } from '../../../main/compose';
import { createMemoryVault } from '../../../main/secrets/memory';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { accountCacheDir } from '../../../main/store/contacts-snapshot';
import { ALICE, tempDir } from './helpers';

function ok<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

async function waitFor<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('contacts through the composition root', () => {
  it('survives a restart: snapshot first, then the server, with the edits', async () => {
    const tmp = await tempDir();
    const vault = createMemoryVault();
    const open = (): Promise<RosterApp> =>
      composeApp({ shell: 'web', dataDir: tmp.dir, version: '0.0.0-test', vault, demo: { size: 60 } });
    let app = await open();
    try {
      const demo = ok<{ status: string; account?: { demo: boolean } }>(
        await app.router.dispatch('signInDemo', {}),
      );
      expect(demo).toMatchObject({ status: 'signed-in', account: { demo: true } });
      const list = ok<ContactList>(await app.router.dispatch('getContactList', {}));
      expect(list.fromCache).toBe(false);
      expect(list.contacts.length).toBeGreaterThan(10);

      const found = ok<{ results: Array<{ email: string; contactId?: string }> }>(
        await app.router.dispatch('searchDirectory', { query: 'hel' }),
      );
      const helene = found.results.find((r) => r.email === 'helene.dubois@contoso.test');
      expect(helene).toBeDefined();
      // Alice's seeded list does not hold Hélène: the search says so (no contactId).
      expect(list.contacts.some((c) => c.email?.toLowerCase() === helene?.email)).toBe(false);
      expect(helene?.contactId).toBeUndefined();

      const withGroup = ok<ContactList>(await app.router.dispatch('createGroup', { name: 'Équipe Hélène' }));
      const g = withGroup.groups.find((x) => x.name === 'Équipe Hélène');
      const added = ok<ContactList>(
        await app.router.dispatch('addContact', {
          groupId: g?.id,
          source: { kind: 'directory', email: helene?.email },
        }),
      );
      const heleneId = added.contacts.find((c) => c.email === helene?.email)?.id;
      expect(heleneId).toBeDefined();
      expect(added.groups.find((x) => x.id === g?.id)?.memberIds).toEqual([heleneId]);
      // Now she is in the list: the search marks her with her contact, and adding her again
      // (the directory may spell the address in another case) makes no second copy.
      const again = ok<{ results: Array<{ email: string; contactId?: string }> }>(
        await app.router.dispatch('searchDirectory', { query: 'hel' }),
      );
      expect(again.results.find((r) => r.email === helene?.email)?.contactId).toBe(heleneId);
      const twice = ok<ContactList>(
        await app.router.dispatch('addContact', {
          groupId: g?.id,
          source: { kind: 'directory', email: helene?.email.toUpperCase() },
        }),
      );
      expect(twice.contacts.filter((c) => c.email?.toLowerCase() === helene?.email)).toHaveLength(1);
      expect(twice.groups.find((x) => x.id === g?.id)?.memberIds).toEqual([heleneId]);
      const renamed = ok<ContactList>(
        await app.router.dispatch('renameGroup', { groupId: g?.id, name: 'Team Hélène' }),
      );
      expect(renamed.groups.find((x) => x.id === g?.id)?.name).toBe('Team Hélène');

      const photo = await app.photos.serve('helene.dubois@contoso.test', 'HR96x96');
      expect(photo.status).toBe(200);
      expect(photo.contentType).toMatch(/^image\//);

      await app.close();

      // Restart: the session is restored in the background; the snapshot shows first.
      app = await open();
      const seen: ContactList[] = [];
      app.bus.subscribe((event, payload) => {
        if (event === 'contactsChanged') seen.push(payload as ContactList);
      });
      const fresh = await waitFor(() => seen.find((l) => !l.fromCache));
      const first = seen[0];
      expect(first?.fromCache).toBe(true);
      expect(first?.groups.find((x) => x.id === g?.id)?.name).toBe('Team Hélène');
      expect(fresh.groups.find((x) => x.id === g?.id)?.memberIds).toEqual([heleneId]);

      // Signing out forgets the list and the photos, on disk too.
      const cacheDir = accountCacheDir(tmp.dir, ALICE.smtp);
      expect(existsSync(join(cacheDir, 'contacts.json'))).toBe(true);
      expect(existsSync(join(cacheDir, 'photos'))).toBe(true);
      await app.router.dispatch('signOut', {});
      expect(existsSync(join(cacheDir, 'contacts.json'))).toBe(false);
      expect(existsSync(join(cacheDir, 'photos'))).toBe(false);
      expect((await app.router.dispatch('getContactList', {})).ok).toBe(false);
      expect((await app.photos.serve('helene.dubois@contoso.test', 'HR96x96')).status).toBe(404);
    } finally {
      await app.close();
      await tmp.remove();
    }
  });
});
