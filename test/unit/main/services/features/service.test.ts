import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeaturesSnapshot } from '../../../../../preload/contract';
import { createFeaturesService } from '../../../../../main/services/features';
import type { PolicyRead } from '../../../../../main/services/features/policy';
import { createLogger } from '../../../../../main/log/logger';
import { openOptInStore } from '../../../../../main/store/feature-optins';

/** A policy file in memory, a watcher the test fires by hand, and the poll's fingerprint. */
function harness(initial: string | null, options: { pollMs?: number } = {}) {
  let text = initial;
  let version = 0;
  let onEvent: ((file: string | null) => void) | null = null;
  const reads: string[] = [];
  const emitted: FeaturesSnapshot[] = [];
  const read = vi.fn(async (): Promise<PolicyRead> => {
    reads.push(text ?? '(none)');
    if (text === null) return { status: 'none' };
    const { parsePolicy } = await import('../../../../../main/services/features/policy');
    return parsePolicy(text);
  });
  return {
    emitted,
    read,
    write(next: string | null) {
      text = next;
      version++;
    },
    fire(file: string | null = 'policy.json') {
      onEvent?.(file);
    },
    async service(dataDir: string | null = null) {
      const service = createFeaturesService({
        policyPath: '/etc/roster/policy.json',
        optIns: await openOptInStore(dataDir),
        log: createLogger(),
        emit: (s) => emitted.push(s),
        read,
        watch: (_folder, cb) => {
          onEvent = cb;
          return { close: () => (onEvent = null) };
        },
        fingerprint: () => Promise.resolve(text === null ? null : `v${version}`),
        debounceMs: 250,
        pollMs: options.pollMs ?? 0,
      });
      await service.start();
      return service;
    },
  };
}

const meetingsOff = '{ "ring": "Ring A", "features": { "meetings": false } }';
const meetingsOn = '{ "ring": "Ring B", "features": { "meetings": true } }';

describe('features service: live reload', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies the file at start', async () => {
    const h = harness(meetingsOff);
    const service = await h.service();
    expect(service.isOn('meetings')).toBe(false);
    expect(service.snapshot().ring).toBe('Ring A');
    expect(service.state('meetings').source).toBe('policy');
    service.close();
  });

  it('re-applies a changed file once, after the watch events stop for the debounce time', async () => {
    const h = harness(meetingsOff);
    const service = await h.service();
    h.read.mockClear();
    h.write(meetingsOn);
    h.fire();
    await vi.advanceTimersByTimeAsync(200);
    h.fire(); // an editor writes in several steps
    await vi.advanceTimersByTimeAsync(249);
    expect(h.read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await service.settled();
    expect(h.read).toHaveBeenCalledTimes(1);
    expect(service.isOn('meetings')).toBe(true);
    expect(h.emitted.at(-1)?.ring).toBe('Ring B');
    service.close();
  });

  it('ignores events for other files in the folder', async () => {
    const h = harness(meetingsOff);
    const service = await h.service();
    h.read.mockClear();
    h.fire('other.json');
    await vi.advanceTimersByTimeAsync(1000);
    await service.settled();
    expect(h.read).not.toHaveBeenCalled();
    service.close();
  });

  it('sees a change by polling when the watcher says nothing (a network share)', async () => {
    const h = harness(null, { pollMs: 10_000 });
    const service = await h.service();
    expect(service.snapshot().policy.status).toBe('none');
    h.write(meetingsOff);
    await vi.advanceTimersByTimeAsync(10_000);
    await service.settled();
    expect(service.snapshot().policy.status).toBe('applied');
    expect(service.isOn('meetings')).toBe(false);
    // Nothing changed: the next poll does not read the file again.
    h.read.mockClear();
    await vi.advanceTimersByTimeAsync(10_000);
    await service.settled();
    expect(h.read).not.toHaveBeenCalled();
    service.close();
  });

  it('ignores a bad file whole (nothing of it applies) and says why; a fixed file applies again', async () => {
    const h = harness(meetingsOff);
    const service = await h.service();
    h.write('{\n  "ring": "Half",\n  "features": { "meetings": "yes" }\n}');
    await service.reload();
    expect(service.snapshot()).toMatchObject({
      ring: null,
      policy: { status: 'invalid', line: 3, file: '/etc/roster/policy.json' },
    });
    expect(service.snapshot().policy.reason).toMatch(/features\.meetings/);
    expect(service.state('meetings').source).toBe('default');
    h.write(meetingsOn);
    await service.reload();
    expect(service.snapshot().policy.status).toBe('applied');
    expect(service.isOn('meetings')).toBe(true);
    service.close();
  });

  it('emits only when something changed', async () => {
    const h = harness(meetingsOff);
    const service = await h.service();
    const before = h.emitted.length;
    await service.reload();
    expect(h.emitted.length).toBe(before);
    service.close();
  });

  it('stops watching and polling once closed', async () => {
    const h = harness(meetingsOff, { pollMs: 1000 });
    const service = await h.service();
    service.close();
    h.read.mockClear();
    h.write(meetingsOn);
    h.fire();
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.read).not.toHaveBeenCalled();
  });
});

describe('features service: opting in', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-features-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('joins a pilot feature, remembers it across restarts, and tells listeners', async () => {
    const h = harness(null);
    const service = await h.service(dir);
    expect(service.isOn('meetings')).toBe(false);
    const snapshot = await service.setOptIn('meetings', true);
    expect(snapshot.features.find((f) => f.id === 'meetings')).toMatchObject({
      on: true,
      source: 'user',
      reason: 'On because you joined the pilot',
    });
    expect(h.emitted.at(-1)).toBe(snapshot);
    service.close();
    const again = await harness(null).service(dir);
    expect(again.isOn('meetings')).toBe(true);
    again.close();
  });

  it('refuses a choice the policy makes, and one for a feature not in pilot', async () => {
    const service = await harness(meetingsOff).service(dir);
    await expect(service.setOptIn('meetings', true)).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'PolicyDecides',
    });
    await expect(service.setOptIn('photos', false)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(service.isOn('meetings')).toBe(false);
    service.close();
  });

  it('the policy wins over an earlier choice when it arrives', async () => {
    const h = harness(null);
    const service = await h.service(dir);
    await service.setOptIn('meetings', true);
    h.write(meetingsOff);
    await service.reload();
    expect(service.state('meetings')).toMatchObject({ on: false, source: 'policy', canOptIn: false });
    service.close();
  });

  it('a real file in a real folder: written, then read through the default reader', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, meetingsOff);
    const service = createFeaturesService({
      policyPath: file,
      optIns: await openOptInStore(null),
      log: createLogger(),
      emit: () => undefined,
      pollMs: 0,
      watch: () => ({ close: () => undefined }),
    });
    await service.start();
    expect(service.isOn('meetings')).toBe(false);
    await writeFile(file, meetingsOn);
    await service.reload();
    expect(service.isOn('meetings')).toBe(true);
    service.close();
  });
});
