/**
 * `npm run roster -- whoami` run as a process against the built-in Exchange (the demo's, started
 * inside the command for `.test` addresses): usage and exit codes, what it prints, and that the
 * password never comes back out, whether sign-in works or not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { runRoster } from '../../helpers/roster-cli';

const { alice } = DEMO_ACCOUNTS;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('roster whoami (a process)', () => {
  it('with no command prints the usage and exits 0; an unknown command exits 2 with the usage', async () => {
    const none = await runRoster([], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Usage: npm run roster -- whoami');
    const unknown = await runRoster(['frobnicate'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain('Usage:');
  }, 60_000);

  it('bad usage exits 2 and says what is wrong, before asking for any password', async () => {
    const noEmail = await runRoster(['whoami'], { cwd: dir });
    expect(noEmail.code).toBe(2);
    expect(noEmail.stdout).toContain('--email <address>');
    const badAuth = await runRoster(['whoami', '--email', alice.smtp, '--auth', 'kerberos'], { cwd: dir });
    expect(badAuth.code).toBe(2);
    expect(badAuth.stderr).toContain('Unknown --auth kerberos');
    const help = await runRoster(['whoami', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
  }, 60_000);

  it('signs in and prints who, where and which server, and the password appears nowhere', async () => {
    const r = await runRoster(['whoami', '--email', alice.smtp], { cwd: dir, password: alice.password });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Display name:    ${alice.displayName}`);
    expect(r.stdout).toMatch(/EWS URL: +https:\/\/\S+\/EWS\/Exchange\.asmx/i);
    expect(r.stdout).toMatch(/Server version: +15\./);
    expect(r.stderr).toContain('Finding your server…');
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(alice.password);
      expect(out).not.toContain(b64(alice.password));
      expect(out).not.toContain(b64(`${alice.smtp}:${alice.password}`));
    }
  }, 60_000);

  it('--json prints one object a script can read, without the password', async () => {
    const r = await runRoster(['whoami', '--email', alice.smtp, '--json'], {
      cwd: dir,
      password: alice.password,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ email: alice.smtp, displayName: alice.displayName });
    expect(typeof out.ewsUrl).toBe('string');
    expect(r.stdout + r.stderr).not.toContain(alice.password);
  }, 60_000);

  it('a wrong password exits 3 with a sentence about the password, and echoes neither password', async () => {
    const wrong = 'Not-Alices-Password-1';
    const r = await runRoster(['whoami', '--email', alice.smtp], { cwd: dir, password: wrong });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Sign-in failed \(auth/);
    expect(r.stderr.toLowerCase()).toContain('password');
    for (const secret of [wrong, alice.password, b64(`${alice.smtp}:${wrong}`)]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
  }, 60_000);
});
