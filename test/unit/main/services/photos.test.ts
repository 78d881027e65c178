import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExchangeClient, type ExchangeClient } from '../../../../main/exchange/client';
import type { PhotoResult } from '../../../../main/exchange/operations/photo';
import { createLogger } from '../../../../main/log/logger';
import {
  checkPhotoBytes,
  createPhotoService,
  etagMatches,
  imageType,
  PHOTO_DEADLINE_MS,
  PHOTO_FAILURE_RETRY_MS,
  type PhotoServiceDeps,
} from '../../../../main/services/photos';

const log = createLogger({ level: 'error' });
const ME = 'me@contoso.test';
let jpeg: Buffer;
let png: Buffer;

/** A PNG whose header claims width × height (a decompression bomb's calling card). */
function pngClaiming(width: number, height: number): Buffer {
  const b = Buffer.from(png);
  // IHDR data starts at 16 (8 signature + 4 length + 4 type); CRC covers type + data (17 bytes).
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt32BE(crc32(b.subarray(12, 29)), 29);
  return b;
}

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer();
  png = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#aa3366' } })
    .png()
    .toBuffer();
});

// ---------------------------------------------------------------------------------------------
// A local photo server, reached through the real EWS client (REST GetUserPhoto).
// ---------------------------------------------------------------------------------------------

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
let handler: Handler;
let server: ReturnType<typeof createServer>;
let base: string;
let hits: Array<{ email: string; size: string; ifNoneMatch: string | undefined }>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push({
      email: url.searchParams.get('email') ?? '',
      size: url.searchParams.get('size') ?? '',
      ifNoneMatch: req.headers['if-none-match'],
    });
    handler(req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

let dir: string;
let client: ExchangeClient;
beforeEach(async () => {
  hits = [];
  dir = await mkdtemp(join(tmpdir(), 'roster-photos-'));
  client = createExchangeClient({
    ewsUrl: base,
    email: ME,
    credentials: { method: 'basic', username: ME, password: 'pw' },
    auth: { allowBasicOverHttp: true },
    retry: { maxAttempts: 1 },
  });
  handler = (_req, res) => {
    res.writeHead(404);
    res.end();
  };
});
afterEach(async () => {
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

const service = (over: Partial<PhotoServiceDeps> = {}) =>
  createPhotoService({ client: () => client, dataDir: dir, log, ...over });

const serveEtagged: Handler = (req, res) => {
  if (req.headers['if-none-match'] === '"v1"') {
    res.writeHead(304, { etag: '"v1"' });
    return res.end();
  }
  res.writeHead(200, { 'content-type': 'image/jpeg', etag: '"v1"', 'content-length': jpeg.length });
  res.end(jpeg);
};

describe('PhotoService over REST GetUserPhoto', () => {
  it('downloads once, then serves from the disk cache: a second start asks with the ETag and downloads 0 bytes', async () => {
    handler = serveEtagged;
    const first = service();
    const a = await first.serve('Helene@Contoso.test', 'HR96x96');
    expect(a.status).toBe(200);
    expect(a.contentType).toBe('image/jpeg');
    expect(a.body?.equals(jpeg)).toBe(true);
    expect(hits).toEqual([{ email: 'helene@contoso.test', size: 'HR96x96', ifNoneMatch: undefined }]);
    expect(first.stats().bytesDownloaded).toBe(jpeg.length);

    const second = service(); // a new run over the same folder
    const b = await second.serve('helene@contoso.test', 'HR96x96');
    expect(b.status).toBe(200);
    expect(b.body?.equals(jpeg)).toBe(true);
    expect(b.etag).toBe(a.etag);
    expect(hits).toHaveLength(2);
    expect(hits[1]).toEqual({ email: 'helene@contoso.test', size: 'HR96x96', ifNoneMatch: '"v1"' });
    expect(second.stats()).toMatchObject({ bytesDownloaded: 0, requests: 1, notModified: 1 });
    // Confirmed for this start: shown again, it is not asked again.
    await second.serve('helene@contoso.test', 'HR96x96');
    expect(hits).toHaveLength(2);
  });

  it('a start notices a changed photo and fetches it alone; an unchanged one costs a 304', async () => {
    const version = new Map([
      ['helene@contoso.test', { etag: '"h1"', bytes: jpeg }],
      ['yann@contoso.test', { etag: '"y1"', bytes: jpeg }],
    ]);
    handler = (req, res, url) => {
      const v = version.get(url.searchParams.get('email') ?? '');
      if (!v) return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === v.etag) return void res.writeHead(304, { etag: v.etag }).end();
      res.writeHead(200, { 'content-type': 'image/png', etag: v.etag, 'content-length': v.bytes.length });
      res.end(v.bytes);
    };
    const first = service();
    await first.serve('helene@contoso.test', 'HR96x96');
    await first.serve('yann@contoso.test', 'HR96x96');
    version.set('yann@contoso.test', { etag: '"y2"', bytes: png }); // Yann changes his photo
    hits = [];
    const next = service(); // the next start, minutes later
    const h = await next.serve('helene@contoso.test', 'HR96x96');
    const y = await next.serve('yann@contoso.test', 'HR96x96');
    expect(h.body?.equals(jpeg)).toBe(true);
    expect(y.body?.equals(png)).toBe(true);
    expect(y.contentType).toBe('image/png');
    expect(hits.map((x) => x.ifNoneMatch)).toEqual(['"h1"', '"y1"']);
    expect(next.stats()).toMatchObject({ requests: 2, notModified: 1, bytesDownloaded: png.length });
    // The new photo is what the following start holds and confirms with a 304.
    hits = [];
    const after = service();
    expect((await after.serve('yann@contoso.test', 'HR96x96')).body?.equals(png)).toBe(true);
    expect(hits.map((x) => x.ifNoneMatch)).toEqual(['"y2"']);
    expect(after.stats()).toMatchObject({ bytesDownloaded: 0, notModified: 1 });
  });

  it('keys the cache by size', async () => {
    handler = serveEtagged;
    const s = service();
    await s.serve('helene@contoso.test', 'HR96x96');
    await s.serve('helene@contoso.test', 'HR648x648');
    expect(hits.map((h) => h.size)).toEqual(['HR96x96', 'HR648x648']);
  });

  it('revalidates a stale entry with If-None-Match; 304 keeps the bytes', async () => {
    handler = serveEtagged;
    let t = 1_000_000;
    await service({ now: () => t }).serve('helene@contoso.test', 'HR96x96');
    t += 13 * 3_600_000;
    const later = service({ now: () => t });
    const r = await later.serve('helene@contoso.test', 'HR96x96');
    expect(r.status).toBe(200);
    expect(r.body?.equals(jpeg)).toBe(true);
    expect(hits[1]?.ifNoneMatch).toBe('"v1"');
    expect(later.stats()).toMatchObject({ bytesDownloaded: 0, notModified: 1, requests: 1 });
    // Checked now: no second revalidation within the period.
    await later.serve('helene@contoso.test', 'HR96x96');
    expect(hits).toHaveLength(2);
  });

  it('answers 304 to the renderer when its If-None-Match names our ETag', async () => {
    handler = serveEtagged;
    const s = service();
    const a = await s.serve('helene@contoso.test', 'HR96x96');
    const b = await s.serve('helene@contoso.test', 'HR96x96', a.etag);
    expect(b).toEqual({ status: 304, etag: a.etag });
    expect(b.body).toBeUndefined();
  });

  it('remembers "no photo" for a while, then asks again', async () => {
    let t = 5_000_000;
    const s = service({ now: () => t, negativeTtlMs: 60_000 });
    expect((await s.serve('nobody@contoso.test', 'HR96x96')).status).toBe(404);
    expect((await s.serve('nobody@contoso.test', 'HR96x96')).status).toBe(404);
    expect(hits).toHaveLength(1);
    t += 61_000;
    expect((await s.serve('nobody@contoso.test', 'HR96x96')).status).toBe(404);
    expect(hits).toHaveLength(2);
  });

  it('gives up on a photo that never finishes within its deadline, remembers it, and asks again later', async () => {
    const open = new Set<ServerResponse>();
    handler = (_req, res) => {
      // Exchange (or something in between) drips bytes and never ends the answer.
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(jpeg.subarray(0, 3));
      open.add(res);
      const drip = setInterval(() => res.write(Buffer.from([0])), 20);
      res.on('close', () => {
        clearInterval(drip);
        open.delete(res);
      });
    };
    let t = 7_000_000;
    const s = service({ now: () => t, deadlineMs: 300, failureRetryMs: 10 * 60_000 });
    expect((await s.serve('drip@contoso.test', 'HR648x648')).status).toBe(404);
    expect(s.stats()).toMatchObject({ refused: 1, bytesDownloaded: 0 });
    // Every view in the next ten minutes answers at once from memory, asking no one.
    t += 9 * 60_000;
    expect((await s.serve('drip@contoso.test', 'HR648x648')).status).toBe(404);
    expect(hits).toHaveLength(1);
    // Then it is tried again.
    t += 2 * 60_000;
    expect((await s.serve('drip@contoso.test', 'HR648x648')).status).toBe(404);
    expect(hits).toHaveLength(2);
    await vi.waitFor(() => expect(open.size).toBe(0)); // the dripping downloads were dropped
  });

  it('has a photo deadline well under the 60 s request timeout', () => {
    expect(PHOTO_DEADLINE_MS).toBeLessThan(60_000);
    expect(PHOTO_FAILURE_RETRY_MS).toBe(10 * 60_000);
  });

  it('refuses a body that is not an image, and does not cache it', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end('<html><script>alert(1)</script></html>');
    };
    const s = service({ failureRetryMs: 0 }); // no failure memory: shows nothing was cached;
    expect((await s.serve('evil@contoso.test', 'HR96x96')).status).toBe(404);
    expect((await s.serve('evil@contoso.test', 'HR96x96')).status).toBe(404);
    expect(hits).toHaveLength(2); // asked again: nothing was cached
    expect(s.stats().refused).toBe(2);
    expect(await readdir(dir, { recursive: true }).then((f) => f.filter((x) => x.endsWith('.bin')))).toEqual(
      [],
    );
  });

  it('stops a 50 MB answer early and treats it as no photo', async () => {
    const total = 50 * 1024 * 1024;
    let written = 0;
    const closed = new Promise<void>((resolve) => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg' }); // no length: streamed
        const chunk = Buffer.alloc(64 * 1024, 0);
        jpeg.copy(chunk, 0, 0, 3); // JPEG magic first
        const pump = (): void => {
          while (written < total) {
            written += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => resolve());
        pump();
      };
    });
    const s = service({ failureRetryMs: 0 }); // no failure memory: shows nothing was cached;
    expect((await s.serve('huge@contoso.test', 'HR648x648')).status).toBe(404);
    await closed;
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect(s.stats()).toMatchObject({ bytesDownloaded: 0, refused: 1 });
    expect((await s.serve('huge@contoso.test', 'HR648x648')).status).toBe(404);
    expect(hits).toHaveLength(2); // never cached
  });

  it('answers 404 when signed out, without asking anyone', async () => {
    handler = serveEtagged;
    const s = service({ client: () => null });
    expect(await s.serve('helene@contoso.test', 'HR96x96')).toEqual({ status: 404 });
    expect(hits).toEqual([]);
  });

  it('opened from the cache before the connection is made, serves the photos it has and asks no one', async () => {
    handler = serveEtagged;
    await service().serve('helene@contoso.test', 'HR96x96');
    expect(hits).toHaveLength(1);
    const offline = service({ client: () => null, cachedAccount: () => ME });
    const cached = await offline.serve('helene@contoso.test', 'HR96x96');
    expect(cached.status).toBe(200);
    expect(cached.body?.equals(jpeg)).toBe(true);
    expect((await offline.serve('nobody@contoso.test', 'HR96x96')).status).toBe(404);
    expect(hits).toHaveLength(1);
  });

  it('clear() deletes the account’s photos', async () => {
    handler = serveEtagged;
    const s = service();
    await s.serve('helene@contoso.test', 'HR96x96');
    await s.clear(ME);
    await s.serve('helene@contoso.test', 'HR96x96');
    expect(hits).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
// With a fake client: parallelism, dedupe, dimensions.
// ---------------------------------------------------------------------------------------------

function fakeClient(answer: (email: string) => Promise<PhotoResult>): {
  client: Pick<ExchangeClient, 'email' | 'getUserPhoto'>;
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    client: {
      email: ME,
      getUserPhoto: (email) => {
        calls.push(email);
        return answer(email);
      },
    },
  };
}

describe('PhotoService limits', () => {
  it('runs at most maxParallel downloads at once', async () => {
    // Each download waits until the test releases it: four are held at once (the bound is
    // reached), and each release lets exactly one more start.
    let active = 0;
    let peak = 0;
    const held: Array<() => void> = [];
    const { client: c, calls } = fakeClient(
      () =>
        new Promise<PhotoResult>((resolve) => {
          active++;
          peak = Math.max(peak, active);
          held.push(() => {
            active--;
            resolve({ status: 'ok', bytes: jpeg, contentType: 'image/jpeg' });
          });
        }),
    );
    const s = createPhotoService({ client: () => c, dataDir: null, log, maxParallel: 4 });
    const all = Promise.all(Array.from({ length: 12 }, (_, i) => s.serve(`p${i}@contoso.test`, 'HR96x96')));
    await vi.waitFor(() => expect(held.length).toBe(4));
    for (let released = 0; released < 12; released++) {
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(released));
      held[released]?.();
    }
    const answers = await all;
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(calls).toHaveLength(12);
    expect(peak).toBe(4);
  });

  it('shares one download between identical requests in flight', async () => {
    let release!: () => void;
    const downloaded = new Promise<void>((r) => (release = r));
    const { client: c, calls } = fakeClient(async () => {
      await downloaded;
      return { status: 'ok', bytes: png, contentType: 'image/png' };
    });
    const s = createPhotoService({ client: () => c, dataDir: null, log });
    const pending = Promise.all(Array.from({ length: 5 }, () => s.serve('same@contoso.test', 'HR64x64')));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    release();
    const answers = await pending;
    expect(calls).toEqual(['same@contoso.test']);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]?.contentType).toBe('image/png');
  });

  it('refuses a decompression bomb by its dimensions, and does not cache it', async () => {
    const bomb = pngClaiming(50_000, 50_000);
    const { client: c, calls } = fakeClient(() =>
      Promise.resolve({ status: 'ok', bytes: bomb, contentType: 'image/png' }),
    );
    // No failure memory here, so the second view shows that nothing was cached.
    const s = createPhotoService({ client: () => c, dataDir: null, log, failureRetryMs: 0 });
    expect((await s.serve('bomb@contoso.test', 'HR648x648')).status).toBe(404);
    expect((await s.serve('bomb@contoso.test', 'HR648x648')).status).toBe(404);
    expect(calls).toHaveLength(2);
  });
});

