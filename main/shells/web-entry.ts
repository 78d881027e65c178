/**
 * Starts the web shell from the command line (`npm start -- --web`, or by `npm start` when the
 * Electron binary is missing). Prints the one-time URL to open.
 *   --port N       listen on N (default: a free port)
 *   --data-dir D   keep settings and caches in D (default: ROSTER_DATA_DIR or the user config folder)
 *   --json         print {"url": …} on one line (for tests that start it)
 *   --demo-faults F  make the built-in demo Exchange slow or flaky (npm run exchange's --faults form)
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeApp } from '../compose';
import { appRoot, appVersion, defaultDataDir } from '../paths';
import { rendererDir } from './static-files';
import { startWebShell } from './web';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
    'demo-faults': { type: 'string' },
  },
});

const dir = rendererDir(appRoot);
if (!existsSync(join(dir, 'index.html'))) {
  console.error('The renderer is not built: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
const app = await composeApp({
  shell: 'web',
  dataDir,
  version: appVersion(),
  ...(values['demo-faults'] ? { demo: { faults: values['demo-faults'] } } : {}),
  onUnexpectedError: (channel, err) => console.error(`[${channel}] unexpected error:`, err),
});
const shell = await startWebShell({ app, rendererDir: dir, port: values.port ? Number(values.port) : 0 });

if (values.json) console.log(JSON.stringify({ url: shell.url, origin: shell.origin }));
else console.log(`Roster (web shell) is running. Open this address once in your browser:\n  ${shell.url}`);

const stop = (): void => {
  void shell
    .close()
    .then(() => app.close())
    .finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
