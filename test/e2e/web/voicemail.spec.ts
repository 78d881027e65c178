/**
 * Voice mail in the web shell (issue 23): the user joins the voice-mail pilot, opens Voice mail,
 * sees a seeded message with its transcription, presses play and the recording really plays in
 * Chromium (from the shell's own audio route: it loads, has a length, and its time advances or
 * it ends); the caller's contact row carries the missed-call badge; axe finds nothing.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './shell';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a voice mail with its transcription; play fetches its WAV from the shell’s route, plays it to the end and marks it heard; the caller’s row shows the missed-call badge', async ({
  page,
  shell,
}) => {
  test.setTimeout(120_000);
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  const tree = page.getByRole('tree', { name: 'Contact list' });
  await expect(tree).toBeVisible({ timeout: 30_000 });

  // Voice mail is a pilot: the user joins it (Settings → Features does the same; features.spec.ts).
  await expect(page.getByRole('button', { name: /^Voice mail/ })).toHaveCount(0);
  const joined = await page.evaluate(async () => {
    const r = await window.roster.setFeatureOptIn({ id: 'voicemail', on: true });
    return r.ok && r.value.features.some((f) => f.id === 'voicemail' && f.on);
  });
  expect(joined).toBe(true);

  // The seeded mailbox, as main lists it: an unheard message from a contact, with a transcription.
  const seeded = await page.evaluate(async () => {
    const r = await window.roster.listVoicemail({});
    if (!r.ok) throw new Error(r.error.message);
    return r.value.entries;
  });
  const message = seeded.find((e) => e.unread && e.transcription && e.caller.contact);
  if (!message?.caller.contact || !message.transcription)
    throw new Error('no unheard voice mail from a contact');
  const caller = message.caller.contact.displayName;
  const unheardFromCaller = seeded.filter(
    (e) => e.unread && e.caller.contact?.email === message.caller.contact?.email,
  ).length;

  // The missed-call badge on the caller's row, named in words.
  await page.getByRole('searchbox', { name: 'Search contacts and directory' }).fill(caller);
  const row = tree.getByRole('treeitem', { name: new RegExp(`^${escape(caller)}`) }).first();
  const words = `${unheardFromCaller} unheard voice mail${unheardFromCaller === 1 ? '' : 's'}`;
  await expect(row).toHaveAccessibleName(new RegExp(`${words}$`));
  await expect(row.locator('.vm-badge')).toHaveAttribute('title', words);

  // Open Voice mail: the message with its transcription.
  await page.getByRole('button', { name: /^Voice mail/ }).click();
  const pane = page.getByRole('main', { name: 'Voice mail' });
  await expect(pane.getByRole('heading', { name: 'Voice mail', level: 1 })).toBeFocused();
  const article = pane.getByRole('article', { name: `${caller} Unheard` }).first();
  await expect(article).toContainText(message.transcription.slice(0, 40));

  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/voicemail-list.png', fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  // Press play on the player's own control (a user's click: no autoplay flag needed).
  const player = article.getByLabel(`Recording of the voice mail from ${caller}`);
  await expect(player).toHaveAttribute('src', /^\.\/voicemail\/[^/]+\/audio$/);
  const handle = await player.elementHandle();
  if (!handle) throw new Error('no player');
  await player.scrollIntoViewIfNeeded();
  const box = await player.boundingBox();
  if (!box) throw new Error('the player is not on screen');
  // The play button is the control's first, about 25 px in from its left edge.
  await page.mouse.click(box.x + 25, box.y + box.height / 2);
  // The player fetches its recording from the shell's own route: a WAV, by its own header.
  // …and really plays it in Chromium: loaded, a length, and its time advances (or it has ended).
  await expect
    .poll(
      () =>
        handle.evaluate((el: HTMLAudioElement) => ({
          loaded: el.readyState >= 2,
          length: el.duration > 0,
          played: el.ended || el.currentTime > 0,
        })),
      { timeout: 30_000 },
    )
    .toEqual({ loaded: true, length: true, played: true });
  const got = await handle.evaluate(async (el: HTMLAudioElement) => {
    const r = await fetch(el.currentSrc);
    const b = new Uint8Array(await r.arrayBuffer());
    const ascii = (from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));
    return { status: r.status, type: r.headers.get('content-type'), riff: ascii(0, 4), wave: ascii(8, 12) };
  });
  expect(got).toEqual({ status: 200, type: 'audio/wav', riff: 'RIFF', wave: 'WAVE' });

  // Playing marked it heard: the row says so and the badge counts one fewer.
  await expect(pane.getByRole('article', { name: `${caller} Heard` }).first()).toBeVisible();
  const left = unheardFromCaller - 1;
  await expect(row.locator('.vm-badge')).toHaveCount(left === 0 ? 0 : 1);
  await expect(row).toHaveAccessibleName(
    left === 0
      ? new RegExp(`^${escape(caller)}(?!.*unheard voice mail)`)
      : new RegExp(`${left} unheard voice mails?$`),
  );

  await page.screenshot({ path: 'test-results/screenshots/voicemail-played.png', fullPage: true });
  const after = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(after.violations.map((v) => v.id)).toEqual([]);
});
