import { WebSocket } from 'ws';
import { mkdirSync } from 'node:fs';
import { test, expect } from './shell';

test('opens on the sign-in screen, switches to French, and keeps the choice', async ({ page, shell }) => {
  await page.goto(shell.url);
  // The one-time token is swapped for a cookie and dropped from the address bar.
  await expect(page).toHaveURL(`${shell.origin}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByLabel(/e-mail/i)).toBeFocused();
  await expect(page.getByLabel(/password/i)).toBeVisible();
  await expect(page.getByRole('button', { name: /^sign in$/i })).toBeVisible();

  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/sign-in-en.png' });

  await page.getByRole('button', { name: /settings/i }).click();
  await page.getByLabel(/language/i).selectOption('fr');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^se connecter$/i })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.screenshot({ path: 'test-results/screenshots/sign-in-fr.png' });

  await page.reload();
  await expect(page.getByRole('button', { name: /^se connecter$/i })).toBeVisible();
});

test('refuses requests without the token, a reused token, and a foreign WebSocket origin', async ({
  page,
  shell,
  request,
}) => {
  const bare = await request.get(`${shell.origin}/`);
  expect(bare.status()).toBe(403);
  const asset = await request.get(`${shell.origin}/index.js`);
  expect(asset.status()).toBe(403);
  const wrong = await request.get(`${shell.origin}/?token=not-the-token`);
  expect(wrong.status()).toBe(403);

  await page.goto(shell.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The token was used once: a second visitor with the same URL is refused.
  const again = await request.get(shell.url, { maxRedirects: 0 });
  expect(again.status()).toBe(403);

  // With the session cookie but from another origin (a web page the user visits), the
  // contract's WebSocket is refused; from the app's own origin it opens.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const tryOpen = (origin: string) =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/ws`, { headers: { cookie, origin } });
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('error', () => resolve('error'));
    });
  expect(await tryOpen('https://evil.example')).toBe('403');
  expect(await tryOpen(shell.origin)).toBe('open');

  // The page itself talks to main through window.roster, with the contract's types.
  const info = await page.evaluate(() => window.roster.getAppInfo());
  expect(info).toMatchObject({ ok: true, value: { name: 'Roster', shell: 'web' } });
  const bad = await page.evaluate(() => window.roster.updateSettings({ language: 'klingon' } as never));
  expect(bad).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
});
