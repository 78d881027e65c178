/**
 * `npm run roster -- diagnostics --out roster-diagnostics.zip [--data-dir D]`: the same bundle as
 * the app's Help → Save diagnostics…, made from the app's data folder (its settings, remembered
 * account, features and logs) with a fresh connectivity check. It signs nobody in and reads no
 * password.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { composeApp } from '../compose';
import { printError } from '../log/fatal';
import { appVersion, defaultDataDir } from '../paths';

export const DIAGNOSTICS_USAGE = `Usage: npm run roster -- diagnostics --out <file.zip> [--data-dir <folder>]

Writes a zip for the help desk: versions, OS, features and why, settings, the remembered account
(server and auth method, no password), the last log files and a connectivity check of
autodiscover, EWS and UCWA. It holds no password, token or cookie.

Options:
  --out <file.zip>      where to write it (required)
  --data-dir <folder>   the app's data folder (default: ROSTER_DATA_DIR or the user config folder)`;

export async function diagnostics(args: string[]): Promise<number> {
  let values: { out?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    printError('diagnostics', err);
    console.error(DIAGNOSTICS_USAGE);
    return 2;
  }
  if (values.help || !values.out) {
    console.log(DIAGNOSTICS_USAGE);
    return values.help ? 0 : 2;
  }
  const app = await composeApp({
    shell: 'cli',
    dataDir: values['data-dir'] ?? defaultDataDir(),
    version: appVersion(),
    restoreSession: false,
    policyPollMs: 0,
  });
  try {
    const { bytes } = await app.diagnostics.bundle();
    const out = resolve(values.out);
    await writeFile(out, bytes, { mode: 0o600 });
    console.log(`Diagnostics written to ${out} (${bytes.length} bytes).`);
    return 0;
  } catch (err) {
    printError('The diagnostics could not be made', err);
    return 1;
  } finally {
    await app.close();
  }
}
