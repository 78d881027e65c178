/**
 * `npm run bench`: runs every *.bench.ts in this folder (or those named on the command line),
 * prints one table, the machine first, and writes bench/results.json (ignored by git).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchFigure } from './figure';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  node: process.version,
  loadAtStart: load(),
  date: new Date().toISOString(),
};
console.log(
  `machine: ${machine.cores} cores (${machine.cpu}), load average ${machine.loadAtStart}, Node ${machine.node}`,
);
if (files.length === 0) console.log('no benchmarks yet');
let failed = false;
const results: Array<BenchFigure & { bench: string }> = [];
for (const file of files) {
  const name = file.replace('.bench.ts', '');
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    default: () => Promise<BenchFigure[]>;
  };
  try {
    for (const f of await mod.default()) {
      results.push({ bench: name, ...f });
      const value = Number.isInteger(f.value) ? f.value.toLocaleString('en') : f.value.toFixed(1);
      const runs = f.iterations !== undefined ? ` [${f.iterations} runs]` : '';
      const goal = f.goal ? ` (goal ${f.goal})` : '';
      console.log(`${name}: ${f.line ?? `${f.name}: ${value} ${f.unit}`}${goal}${runs}`);
    }
  } catch (err) {
    failed = true;
    console.error(`${file}: failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
const out = join(dir, '../../bench');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'results.json'),
  `${JSON.stringify({ machine: { ...machine, loadAtEnd: load() }, results }, null, 2)}\n`,
);
console.log(`load average at the end ${load()}; written bench/results.json`);
process.exitCode = failed ? 1 : 0;
