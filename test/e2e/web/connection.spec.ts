import { test, expect } from './shell';

test('a web shell that stops shows in the window, with a way to reload', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByRole('button', { name: /^sign in$/i })).toBeVisible();
  // The fixture's stop also proves the shell's whole process group is gone.
  await shell.stop();
  const banner = page.getByRole('alert').filter({ hasText: 'Roster lost its connection to the app.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Reload to reconnect.');
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  // A call after the loss fails at once with the network kind, rather than waiting forever.
  await page.getByLabel(/e-mail/i).fill('bob@contoso.test');
  await page.getByLabel(/password/i).fill('secret');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page.getByRole('button', { name: /^sign in$/i })).toBeEnabled();
});
