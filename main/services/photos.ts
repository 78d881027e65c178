/**
 * Contact photos: GetUserPhoto (REST) at the size asked for, a disk cache per account, and the
 * answer the shells' photo routes send.
 *
 * - Cached entries are served from disk; an entry is revalidated with If-None-Match the first
 *   time it is shown after a start, then at most once per `revalidateAfterMs` (12 h)
 *   (photo-freshness.ts): a 304 keeps the bytes, so a restart with unchanged photos downloads
 *   nothing and a photo changed meanwhile is downloaded, alone. Photos are asked for as the
 *   renderer shows them, so the ones on screen are checked first, `maxParallel` at a time.
 * - "No photo" (404) is remembered for `negativeTtlMs`. A failed download (timed out, too large,
 *   not a picture, refused) is remembered in memory for `failureRetryMs` (10 min), so a photo that
 *   never finishes does not cost a wait on every view; then it is tried again.
 * - A download has `deadlineMs` (20 s) in all, well under the client's 60 s request timeout.
 * - At most `maxParallel` downloads at once; identical requests in flight share one download.
 * - Bytes are checked before use: the client caps the size while streaming (5 MB), then the image
 *   type from its magic bytes (JPEG, PNG, GIF, WebP), then the dimensions from sharp's metadata
 *   (4096×4096 at most, so a decompression bomb is refused). A refused answer is logged and
 *   treated as "no photo"; it is never cached.
 *
 * No Electron, no shell: the routes in main/shells/photo-route.ts call `serve`.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import type { PhotoSize } from '../../preload/contract';
import type { ExchangeClient } from '../exchange/client';
import { sniffImageType } from '../exchange/operations/photo';
import type { Logger } from '../log/logger';
import { openPhotoCache, type CachedPhoto, type PhotoCache } from '../store/photo-cache';
import { accountCacheDir } from '../store/contacts-snapshot';
import { photoCheck } from './photo-freshness';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_DIMENSION = 4096;
const HOUR = 3_600_000;
/** A whole photo download, connection to last byte, retries included. */
export const PHOTO_DEADLINE_MS = 20_000;
/** How long a failed photo is shown as "no photo" before it is tried again. */
export const PHOTO_FAILURE_RETRY_MS = 10 * 60_000;

export interface PhotoServiceDeps {
  /** The signed-in client, or null (session.client). */
  client: () => Pick<ExchangeClient, 'email' | 'getUserPhoto'> | null;
  /** The account the app is open on without a connection yet (opened from its cache), or null. */
  cachedAccount?: () => string | null;
  /** Caches go under dataDir/cache/<account hash>/photos; null keeps them in memory. */
  dataDir: string | null;
  log: Logger;
  now?: () => number;
  maxParallel?: number;
  maxBytes?: number;
  maxDimension?: number;
  revalidateAfterMs?: number;
  negativeTtlMs?: number;
  deadlineMs?: number;
  failureRetryMs?: number;
}

export interface PhotoAnswer {
  status: 200 | 304 | 404;
  body?: Buffer;
  contentType?: string;
  /** Our validator for the bytes (quoted), for ETag / If-None-Match with the renderer. */
  etag?: string;
}

export interface PhotoStats {
  /** Photo bytes received from the server (accepted answers). */
  bytesDownloaded: number;
  /** GetUserPhoto requests sent. */
  requests: number;
  /** Of those, answered 304. */
  notModified: number;
  /** Answers refused (too large, not an image, too many pixels) or failed. */
  refused: number;
  /** serve() answered from the cache without asking the server. */
  cacheHits: number;
}

export interface PhotoService {
  serve(email: string, size: PhotoSize, ifNoneMatch?: string): Promise<PhotoAnswer>;
  stats(): PhotoStats;
  /** Deletes an account's photos (sign-out). */
  clear(account: string): Promise<void>;
}

/** JPEG, PNG, GIF or WebP from the first bytes; undefined otherwise (the client's one check). */
export const imageType = sniffImageType;

