export interface TestPlan {
  how: 'own' | 'importers' | 'folder' | 'related';
  tests: string[];
}
/** The unit tests that judge `module` (see mutate-plan.mjs). */
export declare function testsFor(module: string, tests: string[], read: (path: string) => string): TestPlan;

export interface Counts {
  killed: number;
  timeout: number;
  survived: number;
  /** Of the survivors, those whose run ran none of their tests (see scoreOf). */
  unrun: number;
  noCoverage: number;
  errors: number;
  ignored: number;
  score: number | null;
}
export interface MutationReport {
  files: Record<string, { mutants: { status: string; testsCompleted?: number }[] }>;
}
/** What a module's mutants came to in a Stryker JSON report. */
export declare function scoreOf(report: MutationReport, module: string): Counts;

export interface Row extends Counts {
  module: string;
  how: TestPlan['how'];
  seconds: number;
  failed: boolean;
}
/** The closing table, in Markdown. */
export declare function summary(rows: Row[], low: number): string;
/** The modules under `low` or whose run failed. */
export declare function failing(rows: Row[], low: number): string[];
/** A score as printed: "91.67 %", or "n/a" for none. */
export declare function pct(score: number | null): string;
