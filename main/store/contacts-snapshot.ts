/**
 * The contact list on disk, one file per account: dataDir/cache/<hash of the address>/contacts.json.
 * Written atomically (temp file, then rename), versioned, checked with the contract's schema when
 * read back; a file that does not parse or does not match is ignored (and the next save replaces it).
 * With no data folder (tests), snapshots live in memory.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ContactList } from '../../preload/contract';
import { readTextIfExists, writeFileAtomic } from './atomic-file';

export const SNAPSHOT_VERSION = 1;

/** The folder name for an account's caches: never the address itself (no personal data in paths). */
export function accountHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/** dataDir/cache/<account hash>: the snapshot and the photos of one account. */
export function accountCacheDir(dataDir: string, email: string): string {
  return join(dataDir, 'cache', accountHash(email));
}

const SnapshotFile = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  account: z.string(),
  savedAt: z.string(),
  list: ContactList,
});

export interface ContactsSnapshotStore {
  /** The saved list (marked fromCache, not offline), or null when none or unreadable. */
  load(email: string): Promise<ContactList | null>;
  save(email: string, list: ContactList): Promise<void>;
  remove(email: string): Promise<void>;
}

export function snapshotPath(dataDir: string, email: string): string {
  return join(accountCacheDir(dataDir, email), 'contacts.json');
}

function asCached(list: ContactList): ContactList {
  return { ...list, fromCache: true, offline: false };
}

export function openContactsSnapshot(
  dataDir: string | null,
  onCorrupt?: (email: string, err: unknown) => void,
): ContactsSnapshotStore {
  if (!dataDir) {
    const memory = new Map<string, ContactList>();
    const key = (e: string): string => e.trim().toLowerCase();
    return {
      load: (email) => {
        const l = memory.get(key(email));
        return Promise.resolve(l ? asCached(structuredClone(l)) : null);
      },
      save: (email, list) => {
        memory.set(key(email), structuredClone(list));
        return Promise.resolve();
      },
      remove: (email) => {
        memory.delete(key(email));
        return Promise.resolve();
      },
    };
  }
  return {
    async load(email) {
      const text = await readTextIfExists(snapshotPath(dataDir, email)).catch((err: unknown) => {
        onCorrupt?.(email, err);
        return null;
      });
      if (text === null) return null;
      try {
        const file = SnapshotFile.parse(JSON.parse(text));
        if (file.account.toLowerCase() !== email.trim().toLowerCase()) return null;
        return asCached(file.list);
      } catch (err) {
        onCorrupt?.(email, err);
        return null;
      }
    },
    async save(email, list) {
      const file: z.infer<typeof SnapshotFile> = {
        version: SNAPSHOT_VERSION,
        account: email.trim().toLowerCase(),
        savedAt: new Date().toISOString(),
        list: { ...list, fromCache: false, offline: false },
      };
      await writeFileAtomic(snapshotPath(dataDir, email), JSON.stringify(file));
    },
    async remove(email) {
      await rm(snapshotPath(dataDir, email), { force: true });
    },
  };
}
