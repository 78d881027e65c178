/**
 * The main screens in English and French, light and dark, at 1024 px, with screenshots kept to be
 * looked at (issue 20): sign-in, the list with a card, the scheduler and settings. Each screen
 * must not scroll sideways, and the header's name and status must end in "…" inside the header
 * rather than be cut mid-letter or push the actions out.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './shell';

const shots = 'test-results/screenshots/screens';

async function fits(page: Page, what: string) {
  const over = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(over, `${what}: the page scrolls sideways by ${over} px`).toBeLessThanOrEqual(0);
  // Every header part stays inside the header's box.
  const outside = await page.evaluate(() => {
    const bar = document.querySelector('.topbar');
    if (!bar) return [];
    const edge = bar.getBoundingClientRect().right + 0.5;
    return Array.from(bar.querySelectorAll('button, .topbar__name'))
      .filter((el) => el.getBoundingClientRect().right > edge)
      .map((el) => el.textContent ?? '');
  });
  expect(outside, `${what}: header parts past its edge`).toEqual([]);
}

for (const language of ['en', 'fr'] as const)
  for (const scheme of ['light', 'dark'] as const) {
    test(`${language}, ${scheme}: sign-in, list and card, scheduler, settings`, async ({
      browser,
      shell,
    }) => {
      test.setTimeout(150_000);
      mkdirSync(shots, { recursive: true });
      const context = await browser.newContext({
        viewport: { width: 1024, height: 768 },
        locale: language === 'fr' ? 'fr-FR' : 'en-GB',
        colorScheme: scheme,
      });
      const page = await context.newPage();
      const shot = (name: string) => page.screenshot({ path: `${shots}/${language}-${scheme}-${name}.png` });
      try {
        await page.goto(shell.url);
        await page.evaluate((l) => window.roster.updateSettings({ language: l, theme: 'system' }), language);
        await expect(
          page.getByRole('button', { name: language === 'fr' ? /essayer la démo/i : /try the demo/i }),
        ).toBeVisible();
        await shot('sign-in');
        await page
          .getByRole('button', { name: /démo|demo/i })
          .first()
          .click();
        const tree = page.getByRole('tree');
        await expect(tree).toBeVisible({ timeout: 30_000 });
        const joined = await page.evaluate(() => window.roster.setFeatureOptIn({ id: 'meetings', on: true }));
        expect(joined.ok).toBe(true);
        await tree.getByRole('treeitem', { level: 2 }).first().click();
        await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
        await fits(page, 'list and card');
        // Each toolbar label on one line, even with the Meet action for the selected person.
        const toolbar = page.getByRole('toolbar').first();
        for (const button of await toolbar.getByRole('button').all()) {
          const box = await button.boundingBox();
          expect(box?.height ?? 0, (await button.textContent()) ?? '').toBeLessThan(40);
        }
        await shot('list-card');

        await page
          .getByRole('main')
          .getByRole('button', { name: language === 'fr' ? 'Planifier une réunion' : 'Schedule a meeting' })
          .click();
        await expect(page.getByRole('main', { name: /meeting|réunion/i })).toBeVisible();
        await fits(page, 'scheduler');
        await shot('scheduler');

        await page.getByRole('button', { name: language === 'fr' ? 'Paramètres' : 'Settings' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await shot('settings');
      } finally {
        await context.close();
      }
    });
  }
