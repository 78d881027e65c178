/**
 * Starts the real web shell (`main/shells/web-entry.ts`, as `npm start -- --web` does) in a child
 * process with its own data folder, and reads the one-time URL it prints.
 */
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningShell {
  url: string;
  origin: string;
  dataDir: string;
  /** Stop the shell and start it again on the same data folder (a new one-time URL), with extra arguments. */
  restart(extraArgs?: string[]): Promise<RunningShell>;
  stop(): Promise<void>;
}

/**
 * Where a Secret Service can be had (dbus-run-session + gnome-keyring, as on CI), the shell runs
 * on a private session bus with a keyring kept in the test's own home folder: a restart unlocks
 * the same keyring again, as a user's login does. Without them the vault is "this session only".
 */
export const keyringAvailable =
  process.platform === 'linux' &&
  ['/usr/bin/dbus-run-session', '/usr/bin/gnome-keyring-daemon'].every((p) => existsSync(p));

function launch(
  dataDir: string,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string; origin: string }> {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const home = join(dataDir, 'home');
  mkdirSync(home, { recursive: true });
  const shellArgs = ['main/shells/web-entry.ts', '--json', '--data-dir', dataDir, ...extraArgs];
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'share'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const unlockThenRun =
    'echo e2e-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"';
  const child = keyringAvailable
    ? spawn('dbus-run-session', ['--', 'sh', '-c', unlockThenRun, tsx, ...shellArgs], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      })
    : spawn(tsx, shellArgs, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start in 30 s\n${stderr}`)), 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      const { url, origin } = JSON.parse(line) as { url: string; origin: string };
      resolve({ child, url, origin });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited with ${code}\n${stderr}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startShell(dataDir: string, extraArgs: string[] = []): Promise<RunningShell> {
  const { child, url, origin } = await launch(dataDir, extraArgs);
  const shell: RunningShell = {
    url,
    origin,
    dataDir,
    stop: () => stopChild(child),
    restart: async (args) => {
      await stopChild(child);
      return startShell(dataDir, args);
    },
  };
  return shell;
}

export const test = base.extend<{ shell: RunningShell }>({
  shell: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
    const shell = await startShell(dataDir);
    let current = shell;
    await use({
      ...shell,
      restart: async (args) => {
        current = await current.restart(args);
        return current;
      },
    });
    await current.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
