/**
 * The Electron app itself, through Playwright's _electron. Runs wherever the Electron binary is
 * installed; elsewhere (our build machines cannot download it) every test here is skipped with a
 * clear reason. Needs `npm run build` first (npm test does it).
 */
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../../../scripts/electron-binary.mjs';

const binary = electronBinary();
if (!binary) console.log('electron e2e: skipped: no Electron binary (node_modules/electron has no dist/)');

test.describe('Electron app', () => {
  test.skip(!binary, 'skipped: no Electron binary');
  let app: ElectronApplication;
  let userData: string;

  test.beforeEach(async () => {
    userData = mkdtempSync(join(tmpdir(), 'roster-electron-'));
    app = await electron.launch({ executablePath: binary!, args: ['.', `--user-data-dir=${userData}`] });
  });
  test.afterEach(async () => {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('shows the sign-in screen with window.roster and no Node in the page', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const info = await page.evaluate(() => window.roster.getAppInfo());
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
  });

  test('denies window.open and remote navigation', async () => {
    const page = await app.firstWindow();
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      location.href = 'https://example.com';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/^app:\/\/roster\//);
  });
});
