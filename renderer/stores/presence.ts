import type { StoreApi } from 'zustand';
import type {
  PresenceAlert,
  PresenceCard,
  PresenceInfo,
  PresenceSnapshot,
  RosterApi,
  RosterError,
} from '../../preload/contract';
import { call } from './call';

/** Who is on screen, by place: the union is what main fetches first and follows. */
/** Where people on screen are: the list, Add contact's search, the list's directory matches, the card. */
export type WatchPlace = 'list' | 'search' | 'find' | 'card';

export type CardState =
  | { status: 'loading'; card: PresenceCard | null }
  | { status: 'loaded'; card: PresenceCard }
  | { status: 'failed'; error: RosterError; card: PresenceCard | null };

export type PresenceSlice = {
  presence: PresenceSnapshot | null;
  /** By lower-case address, for rows and cards. */
  presenceByEmail: ReadonlyMap<string, PresenceInfo>;
  presenceCards: ReadonlyMap<string, CardState>;
  presenceRefreshing: boolean;
  presenceError: RosterError | null;
  /** In-app notices for "Tell me when free" (the web shell; Electron also shows a system notification). */
  presenceToasts: readonly PresenceAlert[];
  watching: Readonly<Record<WatchPlace, readonly string[]>>;

  loadPresence: () => Promise<void>;
  refreshPresence: (reason?: 'user' | 'focus') => Promise<void>;
  watchPresence: (place: WatchPlace, emails: readonly string[]) => void;
  loadPresenceCard: (email: string) => Promise<void>;
  setPresenceAlert: (email: string, on: boolean) => Promise<boolean>;
  dismissPresenceToast: (alert: PresenceAlert) => void;
  resetPresence: () => void;
};

type Set = StoreApi<PresenceSlice>['setState'];
type Get = StoreApi<PresenceSlice>['getState'];

const key = (e: string): string => e.trim().toLowerCase();

function indexOf(snapshot: PresenceSnapshot): Map<string, PresenceInfo> {
  const map = new Map<string, PresenceInfo>();
  for (const p of snapshot.people) map.set(key(p.email), p);
  if (snapshot.me) map.set(key(snapshot.me.email), snapshot.me);
  return map;
}

const initial = {
  presence: null,
  presenceByEmail: new Map<string, PresenceInfo>(),
  presenceCards: new Map<string, CardState>(),
  presenceRefreshing: false,
  presenceError: null,
  presenceToasts: [] as readonly PresenceAlert[],
  watching: { list: [], search: [], find: [], card: [] },
};

/** Watch calls are sent at most this often: scrolling must not flood main. */
const WATCH_DELAY_MS = 250;

export function createPresenceSlice(api: RosterApi) {
  return (set: Set, get: Get): PresenceSlice => {
    let watchTimer: ReturnType<typeof setTimeout> | null = null;
    let lastSent = '';
    const sendWatch = (): void => {
      watchTimer = null;
      const w = get().watching;
      const emails = [...new Set([...w.card, ...w.search, ...w.find, ...w.list].map(key))].slice(0, 500);
      const sig = emails.join(',');
      if (sig === lastSent) return;
      lastSent = sig;
      void call(() => api.watchPresence({ emails }));
    };
    const setSnapshot = (snapshot: PresenceSnapshot): void =>
      set({ presence: snapshot, presenceByEmail: indexOf(snapshot) });

    return {
      ...initial,
      loadPresence: async () => {
        const r = await call(() => api.getPresence());
        if (r.ok) setSnapshot(r.value);
      },
      refreshPresence: async (reason = 'user') => {
        set({ presenceRefreshing: true });
        const r = await call(() => api.refreshPresence({ reason }));
        if (r.ok) {
          setSnapshot(r.value);
          set({ presenceRefreshing: false, presenceError: null });
        } else set({ presenceRefreshing: false, presenceError: r.error });
      },
      watchPresence: (place, emails) => {
        const current = get().watching[place];
        if (current.length === emails.length && current.every((e, i) => e === emails[i])) return;
        set({ watching: { ...get().watching, [place]: [...emails] } });
        if (!watchTimer) watchTimer = setTimeout(sendWatch, WATCH_DELAY_MS);
      },
      loadPresenceCard: async (email) => {
        const k = key(email);
        const before = get().presenceCards.get(k);
        const cards = new Map(get().presenceCards);
        cards.set(k, { status: 'loading', card: before && 'card' in before ? before.card : null });
        set({ presenceCards: cards });
        const r = await call(() => api.getPresenceCard({ email }));
        const next = new Map(get().presenceCards);
        if (r.ok) next.set(k, { status: 'loaded', card: r.value });
        else
          next.set(k, {
            status: 'failed',
            error: r.error,
            card: before && 'card' in before ? before.card : null,
          });
        set({ presenceCards: next });
      },
      setPresenceAlert: async (email, on) => {
        const r = await call(() => api.setPresenceAlert({ email, on }));
        if (!r.ok) {
          set({ presenceError: r.error });
          return false;
        }
        const snapshot = get().presence;
        if (snapshot) set({ presence: { ...snapshot, alerts: r.value.alerts } });
        return true;
      },
      dismissPresenceToast: (alert) =>
        set({ presenceToasts: get().presenceToasts.filter((a) => a !== alert) }),
      resetPresence: () => {
        if (watchTimer) clearTimeout(watchTimer);
        watchTimer = null;
        lastSent = '';
        set({ ...initial, presenceByEmail: new Map(), presenceCards: new Map() });
      },
    };
  };
}

/** Main's pushes, and a refresh when the window comes back to the front. */
export function connectPresence(api: RosterApi, set: Set, get: Get): () => void {
  const offChanged = api.on('presenceChanged', (snapshot) =>
    set({ presence: snapshot, presenceByEmail: indexOf(snapshot) }),
  );
  const offAlert = api.on('presenceAlert', (alert) =>
    set({ presenceToasts: [...get().presenceToasts, alert].slice(-5) }),
  );
  const onFocus = (): void => {
    if (get().presence) void get().refreshPresence('focus');
  };
  const win = typeof window === 'undefined' ? null : window;
  win?.addEventListener('focus', onFocus);
  return () => {
    offChanged();
    offAlert();
    win?.removeEventListener('focus', onFocus);
  };
}
