import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';

const root = join(import.meta.dirname, '../../..');

interface RunningExchange {
  /** Everything printed so far, stdout and stderr. */
  output: () => string;
  /** SIGINT, as Ctrl-C: resolves with the exit code. */
  interrupt: () => Promise<number | null>;
  /** Whatever happened, nothing is left running. */
  kill: () => void;
}

/** A data folder for one test, removed when it ends. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm run exchange -- …` as a separate process (killed when the test ends, whatever happened), small and seeded, once its banner is printed. */
async function startExchange(dir: string, extra: string[] = []): Promise<RunningExchange> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/exchange-sim/cli.ts',
      '--http-port',
      '0',
      '--https-port',
      'off',
      '--size',
      '20',
      '--seed',
      '3',
      '--data-dir',
      dir,
      ...extra,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const running: RunningExchange = {
    output: () => out,
    interrupt: () => {
      const code = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      return code;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  onTestFinished(() => running.kill());
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start banner:\n${out}`)), 20_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited early:\n${out}`)));
    });
  } catch (err) {
    running.kill();
    throw err;
  }
  return running;
}

describe('npm run exchange (cli.ts)', () => {
  it('starts on the given ports, prints URLs, admin token and demo accounts, persists, and stops on SIGINT', async () => {
    const dir = await dataDir();
    const exchange = await startExchange(dir);
    const out = exchange.output();
    const http = /HTTP: +(http:\/\/\S+)/.exec(out)?.[1] ?? '';
    expect(http).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toMatch(/HTTPS: +off/);
    expect(out).toMatch(/admin token: +\S{16,}/);
    for (const a of Object.values(DEMO_ACCOUNTS)) expect(out).toContain(`${a.smtp.padEnd(28)} ${a.password}`);
    const r = await fetch(`${http}/EWS/Exchange.asmx`, { method: 'POST', body: '<x/>' });
    expect(r.status).toBe(401);
    const saved = JSON.parse(await readFile(join(dir, 'org.json'), 'utf8')) as {
      people: unknown[];
      seed: number;
    };
    expect(saved.people).toHaveLength(20);
    expect(saved.seed).toBe(3);
    expect(await exchange.interrupt()).toBe(0);
  });
});

describe('npm run exchange -- --reset', () => {
  it('forgets the saved organisation first: every edit gone, generated again, and says so', async () => {
    const { openOrgStore } = await import('../../../main/exchange-sim/org/store');
    const dir = await dataDir();
    // A saved demo with an edit: a group renamed.
    const saved = await openOrgStore({ dataDir: dir, seed: 3, size: 20, saveDelayMs: 1 });
    const group = saved.org.people.find((p) => p.imList.groups.length > 0)?.imList.groups[0];
    if (!group) throw new Error('nobody has a group');
    const before = group.displayName;
    group.displayName = 'Edited in the demo';
    saved.save();
    await saved.close();
    const exchange = await startExchange(dir, ['--reset']);
    const out = exchange.output();
    expect(out).toMatch(/reset: +the saved organisation was forgotten/);
    const text = await readFile(join(dir, 'org.json'), 'utf8');
    expect(text).not.toContain('Edited in the demo');
    expect(text).toContain(JSON.stringify(before));
    expect(await exchange.interrupt()).toBe(0);
  });
});
