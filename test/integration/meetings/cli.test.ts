/**
 * `npm run roster -- meet` run as a process against the built-in Exchange (the demo's, started
 * inside the command for `.test` addresses): proposals with --dry-run, an in-person meeting sent,
 * an online one made on the demo's Lync side with its join link, bad usage. The way out offered when
 * no online-meeting service answers is tested in-process (test/unit/main/cli/meet.test.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const { alice, bob, helene } = DEMO_ACCOUNTS;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function roster(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'main/cli.ts'), 'meet', ...args], {
      cwd: ROOT,
      env: { ...process.env, ROSTER_PASSWORD: alice.password, NO_COLOR: '1', TZ: 'Europe/Paris' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const base = ['--email', alice.smtp, '--with', `${bob.smtp},${helene.smtp}`, '--duration', '30'];
const SLOT = /^ {2}1\. \w{3} \d{2} \w{3} \d{2}:\d{2}–\d{2}:\d{2} {2}\d\/3 free/m;

describe('roster meet', () => {
  it('--dry-run proposes times in the local zone and sends nothing', async () => {
    const r = await roster([...base, '--within', '5d', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Proposals \(your time\):/);
    expect(r.stdout).toMatch(SLOT);
    expect(r.stdout).not.toMatch(/Invitation sent/);
  }, 120_000);

  it('sends the first proposal in person, and online through the demo Lync with its join link', async () => {
    const inPerson = await roster([...base, '--in-person', '--subject', 'Roster CLI']);
    expect(inPerson.code).toBe(0);
    expect(inPerson.stdout).toMatch(/Invitation sent: "Roster CLI" on \w{3} \d{2} \w{3} at \d{2}:\d{2}\./);
    expect(inPerson.stdout).not.toMatch(/Join link/);

    const online = await roster([...base, '--online', '--subject', 'Roster CLI online']);
    expect(online.code).toBe(0);
    expect(online.stdout).toMatch(/Join link: https:\/\/\S+/);
  }, 180_000);

  // The table of bad usages runs in-process (test/unit/main/cli/meet.test.ts); here, the process's exit code.
  it('exits 2 on bad usage, before asking for anything', async () => {
    const r = await roster([...base, '--online', '--in-person']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--online or --in-person, not both/);
    expect(r.stdout).toBe('');
  }, 60_000);
});
