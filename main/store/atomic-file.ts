/** Files that are either the old version or the new one, never half of each: temp file, then rename. */
import { chmod, mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { mode, flush: true });
    await rename(tmp, path);
    // Created with `mode` already; said again in case the file system ignored the creation mode.
    await chmod(path, mode);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The file's text, or null when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * A JSON file read at start: `{ value }`, or null when it is missing, unreadable (a folder in its
 * place, no permission, a disk fault) or not JSON. Only a missing file is normal; the other two
 * are told to `onCorrupt`, so the caller can fall back and the log says why.
 */
export async function readJsonIfUsable(
  path: string,
  onCorrupt?: (err: unknown) => void,
): Promise<{ value: unknown } | null> {
  let text: string | null;
  try {
    text = await readTextIfExists(path);
  } catch (err) {
    onCorrupt?.(err);
    return null;
  }
  if (text === null) return null;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    onCorrupt?.(err);
    return null;
  }
}

/** A small JSON document kept in memory and written through (settings.json, features.json). */
export interface JsonDocument<T> {
  get: () => T;
  /** Replaces it and writes it; writes run in order, and a failed write does not block the next. */
  replace: (next: T) => Promise<T>;
}

/**
 * Opens `name` in `dataDir` (or keeps it in memory only, with no data folder): what is saved goes
 * through `sanitize`, so a file from an older version or edited by hand never stops the app.
 */
export async function openJsonDocument<T extends object>(
  dataDir: string | null,
  name: string,
  sanitize: (raw: unknown) => T,
  onCorrupt?: (err: unknown) => void,
): Promise<JsonDocument<T>> {
  const file = dataDir ? join(dataDir, name) : null;
  let current = sanitize(undefined);
  if (file) {
    const saved = await readJsonIfUsable(file, onCorrupt);
    if (saved) current = sanitize(saved.value);
  }
  let writing = Promise.resolve();
  return {
    get: () => ({ ...current }),
    async replace(next) {
      current = next;
      const snapshot = JSON.stringify(current, null, 2);
      if (file) {
        writing = writing.catch(() => undefined).then(() => writeFileAtomic(file, snapshot));
        await writing;
      }
      return { ...current };
    },
  };
}
