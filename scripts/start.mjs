// `npm start`: builds what is stale, then starts Electron; without the Electron binary (it cannot
// be downloaded on every machine) it says so in one line and starts the web shell instead.
// `npm start -- --web` forces the web shell. Other arguments go to the web shell (e.g. --port).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { engineRange, nodeNotice } from './node-version.mjs';

const notice = nodeNotice(process.versions.node, engineRange());
if (notice) console.warn(notice);

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const rest = args.filter((a) => a !== '--web');

function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}
const stale = (output, inputs) => !existsSync(output) || statSync(output).mtimeMs < newest(inputs);

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const vite = join('node_modules', '.bin', 'vite');
if (stale('dist/renderer/index.html', ['renderer', 'preload', 'vite.config.ts'])) {
  console.log('Building the renderer…');
  run(vite, ['build', '--logLevel', 'warn']);
}

const electron = forceWeb ? null : electronBinary();
if (electron) {
  if (stale('dist/main/electron.cjs', ['main', 'preload'])) run(process.execPath, ['scripts/build-main.mjs']);
  const child = spawn(electron, ['.', ...rest], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceWeb)
    console.log('No Electron binary installed (it could not be downloaded): starting the web shell instead.');
  // Node with tsx's loader rather than the tsx CLI: the CLI's signal relay SIGKILLs a shell that is
  // slow to acknowledge Ctrl-C, before the demo Exchange has saved its last edits.
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/shells/web-entry.ts', ...rest], {
    stdio: 'inherit',
  });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
