export interface BenchFigure {
  /** What was measured, e.g. "generate org, 10,000 people". */
  name: string;
  value: number;
  unit: 'ms' | 'bytes' | 'MB' | 'MB/s' | 'count' | 'ops/s' | '×';
  /** A goal to compare against, printed beside the figure. */
  goal?: string;
  /** Printed instead of `name: value unit` when the row reads better as a sentence. */
  line?: string;
  /** Runs behind the figure (each contender's, when measured side by side). */
  iterations?: number;
  /** The other figures of a side-by-side row (contender → median ms), kept in results.json. */
  sideBySide?: Record<string, number>;
}
