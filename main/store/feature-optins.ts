/**
 * The user's pilot choices (features.json in the data folder): which pilot features they joined
 * or left. Kept apart from settings.json because updateSettings must never be a way around the
 * policy: these change only through the features service, which asks the policy first.
 */
import { join } from 'node:path';
import { FeatureId } from '../../preload/contract';
import { readJsonIfUsable, writeFileAtomic } from './atomic-file';

export type OptIns = Partial<Record<FeatureId, boolean>>;

export interface OptInStore {
  get(): OptIns;
  set(id: FeatureId, on: boolean): Promise<OptIns>;
}

function sanitize(raw: unknown): OptIns {
  const out: OptIns = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const id of FeatureId.options) {
    const value = (raw as Record<string, unknown>)[id];
    if (typeof value === 'boolean') out[id] = value;
  }
  return out;
}

export async function openOptInStore(
  dataDir: string | null,
  onCorrupt?: (err: unknown) => void,
): Promise<OptInStore> {
  const file = dataDir ? join(dataDir, 'features.json') : null;
  let current: OptIns = {};
  if (file) {
    const saved = await readJsonIfUsable(file, onCorrupt);
    if (saved) current = sanitize(saved.value);
  }
  let writing = Promise.resolve();
  return {
    get: () => ({ ...current }),
    async set(id, on) {
      current = { ...current, [id]: on };
      const snapshot = JSON.stringify(current, null, 2);
      if (file) {
        writing = writing.catch(() => undefined).then(() => writeFileAtomic(file, snapshot));
        await writing;
      }
      return { ...current };
    },
  };
}
