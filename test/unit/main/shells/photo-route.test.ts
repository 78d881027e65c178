import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoUrl, type PhotoSize } from '../../../../preload/contract';
import { composeApp, type RosterApp } from '../../../../main/compose';
import type { PhotoAnswer, PhotoService } from '../../../../main/services/photos';
import { photoRoute } from '../../../../main/shells/photo-route';
import { startWebShell, type WebShell } from '../../../../main/shells/web';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A photo service with one photo (helene) when signed in. */
function fakePhotos(
  signedIn: () => boolean,
): PhotoService & { asked: Array<[string, PhotoSize, string | undefined]> } {
  const asked: Array<[string, PhotoSize, string | undefined]> = [];
  return {
    asked,
    serve(email, size, ifNoneMatch) {
      asked.push([email, size, ifNoneMatch]);
      let a: PhotoAnswer = { status: 404 };
      if (signedIn() && email === 'hélène@contoso.test') {
        a =
          ifNoneMatch === '"h1"'
            ? { status: 304, etag: '"h1"' }
            : { status: 200, body: PNG, contentType: 'image/png', etag: '"h1"' };
      }
      return Promise.resolve(a);
    },
    stats: () => ({ bytesDownloaded: 0, requests: 0, notModified: 0, refused: 0, cacheHits: 0 }),
    clear: () => Promise.resolve(),
  };
}

const split = (url: string): { pathname: string; search: string } => {
  const u = new URL(url, 'http://x/');
  return { pathname: u.pathname, search: u.search };
};

describe('photoRoute', () => {
  const photos = fakePhotos(() => true);

  it('serves the contract’s photoUrl with private caching and an ETag', async () => {
    const r = await photoRoute(photos, split(photoUrl('hélène@contoso.test', 'HR96x96')));
    expect(r.status).toBe(200);
    expect(r.body?.equals(PNG)).toBe(true);
    expect(r.headers).toMatchObject({
      'content-type': 'image/png',
      etag: '"h1"',
      'x-content-type-options': 'nosniff',
    });
    expect(r.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(photos.asked.at(-1)).toEqual(['hélène@contoso.test', 'HR96x96', undefined]);
  });

  it('answers 304 without a body when If-None-Match matches', async () => {
    const r = await photoRoute(photos, {
      ...split(photoUrl('hélène@contoso.test', 'HR96x96')),
      ifNoneMatch: '"h1"',
    });
    expect(r.status).toBe(304);
    expect(r.body).toBeUndefined();
    expect(r.headers.etag).toBe('"h1"');
  });

  it('validates the size against the contract and the address’s form, before asking', async () => {
    const before = photos.asked.length;
    for (const search of ['', '?size=HR1x1', '?size=hr96x96', '?size=HR96x96%00']) {
      const r = await photoRoute(photos, { pathname: '/photo/h%40contoso.test', search });
      expect(r.status).toBe(400);
    }
    for (const pathname of [
      '/photo/',
      '/photo/not-an-address',
      '/photo/%E0%A4%A', // bad escape
      `/photo/${'a'.repeat(320)}%40x.test`,
      '/photo/a%40b%2F..%2F..%2Fetc.test',
    ]) {
      expect((await photoRoute(photos, { pathname, search: '?size=HR96x96' })).status).toBe(400);
    }
    expect(photos.asked.length).toBe(before);
  });

  it('answers 204 (no photo, not a failed request) when signed out or when there is none; 405 for other methods', async () => {
    const out = fakePhotos(() => false);
    expect((await photoRoute(out, split(photoUrl('hélène@contoso.test', 'HR96x96')))).status).toBe(204);
    expect((await photoRoute(null, split(photoUrl('hélène@contoso.test', 'HR96x96')))).status).toBe(404);
    const none = await photoRoute(photos, split(photoUrl('nobody@contoso.test', 'HR96x96')));
    expect(none.status).toBe(204);
    expect(none.body).toBeUndefined();
    expect(none.headers['cache-control']).toBe('no-store');
    expect(
      (await photoRoute(photos, { method: 'POST', ...split(photoUrl('hélène@contoso.test', 'HR96x96')) }))
        .status,
    ).toBe(405);
  });

  it('answers 503 (not a rejection either shell must catch) when the photo service fails', async () => {
    const failing: PhotoService = {
      ...fakePhotos(() => true),
      serve: () => Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })),
    };
    const answer = await photoRoute(failing, split(photoUrl('hélène@contoso.test', 'HR96x96')));
    expect(answer.status).toBe(503);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body?.toString()).not.toContain('EIO');
  });
});

describe('the web shell’s photo route', () => {
  let app: RosterApp;
  let shell: WebShell;
  let cookie = '';
  const photos = fakePhotos(() => true);

  const get = (path: string, headers: Record<string, string> = {}) => {
    const { port } = new URL(shell.origin);
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
          );
        });
        req.on('error', reject);
        req.end();
      },
    );
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-web-photo-'));
    writeFileSync(
      join(dir, 'index.html'),
      '<html><head><script type="module" src="./index.js"></script></head></html>',
    );
    app = await composeApp({ shell: 'web', dataDir: null, version: '9.9.9', demo: false });
    shell = await startWebShell({ app: { ...app, photos }, rendererDir: dir });
    const first = await get(new URL(shell.url).pathname + new URL(shell.url).search);
    cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterAll(async () => {
    await shell.close();
    await app.close();
  });

  it('serves /photo/… with the session cookie, refuses it without', async () => {
    const path = photoUrl('hélène@contoso.test', 'HR240x240').slice(1);
    expect((await get(path)).status).toBe(403);
    expect((await get(path, { cookie, host: 'evil.example' })).status).toBe(403);
    const r = await get(path, { cookie });
    expect(r.status).toBe(200);
    expect(r.body.equals(PNG)).toBe(true);
    expect(r.headers['content-type']).toBe('image/png');
    const again = await get(path, { cookie, 'if-none-match': '"h1"' });
    expect(again.status).toBe(304);
    expect((await get('/photo/x%40y.test?size=nope', { cookie })).status).toBe(400);
  });

  it('serves the real app’s photos as 204 (none) while signed out', async () => {
    const real = await startWebShell({ app, rendererDir: mkdtempSync(join(tmpdir(), 'roster-web-photo2-')) });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const u = new URL(real.url);
        request({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search }, (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']).split(';')[0] ?? '');
        })
          .on('error', reject)
          .end();
      });
      const status = await new Promise<number>((resolve, reject) => {
        const u = new URL(real.url);
        request(
          {
            host: '127.0.0.1',
            port: u.port,
            path: '/photo/h%40contoso.test?size=HR96x96',
            headers: { cookie: first },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
      expect(status).toBe(204);
    } finally {
      await real.close();
    }
  });
});
