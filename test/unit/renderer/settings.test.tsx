import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings, demoAccount, workAccount } from './fake-roster';
import { fromMain, renderApp } from './render';

async function openSettings(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    ...options,
  });
  const opener = await screen.findByRole('button', { name: 'Settings' });
  opener.focus(); // as a keyboard user would reach it
  fireEvent.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  return { ...rendered, dialog, opener };
}

describe('settings', () => {
  it('opens as a dialog with focus on its first field', async () => {
    const { dialog } = await openSettings();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Language'));
    expect(within(dialog).getByLabelText('Theme')).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLInputElement>('Show photos').checked).toBe(true);
    expect(within(dialog).getByLabelText<HTMLInputElement>('Remember me').checked).toBe(true);
  });

  it('switching to French re-renders the UI in French at once and persists it', async () => {
    const { dialog, roster } = await openSettings();
    fireEvent.change(within(dialog).getByLabelText('Language'), { target: { value: 'fr' } });

    expect(roster.api.updateSettings).toHaveBeenCalledWith({ language: 'fr' });
    expect(await screen.findByRole('dialog', { name: 'Paramètres' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
    expect(screen.getByText('Sélectionnez un contact')).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    expect(roster.settings.language).toBe('fr');
  });

  it('follows a language change pushed by main (settingsChanged)', async () => {
    const { roster } = renderApp();
    await screen.findByRole('heading', { name: 'Sign in to Exchange' });
    await fromMain(() => roster.emit('settingsChanged', { ...defaultSettings, language: 'fr' }));
    expect(await screen.findByRole('heading', { name: 'Connexion à Exchange' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Essayer la démo' })).toBeTruthy();
  });

  it('"System" follows the system language', async () => {
    renderApp({ settings: { ...defaultSettings, language: 'system' } });
    // jsdom's navigator.language is en-US.
    expect(await screen.findByRole('heading', { name: 'Sign in to Exchange' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('the theme setting is applied to the document and persisted', async () => {
    const { dialog, roster } = await openSettings();
    fireEvent.change(within(dialog).getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(roster.api.updateSettings).toHaveBeenCalledWith({ theme: 'dark' });
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.change(within(dialog).getByLabelText('Theme'), { target: { value: 'system' } });
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('show photos and remember me are persisted', async () => {
    const { dialog, roster } = await openSettings();
    fireEvent.click(within(dialog).getByLabelText('Show photos'));
    fireEvent.click(within(dialog).getByLabelText('Remember me'));
    expect(roster.api.updateSettings).toHaveBeenCalledWith({ showPhotos: false });
    expect(roster.api.updateSettings).toHaveBeenCalledWith({ rememberMe: false });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Show photos').checked).toBe(false);
  });

  it('Escape closes the dialog and returns focus to the Settings button', async () => {
    const { dialog, opener } = await openSettings();
    fireEvent.keyDown(within(dialog).getByLabelText('Language'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('the Close button closes it too', async () => {
    const { dialog } = await openSettings();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is reachable from the sign-in screen', async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('a refused change is reverted and explained', async () => {
    const { dialog, roster } = await openSettings();
    roster.api.updateSettings.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'server', message: 'Disk full' },
    });
    fireEvent.click(within(dialog).getByLabelText('Show photos'));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLInputElement>('Show photos').checked).toBe(true);
  });
});

describe('Reset the demo', () => {
  it('is not offered on a real account', async () => {
    const { dialog } = await openSettings();
    expect(within(dialog).queryByRole('button', { name: 'Reset the demo…' })).toBeNull();
  });

  it('in the demo: asks first (Cancel changes nothing), then resets and closes', async () => {
    const { dialog, roster } = await openSettings({
      session: { status: 'signed-in', account: demoAccount, vault: 'os' },
    });
    const ask = within(dialog).getByRole('button', { name: 'Reset the demo…' });
    fireEvent.click(ask);
    const question = within(dialog).getByRole('group', { name: 'Demo' });
    expect(question.textContent).toContain('Every change made in the demo');
    const yes = within(question).getByRole('button', { name: 'Reset the demo' });
    expect(document.activeElement).toBe(yes);
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(roster.api.resetDemo).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Reset the demo…' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset the demo…' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset the demo' }));
    expect(roster.api.resetDemo).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull());
  });

  it('a reset main refuses is explained and the dialog stays', async () => {
    const { dialog, roster } = await openSettings({
      session: { status: 'signed-in', account: demoAccount, vault: 'os' },
    });
    roster.api.resetDemo.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'bad-input', message: 'Only the demo can be reset: sign in to the demo first.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset the demo…' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset the demo' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Only the demo can be reset');
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });
});