describe('PhotoService at sign-out', () => {
  it('a download in flight when the account is cleared writes nothing afterwards', async () => {
    let release!: (r: PhotoResult) => void;
    const { client: c } = fakeClient(() => new Promise<PhotoResult>((r) => (release = r)));
    const s = createPhotoService({ client: () => c, dataDir: dir, log });
    const pending = s.serve('late@contoso.test', 'HR96x96');
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await s.clear(ME);
    release({ status: 'ok', bytes: jpeg, contentType: 'image/jpeg' });
    await pending;
    expect(await readdir(dir, { recursive: true })).toEqual([]);
  });
});

describe('photo checks', () => {
  it('knows JPEG, PNG, GIF and WebP by their magic bytes, and nothing else', () => {
    expect(imageType(jpeg)).toBe('image/jpeg');
    expect(imageType(png)).toBe('image/png');
    expect(imageType(Buffer.from('GIF89a......'))).toBe('image/gif');
    expect(imageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(imageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(imageType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
  });

  it('accepts a real picture and refuses oversize, garbage behind magic, and too many pixels', async () => {
    const limits = { maxBytes: 5 * 1024 * 1024, maxDimension: 4096 };
    expect(await checkPhotoBytes(png, limits)).toEqual({ contentType: 'image/png' });
    expect(await checkPhotoBytes(jpeg, { ...limits, maxBytes: 10 })).toEqual({ refused: 'too large' });
    expect(await checkPhotoBytes(Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3]), limits)).toHaveProperty(
      'refused',
    );
    expect(await checkPhotoBytes(pngClaiming(5000, 10), limits)).toHaveProperty('refused');
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"c"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});