/** Why the bytes are refused, or null when they are a usable picture. */
export async function checkPhotoBytes(
  bytes: Buffer,
  limits: { maxBytes: number; maxDimension: number },
): Promise<{ contentType: string } | { refused: string }> {
  if (bytes.length > limits.maxBytes) return { refused: 'too large' };
  const contentType = imageType(bytes);
  if (!contentType) return { refused: 'not an image' };
  try {
    const meta = await sharp(bytes, {
      limitInputPixels: limits.maxDimension * limits.maxDimension,
      failOn: 'error',
    }).metadata();
    const w = meta.width;
    const h = meta.height;
    if (!w || !h) return { refused: 'no dimensions' };
    if (w > limits.maxDimension || h > limits.maxDimension) return { refused: `too many pixels (${w}×${h})` };
  } catch {
    return { refused: 'undecodable' };
  }
  return { contentType };
}

/** Does an If-None-Match header name this ETag? */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (s: string): string => s.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === etag);
}

function semaphore(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

type Obtained = { body: Buffer; contentType: string; hash: string } | null;

export function createPhotoService(deps: PhotoServiceDeps): PhotoService {
  const log = deps.log;
  const now = deps.now ?? Date.now;
  const maxBytes = deps.maxBytes ?? PHOTO_MAX_BYTES;
  const maxDimension = deps.maxDimension ?? PHOTO_MAX_DIMENSION;
  const revalidateAfter = deps.revalidateAfterMs ?? 12 * HOUR;
  const negativeTtl = deps.negativeTtlMs ?? HOUR;
  const deadlineMs = deps.deadlineMs ?? PHOTO_DEADLINE_MS;
  const failureRetry = deps.failureRetryMs ?? PHOTO_FAILURE_RETRY_MS;
  /** account\nemail\nsize → when a failed photo may be tried again (memory only, like the session). */
  const failedUntil = new Map<string, number>();
  const failureKey = (account: string, email: string, size: PhotoSize): string =>
    `${account}\n${email}\n${size}`;
  const remember = (key: string): void => {
    if (failedUntil.size >= 10_000) failedUntil.clear(); // bounded: forgetting only costs a retry
    failedUntil.set(key, now() + failureRetry);
  };
  const limit = semaphore(Math.max(1, deps.maxParallel ?? 4));
  const caches = new Map<string, PhotoCache>();
  const inflight = new Map<string, Promise<Obtained>>();
  /** Bumped by clear(account): a download that started before never writes after. */
  const epochs = new Map<string, number>();
  const writes = new Set<Promise<unknown>>();
  const epochOf = (account: string): number => epochs.get(account) ?? 0;
  /** Runs a cache write unless the account was cleared meanwhile; clear() waits for running ones. */
  const write = <T>(account: string, epoch: number, fn: () => Promise<T>): Promise<T | null> => {
    if (epochOf(account) !== epoch) return Promise.resolve(null);
    const p = fn();
    writes.add(p);
    void p.then(
      () => writes.delete(p),
      () => writes.delete(p),
    );
    return p;
  };
  /** account\nemail\nsize of the entries Exchange confirmed since this start (memory only). */
  const checkedThisRun = new Set<string>();
  const confirmed = (key: string): void => {
    if (checkedThisRun.size >= 20_000) checkedThisRun.clear(); // bounded: forgetting costs a 304
    checkedThisRun.add(key);
  };
  const stats: PhotoStats = { bytesDownloaded: 0, requests: 0, notModified: 0, refused: 0, cacheHits: 0 };

  const cacheFor = (account: string): PhotoCache => {
    let c = caches.get(account);
    if (!c) {
      c = openPhotoCache(deps.dataDir ? join(accountCacheDir(deps.dataDir, account), 'photos') : null);
      caches.set(account, c);
    }
    return c;
  };

  const asObtained = (c: CachedPhoto | null): Obtained =>
    c?.meta.kind === 'photo' && c.body && c.meta.hash
      ? { body: c.body, contentType: c.meta.contentType ?? 'image/jpeg', hash: c.meta.hash }
      : null;

  async function obtain(
    client: Pick<ExchangeClient, 'getUserPhoto'>,
    account: string,
    email: string,
    size: PhotoSize,
  ): Promise<Obtained> {
    const epoch = epochOf(account);
    const cache = cacheFor(account);
    const cached = await cache.get(email, size).catch(() => null);
    /** The entry's key, for the failure memory and this start's confirmations. */
    const failure = failureKey(account, email, size);
    const rules = {
      now: now(),
      revalidateAfterMs: revalidateAfter,
      negativeTtlMs: negativeTtl,
      checkedThisRun: checkedThisRun.has(failure),
    };
    if (cached && photoCheck(cached.meta, rules) === 'use') {
      stats.cacheHits++;
      return asObtained(cached);
    }
    const held = cached?.meta.kind === 'photo' ? cached : null;
    const retryAt = failedUntil.get(failure);
    if (retryAt !== undefined) {
      if (now() < retryAt) return asObtained(held);
      failedUntil.delete(failure);
    }
    let result: Awaited<ReturnType<ExchangeClient['getUserPhoto']>>;
    try {
      result = await limit(async () => {
        stats.requests++;
        // One deadline for the whole download (connection, headers, every byte, any retry).
        const deadline = AbortSignal.timeout(deadlineMs);
        try {
          return await client.getUserPhoto(email, {
            size,
            maxBytes,
            timeoutMs: deadlineMs,
            signal: deadline,
            ...(held?.meta.etag ? { etag: held.meta.etag } : {}),
          });
        } catch (err) {
          if (deadline.aborted)
            throw new Error(`the photo did not arrive within ${Math.round(deadlineMs / 1000)} s`, {
              cause: err,
            });
          throw err;
        }
      });
    } catch (err) {
      stats.refused++;
      remember(failure);
      log.warn('a photo could not be fetched; shown as no photo until it is tried again', {
        size,
        retryInMs: failureRetry,
        err,
      });
      return asObtained(held); // a copy we already checked beats none
    }
    const at = now();
    if (result.status === 'not-modified') {
      stats.notModified++;
      confirmed(failure);
      if (!held) return null;
      await write(account, epoch, () => cache.touch(email, size, at)).catch(() => undefined);
      return asObtained(held);
    }
    if (result.status === 'none') {
      confirmed(failure);
      await write(account, epoch, () => cache.putNone(email, size, at)).catch(() => undefined);
      return null;
    }
    stats.bytesDownloaded += result.bytes.length;
    const verdict = await checkPhotoBytes(result.bytes, { maxBytes, maxDimension });
    if ('refused' in verdict) {
      stats.refused++;
      remember(failure);
      log.warn('a photo was refused; shown as no photo', { size, reason: verdict.refused });
      return null;
    }
    confirmed(failure);
    const entry = {
      bytes: result.bytes,
      contentType: verdict.contentType,
      ...(result.etag ? { etag: result.etag } : {}),
    };
    const stored = await write(account, epoch, () => cache.putPhoto(email, size, entry, at)).catch(
      (err: unknown) => {
        log.warn('caching a photo failed', { err });
        return null;
      },
    );
    return stored ? asObtained(stored) : null;
  }

  return {
    async serve(email, size, ifNoneMatch) {
      const client = deps.client();
      if (!client) {
        // Opened from the cache, not yet connected (or offline): the photos we already have.
        const account = deps.cachedAccount?.();
        if (!account) return { status: 404 };
        const photo = asObtained(
          await cacheFor(account)
            .get(email.trim().toLowerCase(), size)
            .catch(() => null),
        );
        if (!photo) return { status: 404 };
        stats.cacheHits++;
        const etag = `"${photo.hash}"`;
        if (etagMatches(ifNoneMatch, etag)) return { status: 304, etag };
        return { status: 200, body: photo.body, contentType: photo.contentType, etag };
      }
      const account = client.email.trim().toLowerCase();
      const key = `${account}\n${email.trim().toLowerCase()}\n${size}`;
      let p = inflight.get(key);
      if (!p) {
        p = obtain(client, account, email.trim().toLowerCase(), size).finally(() => inflight.delete(key));
        inflight.set(key, p);
      }
      const photo = await p;
      if (!photo || deps.client() !== client) return { status: 404 };
      const etag = `"${photo.hash}"`;
      if (etagMatches(ifNoneMatch, etag)) return { status: 304, etag };
      return { status: 200, body: photo.body, contentType: photo.contentType, etag };
    },
    stats: () => ({ ...stats }),
    async clear(account) {
      const a = account.trim().toLowerCase();
      epochs.set(a, epochOf(a) + 1);
      for (const k of failedUntil.keys()) if (k.startsWith(`${a}\n`)) failedUntil.delete(k);
      for (const k of checkedThisRun) if (k.startsWith(`${a}\n`)) checkedThisRun.delete(k);
      await Promise.allSettled([...writes]);
      const c = cacheFor(a);
      caches.delete(a);
      await c.clear().catch((err: unknown) => log.warn('deleting cached photos failed', { err }));
    },
  };
}
