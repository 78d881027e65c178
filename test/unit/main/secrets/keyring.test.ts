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

describe('keyring vault: what callers and diagnostics read', () => {
  it.each([
    ['darwin', 'keyring:keychain'],
    ['win32', 'keyring:credential-manager'],
    ['linux', 'keyring:secret-service'],
    ['freebsd', 'keyring:freebsd'],
  ] as const)('on %s the backend is %s', async (platform, backend) => {
    const { mod } = fakeKeyring();
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod), platform });
    expect(vault.backend).toBe(backend);
  });

  it('names the running platform’s store when no platform is given', async () => {
    const { mod } = fakeKeyring();
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod) });
    const linux = await createKeyringVault({ load: () => Promise.resolve(mod), platform: process.platform });
    expect(vault.backend).toBe(linux.backend);
  });

  it('says which step failed, with the store’s own reason, for every call', async () => {
    const { mod } = fakeKeyring('AccessDenied');
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod), platform: 'linux' });
    const calls: [Promise<unknown>, string][] = [
      [vault.get('alice'), 'The OS keyring could not read a saved password: AccessDenied'],
      [vault.set('alice', 'pw'), 'The OS keyring could not save the password: AccessDenied'],
      [vault.delete('alice'), 'The OS keyring could not delete the saved password: AccessDenied'],
      [vault.accounts(), 'The OS keyring could not list the saved passwords: AccessDenied'],
    ];
    for (const [call, message] of calls) {
      await expect(call).rejects.toMatchObject({ name: 'VaultError', code: 'unavailable', message });
    }
  });

  it('says the module could not be loaded, and why', async () => {
    await expect(createKeyringVault({ load: () => Promise.reject(new Error('no binding')) })).rejects.toThrow(
      'The OS keyring module could not be loaded: no binding',
    );
  });

  it('refuses an empty account on every call and an empty secret, before the store is touched', async () => {
    const { mod, built } = fakeKeyring();
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod), platform: 'linux' });
    await expect(vault.get('')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.set('', 'pw')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.set('alice', '')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.delete('')).rejects.toMatchObject({ code: 'bad-input' });
    expect(built).toEqual([]);
  });
});

describe('keyring vault: the native error is kept as the cause, for the log', () => {
  it('when the module does not load and when the store fails', async () => {
    const missing = new Error('no binding');
    await expect(createKeyringVault({ load: () => Promise.reject(missing) })).rejects.toMatchObject({
      cause: missing,
    });
    const { mod } = fakeKeyring('AccessDenied');
    const vault = await createKeyringVault({ load: () => Promise.resolve(mod), platform: 'linux' });
    const err = await vault.get('alice').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: 'unavailable',
      cause: expect.objectContaining({ message: 'AccessDenied' }) as unknown,
    });
  });
});
