import { describe, expect, it } from 'vitest';
import {
  createKeyringVault,
  type KeyringEntry,
  type KeyringEntryOptions,
  type KeyringModule,
} from '../../../../main/secrets/keyring';

/** An in-memory stand-in for @napi-rs/keyring's AsyncEntry that records how it was built. */
function fakeKeyring(failWith?: string) {
  const store = new Map<string, string>();
  const built: { service: string; account: string; options: KeyringEntryOptions | null | undefined }[] = [];
  const mod: KeyringModule = {
    AsyncEntry: class implements KeyringEntry {
      constructor(
        private readonly service: string,
        private readonly account: string,
        options?: KeyringEntryOptions | null,
      ) {
        built.push({ service, account, options });
      }
      private get key() {
        return `${this.service}\u0000${this.account}`;
      }
      getPassword() {
        return failWith ? Promise.reject(new Error(failWith)) : Promise.resolve(store.get(this.key) ?? null);
      }
      setPassword(password: string) {
        if (failWith) return Promise.reject(new Error(failWith));
        store.set(this.key, password);
        return Promise.resolve();
      }
      deleteCredential() {
        return failWith ? Promise.reject(new Error(failWith)) : Promise.resolve(store.delete(this.key));
      }
    },
    findCredentialsAsync(service: string) {
      if (failWith) return Promise.reject(new Error(failWith));
      const prefix = `${service}\u0000`;
      return Promise.resolve(
        [...store.keys()]
          .filter((k) => k.startsWith(prefix))
          .map((k) => ({ account: k.slice(prefix.length) })),
      );
    },
  };
  return { mod, store, built };
}

describe('keyring vault (fake native module)', () => {
  it('round-trips under the service name, pinned to the Secret Service on Linux', async () => {
    const { mod, built } = fakeKeyring();
    const vault = await createKeyringVault({
      service: 'RosterTest',
      load: () => Promise.resolve(mod),
      platform: 'linux',
    });
    expect(vault.kind).toBe('os');
    expect(vault.backend).toBe('keyring:secret-service');
    await vault.set('alice', 'pw');
    expect(await vault.get('alice')).toBe('pw');
    await vault.set('bob', 'pw2');
    expect((await vault.accounts()).sort()).toEqual(['alice', 'bob']);
    await vault.delete('alice');
    await vault.delete('alice');
    expect(await vault.get('alice')).toBeNull();
    expect(await vault.accounts()).toEqual(['bob']);
    expect(built[0]).toEqual({
      service: 'RosterTest',
      account: 'alice',
      options: { linux: { store: 'secret-service' } },
    });
  });

  it('does not pin a store elsewhere and names the platform store', async () => {
    const { mod, built } = fakeKeyring();
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod), platform: 'darwin' });
    expect(vault.backend).toBe('keyring:keychain');
    await vault.get('alice');
    expect(built[0]).toMatchObject({ service: 'Roster', options: null });
  });

  it('turns a missing native binary into VaultError unavailable', async () => {
    await expect(
      createKeyringVault({ load: () => Promise.reject(new Error('Cannot find native binding')) }),
    ).rejects.toMatchObject({ name: 'VaultError', code: 'unavailable', message: /native binding/ });
  });

  it('wraps store failures in VaultError unavailable', async () => {
    const { mod } = fakeKeyring("Couldn't access platform storage: AccessDenied");
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod), platform: 'linux' });
    await expect(vault.get('alice')).rejects.toMatchObject({ code: 'unavailable', message: /AccessDenied/ });
    await expect(vault.set('alice', 'pw')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
