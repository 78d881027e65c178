/**
 * The new user's remaining items (issue 20) on the demo in the web shell: a list still on the
 * Lync server says so (dave), instead of looking like an empty one.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './shell';

async function signInAs(page: Page, url: string, email: string, password: string) {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(url);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
}

test('dave (not migrated): the list says his Lync contacts are not in Exchange yet, in English and French', async ({
  page,
  shell,
}) => {
  test.setTimeout(90_000);
  mkdirSync('test-results/screenshots', { recursive: true });
  await signInAs(page, shell.url, 'dave@contoso.test', 'Dave-Roster-2026');
  const note = page.getByRole('region', { name: 'Your Lync contacts are not in Exchange yet' });
  await expect(note).toBeVisible({ timeout: 30_000 });
  await expect(note).toContainText('Ask your help desk');
  await expect(page.getByText(/You have no contacts yet/)).toHaveCount(0);
  expect((await new AxeBuilder({ page }).include('.pane--contacts').analyze()).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/not-migrated-en.png' });

  await page.evaluate(() => window.roster.updateSettings({ language: 'fr' }));
  await expect(
    page.getByRole('region', { name: 'Vos contacts Lync ne sont pas encore dans Exchange' }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/not-migrated-fr.png' });
  await page.evaluate(() => window.roster.updateSettings({ language: 'en' }));
});
