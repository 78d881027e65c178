/**
 * Every main screen in French at 1024 px and at 200 % zoom (a 1024 px window at 200 % lays out
 * in 512 CSS px), with screenshots kept to be looked at (issue 20 item 5/6): nothing may need a
 * sideways scroll of the page, and the search box's French placeholder is read whole.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './shell';

const shots = 'test-results/screenshots';

async function noSidewaysScroll(page: Page, what: string) {
  const over = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(over, `${what}: the page scrolls sideways by ${over} px`).toBeLessThanOrEqual(0);
}

for (const [label, size] of [
  ['1024', { width: 1024, height: 768 }],
  ['zoom200', { width: 512, height: 384 }],
] as const) {
  test(`French, ${label}: list, search, card, settings, add contact`, async ({ browser, shell }) => {
    test.setTimeout(120_000);
    mkdirSync(shots, { recursive: true });
    const context = await browser.newContext({
      viewport: size,
      deviceScaleFactor: label === 'zoom200' ? 2 : 1,
      locale: 'fr-FR',
    });
    const page = await context.newPage();
    try {
      await page.goto(shell.url);
      await page.screenshot({ path: `${shots}/fr-${label}-sign-in.png` });
      await page
        .getByRole('button', { name: /démo|demo/i })
        .first()
        .click();
      await page.evaluate(() => window.roster.updateSettings({ language: 'fr' }));
      const tree = page.getByRole('tree', { name: 'Liste de contacts' });
      await expect(tree).toBeVisible({ timeout: 30_000 });
      await noSidewaysScroll(page, 'list');
      await page.screenshot({ path: `${shots}/fr-${label}-list.png` });

      const box = page.getByRole('searchbox', { name: 'Rechercher dans les contacts et l’annuaire' });
      const whole = await box.evaluate((el: HTMLInputElement) => {
        const probe = document.createElement('span');
        const style = getComputedStyle(el);
        probe.style.font = style.font;
        probe.style.position = 'absolute';
        probe.style.visibility = 'hidden';
        probe.textContent = el.placeholder;
        document.body.append(probe);
        const fits =
          probe.getBoundingClientRect().width <=
          el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        probe.remove();
        return fits;
      });
      expect(whole, 'the French placeholder is cut').toBe(true);
      await box.fill('mar');
      await expect(page.getByRole('region', { name: 'Dans l’annuaire' })).toBeVisible({ timeout: 15_000 });
      await page.screenshot({ path: `${shots}/fr-${label}-search.png` });
      await box.fill('');

      await tree.getByRole('treeitem').nth(1).click();
      await expect(page.getByRole('main', { name: /./ }).getByRole('heading').first()).toBeVisible();
      await noSidewaysScroll(page, 'card');
      await page.screenshot({ path: `${shots}/fr-${label}-card.png`, fullPage: true });

      await page.getByRole('button', { name: 'Paramètres' }).click();
      await expect(page.getByRole('dialog', { name: 'Paramètres' })).toBeVisible();
      await page.screenshot({ path: `${shots}/fr-${label}-settings.png` });
      await page.getByRole('dialog', { name: 'Paramètres' }).getByRole('button', { name: 'Fermer' }).click();

      await page.getByRole('button', { name: 'Ajouter un contact' }).click();
      await expect(page.getByRole('dialog', { name: 'Ajouter un contact' })).toBeVisible();
      await page.screenshot({ path: `${shots}/fr-${label}-add-contact.png` });
    } finally {
      await context.close();
    }
  });
}
