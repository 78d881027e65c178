/**
 * The vitest configuration mutation testing runs (stryker.config.mjs): the same projects as
 * vitest.config.ts, without the integration tests. They start servers and take most of the suite's
 * time, and a decision module's rules are to be pinned by its unit tests: a mutant only an
 * integration test kills is a unit test missing. Also without the tests that read the sources as
 * text: in Stryker's sandbox they read its instrumented copies, which hold its own `new Function`.
 *
 * Instrumented code on a busy machine is slow: tests get a minute each, so that a dry run does not
 * fail on a timeout. `ROSTER_MUTATE_TESTS=<glob>,<glob>` runs only those test files (a module's own
 * unit tests): a floor on the score, in minutes instead of the hour `related` can take on a module
 * that a thousand tests reach (errors.ts, soap.ts).
 */
import {
  configDefaults,
  defineConfig,
  mergeConfig,
  type TestProjectInlineConfiguration,
} from 'vitest/config';
import base from './vitest.config';

const SOURCE_SCANS = ['test/unit/main/shells/electron-security.test.ts'];

const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[];

const only = (process.env.ROSTER_MUTATE_TESTS ?? '').split(',').filter(Boolean);
const RENDERER = 'test/unit/renderer/';

function include(p: TestProjectInlineConfiguration): string[] {
  if (only.length > 0)
    return only.filter((glob) => glob.startsWith(RENDERER) === (p.test?.name === 'renderer'));
  return (p.test?.include ?? []).filter((glob) => !glob.startsWith('test/integration/'));
}

export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      projects: projects.map((p) => ({
        ...p,
        test: {
          ...p.test,
          include: include(p),
          testTimeout: 60_000,
          exclude: [...configDefaults.exclude, ...SOURCE_SCANS],
        },
      })),
    },
  }),
);
