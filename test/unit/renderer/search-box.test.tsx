/**
 * The contact list's one search box (issue 20 item 19, as Lync and Teams): my contacts filtered
 * first, the directory's other people below, debounced, only the current text's answer shown;
 * Down enters the results, Enter opens a card, "Add to contacts" on a directory row.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelResponse, Result } from '../../../preload/contract';
import { SEARCH_DEBOUNCE_MS } from '../../../renderer/views/AddContact';
import { defaultSettings, deferred, directory, ok, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';
import { renderApp } from './render';

type SearchAnswer = Result<ChannelResponse<'searchDirectory'>>;

async function signedIn(options: FakeRosterOptions = {}) {
  const rendered = renderApp({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    ...options,
  });
  await screen.findByRole('tree', { name: 'Contact list' });
  const box = screen.getByRole('searchbox', { name: 'Search contacts and directory' });
  return { ...rendered, box };
}

const directoryRegion = () => screen.getByRole('region', { name: 'In the directory' });
const directoryPeople = () =>
  within(directoryRegion())
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('.result-list__name')?.textContent);

afterEach(() => vi.useRealTimers());

describe('one search box for my contacts and the directory', () => {
  it('filters my contacts first and shows the directory’s other people below', async () => {
    const { box, roster } = await signedIn();
    fireEvent.change(box, { target: { value: 'hel' } });
    // Mine, in the tree: Hélène (in two groups).
    await waitFor(() =>
      expect(
        within(screen.getByRole('tree')).getAllByRole('treeitem', { name: /^Hélène Dubois/ }).length,
      ).toBe(2),
    );
    // The directory's, below: not Hélène again (she is a contact), nor a group not matching.
    await waitFor(() => expect(directoryPeople()).toEqual(['Helmut Schmidt', 'Helga Berg']));
    expect(within(directoryRegion()).getByText('2 more people in the directory')).toBeTruthy();
    expect(roster.api.searchDirectory).toHaveBeenCalledWith({ query: 'hel' });
  });

  it('waits for typing to pause, and asks nothing for one letter', async () => {
    const { box, roster } = await signedIn();
    vi.useFakeTimers(); // from here, time moves only when the test says
    fireEvent.change(box, { target: { value: 'h' } });
    await act(() => vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2));
    expect(roster.api.searchDirectory).not.toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: 'In the directory' })).toBeNull();
    fireEvent.change(box, { target: { value: 'he' } });
    fireEvent.change(box, { target: { value: 'hel' } });
    await act(() => vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 50));
    expect(roster.api.searchDirectory).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(roster.api.searchDirectory.mock.calls).toEqual([[{ query: 'hel' }]]);
  });

  it('a newer text wins: the older answer, arriving late, is never shown', async () => {
    const slow = deferred<SearchAnswer>();
    const { box, roster } = await signedIn({
      searchDirectory: (query) =>
        query === 'helm'
          ? slow.promise
          : Promise.resolve(
              ok({
                query,
                results: directory.filter((d) => d.displayName === 'Helga Berg'),
                cancelled: false,
              }),
            ),
    });
    fireEvent.change(box, { target: { value: 'helm' } });
    await waitFor(() => expect(roster.api.searchDirectory).toHaveBeenCalledWith({ query: 'helm' }));
    expect(within(directoryRegion()).getByText('Searching the directory…')).toBeTruthy();
    fireEvent.change(box, { target: { value: 'helg' } });
    await waitFor(() => expect(directoryPeople()).toEqual(['Helga Berg']));
    const helmut = directory.filter((d) => d.displayName === 'Helmut Schmidt');
    await act(async () => {
      slow.resolve(ok({ query: 'helm', results: helmut, cancelled: false }));
      await slow.promise;
      // Let every promise hop between the bridge and the view settle (no timer involved).
      for (let hop = 0; hop < 20; hop++) await Promise.resolve();
    });
    expect(directoryPeople()).toEqual(['Helga Berg']);
  });

  it('keyboard: Down from the box enters the directory when none of my contacts match; Enter opens the card; Up goes back', async () => {
    const { box } = await signedIn();
    box.focus();
    fireEvent.change(box, { target: { value: 'helm' } });
    await waitFor(() => expect(directoryPeople()).toEqual(['Helmut Schmidt']));
    expect(screen.getByText('No contact matches “helm”.')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const open = document.activeElement as HTMLElement;
    expect(open.textContent).toContain('Helmut Schmidt');
    fireEvent.click(open); // Enter on a button is a click
    const card = within(screen.getByRole('main', { name: 'Contact details' }));
    expect(card.getByRole('heading', { name: 'Helmut Schmidt' })).toBeTruthy();
    expect(card.getByText('From the directory — not in your contacts')).toBeTruthy();
    fireEvent.keyDown(open, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box);
  });

  it('Down from the box goes to my contacts first when some match', async () => {
    const { box } = await signedIn();
    fireEvent.change(box, { target: { value: 'hel' } });
    await waitFor(() => expect(directoryPeople()).toEqual(['Helmut Schmidt', 'Helga Berg']));
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByRole('tree').contains(document.activeElement)).toBe(true);
  });

  it('"Add to contacts" on a directory row adds the person to Other Contacts; the row moves up into my list', async () => {
    const { box, roster } = await signedIn();
    fireEvent.change(box, { target: { value: 'helga' } });
    const add = await screen.findByRole('button', { name: 'Add to contacts: Helga Berg' });
    fireEvent.click(add);
    expect(roster.api.addContact).toHaveBeenCalledWith({
      source: { kind: 'directory', email: 'helga.berg@contoso.example', displayName: 'Helga Berg' },
    });
    expect(await screen.findByText('Helga Berg was added to your contacts.')).toBeTruthy();
    await waitFor(() => expect(directoryPeople()).toEqual([]));
    expect(screen.getByRole('treeitem', { name: 'Helga Berg Lawyer · Legal' })).toBeTruthy();
  });

  it('in French, the box’s placeholder is short enough to be read whole', async () => {
    renderApp({
      session: { status: 'signed-in', account: workAccount, vault: 'os' },
      settings: { ...defaultSettings, language: 'fr' },
    });
    const box = await screen.findByRole('searchbox', { name: 'Rechercher dans les contacts et l’annuaire' });
    expect(box.getAttribute('placeholder')).toBe('Rechercher');
  });
});
