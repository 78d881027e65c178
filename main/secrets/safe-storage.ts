/**
 * A vault over Electron's safeStorage (kind 'os'). The Electron shell hands safeStorage in; this
 * file only describes the part it uses, so it never imports electron and runs under plain Node
 * in tests with a fake.
 *
 * safeStorage encrypts with a key the OS keeps (Keychain, DPAPI, libsecret/KWallet); the
 * ciphertexts live in one JSON file in the data folder:
 *   { "version": 1, "backend": "gnome_libsecret", "secrets": { "<account>": "<base64 ciphertext>" } }
 * written to a temp file then renamed, mode 0600. `backend` records who encrypted the data, so a
 * later failure to decrypt can say why.
 *
 * On Linux without a key store safeStorage "encrypts" with a hard-coded password
 * (backend 'basic_text'): that is plaintext with extra steps, so it counts as not usable.
 */
import { readFile, rename } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic-file';
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { checkAccount, checkSecret, messageOf, VaultError, type Vault } from './vault';

/**
 * The part of Electron's `safeStorage` the vault uses. Electron's object satisfies it as is.
 * When the asynchronous trio is present (Electron ≥ 39, where the synchronous calls are
 * deprecated) it is used; otherwise the synchronous calls are.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** The file the encrypted secrets live in. */
export const VAULT_FILE_NAME = 'vault.json';

interface Codec {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

function asyncTrio(
  ss: SafeStorageLike,
): Required<
  Pick<SafeStorageLike, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>
> | null {
  if (
    typeof ss.isAsyncEncryptionAvailable !== 'function' ||
    typeof ss.encryptStringAsync !== 'function' ||
    typeof ss.decryptStringAsync !== 'function'
  ) {
    return null;
  }
  const available = ss.isAsyncEncryptionAvailable.bind(ss);
  const encrypt = ss.encryptStringAsync.bind(ss);
  const decrypt = ss.decryptStringAsync.bind(ss);
  return { isAsyncEncryptionAvailable: available, encryptStringAsync: encrypt, decryptStringAsync: decrypt };
}

function codecFor(ss: SafeStorageLike): Codec {
  const trio = asyncTrio(ss);
  if (trio) return { encrypt: trio.encryptStringAsync, decrypt: trio.decryptStringAsync };
  return {
    encrypt: (plain) => Promise.resolve().then(() => ss.encryptString(plain)),
    decrypt: (cipher) =>
      Promise.resolve().then(() => ({ result: ss.decryptString(cipher), shouldReEncrypt: false })),
  };
}

/** The backend name, or null where Electron does not report one (macOS, Windows). */
function selectedBackend(ss: SafeStorageLike): string | null {
  if (typeof ss.getSelectedStorageBackend !== 'function') return null;
  try {
    return ss.getSelectedStorageBackend();
  } catch {
    return 'unknown';
  }
}

export type Usability = { usable: true; backend: string } | { usable: false; reason: string };

/** Whether this safeStorage protects secrets for real. Never throws. */
export async function checkSafeStorage(ss: SafeStorageLike): Promise<Usability> {
  const backend = selectedBackend(ss);
  if (backend === 'basic_text') {
    return {
      usable: false,
      reason: 'safeStorage has no OS key store on this desktop (backend basic_text: a hard-coded key)',
    };
  }
  if (backend === 'unknown') {
    return { usable: false, reason: 'safeStorage backend is unknown (asked before the app was ready?)' };
  }
  try {
    const trio = asyncTrio(ss);
    const available = trio ? await trio.isAsyncEncryptionAvailable() : ss.isEncryptionAvailable();
    if (!available) return { usable: false, reason: 'safeStorage says encryption is not available' };
    // Availability is a promise about the future; a round trip is a fact about now.
    const codec = codecFor(ss);
    // Stryker disable next-line StringLiteral: any text makes the round trip; a random one only avoids a constant
    const probe = `roster-probe-${randomBytes(6).toString('hex')}`;
    const back = await codec.decrypt(await codec.encrypt(probe));
    if (back.result !== probe)
      return { usable: false, reason: 'safeStorage did not decrypt what it encrypted' };
  } catch (err) {
    return { usable: false, reason: `safeStorage failed: ${messageOf(err)}` };
  }
  return { usable: true, backend: backend ?? process.platform };
}

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageLike;
  /** The app's data folder; the vault file is `<dataDir>/vault.json`. */
  dataDir: string;
  fileName?: string;
}

