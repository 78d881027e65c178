/**
 * Conversation history (issue 23) in the web shell on the built-in Exchange: the user joins the
 * pilot, opens a contact they talked with and sees "Recent conversations", opens one and reads the
 * transcript; the History view lists the folder, searches it, and opens the hostile conversation
 * as inert text (no script, nothing fetched from its remote addresses). Axe finds nothing.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './shell';

const SHOTS = 'test-results/screenshots';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a contact’s recent conversations, a transcript, the History view and its search, all inert and accessible', async ({
  page,
  shell,
}) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  // Anything the hostile body points at must never be asked for.
  const remote: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(shell.origin)) remote.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  const tree = page.getByRole('tree', { name: 'Contact list' });
  await expect(tree).toBeVisible({ timeout: 30_000 });

  // A pilot feature: off by default, no History button until the user joins.
  await expect(page.getByRole('button', { name: 'History', exact: true })).toHaveCount(0);
  const joined = await page.evaluate(() => window.roster.setFeatureOptIn({ id: 'history', on: true }));
  expect(joined.ok).toBe(true);
  await expect(page.getByRole('button', { name: 'History', exact: true })).toBeVisible();

  // Someone in the list the demo user talked with (asked through the contract, as the card does).
  const someone = await page.evaluate(async () => {
    const list = await window.roster.getContactList();
    if (!list.ok) return undefined;
    for (const c of list.value.contacts.filter((x) => x.email && !x.telephoneOnly).slice(0, 25)) {
      const r = await window.roster.recentConversations({
        email: c.email ?? '',
        displayName: c.displayName,
        max: 5,
      });
      if (r.ok && r.value.entries.length > 0) return { name: c.displayName, count: r.value.entries.length };
    }
    return undefined;
  });
  if (!someone) throw new Error('no contact of the demo user has a conversation');

  await page.getByRole('searchbox', { name: 'Search contacts and directory' }).fill(someone.name);
  await tree
    .getByRole('treeitem', { name: new RegExp(`^${escapeRe(someone.name)}`) })
    .first()
    .click();
  const card = page.getByRole('main', { name: 'Contact details' });
  await expect(card.getByRole('heading', { level: 1, name: someone.name })).toBeVisible();
  const recent = card.getByRole('region', { name: 'Recent conversations' });
  const rows = recent.getByRole('listitem');
  await expect(rows).toHaveCount(someone.count);
  expect(someone.count).toBeLessThanOrEqual(5);
  // Each row says its kind in words and when.
  await expect(rows.first()).toContainText(/Conversation|Missed conversation|Call|Missed call|Conference/);
  await expect(rows.first().locator('time')).toHaveText(/\d/);
  await recent.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/history-card.png` });
  expect(await violations(page)).toEqual([]);

  // Open one: who said what and when, as text.
  await rows.first().getByRole('button').click();
  const dialog = page.getByRole('dialog');
  const transcript = dialog.getByRole('list', { name: 'Transcript' });
  await expect(transcript).toBeVisible();
  await expect(transcript.getByRole('listitem').first()).not.toBeEmpty();
  await page.screenshot({ path: `${SHOTS}/history-conversation.png` });
  expect(await violations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // The History view: the whole folder, then a search over subjects and bodies.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const view = page.getByRole('main', { name: 'Conversation history' });
  await expect(view.getByRole('status')).toHaveText(/\d+ conversations/, { timeout: 30_000 });
  await expect(
    view
      .getByRole('list', { name: /^Conversations/ })
      .getByRole('listitem')
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/history-view.png` });
  expect(await violations(page)).toEqual([]);

  const search = view.getByRole('searchbox', { name: 'Search conversation history' });
  await search.fill('quarterly');
  await search.press('Enter');
  await expect(view.getByRole('status')).toHaveText('1 conversation found for “quarterly”');
  await view
    .getByRole('button', { name: /Roadmap review|quarterly/ })
    .first()
    .click();
  await expect(page.getByRole('dialog').getByRole('list', { name: 'Transcript' })).toContainText(
    'The quarterly numbers are in the deck.',
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // The hostile conversation: its markup is shown as text, nothing of it runs or loads.
  await search.fill('Look at this');
  await search.press('Enter');
  await expect(view.getByRole('status')).toHaveText(/^1 conversation found/);
  await view
    .getByRole('list', { name: /^Conversations/ })
    .getByRole('button')
    .first()
    .click();
  const hostile = page.getByRole('dialog');
  await expect(hostile.getByRole('list', { name: 'Transcript' })).toContainText('Look at this here');
  await expect(hostile).toContainText('<script>this stays text</script>');
  expect(await hostile.locator('script, img, iframe, object, a, [onerror], [onload]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { stolen?: unknown }).stolen)).toBeUndefined();
  await page.screenshot({ path: `${SHOTS}/history-hostile.png` });
  expect(await violations(page)).toEqual([]);
  expect(remote).toEqual([]);
});
