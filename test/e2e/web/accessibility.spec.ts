/**
 * Automated accessibility checks (axe-core, WCAG 2.1 A and AA rules) on what users see: the
 * sign-in screen in both languages, an error, the contact list and a contact card. Automated
 * rules catch only part of what matters (labels, roles, contrast, names); keyboard paths are
 * covered by the other specs and the unit tests.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './shell';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('the sign-in screen, in English and French and with an error, has no WCAG A/AA violations', async ({
  page,
  shell,
}) => {
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByLabel(/e-mail/i).fill('bob@contoso.test');
  await page.getByLabel(/password/i).fill('wrong');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 30_000 });
  expect(await violations(page)).toEqual([]);

  await page.evaluate(() => window.roster.updateSettings({ language: 'fr' }));
  await expect(page.getByRole('button', { name: /^se connecter$/i })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the contact list and a contact card have no WCAG A/AA violations', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  const tree = page.getByRole('tree', { name: 'Contact list' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  expect(await violations(page)).toEqual([]);

  const first = tree.getByRole('treeitem', { level: 2 }).first();
  await first.click();
  await first.press('Enter');
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
