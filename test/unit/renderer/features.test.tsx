import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { featuresSnapshot, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';
import { fromMain, renderApp } from './render';

async function signedIn(options: FakeRosterOptions = {}) {
  const rendered = renderApp({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    ...options,
  });
  await screen.findByRole('tree', { name: 'Contact list' });
  return rendered;
}

async function openCard(name: RegExp) {
  fireEvent.click(screen.getAllByRole('treeitem', { name })[0] as HTMLElement);
  const card = within(screen.getByRole('main', { name: 'Contact details' }));
  await card.findByRole('heading', { name: 'Hélène Dubois' });
  return card;
}

async function openSettings() {
  fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return within(await screen.findByRole('dialog', { name: 'Settings' }));
}

describe('features in the window', () => {
  it('a turned-off meeting feature takes the card’s meeting action away, and it comes back when turned on', async () => {
    const { roster } = await signedIn({
      features: featuresSnapshot({ off: ['meetings'], policy: ['meetings'] }),
    });
    const card = await openCard(/^Hélène Dubois/);
    expect(card.queryByRole('button', { name: 'Schedule a meeting' })).toBeNull();
    await fromMain(() => roster.setFeatures(featuresSnapshot()));
    expect(await card.findByRole('button', { name: 'Schedule a meeting' })).toBeTruthy();
  });

  it('presence off: no presence section on the card and no "Refresh presence"', async () => {
    await signedIn({ features: featuresSnapshot({ off: ['presence'], policy: ['presence'] }) });
    const card = await openCard(/^Hélène Dubois/);
    expect(card.queryByRole('heading', { name: 'Availability' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refresh presence' })).toBeNull();
  });

  it('photos off: the card shows initials, not the photo', async () => {
    await signedIn({ features: featuresSnapshot({ off: ['photos'], policy: ['photos'] }) });
    const card = await openCard(/^Hélène Dubois/);
    const article = card.getByRole('heading', { name: 'Hélène Dubois' }).closest('article');
    expect(article?.querySelector('img')).toBeNull();
  });

  it('shows the pilot ring’s name in the header', async () => {
    await signedIn({ features: featuresSnapshot({ ring: 'Ring A' }) });
    expect(await screen.findByText('Pilot: Ring A')).toBeTruthy();
    expect(screen.getByText('You are in the pilot ring Ring A')).toBeTruthy();
  });
});

describe('Settings → Features', () => {
  it('says each feature’s state and why, with no switch where the policy decides', async () => {
    await signedIn({ features: featuresSnapshot({ off: ['meetings'], policy: ['meetings'] }) });
    const dialog = await openSettings();
    const meetings = dialog.getByText('Meeting scheduling').closest('li') as HTMLElement;
    expect(within(meetings).getByText('Off: off by your organisation’s policy')).toBeTruthy();
    expect(within(meetings).queryByRole('switch')).toBeNull();
    const photos = dialog.getByText('High-resolution photos').closest('li') as HTMLElement;
    expect(within(photos).getByText('On: on by default')).toBeTruthy();
  });

  it('joining a pilot feature goes through main and the switch and reason follow', async () => {
    const { roster } = await signedIn({ features: featuresSnapshot({ off: ['history'] }) });
    const dialog = await openSettings();
    const history = dialog.getByRole('switch', { name: 'Use Conversation history' });
    expect((history as HTMLInputElement).checked).toBe(false);
    fireEvent.click(history);
    expect(roster.api.setFeatureOptIn).toHaveBeenCalledWith({ id: 'history', on: true });
    await waitFor(() => expect((history as HTMLInputElement).checked).toBe(true));
    expect(dialog.getByText('On: on because you joined the pilot')).toBeTruthy();
  });

  it('names a refused policy file with its line and reason', async () => {
    const snapshot = featuresSnapshot();
    snapshot.policy = {
      status: 'invalid',
      file: '/etc/roster/policy.json',
      line: 3,
      reason: 'unknown setting "colour"',
    };
    await signedIn({ features: snapshot });
    const dialog = await openSettings();
    expect(dialog.getByRole('alert').textContent).toBe(
      'The policy file /etc/roster/policy.json is not valid and was ignored (line 3): unknown setting "colour"',
    );
  });

  it('Save diagnostics… asks main for the zip', async () => {
    const { roster } = await signedIn();
    const dialog = await openSettings();
    fireEvent.click(dialog.getByRole('button', { name: 'Save diagnostics…' }));
    await waitFor(() => expect(roster.api.saveDiagnostics).toHaveBeenCalledTimes(1));
  });
});
