/**
 * The HTML report in Chromium: it renders with no script run (hostile names stay text), prints
 * to A4, axe finds nothing, and a screenshot is kept in test-results/ for a person to look at.
 * Skipped where /usr/bin/chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../main/services/helpdesk/report-html';
import { HOSTILE, sampleBatch } from '../../unit/main/services/helpdesk/report-fixture';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../../../test-results/helpdesk-report');
let browser: Browser;

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders without running anything, prints on A4 and passes axe', async () => {
    const html = renderReportHtml(sampleBatch());
    await writeFile(join(ARTIFACTS, 'report.html'), html);
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });

    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img, iframe, object, embed, link').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    // The hostile display name shows as the text it is.
    expect(await page.locator('h2').first().textContent()).toContain(HOSTILE);
    expect(await page.locator('section.user').count()).toBe(3);

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(ARTIFACTS, 'report.pdf'), pdf);
    // One user per page at least: three users, three or more A4 pages.
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    await context.close();
  });
});
