/** `npm run bench`: runs every *.bench.ts in this folder and prints its figures. */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchFigure } from './figure';

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
if (files.length === 0) console.log('no benchmarks yet');
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    default: () => Promise<BenchFigure[]>;
  };
  try {
    for (const f of await mod.default()) {
      const value = Number.isInteger(f.value) ? f.value.toLocaleString('en') : f.value.toFixed(1);
      console.log(
        `${file.replace('.bench.ts', '')}: ${f.name}: ${value} ${f.unit}${f.goal ? ` (goal ${f.goal})` : ''}`,
      );
    }
  } catch (err) {
    failed = true;
    console.error(`${file}: failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exitCode = failed ? 1 : 0;
