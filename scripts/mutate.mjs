// `npm run mutate`: mutation testing, one module at a time, each against its own unit tests.
//
// Every module of stryker.config.mjs's mutate list gets its own Stryker run (vitest runner), with
// only the unit tests that judge it (scripts/mutate-plan.mjs, testsFor): the score is what the
// module's own tests catch, a floor on what the whole suite catches. A module's rules are to be
// pinned by its own tests, and one run of the whole list against every related test
// (`npm run mutate:whole`) takes most of a working day on 2 cores.
//
// The TypeScript checker is off here unless ROSTER_MUTATE_CHECK=on: it drops mutants that would
// not compile, but it starts in ~65 s and took 98 s to check main/secrets/memory.ts's 13 mutants
// (the runner: 2 s), so per module it is most of the time. Without it a mutant that would not
// compile is run anyway and counts as caught or missed by the tests: the score stays a floor.
// `npm run mutate:whole` keeps it.
//
//   npm run mutate                          every module
//   npm run mutate -- main/exchange/        the modules under a folder (or one file)
//   npm run mutate -- renderer/ --concurrency 1    options after the filters go to Stryker
//   ROSTER_MUTATE_CHECK=on npm run mutate   with the type checker
//
// Each module keeps its incremental results in reports/incremental/<module>.json, so a rerun
// tests only the mutants whose code or tests changed. Reports: reports/mutation/<module>.html
// (and .json, .log); the table of every module run: reports/mutation/summary.md. Exits 1 when a
// module is under the goal (thresholds.low) or its run failed.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { globSync } from 'tinyglobby';
import config from '../stryker.config.mjs';
import { failing, pct, scoreOf, summary, testsFor } from './mutate-plan.mjs';

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const filters = firstOption === -1 ? args : args.slice(0, firstOption);
const strykerOptions = firstOption === -1 ? [] : args.slice(firstOption);

const modules = globSync(config.mutate).sort();
const chosen = modules.filter((m) => filters.length === 0 || filters.some((f) => m === f || m.startsWith(f)));
if (chosen.length === 0) {
  console.error(`mutate: no module of stryker.config.mjs matches ${filters.join(', ')}`);
  process.exit(2);
}
const tests = globSync(['test/unit/**/*.test.{ts,tsx}']);
const low = config.thresholds?.low ?? 85;
const stryker = join('node_modules', '.bin', 'stryker');

function run(module, plan) {
  const report = join('reports', 'mutation', module);
  mkdirSync(dirname(report), { recursive: true });
  const json = `${report}.json`;
  rmSync(json, { force: true });
  const log = createWriteStream(`${report}.log`);
  const env = { ...process.env, ROSTER_MUTATE_REPORT: report };
  if (env.ROSTER_MUTATE_CHECK !== 'on') env.ROSTER_MUTATE_CHECK = 'off';
  if (plan.tests.length > 0) env.ROSTER_MUTATE_TESTS = plan.tests.join(',');
  else delete env.ROSTER_MUTATE_TESTS;
  const argv = [
    'run',
    '--mutate',
    module,
    '--incrementalFile',
    join('reports', 'incremental', `${module}.json`),
    ...strykerOptions,
  ];
  return new Promise((resolve) => {
    const child = spawn(stryker, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => {
      log.end();
      resolve({ code, json, log: `${report}.log` });
    });
  });
}

const rows = [];
const started = Date.now();
for (const [i, module] of chosen.entries()) {
  const plan = testsFor(module, tests, (t) => readFileSync(t, 'utf8'));
  const which =
    plan.tests.length > 0 ? `${plan.how}: ${plan.tests.length} test file(s)` : 'every related test';
  process.stdout.write(`[${i + 1}/${chosen.length}] ${module} (${which}) … `);
  const t0 = Date.now();
  const { code, json, log } = await run(module, plan);
  const seconds = (Date.now() - t0) / 1000;
  const failed = code !== 0 || !existsSync(json);
  const counts = failed
    ? { killed: 0, timeout: 0, survived: 0, unrun: 0, noCoverage: 0, errors: 0, ignored: 0, score: null }
    : scoreOf(JSON.parse(readFileSync(json, 'utf8')), module);
  rows.push({ module, how: plan.how, seconds, failed, ...counts });
  if (failed) console.log(`the run failed (exit ${code}); see ${log}`);
  else {
    console.log(
      `${pct(counts.score)}: ${counts.killed + counts.timeout} caught, ${counts.survived + counts.noCoverage} not, in ${Math.round(seconds)} s`,
    );
  }
}

const table = summary(rows, low);
const minutes = Math.round((Date.now() - started) / 60000);
mkdirSync(join('reports', 'mutation'), { recursive: true });
writeFileSync(
  join('reports', 'mutation', 'summary.md'),
  `${table}\n\n${chosen.length} module(s) in ${minutes} min.\n`,
);
console.log(
  `\n${table}\n\n${chosen.length} module(s) in ${minutes} min; table in reports/mutation/summary.md.`,
);
const unrun = rows.filter((r) => r.unrun > 0);
if (unrun.length > 0) {
  console.log(
    `Survivors whose run ran none of their tests (not proven survivors: a set-up in beforeAll that the mutant broke skips them; use a memoised beforeEach, or re-run): ${unrun.map((r) => `${r.module} (${r.unrun})`).join(', ')}.`,
  );
}
const under = failing(rows, low);
if (under.length > 0) {
  console.log(`Under ${low} % or failed: ${under.join(', ')}. Survivors are listed in each module's .log.`);
  process.exit(1);
}
console.log(`Every module at ${low} % or more.`);
