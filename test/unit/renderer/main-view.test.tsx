import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoAccount, workAccount } from './fake-roster';
import { fromMain, renderApp } from './render';

describe('signed-in layout', () => {
  it('shows the app name, the display name and the two panes', async () => {
    renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'os' } });
    const header = await screen.findByRole('banner');
    expect(within(header).getByText('Roster')).toBeTruthy();
    expect(within(header).getByText('Jean Dupont')).toBeTruthy();
    expect(within(header).getByText('Signed in as Jean Dupont')).toBeTruthy();
    expect(within(header).queryByText('Demo')).toBeNull();

    const contacts = screen.getByRole('navigation', { name: 'Contacts' });
    expect(await within(contacts).findByRole('tree', { name: 'Contact list' })).toBeTruthy();
    const detail = screen.getByRole('main', { name: 'Contact details' });
    expect(within(detail).getByText('Select a contact')).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('marks a demo account with a badge', async () => {
    renderApp({ session: { status: 'signed-in', account: demoAccount, vault: 'os' } });
    const header = await screen.findByRole('banner');
    expect(within(header).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(header).getByText('Demo')).toBeTruthy();
  });

  it('says when the password is kept only for this session', async () => {
    renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'session' } });
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe('Your password is kept only until you quit: this system has no keystore.');
  });

  it('the demo shows no password warning: the user typed none', async () => {
    renderApp({ session: { status: 'signed-in', account: demoAccount, vault: 'session' } });
    await screen.findByRole('banner');
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByText(/password/i)).toBeNull();
  });

  it('sign out calls main and returns to the sign-in screen', async () => {
    const { roster } = renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'os' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(roster.api.signOut).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'Sign in to Exchange' })).toBeTruthy();
  });

  it('follows main when the session ends elsewhere (sessionChanged)', async () => {
    const { roster } = renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'os' } });
    await screen.findByRole('button', { name: 'Sign out' });
    await fromMain(() => roster.setSession({ status: 'signed-out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to Exchange' })).toBeTruthy();
  });

  it('unsubscribes from main’s events when unmounted', async () => {
    const { roster, unmount } = renderApp();
    await screen.findByRole('heading', { name: 'Sign in to Exchange' });
    expect(roster.listenerCount('sessionChanged')).toBe(1);
    expect(roster.listenerCount('contactsChanged')).toBe(1);
    unmount();
    expect(roster.listenerCount('sessionChanged')).toBe(0);
    expect(roster.listenerCount('settingsChanged')).toBe(0);
    expect(roster.listenerCount('contactsChanged')).toBe(0);
  });
});
