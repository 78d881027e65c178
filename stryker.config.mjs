// Mutation testing (issue 24): `npm run mutate`, or one module: `npm run mutate -- --mutate main/exchange/errors.ts`.
// Not part of `npm test`: it is slow. Reports go to reports/mutation/ (ignored).
// On a busy machine, one module against its own unit tests only, without the type checker:
//   ROSTER_MUTATE_CHECK=off ROSTER_MUTATE_TESTS=test/unit/main/log/redact.test.ts \
//     npm run mutate -- --mutate main/log/redact.ts --concurrency 1
// @ts-check
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
    'main/shells/{electron-policy,router,web}.ts',
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
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 85, break: null },
  // The machine has 2 cores shared with other worktrees.
  concurrency: 2,
  // A mutant that makes a loop spin is stopped: its normal run time × factor + timeoutMS.
  timeoutMS: 10000,
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
