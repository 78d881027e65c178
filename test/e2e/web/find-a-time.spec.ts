/**
 * Find a time, in the web shell on the demo Exchange (issue 18): select three contacts in the
 * list, "Find a time" proposes slots where all three are free, the first is sent as an online
 * meeting; it is in my upcoming meetings with a join link, the three see it in their schedule for
 * that slot, and cancelling removes it. The shell's clock is held on a Monday morning in Paris so
 * the proposals fall in everyone's working week.
 *
 * Meeting scheduling is a pilot feature: the user joins the pilot first (features.spec.ts covers
 * the Settings switch itself).
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './shell';
import type { Page } from '@playwright/test';

const EPOCH = '2026-11-30T00:00:00.000Z';
const START = '2026-11-30T08:00:00.000Z'; // Monday 09:00 in Paris
const SUBJECT = 'Find-a-time e2e: roadmap';

test.use({
  shellStart: { args: ['--demo-epoch', EPOCH, '--clock-start', START], env: { TZ: 'Europe/Paris' } },
  timezoneId: 'Europe/Paris',
  locale: 'en-GB',
});

const hhmm = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );

/**
 * Three people of my list with a mailbox and a unique name whose calendars we can read and who
 * work on Paris time (UTC+1 in winter), so a slot where all three are free exists this week:
 * picked by the contract, not by what happens to be drawn.
 */
