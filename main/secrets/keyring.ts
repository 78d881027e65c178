/**
 * The OS key store through @napi-rs/keyring (kind 'os'): macOS Keychain, Windows Credential
 * Manager, the Secret Service (GNOME Keyring, KWallet) on Linux. Used in plain Node (command
 * line, web shell) and by the Electron shell when safeStorage is not usable.
 *
 * The native module is loaded with a dynamic import the first time a keyring vault is created,
 * so a machine without its prebuilt binary still starts (openVault then falls back).
 */
import { checkAccount, checkSecret, DEFAULT_SERVICE, messageOf, VaultError, type Vault } from './vault';

/** The part of @napi-rs/keyring's AsyncEntry the vault uses. */
export interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deleteCredential(): Promise<boolean>;
}

export interface KeyringEntryOptions {
  linux?: { store?: 'secret-service' | 'keyutils' };
}

export interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: KeyringEntryOptions | null) => KeyringEntry;
  /** Every entry filed under the service. */
  findCredentialsAsync(service: string): Promise<Array<{ account: string }>>;
}

/** How the native module is loaded; tests hand in a fake, or one that fails like a missing binary. */
export type KeyringLoader = () => Promise<KeyringModule>;

export const loadNapiKeyring: KeyringLoader = () => import('@napi-rs/keyring');

export interface KeyringVaultOptions {
  service?: string;
  load?: KeyringLoader;
  platform?: NodeJS.Platform;
}

function backendName(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'keyring:keychain';
    case 'win32':
      return 'keyring:credential-manager';
    case 'linux':
      return 'keyring:secret-service';
    default:
      return `keyring:${platform}`;
  }
}

/**
 * Loads the native module and returns a vault over it. It does not touch the store: whether the
 * store answers is for the caller to probe (openVault does a set/get/delete round trip).
 * Rejects with VaultError 'unavailable' when the module cannot be loaded.
 */
export async function createKeyringVault(options: KeyringVaultOptions = {}): Promise<Vault> {
  const service = options.service ?? DEFAULT_SERVICE;
  const platform = options.platform ?? process.platform;
  let mod: KeyringModule;
  try {
    mod = await (options.load ?? loadNapiKeyring)();
  } catch (err) {
    throw new VaultError('unavailable', `The OS keyring module could not be loaded: ${messageOf(err)}`, {
      cause: err,
    });
  }
  // On Linux, keyring-rs falls back from the Secret Service to the kernel keyring (keyutils),
  // which forgets everything at logout or reboot. Pin the Secret Service so that kind 'os'
  // always means "still there after a restart"; without it openVault falls back to memory
  // and says so, instead of pretending.
  const entryOptions: KeyringEntryOptions | null =
    platform === 'linux' ? { linux: { store: 'secret-service' } } : null;
  const entry = (account: string): KeyringEntry => new mod.AsyncEntry(service, account, entryOptions);

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw new VaultError('unavailable', `The OS keyring could not ${what}: ${messageOf(err)}`, {
        cause: err,
      });
    }
  }

  return {
    kind: 'os',
    backend: backendName(platform),
    async get(account) {
      checkAccount(account);
      return call('read a saved password', () => entry(account).getPassword());
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret);
      await call('save the password', () => entry(account).setPassword(secret));
    },
    async delete(account) {
      checkAccount(account);
      await call('delete the saved password', () => entry(account).deleteCredential());
    },
    async accounts() {
      const found = await call('list the saved passwords', () => mod.findCredentialsAsync(service));
      return found.map((c) => c.account);
    },
  };
}
