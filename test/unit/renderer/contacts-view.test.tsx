import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelResponse, ContactList, Result } from '../../../preload/contract';
import {
  deferred,
  defaultSettings,
  directory,
  fail,
  ok,
  sampleContactList,
  workAccount,
} from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';
import { fromMain, renderApp } from './render';

type SearchAnswer = Result<ChannelResponse<'searchDirectory'>>;

async function signedIn(options: FakeRosterOptions = {}) {
  const rendered = renderApp({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    ...options,
  });
  const tree = await screen.findByRole('tree', { name: 'Contact list' });
  return { ...rendered, tree };
}

const item = (name: string | RegExp) => screen.getByRole('treeitem', { name });
/** A row's accessible name: the texts its aria-labelledby points at, as a screen reader joins them. */
const rowName = (el: Element | null): string | null => {
  const ids = el?.getAttribute('aria-labelledby');
  if (!ids) return el?.getAttribute('aria-label') ?? null;
  return ids
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ');
};

const names = (tree: HTMLElement) =>
  within(tree)
    .getAllByRole('treeitem')
    .map((el) => rowName(el));

describe('contact list', () => {
  it('shows the groups in server order with counts, and each contact with photo, title and department', async () => {
    const { tree, roster } = await signedIn();
    expect(roster.api.getContactList).toHaveBeenCalledTimes(1);
    expect(names(tree)).toEqual([
      'Favorites 1 contact',
      'Hélène Dubois Product manager · Marketing',
      'Other Contacts 2 contacts',
      '+1 425 555 0100',
      'Anna Åberg Accountant · Finance',
      'Team 3 contacts',
      'Bob Martin Engineer · Research',
      'Chloé Zhang Designer · Design',
      'Hélène Dubois Product manager · Marketing',
      'All Marketing Distribution group',
    ]);
    const team = item('Team 3 contacts');
    expect(team.getAttribute('aria-level')).toBe('1');
    expect(team.getAttribute('aria-expanded')).toBe('true');
    expect(team.getAttribute('aria-posinset')).toBe('3');
    expect(team.getAttribute('aria-setsize')).toBe('4');
    const bob = item('Bob Martin Engineer · Research');
    expect(bob.getAttribute('aria-level')).toBe('2');
    expect(bob.getAttribute('aria-posinset')).toBe('1');
    expect(bob.getAttribute('aria-setsize')).toBe('3');
    // Photos at 1×: HR64x64, from the app's photo URL; the telephone-only contact has initials.
    const img = bob.querySelector('img');
    expect(img?.getAttribute('src')).toBe('./photo/bob.martin%40contoso.example?size=HR64x64');
    expect(item('+1 425 555 0100').querySelector('img')).toBeNull();
  });

  it('asks for HR96x96 photos on a high-density screen', async () => {
    const before = window.devicePixelRatio;
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: 2 });
    try {
      await signedIn();
      expect(item('Bob Martin Engineer · Research').querySelector('img')?.getAttribute('src')).toContain(
        'size=HR96x96',
      );
    } finally {
      Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: before });
    }
  });

  it('with "Show photos" off, no photo is requested: initials only', async () => {
    const { tree } = await signedIn({ settings: { ...defaultSettings, showPhotos: false } });
    await waitFor(() => expect(tree.querySelector('img')).toBeNull());
    expect(item('Bob Martin Engineer · Research').querySelector('[data-initials="BM"]')).toBeTruthy();
  });

  it('filters as you type, ignoring case and accents; Escape clears', async () => {
    const { tree } = await signedIn();
    const filter = screen.getByRole('searchbox', { name: 'Search contacts and directory' });
    fireEvent.change(filter, { target: { value: 'helene' } });
    await waitFor(() =>
      expect(names(tree)).toEqual([
        'Favorites 1 contact',
        'Hélène Dubois Product manager · Marketing',
        'Team 1 contact',
        'Hélène Dubois Product manager · Marketing',
      ]),
    );
    expect(screen.getByText('1 contact shown')).toBeTruthy();
    fireEvent.change(filter, { target: { value: 'FINANCE' } });
    await waitFor(() =>
      expect(names(tree)).toEqual(['Other Contacts 1 contact', 'Anna Åberg Accountant · Finance']),
    );
    fireEvent.change(filter, { target: { value: 'nobody-like-this' } });
    expect(await screen.findByText('No contact matches “nobody-like-this”.')).toBeTruthy();
    fireEvent.keyDown(filter, { key: 'Escape' });
    expect((filter as HTMLInputElement).value).toBe('');
    expect(await screen.findAllByRole('treeitem')).toHaveLength(10);
  });

  it('sorts by name into one list', async () => {
    const { tree } = await signedIn();
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'name' } });
    await waitFor(() =>
      expect(names(tree)).toEqual([
        '+1 425 555 0100',
        'Anna Åberg Accountant · Finance',
        'Bob Martin Engineer · Research',
        'Chloé Zhang Designer · Design',
        'Hélène Dubois Product manager · Marketing',
      ]),
    );
  });

  it('collapses a group with Enter and its header keeps the count', async () => {
    await signedIn();
    const team = item('Team 3 contacts');
    fireEvent.keyDown(team, { key: 'Enter' });
    await waitFor(() => expect(item('Team 3 contacts').getAttribute('aria-expanded')).toBe('false'));
    expect(screen.queryByRole('treeitem', { name: /^Bob Martin/ })).toBeNull();
    fireEvent.click(item('Team 3 contacts'));
    expect(await screen.findByRole('treeitem', { name: /^Bob Martin/ })).toBeTruthy();
  });

  it('keyboard: Down from the filter enters the list; arrows, Home and End move focus; Enter opens the card', async () => {
    await signedIn();
    const filter = screen.getByRole('searchbox', { name: 'Search contacts and directory' });
    filter.focus();
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(item('Favorites 1 contact')));
    expect(item('Favorites 1 contact').tabIndex).toBe(0);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' });
    const helene = screen.getAllByRole('treeitem', { name: /^Hélène Dubois/ })[0];
    await waitFor(() => expect(document.activeElement).toBe(helene));
    expect(item('Favorites 1 contact').tabIndex).toBe(-1);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(item('All Marketing Distribution group')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(item('Favorites 1 contact')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'PageDown' });
    // Eight rows down: Hélène again, third of Team's three.
    await waitFor(() => expect(rowName(document.activeElement)).toMatch(/^Hélène Dubois/));
    expect(document.activeElement?.getAttribute('aria-posinset')).toBe('3');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement).toBe(item('Team 3 contacts')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowRight' });
    await waitFor(() => expect(rowName(document.activeElement)).toMatch(/^Bob Martin/));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' });
    await waitFor(() => expect(rowName(document.activeElement)).toMatch(/^Hélène Dubois/));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Enter' });

    const card = within(screen.getByRole('main', { name: 'Contact details' }));
    expect(await card.findByRole('heading', { name: 'Hélène Dubois' })).toBeTruthy();
    expect(card.getByText('Product manager · Marketing')).toBeTruthy();
    expect(card.getByText('Contoso')).toBeTruthy();
    expect(card.getByText('Paris 3.12')).toBeTruthy();
    expect(card.getByRole('link', { name: 'Send e-mail' }).getAttribute('href')).toBe(
      'mailto:helene.dubois@contoso.example',
    );
    expect(card.getByRole('link', { name: 'Send instant message' }).getAttribute('href')).toBe(
      'sip:helene.dubois@contoso.example',
    );
    expect(card.getByRole('link', { name: 'Call +33 6 12 34 56 78' }).getAttribute('href')).toBe(
      'tel:+33612345678',
    );
    // Scheduling works now (the scheduler's own tests follow it further).
    const schedule = card.getByRole('button', { name: 'Schedule a meeting' });
    expect((schedule as HTMLButtonElement).disabled).toBe(false);
    expect(card.getByRole('button', { name: 'Remove from Favorites' })).toBeTruthy();
    expect(card.getByRole('button', { name: 'Remove from Team' })).toBeTruthy();
    const photo = card
      .getByRole('heading', { name: 'Hélène Dubois' })
      .closest('article')
      ?.querySelector('img');
    expect(photo?.getAttribute('src')).toBe('./photo/helene.dubois%40contoso.example?size=HR240x240');
    // Up from the first row returns to the filter box.
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(item('Favorites 1 contact')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(filter);
  });

  it('shows an empty card until a contact is chosen; a click opens it', async () => {
    await signedIn();
    const detail = screen.getByRole('main', { name: 'Contact details' });
    expect(within(detail).getByText('Select a contact')).toBeTruthy();
    fireEvent.click(item('+1 425 555 0100'));
    expect(await within(detail).findByRole('heading', { name: '+1 425 555 0100' })).toBeTruthy();
    expect(within(detail).getByText('Telephone contact')).toBeTruthy();
    expect(within(detail).queryByRole('link', { name: 'Send e-mail' })).toBeNull();
  });

  it('Delete on a contact asks, then removes it', async () => {
    const { roster } = await signedIn();
    const bob = item('Bob Martin Engineer · Research');
    act(() => bob.focus());
    fireEvent.keyDown(bob, { key: 'Delete' });
    const dialog = await screen.findByRole('dialog', { name: 'Remove Bob Martin from your contacts?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(roster.api.removeContact).toHaveBeenCalledWith({ contactId: 'p-bob' });
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /^Bob Martin/ })).toBeNull());
    expect(item('Team 2 contacts')).toBeTruthy();
    // Focus moves to the row that took its place, not to the page.
    await waitFor(() => expect(rowName(document.activeElement)).toMatch(/^Chloé Zhang/));
  });

  it('moves a contact to another group from its row menu', async () => {
    const { roster } = await signedIn();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for Bob Martin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bob Martin' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'To group' }), {
      target: { value: 'g-fav' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(roster.api.moveContact).toHaveBeenCalledWith({
      contactId: 'p-bob',
      fromGroupId: 'g-team',
      toGroupId: 'g-fav',
      copy: false,
    });
    await waitFor(() => expect(item('Favorites 2 contacts')).toBeTruthy());
    expect(item('Team 2 contacts')).toBeTruthy();
  });

  it('a row cut short by a narrow pane has its whole name and detail in a tooltip', async () => {
    await signedIn();
    const row = item('Bob Martin Engineer · Research');
    expect(within(row).getByText('Bob Martin').closest('[title]')?.getAttribute('title')).toBe(
      'Bob Martin\nEngineer · Research',
    );
  });

  it('two contacts with the same name are told apart by what differs (department, then address)', async () => {
    const list = sampleContactList();
    const bob = list.contacts.find((c) => c.id === 'p-bob');
    if (!bob) throw new Error('no Bob');
    list.contacts.push({ ...bob, id: 'p-bob2', email: 'bob.martin2@contoso.example', department: 'Sales' });
    list.groups = list.groups.map((g) =>
      g.id === 'g-team' ? { ...g, memberIds: [...g.memberIds, 'p-bob2'] } : g,
    );
    await signedIn({ contacts: list });
    expect(item('Bob Martin (Research) Engineer · Research')).toBeTruthy();
    expect(item('Bob Martin (Sales) Engineer · Sales')).toBeTruthy();
    // Others keep their plain name.
    expect(item('Chloé Zhang Designer · Design')).toBeTruthy();
  });

  it('a distribution group shows its members on demand, read-only', async () => {
    const { roster } = await signedIn();
    fireEvent.click(item('All Marketing Distribution group'));
    expect(roster.api.expandGroup).toHaveBeenCalledWith({ groupId: 'g-dl' });
    expect(
      await screen.findByRole('treeitem', { name: 'Helmut Schmidt Sales director · Sales' }),
    ).toBeTruthy();
    expect(item('All Marketing 2 members').getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Actions for Helmut Schmidt' })).toBeNull();
  });

  it('a distribution-group member opens a card from the directory, in name order, and can be added', async () => {
    const { roster } = await signedIn();
    const [, helmut, helga] = directory;
    if (!helmut || !helga) throw new Error('directory too short');
    roster.api.expandGroup.mockResolvedValueOnce(ok({ members: [helmut, helga] }));
    fireEvent.click(item('All Marketing Distribution group'));
    const member = await screen.findByRole('treeitem', { name: 'Helmut Schmidt Sales director · Sales' });
    expect(names(screen.getByRole('tree')).slice(-2)).toEqual([
      'Helga Berg Lawyer · Legal',
      'Helmut Schmidt Sales director · Sales',
    ]);
    fireEvent.click(member);
    expect(member.getAttribute('aria-selected')).toBe('true');
    const card = within(screen.getByRole('main', { name: 'Contact details' }));
    expect(card.getByRole('heading', { name: 'Helmut Schmidt' })).toBeTruthy();
    expect(card.getByText('Sales director · Sales')).toBeTruthy();
    expect(card.getByText('From the directory — not in your contacts')).toBeTruthy();
    expect(card.getByRole('link', { name: 'Send e-mail' }).getAttribute('href')).toBe(
      'mailto:helmut.schmidt@contoso.example',
    );
    fireEvent.click(card.getByRole('button', { name: 'Add to contacts' }));
    expect(roster.api.addContact).toHaveBeenCalledWith({
      source: { kind: 'directory', email: 'helmut.schmidt@contoso.example', displayName: 'Helmut Schmidt' },
    });
    // Once added, the card is the contact's own, with its groups.
    expect(await card.findByRole('button', { name: 'Remove from contacts' })).toBeTruthy();
  });

  it('Enter on a member who is already a contact opens that contact’s card', async () => {
    await signedIn();
    fireEvent.click(item('All Marketing Distribution group'));
    await screen.findByRole('treeitem', { name: 'Helmut Schmidt Sales director · Sales' });
    // Hélène: in Favorites, in Team, and last, a member of All Marketing.
    const last = screen
      .getAllByRole('treeitem', { name: 'Hélène Dubois Product manager · Marketing' })
      .at(-1);
    if (!last) throw new Error('no member row');
    expect(last.getAttribute('aria-level')).toBe('2');
    last.focus();
    fireEvent.keyDown(last, { key: 'Enter' });
    const card = within(screen.getByRole('main', { name: 'Contact details' }));
    expect(card.getByRole('heading', { name: 'Hélène Dubois' })).toBeTruthy();
    expect(card.getByRole('button', { name: 'Remove from Favorites' })).toBeTruthy();
  });

  it('follows the list main pushes (contactsChanged)', async () => {
    const { roster } = await signedIn();
    const list = sampleContactList();
    list.groups = list.groups.filter((g) => g.id !== 'g-team');
    await fromMain(() => roster.setContacts(list));
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /^Team/ })).toBeNull());
  });
});

