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

test('one search box: my contacts first, the directory below; Down, Enter opens the card, Add to contacts', async ({
  page,
  shell,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  await expect(page.getByRole('tree', { name: 'Contact list' })).toBeVisible({ timeout: 30_000 });
  // Alice's demo list holds nearly everyone: take one person out of it, so the directory has a stranger.
  const stranger = await page.evaluate(async () => {
    const list = await window.roster.getContactList();
    if (!list.ok) throw new Error(list.error.message);
    const names = new Map<string, number>();
    for (const c of list.value.contacts) names.set(c.displayName, (names.get(c.displayName) ?? 0) + 1);
    const one = list.value.contacts.find(
      (c) =>
        c.email &&
        !c.telephoneOnly &&
        names.get(c.displayName) === 1 &&
        /^[A-Za-z]+ [A-Za-z]+$/.test(c.displayName),
    );
    if (!one) throw new Error('no contact to take out');
    const removed = await window.roster.removeContact({ contactId: one.id });
    if (!removed.ok) throw new Error(removed.error.message);
    return { name: one.displayName };
  });
  const box = page.getByRole('searchbox', { name: 'Search contacts and directory' });
  await box.fill(stranger.name);
  const directory = page.getByRole('region', { name: 'In the directory' });
  const row = directory.getByRole('listitem').filter({ hasText: stranger.name });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screenshots/search-box-en.png' });
  expect((await new AxeBuilder({ page }).include('.pane--contacts').analyze()).violations).toEqual([]);

  // None of Alice's contacts bears the stranger's name: Down goes straight to the directory's people.
  await expect(page.getByText(`No contact matches “${stranger.name}”.`)).toBeVisible();
  await box.focus();
  await page.keyboard.press('ArrowDown');
  const first = directory.locator('.directory-matches__open').first();
  await expect(first).toBeFocused();
  const firstName = (await first.locator('.result-list__name').textContent()) ?? '';
  await page.keyboard.press('Enter');
  const card = page.getByRole('main', { name: 'Contact details' });
  await expect(card.getByRole('heading', { name: firstName })).toBeVisible();

  await row.getByRole('button', { name: `Add to contacts: ${stranger.name}` }).click();
  await expect(
    page
      .getByRole('tree')
      .getByRole('treeitem', { name: new RegExp(`^${stranger.name}`) })
      .first(),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expect(row).toHaveCount(0);
});
