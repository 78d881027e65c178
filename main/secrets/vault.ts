/**
 * The vault: where Roster keeps a user's Exchange password (or token) between runs.
 *
 * Three implementations, chosen once at start by `openVault` (open.ts):
 * - Electron's safeStorage, handed in by the Electron shell (safe-storage.ts), kind 'os';
 * - the OS keyring through @napi-rs/keyring, in plain Node (keyring.ts), kind 'os';
 * - memory, for this run only (memory.ts), kind 'session': tests, and the honest fallback
 *   when the machine has no key store, so the UI can say "kept for this session only".
 *
 * There is no plaintext-on-disk implementation, on purpose.
 */

export type VaultKind = 'os' | 'session';

export interface Vault {
  /** 'os': survives a restart, protected by the operating system. 'session': this run only. */
  readonly kind: VaultKind;
  /** Which store holds the secrets, for diagnostics: 'safeStorage:gnome_libsecret', 'keyring:secret-service', 'memory'… */
  readonly backend: string;
  /** The secret saved for this account, or null when there is none. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Forgets the account's secret; forgetting one that is not there is not an error. */
  delete(account: string): Promise<void>;
  /** Every account with a secret saved (sign-out forgets them all, whoever saved them). */
  accounts(): Promise<string[]>;
}

/** The service name the secrets are filed under in the OS key store. */
export const DEFAULT_SERVICE = 'Roster';

export type VaultErrorCode =
  /** The store cannot be used (no key store, locked, native module missing). */
  | 'unavailable'
  /** The vault file is not what Roster wrote. */
  | 'corrupt'
  /** A saved secret could not be decrypted (the OS key changed, or another backend wrote it). */
  | 'undecryptable'
  /** An empty account name or secret. */
  | 'bad-input';

/**
 * A vault failure. It carries the `kind` + `message` shape that main/errors.ts's `toRosterError`
 * keeps across the process boundary, so a service may rethrow it as is. Messages never hold a
 * secret (they are built here, not copied from callers).
 */
export class VaultError extends Error {
  readonly code: VaultErrorCode;
  readonly kind: 'unavailable' | 'bad-input';

  constructor(code: VaultErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VaultError';
    this.code = code;
    this.kind = code === 'bad-input' ? 'bad-input' : 'unavailable';
  }
}

/** The same input rules for every vault, so a test against memory says something about the others. */
export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0 || account.length > 1024) {
    throw new VaultError('bad-input', 'The vault needs an account name (1 to 1024 characters).');
  }
}

export function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new VaultError('bad-input', 'The vault does not store an empty secret; delete the entry instead.');
  }
}

/** An error's message without trusting its type; for wrapping native or fs failures. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
