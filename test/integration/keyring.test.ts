/**
 * The vault against a real OS key store through @napi-rs/keyring.
 *
 * The round trip needs a Secret Service; run it on a private session bus with a throw-away
 * unlocked keyring (see /work/shared/reference/toolchain.md §5):
 *
 *   kr=$(mktemp -d); HOME=$kr XDG_DATA_HOME=$kr/share dbus-run-session -- sh -c \
 *     'echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
 *      KEYRING_IT=1 npx vitest run test/integration/keyring.test.ts'
 *
 * The fallback test runs where there is no session bus at all (CI containers, this command
 * without dbus-run-session): there the keyring cannot be reached and openVault must say
 * 'session' rather than fail or write plaintext.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyringVault } from '../../main/secrets/keyring';
import { openVault } from '../../main/secrets/open';

const service = `RosterTest-${randomBytes(4).toString('hex')}`;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'roster-kr-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe.runIf(process.env.KEYRING_IT === '1')('OS keyring (real Secret Service)', () => {
  it('saves, reads, overwrites and deletes a secret', async () => {
    const vault = await createKeyringVault({ service });
    expect(vault.kind).toBe('os');
    const account = 'alice@contoso.com';
    const secret = `pä$$wörd-${randomBytes(6).toString('hex')} ✓`;
    try {
      expect(await vault.get(account)).toBeNull();
      await vault.set(account, secret);
      expect(await vault.get(account)).toBe(secret);
      // A second vault (another run of the app) sees it: it is in the store, not in memory.
      const again = await createKeyringVault({ service });
      expect(await again.get(account)).toBe(secret);
      await again.set(account, 'second');
      expect(await vault.get(account)).toBe('second');
      // Another service name is another namespace.
      expect(await (await createKeyringVault({ service: `${service}-other` })).get(account)).toBeNull();
    } finally {
      await vault.delete(account);
    }
    expect(await vault.get(account)).toBeNull();
    await vault.delete(account);
  });

  it('is what openVault chooses in plain Node, and nothing is written to the data folder', async () => {
    const vault = await openVault({ dataDir, service });
    expect(vault.kind).toBe('os');
    expect(vault.backend).toMatch(/^keyring:/);
    await vault.set('bob', 'pw-bob');
    expect(await vault.get('bob')).toBe('pw-bob');
    await vault.delete('bob');
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS)(
  'OS keyring with no session bus',
  () => {
    it('openVault falls back to a session vault and says why', async () => {
      const warnings: unknown[] = [];
      const vault = await openVault({
        dataDir,
        service,
        log: { info: () => undefined, warn: (_msg, data) => void warnings.push(data) },
      });
      expect(vault.kind).toBe('session');
      expect(warnings).toEqual([
        {
          refused: {
            safeStorage: expect.any(String) as unknown,
            'OS keyring': expect.any(String) as unknown,
          },
        },
      ]);
      await vault.set('alice', 'pw');
      expect(await vault.get('alice')).toBe('pw');
      expect(await readdir(dataDir)).toEqual([]);
    });
  },
);
