/**
 * The vitest configuration mutation testing runs (stryker.config.mjs): the same projects as
 * vitest.config.ts, without the integration tests. They start servers and take most of the suite's
 * time, and a decision module's rules are to be pinned by its unit tests: a mutant only an
 * integration test kills is a unit test missing.
 */
import { defineConfig, mergeConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from './vitest.config';

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
        },
      })),
    },
  }),
);
