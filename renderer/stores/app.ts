import type { StoreApi } from 'zustand';
import type { AppInfo, RosterApi, RosterError } from '../../preload/contract';
import { call } from './call';

export type AppSlice = {
  appInfo: AppInfo | null;
  appError: RosterError | null;
  loadAppInfo: () => Promise<void>;
};

type Set = StoreApi<AppSlice>['setState'];

export function createAppSlice(api: RosterApi) {
  return (set: Set): AppSlice => ({
    appInfo: null,
    appError: null,
    loadAppInfo: async () => {
      const result = await call(() => api.getAppInfo());
      if (result.ok) set({ appInfo: result.value, appError: null });
      else set({ appError: result.error });
    },
  });
}
