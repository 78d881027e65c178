/**
 * Contacts and photos against the built-in Exchange, in-process, as the demo user alice:
 * GetImItemList round trip + mapping, an edit with its re-read, and the photo bytes and requests
 * of a second start (a new PhotoService over the same cache folder: goal 0 bytes, each photo
 * shown costs a 304) and of a start after 10 photos changed (goal: those 10 only).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './figure';
import { signIn } from '../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../main/exchange-sim/org/generate';
import { startExchangeSim } from '../../main/exchange-sim/server';
import { createLogger } from '../../main/log/logger';
import { toContactList } from '../../main/services/contacts-map';
import { createContactsService } from '../../main/services/contacts';
import { createPhotoService } from '../../main/services/photos';
import { openContactsSnapshot } from '../../main/store/contacts-snapshot';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const log = createLogger({ level: 'error' });
  const sim = await startExchangeSim({ httpPort: 0, httpsPort: false, size: 1500 });
  const dir = await mkdtemp(join(tmpdir(), 'roster-bench-contacts-'));
  const { client } = await signIn({
    email: DEMO_ACCOUNTS.alice.smtp,
    password: DEMO_ACCOUNTS.alice.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
  });
  try {
    // GetImItemList + map.
    const trips: number[] = [];
    let im = await client.getImItemList(); // warm the connection
    for (let i = 0; i < 11; i++) {
      const t0 = performance.now();
      im = await client.getImItemList();
      trips.push(performance.now() - t0);
    }
    const maps: number[] = [];
    let count = 0;
    for (let i = 0; i < 51; i++) {
      const t1 = performance.now();
      count = toContactList(im, { fetchedAt: new Date().toISOString() }).contacts.length;
      maps.push(performance.now() - t1);
    }
    figures.push({ name: `alice's list size`, value: count, unit: 'count' });
    figures.push({
      name: `GetImItemList round trip (${count} contacts), median of 11`,
      value: median(trips),
      unit: 'ms',
      goal: '< 500 ms',
    });
    const serverSide = sim.control
      .requestLog()
      .filter((e) => e.operation === 'GetImItemList')
      .map((e) => e.durationMs);
    figures.push({
      name: 'of which the built-in Exchange (in-process) answering, median',
      value: median(serverSide),
      unit: 'ms',
    });
    figures.push({
      name: 'map to ContactList, median of 51',
      value: median(maps),
      unit: 'ms',
      goal: '< 20 ms',
    });

    // One edit as users get it: the call, then the re-read.
    const contacts = createContactsService({
      client: () => client,
      snapshots: openContactsSnapshot(dir),
      emit: () => undefined,
      log,
    });
    await contacts.start(client);
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const l = await contacts.createGroup({ name: `Bench ${i}` });
      edits.push(performance.now() - t0);
      const g = l.groups.find((x) => x.name === `Bench ${i}`);
      if (g) await contacts.deleteGroup({ groupId: g.id });
    }
    figures.push({
      name: 'create a group incl. re-read + snapshot save, median of 5',
      value: median(edits),
      unit: 'ms',
      goal: '< 1,000 ms',
    });

    // Photos: first start, then a second start over the same cache.
    const list = await contacts.getContactList();
    const emails = list.contacts.map((c) => c.email).filter((e): e is string => !!e);
    const run = async (): Promise<{
      bytes: number;
      requests: number;
      notModified: number;
      ms: number;
      served: number;
      sizes: Map<string, number>;
    }> => {
      const photos = createPhotoService({ client: () => client, dataDir: dir, log });
      const t0 = performance.now();
      const answers = await Promise.all(emails.map((e) => photos.serve(e, 'HR96x96')));
      const sizes = new Map<string, number>();
      answers.forEach((a, i) => {
        if (a.status === 200) sizes.set(emails[i]!, a.body?.length ?? 0);
      });
      const stats = photos.stats();
      return {
        bytes: stats.bytesDownloaded,
        requests: stats.requests,
        notModified: stats.notModified,
        ms: performance.now() - t0,
        served: answers.filter((a) => a.status === 200).length,
        sizes,
      };
    };
    const first = await run();
    const second = await run();
    figures.push({
      name: `photos HR96x96, first start: ${first.served} of ${emails.length} served`,
      value: first.bytes,
      unit: 'bytes',
    });
    figures.push({ name: 'photos HR96x96, first start, wall time', value: first.ms, unit: 'ms' });
    const asked = (r: { requests: number; notModified: number }): string =>
      `${r.requests.toLocaleString('en')} requests, ${r.notModified.toLocaleString('en')} answered 304`;
    figures.push({
      name: `photo bytes fetched on a second start with unchanged photos (${asked(second)})`,
      value: second.bytes,
      unit: 'bytes',
      goal: '0',
    });
    figures.push({ name: 'photos HR96x96, second start, wall time', value: second.ms, unit: 'ms' });

    // Ten people change their photo; the next start should fetch those ten and nothing else.
    const changed = emails.filter((e) => sim.control.person(e)?.photo).slice(0, 10);
    sim.control.mutate((org) => {
      for (const p of org.people) if (changed.includes(p.smtp) && p.photo) p.photo.version++;
    });
    const third = await run();
    const changedBytes = changed.reduce((n, e) => n + (third.sizes.get(e) ?? 0), 0);
    figures.push({
      name: `photo bytes fetched on a start after ${changed.length} photos changed (the ${changed.length} new photos are ${changedBytes.toLocaleString('en')} bytes; ${asked(third)})`,
      value: third.bytes,
      unit: 'bytes',
      goal: `${changedBytes.toLocaleString('en')}: those ${changed.length} only`,
    });
  } finally {
    await client.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
