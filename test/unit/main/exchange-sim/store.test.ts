import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openOrgStore, resetOrgStore } from '../../../../main/exchange-sim/org/store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('org store', () => {
  it('keeps the org in memory when there is no data folder', async () => {
    const store = await openOrgStore({ seed: 4, size: 20, epoch: '2026-11-25T00:00:00Z' });
    expect(store.file).toBeUndefined();
    expect(store.org.people).toHaveLength(20);
    store.save();
    await store.close();
  });

  it('generates and saves on first open, loads the saved state (with changes) the next time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-sim-'));
    dirs.push(dir);
    const first = await openOrgStore({
      dataDir: dir,
      seed: 4,
      size: 30,
      epoch: '2026-11-25T00:00:00Z',
      saveDelayMs: 10,
    });
    expect(first.loaded).toBe(false);
    const alice = first.org.people[0];
    if (!alice) throw new Error('no people');
    alice.imList.groups.push({
      id: 'g-new',
      changeKey: 'x',
      displayName: 'Renamed ✓',
      type: 'Normal',
      memberIds: [],
    });
    first.save();
    first.save();
    await first.flush();
    const second = await openOrgStore({ dataDir: dir, seed: 999, size: 10 });
    expect(second.loaded).toBe(true);
    expect(second.org.people).toHaveLength(30);
    expect(second.org.people[0]?.imList.groups.at(-1)?.displayName).toBe('Renamed ✓');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Photo bytes are rendered on demand, never stored.
    expect(await readFile(join(dir, 'org.json'), 'utf8')).not.toMatch(/\/9j\/|iVBORw0KGgo/);
  });

  it.each([
    ['not an org', '{"hello":1}'],
    ['not JSON', '{"people": [trunc'],
  ])('starts from a fresh org when the data file is %s, keeping the bad one aside', async (_n, bad) => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-sim-'));
    dirs.push(dir);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'org.json'), bad);
    const seen: string[] = [];
    const store = await openOrgStore({
      dataDir: dir,
      size: 10,
      onCorrupt: (_e, keptAs) => seen.push(keptAs),
    });
    expect(store.loaded).toBe(false);
    expect(store.org.people).toHaveLength(10);
    expect(seen).toHaveLength(1);
    expect(await readFile(seen[0] ?? '', 'utf8')).toBe(bad);
    await store.close();
  });
});

describe('reset (Reset the demo, npm run exchange -- --reset)', () => {
  it('forgets every edit: the next open generates the organisation again from its seed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-sim-'));
    dirs.push(dir);
    const options = { dataDir: dir, seed: 4, size: 20, epoch: '2026-11-25T00:00:00Z', saveDelayMs: 10 };
    const first = await openOrgStore(options);
    const generated = JSON.stringify(first.org);
    const someone = first.org.people[0];
    if (!someone) throw new Error('no people');
    someone.imList.personas = [];
    first.save();
    await first.close();
    expect((await openOrgStore(options)).org.people[0]?.imList.personas).toEqual([]);

    expect(await resetOrgStore(dir)).toBe(true);
    const again = await openOrgStore(options);
    expect(again.loaded).toBe(false);
    expect(JSON.stringify(again.org)).toBe(generated);
    await again.close();
  });

  it('says when there was nothing to forget, and does not fail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-sim-'));
    dirs.push(dir);
    expect(await resetOrgStore(dir)).toBe(false);
  });
});