describe('an empty list', () => {
  const emptyList = (storage?: ContactList['storage']): ContactList => ({
    ...sampleContactList(),
    contacts: [],
    groups: sampleContactList()
      .groups.filter((g) => g.kind === 'favorites' || g.kind === 'other')
      .map((g) => ({ ...g, memberIds: [] })),
    ...(storage ? { storage } : {}),
  });
  const signedInWith = (contacts: ContactList) =>
    renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'os' }, contacts });

  it('not migrated: says the Lync contacts are not in Exchange yet and to ask the help desk, not "no contacts yet"', async () => {
    signedInWith(emptyList('not-migrated'));
    const note = await screen.findByRole('region', { name: 'Your Lync contacts are not in Exchange yet' });
    expect(note.textContent).toContain('Nothing is lost');
    expect(note.textContent).toContain('Ask your help desk');
    expect(screen.queryByText(/You have no contacts yet/)).toBeNull();
  });

  it.each<[string, ContactList['storage']]>([
    ['in Exchange', 'ucs'],
    ['where it is unknown', 'unknown'],
    ['from an older snapshot', undefined],
  ])('merely empty (%s): "no contacts yet", nothing about migration', async (_, storage) => {
    signedInWith(emptyList(storage));
    expect(await screen.findByText(/You have no contacts yet/)).toBeTruthy();
    expect(screen.queryByText(/not in Exchange/)).toBeNull();
  });

  it('the note follows the list main pushes: a contact added, and it goes', async () => {
    const { roster } = signedInWith(emptyList('not-migrated'));
    await screen.findByRole('region', { name: /not in Exchange yet/ });
    await fromMain(() => roster.setContacts({ ...sampleContactList(), storage: 'ucs' }));
    await screen.findByRole('tree', { name: 'Contact list' });
    expect(screen.queryByRole('region', { name: /not in Exchange yet/ })).toBeNull();
  });
});

