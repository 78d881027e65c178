/** Presence as the user sees it: badges with names, status words, the card, alerts, "as of", the header. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PresenceSnapshot } from '../../../preload/contract';
import { workAccount } from './fake-roster';
import { fromMain, renderApp } from './render';

const signedIn = { status: 'signed-in', account: workAccount, vault: 'os' } as const;

function snapshot(over: Partial<PresenceSnapshot> = {}): PresenceSnapshot {
  return {
    asOf: '2026-11-30T09:42:00.000Z',
    fetchedAt: '2026-11-30T09:40:00.000Z',
    stale: false,
    me: { email: workAccount.email, state: 'busy', until: '2026-11-30T11:00:00.000Z', fetchedAt: null },
    people: [
      {
        email: 'bob.martin@contoso.example',
        state: 'busy',
        until: '2026-11-30T14:30:00.000Z',
        subject: 'Budget review',
        fetchedAt: '2026-11-30T09:40:00.000Z',
      },
      { email: 'chloe.zhang@contoso.example', state: 'available', fetchedAt: '2026-11-30T09:40:00.000Z' },
      {
        email: 'anna.aberg@contoso.example',
        state: 'unknown',
        reason: 'not-shared',
        fetchedAt: '2026-11-30T09:40:00.000Z',
      },
    ],
    alerts: [],
    ...over,
  };
}

async function listRow(name: RegExp) {
  const tree = await screen.findByRole('tree', { name: 'Contact list' });
  return within(tree).findByRole('treeitem', { name });
}

describe('presence in the window', () => {
  it('puts a named badge and the status words on each row (never colour alone)', async () => {
    renderApp({ session: signedIn, presence: snapshot() });
    const bob = await listRow(/^Bob Martin/);
    expect(within(bob).getByRole('img', { name: 'In a meeting' })).toBeTruthy();
    expect(bob.textContent).toMatch(/In a meeting until \d{1,2}:30/);
    const chloe = await listRow(/^Chloé Zhang/);
    expect(within(chloe).getByRole('img', { name: 'Available' })).toBeTruthy();
    const anna = await listRow(/^Anna Åberg/);
    expect(within(anna).getByRole('img', { name: 'Status unknown' })).toBeTruthy();
  });

  it('follows main: a pushed snapshot changes the row', async () => {
    const { roster } = renderApp({ session: signedIn, presence: snapshot() });
    await listRow(/^Bob Martin/);
    await fromMain(() =>
      roster.setPresence(
        snapshot({
          people: [{ email: 'bob.martin@contoso.example', state: 'available', fetchedAt: null }],
        }),
      ),
    );
    const bob = await listRow(/^Bob Martin/);
    expect(within(bob).getByRole('img', { name: 'Available' })).toBeTruthy();
  });

  it('shows my status in the header', async () => {
    renderApp({ session: signedIn, presence: snapshot() });
    const header = await screen.findByRole('banner');
    expect(await within(header).findByRole('img', { name: 'In a meeting' })).toBeTruthy();
    expect(within(header).getByText(/In a meeting until/)).toBeTruthy();
  });

  it('the card names the reason when presence is unknown', async () => {
    renderApp({ session: signedIn, presence: snapshot() });
    fireEvent.click(await listRow(/^Anna Åberg/));
    const card = screen.getByRole('main', { name: 'Contact details' });
    expect(await within(card).findByText('Calendar not shared')).toBeTruthy();
    // Nobody to wait for: no alert offered.
    expect(within(card).queryByRole('button', { name: 'Tell me when free' })).toBeNull();
  });

  it('"Tell me when free" asks main, and the notice shows when main says they are free', async () => {
    const { roster } = renderApp({ session: signedIn, presence: snapshot() });
    fireEvent.click(await listRow(/^Bob Martin/));
    const card = screen.getByRole('main', { name: 'Contact details' });
    expect(await within(card).findByText('Now: Budget review')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Tell me when free' }));
    expect(await within(card).findByText('We’ll tell you when Bob Martin is free.')).toBeTruthy();
    expect(roster.api.setPresenceAlert).toHaveBeenCalledWith({
      email: 'bob.martin@contoso.example',
      on: true,
    });
    expect(within(card).getByRole('button', { name: 'Stop the “free” alert' })).toBeTruthy();

    await fromMain(() =>
      roster.emit('presenceAlert', {
        email: 'bob.martin@contoso.example',
        displayName: 'Bob Martin',
        at: '2026-11-30T14:30:00.000Z',
      }),
    );
    const notices = screen.getByRole('region', { name: 'Notifications' });
    expect(within(notices).getByText('Bob Martin is free now')).toBeTruthy();
    fireEvent.click(within(notices).getByRole('button', { name: 'Dismiss' }));
    expect(within(notices).queryByText('Bob Martin is free now')).toBeNull();
  });

  it('says "presence as of" when the data is stale, and refreshes on demand', async () => {
    const { roster } = renderApp({ session: signedIn, presence: snapshot({ stale: true }) });
    expect(await screen.findByText(/^Presence as of \d{1,2}:40/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh presence' }));
    expect(roster.api.refreshPresence).toHaveBeenCalledWith({ reason: 'user' });
  });

  it('tells main which people are on screen, so they are fetched first', async () => {
    const { roster } = renderApp({ session: signedIn, presence: snapshot() });
    await listRow(/^Bob Martin/);
    await waitFor(() =>
      expect(roster.api.watchPresence.mock.calls.at(-1)?.[0].emails).toEqual(
        expect.arrayContaining(['bob.martin@contoso.example', 'chloe.zhang@contoso.example']),
      ),
    );
  });

  it('sorts by availability: available first, then by how soon each is free, unknown last', async () => {
    renderApp({ session: signedIn, presence: snapshot() });
    await listRow(/^Bob Martin/);
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), {
      target: { value: 'availability' },
    });
    const tree = screen.getByRole('tree', { name: 'Contact list' });
    const names = within(tree)
      .getAllByRole('treeitem')
      .map((r) => r.querySelector('.contact-tree__name')?.textContent);
    expect(names.indexOf('Chloé Zhang')).toBeLessThan(names.indexOf('Bob Martin'));
    expect(names.indexOf('Bob Martin')).toBeLessThan(names.indexOf('Anna Åberg'));
  });
});