interface VaultFile {
  version: 1;
  backend: string;
  secrets: Map<string, string>;
}

function parseVaultFile(text: string): VaultFile | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { version, backend, secrets } = raw as Record<string, unknown>;
  if (version !== 1 || typeof backend !== 'string') return null;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return null;
  const map = new Map<string, string>();
  for (const [account, value] of Object.entries(secrets)) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return null;
    map.set(account, value);
  }
  return { version: 1, backend, secrets: map };
}

/**
 * A vault over safeStorage. It does not check usability: call `checkSafeStorage` first
 * (openVault does). A corrupt file makes `get` reject with VaultError 'corrupt'; `set` and
 * `delete` move the corrupt file aside (`vault.json.corrupt-<time>`) and start a fresh one, so
 * the user can sign in again instead of being stuck.
 */
export function createSafeStorageVault(options: SafeStorageVaultOptions): Vault {
  const ss = options.safeStorage;
  const file = join(options.dataDir, options.fileName ?? VAULT_FILE_NAME);
  const codec = codecFor(ss);
  const backend = selectedBackend(ss) ?? process.platform;

  // One operation at a time: a read-modify-write must not interleave with another.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  async function load(): Promise<VaultFile> {
    let text: string;
    try {
      // Stryker disable next-line StringLiteral: with no encoding readFile gives a Buffer, which JSON.parse reads as the same UTF-8 text
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { version: 1, backend, secrets: new Map() };
      throw new VaultError('unavailable', `The vault file could not be read: ${messageOf(err)}`, {
        cause: err,
      });
    }
    const parsed = parseVaultFile(text);
    if (!parsed) {
      throw new VaultError(
        'corrupt',
        `The vault file (${basename(file)} in the data folder) is damaged or was not written by Roster; the passwords saved in it cannot be used.`,
      );
    }
    return parsed;
  }

  async function loadForWrite(): Promise<VaultFile> {
    try {
      return await load();
    } catch (err) {
      if (!(err instanceof VaultError) || err.code !== 'corrupt') throw err;
      await rename(file, `${file}.corrupt-${Date.now()}`);
      return { version: 1, backend, secrets: new Map() };
    }
  }

  async function save(data: VaultFile): Promise<void> {
    const text = JSON.stringify({ version: 1, backend, secrets: Object.fromEntries(data.secrets) }, null, 2);
    try {
      await writeFileAtomic(file, text + '\n');
    } catch (err) {
      throw new VaultError('unavailable', `The vault file could not be written: ${messageOf(err)}`, {
        cause: err,
      });
    }
  }

  async function encrypt(secret: string): Promise<string> {
    try {
      return (await codec.encrypt(secret)).toString('base64');
    } catch (err) {
      throw new VaultError('unavailable', `safeStorage could not encrypt: ${messageOf(err)}`, { cause: err });
    }
  }

  return {
    kind: 'os',
    backend: `safeStorage:${backend}`,
    get(account) {
      return serial(async () => {
        checkAccount(account);
        const data = await load();
        const b64 = data.secrets.get(account);
        if (b64 === undefined) return null;
        let plain: { result: string; shouldReEncrypt: boolean };
        try {
          plain = await codec.decrypt(Buffer.from(b64, 'base64'));
        } catch (err) {
          const why =
            data.backend !== backend
              ? ` It was saved with the ${data.backend} key store; this run uses ${backend}.`
              : ' The OS key may have changed.';
          throw new VaultError('undecryptable', `The saved password could not be decrypted.${why}`, {
            cause: err,
          });
        }
        if (plain.shouldReEncrypt) {
          // The OS rotated its key: store the secret under the new one. Best effort: the
          // secret was read, so failing to refresh it must not fail the read.
          try {
            data.secrets.set(account, await encrypt(plain.result));
            await save(data);
          } catch {
            /* kept under the old key; decrypting it still works */
          }
        }
        return plain.result;
      });
    },
    set(account, secret) {
      return serial(async () => {
        checkAccount(account);
        checkSecret(secret);
        const cipher = await encrypt(secret);
        const data = await loadForWrite();
        data.secrets.set(account, cipher);
        await save(data);
      });
    },
    delete(account) {
      return serial(async () => {
        checkAccount(account);
        const data = await loadForWrite();
        if (!data.secrets.delete(account)) return;
        await save(data);
      });
    },
    accounts() {
      // A damaged file holds nothing usable; the next write moves it aside.
      return serial(async () => [...(await loadForWrite()).secrets.keys()]);
    },
  };
}
