/**
 * The user's settings, persisted as JSON in the data folder. A file that is missing, unreadable
 * or from an older version never stops the app: unknown or invalid fields fall back to defaults.
 */
import { Settings, type SettingsPatch } from '../../preload/contract';
import { openJsonDocument } from './atomic-file';

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
  const doc = await openJsonDocument(dataDir, 'settings.json', sanitize, onCorrupt);
  return {
    get: doc.get,
    update: async (patch) => doc.replace(Settings.parse({ ...doc.get(), ...patch })),
  };
}
