/**
 * The e2e fixture around the real web shell (shell-process.ts): each test gets its own shell on a
 * fresh data folder, stopped (every process of its group) and removed after the test.
 */
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell, type RunningShell } from './shell-process';

export { keyringAvailable, startShell, type RunningShell } from './shell-process';

/** Set per file with test.use({ shellStart: { args, env } }): how the shell is first started. */
export type ShellStart = { args?: string[]; env?: Record<string, string> };

export const test = base.extend<{ shell: RunningShell; shellStart: ShellStart }>({
  shellStart: [{}, { option: true }],
  shell: async ({ shellStart }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
    const shell = await startShell(dataDir, shellStart.args ?? [], shellStart.env ?? {});
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
