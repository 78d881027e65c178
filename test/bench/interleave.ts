/** Side-by-side timing: every contender runs once per round, in a rotating order, so load spikes hit all. */

export interface Timed {
  /** Median, ms. */
  median: number;
  p95: number;
  samples: number[];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

/** Runs each contender `warmup` times, then `rounds` interleaved rounds; medians per contender. */
export async function interleaved<K extends string>(
  contenders: Readonly<Record<K, () => unknown>>,
  rounds: number,
  warmup = 3,
): Promise<Record<K, Timed>> {
  const keys = Object.keys(contenders) as K[];
  for (let w = 0; w < warmup; w++) for (const k of keys) await contenders[k]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(r + j) % keys.length]!;
      const t0 = performance.now();
      await contenders[k]();
      samples[k].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    keys.map((k) => [
      k,
      { median: median(samples[k]), p95: percentile(samples[k], 95), samples: samples[k] },
    ]),
  ) as Record<K, Timed>;
}
