/**
 * The Help desk view in the web shell (issue 19 part 4), on the demo's built-in Exchange: the
 * help-desk account checks dave (still on Lync Server: fail) and alice (moved, nothing lost:
 * pass) with their Lync exports, watches the checks run, opens the comparison, saves the HTML and
 * JSON reports and copies the ticket summary; axe finds nothing.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS, generateOrg } from '../../../main/exchange-sim/org/generate';
import { DEFAULT_SEED, DEFAULT_SIZE } from '../../../main/exchange-sim/org/store';
import { exportUserData } from '../../../main/exchange-sim/lync/export';
import { test, expect } from './shell';

// A little latency on the demo Exchange, so the checks can be seen running.
test.use({ shellStart: { args: ['--demo-faults', 'latencyMs=120'] } });

/** The user's Export-CsUserData zip, as Lync Server would give it for the demo organisation. */
function lyncExport(who: 'alice' | 'dave'): { name: string; mimeType: string; buffer: Buffer } {
  const org = generateOrg({ seed: DEFAULT_SEED, size: DEFAULT_SIZE });
  const person = org.people.find((p) => p.smtp === DEMO_ACCOUNTS[who].smtp);
  if (!person) throw new Error(`${who} is not in the demo organisation`);
  const dgs = new Map<string, string>();
  for (const g of person.imList.groups) if (g.smtp) dgs.set(g.displayName, g.smtp);
  return {
    name: `${who}.zip`,
    mimeType: 'application/zip',
    buffer: Buffer.from(exportUserData(person, dgs)),
  };
}

async function check(page: Page, who: 'alice' | 'dave') {
  const dialog = page.getByRole('dialog', { name: 'Help desk: check a UCS migration' });
  await dialog.getByLabel('User’s e-mail address').fill(DEMO_ACCOUNTS[who].smtp);
  await dialog.getByLabel('Lync export (Export-CsUserData zip, optional)').setInputFiles(lyncExport(who));
  await dialog.getByRole('button', { name: 'Run the checks' }).click();
  return dialog;
}

test('help desk: dave fails (not migrated), alice passes (nothing lost); checks run live; reports saved and copied', async ({
  page,
  shell,
  context,
}) => {
  test.setTimeout(120_000);
  mkdirSync('test-results/screenshots', { recursive: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.origin });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shell.url);
  await page.getByLabel(/e-mail/i).fill(DEMO_ACCOUNTS.helpdesk.smtp);
  await page.getByLabel(/password/i).fill(DEMO_ACCOUNTS.helpdesk.password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page.getByRole('button', { name: 'Help desk' }).click({ timeout: 30_000 });

  // dave: the checks run in front of the user, then the verdict and why.
  let dialog = await check(page, 'dave');
  await expect(dialog.getByRole('status').filter({ hasText: /Checking… 0 of 1 users/ })).toBeVisible();
  const daveRow = dialog.getByRole('row').filter({ hasText: DEMO_ACCOUNTS.dave.smtp });
  await expect(daveRow.getByRole('cell', { name: 'Fail' })).toBeVisible({ timeout: 60_000 });
  await expect(daveRow).toContainText('List moved to Exchange');
  await daveRow.locator('summary').click(); // opens the details
  const daveComparison = dialog.getByRole('region', { name: 'Comparison with the Lync export' });
  await expect(daveComparison).toContainText(/Missing in Exchange: [1-9]/);
  await expect(dialog.getByText(/Not migrated: the Unified Contact Store is empty/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/helpdesk-dave.png', fullPage: true });

  // alice: moved, nothing lost.
  dialog = await check(page, 'alice');
  const aliceRow = dialog.getByRole('row').filter({ hasText: DEMO_ACCOUNTS.alice.smtp });
  await expect(aliceRow.getByRole('cell', { name: 'Pass' })).toBeVisible({ timeout: 60_000 });
  await aliceRow.locator('summary').click();
  await expect(dialog.getByRole('region', { name: 'Comparison with the Lync export' })).toContainText(
    'Nothing lost.',
  );

  // The reports: HTML and JSON downloads, and the ticket summary on the clipboard.
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save the report (HTML)' }).click(),
  ]);
  expect(html.suggestedFilename()).toMatch(/^ucs-check-.*\.html$/);
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save the report (JSON)' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^ucs-check-.*\.json$/);
  const saved = JSON.parse(
    await (await json.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')),
  ) as {
    schemaVersion: number;
    users: Array<{ user: string; verdict: string }>;
  };
  expect(saved.users).toEqual([expect.objectContaining({ user: DEMO_ACCOUNTS.alice.smtp, verdict: 'pass' })]);

  await dialog.getByRole('button', { name: 'Copy the summary (English)' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Summary copied.' })).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary).toContain(`UCS migration check for Alice Martin <${DEMO_ACCOUNTS.alice.smtp}>`);
  expect(summary).toContain('Nothing lost');

  await page.screenshot({ path: 'test-results/screenshots/helpdesk-alice.png', fullPage: true });
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations).toEqual([]);
});
