import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { failing, scoreOf, summary, testsFor, type Row } from '../../../scripts/mutate-plan.mjs';
import config from '../../../stryker.config.mjs';

const D = 'test/unit/main/exchange/';

describe('the unit tests that judge a module (npm run mutate)', () => {
  it.each([
    [
      'its own, by name, with a dot or a dash after it',
      'main/exchange/errors.ts',
      ['errors.test.ts', 'errors.response-codes.test.ts', 'errors-edges.test.ts'],
      ['errors-edges.test.ts', 'errors.response-codes.test.ts', 'errors.test.ts'],
    ],
    [
      'not a module whose name merely begins the same',
      'main/exchange/soap.ts',
      ['soap.test.ts', 'soapish.test.ts', 'soap.fixtures.ts'],
      ['soap.test.ts'],
    ],
    ['a .tsx test', 'main/exchange/view.ts', ['view.test.tsx'], ['view.test.tsx']],
    [
      'not in a subfolder',
      'main/exchange/retry.ts',
      ['retry.test.ts', 'fast/retry.test.ts'],
      ['retry.test.ts'],
    ],
  ])('%s', (_what, module, files, expected) => {
    const plan = testsFor(
      module,
      files.map((f) => D + f),
      () => '',
    );
    expect(plan).toStrictEqual({ how: 'own', tests: expected.map((f) => D + f) });
  });

  it('else the tests of its folder that import it (its path, not another module of its name)', () => {
    const A = 'test/unit/main/exchange/auth/';
    const text: Record<string, string> = {
      [`${A}index.test.ts`]: "import { createBasicAuth } from '../../../../../main/exchange/auth/basic';",
      [`${A}ntlm.test.ts`]: "import { basicish } from '../../../../../main/exchange/auth/basicish';",
      [`${A}other.test.ts`]: "import { basic } from '../../../../../main/services/basic';",
      [`${A}types.test.ts`]: "import { x } from '../../../../../main/exchange/auth/basic.js';",
    };
    const plan = testsFor('main/exchange/auth/basic.ts', Object.keys(text), (t) => text[t] ?? '');
    expect(plan).toStrictEqual({ how: 'importers', tests: [`${A}index.test.ts`, `${A}types.test.ts`] });
  });

  it('else every test of its folder, else none (the caller then runs every related test)', () => {
    const F = `${D}fast/`;
    expect(
      testsFor('main/exchange/fast/item.ts', [`${F}equivalence.test.ts`, `${D}soap.test.ts`], () => ''),
    ).toStrictEqual({
      how: 'folder',
      tests: [`${F}equivalence.test.ts`],
    });
    expect(testsFor('main/nowhere/x.ts', [`${D}soap.test.ts`], () => '')).toStrictEqual({
      how: 'related',
      tests: [],
    });
  });

  it('finds tests for every module of the mutate list in this repository', () => {
    const tests = globSync(['test/unit/**/*.test.{ts,tsx}']);
    const modules = globSync(config.mutate);
    expect(modules.length).toBeGreaterThan(50);
    const unjudged = modules.filter(
      (m) => testsFor(m, tests, (t) => readFileSync(t, 'utf8')).how === 'related',
    );
    expect(unjudged).toStrictEqual([]);
  });
});

const report = (...statuses: string[]) => ({
  files: {
    'main/a.ts': { mutants: statuses.map((status) => ({ status })) },
    'main/b.ts': { mutants: [{ status: 'Survived' }] },
  },
});

describe('a module’s score from the Stryker JSON report', () => {
  it('is caught (killed or timed out) over caught and missed (survived or not covered)', () => {
    const r = report(
      'Killed',
      'Killed',
      'Timeout',
      'Survived',
      'NoCoverage',
      'CompileError',
      'RuntimeError',
      'Ignored',
    );
    expect(scoreOf(r, 'main/a.ts')).toStrictEqual({
      killed: 2,
      timeout: 1,
      survived: 1,
      unrun: 0,
      noCoverage: 1,
      errors: 2,
      ignored: 1,
      score: 60,
    });
  });

  it('counts the survivors whose run ran none of their tests, and keeps them in the score', () => {
    const r = {
      files: {
        'main/a.ts': {
          mutants: [
            { status: 'Survived', testsCompleted: 0 },
            { status: 'Survived', testsCompleted: 3 },
            { status: 'Survived' },
            { status: 'Killed', testsCompleted: 0 },
            { status: 'NoCoverage', testsCompleted: 0 },
          ],
        },
      },
    };
    expect(scoreOf(r, 'main/a.ts')).toMatchObject({ survived: 3, unrun: 1, noCoverage: 1, score: 20 });
  });

  it('counts only that module’s mutants', () => {
    expect(scoreOf(report('Killed'), 'main/a.ts').score).toBe(100);
    expect(scoreOf(report('Killed'), 'main/b.ts').score).toBe(0);
  });

  it('has no score when no mutant could be judged, rather than 0 or 100', () => {
    expect(scoreOf(report('Ignored', 'CompileError'), 'main/a.ts').score).toBeNull();
    expect(scoreOf(report(), 'main/missing.ts').score).toBeNull();
  });

  it('refuses a report with a mutant left untested', () => {
    expect(() => scoreOf(report('Killed', 'Pending'), 'main/a.ts')).toThrow(
      'main/a.ts: a mutant was left "Pending"',
    );
  });
});

describe('the closing table', () => {
  const row = (module: string, score: number | null, failed = false): Row => ({
    module,
    how: 'own',
    seconds: 61.4,
    failed,
    killed: 9,
    timeout: 1,
    survived: 2,
    unrun: module === 'main/d.ts' ? 1 : 0,
    noCoverage: 0,
    errors: 3,
    ignored: 4,
    score,
  });

  it('prints each module with its figures and marks those under the goal or failed', () => {
    const t = summary(
      [
        row('main/a.ts', 91.666),
        row('main/b.ts', 84.99),
        row('main/c.ts', null, true),
        row('main/d.ts', null),
      ],
      85,
    );
    expect(t.split('\n').slice(2)).toStrictEqual([
      '| main/a.ts | 91.67 % | 9 | 1 | 2 | 0 | 3 | 4 | own | 61 s |',
      '| main/b.ts | 84.99 % (under the goal) | 9 | 1 | 2 | 0 | 3 | 4 | own | 61 s |',
      '| main/c.ts | n/a (run failed) | 9 | 1 | 2 | 0 | 3 | 4 | own | 61 s |',
      '| main/d.ts | n/a | 9 | 1 | 2 (1 with no test run) | 0 | 3 | 4 | own | 61 s |',
    ]);
  });

  it('fails the modules under the goal and the failed runs, not one exactly at it', () => {
    expect(
      failing(
        [row('main/a.ts', 85), row('main/b.ts', 84.99), row('main/c.ts', null, true), row('main/d.ts', null)],
        85,
      ),
    ).toStrictEqual(['main/b.ts', 'main/c.ts']);
  });
});
