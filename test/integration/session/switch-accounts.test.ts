/**
 * Help-desk staff switch accounts all day: signing in as someone else must leave nothing of the
 * previous account behind (its password in the vault, its contact list and photos on disk), and
 * signing out must leave nothing of anyone.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContactList, Result, SessionState } from '../../../preload/contract';
import { composeApp } from '../../../main/compose';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { createMemoryVault } from '../../../main/secrets/memory';
import { accountCacheDir } from '../../../main/store/contacts-snapshot';
import { tempDir } from '../contacts/helpers';

const { alice, bob } = DEMO_ACCOUNTS;

function ok<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

const entries = async (dir: string): Promise<string[]> => readdir(dir).catch(() => []);

describe('switching accounts', () => {
  it('bob, then alice, then sign-out: no password and no cache of either is left', async () => {
    const tmp = await tempDir();
    const vault = createMemoryVault();
    const app = await composeApp({
      shell: 'web',
      dataDir: tmp.dir,
      version: '0.0.0-test',
      vault,
      demo: { size: 60 },
    });
    const signIn = async (who: { smtp: string; password: string }): Promise<void> => {
      const state = ok<SessionState>(
        await app.router.dispatch('signIn', { email: who.smtp, password: who.password, rememberMe: true }),
      );
      expect(state.status).toBe('signed-in');
      const list = ok<ContactList>(await app.router.dispatch('getContactList', {}));
      const someone = list.contacts.find((c) => c.email !== undefined)?.email ?? '';
      expect((await app.photos.serve(someone, 'HR96x96')).status).toBe(200);
    };
    try {
      await signIn(bob);
      expect(await vault.get(bob.smtp)).toBe(bob.password);
      expect(existsSync(join(accountCacheDir(tmp.dir, bob.smtp), 'contacts.json'))).toBe(true);
      expect(existsSync(join(accountCacheDir(tmp.dir, bob.smtp), 'photos'))).toBe(true);

      await signIn(alice);
      expect(await vault.get(bob.smtp)).toBeNull();
      expect(existsSync(accountCacheDir(tmp.dir, bob.smtp))).toBe(false);
      expect(await vault.get(alice.smtp)).toBe(alice.password);
      expect(await entries(join(tmp.dir, 'cache'))).toEqual([
        accountCacheDir(tmp.dir, alice.smtp).split(/[\\/]/).at(-1),
      ]);

      ok(await app.router.dispatch('signOut', {}));
      expect(await vault.get(alice.smtp)).toBeNull();
      expect(await vault.get(bob.smtp)).toBeNull();
      expect(await entries(join(tmp.dir, 'cache'))).toEqual([]);
      expect(existsSync(join(tmp.dir, 'account.json'))).toBe(false);
    } finally {
      await app.close();
      await tmp.remove();
    }
  });

  it('sign-out also removes what earlier runs left: other vault entries and cache folders', async () => {
    const tmp = await tempDir();
    const vault = createMemoryVault();
    // An older version (or a crash) left bob's password and an unknown account's cache behind.
    await vault.set(bob.smtp, bob.password);
    const { mkdir, writeFile } = await import('node:fs/promises');
    const stray = join(tmp.dir, 'cache', 'f'.repeat(32));
    await mkdir(stray, { recursive: true });
    await writeFile(join(stray, 'contacts.json'), '{}');
    const app = await composeApp({
      shell: 'web',
      dataDir: tmp.dir,
      version: '0.0.0-test',
      vault,
      demo: { size: 60 },
    });
    try {
      ok(
        await app.router.dispatch('signIn', {
          email: alice.smtp,
          password: alice.password,
          rememberMe: false,
        }),
      );
      ok(await app.router.dispatch('signOut', {}));
      expect(await vault.get(bob.smtp)).toBeNull();
      expect(await entries(join(tmp.dir, 'cache'))).toEqual([]);
    } finally {
      await app.close();
      await tmp.remove();
    }
  });
});
