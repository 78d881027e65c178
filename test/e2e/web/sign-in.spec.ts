import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect, keyringAvailable } from './shell';

test('a new user tries the demo: autodiscover finds the server, and the next start signs in silently', async ({
  page,
  shell,
}) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: /try the demo/i }).click();
  // The header names the signed-in person, from the autodiscovered server.
  await expect(page.getByRole('banner')).toContainText('Alice Martin', { timeout: 30_000 });
  const session = await page.evaluate(() => window.roster.getSession());
  expect(session).toMatchObject({
    ok: true,
    value: {
      status: 'signed-in',
      account: { email: 'alice@contoso.test', ewsUrl: 'https://contoso.test/EWS/Exchange.asmx', demo: true },
    },
  });

  test.skip(
    !keyringAvailable,
    'skipped: no Secret Service here (dbus-run-session + gnome-keyring), so nothing is remembered',
  );
  const next = await shell.restart();
  await page.goto(next.url);
  await expect(page.getByRole('banner')).toContainText('Alice Martin', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^sign in$/i })).toHaveCount(0);
});

test('a wrong password is named as such', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByLabel(/e-mail/i).fill('bob@contoso.test');
  await page.getByLabel(/password/i).fill('not-his-password');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page.getByRole('alert')).toContainText(/password/i, { timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText(/incorrect|wrong/i);
});

/** A second built-in Exchange with its own self-signed certificate, which nothing trusts. */
async function startStrangeExchange(
  dir: string,
): Promise<{ child: ChildProcess; ewsUrl: string; fingerprint: string }> {
  const child = spawn(
    join('node_modules', '.bin', 'tsx'),
    [
      'main/exchange-sim/cli.ts',
      '--http-port',
      'off',
      '--https-port',
      '0',
      '--size',
      '20',
      '--data-dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let ewsUrl = '';
  let fingerprint = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('exchange did not start')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ews = /^EWS:\s+(\S+)/.exec(line);
      if (ews) ewsUrl = ews[1]!;
      const fp = /^certificate:\s+SHA-256\s+(\S+)/.exec(line);
      if (fp) fingerprint = fp[1]!;
      if (ewsUrl && fingerprint) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, ewsUrl, fingerprint };
}

test('an untrusted self-signed certificate is refused with its fingerprint, and trusted only by choice', async ({
  page,
  shell,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-strange-'));
  const strange = await startStrangeExchange(dir);
  try {
    await page.goto(shell.url);
    await page.getByLabel(/e-mail/i).fill('alice@contoso.test');
    await page.getByLabel(/password/i).fill('Alice-Roster-2026');
    await page.getByText(/advanced/i).click();
    await page.getByLabel(/server/i).fill(strange.ewsUrl);
    await page.getByRole('button', { name: /^sign in$/i }).click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/certificate/i, { timeout: 30_000 });
    await expect(alert).toContainText(strange.fingerprint);
    await page.screenshot({ path: 'test-results/screenshots/untrusted-certificate.png' });

    await page.getByRole('button', { name: /trust this certificate/i }).click();
    await expect(page.getByRole('banner')).toContainText('Alice Martin', { timeout: 30_000 });
  } finally {
    strange.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
