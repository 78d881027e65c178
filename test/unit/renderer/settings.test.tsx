import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings, workAccount } from './fake-roster';
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
