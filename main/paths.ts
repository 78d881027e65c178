/** Where Roster keeps its files when no shell says otherwise (the web shell, the command line). */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

/** ROSTER_DATA_DIR, else the platform's per-user config folder (the same one Electron's userData uses). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ROSTER_DATA_DIR) return env.ROSTER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Roster');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Roster');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Roster');
}

/** The repository / app root (where package.json is). */
export const appRoot = join(import.meta.dirname, '..');

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
