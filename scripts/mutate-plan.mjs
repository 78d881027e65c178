// The pure parts of `npm run mutate` (scripts/mutate.mjs): which unit tests judge a module, how a
// Stryker JSON report becomes a score, and the table printed at the end. Kept apart so that
// test/unit/scripts/mutate-plan.test.ts can read them as tables.

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `main/exchange/errors.ts` → `test/unit/main/exchange/`, `errors`. */
function split(module) {
  const slash = module.lastIndexOf('/');
  return {
    dir: `test/unit/${module.slice(0, slash + 1)}`,
    name: module.slice(slash + 1).replace(/\.tsx?$/, ''),
  };
}

/**
 * The unit tests that judge `module`, from the test files that exist (`tests`, paths from the
 * project root) and a way to read one (`read`):
 * 1. its own: in the mirrored folder under test/unit, named after it (`errors.test.ts`,
 *    `errors.response-codes.test.ts`, `contacts-model-narrowing.test.ts`);
 * 2. else the tests of that folder that import it by name (auth/basic.ts is tested in index.test.ts);
 * 3. else every test of that folder (the fast readers are judged by fast/equivalence.test.ts);
 * 4. else none: the caller then runs the module against every related unit test.
 * `how` says which rule chose them.
 */
export function testsFor(module, tests, read) {
  const { dir, name } = split(module);
  const inDir = tests.filter((t) => t.startsWith(dir) && !t.slice(dir.length).includes('/')).sort();
  const named = new RegExp(`^${escape(name)}([.-][^/]*)?\\.test\\.tsx?$`);
  const own = inDir.filter((t) => named.test(t.slice(dir.length)));
  if (own.length > 0) return { how: 'own', tests: own };
  const path = module.replace(/\.tsx?$/, '');
  const importer = new RegExp(`from ['"](\\.\\.?/)*${escape(path)}(\\.[jt]sx?)?['"]`);
  const importing = inDir.filter((t) => importer.test(read(t)));
  if (importing.length > 0) return { how: 'importers', tests: importing };
  if (inDir.length > 0) return { how: 'folder', tests: inDir };
  return { how: 'related', tests: [] };
}

/**
 * What a module's mutants came to, from a mutation-testing-report-schema JSON report. `unrun`
 * counts the survivors whose run completed none of their tests: Stryker's vitest runner reports a
 * run in which no test ran as survived (a beforeAll the mutant broke skips its file's tests;
 * stryker-js #5492, #6146). They stay in the score as survivors, but are not proven ones.
 */
export function scoreOf(report, module) {
  const counts = { killed: 0, timeout: 0, survived: 0, unrun: 0, noCoverage: 0, errors: 0, ignored: 0 };
  const key = {
    Killed: 'killed',
    Timeout: 'timeout',
    Survived: 'survived',
    NoCoverage: 'noCoverage',
    CompileError: 'errors',
    RuntimeError: 'errors',
    Ignored: 'ignored',
  };
  for (const m of report.files[module]?.mutants ?? []) {
    const k = key[m.status];
    if (k === undefined) throw new Error(`${module}: a mutant was left "${m.status}"`);
    counts[k]++;
    if (k === 'survived' && m.testsCompleted === 0) counts.unrun++;
  }
  const detected = counts.killed + counts.timeout;
  const valid = detected + counts.survived + counts.noCoverage;
  // Stryker's mutation score: detected over valid (compile and runtime errors and ignored
  // mutants are not valid); no valid mutant gives no score rather than 0 or 100.
  return { ...counts, score: valid === 0 ? null : (100 * detected) / valid };
}

/** A score as printed: two decimals and a percent sign, or n/a. */
export const pct = (score) => (score === null ? 'n/a' : `${score.toFixed(2)} %`);

/** The closing table, in Markdown; `low` is the score under which a module fails. */
export function summary(rows, low) {
  const lines = [
    '| module | score | killed | timeout | survived | no coverage | errors | ignored | tests | time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const mark = r.failed ? ' (run failed)' : r.score !== null && r.score < low ? ' (under the goal)' : '';
    lines.push(
      `| ${r.module} | ${pct(r.score)}${mark} | ${r.killed} | ${r.timeout} | ${r.survived}${r.unrun > 0 ? ` (${r.unrun} with no test run)` : ''} | ${r.noCoverage} | ${r.errors} | ${r.ignored} | ${r.how} | ${Math.round(r.seconds)} s |`,
    );
  }
  return lines.join('\n');
}

/** The modules that did not reach `low` (or whose run failed). */
export function failing(rows, low) {
  return rows.filter((r) => r.failed || (r.score !== null && r.score < low)).map((r) => r.module);
}
