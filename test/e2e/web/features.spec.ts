/**
 * Pilot features in the web shell (issue 21): the user joins the meeting-scheduling pilot and the
 * card's meeting action appears; the organisation's policy file (ROSTER_POLICY) then turns
 * meetings off while the app runs: the action disappears, the header names the ring, and
 * Settings → Features says why, without a restart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './shell';

const policyDir = mkdtempSync(join(tmpdir(), 'roster-e2e-policy-'));
const policyFile = join(policyDir, 'policy.json');

test.use({ shellStart: { env: { ROSTER_POLICY: policyFile } } });
test.afterAll(() => rmSync(policyDir, { recursive: true, force: true }));

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('joining the meetings pilot shows the meeting action; a policy turning meetings off takes it away and says why', async ({
  page,
  shell,
}) => {
  test.setTimeout(120_000);
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  const tree = page.getByRole('tree', { name: 'Contact list' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('name');
  // Someone with a mailbox (a meeting needs an address), found by the contract, opened from the list.
  const someone = await page.evaluate(async () => {
    const list = await window.roster.getContactList();
    return list.ok ? list.value.contacts.find((c) => c.email && !c.telephoneOnly)?.displayName : undefined;
  });
  if (!someone) throw new Error('the demo list has no contact with a mailbox');
  // The list is virtualised: the search box brings the row on screen.
  await page.getByRole('searchbox', { name: 'Search contacts and directory' }).fill(someone);
  await tree
    .getByRole('treeitem', { name: new RegExp(`^${someone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first()
    .click();
  const card = page.getByRole('main', { name: 'Contact details' });
  await expect(card.getByRole('heading', { level: 1 })).toBeVisible();
  const meetingAction = card.getByRole('button', { name: 'Schedule a meeting' });
  // In pilot, off by default.
  await expect(meetingAction).toHaveCount(0);

  let dialog = await openSettings(page);
  const meetings = dialog.locator('[data-feature="meetings"]');
  await expect(meetings).toContainText('Off: off by default');
  const axe = await new AxeBuilder({ page })
    .include('[role="dialog"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  // Help → Save diagnostics… offers the zip main made.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save diagnostics…' }).click();
  expect((await download).suggestedFilename()).toMatch(/^roster-diagnostics-.*\.zip$/);

  // The switch shows main's answer (the opt-in is saved there), so it turns on once main has
  // answered: click, then wait for it, rather than check() which expects the change at once.
  const join = meetings.getByRole('switch', { name: 'Use Meeting scheduling' });
  await join.click();
  await expect(join).toBeChecked();
  await expect(meetings).toContainText('On: on because you joined the pilot');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(meetingAction).toBeVisible();

  // The administrator deploys a policy while the app runs.
  writeFileSync(policyFile, JSON.stringify({ ring: 'Ring A', features: { meetings: false } }, null, 2));
  await expect(page.getByText('Pilot: Ring A')).toBeVisible({ timeout: 20_000 });
  await expect(meetingAction).toHaveCount(0);

  dialog = await openSettings(page);
  await expect(dialog.locator('[data-feature="meetings"]')).toContainText(
    'Off: off by your organisation’s policy',
  );
  await expect(dialog.locator('[data-feature="meetings"]').getByRole('switch')).toHaveCount(0);

  // A broken policy is ignored whole and named with its line: the user's choice is back.
  writeFileSync(policyFile, '{\n  "ring": "Ring A",\n  "colour": "blue"\n}\n');
  await expect(dialog.getByRole('alert')).toContainText('(line 3): unknown setting "colour"', {
    timeout: 20_000,
  });
  await expect(dialog.locator('[data-feature="meetings"]')).toContainText(
    'On: on because you joined the pilot',
  );
});
