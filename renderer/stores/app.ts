import type { StoreApi } from 'zustand';
import type { AppInfo, RosterApi, RosterError } from '../../preload/contract';
import { call } from './call';

export type AppSlice = {
  appInfo: AppInfo | null;
  appError: RosterError | null;
  /** The bridge lost its link to main for good (web shell stopped): only a reload helps. */
  connectionLost: boolean;
  loadAppInfo: () => Promise<void>;
};

type Set = StoreApi<AppSlice>['setState'];

export function createAppSlice(api: RosterApi) {
  return (set: Set): AppSlice => ({
    appInfo: null,
    appError: null,
    connectionLost: false,
    loadAppInfo: async () => {
      const result = await call(() => api.getAppInfo());
      if (result.ok) set({ appInfo: result.value, appError: null });
      else set({ appError: result.error });
    },
  });
}

/** Follow the bridge's connectionLost event. Returns the unsubscribe function. */
export function connectApp(api: RosterApi, set: Set): () => void {
  return api.on('connectionLost', () => set({ connectionLost: true }));
}
