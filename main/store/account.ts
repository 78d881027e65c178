/**
 * The remembered account: what silent sign-in needs besides the password (which only the vault
 * holds). Nothing here is secret: address, server URL, user name form, auth method.
 */
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { AuthMethod } from '../../preload/contract';
import { readJsonIfUsable, writeFileAtomic } from './atomic-file';

export const RememberedAccount = z.object({
  email: z.string(),
  username: z.string().optional(),
  authMethod: AuthMethod,
  /** The EWS URL found last time (or given in Advanced); autodiscover runs again if it fails. */
  ewsUrl: z.string().optional(),
  /** Given by hand in Advanced, so autodiscover is skipped. */
  ewsUrlGiven: z.boolean().default(false),
  demo: z.boolean().default(false),
  /** Shown at the next start while the connection is made (the app opens from its cache). */
  displayName: z.string().optional(),
  serverVersion: z.string().optional(),
  /** Autodiscover redirect hosts outside the domain that the user allowed. */
  allowRedirectHosts: z.array(z.string()).optional(),
});
export type RememberedAccount = z.infer<typeof RememberedAccount>;

export interface AccountStore {
  load(): Promise<RememberedAccount | null>;
  save(account: RememberedAccount): Promise<void>;
  clear(): Promise<void>;
}

/**
 * `onCorrupt` is told when account.json is unreadable, not JSON or not an account: silent sign-in
 * is then skipped (the user signs in again, which replaces the file).
 */
export function openAccountStore(dataDir: string | null, onCorrupt?: (err: unknown) => void): AccountStore {
  if (!dataDir) {
    let memory: RememberedAccount | null = null;
    return {
      load: () => Promise.resolve(memory),
      save: (a) => Promise.resolve(void (memory = a)),
      clear: () => Promise.resolve(void (memory = null)),
    };
  }
  const file = join(dataDir, 'account.json');
  return {
    async load() {
      const saved = await readJsonIfUsable(file, onCorrupt);
      if (!saved) return null;
      const parsed = RememberedAccount.safeParse(saved.value);
      if (!parsed.success) onCorrupt?.(parsed.error);
      return parsed.success ? parsed.data : null;
    },
    save: (account) => writeFileAtomic(file, JSON.stringify(account, null, 2)),
    clear: () => rm(file, { force: true }),
  };
}

/** Certificates the user chose to trust, per host, by SHA-256 fingerprint. */
export interface TrustStore {
  pins(): Promise<Record<string, string[]>>;
  trust(host: string, fingerprint256: string): Promise<void>;
}

/**
 * `onCorrupt` is told when the file is unreadable, not JSON or of the wrong shape: it then holds no
 * pins (a pinned server asks again, and trusting it again replaces the file), so a damaged file
 * can never make sign-in itself fail.
 */
export function openTrustStore(dataDir: string | null, onCorrupt?: (err: unknown) => void): TrustStore {
  const file = dataDir ? join(dataDir, 'trusted-certificates.json') : null;
  let memory: Record<string, string[]> = {};
  const read = async (): Promise<Record<string, string[]>> => {
    if (!file) return memory;
    const saved = await readJsonIfUsable(file, onCorrupt);
    if (!saved) return {};
    const parsed = z.record(z.string(), z.array(z.string())).safeParse(saved.value);
    if (!parsed.success) onCorrupt?.(parsed.error);
    return parsed.success ? parsed.data : {};
  };
  return {
    pins: read,
    async trust(host, fingerprint256) {
      const all = await read();
      const key = host.toLowerCase();
      all[key] = [...new Set([...(all[key] ?? []), fingerprint256.toUpperCase()])];
      memory = all;
      if (file) await writeFileAtomic(file, JSON.stringify(all, null, 2));
    },
  };
}
