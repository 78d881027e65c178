/**
 * Being a good client: wait as long as Exchange asks (BackOffMilliseconds, Retry-After), with a
 * cap and jitter and a bounded number of attempts; retry a dropped connection once for reads;
 * bound the parallel calls per server and lower the bound when Exchange says there are too many.
 *
 * A write is never sent again after it went out and no readable answer came back: Exchange may
 * have applied it (the answer was lost on the way), and sending it again turns "done" into
 * "invalid id" or "already exists". It fails with the code OUTCOME_UNKNOWN instead, and the
 * caller finds out what happened by reading the data again.
 */
import { EwsError } from './errors';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, rejects with an `ABORTED` EwsError when the signal fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

function abortedError(): EwsError {
  return new EwsError('network', 'The request was cancelled.', { code: 'ABORTED' });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortedError());
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(t);
        reject(abortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

export interface RetryPolicy {
  /** Total attempts for throttled calls, default 3. */
  maxAttempts?: number;
  /** Longest single wait, default 30 s. */
  maxDelayMs?: number;
  /** Wait when the server gives no figure, default 1 s (doubled each time). */
  baseDelayMs?: number;
  /** Extra random wait, as a fraction of the wait, default 0.2. */
  jitter?: number;
}

const THROTTLE_CODES = new Set(['ErrorServerBusy', 'HTTP503', 'HTTP429']);
const TOO_MANY_CODES = new Set(['ErrorExceededConnectionCount', 'ErrorTooManyObjectsOpened']);

/** The wait before the next attempt: the server's figure (or backoff), capped, plus jitter, capped. */
export function retryDelay(
  err: EwsError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const max = policy.maxDelayMs ?? 30_000;
  const base = err.retryAfterMs ?? (policy.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
  const capped = Math.min(base, max);
  const jitter = capped * (policy.jitter ?? 0.2) * random();
  return Math.min(max, Math.round(capped + jitter));
}

export interface RetryContext {
  idempotent: boolean;
  signal?: AbortSignal;
  policy?: RetryPolicy;
  clock?: Clock;
  limiter?: Limiter;
  /** Called before each wait (diagnostics). */
  onRetry?: (info: { attempt: number; delayMs: number; code: string | undefined }) => void;
}

/** The code of a write that was sent and may or may not have been applied. */
export const OUTCOME_UNKNOWN = 'OutcomeUnknown';

/** Failures after which a request that was sent may have been carried out all the same. */
const LOST_ANSWER_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'MalformedResponse']);

export function isOutcomeUnknown(err: unknown): boolean {
  return err instanceof EwsError && err.code === OUTCOME_UNKNOWN;
}

function outcomeUnknown(cause: EwsError): EwsError {
  return new EwsError(
    'network',
    'The connection to Exchange was lost before it confirmed the change, so whether the change was made is not known.',
    { code: OUTCOME_UNKNOWN, cause },
  );
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const policy = ctx.policy ?? {};
  const clock = ctx.clock ?? systemClock;
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 3);
  let droppedRetried = false;
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal?.aborted) throw abortedError();
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof EwsError)) throw e;
      // Stryker disable next-line ConditionalExpression,StringLiteral: ABORTED is in no retry set, so it is thrown unchanged below as well
      if (e.code === 'ABORTED') throw e;
      let delay: number | undefined;
      if (e.code && TOO_MANY_CODES.has(e.code)) {
        ctx.limiter?.lower();
        if (attempt < maxAttempts) delay = retryDelay(e, attempt, policy, () => clock.random());
      } else if (e.kind === 'throttled' && e.code && THROTTLE_CODES.has(e.code)) {
        if (attempt < maxAttempts) delay = retryDelay(e, attempt, policy, () => clock.random());
      } else if (e.code === 'ECONNRESET' && ctx.idempotent && !droppedRetried) {
        droppedRetried = true;
        delay = 0;
      }
      if (delay === undefined) {
        if (!ctx.idempotent && e.code && LOST_ANSWER_CODES.has(e.code)) throw outcomeUnknown(e);
        throw e;
      }
      ctx.onRetry?.({ attempt, delayMs: delay, code: e.code });
      if (ctx.signal?.aborted) throw abortedError();
      if (delay > 0) await clock.sleep(delay, ctx.signal);
    }
  }
}

/** A small counting semaphore whose limit can be lowered (never below 1). */
export class Limiter {
  private active = 0;
  private readonly waiters: Array<{
    resolve: () => void;
    reject: (e: Error) => void;
    signal?: AbortSignal;
    onAbort?: () => void;
  }> = [];

  constructor(private currentLimit = 6) {}

  get limit(): number {
    return this.currentLimit;
  }

  get running(): number {
    return this.active;
  }

  lower(): void {
    this.currentLimit = Math.max(1, Math.floor(this.currentLimit / 2));
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError());
    if (this.active < this.currentLimit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const w: (typeof this.waiters)[number] = { resolve, reject };
      if (signal) {
        w.signal = signal;
        w.onAbort = () => {
          const i = this.waiters.indexOf(w);
          // Stryker disable next-line ConditionalExpression: a waiter leaves the queue only with its listener removed, so an abort always finds it
          if (i >= 0) this.waiters.splice(i, 1);
          reject(abortedError());
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.waiters.push(w);
    });
  }

  release(): void {
    this.active--;
    while (this.active < this.currentLimit && this.waiters.length) {
      const w = this.waiters.shift()!;
      // Stryker disable next-line ConditionalExpression,OptionalChaining: a waiter has an abort listener exactly when it has a signal; removing none does nothing
      if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
      this.active++;
      w.resolve();
    }
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
