/**
 * "Reset the demo" through the composition root and the router (issue 20 item 18): every edit of
 * the demo is undone, in memory and on disk, and the demo is signed in again; a real account is
 * refused.
 */
import { describe, expect, it } from 'vitest';
import type { ContactList, Result, SessionState } from '../../../preload/contract';
import { composeApp } from '../../../main/compose';
import { createMemoryVault } from '../../../main/secrets/memory';
import { tempDir } from '../contacts/helpers';

function ok<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

const names = (l: ContactList) => l.groups.map((g) => g.name).sort();

describe('Reset the demo', () => {
  it('undoes every edit (and it stays undone after a restart), then signs in to the demo again', async () => {
    const tmp = await tempDir();
    const vault = createMemoryVault();
    const open = () =>
      composeApp({ shell: 'web', dataDir: tmp.dir, version: '0.0.0-test', vault, demo: { size: 40 } });
    let app = await open();
    try {
      ok(await app.router.dispatch('signInDemo', {}));
      const generated = ok<ContactList>(await app.router.dispatch('getContactList', {}));
      const edited = ok<ContactList>(
        await app.router.dispatch('createGroup', { name: 'Edited in the demo' }),
      );
      expect(names(edited)).toContain('Edited in the demo');

      const after = ok<SessionState>(await app.router.dispatch('resetDemo', {}));
      expect(after).toMatchObject({ status: 'signed-in', account: { demo: true } });
      const reset = ok<ContactList>(await app.router.dispatch('getContactList', {}));
      expect(names(reset)).toEqual(names(generated));
      expect(reset.contacts.length).toBe(generated.contacts.length);

      // On disk too: a restart does not bring the edit back.
      await app.close();
      app = await open();
      ok(await app.router.dispatch('signInDemo', {}));
      const restarted = ok<ContactList>(await app.router.dispatch('refreshContactList', {}));
      expect(names(restarted)).not.toContain('Edited in the demo');
    } finally {
      await app.close();
      await tmp.remove();
    }
  });

  it('is refused when not signed in to the demo', async () => {
    const app = await composeApp({ shell: 'web', dataDir: null, version: '0.0.0-test', demo: { size: 20 } });
    try {
      const r = await app.router.dispatch('resetDemo', {});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatchObject({ kind: 'bad-input', code: 'NotDemo' });
    } finally {
      await app.close();
    }
  });
});
