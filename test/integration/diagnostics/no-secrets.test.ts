/**
 * The diagnostics bundle holds no secret (issue 21): sign in to the built-in Exchange with Basic
 * (the password crosses the wire in an Authorization header), let a bearer token, a cookie and the
 * Basic header reach the log the way careless code would, then make the bundle from the app
 * (saveDiagnostics) and from the command line, and look for every secret and its base64 form in
 * every file of both zips.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RosterApp } from '../../../main/compose';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createMemoryVault } from '../../../main/secrets/memory';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const ALICE = DEMO_ACCOUNTS.alice;
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const PASSWORD = ALICE.password;
const BASIC_TOKEN = b64(`${ALICE.smtp}:${PASSWORD}`);
const BEARER = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const COOKIE_VALUE = 'S-1-5-21-2127521184-1604012920-1887927527-8805=u56Lnp2ejJqByZ3Oy8rHzs3SzsnK';

/** Every secret and the forms it could take in a file. */
const forbidden: [string, string][] = [
  ['password', PASSWORD],
  ['password, base64', b64(PASSWORD)],
  ['Basic credentials', BASIC_TOKEN],
  ['Basic credentials, base64 again', b64(BASIC_TOKEN)],
  ['bearer token', BEARER],
  ['bearer token, base64', b64(BEARER)],
  ['cookie', COOKIE_VALUE],
  ['cookie, base64', b64(COOKIE_VALUE)],
];

function expectNoSecret(zip: Uint8Array): Record<string, string> {
  const files = Object.fromEntries(Object.entries(unzipSync(zip)).map(([n, b]) => [n, strFromU8(b)]));
  const raw = Buffer.from(zip).toString('latin1');
  for (const [what, secret] of forbidden) {
    expect(raw.includes(secret), `${what} in the zip's bytes`).toBe(false);
    for (const [name, text] of Object.entries(files))
      expect(text.includes(secret), `${what} in ${name}`).toBe(false);
  }
  return files;
}

let sim: ExchangeSimHandle;
let dir: string;
let app: RosterApp;
let ewsUrl: string;

beforeAll(async () => {
  sim = await startExchangeSim({ httpPort: false, httpsPort: 0, size: 30 });
  dir = await mkdtemp(join(tmpdir(), 'roster-diagnostics-'));
  ewsUrl = `${sim.httpsUrl ?? ''}/EWS/Exchange.asmx`;
  app = await composeApp({
    shell: 'web',
    dataDir: dir,
    version: '9.9.9',
    vault: createMemoryVault(),
    demo: false,
    restoreSession: false,
    policyPath: null,
    policyPollMs: 0,
  });
  // The built-in Exchange's own certificate, pinned as a user would after checking it.
  const pinned = await app.router.dispatch('trustCertificate', {
    host: new URL(ewsUrl).hostname,
    fingerprint256: sim.fingerprint256 ?? '',
  });
  expect(pinned).toMatchObject({ ok: true });
  const signedIn = await app.router.dispatch('signIn', {
    email: ALICE.smtp,
    password: PASSWORD,
    ewsUrl,
    authMethod: 'basic',
  });
  expect(signedIn, JSON.stringify(signedIn)).toMatchObject({ ok: true, value: { status: 'signed-in' } });
  // What careless code might log: a request's headers, an error quoting a token and a cookie.
  app.log.warn('proxy answered 407', {
    headers: { Authorization: `Basic ${BASIC_TOKEN}`, Cookie: `X-BackEndCookie=${COOKIE_VALUE}` },
  });
  app.log.error('token refresh failed', {
    err: new Error(`Bearer ${BEARER} was refused; Set-Cookie: X-BackEndCookie=${COOKIE_VALUE}`),
  });
  app.log.info(`retrying with the password ${PASSWORD}`);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('diagnostics bundle', () => {
  it('from the app: what the help desk needs, and no secret in any form', async () => {
    const answer = await app.router.dispatch('saveDiagnostics', {});
    expect(answer.ok).toBe(true);
    const value = (answer as { ok: true; value: { fileName: string; base64: string } }).value;
    expect(value.fileName).toMatch(/^roster-diagnostics-.*\.zip$/);
    const files = expectNoSecret(Buffer.from(value.base64, 'base64'));

    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'features.json',
        'settings.json',
        'account.json',
        'connectivity.json',
        'logs/roster.log',
      ]),
    );
    expect(JSON.parse(files['manifest.json'] ?? '{}')).toMatchObject({
      app: { version: '9.9.9', shell: 'web' },
      versions: { node: process.versions.node },
    });
    expect(JSON.parse(files['account.json'] ?? '{}')).toMatchObject({
      email: ALICE.smtp,
      ewsUrl,
      authMethod: 'basic',
      authScheme: 'Basic',
      signedIn: true,
    });
    const features = JSON.parse(files['features.json'] ?? '{}') as {
      features: { id: string; source: string }[];
    };
    expect(features.features.find((f) => f.id === 'meetings')).toMatchObject({ source: 'default' });
    const probes = JSON.parse(files['connectivity.json'] ?? '[]') as { name: string; reachable: boolean }[];
    expect(probes.map((p) => p.name)).toEqual(['autodiscover', 'ews', 'ucwa']);
    expect(probes.find((p) => p.name === 'ews')).toMatchObject({ reachable: true });
    // The EWS calls of the sign-in are summarised in the log.
    expect(files['logs/roster.log']).toMatch(
      /"scope":"ews","msg":"ews request","data":\{"operation":"[A-Za-z]+","status":\d+,"durationMs":\d+,"retries":\d+/,
    );
  });

  it('from the command line, on the same data folder: no secret in any form', async () => {
    const out = join(dir, 'cli.zip');
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          TSX,
          [join(ROOT, 'main/cli.ts'), 'diagnostics', '--out', out, '--data-dir', dir],
          {
            cwd: ROOT,
            env: { ...process.env, NO_COLOR: '1', ROSTER_POLICY: join(dir, 'no-policy.json') },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Diagnostics written to');
    const files = expectNoSecret(await readFile(out));
    expect(JSON.parse(files['manifest.json'] ?? '{}')).toMatchObject({ app: { shell: 'cli' } });
    expect(JSON.parse(files['account.json'] ?? '{}')).toMatchObject({
      email: ALICE.smtp,
      authMethod: 'basic',
    });
    expect(files['logs/roster.log']).toContain('token refresh failed');
  }, 120_000);
});
