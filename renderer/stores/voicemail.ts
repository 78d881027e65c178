/**
 * Voice mail (issue 23): the first page of the mailbox's voice mail (newest first), whether the
 * Voice mail view is open, and the actions on an entry. Main decides; this slice keeps what main
 * last said and applies main's answers (never a guess of its own).
 */
import type { StoreApi } from 'zustand';
import {
  DEFAULT_VOICEMAIL_PAGE,
  type RosterApi,
  type RosterError,
  type VoicemailPage,
} from '../../preload/contract';
import { withUnread, without } from '../voicemail-model';
import { call } from './call';

export type VoicemailState =
  | { status: 'idle' }
  | { status: 'loading'; value?: VoicemailPage }
  | { status: 'loaded'; value: VoicemailPage }
  | { status: 'failed'; error: RosterError; value?: VoicemailPage };

export type VoicemailSlice = {
  voicemail: VoicemailState;
  voicemailOpen: boolean;
  openVoicemail: () => void;
  closeVoicemail: () => void;
  loadVoicemail: () => Promise<void>;
  /** Heard (read) or not; the error when main refused, else null. */
  setVoicemailRead: (id: string, read: boolean) => Promise<RosterError | null>;
  deleteVoicemail: (id: string) => Promise<RosterError | null>;
  resetVoicemail: () => void;
};

type Set = StoreApi<VoicemailSlice>['setState'];
type Get = StoreApi<VoicemailSlice>['getState'];

const valueOf = (s: VoicemailState): VoicemailPage | undefined => ('value' in s ? s.value : undefined);

export function createVoicemailSlice(api: RosterApi) {
  return (set: Set, get: Get): VoicemailSlice => {
    /** Replace the entries main changed, keeping the state's status. */
    const update = (change: (page: VoicemailPage) => VoicemailPage): void => {
      const current = get().voicemail;
      const value = valueOf(current);
      if (!value) return;
      set({ voicemail: { ...current, value: change(value) } as VoicemailState });
    };
    return {
      voicemail: { status: 'idle' },
      voicemailOpen: false,
      openVoicemail: () => {
        set({ voicemailOpen: true });
        void get().loadVoicemail();
      },
      closeVoicemail: () => set({ voicemailOpen: false }),
      loadVoicemail: async () => {
        const before = valueOf(get().voicemail);
        set({ voicemail: before ? { status: 'loading', value: before } : { status: 'loading' } });
        const result = await call(() => api.listVoicemail({ offset: 0, max: DEFAULT_VOICEMAIL_PAGE }));
        if (result.ok) set({ voicemail: { status: 'loaded', value: result.value } });
        else
          set({
            voicemail: before
              ? { status: 'failed', error: result.error, value: before }
              : { status: 'failed', error: result.error },
          });
      },
      setVoicemailRead: async (id, read) => {
        const result = await call(() => api.setVoicemailRead({ id, read }));
        if (!result.ok) return result.error;
        update((page) => ({ ...page, entries: withUnread(page.entries, id, result.value.unread) }));
        return null;
      },
      deleteVoicemail: async (id) => {
        const result = await call(() => api.deleteVoicemail({ id }));
        if (!result.ok) return result.error;
        update((page) => {
          const entries = without(page.entries, id);
          const gone = page.entries.length - entries.length;
          return { ...page, entries, total: Math.max(0, page.total - gone) };
        });
        return null;
      },
      resetVoicemail: () => set({ voicemail: { status: 'idle' }, voicemailOpen: false }),
    };
  };
}

/** Main says a voice mail changed (here or in another window): the list reloads once loaded. */
export function connectVoicemail(api: RosterApi, _set: Set, get: Get): () => void {
  return api.on('voicemailChanged', () => {
    if (get().voicemail.status !== 'idle') void get().loadVoicemail();
  });
}
