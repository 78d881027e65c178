/** `npm run roster -- …` as a user runs it: main/cli.ts through tsx, as a separate process. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Sets ROSTER_PASSWORD; without it the command would prompt (stdin is closed, so it fails). */
  password?: string;
  env?: Record<string, string>;
}

export function runRoster(args: readonly string[], o: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...o.env };
    delete env.ROSTER_PASSWORD;
    if (o.password !== undefined) env.ROSTER_PASSWORD = o.password;
    const child = spawn(TSX, [join(ROOT, 'main/cli.ts'), ...args], {
      cwd: o.cwd,
      env,
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
