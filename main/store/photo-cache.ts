/**
 * Contact photos on disk, per account: dataDir/cache/<account hash>/photos/. One entry per address
 * and size: `<key>.json` (what the server said: its ETag, the type, when it was last checked, or
 * that there is no photo) and `<key>.bin` (the bytes). File names are hashes, never addresses.
 * Writes are atomic; an entry whose files disagree or do not parse is treated as absent.
 * With no folder (tests), entries live in memory.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from './atomic-file';

export const PHOTO_CACHE_VERSION = 1;

const Meta = z.object({
  v: z.literal(PHOTO_CACHE_VERSION),
  kind: z.enum(['photo', 'none']),
  /** The server's ETag (If-None-Match on revalidation). */
  etag: z.string().max(1024).optional(),
  contentType: z.string().max(100).optional(),
  /** Our own validator for the bytes (served to the renderer as ETag). */
  hash: z.string().max(128).optional(),
  bytes: z.number().int().nonnegative().optional(),
  /** When the server last confirmed this entry (ms since the epoch). */
  checkedAt: z.number(),
});
export type PhotoCacheMeta = z.infer<typeof Meta>;

export interface CachedPhoto {
  meta: PhotoCacheMeta;
  /** Present for kind `photo`. */
  body?: Buffer;
}

export interface PhotoCache {
  get(email: string, size: string): Promise<CachedPhoto | null>;
  putPhoto(
    email: string,
    size: string,
    photo: { bytes: Buffer; contentType: string; etag?: string },
    checkedAt: number,
  ): Promise<CachedPhoto>;
  putNone(email: string, size: string, checkedAt: number): Promise<void>;
  /** The server confirmed the entry (304): only its check time changes. */
  touch(email: string, size: string, checkedAt: number): Promise<void>;
  /** Deletes every entry (sign-out). */
  clear(): Promise<void>;
}

export function photoKey(email: string, size: string): string {
  return createHash('sha256').update(`${email.trim().toLowerCase()}\n${size}`).digest('hex').slice(0, 40);
}

export function bytesHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
}

function photoMeta(
  photo: { bytes: Buffer; contentType: string; etag?: string },
  checkedAt: number,
): PhotoCacheMeta {
  return {
    v: PHOTO_CACHE_VERSION,
    kind: 'photo',
    ...(photo.etag ? { etag: photo.etag } : {}),
    contentType: photo.contentType,
    hash: bytesHash(photo.bytes),
    bytes: photo.bytes.length,
    checkedAt,
  };
}

export function openPhotoCache(dir: string | null): PhotoCache {
  if (!dir) {
    const memory = new Map<string, CachedPhoto>();
    return {
      get: (email, size) => Promise.resolve(memory.get(photoKey(email, size)) ?? null),
      putPhoto: (email, size, photo, checkedAt) => {
        const entry = { meta: photoMeta(photo, checkedAt), body: Buffer.from(photo.bytes) };
        memory.set(photoKey(email, size), entry);
        return Promise.resolve(entry);
      },
      putNone: (email, size, checkedAt) => {
        memory.set(photoKey(email, size), { meta: { v: PHOTO_CACHE_VERSION, kind: 'none', checkedAt } });
        return Promise.resolve();
      },
      touch: (email, size, checkedAt) => {
        const e = memory.get(photoKey(email, size));
        if (e) e.meta = { ...e.meta, checkedAt };
        return Promise.resolve();
      },
      clear: () => {
        memory.clear();
        return Promise.resolve();
      },
    };
  }
  const metaPath = (key: string): string => join(dir, `${key}.json`);
  const binPath = (key: string): string => join(dir, `${key}.bin`);

  async function readMeta(key: string): Promise<PhotoCacheMeta | null> {
    try {
      const text = await readTextIfExists(metaPath(key));
      return text === null ? null : Meta.parse(JSON.parse(text));
    } catch {
      return null;
    }
  }

  return {
    async get(email, size) {
      const key = photoKey(email, size);
      const meta = await readMeta(key);
      if (!meta) return null;
      if (meta.kind === 'none') return { meta };
      const body = await readFile(binPath(key)).catch(() => null);
      if (!body || body.length !== meta.bytes) return null;
      return { meta, body };
    },
    async putPhoto(email, size, photo, checkedAt) {
      const key = photoKey(email, size);
      const meta = photoMeta(photo, checkedAt);
      await writeFileAtomic(binPath(key), photo.bytes);
      await writeFileAtomic(metaPath(key), JSON.stringify(meta));
      return { meta, body: photo.bytes };
    },
    async putNone(email, size, checkedAt) {
      const key = photoKey(email, size);
      const meta: PhotoCacheMeta = { v: PHOTO_CACHE_VERSION, kind: 'none', checkedAt };
      await writeFileAtomic(metaPath(key), JSON.stringify(meta));
      await rm(binPath(key), { force: true });
    },
    async touch(email, size, checkedAt) {
      const key = photoKey(email, size);
      const meta = await readMeta(key);
      if (meta) await writeFileAtomic(metaPath(key), JSON.stringify({ ...meta, checkedAt }));
    },
    async clear() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
