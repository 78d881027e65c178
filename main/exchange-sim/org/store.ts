/**
 * The organisation's state: in memory (tests) or in `<dataDir>/org.json` (demo mode), loaded if present,
 * else generated and saved. Saves are debounced and atomic (temp file, then rename).
 */
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateOrg } from './generate';
import type { Org } from './types';

export interface OrgStoreOptions {
  dataDir?: string;
  /** Use this org (not generated, not loaded). */
  org?: Org;
  seed?: number;
  size?: number;
  epoch?: string | Date;
  /** Debounce for save(); default 500 ms. */
  saveDelayMs?: number;
  /** org.json did not parse or is not an organisation: it was moved aside to `keptAs` and a new one generated. */
  onCorrupt?: (err: unknown, keptAs: string) => void;
}

export interface OrgStore {
  readonly org: Org;
  /** Where it is persisted, if anywhere. */
  readonly file: string | undefined;
  /** True when the state came from disk. */
  readonly loaded: boolean;
  /** Debounced save (no-op in memory). */
  save(): void;
  /** Write now if a save is pending (or always, with force). */
  flush(force?: boolean): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 20131;
export const DEFAULT_SIZE = 200;
const FILE_NAME = 'org.json';

/**
 * "Reset the demo": forgets the saved organisation in `dataDir`, so the next start generates it
 * again from its seed (every edit gone). The certificate (dataDir/tls) stays: it is not an edit.
 * Call it while no simulator is running on that folder. True when there was something to forget.
 */
export async function resetOrgStore(dataDir: string): Promise<boolean> {
  const file = join(dataDir, FILE_NAME);
  const existed = await access(file).then(
    () => true,
    () => false,
  );
  await rm(file, { force: true });
  return existed;
}

function isOrg(value: unknown): value is Org {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.domain === 'string' &&
    Array.isArray(v.people) &&
    Array.isArray(v.groups) &&
    typeof v.netbiosDomain === 'string'
  );
}

export async function openOrgStore(options: OrgStoreOptions = {}): Promise<OrgStore> {
  const file = options.dataDir ? join(options.dataDir, FILE_NAME) : undefined;
  let org: Org | undefined = options.org;
  let loaded = false;
  if (!org && file) {
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text !== null) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!isOrg(parsed)) throw new Error(`${file} is not an organisation`);
        org = parsed;
        loaded = true;
      } catch (err) {
        // A corrupt demo organisation must not stop the demo: keep it aside (edits may be worth
        // recovering by hand) and start from a fresh one.
        const keptAs = `${file}.corrupt-${Date.now()}`;
        await rename(file, keptAs);
        options.onCorrupt?.(err, keptAs);
      }
    }
  }
  org ??= generateOrg({
    seed: options.seed ?? DEFAULT_SEED,
    size: options.size ?? DEFAULT_SIZE,
    epoch: options.epoch,
  });
  const state = org;
  const delay = options.saveDelayMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (!file || !options.dataDir) return;
    dirty = false;
    await mkdir(options.dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify(state));
    await rename(tmp, file);
  };
  const flush = (force = false): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty && !force) return writing;
    // Serialise writes so an older snapshot never renames over a newer one.
    writing = writing.then(write, write);
    return writing;
  };

  const store: OrgStore = {
    org: state,
    file,
    loaded,
    save() {
      if (!file) return;
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delay);
      timer.unref();
    },
    flush,
    close: () => flush(),
  };
  if (file && !loaded) await flush(true);
  return store;
}
