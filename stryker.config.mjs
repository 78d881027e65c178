// Mutation testing (issue 24). `npm run mutate` (scripts/mutate.mjs) runs Stryker once per module
// of the list below, each against the unit tests that judge it, and prints a table of scores;
// `npm run mutate -- main/exchange/` runs the modules under a folder. `npm run mutate:whole` runs
// this config as it stands: the whole list in one run against every related unit test (the
// ceiling; most of a working day on 2 cores). Not part of `npm test`: it is slow. Reports go to
// reports/ (ignored).
// @ts-check
const report = process.env.ROSTER_MUTATE_REPORT ?? 'reports/mutation/index';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  // The modules that decide what users and attackers get (issue 24's list).
  mutate: [
    'main/exchange/{errors,retry,soap,autodiscover,transport}.ts',
    // The scanner EWS answers are read with (issue 22).
    'main/exchange/xml-scan.ts',
    'main/exchange/auth/**/*.ts',
    '!main/exchange/auth/**/*.d.ts',
    'main/exchange/operations/**/*.ts',
    'main/shells/{electron-policy,router,web,web-guard,web-sessions}.ts',
    'main/log/redact.ts',
    'main/secrets/**/*.ts',
    'main/services/presence/{rules,zones,schedule,map}.ts',
    'main/services/contacts/{reconcile,rules}.ts',
    'main/services/meetings/{slots,invitation,upcoming,findtime,links,ucwa-mapping}.ts',
    'main/services/helpdesk/{verdicts,compare}.ts',
    'main/services/features/{precedence,policy,channels}.ts',
    'main/services/history/sanitize.ts',
    'main/exchange/ucwa/{rules,wire}.ts',
    'main/exchange/fast/*.ts',
    'main/exchange-sim/ews/{journal,sync-state}.ts',
    'main/services/{contacts-map,photo-freshness}.ts',
    'renderer/contacts-model.ts',
    'renderer/presence-model.ts',
    'renderer/{selection,meetings-model}.ts',
    // The built-in Exchange's pure query rules (paging, restrictions and sort, property paths).
    'main/exchange-sim/ews/{paging,restriction,properties,recurrence-xml}.ts',
    // Conversation history (issue 23)
    'renderer/history-model.ts',
    // Voice mail (issue 23): the audio route and the renderer's voice-mail rules.
    'main/shells/voicemail-route.ts',
    'renderer/voicemail-model.ts',
  ],
  testRunner: 'vitest',
  vitest: {
    // vitest.config.ts without the integration tests (see vitest.stryker.config.ts for why).
    configFile: 'vitest.stryker.config.ts',
    // Only the test files that import the mutated module (directly or not) run: with a single
    // --mutate file this is a handful of files instead of the whole suite.
    related: true,
  },
  // The TypeScript checker drops mutants that would not compile; it is most of a run's CPU.
  // ROSTER_MUTATE_CHECK=off skips it (quicker; a mutant that would not compile is then tested).
  checkers: process.env.ROSTER_MUTATE_CHECK === 'off' ? [] : ['typescript'],
  // One tsconfig for both sides (main: node types; renderer: DOM), holding only the source.
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // A static mutant (in a module-level table such as errors.ts's ResponseCode → kind) runs every
  // related test: 124 of them made errors.ts alone take ~2 h here. They are left out (reported as
  // ignored, not in the score); check them on one module with `--ignoreStatic false`.
  ignoreStatic: true,
  // A rerun tests only mutants whose code or tests changed.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // scripts/mutate.mjs names each module's reports (reports/mutation/<module>.html and .json).
  htmlReporter: { fileName: `${report}.html` },
  jsonReporter: { fileName: `${report}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 85, break: null },
  // The machine has 2 cores shared with other worktrees.
  concurrency: 2,
  // A mutant that makes a loop spin or a promise never settle is stopped after its tests' normal
  // time × factor + timeoutMS (a timeout counts as caught). 5 s is far above any unit test here,
  // and each timed-out mutant costs it: retry.ts has 21 of them.
  timeoutMS: 5000,
  // The first run of the related tests, unmutated, takes ~5 min when a thousand tests are related.
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: [
    'dist',
    'release',
    'reports',
    'test-results',
    'playwright-report',
    '.roster-data',
    '.exchange-data',
  ],
};
export default config;
