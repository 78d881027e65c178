/**
 * Starts the real web shell (`main/shells/web-entry.ts`, as `npm start -- --web` does) in a child
 * process with its own data folder, and reads the one-time URL it prints.
 */
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningShell {
  url: string;
  origin: string;
  dataDir: string;
  /** Stop the shell and start it again on the same data folder (a new one-time URL). */
  restart(): Promise<RunningShell>;
  stop(): Promise<void>;
}

function launch(dataDir: string): Promise<{ child: ChildProcess; url: string; origin: string }> {
  const child = spawn(
    join('node_modules', '.bin', 'tsx'),
    ['main/shells/web-entry.ts', '--json', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ROSTER_E2E: '1' },
    },
  );
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

export async function startShell(dataDir: string): Promise<RunningShell> {
  const { child, url, origin } = await launch(dataDir);
  const shell: RunningShell = {
    url,
    origin,
    dataDir,
    stop: () => stopChild(child),
    restart: async () => {
      await stopChild(child);
      return startShell(dataDir);
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
      restart: async () => {
        current = await current.restart();
        return current;
      },
    });
    await current.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