async function threeContacts(page: Page): Promise<Array<{ email: string; displayName: string }>> {
  const readable = async (): Promise<Set<string>> => {
    const p = await page.evaluate(() => window.roster.getPresence());
    if (!p.ok) return new Set();
    return new Set(
      p.value.people
        .filter((x) => x.fetchedAt !== null && x.reason === undefined && x.utcOffsetMinutes === 60)
        .map((x) => x.email.toLowerCase()),
    );
  };
  await expect.poll(async () => (await readable()).size, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const seen = await readable();
  const list = await page.evaluate(() => window.roster.getContactList());
  if (!list.ok) throw new Error(`getContactList failed: ${list.error.message}`);
  const names = new Map<string, number>();
  for (const c of list.value.contacts) names.set(c.displayName, (names.get(c.displayName) ?? 0) + 1);
  return list.value.contacts
    .flatMap((c) =>
      c.email && !c.telephoneOnly && names.get(c.displayName) === 1 && seen.has(c.email.toLowerCase())
        ? [{ email: c.email, displayName: c.displayName }]
        : [],
    )
    .slice(0, 3);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('find a time: select three contacts, schedule the first proposal online, see it, cancel it', async ({
  page,
  shell,
}) => {
  test.setTimeout(180_000);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  const tree = page.getByRole('tree', { name: 'Contact list' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  await expect(tree).toHaveAttribute('aria-multiselectable', 'true');
  const joined = await page.evaluate(() => window.roster.setFeatureOptIn({ id: 'meetings', on: true }));
  expect(joined.ok).toBe(true);

  const people = await threeContacts(page);
  expect(people, 'the demo list has three contacts with a mailbox').toHaveLength(3);

  // One click, then Ctrl-click: the filter narrows the list, the selection stays.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('name');
  const filter = page.getByRole('searchbox', { name: 'Search contacts and directory' });
  for (const [i, person] of people.entries()) {
    await filter.fill(person.displayName);
    const row = tree.getByRole('treeitem', { name: new RegExp(`^${escape(person.displayName)}`) }).first();
    await row.click({ modifiers: i === 0 ? [] : ['ControlOrMeta'] });
    await expect(row).toHaveAttribute('aria-selected', 'true');
  }
  await filter.fill('');
  await page.getByRole('button', { name: 'Meet (3)' }).click();

  const scheduler = page.getByRole('main', { name: 'Schedule a meeting' });
  await expect(scheduler.getByRole('heading', { name: 'New meeting' })).toBeVisible();
  for (const person of people)
    await expect(
      scheduler.getByRole('button', { name: `${person.displayName} is required. Make optional` }),
    ).toBeVisible();
  await scheduler.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
  await scheduler.getByRole('textbox', { name: 'Agenda' }).fill('Where we are, what comes next.');

  // Find a time: proposals where all three are free, and the grid of that day (me and the three).
  await scheduler.getByRole('button', { name: 'Find a time' }).click();
  const proposals = scheduler.getByRole('list', { name: 'Suggested times' }).getByRole('button');
  await expect(proposals.first()).toBeVisible({ timeout: 30_000 });
  // Soonest first: an earlier slot may have a "maybe" (a calendar we cannot see, a tentative
  // meeting); the one taken is the first where all three are free.
  const allFree = proposals.filter({ hasText: 'Everyone required is free' }).first();
  await expect(allFree).toBeVisible();
  const grid = scheduler.getByRole('grid');
  await expect(grid.getByRole('row')).toHaveCount(5);
  for (const person of people)
    await expect(grid.getByRole('rowheader', { name: person.displayName })).toBeVisible();

  await allFree.click();
  await expect(allFree).toHaveAttribute('aria-pressed', 'true');
  await expect(grid.locator('[role="gridcell"][aria-selected="true"]').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/find-a-time.png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  // Online is the default: the invitation goes with a Lync join link.
  await expect(scheduler.getByRole('radio', { name: /Online meeting/ })).toBeChecked();
  await scheduler.getByRole('button', { name: 'Send invitation' }).click();
  await expect(scheduler.getByRole('heading', { name: 'Invitation sent' })).toBeVisible({ timeout: 30_000 });
  await expect(scheduler.getByRole('link', { name: /^https:\/\// })).toBeVisible();

  // In my upcoming meetings, with a Join link.
  await scheduler.getByRole('button', { name: 'Show my meetings' }).click();
  const upcoming = page.getByRole('main', { name: 'Upcoming meetings' });
  const item = upcoming.getByRole('article', { name: SUBJECT });
  await expect(item).toBeVisible({ timeout: 30_000 });
  const join = item.getByRole('link', { name: `Join “${SUBJECT}”` });
  await expect(join).toHaveAttribute('href', /^https:\/\//);
  await expect(join).toHaveAttribute('target', '_blank');

  const listed = await page.evaluate(() => window.roster.listUpcomingMeetings({ days: 7 }));
  const meeting = listed.ok
    ? listed.value.meetings.find((m) => m.subject === 'Find-a-time e2e: roadmap')
    : undefined;
  expect(meeting, 'the meeting is in my calendar').toBeDefined();
  const slot = `${hhmm(meeting?.start ?? '')} – ${hhmm(meeting?.end ?? '')}`;

  // Their calendars hold it now: each card's schedule shows the slot taken.
  await upcoming.getByRole('button', { name: 'Close' }).click();
  for (const person of people) {
    await filter.fill(person.displayName);
    await tree
      .getByRole('treeitem', { name: new RegExp(`^${escape(person.displayName)}`) })
      .first()
      .click();
    const card = page.getByRole('main', { name: 'Contact details' });
    await expect(card.getByRole('heading', { name: person.displayName })).toBeVisible();
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh presence' }).click();
          return card
            .getByRole('listitem')
            .filter({ hasText: `${slot}:` })
            .count();
        },
        { timeout: 30_000, message: `${person.displayName}'s schedule shows ${slot}` },
      )
      .toBeGreaterThan(0);
  }
  await filter.fill('');

  // Cancel it: gone from my list.
  await page.getByRole('button', { name: 'Meetings' }).click();
  await upcoming
    .getByRole('article', { name: SUBJECT })
    .getByRole('button', { name: 'Cancel meeting…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Cancel “${SUBJECT}”?` });
  await dialog.getByRole('textbox', { name: 'Message (optional)' }).fill('Sorry, we will find another time.');
  await dialog.getByRole('button', { name: 'Cancel meeting' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(upcoming.getByRole('article', { name: SUBJECT })).toHaveCount(0, { timeout: 30_000 });
});
