/**
 * Fault injection: what a busy or broken Exchange does to a client. Every decision comes from one
 * seeded stream, so a test run with the same fault seed and the same request order sees the same faults.
 */
import { mulberry32, type Rng } from './org/random';

export interface FaultConfig {
  /** Seed of the decision stream; changing any setting restarts the stream. */
  seed: number;
  /** Added before answering every request (not /_sim). */
  latencyMs: number;
  /** Uniform extra 0..jitterMs on top of latencyMs. */
  jitterMs: number;
  /** Share (0..1) of EWS requests answered ErrorServerBusy. */
  serverBusyRate: number;
  /** BackOffMilliseconds in those answers. */
  serverBusyBackOffMs: number;
  /** Share of EWS requests answered HTTP 503 with Retry-After. */
  http503Rate: number;
  retryAfterSeconds: number;
  /** Share of EWS responses cut off half-way (socket destroyed). */
  dropRate: number;
  /** Share of EWS responses whose body is truncated and corrupted (status 200). */
  malformedRate: number;
  /** Share of EWS responses sent slowly: dripBytes every dripIntervalMs. */
  dripRate: number;
  dripBytes: number;
  dripIntervalMs: number;
}

export const NO_FAULTS: FaultConfig = {
  seed: 1,
  latencyMs: 0,
  jitterMs: 0,
  serverBusyRate: 0,
  serverBusyBackOffMs: 5000,
  http503Rate: 0,
  retryAfterSeconds: 2,
  dropRate: 0,
  malformedRate: 0,
  dripRate: 0,
  dripBytes: 64,
  dripIntervalMs: 20,
};

/** How one EWS request is to go wrong, decided before it is handled. */
export interface FaultPlan {
  delayMs: number;
  /** Answer before handling. */
  early: 'none' | 'serverBusy' | 'http503';
  /** Damage the handler's answer. */
  response: 'none' | 'drop' | 'malformed' | 'drip';
}

const RATE_KEYS = ['serverBusyRate', 'http503Rate', 'dropRate', 'malformedRate', 'dripRate'] as const;
const NUMBER_KEYS = Object.keys(NO_FAULTS) as (keyof FaultConfig)[];

/** Checks an untrusted partial config (admin endpoint, CLI); throws with a readable message. */
export function parseFaults(input: unknown): Partial<FaultConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('faults must be an object');
  const out: Partial<FaultConfig> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(NUMBER_KEYS as string[]).includes(key)) throw new Error(`unknown fault setting: ${key}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`${key} must be a number ≥ 0`);
    if ((RATE_KEYS as readonly string[]).includes(key) && value > 1)
      throw new Error(`${key} is a share between 0 and 1`);
    out[key as keyof FaultConfig] = value;
  }
  return out;
}

/** `--faults` on the command line: JSON, or `latencyMs=200,serverBusyRate=0.1`. */
export function parseFaultsArg(arg: string): Partial<FaultConfig> {
  const text = arg.trim();
  if (text.startsWith('{')) return parseFaults(JSON.parse(text));
  const obj: Record<string, number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) throw new Error(`bad fault setting: ${part}`);
    obj[k.trim()] = Number(v);
  }
  return parseFaults(obj);
}

export class Faults {
  private config: FaultConfig;
  private rng: Rng;

  constructor(initial: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS, ...initial };
    this.rng = mulberry32(this.config.seed);
  }

  get(): FaultConfig {
    return { ...this.config };
  }

  set(partial: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...partial };
    this.rng = mulberry32(this.config.seed);
  }

  reset(): void {
    this.set(NO_FAULTS);
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.config;
    if (latencyMs <= 0 && jitterMs <= 0) return 0;
    return latencyMs + (jitterMs > 0 ? Math.floor(this.rng.next() * (jitterMs + 1)) : 0);
  }

  /** One draw per kind per request keeps the stream aligned whatever the rates are. */
  planEws(): FaultPlan {
    const c = this.config;
    const delayMs = this.delayMs();
    const [busy, h503, drop, bad, drip] = [0, 0, 0, 0, 0].map(() => this.rng.next()) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const early = h503 < c.http503Rate ? 'http503' : busy < c.serverBusyRate ? 'serverBusy' : 'none';
    const response =
      drop < c.dropRate ? 'drop' : bad < c.malformedRate ? 'malformed' : drip < c.dripRate ? 'drip' : 'none';
    return { delayMs, early, response };
  }
}

/** Cut a body short and break it so no XML parser accepts it. */
export function corrupt(body: Buffer): Buffer {
  const cut = Math.max(1, Math.floor(body.length * 0.6));
  return Buffer.concat([body.subarray(0, cut), Buffer.from('<<\u0000&bad;</', 'utf8')]);
}
