import type { StoreApi } from 'zustand';
import type { RosterApi, RosterError, Settings, SettingsPatch } from '../../preload/contract';
import { call } from './call';

export type SettingsSlice = {
  /** null until getSettings answers (or when it failed: see settingsError). */
  settings: Settings | null;
  settingsError: RosterError | null;
  loadSettings: () => Promise<void>;
  /** Applies the change at once (optimistic), persists it through main, reverts if main refuses. */
  updateSettings: (patch: SettingsPatch) => Promise<boolean>;
};

type Set = StoreApi<SettingsSlice>['setState'];
type Get = StoreApi<SettingsSlice>['getState'];

export function createSettingsSlice(api: RosterApi) {
  return (set: Set, get: Get): SettingsSlice => ({
    settings: null,
    settingsError: null,
    loadSettings: async () => {
      const result = await call(() => api.getSettings());
      if (result.ok) set({ settings: result.value, settingsError: null });
      else set({ settingsError: result.error });
    },
    updateSettings: async (patch) => {
      const before = get().settings;
      if (before) set({ settings: { ...before, ...patch }, settingsError: null });
      const result = await call(() => api.updateSettings(patch));
      if (result.ok) {
        set({ settings: result.value, settingsError: null });
        return true;
      }
      set({ settings: before, settingsError: result.error });
      return false;
    },
  });
}

export function connectSettings(api: RosterApi, set: Set, get: Get): () => void {
  const off = api.on('settingsChanged', (settings) => set({ settings, settingsError: null }));
  void get().loadSettings();
  return off;
}
