/**
 * "Tell me when free" tags, one file per account beside its other caches
 * (dataDir/cache/<account hash>/presence-alerts.json), so they survive a restart and go with the
 * account's caches at sign-out. A file that does not parse is ignored: losing a tag is better than
 * not starting.
 */
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from './atomic-file';
import { accountCacheDir } from './contacts-snapshot';

const AlertsFile = z.object({ version: z.literal(1), emails: z.array(z.string().max(320)).max(1000) });

export interface PresenceAlertStore {
  load(account: string): Promise<string[]>;
  save(account: string, emails: readonly string[]): Promise<void>;
  remove(account: string): Promise<void>;
}

export function openPresenceAlertStore(
  dataDir: string | null,
  onCorrupt?: (err: unknown) => void,
): PresenceAlertStore {
  if (!dataDir) {
    const memory = new Map<string, string[]>();
    const key = (a: string): string => a.trim().toLowerCase();
    return {
      load: (a) => Promise.resolve([...(memory.get(key(a)) ?? [])]),
      save: (a, emails) => Promise.resolve(void memory.set(key(a), [...emails])),
      remove: (a) => Promise.resolve(void memory.delete(key(a))),
    };
  }
  const path = (a: string): string => join(accountCacheDir(dataDir, a), 'presence-alerts.json');
  return {
    async load(account) {
      const text = await readTextIfExists(path(account));
      if (text === null) return [];
      try {
        return AlertsFile.parse(JSON.parse(text)).emails;
      } catch (err) {
        onCorrupt?.(err);
        return [];
      }
    },
    save: (account, emails) =>
      writeFileAtomic(path(account), JSON.stringify({ version: 1, emails: [...emails] })),
    remove: (account) => rm(path(account), { force: true }),
  };
}
