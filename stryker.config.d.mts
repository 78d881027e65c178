import type { PartialStrykerOptions } from '@stryker-mutator/api/core';
/** stryker.config.mjs, for the scripts and tests that read its mutate list and thresholds. */
declare const config: PartialStrykerOptions & {
  mutate: string[];
  thresholds: { high: number; low: number; break: number | null };
};
export default config;
