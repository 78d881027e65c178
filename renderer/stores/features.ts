import type { StoreApi } from 'zustand';
import type { FeatureId, FeaturesSnapshot, RosterApi, RosterError } from '../../preload/contract';
import { call } from './call';

export type FeaturesSlice = {
  /** null until getFeatures answers: every feature counts as off until then. */
  features: FeaturesSnapshot | null;
  featuresError: RosterError | null;
  /** The feature whose switch is being saved. */
  featureSaving: FeatureId | null;
  diagnosticsBusy: boolean;
  diagnosticsError: RosterError | null;
  loadFeatures: () => Promise<void>;
  setFeatureOptIn: (id: FeatureId, on: boolean) => Promise<boolean>;
  /** Ask main for the diagnostics zip and offer it as a download; false when it failed. */
  saveDiagnostics: () => Promise<boolean>;
};

type Set = StoreApi<FeaturesSlice>['setState'];
type Get = StoreApi<FeaturesSlice>['getState'];

/** Offer bytes main made as a file download (nothing leaves the machine). */
function download(name: string, type: string, base64: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function createFeaturesSlice(api: RosterApi) {
  return (set: Set, get: Get): FeaturesSlice => ({
    features: null,
    featuresError: null,
    featureSaving: null,
    diagnosticsBusy: false,
    diagnosticsError: null,
    loadFeatures: async () => {
      const result = await call(() => api.getFeatures());
      if (result.ok) set({ features: result.value, featuresError: null });
      else set({ featuresError: result.error });
    },
    setFeatureOptIn: async (id, on) => {
      set({ featureSaving: id, featuresError: null });
      const result = await call(() => api.setFeatureOptIn({ id, on }));
      if (result.ok) set({ features: result.value, featureSaving: null });
      else set({ featuresError: result.error, featureSaving: null });
      return result.ok;
    },
    saveDiagnostics: async () => {
      if (get().diagnosticsBusy) return false;
      set({ diagnosticsBusy: true, diagnosticsError: null });
      const result = await call(() => api.saveDiagnostics());
      if (result.ok) download(result.value.fileName, 'application/zip', result.value.base64);
      set({ diagnosticsBusy: false, diagnosticsError: result.ok ? null : result.error });
      return result.ok;
    },
  });
}

export function connectFeatures(api: RosterApi, set: Set, get: Get): () => void {
  const off = api.on('featuresChanged', (features) => set({ features, featuresError: null }));
  void get().loadFeatures();
  return off;
}

/** Whether a feature is on (false until main has said): what views use to show or hide it. */
export function featureOn(features: FeaturesSnapshot | null, id: FeatureId): boolean {
  return features?.features.find((f) => f.id === id)?.on ?? false;
}
