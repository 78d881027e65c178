import { mkdtemp, readFile, rm, writeFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactList } from '../../../../preload/contract';
import { accountHash, openContactsSnapshot, snapshotPath } from '../../../../main/store/contacts-snapshot';

const list: ContactList = {
  groups: [
    { id: 'g1', name: 'Favorites', kind: 'favorites', memberIds: ['p1'] },
    { id: 'g2', name: 'Équipe 東京', kind: 'user', memberIds: ['p1', 'p2'] },
    { id: 'g3', name: 'Sales', kind: 'distribution', smtp: 'sales@contoso.test', memberIds: [] },
  ],
  contacts: [
    {
      id: 'p1',
      displayName: 'Hélène Dubois',
      email: 'helene.dubois@contoso.test',
      imAddress: 'helene.dubois@contoso.test',
      title: 'PMM',
      phones: [{ kind: 'mobile', number: '+33 6 00 00 00 00' }],
      telephoneOnly: false,
      groupIds: ['g1', 'g2'],
    },
    { id: 'p2', displayName: '+1 425 555 0100', phones: [], telephoneOnly: true, groupIds: ['g2'] },
  ],
  fetchedAt: '2026-11-25T02:00:00.000Z',
  fromCache: false,
  offline: true,
  limit: 1000,
};

const onWindows = process.platform === 'win32'; // no POSIX modes to check there
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-snap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('contacts snapshot', () => {
  it('round-trips a list, marked fromCache and not offline', async () => {
    const store = openContactsSnapshot(dir);
    await store.save('Alice@Contoso.test', list);
    const back = await store.load('alice@contoso.test');
    expect(back).toEqual({ ...list, fromCache: true, offline: false });
  });

  it.skipIf(onWindows)('is readable by the user only (0600)', async () => {
    const store = openContactsSnapshot(dir);
    await store.save('alice@contoso.test', list);
    expect((await stat(snapshotPath(dir, 'alice@contoso.test'))).mode & 0o777).toBe(0o600);
  });

  it('lives under cache/<hash of the address>, never the address', async () => {
    const store = openContactsSnapshot(dir);
    await store.save('alice@contoso.test', list);
    const path = snapshotPath(dir, 'alice@contoso.test');
    expect(path).toBe(join(dir, 'cache', accountHash('alice@contoso.test'), 'contacts.json'));
    expect(path).not.toContain('alice');
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('keeps accounts apart', async () => {
    const store = openContactsSnapshot(dir);
    await store.save('alice@contoso.test', list);
    expect(await store.load('bob@contoso.test')).toBeNull();
  });

  it('ignores a corrupt, foreign-version or wrongly shaped file, and reports it', async () => {
    const seen: unknown[] = [];
    const store = openContactsSnapshot(dir, (_e, err) => seen.push(err));
    const path = snapshotPath(dir, 'alice@contoso.test');
    await mkdir(dirname(path), { recursive: true });
    for (const text of [
      '{not json',
      JSON.stringify({ version: 99, account: 'alice@contoso.test', savedAt: '', list }),
      JSON.stringify({ version: 1, account: 'alice@contoso.test', savedAt: '', list: { groups: 'x' } }),
    ]) {
      await writeFile(path, text);
      expect(await store.load('alice@contoso.test')).toBeNull();
    }
    expect(seen).toHaveLength(3);
    await store.save('alice@contoso.test', list); // the next save replaces it
    expect(await store.load('alice@contoso.test')).not.toBeNull();
  });

  it('remove() deletes it; in memory too', async () => {
    for (const store of [openContactsSnapshot(dir), openContactsSnapshot(null)]) {
      await store.save('alice@contoso.test', list);
      await store.remove('alice@contoso.test');
      expect(await store.load('alice@contoso.test')).toBeNull();
      await store.remove('alice@contoso.test'); // twice is fine
    }
  });
});
