/**
 * The per-account cache folders as a whole: dataDir/cache/<account hash>/ (contact snapshot,
 * photos). Switching accounts keeps only the new account's folder; signing out keeps none. The
 * folder is enumerated, so caches left by an earlier run, a crash or an older version go too.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { accountHash } from './contacts-snapshot';

/** Deletes the cache folder of every account but `keep` (of every account when `keep` is omitted). */
export async function removeAccountCaches(dataDir: string, keep?: string): Promise<void> {
  const root = join(dataDir, 'cache');
  if (keep === undefined) {
    await rm(root, { recursive: true, force: true });
    return;
  }
  const mine = accountHash(keep);
  const names = await readdir(root).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  });
  await Promise.all(
    names.filter((n) => n !== mine).map((n) => rm(join(root, n), { recursive: true, force: true })),
  );
}
