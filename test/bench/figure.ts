export interface BenchFigure {
  /** What was measured, e.g. "generate org, 10,000 people". */
  name: string;
  value: number;
  unit: 'ms' | 'bytes' | 'MB/s' | 'count' | 'ops/s';
  /** A goal to compare against, printed beside the figure. */
  goal?: string;
}
