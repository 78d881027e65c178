/**
 * Conversation history (issue 23): the History view's list (paged, searched), the contact card's
 * recent conversations, and the one conversation open. Read-only: every action only asks main.
 */
import type { StoreApi } from 'zustand';
import type { Conversation, ConversationSummary, RosterApi, RosterError } from '../../preload/contract';
import { DEFAULT_RECENT_CONVERSATIONS } from '../../preload/contract';
import { appendPage } from '../history-model';
import { call } from './call';

/** Conversations asked for at a time (a screenful or two; the list draws only what is seen). */
export const HISTORY_PAGE = 50;

export type HistoryListState = {
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  /** The search the rows answer ('' for the whole folder). */
  query: string;
  rows: readonly ConversationSummary[];
  total: number;
  /** Where the next page starts; absent when every row is here. */
  nextOffset?: number;
  /** A next page is being read (the rows so far stay). */
  loadingMore: boolean;
  error: RosterError | null;
};

export type RecentState =
  | { status: 'loading' }
  | { status: 'loaded'; entries: readonly ConversationSummary[] }
  | { status: 'failed'; error: RosterError };

export type OpenConversationState =
  | { status: 'loading'; id: string; entry?: ConversationSummary }
  | { status: 'loaded'; id: string; conversation: Conversation }
  | { status: 'failed'; id: string; entry?: ConversationSummary; error: RosterError };

export type HistorySlice = {
  /** The History view is shown in the detail pane. */
  historyOpen: boolean;
  historyList: HistoryListState;
  /** Recent conversations by lower-case address (the contact card). */
  recentConversations: ReadonlyMap<string, RecentState>;
  openedConversation: OpenConversationState | null;
  /** The clock row times are said against (injected: tests pass fake time). */
  historyNow: () => number;

  showHistory: (open: boolean) => void;
  /** The first page of the folder, or of a search when `query` is not empty. */
  loadHistory: (query?: string) => Promise<void>;
  /** The next page, when there is one and none is being read. */
  loadMoreHistory: () => Promise<void>;
  loadRecentConversations: (email: string, displayName?: string) => Promise<void>;
  openConversation: (id: string, entry?: ConversationSummary) => Promise<void>;
  closeConversation: () => void;
  resetHistory: () => void;
};

type Set = StoreApi<HistorySlice>['setState'];
type Get = StoreApi<HistorySlice>['getState'];

const emptyList: HistoryListState = {
  status: 'idle',
  query: '',
  rows: [],
  total: 0,
  loadingMore: false,
  error: null,
};

export function createHistorySlice(api: RosterApi, now: () => number = Date.now) {
  return (set: Set, get: Get): HistorySlice => {
    /** Answers that arrive after a newer question (another search, a reset) are dropped. */
    let listSeq = 0;
    let openSeq = 0;
    let recentCount = 0;
    const recentSeq = new Map<string, number>();

    const page = (query: string, offset: number) =>
      call(() =>
        query === ''
          ? api.listHistory({ offset, max: HISTORY_PAGE })
          : api.searchHistory({ text: query, offset, max: HISTORY_PAGE }),
      );

    return {
      historyOpen: false,
      historyList: emptyList,
      recentConversations: new Map(),
      openedConversation: null,
      historyNow: now,

      showHistory: (open) => {
        set({ historyOpen: open });
        if (open && get().historyList.status === 'idle') void get().loadHistory();
      },
      loadHistory: async (query = get().historyList.query) => {
        const q = query.trim();
        const seq = ++listSeq;
        set({ historyList: { ...emptyList, status: 'loading', query: q } });
        const r = await page(q, 0);
        if (seq !== listSeq) return;
        set({
          historyList: r.ok
            ? { ...emptyList, status: 'loaded', query: q, ...appendPage([], r.value) }
            : { ...emptyList, status: 'failed', query: q, error: r.error },
        });
      },
      loadMoreHistory: async () => {
        const list = get().historyList;
        if (list.status !== 'loaded' || list.loadingMore || list.nextOffset === undefined) return;
        const seq = listSeq;
        set({ historyList: { ...list, loadingMore: true, error: null } });
        const r = await page(list.query, list.nextOffset);
        if (seq !== listSeq) return;
        const now = get().historyList;
        if (!r.ok) return set({ historyList: { ...now, loadingMore: false, error: r.error } });
        set({
          historyList: {
            status: now.status,
            query: now.query,
            error: null,
            loadingMore: false,
            ...appendPage(now.rows, r.value),
          },
        });
      },
      loadRecentConversations: async (email, displayName) => {
        const key = email.trim().toLowerCase();
        const seq = ++recentCount;
        recentSeq.set(key, seq);
        const put = (state: RecentState) =>
          set({ recentConversations: new Map(get().recentConversations).set(key, state) });
        if (!get().recentConversations.has(key)) put({ status: 'loading' });
        const r = await call(() =>
          api.recentConversations({
            email,
            max: DEFAULT_RECENT_CONVERSATIONS,
            ...(displayName ? { displayName } : {}),
          }),
        );
        if (recentSeq.get(key) !== seq) return;
        put(r.ok ? { status: 'loaded', entries: r.value.entries } : { status: 'failed', error: r.error });
      },
      openConversation: async (id, entry) => {
        const seq = ++openSeq;
        set({ openedConversation: { status: 'loading', id, ...(entry ? { entry } : {}) } });
        const r = await call(() => api.openConversation({ id }));
        if (seq !== openSeq) return;
        set({
          openedConversation: r.ok
            ? { status: 'loaded', id, conversation: r.value }
            : { status: 'failed', id, error: r.error, ...(entry ? { entry } : {}) },
        });
      },
      closeConversation: () => {
        openSeq++;
        set({ openedConversation: null });
      },
      resetHistory: () => {
        listSeq++;
        openSeq++;
        recentSeq.clear();
        set({
          historyOpen: false,
          historyList: emptyList,
          recentConversations: new Map(),
          openedConversation: null,
        });
      },
    };
  };
}
