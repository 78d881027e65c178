/**
 * The history slice (issue 23) on a fake bridge: a newer search wins over an older answer, a page
 * is asked for once at a time, a failed next page keeps the rows, and everything is forgotten on
 * sign-out or when the feature is turned off. No timers: answers are settled by hand.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelResponse, ConversationSummary, HistoryPage, Result } from '../../../preload/contract';
import { connectRosterStore, createRosterStore } from '../../../renderer/stores';
import { createFakeRoster, deferred, fail, featuresSnapshot, ok, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';

const signedIn = { status: 'signed-in', account: workAccount, vault: 'os' } as const;

const row = (id: string): ConversationSummary => ({
  id,
  kind: 'im',
  subject: id,
  at: '2026-11-30T09:00:00.000Z',
  participants: [{ name: 'Bob Martin' }],
  preview: id,
  unread: false,
});

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup(options: FakeRosterOptions = {}) {
  const roster = createFakeRoster({ session: signedIn, ...options });
  const store = createRosterStore(roster.api);
  const disconnect = connectRosterStore(store, roster.api);
  return { roster, store, disconnect };
}

describe('history store', () => {
  it('keeps the newest search: an older answer arriving late is dropped', async () => {
    const slow = deferred<Result<HistoryPage>>();
    const { store, roster } = setup({
      history: {
        searchHistory: ({ text }) =>
          text === 'old' ? slow.promise : Promise.resolve(ok({ entries: [row('new')], total: 1 })),
      },
    });
    const first = store.getState().loadHistory('old');
    await store.getState().loadHistory('new');
    slow.resolve(ok({ entries: [row('old')], total: 1 }));
    await first;
    expect(store.getState().historyList.query).toBe('new');
    expect(store.getState().historyList.rows.map((r) => r.id)).toEqual(['new']);
    expect(roster.api.searchHistory).toHaveBeenCalledTimes(2);
  });

  it('asks for the next page once at a time, and a failure keeps the rows with the error', async () => {
    const next = deferred<Result<HistoryPage>>();
    const { store, roster } = setup({
      history: {
        listHistory: ({ offset }) =>
          offset ? next.promise : Promise.resolve(ok({ entries: [row('a')], total: 2, nextOffset: 1 })),
      },
    });
    await store.getState().loadHistory('');
    const more = store.getState().loadMoreHistory();
    await store.getState().loadMoreHistory(); // already reading: not asked again
    expect(roster.api.listHistory).toHaveBeenCalledTimes(2);
    next.resolve(fail({ kind: 'network', message: 'socket hang up' }));
    await more;
    const list = store.getState().historyList;
    expect(list.rows.map((r) => r.id)).toEqual(['a']);
    expect(list.error?.kind).toBe('network');
    expect(list.nextOffset).toBe(1);
    expect(list.loadingMore).toBe(false);
  });

  it('forgets everything on sign-out', async () => {
    const { store, roster } = setup({
      history: {
        recentConversations: () =>
          Promise.resolve(ok<ChannelResponse<'recentConversations'>>({ entries: [row('r')] })),
      },
    });
    await settle();
    store.getState().showHistory(true);
    await store.getState().loadRecentConversations('bob@contoso.example', 'Bob');
    expect(store.getState().recentConversations.get('bob@contoso.example')).toEqual({
      status: 'loaded',
      entries: [row('r')],
    });
    roster.setSession({ status: 'signed-out' });
    expect(store.getState().historyOpen).toBe(false);
    expect(store.getState().recentConversations.size).toBe(0);
    expect(store.getState().historyList.status).toBe('idle');
  });

  it('closes the view when the feature is turned off', async () => {
    const { store, roster } = setup();
    await settle();
    store.getState().showHistory(true);
    expect(store.getState().historyOpen).toBe(true);
    roster.setFeatures(featuresSnapshot({ off: ['history'] }));
    expect(store.getState().historyOpen).toBe(false);
  });
});
