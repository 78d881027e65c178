/**
 * `npm run roster -- verify-ucs` run as a process against the built-in Exchange (the demo's,
 * started inside the command for `.test` addresses): exit codes, JSON, HTML, the batch.
 * The exports are made here from the same seeded organisation the demo generates.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUserData } from '../../../main/exchange-sim/lync/export';
import { generateOrg } from '../../../main/exchange-sim/org/generate';
import { DEFAULT_SEED, DEFAULT_SIZE } from '../../../main/exchange-sim/org/store';
import type { Org } from '../../../main/exchange-sim/org/types';
import type { BatchReport, UserReport } from '../../../main/services/helpdesk';
import { alice, bob, dave, helpdesk } from './helpers';
import { runRoster, type CliRun } from '../../helpers/roster-cli';

let dir: string;
let org: Org;

const roster = (args: string[], password: string): Promise<CliRun> => runRoster(args, { cwd: dir, password });

async function writeExport(smtp: string): Promise<string> {
  const person = org.people.find((p) => p.smtp === smtp);
  if (!person) throw new Error(`no ${smtp}`);
  const dgs = new Map<string, string>();
  for (const g of person.imList.groups) if (g.smtp) dgs.set(g.displayName, g.smtp);
  const file = join(dir, `${smtp.split('@')[0] ?? 'x'}.zip`);
  await writeFile(file, exportUserData(person, dgs));
  return file;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-verify-ucs-'));
  org = generateOrg({ seed: DEFAULT_SEED, size: DEFAULT_SIZE });
  for (const a of [alice, bob, dave]) await writeExport(a.smtp);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verify-ucs on the command line', () => {
  it('migrated and complete: exit 0, JSON says nothing lost, HTML written, no password anywhere', async () => {
    const r = await roster(
      [
        'verify-ucs',
        '--user',
        alice.smtp,
        '--export',
        'alice.zip',
        '--email',
        helpdesk.smtp,
        '--json',
        'alice.json',
        '--html',
        'alice.html',
      ],
      helpdesk.password,
    );
    expect(r.code).toBe(0);
    const report = await readJson<UserReport>('alice.json');
    expect(report.schemaVersion).toBe(1);
    expect(report.verdict).not.toBe('fail');
    expect(report.comparison?.nothingLost).toBe(true);
    expect(report.export?.file).toBe('alice.zip');
    for (const c of report.checks) expect(['pass', 'warn', 'fail']).toContain(c.status);
    expect(Object.keys(report.checks[0] ?? {}).sort()).toEqual([
      'evidence',
      'id',
      'nextStep',
      'status',
      'title',
    ]);
    const html = await readFile(join(dir, 'alice.html'), 'utf8');
    expect(html).toContain('Alice Martin');
    expect(r.stdout).toContain('alice@contoso.test (Alice Martin)');
    for (const text of [r.stdout, r.stderr, JSON.stringify(report), html])
      expect(text).not.toContain(helpdesk.password);
  });

  it('partially migrated (bob): exit 1 and the lost contacts in the JSON', async () => {
    const r = await roster(
      ['verify-ucs', '--user', bob.smtp, '--export', 'bob.zip', '--email', helpdesk.smtp, '--json', '-'],
      helpdesk.password,
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as UserReport;
    expect(report.verdict).toBe('fail');
    expect(report.comparison?.missingContacts.length).toBeGreaterThan(0);
    expect(report.checks.find((c) => c.id === 'comparison')?.status).toBe('fail');
  });

  it('not migrated (dave), checked with his own account: exit 1, "Not migrated"', async () => {
    const r = await roster(
      ['verify-ucs', '--user', dave.smtp, '--export', 'dave.zip', '--json', 'dave.json'],
      dave.password,
    );
    expect(r.code).toBe(1);
    const report = await readJson<UserReport>('dave.json');
    expect(report.checks.find((c) => c.id === 'mailbox-access')?.evidence).toContain('Own mailbox');
    expect(report.checks.find((c) => c.id === 'migration')?.evidence).toContain('Not migrated');
  });

  it('a signed-in account without the impersonation right: exit 1, mailbox access fails', async () => {
    const r = await roster(
      ['verify-ucs', '--user', alice.smtp, '--email', bob.smtp, '--json', '-'],
      bob.password,
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as UserReport;
    expect(report.checks.find((c) => c.id === 'mailbox-access')?.status).toBe('fail');
    expect(report.checks.find((c) => c.id === 'mailbox-access')?.nextStep).toContain(
      'ApplicationImpersonation',
    );
  });

  it.each([
    ['no user', ['verify-ucs']],
    ['both --user and --users', ['verify-ucs', '--user', alice.smtp, '--users', 'u.csv']],
    ['a batch without --email', ['verify-ucs', '--users', 'users.csv']],
    ['an export that does not exist', ['verify-ucs', '--user', alice.smtp, '--export', 'nope.zip']],
    ['a bad concurrency', ['verify-ucs', '--user', alice.smtp, '--concurrency', '0']],
    ['an unknown option', ['verify-ucs', '--user', alice.smtp, '--frobnicate']],
    ['not an address', ['verify-ucs', '--user', 'alice']],
  ])('bad usage (%s): exit 2', async (_name, args) => {
    await writeFile(join(dir, 'users.csv'), `${alice.smtp}\n`);
    const r = await roster(args, helpdesk.password);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toBe('');
  });

  it('a batch: plain progress lines off a terminal, a summary table, batch and per-user JSON, exit 1', async () => {
    const others = org.people.filter((p) => !p.isDemoAccount).slice(0, 6);
    const csv = [
      'user,export',
      `${alice.smtp},alice.zip`,
      `${bob.smtp};bob.zip`,
      `${dave.smtp}`,
      `# a comment`,
      `${helpdesk.smtp}`,
      ...others.map((p) => p.smtp),
    ].join('\n');
    await writeFile(join(dir, 'batch.csv'), csv);
    const r = await roster(
      [
        'verify-ucs',
        '--users',
        'batch.csv',
        '--email',
        helpdesk.smtp,
        '--concurrency',
        '3',
        '--json',
        'batch.json',
        '--html',
        'batch.html',
        '--report-dir',
        'reports',
      ],
      helpdesk.password,
    );
    expect(r.code).toBe(1);
    const total = 4 + others.length;
    const progress = r.stderr.split('\n').filter((l) => /^\d+\/\d+ /.test(l));
    expect(progress).toHaveLength(total);
    expect(progress.at(-1)).toMatch(new RegExp(`^${total}/${total} `));
    expect(r.stderr).not.toContain('\r');
    expect(r.stdout).toMatch(/^Result\s+User\s+Contacts\s+Missing/m);
    expect(r.stdout).toContain(`${total} user(s):`);
    const batch = await readJson<BatchReport>('batch.json');
    expect(batch.schemaVersion).toBe(1);
    expect(batch.users.map((u) => u.user)).toEqual([
      alice.smtp,
      bob.smtp,
      dave.smtp,
      helpdesk.smtp,
      ...others.map((p) => p.smtp),
    ]);
    expect(batch.users[0]?.verdict).not.toBe('fail');
    expect(batch.users[1]?.verdict).toBe('fail');
    expect(batch.users[2]?.verdict).toBe('fail');
    const files = await readdir(join(dir, 'reports'));
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(total);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(total);
    const one = await readJson<UserReport>(join('reports', 'bob@contoso.test.json'));
    expect(one.verdict).toBe('fail');
  });
});
