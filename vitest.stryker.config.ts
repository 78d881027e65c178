/**
 * The vitest configuration mutation testing runs (stryker.config.mjs): the same projects as
 * vitest.config.ts, without the integration tests. They start servers and take most of the suite's
 * time, and a decision module's rules are to be pinned by its unit tests: a mutant only an
 * integration test kills is a unit test missing. Also without the tests that read the sources as
 * text: in Stryker's sandbox they read its instrumented copies, which hold its own `new Function`.
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

export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      projects: projects.map((p) => ({
        ...p,
        test: {
          ...p.test,
          include: (p.test?.include ?? []).filter((glob) => !glob.startsWith('test/integration/')),
          exclude: [...configDefaults.exclude, ...SOURCE_SCANS],
        },
      })),
    },
  }),
);
