/**
 * Starts the real web shell (`main/shells/web-entry.ts`, as `npm start -- --web` does) in a child
 * process with its own data folder, and reads the one-time URL it prints. Plain functions, no test
 * runner: the e2e fixture (shell.ts) and the renderer bench (test/bench/renderer.bench.ts) both use it.
 *
 * The shell runs under wrappers (dbus-run-session, sh, esbuild, the session
 * bus and the keyring daemon): stopping only the process we spawned left the rest running, one
 * set per test. So it is spawned as the leader of its own process group, stopped by signalling
 * the whole group, and `stop()` fails if any process of the group (or any process running with
 * the shell's private HOME) is still there afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; origin: string }> {
  const home = join(dataDir, 'home');
  mkdirSync(home, { recursive: true });
  // Node itself with tsx's loader, as `npm start -- --web` runs it: no tsx CLI in between, whose
  // signal relay SIGKILLs a shell that does not acknowledge SIGTERM within ~60 ms (a busy machine),
  // losing the demo Exchange's last edits before they are saved.
  const shellArgs = [
    '--import',
    'tsx',
    'main/shells/web-entry.ts',
    '--json',
    '--data-dir',
    dataDir,
    ...extraArgs,
  ];
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'share'),
    XDG_CONFIG_HOME: join(home, 'config'),
    ...extraEnv,
  };
  const unlockThenRun =
    'echo e2e-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"';
  // detached: the child leads a new process group that every wrapper and daemon below it joins.
  const child = keyringAvailable
    ? spawn('dbus-run-session', ['--', 'sh', '-c', unlockThenRun, process.execPath, ...shellArgs], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
        detached: true,
      })
    : spawn(process.execPath, shellArgs, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not started is no excuse to leak it: the whole group goes.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      reject(new Error(`web shell did not start in 30 s\n${stderr}`));
    }, 30_000);
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

interface Leftover {
  pid: number;
  command: string;
}

function readProc(pid: string, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
}

/**
 * Live processes of the shell's group, or running with its private HOME (which catches one that
 * left the group). Zombies do not count: they hold nothing, and a container's PID 1 may never
 * reap them. Linux reads /proc; elsewhere a signal 0 to the group tells whether any is left.
 */
function leftovers(pgid: number, home: string): Leftover[] {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0);
      return [{ pid: -pgid, command: '(some process of the group)' }];
    } catch {
      return [];
    }
  }
  const found: Leftover[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = readProc(pid, 'stat');
    if (!stat) continue;
    // pid (comm) state ppid pgrp …: comm may hold spaces and brackets, so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') continue;
    const inGroup = Number(pgrp) === pgid;
    const ownHome = !inGroup && (readProc(pid, 'environ') ?? '').split('\0').includes(`HOME=${home}`);
    if (inGroup || ownHome) {
      const command = (readProc(pid, 'cmdline') ?? '').replaceAll('\0', ' ').trim().slice(0, 160);
      found.push({ pid: Number(pid), command });
    }
  }
  return found;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * SIGTERM to the whole group (the shell closes cleanly on it), then wait for every process of it
 * to be gone. Anything still there after 15 s is killed and fails the test: a leak is a bug.
 */
async function stopGroup(child: ChildProcess, home: string): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // ESRCH: the group is already empty
  }
  await exited;
  const deadline = Date.now() + 15_000;
  let left = leftovers(pgid, home);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = leftovers(pgid, home);
  }
  if (left.length === 0) return;
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(
    `the web shell left processes behind after SIGTERM (now killed):\n${left.map((p) => `  ${p.pid} ${p.command}`).join('\n')}`,
  );
}

export async function startShell(
  dataDir: string,
  extraArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<RunningShell> {
  const { child, url, origin } = await launch(dataDir, extraArgs, extraEnv);
  const home = join(dataDir, 'home');
  const shell: RunningShell = {
    url,
    origin,
    dataDir,
    stop: () => stopGroup(child, home),
    restart: async (args) => {
      await stopGroup(child, home);
      return startShell(dataDir, args, extraEnv);
    },
  };
  return shell;
}
