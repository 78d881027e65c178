/**
 * The user's settings, persisted as JSON in the data folder. A file that is missing, unreadable
 * or from an older version never stops the app: unknown or invalid fields fall back to defaults.
 */
import { join } from 'node:path';
import { Settings, type SettingsPatch } from '../../preload/contract';
import { readJsonIfUsable, writeFileAtomic } from './atomic-file';

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  showPhotos: true,
  rememberMe: true,
};

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

function sanitize(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null) return out;
  const shape = Settings.shape;
  for (const key of Object.keys(shape) as (keyof Settings)[]) {
    const field = shape[key].safeParse((raw as Record<string, unknown>)[key]);
    if (field.success) (out as Record<keyof Settings, unknown>)[key] = field.data;
  }
  return out;
}

export async function openSettingsStore(
  dataDir: string | null,
  /** Told when settings.json is unreadable or not JSON (defaults are used; the next change replaces it). */
  onCorrupt?: (err: unknown) => void,
): Promise<SettingsStore> {
  const file = dataDir ? join(dataDir, 'settings.json') : null;
  let current: Settings = { ...DEFAULT_SETTINGS };
  if (file) {
    const saved = await readJsonIfUsable(file, onCorrupt);
    if (saved) current = sanitize(saved.value);
  }
  let writing = Promise.resolve();
  return {
    get: () => ({ ...current }),
    async update(patch) {
      current = Settings.parse({ ...current, ...patch });
      const snapshot = JSON.stringify(current, null, 2);
      if (file) {
        // Writes run in order; a failed write does not block the next one.
        writing = writing.catch(() => undefined).then(() => writeFileAtomic(file, snapshot));
        await writing;
      }
      return { ...current };
    },
  };
}
