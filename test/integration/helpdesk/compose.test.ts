/**
 * The help desk through the composition root and the router, on the demo's built-in Exchange:
 * the access channel says who may use it, verifyUcs checks users on the signed-in session
 * (others by impersonation), progress arrives by event, the answer carries the HTML report.
 */
import { describe, expect, it } from 'vitest';
import type { EventPayload, HelpdeskBatchReport, Result } from '../../../preload/contract';
import { HelpdeskCheckId } from '../../../preload/contract';
import { composeApp } from '../../../main/compose';
import { createMemoryVault } from '../../../main/secrets/memory';
import { exportUserData } from '../../../main/exchange-sim/lync/export';
import { generateOrg } from '../../../main/exchange-sim/org/generate';
import { DEFAULT_SEED } from '../../../main/exchange-sim/org/store';
import { alice, bob, dave, helpdesk } from './helpers';

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

describe('help desk through the router', () => {
  it('is for accounts with the impersonation right, and checks users with live progress', async () => {
    const app = await composeApp({
      shell: 'web',
      dataDir: null,
      version: '0.0.0-test',
      vault: createMemoryVault(),
      demo: { size: 60 },
      restoreSession: false,
    });
    const progress: EventPayload<'helpdeskProgress'>[] = [];
    app.bus.subscribe((event, payload) => {
      if (event === 'helpdeskProgress') progress.push(payload as EventPayload<'helpdeskProgress'>);
    });
    try {
      const signedOut = await app.router.dispatch('verifyUcs', { users: [{ email: alice.smtp }] });
      expect(signedOut.ok ? null : signedOut.error.kind).toBe('auth');
      expect(value<{ allowed: boolean }>(await app.router.dispatch('getHelpdeskAccess', {})).allowed).toBe(
        false,
      );

      const signIn = (a: { smtp: string; password: string }) =>
        app.router.dispatch('signIn', { email: a.smtp, password: a.password, rememberMe: false });
      value(await signIn(bob));
      expect(value<{ allowed: boolean }>(await app.router.dispatch('getHelpdeskAccess', {})).allowed).toBe(
        false,
      );
      value(await app.router.dispatch('signOut', {}));

      value(await signIn(helpdesk));
      expect(value<{ allowed: boolean }>(await app.router.dispatch('getHelpdeskAccess', {})).allowed).toBe(
        true,
      );

      const bad = await app.router.dispatch('verifyUcs', { users: [{ email: 'not an address' }] });
      expect(bad.ok ? null : bad.error.kind).toBe('bad-input');

      // The demo's organisation, generated here from the same seed to make dave's export.
      const org = generateOrg({ seed: DEFAULT_SEED, size: 60 });
      const daveP = org.people.find((p) => p.smtp === dave.smtp);
      if (!daveP) throw new Error('no dave');
      const { report, html } = value<{ report: HelpdeskBatchReport; html: string }>(
        await app.router.dispatch('verifyUcs', {
          users: [
            { email: alice.smtp },
            {
              email: dave.smtp,
              export: { file: 'dave.zip', base64: Buffer.from(exportUserData(daveP)).toString('base64') },
            },
          ],
        }),
      );
      expect(report.checkedBy).toBe(helpdesk.smtp);
      expect(report.users.map((u) => [u.user, u.verdict])).toEqual([
        [alice.smtp, 'warn'],
        [dave.smtp, 'fail'],
      ]);
      expect(report.users[1]?.checks.find((c) => c.id === 'migration')?.evidence).toContain('Not migrated');
      expect(html).toContain('<!DOCTYPE html>');
      expect(
        progress
          .filter((p) => p.verdict)
          .map((p) => p.done)
          .sort(),
      ).toEqual([1, 2]);
      // Every check of each of the two users, as it finishes.
      expect(progress.filter((p) => p.check).length).toBe(2 * HelpdeskCheckId.options.length);
      expect(progress.every((p) => p.total === 2)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
