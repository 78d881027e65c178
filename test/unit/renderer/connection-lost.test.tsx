import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { fr } from '../../../renderer/i18n/fr';
import { workAccount } from './fake-roster';
import { fromMain, renderApp } from './render';

describe('lost connection to main', () => {
  it('shows a banner on every screen once the bridge reports the connection lost', async () => {
    const { roster } = renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'os' } });
    await screen.findByRole('tree', { name: 'Contact list' });
    expect(screen.queryByText(/lost its connection/)).toBeNull();
    await fromMain(() => roster.emit('connectionLost', {}));
    const banner = screen
      .getByText('Roster lost its connection to the app. Reload to reconnect.')
      .closest('[role="alert"]') as HTMLElement;
    expect(banner).toBeTruthy();
    expect(within(banner).getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('shows on the sign-in screen too', async () => {
    const { roster } = renderApp();
    await screen.findByRole('heading', { name: 'Sign in to Exchange' });
    await fromMain(() => roster.emit('connectionLost', {}));
    expect(screen.getByRole('alert', { name: /lost its connection/ })).toBeTruthy();
  });

  it('is translated', () => {
    expect(en.app.connectionLost).toBe('Roster lost its connection to the app. Reload to reconnect.');
    expect(fr.app.connectionLost).toMatch(/Roster a perdu/);
  });
});
