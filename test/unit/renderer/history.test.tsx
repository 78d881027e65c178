/**
 * Conversation history (issue 23) as the user sees it: a contact's recent conversations on the card
 * (missed ones said in words), opening one shows who said what and when as text; the History view
 * reads the folder in pages and searches it; errors are said in words; nothing shows when the
 * feature is off. The fake bridge answers with the test's data; the calls made are checked.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationSummary, HistoryPage } from '../../../preload/contract';
import { App } from '../../../renderer/App';
import { formatConversationTime } from '../../../renderer/history-model';
import { formatTime, timeLocale, viewerOffset } from '../../../renderer/presence-model';
import { createFakeRoster, defaultSettings, fail, featuresSnapshot, ok, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';

const signedIn = { status: 'signed-in', account: workAccount, vault: 'os' } as const;
const NOW = Date.parse('2026-11-30T15:00:00.000Z');
const face = { locale: timeLocale('en', navigator.languages), offset: viewerOffset };

function entry(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'c-1',
    kind: 'im',
    subject: 'Build',
    at: '2026-11-30T09:00:00.000Z',
    participants: [{ name: 'Hélène Dubois', email: 'helene.dubois@contoso.example' }],
    preview: 'Can you look at the build when you get a chance?',
    unread: false,
    ...over,
  };
}

const hostile: Conversation = {
  entry: entry({ id: 'c-2', subject: 'Look at this', preview: 'Look at this here', kind: 'im' }),
  transcript: [
    { speaker: 'Hélène Dubois', time: '9:00 AM', text: 'Look at this here' },
    { speaker: 'Jean Dupont', time: '9:01 AM', text: '<script>this stays text</script>' },
  ],
  text: 'Hélène Dubois [9:00 AM]:\nLook at this here',
};

function start(options: FakeRosterOptions = {}) {
  const roster = createFakeRoster({ session: signedIn, ...options });
  render(<App api={roster.api} now={() => NOW} />);
  return roster;
}

async function openCard(name: RegExp) {
  await screen.findByRole('tree', { name: 'Contact list' });
  fireEvent.click(screen.getAllByRole('treeitem', { name })[0] as HTMLElement);
  return within(screen.getByRole('main', { name: 'Contact details' }));
}

describe('recent conversations on the card', { timeout: 20_000 }, () => {
  it('lists them with kind, time and preview; a missed one says so in words', async () => {
    const roster = start({
      history: {
        recentConversations: () =>
          Promise.resolve(
            ok({
              entries: [
                entry(),
                entry({
                  id: 'c-3',
                  kind: 'missed-call',
                  at: '2026-11-29T18:30:00.000Z',
                  preview: '',
                  subject: 'Missed call from Hélène Dubois',
                  unread: true,
                }),
              ],
            }),
          ),
      },
    });
    const card = await openCard(/^Hélène Dubois/);
    const section = within(await card.findByRole('region', { name: 'Recent conversations' }));
    const rows = await section.findAllByRole('button');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Conversation');
    expect(rows[0]?.textContent).toContain(formatTime(Date.parse('2026-11-30T09:00:00.000Z'), face));
    expect(rows[0]?.textContent).toContain('Can you look at the build when you get a chance?');
    expect(rows[1]?.textContent).toContain('Missed call');
    expect(rows[1]?.textContent).toContain('Missed call from Hélène Dubois');
    expect(rows[1]?.textContent).toContain('(unread)');
    const when = formatConversationTime(Date.parse('2026-11-29T18:30:00.000Z'), NOW, face);
    // With the card's person alone, the row does not name them again.
    expect(rows[1]?.textContent).toMatch(new RegExp(`^Missed call${when}`));
    expect(roster.api.recentConversations).toHaveBeenCalledWith({
      email: 'helene.dubois@contoso.example',
      displayName: 'Hélène Dubois',
      max: 5,
    });
  });

  it('opens one: who said what and when, the sender’s markup shown as text only', async () => {
    const roster = start({
      history: {
        recentConversations: () => Promise.resolve(ok({ entries: [hostile.entry] })),
        openConversation: () => Promise.resolve(ok(hostile)),
      },
    });
    const card = await openCard(/^Hélène Dubois/);
    const section = within(await card.findByRole('region', { name: 'Recent conversations' }));
    fireEvent.click(await section.findByRole('button', { name: /Look at this/ }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Hélène Dubois' }));
    const transcript = within(await dialog.findByRole('list', { name: 'Transcript' }));
    const lines = transcript.getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual([
      'Hélène Dubois9:00 AMLook at this here',
      'Jean Dupont9:01 AM<script>this stays text</script>',
    ]);
    expect(document.querySelector('.dialog script')).toBeNull();
    expect(roster.api.openConversation).toHaveBeenCalledWith({ id: 'c-2' });
    fireEvent.click(dialog.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says when there are none, and says a failure in words with a retry', async () => {
    let answer = fail<{ entries: ConversationSummary[] }>({
      kind: 'network',
      message: 'socket hang up',
    });
    const roster = start({ history: { recentConversations: () => Promise.resolve(answer) } });
    const card = await openCard(/^Bob Martin/);
    const section = within(await card.findByRole('region', { name: 'Recent conversations' }));
    expect((await section.findByRole('alert')).textContent).toMatch(/connect/i);
    answer = ok({ entries: [] });
    fireEvent.click(section.getByRole('button', { name: 'Try again' }));
    expect(await section.findByText('No recent conversations with Bob Martin.')).toBeTruthy();
    expect(roster.api.recentConversations).toHaveBeenCalledTimes(2);
  });

  it('is not there, and main is not asked, when the feature is off', async () => {
    const roster = start({ features: featuresSnapshot({ off: ['history'] }) });
    const card = await openCard(/^Hélène Dubois/);
    expect(await card.findByRole('heading', { name: 'Hélène Dubois' })).toBeTruthy();
    expect(card.queryByRole('region', { name: 'Recent conversations' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'History' })).toBeNull();
    expect(roster.api.recentConversations).not.toHaveBeenCalled();
  });
});

describe('the History view', { timeout: 30_000 }, () => {
  const many = (from: number, count: number): ConversationSummary[] =>
    Array.from({ length: count }, (_, i) =>
      entry({ id: `c-${from + i}`, preview: `Message ${from + i}`, subject: `Subject ${from + i}` }),
    );

  it('reads the folder in pages, searches it, and clears the search', async () => {
    const pages: Record<number, HistoryPage> = {
      0: { entries: many(0, 50), total: 70, nextOffset: 50 },
      50: { entries: many(50, 20), total: 70 },
    };
    const roster = start({
      history: {
        listHistory: ({ offset }) => Promise.resolve(ok(pages[offset ?? 0] ?? { entries: [], total: 70 })),
        searchHistory: () =>
          Promise.resolve(ok({ entries: [entry({ subject: 'Roadmap review' })], total: 1 })),
      },
    });
    await screen.findByRole('tree', { name: 'Contact list' });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const view = within(screen.getByRole('main', { name: 'Conversation history' }));
    expect(await view.findByText('70 conversations')).toBeTruthy();
    expect(roster.api.listHistory).toHaveBeenCalledWith({ offset: 0, max: 50 });
    const list = view.getByRole('list', { name: 'Conversations (70)' });
    // Virtualised: only the rows in view (and a few more) are drawn.
    const drawn = within(list).getAllByRole('listitem');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(50);
    expect(drawn[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(drawn[0]?.getAttribute('aria-setsize')).toBe('70');

    fireEvent.click(view.getByRole('button', { name: 'Show more conversations' }));
    await waitFor(() => expect(roster.api.listHistory).toHaveBeenCalledWith({ offset: 50, max: 50 }));
    await waitFor(() => expect(view.queryByRole('button', { name: 'Show more conversations' })).toBeNull());

    fireEvent.change(view.getByRole('searchbox', { name: 'Search conversation history' }), {
      target: { value: ' roadmap ' },
    });
    fireEvent.click(view.getByRole('button', { name: 'Search' }));
    expect(await view.findByText('1 conversation found for “roadmap”')).toBeTruthy();
    expect(roster.api.searchHistory).toHaveBeenCalledWith({ text: 'roadmap', offset: 0, max: 50 });
    expect(within(view.getByRole('list')).getAllByRole('listitem')).toHaveLength(1);

    fireEvent.click(view.getByRole('button', { name: 'Clear search' }));
    expect(await view.findByText('70 conversations')).toBeTruthy();
    expect(roster.api.listHistory).toHaveBeenLastCalledWith({ offset: 0, max: 50 });
  });

  it('moves between rows with the arrow keys; a row opens its conversation', async () => {
    const roster = start({
      history: {
        listHistory: () => Promise.resolve(ok({ entries: many(0, 3), total: 3 })),
        openConversation: ({ id }) =>
          Promise.resolve(ok({ entry: entry({ id }), transcript: [{ text: 'Hello' }], text: 'Hello' })),
      },
    });
    await screen.findByRole('tree', { name: 'Contact list' });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const view = within(screen.getByRole('main', { name: 'Conversation history' }));
    const rows = await view.findAllByRole('button', { name: /Message \d/ });
    rows[0]?.focus();
    fireEvent.keyDown(rows[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[2]);
    fireEvent.keyDown(rows[2] as HTMLElement, { key: 'ArrowDown' }); // the last row: stays
    expect(document.activeElement).toBe(rows[2]);
    fireEvent.keyDown(rows[2] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.click(rows[1] as HTMLElement);
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(roster.api.openConversation).toHaveBeenCalledWith({ id: 'c-1' });
  });

  it('says a mailbox without the folder in words the user can act on', async () => {
    start({
      history: {
        listHistory: () =>
          Promise.resolve(
            fail({
              kind: 'not-found',
              message: 'This mailbox has no Conversation History folder.',
              code: 'NoConversationHistory',
            }),
          ),
      },
    });
    await screen.findByRole('tree', { name: 'Contact list' });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No conversation history in this mailbox');
    expect(alert.textContent).toContain('Save IM conversations in my email Conversation History folder');
  });

  it('gives way to a contact opened from the list', async () => {
    start();
    await screen.findByRole('tree', { name: 'Contact list' });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByRole('main', { name: 'Conversation history' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'History' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getAllByRole('treeitem', { name: /^Bob Martin/ })[0] as HTMLElement);
    expect(await screen.findByRole('main', { name: 'Contact details' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'History' }).getAttribute('aria-pressed')).toBe('false');
  });
});

describe('in French', { timeout: 20_000 }, () => {
  it('says the card’s section, a missed call and the History view in French', async () => {
    start({
      settings: { ...defaultSettings, language: 'fr' },
      history: {
        recentConversations: () =>
          Promise.resolve(ok({ entries: [entry({ id: 'c-9', kind: 'missed-call', preview: 'Rappel' })] })),
        listHistory: () => Promise.resolve(ok({ entries: [entry()], total: 1 })),
      },
    });
    await screen.findByRole('tree', { name: 'Liste de contacts' });
    fireEvent.click(screen.getAllByRole('treeitem', { name: /^Hélène Dubois/ })[0] as HTMLElement);
    const section = await screen.findByRole('region', { name: 'Conversations récentes' });
    expect(await within(section).findByText('Appel manqué')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Historique' }));
    const view = within(await screen.findByRole('main', { name: 'Historique des conversations' }));
    expect(await view.findByText('1 conversation')).toBeTruthy();
    expect(
      view.getByRole('searchbox', { name: 'Rechercher dans l’historique des conversations' }),
    ).toBeTruthy();
  });
});
