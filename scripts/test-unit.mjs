// Runs vitest, then prints one plain closing line ("unit: N passed, N failed, N skipped") that
// CI logs can be searched for, whatever vitest's own reporter looks like. Exit code is vitest's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const report = '.vitest-report.json';
rmSync(report, { force: true });
const r = spawnSync(
  join('node_modules', '.bin', 'vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  console.log(
    `unit: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests + j.numTodoTests} skipped`,
  );
} else {
  console.log('unit: no report (vitest did not finish)');
}
process.exit(r.status ?? 1);
