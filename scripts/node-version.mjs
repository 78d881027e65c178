// The Node this project is built and tested on, read from package.json's `engines` (one place).
// Electron 45 runs Node 22 inside; the tooling (electron, @electron/get, @electron/rebuild,
// node-abi, @axe-core/playwright) asks for >= 22.12 too, and Node 20 reached end of life in April
// 2026. `npm start` says so in one line on an older Node and goes on: nothing it runs needs 22.
import { readFileSync } from 'node:fs';

/** "22.12.0" from ">=22.12" (or ">=22.12.0"); null when the range is not a plain lower bound. */
export function minimumNode(range) {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(range).trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/** A one-line notice when `version` ("20.20.2") is older than `range`; null when it is recent enough. */
export function nodeNotice(version, range) {
  const min = minimumNode(range);
  if (!min) return null;
  const have = String(version).replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const a = have[i] ?? 0;
    if (a > min[i]) return null;
    if (a < min[i]) {
      const want = min.join('.');
      return (
        `Roster is built for Node ${want} or later and this is Node ${have.join('.')}: it should still ` +
        `run, but install Node ${min[0]} (see README, "Set up and run") to get the versions we test on.`
      );
    }
  }
  return null;
}

export function engineRange(packageJsonPath = 'package.json') {
  return JSON.parse(readFileSync(packageJsonPath, 'utf8')).engines?.node ?? '';
}
