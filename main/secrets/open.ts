/**
 * Chooses the vault once at start:
 *   1. Electron's safeStorage, when the Electron shell handed it in and it has a real key store;
 *   2. the OS keyring (@napi-rs/keyring), when a probe entry can be written, read and deleted;
 *   3. memory (kind 'session'): the UI says "kept for this session only".
 * `preferKeyring` swaps 1 and 2. Never plaintext on disk. Every refusal is logged with its
 * reason, so a diagnostics bundle shows why a user's password is not remembered.
 */
import { randomBytes } from 'node:crypto';
import { createKeyringVault, type KeyringLoader } from './keyring';
import { createMemoryVault } from './memory';
import { checkSafeStorage, createSafeStorageVault, type SafeStorageLike } from './safe-storage';
import { DEFAULT_SERVICE, messageOf, type Vault } from './vault';

/** The logging openVault needs; main/log's Logger fits. */
export interface VaultLog {
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
}

export interface OpenVaultOptions {
  /** Electron's safeStorage, handed in by the Electron shell only. */
  safeStorage?: SafeStorageLike | null;
  /** The app's data folder (safeStorage's vault file lives there). */
  dataDir: string;
  /** Try the OS keyring before safeStorage. */
  preferKeyring?: boolean;
  /** Service name in the OS keyring. Default "Roster". */
  service?: string;
  log?: VaultLog;
  /** How @napi-rs/keyring is loaded (tests); false skips the OS keyring altogether. */
  keyring?: KeyringLoader | false;
  /** A locked keyring may wait on a prompt nobody sees: give up on the probe after this. Default 5 s. */
  probeTimeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Writes, reads back and deletes a random entry; resolves only if all three worked. */
export async function probeVault(vault: Vault, timeoutMs = 5000): Promise<void> {
  const account = `roster-probe-${randomBytes(6).toString('hex')}`;
  const value = randomBytes(12).toString('hex');
  await withTimeout(
    (async () => {
      await vault.set(account, value);
      try {
        const back = await vault.get(account);
        if (back !== value) throw new Error('the probe entry did not read back');
      } finally {
        await vault.delete(account);
      }
      if ((await vault.get(account)) !== null) throw new Error('the probe entry was not deleted');
    })(),
    timeoutMs,
    `${vault.backend} probe`,
  );
}

type Candidate = { name: string; open: () => Promise<Vault | string> };

export async function openVault(options: OpenVaultOptions): Promise<Vault> {
  const log = options.log;
  const timeoutMs = options.probeTimeoutMs ?? 5000;

  const safeStorageCandidate: Candidate = {
    name: 'safeStorage',
    open: async () => {
      const ss = options.safeStorage;
      if (!ss) return 'not handed in (not running in Electron)';
      const check = await checkSafeStorage(ss);
      if (!check.usable) return check.reason;
      return createSafeStorageVault({ safeStorage: ss, dataDir: options.dataDir });
    },
  };

  const keyringCandidate: Candidate = {
    name: 'OS keyring',
    open: async () => {
      if (options.keyring === false) return 'turned off';
      try {
        const vault = await createKeyringVault({
          service: options.service ?? DEFAULT_SERVICE,
          ...(options.keyring ? { load: options.keyring } : {}),
        });
        await probeVault(vault, timeoutMs);
        return vault;
      } catch (err) {
        return messageOf(err);
      }
    },
  };

  const order = options.preferKeyring
    ? [keyringCandidate, safeStorageCandidate]
    : [safeStorageCandidate, keyringCandidate];
  const refused: Record<string, string> = {};
  for (const candidate of order) {
    let outcome: Vault | string;
    try {
      outcome = await candidate.open();
    } catch (err) {
      outcome = messageOf(err);
    }
    if (typeof outcome !== 'string') {
      log?.info('vault: secrets kept in the OS key store', { backend: outcome.backend });
      return outcome;
    }
    refused[candidate.name] = outcome;
  }
  log?.warn('vault: no OS key store; secrets kept in memory for this session only', { refused });
  return createMemoryVault();
}
