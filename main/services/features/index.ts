/**
 * The features service: reads the policy file, watches it (fs.watch on its folder, which sees a
 * file created, replaced or renamed into place, plus a poll, for network shares and folders that
 * do not exist yet), re-applies it without a restart and tells who listens.
 */
import { watch as fsWatch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { FeatureId, FeatureState, FeaturesSnapshot, PolicyStatus } from '../../../preload/contract';
import { AppError } from '../../errors';
import type { Logger } from '../../log/logger';
import { redactString } from '../../log/redact';
import type { OptInStore } from '../../store/feature-optins';
import { readPolicyFile, type Policy, type PolicyRead } from './policy';
import { resolveFeatures } from './precedence';
import { FEATURES, type FeatureDefinition } from './registry';

export { policyFilePath, type Policy } from './policy';
export { FEATURES } from './registry';
export { CHANNEL_FEATURES, gateHandlers } from './channels';

export interface Watcher {
  close(): void;
}

export interface FeaturesDeps {
  /** The policy file, or null for none (tests, in-memory apps). */
  policyPath: string | null;
  optIns: OptInStore;
  log: Logger;
  emit: (snapshot: FeaturesSnapshot) => void;
  registry?: readonly FeatureDefinition[];
  /** Watches a folder; the default is fs.watch (it may throw: the folder may not exist). */
  watch?: (folder: string, onChange: (file: string | null) => void) => Watcher;
  /** The file's identity for the poll (null when missing); the default stats it. */
  fingerprint?: (path: string) => Promise<string | null>;
  /** Reads the file (the default is policy.ts's readPolicyFile). */
  read?: (path: string) => Promise<PolicyRead>;
  /** Wait after the last watch event before reading (editors write in several steps). Default 250 ms. */
  debounceMs?: number;
  /** How often the poll looks (default 10 s); 0 turns it off. */
  pollMs?: number;
}

export interface FeaturesService {
  /** Reads the policy once and starts watching it. */
  start(): Promise<void>;
  snapshot(): FeaturesSnapshot;
  isOn(id: FeatureId): boolean;
  state(id: FeatureId): FeatureState;
  /** The valid policy in force (null when none, or when the file is invalid). */
  policy(): Policy | null;
  setOptIn(id: FeatureId, on: boolean): Promise<FeaturesSnapshot>;
  /** Read the file again now. */
  reload(): Promise<void>;
  /** Resolves once every read started so far is applied (tests). */
  settled(): Promise<void>;
  /** Called with each new snapshot (besides `emit`); returns the unsubscribe function. */
  onChange(listener: (snapshot: FeaturesSnapshot) => void): () => void;
  close(): void;
}

function defaultWatch(folder: string, onChange: (file: string | null) => void): Watcher {
  const w = fsWatch(folder, { persistent: false }, (_event, file) => onChange(file ? String(file) : null));
  w.on('error', () => w.close());
  return w;
}

async function defaultFingerprint(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

export function createFeaturesService(deps: FeaturesDeps): FeaturesService {
  const registry = deps.registry ?? FEATURES;
  const read = deps.read ?? ((path: string) => readPolicyFile(path));
  const fingerprint = deps.fingerprint ?? defaultFingerprint;
  const log = deps.log;
  const listeners = new Set<(s: FeaturesSnapshot) => void>();
  let current: PolicyRead = { status: 'none' };
  let snapshot = build();
  let chain: Promise<void> = Promise.resolve();
  let watcher: Watcher | null = null;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let lastPrint: string | null = null;
  let closed = false;

  function policyStatus(): PolicyStatus {
    const file = deps.policyPath ? redactString(deps.policyPath) : undefined;
    if (current.status === 'none') return { status: 'none' };
    if (current.status === 'applied') return { status: 'applied', ...(file ? { file } : {}) };
    return {
      status: 'invalid',
      ...(file ? { file } : {}),
      ...(current.line ? { line: current.line } : {}),
      reason: current.reason,
    };
  }

  function policy(): Policy | null {
    return current.status === 'applied' ? current.policy : null;
  }

  function build(): FeaturesSnapshot {
    const p = policy();
    return {
      features: resolveFeatures(registry, {
        policy: p?.features ?? {},
        allowOptIn: p?.allowOptIn ?? true,
        optIns: deps.optIns.get(),
      }),
      ring: p?.ring ?? null,
      policy: policyStatus(),
    };
  }

  function publish(): void {
    const next = build();
    if (JSON.stringify(next) === JSON.stringify(snapshot)) return;
    snapshot = next;
    deps.emit(snapshot);
    for (const l of listeners) l(snapshot);
  }

  function sameRead(a: PolicyRead, b: PolicyRead): boolean {
    if (a.status !== b.status) return false;
    if (a.status === 'applied' && b.status === 'applied') return a.text === b.text;
    return JSON.stringify(a) === JSON.stringify(b);
  }

  async function readNow(): Promise<void> {
    if (!deps.policyPath || closed) return;
    const next = await read(deps.policyPath);
    if (sameRead(next, current)) return;
    current = next;
    if (next.status === 'invalid')
      log.warn('the policy file is not valid and was ignored whole', {
        file: deps.policyPath,
        line: next.line,
        reason: next.reason,
      });
    else if (next.status === 'applied')
      log.info('policy applied', { file: deps.policyPath, ring: next.policy.ring ?? null });
    else log.info('no policy file', { file: deps.policyPath });
    publish();
  }

  /** Reads run one after another, so the last write to the file is the one that stays applied. */
  function enqueue(): Promise<void> {
    chain = chain.then(readNow).catch((err: unknown) => log.warn('reading the policy file failed', { err }));
    return chain;
  }

  function onWatchEvent(file: string | null): void {
    if (!deps.policyPath) return;
    if (file !== null && file !== basename(deps.policyPath)) return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      void enqueue();
    }, deps.debounceMs ?? 250);
  }

  async function pollOnce(): Promise<void> {
    if (!deps.policyPath) return;
    const print = await fingerprint(deps.policyPath);
    if (print === lastPrint) return;
    lastPrint = print;
    await readNow();
  }

  return {
    async start() {
      const path = deps.policyPath;
      if (!path) return;
      lastPrint = await fingerprint(path);
      await enqueue();
      try {
        watcher = (deps.watch ?? defaultWatch)(dirname(path), onWatchEvent);
      } catch (err) {
        // A folder that does not exist (no policy deployed) cannot be watched: the poll sees it appear.
        log.debug('the policy folder cannot be watched; polling', { err });
      }
      const every = deps.pollMs ?? 10_000;
      if (every > 0) {
        poll = setInterval(() => {
          chain = chain
            .then(pollOnce)
            .catch((err: unknown) => log.warn('checking the policy file failed', { err }));
        }, every);
        poll.unref?.();
      }
    },
    snapshot: () => snapshot,
    isOn: (id) => snapshot.features.find((f) => f.id === id)?.on ?? false,
    state(id) {
      const found = snapshot.features.find((f) => f.id === id);
      if (!found) throw new AppError('bad-input', `Unknown feature: ${id}`);
      return found;
    },
    policy,
    async setOptIn(id, on) {
      const feature = snapshot.features.find((f) => f.id === id);
      if (!feature) throw new AppError('bad-input', `Unknown feature: ${id}`);
      if (!feature.canOptIn)
        throw new AppError(
          'unavailable',
          feature.pilot
            ? 'Your organisation’s policy decides this feature.'
            : 'This feature is not in pilot: it cannot be switched here.',
          { code: 'PolicyDecides' },
        );
      await deps.optIns.set(id, on);
      log.info('pilot choice changed', { feature: id, on });
      publish();
      return snapshot;
    },
    reload: () => enqueue(),
    settled: () => chain,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      watcher?.close();
      watcher = null;
      if (debounce) clearTimeout(debounce);
      if (poll) clearInterval(poll);
      debounce = null;
      poll = null;
    },
  };
}
