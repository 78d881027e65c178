/**
 * Presence in the web shell on the demo Exchange held at a chosen hour: the simulator's scripted
 * cast says who is in a meeting until when; the app must say the same in rows and the card, sort
 * available people first, speak French, and raise "Tell me when free" when the clock passes the
 * meeting's end. The shell's clock starts shortly before that end and runs at real speed.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { generateOrg } from '../../../main/exchange-sim/org/generate';
import {
  presenceCast,
  presenceCastInstant,
  scriptedCast,
} from '../../../main/exchange-sim/org/presence-cast';
import { test, expect } from './shell';

// The demo Exchange's organisation (its default seed and size), generated around a fixed Monday.
const EPOCH = '2026-11-30T00:00:00.000Z';
const org = generateOrg({ seed: 20131, size: 200, epoch: EPOCH });
const castAt = Date.parse(presenceCastInstant(org));
const cast = presenceCast(org, { at: castAt });
const roles = scriptedCast(org);
const byEmail = new Map(org.people.map((p) => [p.smtp, p.displayName]));
const ending = cast.endingSoon.find((e) => e.smtp === roles.meetingEndingSoon);
// Another contact still in a meeting well after the first one's ends, for the French words.
const longer = cast.inMeeting.find((e) => e.until && Date.parse(e.until) - castAt > 5 * 60_000);
// Start 30 s before the cast instant: time to sign in before the meeting ends.
const START = new Date(castAt - 30_000).toISOString();

test.use({
  shellStart: { args: ['--demo-epoch', EPOCH, '--clock-start', START], env: { TZ: 'Europe/Paris' } },
  timezoneId: 'Europe/Paris',
  locale: 'en-GB',
});

const hhmm = (iso: string, locale = 'en-GB'): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );

test('calendar presence: "in a meeting until", sort by availability, French words, and an alert when free', async ({
  page,
  shell,
}) => {
  test.setTimeout(180_000);
  expect(ending?.until, 'the simulator scripts a meeting ending 45 s after the cast instant').toBeDefined();
  expect(longer?.until).toBeDefined();
  const name = byEmail.get(ending?.smtp ?? '') ?? '';
  const longerName = byEmail.get(longer?.smtp ?? '') ?? '';
  mkdirSync('test-results/screenshots', { recursive: true });

  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  const tree = page.getByRole('tree', { name: 'Contact list' });
  await expect(tree).toBeVisible({ timeout: 30_000 });

  // Sorted by name, every contact is in one flat list: find the person in a meeting.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('name');
  await page.getByRole('searchbox', { name: 'Search contacts and directory' }).fill(name);
  const row = tree.getByRole('treeitem', { name: new RegExp(`^${name}`) }).first();
  await expect(row).toContainText(`In a meeting until ${hhmm(ending?.until ?? '')}`, { timeout: 30_000 });
  await expect(row.getByRole('img', { name: 'In a meeting' })).toBeVisible();

  // The card: state, until when, the day's schedule, and "Tell me when free".
  await row.click();
  const card = page.getByRole('main', { name: 'Contact details' });
  await expect(card.getByRole('heading', { name: 'Availability' })).toBeVisible();
  await expect(card).toContainText(`In a meeting until ${hhmm(ending?.until ?? '')}`);
  await expect(card.getByRole('heading', { name: 'Today’s schedule' })).toBeVisible();
  // Free from the end of those meetings: the next free half hour starts then.
  await expect(card).toContainText(`Next free: ${hhmm(ending?.until ?? '')} –`);
  await card.getByRole('button', { name: 'Tell me when free' }).click();
  await expect(card.getByText(`We’ll tell you when ${name} is free.`)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/presence-card.png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  // Sort by availability: available people first, then by how soon each is free.
  await page.getByRole('searchbox', { name: 'Search contacts and directory' }).fill('');
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('availability');
  const details = tree.locator('.contact-tree__row--contact .contact-tree__detail');
  await expect(details.first()).toHaveText(/^(Available|Free until)/);
  const firstTexts = await details.allTextContents();
  const firstBusy = firstTexts.findIndex((t) => !/^(Available|Free until)/.test(t));
  expect(firstBusy).toBeGreaterThan(0);
  expect(firstTexts.slice(firstBusy).some((t) => /^(Available|Free until)/.test(t))).toBe(false);
  await page.screenshot({ path: 'test-results/screenshots/presence-sorted.png' });

  // French, with French words and a 24-hour clock.
  await page.evaluate(() => window.roster.updateSettings({ language: 'fr' }));
  await page.getByRole('combobox', { name: 'Trier par' }).selectOption('name');
  await page.getByRole('searchbox', { name: 'Rechercher dans les contacts et l’annuaire' }).fill(longerName);
  const frRow = page
    .getByRole('tree', { name: 'Liste de contacts' })
    .getByRole('treeitem', { name: new RegExp(`^${longerName}`) })
    .first();
  await expect(frRow).toContainText(`En réunion jusqu’à ${hhmm(longer?.until ?? '', 'fr-FR')}`);
  await page.screenshot({ path: 'test-results/screenshots/presence-fr.png' });

  // The clock passes the end of the meeting: the alert is raised, in the window (web shell).
  const toast = page.getByRole('status').filter({ hasText: `${name} est disponible` });
  await expect(toast).toBeVisible({ timeout: 120_000 });
});