describe('groups', () => {
  it('creates a group from "New group"', async () => {
    const { roster } = await signedIn();
    fireEvent.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    const name = within(dialog).getByRole('textbox', { name: 'Group name' });
    expect(document.activeElement).toBe(name);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(within(dialog).getByText('Enter a name for the group.')).toBeTruthy();
    fireEvent.change(name, { target: { value: 'team' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(within(dialog).getByText('You already have a group with this name.')).toBeTruthy();
    fireEvent.change(name, { target: { value: 'Projet Hélios' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(roster.api.createGroup).toHaveBeenCalledWith({ name: 'Projet Hélios' });
    expect(await screen.findByRole('treeitem', { name: 'Projet Hélios 0 contacts' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('renames a group (at once, before main answers)', async () => {
    const answer = deferred<Result<ContactList>>();
    const { roster } = await signedIn();
    roster.api.renameGroup.mockImplementationOnce(() => answer.promise);
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group Team' }));
    const dialog = await screen.findByRole('dialog', { name: 'Group “Team”' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Group name' }), {
      target: { value: 'Équipe' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(roster.api.renameGroup).toHaveBeenCalledWith({ groupId: 'g-team', name: 'Équipe' });
    expect(await screen.findByRole('treeitem', { name: 'Équipe 3 contacts' })).toBeTruthy();
    const renamed = sampleContactList();
    renamed.groups = renamed.groups.map((g) => (g.id === 'g-team' ? { ...g, name: 'Équipe' } : g));
    await act(async () => {
      answer.resolve(ok(renamed));
      await answer.promise;
    });
    expect(item('Équipe 3 contacts')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an edit main refuses is rolled back and explained', async () => {
    const { roster } = await signedIn();
    roster.api.renameGroup.mockResolvedValueOnce(
      fail({ kind: 'server', message: 'ErrorInternalServerError', code: 'ErrorInternalServerError' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group Team' }));
    const dialog = await screen.findByRole('dialog', { name: 'Group “Team”' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Group name' }), {
      target: { value: 'Équipe' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The server reported a problem')).toBeTruthy();
    expect(within(alert).getByText('Your change wasn’t saved and has been undone.')).toBeTruthy();
    expect(item('Team 3 contacts')).toBeTruthy();
    expect(screen.queryByRole('treeitem', { name: /^Équipe/ })).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Favorites and Other Contacts offer no actions (no dialog of disabled buttons)', async () => {
    const { roster } = await signedIn();
    for (const name of ['Favorites', 'Other Contacts']) {
      expect(screen.queryByRole('button', { name: `Actions for group ${name}` })).toBeNull();
      const header = item(new RegExp(`^${name} \\d`));
      header.focus();
      fireEvent.keyDown(header, { key: 'F10', shiftKey: true });
      fireEvent.keyDown(header, { key: 'F2' });
      expect(screen.queryByRole('dialog')).toBeNull();
    }
    expect(roster.api.renameGroup).not.toHaveBeenCalled();
    expect(roster.api.deleteGroup).not.toHaveBeenCalled();
  });

  it('a distribution group offers removal only: its name is the directory’s', async () => {
    await signedIn();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group All Marketing' }));
    const dialog = await screen.findByRole('dialog', { name: 'Group “All Marketing”' });
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Rename' })).toBeNull();
    const buttons = within(dialog).getAllByRole<HTMLButtonElement>('button');
    expect(buttons.filter((b) => b.disabled)).toEqual([]);
    expect(within(dialog).getByRole('button', { name: 'Remove from contacts' })).toBeTruthy();
  });

  it('deleting a group says its contacts stay, and shows them in Other Contacts at once', async () => {
    const { roster } = await signedIn();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group Team' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete group' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete group “Team”?' });
    expect(confirm.textContent).toContain(
      'Its 3 contacts stay in your contacts: in their other groups, or in Other Contacts if they are in no other group.',
    );
    expect(confirm.textContent).not.toMatch(/removed from your contacts/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete group' }));
    expect(roster.api.deleteGroup).toHaveBeenCalledWith({ groupId: 'g-team' });
    // Bob and Chloé were only in Team: they are in Other Contacts, as the server will say.
    expect(await screen.findByRole('treeitem', { name: 'Other Contacts 4 contacts' })).toBeTruthy();
    expect(item('Bob Martin Engineer · Research')).toBeTruthy();
    expect(item('Chloé Zhang Designer · Design')).toBeTruthy();
    expect(screen.queryByRole('treeitem', { name: /^Team/ })).toBeNull();
    expect(screen.getAllByRole('treeitem', { name: /^Hélène Dubois/ })).toHaveLength(1);
  });
});

describe('add contact', () => {
  async function openAdd(options: FakeRosterOptions = {}) {
    const rendered = await signedIn(options);
    fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add contact' });
    const search = within(dialog).getByRole('searchbox', { name: 'Search the directory' });
    expect(document.activeElement).toBe(search);
    return { ...rendered, dialog, search };
  }

  it('searches as you type, then adds a person to a new group', async () => {
    const { roster, dialog, search } = await openAdd();
    fireEvent.change(search, { target: { value: 'h' } });
    fireEvent.change(search, { target: { value: 'he' } });
    fireEvent.change(search, { target: { value: 'hel' } });
    const add = await within(dialog).findByRole('button', { name: 'Add Helmut Schmidt' });
    // Debounced: one search for the text as it stood when typing paused.
    expect(roster.api.searchDirectory).toHaveBeenCalledTimes(1);
    expect(roster.api.searchDirectory).toHaveBeenCalledWith({ query: 'hel' });
    expect(within(dialog).getByText('3 people found')).toBeTruthy();
    const results = within(dialog).getByRole('list', { name: 'Directory results' });
    const helene = within(results).getByText('Hélène Dubois').closest('li');
    expect(helene && within(helene).getByText('Already in your contacts')).toBeTruthy();
    expect(helene?.querySelector('img')?.getAttribute('src')).toBe(
      './photo/helene.dubois%40contoso.example?size=HR64x64',
    );

    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Add to group' }), {
      target: { value: '\u0000new-group' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New group name' }), {
      target: { value: 'Projet Hélios' },
    });
    fireEvent.click(add);
    expect(await within(dialog).findByText('Helmut Schmidt was added to Projet Hélios.')).toBeTruthy();
    expect(document.activeElement).toBe(search);
    expect(roster.api.createGroup).toHaveBeenCalledWith({ name: 'Projet Hélios' });
    expect(roster.api.addContact).toHaveBeenCalledWith({
      groupId: 'g-new-1',
      source: { kind: 'directory', email: 'helmut.schmidt@contoso.example', displayName: 'Helmut Schmidt' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('treeitem', { name: 'Projet Hélios 1 contact' })).toBeTruthy();
    expect(screen.getByRole('treeitem', { name: 'Helmut Schmidt Sales director · Sales' })).toBeTruthy();
  });

  it('someone already in the list can be added to another group, without counting twice', async () => {
    const { roster, dialog, search } = await openAdd();
    fireEvent.change(search, { target: { value: 'hélène' } });
    const add = await within(dialog).findByRole('button', { name: 'Add Hélène Dubois' });
    expect(within(dialog).getByText('Already in your contacts')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Add to group' }), {
      target: { value: 'g-team' },
    });
    // Already in Team: nothing to add there.
    expect(within(dialog).queryByRole('button', { name: 'Add Hélène Dubois' })).toBeNull();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Add to group' }), {
      target: { value: '\u0000new-group' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New group name' }), {
      target: { value: 'Projet Hélios' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add Hélène Dubois' }));
    expect(await within(dialog).findByText('Hélène Dubois was added to Projet Hélios.')).toBeTruthy();
    expect(add).toBeTruthy();
    // One group made, then one contact added to it: the directory entry, not a copy.
    expect(roster.api.createGroup).toHaveBeenCalledWith({ name: 'Projet Hélios' });
    expect(roster.api.addContact).toHaveBeenCalledTimes(1);
    expect(roster.api.addContact.mock.calls[0]?.[0]).toMatchObject({
      source: { kind: 'directory', email: 'helene.dubois@contoso.example' },
    });
    fireEvent.keyDown(within(dialog).getByRole('searchbox', { name: 'Search the directory' }), {
      key: 'Escape',
    });
    expect(await screen.findByRole('treeitem', { name: 'Projet Hélios 1 contact' })).toBeTruthy();
    expect(screen.getAllByRole('treeitem', { name: /^Hélène Dubois/ })).toHaveLength(3);
  });

  it('ignores cancelled and stale answers: only the current text’s results show', async () => {
    const pending = new Map<string, (answer: SearchAnswer) => void>();
    const { roster, dialog, search } = await openAdd({
      searchDirectory: (query) => new Promise<SearchAnswer>((resolve) => pending.set(query, resolve)),
    });
    fireEvent.change(search, { target: { value: 'he' } });
    await waitFor(() => expect(roster.api.searchDirectory).toHaveBeenCalledWith({ query: 'he' }));
    fireEvent.change(search, { target: { value: 'helg' } });
    await waitFor(() => expect(roster.api.searchDirectory).toHaveBeenCalledWith({ query: 'helg' }));
    const helga = directory.filter((d) => d.displayName === 'Helga Berg');
    const helmut = directory.filter((d) => d.displayName === 'Helmut Schmidt');
    await act(async () => {
      pending.get('helg')?.(ok({ query: 'helg', results: helga, cancelled: false }));
      await Promise.resolve();
    });
    expect(await within(dialog).findByRole('button', { name: 'Add Helga Berg' })).toBeTruthy();
    // The older search answers late (main cancelled it, or not): neither answer replaces the current one.
    await act(async () => {
      pending.get('he')?.(ok({ query: 'he', results: helmut, cancelled: false }));
      pending.get('he')?.(ok({ query: 'he', results: [], cancelled: true }));
      await Promise.resolve();
    });
    expect(within(dialog).queryByRole('button', { name: 'Add Helmut Schmidt' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Add Helga Berg' })).toBeTruthy();

    // A cancelled answer for the current text is ignored too (a newer one will come).
    fireEvent.change(search, { target: { value: 'helm' } });
    await waitFor(() => expect(roster.api.searchDirectory).toHaveBeenCalledWith({ query: 'helm' }));
    await act(async () => {
      pending.get('helm')?.(ok({ query: 'helm', results: helmut, cancelled: true }));
      await Promise.resolve();
    });
    expect(within(dialog).queryByRole('button', { name: 'Add Helmut Schmidt' })).toBeNull();
  });

  it('adds by phone number, checking it first', async () => {
    const { roster, dialog } = await openAdd();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Type' }), { target: { value: 'phone' } });
    const number = within(dialog).getByRole('textbox', { name: 'Address or number' });
    fireEvent.change(number, { target: { value: 'call me' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByText(/Enter a phone number with digits only/)).toBeTruthy();
    expect(roster.api.addContact).not.toHaveBeenCalled();
    fireEvent.change(number, { target: { value: '+44 20 7946 0000' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Display name (optional)' }), {
      target: { value: 'London office' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByText('London office was added to Other Contacts.')).toBeTruthy();
    expect(roster.api.addContact).toHaveBeenCalledWith({
      groupId: 'g-other',
      source: { kind: 'phone', number: '+44 20 7946 0000', displayName: 'London office' },
    });
  });

  it('adds by IM address', async () => {
    const { roster, dialog } = await openAdd();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Address or number' }), {
      target: { value: 'sip:zoe@fabrikam.example' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(roster.api.addContact).toHaveBeenCalledWith({
        groupId: 'g-other',
        source: { kind: 'im', imAddress: 'zoe@fabrikam.example' },
      }),
    );
  });

  it('checks the list’s limit before calling main', async () => {
    const { roster, dialog, search } = await openAdd({ contacts: { ...sampleContactList(), limit: 5 } });
    expect(
      within(dialog).getByText('You can have up to 5 contacts. Remove some before adding more.'),
    ).toBeTruthy();
    fireEvent.change(search, { target: { value: 'helm' } });
    const add = await within(dialog).findByRole<HTMLButtonElement>('button', { name: 'Add Helmut Schmidt' });
    expect(add.disabled).toBe(true);
    expect(roster.api.addContact).not.toHaveBeenCalled();
  });
});

describe('scale and photos', () => {
  const bigList = (): ContactList => ({
    ...sampleContactList(),
    groups: [
      { id: 'g-fav', name: 'Favorites', kind: 'favorites', memberIds: [] },
      {
        id: 'g-other',
        name: 'Other Contacts',
        kind: 'other',
        memberIds: Array.from({ length: 10_000 }, (_, i) => `c${i}`),
      },
    ],
    contacts: Array.from({ length: 10_000 }, (_, i) => ({
      id: `c${i}`,
      displayName: i === 7777 ? 'Hélène Zeta' : `Person ${String(i).padStart(5, '0')}`,
      email: `p${i}@contoso.example`,
      phones: [],
      telephoneOnly: false,
      groupIds: ['g-other'],
    })),
    limit: 10_000,
  });

  it('draws only the rows in view of a 10,000-contact list, and filters all of them', async () => {
    const { tree } = await signedIn({ contacts: bigList() });
    expect(item('Other Contacts 10,000 contacts')).toBeTruthy();
    const drawn = within(tree).getAllByRole('treeitem');
    expect(drawn.length).toBeLessThan(40);
    const last = drawn.at(-1);
    expect(last?.getAttribute('aria-setsize')).toBe('10000');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts and directory' }), {
      target: { value: 'HELENE' },
    });
    await waitFor(() => expect(names(tree)).toEqual(['Other Contacts 1 contact', 'Hélène Zeta']));
  });

  it('scrolls a new group into view at the end of a long list, and a filter naming a group shows it', async () => {
    await signedIn({ contacts: bigList() });
    expect(screen.queryByRole('treeitem', { name: /^Team/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Group name' }), {
      target: { value: 'Projet Hélios' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(await screen.findByRole('treeitem', { name: 'Projet Hélios 0 contacts' })).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts and directory' }), {
      target: { value: 'helios' },
    });
    await waitFor(() => expect(screen.getAllByRole('treeitem')).toHaveLength(1));
    expect(item('Projet Hélios 0 contacts')).toBeTruthy();
  });

  it('falls back to initials when a photo fails to load', async () => {
    await signedIn();
    const bob = item('Bob Martin Engineer · Research');
    const img = bob.querySelector('img');
    expect(img).toBeTruthy();
    if (img) fireEvent.error(img);
    await waitFor(() => expect(bob.querySelector('img')).toBeNull());
    expect(bob.querySelector('[data-initials="BM"]')).toBeTruthy();
  });
});

describe('in French', () => {
  it('speaks French in the list and its dialogs', async () => {
    renderApp({
      session: { status: 'signed-in', account: workAccount, vault: 'os' },
      settings: { ...defaultSettings, language: 'fr' },
    });
    expect(await screen.findByRole('tree', { name: 'Liste de contacts' })).toBeTruthy();
    expect(
      await screen.findByRole('searchbox', { name: 'Rechercher dans les contacts et l’annuaire' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ajouter un contact' })).toBeTruthy();
    // Exchange's own groups in French; the server's names stay on the wire.
    expect(screen.getByRole('treeitem', { name: 'Favoris 1 contact' })).toBeTruthy();
    expect(screen.getByRole('treeitem', { name: 'Autres contacts 2 contacts' })).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Rechercher dans les contacts et l’annuaire' }), {
      target: { value: 'favoris' },
    });
    expect(await screen.findByRole('treeitem', { name: 'Favoris 1 contact' })).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Rechercher dans les contacts et l’annuaire' }), {
      target: { value: '' },
    });
    expect(screen.getByRole('treeitem', { name: 'All Marketing Liste de distribution' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Actions pour le groupe Team' }));
    const dialog = await screen.findByRole('dialog', { name: 'Groupe « Team »' });
    expect(within(dialog).getByRole('button', { name: 'Renommer' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fermer' }));
    fireEvent.click(screen.getAllByRole('treeitem', { name: /^Hélène Dubois/ })[0]!);
    const card = within(screen.getByRole('main'));
    expect(card.getByRole('button', { name: 'Retirer de Favoris' })).toBeTruthy();
    expect(card.getByRole('button', { name: 'Retirer de mes contacts' })).toBeTruthy();
    expect(card.queryByText(/Supprimer/)).toBeNull();
  });
});

describe('offline and saved lists', () => {
  it('offline: read-only, edits disabled and explained', async () => {
    await signedIn({ contacts: { ...sampleContactList(), offline: true, fromCache: true } });
    const status = screen.getByRole('status', { name: '' });
    expect(status.textContent).toContain('You’re offline.');
    const add = screen.getByRole<HTMLButtonElement>('button', { name: 'Add contact' });
    expect(add.disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'New group' }).disabled).toBe(true);
    expect(document.getElementById(add.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'can’t be changed until the connection comes back',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group Team' }));
    const dialog = await screen.findByRole('dialog', { name: 'Group “Team”' });
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Rename' }).disabled).toBe(true);
    expect(within(dialog).getByText('Can’t change contacts while offline.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.click(item('Bob Martin Engineer · Research'));
    const card = within(screen.getByRole('main', { name: 'Contact details' }));
    expect(card.getByRole<HTMLButtonElement>('button', { name: 'Remove from contacts' }).disabled).toBe(true);
  });

  it('a saved list not yet refreshed says so discreetly', async () => {
    await signedIn({ contacts: { ...sampleContactList(), fromCache: true } });
    expect(screen.getByRole('status').textContent).toBe('Showing saved contacts — not yet refreshed.');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add contact' }).disabled).toBe(false);
  });
});

describe('instant messages with no app to open them', () => {
  async function helenesCard() {
    await signedIn();
    fireEvent.click(screen.getAllByRole('treeitem', { name: /^Hélène Dubois/ })[0]!);
    return within(screen.getByRole('main', { name: 'Contact details' }));
  }

  it('says so when nothing takes over the sip: link, and copies the address', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const card = await helenesCard();
    // The link's 1.5 s wait for another app to take the focus runs on fake time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(card.getByRole('link', { name: 'Send instant message' }));
      act(() => void vi.advanceTimersByTime(1400));
      expect(card.queryByText(/No app on this computer/)).toBeNull();
      act(() => void vi.advanceTimersByTime(200));
    } finally {
      vi.useRealTimers();
    }
    const note = card.getByText(/No app on this computer opens instant-message links/);
    expect(note.textContent).toContain('helene.dubois@contoso.example');
    fireEvent.click(card.getAllByRole('button', { name: 'Copy address' })[0]!);
    expect(writeText).toHaveBeenCalledWith('helene.dubois@contoso.example');
    expect(await card.findByText('Copied.')).toBeTruthy();
  });

  it('says nothing when an app (Skype for Business, Teams) takes the focus', async () => {
    const card = await helenesCard();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(card.getByRole('link', { name: 'Send instant message' }));
      fireEvent.blur(window);
      act(() => void vi.advanceTimersByTime(5000));
    } finally {
      vi.useRealTimers();
    }
    expect(card.queryByText(/No app on this computer/)).toBeNull();
  });
});

describe('desktop list habits', () => {
  it('right-click on a contact opens its actions; on a group, the group’s', async () => {
    await signedIn();
    fireEvent.contextMenu(item('Bob Martin Engineer · Research'));
    const dialog = await screen.findByRole('dialog', { name: 'Bob Martin' });
    expect(within(dialog).getByRole('button', { name: 'Remove from contacts' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.contextMenu(item('Team 3 contacts'));
    expect(await screen.findByRole('dialog', { name: 'Group “Team”' })).toBeTruthy();
  });

  it('typing a name in the tree jumps to it; the same letter again goes to the next', async () => {
    await signedIn();
    const first = item('Favorites 1 contact');
    first.focus();
    for (const key of ['c', 'h', 'l']) fireEvent.keyDown(document.activeElement as HTMLElement, { key });
    await waitFor(() => expect(rowName(document.activeElement)).toBe('Chloé Zhang Designer · Design'));
    // A pause longer than the type-ahead window (700 ms) starts a new search: only the clock moves.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 800);
      fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'h' });
      await waitFor(() =>
        expect(rowName(document.activeElement)).toBe('Hélène Dubois Product manager · Marketing'),
      );
      // No time passes (the clock is stopped): the same letter again goes to the next match.
      fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'h' });
      // The next "H" after Chloé's Hélène wraps round to the first one, in Favorites.
      await waitFor(() => expect(document.activeElement?.getAttribute('aria-posinset')).toBe('1'));
      expect(rowName(document.activeElement)).toBe('Hélène Dubois Product manager · Marketing');
    } finally {
      vi.useRealTimers();
    }
  });
});
