/**
 * Starts the web shell from the command line (`npm start -- --web`, or by `npm start` when the
 * Electron binary is missing). Prints the one-time URL to open.
 *   --port N       listen on N (default: 4747 when free, else the next free one; printed)
 *   --no-open      do not open the browser (it is opened when there is a display; never with --json)
 *   --data-dir D   keep settings and caches in D (default: ROSTER_DATA_DIR or the user config folder)
 *   --json         print {"url": …} on one line (for tests that start it)
 *   --demo-faults F  make the built-in demo Exchange slow or flaky (npm run exchange's --faults form)
 *   --demo-epoch T   generate the demo organisation's calendars around the instant T (ISO)
 *   --clock-start T  run the app's clock (presence) and the demo Exchange's from the instant T (ISO),
 *                    at real speed: e2e tests and demos at a chosen hour
 *   --demo-no-lync   the demo Exchange has no Lync side (UCWA): online meetings fall back to plain ones
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeApp } from '../compose';
import type { DemoOptions } from '../demo';
import { systemClock } from '../services/presence/schedule';
import { appRoot, appVersion, defaultDataDir } from '../paths';
import { rendererDir } from './static-files';
import { startWebShell } from './web';
import { guardProcess, printError } from '../log/fatal';
import { browserCommand, candidatePorts } from './web-launch';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
    'no-open': { type: 'boolean', default: false },
    'demo-faults': { type: 'string' },
    'demo-epoch': { type: 'string' },
    'clock-start': { type: 'string' },
    'demo-no-lync': { type: 'boolean', default: false },
  },
});

// Until the app's logger exists, faults go to stderr, redacted; after, to the log file too.
let report = (msg: string, err: unknown): void => printError(msg, err);
guardProcess((msg, err) => report(msg, err));

const dir = rendererDir(appRoot);
if (!existsSync(join(dir, 'index.html'))) {
  console.error('The renderer is not built: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
const clockStart = values['clock-start'] ? Date.parse(values['clock-start']) : null;
if (clockStart !== null && Number.isNaN(clockStart)) {
  console.error('--clock-start needs an ISO instant, like 2026-11-30T09:29:15Z.');
  process.exit(2);
}
const offsetMs = clockStart === null ? 0 : clockStart - Date.now();
const demo: DemoOptions = {
  ...(values['demo-faults'] ? { faults: values['demo-faults'] } : {}),
  ...(values['demo-epoch'] ? { epoch: values['demo-epoch'] } : {}),
  ...(clockStart !== null ? { clock: { now: () => Date.now() + offsetMs } } : {}),
  ...(values['demo-no-lync'] ? { ucwa: false } : {}),
};
const app = await composeApp({
  shell: 'web',
  dataDir,
  version: appVersion(),
  ...(Object.keys(demo).length ? { demo } : {}),
  ...(clockStart !== null ? { clock: systemClock(offsetMs) } : {}),
  // The router has logged it (redacted) already; the console gets the same redacted words.
  onUnexpectedError: (channel, err) => printError(`[${channel}] unexpected error`, err),
});
report = (msg, err) => {
  app.log.error(msg, { err });
  printError(msg, err);
};
const requested = values.port !== undefined ? Number(values.port) : undefined;
if (requested !== undefined && (!Number.isInteger(requested) || requested < 0 || requested > 65535)) {
  console.error('--port needs a port number (0 to 65535).');
  process.exit(2);
}
const shell = await startWebShell({
  app,
  rendererDir: dir,
  ports: candidatePorts(requested),
  // The browser that opened the link is let in again after a restart (hashes only, 0600).
  sessionsFile: join(dataDir, 'web-sessions.json'),
});

if (values.json) console.log(JSON.stringify({ url: shell.url, origin: shell.origin }));
else {
  const open = browserCommand(shell.url, process.platform, process.env, { noOpen: values['no-open'] });
  console.log(
    [
      `Roster (web shell) is running at ${shell.origin}`,
      open
        ? 'Opening it in your browser. If it does not open, open this link (once; the browser then keeps a cookie for 30 days):'
        : 'Open this link in your browser (once; the browser then keeps a cookie for 30 days):',
      `  ${shell.url}`,
    ].join('\n'),
  );
  if (open) {
    try {
      const child = spawn(open.command, open.args, { stdio: 'ignore', detached: true });
      child.on('error', () => console.log('(The browser could not be opened: open the link above.)'));
      child.unref();
    } catch {
      console.log('(The browser could not be opened: open the link above.)');
    }
  }
}

// One stop, however many signals arrive: stopped as a process group, the shell gets SIGTERM from the
// group and again from tsx relaying it, and a second stop must not exit before the first has closed
// the app (the demo Exchange saves its organisation on close: an edit made just before would be lost).
let stopping: Promise<void> | null = null;
const stop = (): void => {
  stopping ??= shell
    .close()
    .catch((err: unknown) => report('closing the web shell failed', err))
    .then(() => app.close())
    .catch((err: unknown) => report('closing the app failed', err))
    .finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
