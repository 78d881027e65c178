import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPhotoCache, photoKey } from '../../../../main/store/photo-cache';

const bytes = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3, 4, 5]);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-pcache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('photo cache', () => {
  for (const where of ['disk', 'memory'] as const) {
    it(`stores, touches and forgets entries (${where})`, async () => {
      const cache = openPhotoCache(where === 'disk' ? join(dir, 'photos') : null);
      expect(await cache.get('a@x.test', 'HR96x96')).toBeNull();
      const put = await cache.putPhoto(
        'A@x.test',
        'HR96x96',
        { bytes, contentType: 'image/jpeg', etag: '"e1"' },
        10,
      );
      const got = await cache.get('a@x.test', 'HR96x96');
      expect(got?.body?.equals(bytes)).toBe(true);
      expect(got?.meta).toEqual(put.meta);
      expect(got?.meta).toMatchObject({
        kind: 'photo',
        etag: '"e1"',
        contentType: 'image/jpeg',
        checkedAt: 10,
      });
      expect(await cache.get('a@x.test', 'HR648x648')).toBeNull();

      await cache.touch('a@x.test', 'HR96x96', 20);
      expect((await cache.get('a@x.test', 'HR96x96'))?.meta.checkedAt).toBe(20);

      await cache.putNone('a@x.test', 'HR96x96', 30);
      expect(await cache.get('a@x.test', 'HR96x96')).toEqual({ meta: { v: 1, kind: 'none', checkedAt: 30 } });

      await cache.clear();
      expect(await cache.get('a@x.test', 'HR96x96')).toBeNull();
    });
  }

  it('names files by hash and treats a damaged entry as absent', async () => {
    const cache = openPhotoCache(dir);
    await cache.putPhoto('a@x.test', 'HR96x96', { bytes, contentType: 'image/jpeg' }, 1);
    const files = await readdir(dir);
    expect(files.sort()).toEqual([
      `${photoKey('a@x.test', 'HR96x96')}.bin`,
      `${photoKey('a@x.test', 'HR96x96')}.json`,
    ]);
    expect(files.join()).not.toContain('@');
    await writeFile(join(dir, `${photoKey('a@x.test', 'HR96x96')}.bin`), bytes.subarray(0, 4)); // truncated
    expect(await cache.get('a@x.test', 'HR96x96')).toBeNull();
    await writeFile(join(dir, `${photoKey('a@x.test', 'HR96x96')}.json`), '{oops');
    expect(await cache.get('a@x.test', 'HR96x96')).toBeNull();
  });
});
