/**
 * The user's pilot choices (features.json in the data folder): which pilot features they joined
 * or left. Kept apart from settings.json because updateSettings must never be a way around the
 * policy: these change only through the features service, which asks the policy first.
 */
import { FeatureId } from '../../preload/contract';
import { openJsonDocument } from './atomic-file';

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
  const doc = await openJsonDocument(dataDir, 'features.json', sanitize, onCorrupt);
  return {
    get: doc.get,
    set: (id, on) => doc.replace({ ...doc.get(), [id]: on }),
  };
}
