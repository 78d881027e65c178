import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import {
  isOutcomeUnknown,
  Limiter,
  retryDelay,
  systemClock,
  withRetry,
  type Clock,
} from '../../../../main/exchange/retry';

function fakeClock(random = 0.5): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => 0,
    random: () => random,
    sleep(ms, signal) {
      slept.push(ms);
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new EwsError('network', 'cancelled', { code: 'ABORTED' }));
        signal?.addEventListener('abort', () =>
          reject(new EwsError('network', 'cancelled', { code: 'ABORTED' })),
        );
        queueMicrotask(resolve);
      });
    },
  };
}

const busy = (ms?: number): EwsError =>
  new EwsError('throttled', 'busy', {
    code: 'ErrorServerBusy',
    ...(ms !== undefined ? { retryAfterMs: ms } : {}),
  });

describe('retry', () => {
  it('waits the BackOffMilliseconds the server asked for (plus bounded jitter), then succeeds', async () => {
    const clock = fakeClock(0.5);
    let n = 0;
    const v = await withRetry(
      () => {
        n++;
        return n < 3 ? Promise.reject(busy(2500)) : Promise.resolve('ok');
      },
      { idempotent: true, clock, policy: { jitter: 0.2 } },
    );
    expect(v).toBe('ok');
    expect(clock.slept).toEqual([2750, 2750]);
  });

  it('caps the wait, jitter included', () => {
    expect(retryDelay(busy(600_000), 1, { maxDelayMs: 30_000, jitter: 0.2 }, () => 0.999)).toBe(30_000);
    expect(retryDelay(busy(), 1, { baseDelayMs: 1000, jitter: 0 }, () => 0)).toBe(1000);
    expect(retryDelay(busy(), 3, { baseDelayMs: 1000, jitter: 0 }, () => 0)).toBe(4000);
  });

  it('gives up after the bounded number of attempts with the throttled error', async () => {
    const clock = fakeClock();
    let n = 0;
    await expect(
      withRetry(
        () => {
          n++;
          return Promise.reject(busy(100));
        },
        { idempotent: true, clock, policy: { maxAttempts: 3 } },
      ),
    ).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 100 });
    expect(n).toBe(3);
    expect(clock.slept).toHaveLength(2);
  });

  it('is abortable while waiting', async () => {
    const ctrl = new AbortController();
    let sleeping!: () => void;
    const asleep = new Promise<void>((r) => (sleeping = r));
    const clock: Clock = {
      ...fakeClock(),
      sleep: (_ms, signal) =>
        new Promise((_r, reject) => {
          signal?.addEventListener('abort', () => reject(new EwsError('network', 'x', { code: 'ABORTED' })));
          sleeping();
        }),
    };
    const p = withRetry(() => Promise.reject(busy(10_000)), { idempotent: true, clock, signal: ctrl.signal });
    await asleep;
    ctrl.abort();
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('retries a dropped connection once for reads, never for writes, and never other errors', async () => {
    const dropped = new EwsError('network', 'dropped', { code: 'ECONNRESET' });
    let reads = 0;
    await expect(
      withRetry(() => (reads++, Promise.reject(dropped)), { idempotent: true, clock: fakeClock() }),
    ).rejects.toBe(dropped);
    expect(reads).toBe(2);
    let writes = 0;
    await expect(
      withRetry(() => (writes++, Promise.reject(dropped)), { idempotent: false, clock: fakeClock() }),
    ).rejects.toMatchObject({ kind: 'network', code: 'OutcomeUnknown', cause: dropped });
    expect(writes).toBe(1);
    let other = 0;
    const authErr = new EwsError('auth', 'no');
    await expect(
      withRetry(() => (other++, Promise.reject(authErr)), { idempotent: true, clock: fakeClock() }),
    ).rejects.toBe(authErr);
    expect(other).toBe(1);
  });

  it('a write that was sent and got no readable answer fails as "outcome unknown", never retried', async () => {
    const lost = [
      new EwsError('network', 'dropped', { code: 'ECONNRESET' }),
      new EwsError('network', 'no answer in time', { code: 'ETIMEDOUT' }),
      new EwsError('server', 'half an answer', { code: 'MalformedResponse' }),
    ];
    for (const err of lost) {
      let writes = 0;
      await expect(
        withRetry(() => (writes++, Promise.reject(err)), { idempotent: false, clock: fakeClock() }),
      ).rejects.toMatchObject({ kind: 'network', code: 'OutcomeUnknown', cause: err });
      expect(writes).toBe(1);
      // A read keeps the error it got (it changes nothing, so nothing is unknown).
      await expect(
        withRetry(() => Promise.reject(err), { idempotent: true, clock: fakeClock() }),
      ).rejects.toBe(err);
    }
    // Answers that say the write was not made keep their meaning.
    const refused = new EwsError('bad-input', 'no', { code: 'ErrorInvalidImContactId' });
    const unreachable = new EwsError('network', 'refused', { code: 'ECONNREFUSED' });
    for (const err of [refused, unreachable])
      await expect(
        withRetry(() => Promise.reject(err), { idempotent: false, clock: fakeClock() }),
      ).rejects.toBe(err);
  });

  it('ErrorExceededConnectionCount lowers the concurrency bound', async () => {
    const limiter = new Limiter(6);
    let n = 0;
    await withRetry(
      () =>
        ++n === 1
          ? Promise.reject(new EwsError('throttled', 'too many', { code: 'ErrorExceededConnectionCount' }))
          : Promise.resolve(1),
      { idempotent: true, clock: fakeClock(), limiter },
    );
    expect(limiter.limit).toBe(3);
  });
});

describe('Limiter', () => {
  it('never runs more than the bound at once', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const held: Array<() => void> = [];
    const all = Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.run(
          () =>
            new Promise<void>((resolve) => {
              running++;
              peak = Math.max(peak, running);
              held.push(() => {
                running--;
                resolve();
              });
            }),
        ),
      ),
    );
    await vi.waitFor(() => expect(held.length).toBe(2));
    for (let released = 0; released < 10; released++) {
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(released));
      held[released]?.();
    }
    await all;
    expect(peak).toBe(2);
    expect(limiter.running).toBe(0);
  });

  // Issue 24, planted bug 2: without the floor, a limit lowered to 0 lets no request through
  // ever again and the whole client hangs.
  it('lowering halves the limit but never below 1, so one request can always go', async () => {
    const limiter = new Limiter(6);
    limiter.lower();
    expect(limiter.limit).toBe(3);
    limiter.lower();
    expect(limiter.limit).toBe(1);
    limiter.lower();
    limiter.lower();
    expect(limiter.limit).toBe(1);
    // acquire() takes a free slot at once (synchronously): with a limit of 0 it would wait forever.
    const first = limiter.acquire();
    expect(limiter.running).toBe(1);
    await first;
    let secondIn = false;
    const second = limiter.acquire().then(() => (secondIn = true));
    await Promise.resolve();
    expect(secondIn).toBe(false);
    limiter.release();
    await second;
    expect(secondIn).toBe(true);
    expect(limiter.running).toBe(1);
  });

  it('a waiting caller can be cancelled', async () => {
    const limiter = new Limiter(1);
    await limiter.acquire();
    const ctrl = new AbortController();
    const waiting = limiter.acquire(ctrl.signal);
    ctrl.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    // The cancelled caller leaves no listener on its signal.
    expect(getEventListeners(ctrl.signal, 'abort')).toHaveLength(0);
    limiter.release();
    expect(limiter.running).toBe(0);
  });
});

describe('systemClock (the real clock, driven by fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sleeps the time asked, and no less', async () => {
    vi.useFakeTimers();
    let woke = false;
    const asleep = systemClock.sleep(1000).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await asleep;
    expect(woke).toBe(true);
  });

  it('wakes with ABORTED when the signal fires, leaving no timer and no listener behind', async () => {
    vi.useFakeTimers();
    const ctrl = new AbortController();
    const asleep = systemClock.sleep(30_000, ctrl.signal);
    expect(vi.getTimerCount()).toBe(1);
    ctrl.abort();
    await expect(asleep).rejects.toMatchObject({ kind: 'network', code: 'ABORTED' });
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(ctrl.signal, 'abort')).toHaveLength(0);
    // A sleep that ends normally takes its abort listener away with it.
    const other = new AbortController();
    const short = systemClock.sleep(10, other.signal);
    expect(getEventListeners(other.signal, 'abort')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    await short;
    expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
  });

  it('refuses at once to sleep on a signal that already fired', async () => {
    vi.useFakeTimers();
    await expect(systemClock.sleep(10, AbortSignal.abort())).rejects.toMatchObject({ code: 'ABORTED' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads the system time and a random number in [0, 1)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
    expect(systemClock.now()).toBe(Date.parse('2026-11-25T10:00:00Z'));
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.25);
    expect(systemClock.random()).toBe(0.25);
  });
});

describe('retry defaults and edges', () => {
  it.each<[string, EwsError, number, number, number]>([
    // [what, error, attempt, random, expected wait]
    ['no figure: 1 s, doubled each attempt', busy(), 1, 0, 1000],
    ['no figure, second attempt', busy(), 2, 0, 2000],
    ['no figure, third attempt', busy(), 3, 0, 4000],
    ['the server figure wins over backoff', busy(700), 3, 0, 700],
    ['20 % jitter by default', busy(1000), 1, 0.5, 1100],
    ['rounded to a whole millisecond', busy(1001), 1, 0.5, 1101],
    ['capped at 30 s by default', busy(600_000), 1, 0, 30_000],
    ['capped at 30 s, jitter included', busy(29_000), 1, 0.99, 30_000],
  ])('%s', (_what, err, attempt, random, expected) => {
    expect(retryDelay(err, attempt, {}, () => random)).toBe(expected);
  });

  it('tells onRetry each wait before it is taken, and does not sleep for an immediate retry', async () => {
    const clock = fakeClock(0);
    const seen: unknown[] = [];
    let n = 0;
    const dropped = new EwsError('network', 'dropped', { code: 'ECONNRESET' });
    await withRetry(
      () => (++n === 1 ? Promise.reject(busy(500)) : n === 2 ? Promise.reject(dropped) : Promise.resolve(n)),
      {
        idempotent: true,
        clock,
        onRetry: (info) => seen.push(info),
      },
    );
    expect(seen).toEqual([
      { attempt: 1, delayMs: 500, code: 'ErrorServerBusy' },
      { attempt: 2, delayMs: 0, code: 'ECONNRESET' },
    ]);
    expect(clock.slept).toEqual([500]);
  });

  it('does not start when already cancelled, nor sleep when cancelled before the wait', async () => {
    const fn = vi.fn(() => Promise.resolve(1));
    await expect(withRetry(fn, { idempotent: true, signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(fn).not.toHaveBeenCalled();
    const ctrl = new AbortController();
    const clock = fakeClock();
    const calls = vi.fn(() => Promise.reject(busy(100)));
    await expect(
      withRetry(calls, { idempotent: true, clock, signal: ctrl.signal, onRetry: () => ctrl.abort() }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(calls).toHaveBeenCalledTimes(1);
    expect(clock.slept).toEqual([]);
  });

  it('retries only throttling it knows, always at least once, and passes other failures through', async () => {
    const attempts = async (err: Error, policy = {}): Promise<number> => {
      let n = 0;
      await withRetry(() => (n++, Promise.reject(err)), {
        idempotent: true,
        clock: fakeClock(),
        policy,
      }).catch(() => undefined);
      return n;
    };
    expect(await attempts(new EwsError('throttled', 'busy', { code: 'HTTP503' }))).toBe(3);
    expect(await attempts(new EwsError('throttled', 'slow down', { code: 'HTTP429' }))).toBe(3);
    // The code alone is not enough: a 503 that is not throttling (a broken server) is not retried.
    expect(await attempts(new EwsError('server', 'down', { code: 'HTTP503' }))).toBe(1);
    expect(await attempts(new EwsError('throttled', 'quota', { code: 'ErrorQuotaExceeded' }))).toBe(1);
    expect(await attempts(new EwsError('throttled', 'no code'))).toBe(1);
    expect(await attempts(new Error('a bug'))).toBe(1);
    expect(await attempts(busy(1), { maxAttempts: 0 })).toBe(1);
    expect(await attempts(busy(1), { maxAttempts: 5 })).toBe(5);
    // Too many connections: retried (even a write, nothing was done) with the bound lowered each time.
    const limiter = new Limiter(8);
    let writes = 0;
    await expect(
      withRetry(
        () => (
          writes++,
          Promise.reject(new EwsError('throttled', 'x', { code: 'ErrorTooManyObjectsOpened' }))
        ),
        {
          idempotent: false,
          clock: fakeClock(),
          limiter,
        },
      ),
    ).rejects.toMatchObject({ code: 'ErrorTooManyObjectsOpened' });
    expect(writes).toBe(3);
    expect(limiter.limit).toBe(1);
  });
});

describe('Limiter edges', () => {
  it('allows 6 at once by default', () => {
    const limiter = new Limiter();
    expect(limiter.limit).toBe(6);
    for (let i = 0; i < 6; i++) void limiter.acquire();
    expect(limiter.running).toBe(6);
  });

  it('refuses a caller whose signal already fired, without taking a slot', async () => {
    const limiter = new Limiter(2);
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({ code: 'ABORTED' });
    expect(limiter.running).toBe(0);
  });

  it('a waiter that gets its slot drops its abort listener; a cancelled one is skipped', async () => {
    const limiter = new Limiter(1);
    await limiter.acquire();
    const gone = new AbortController();
    const kept = new AbortController();
    const cancelled = limiter.acquire(gone.signal);
    const waiting = limiter.acquire(kept.signal);
    gone.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'ABORTED' });
    limiter.release();
    await waiting;
    expect(limiter.running).toBe(1);
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
    kept.abort(); // too late to matter: the slot is held
    expect(limiter.running).toBe(1);
    limiter.release();
    expect(limiter.running).toBe(0);
  });

  it('run() gives the slot back when the work fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.running).toBe(0);
    expect(await limiter.run(() => Promise.resolve('ok'))).toBe('ok');
  });
});

describe('what callers are told', () => {
  it('a cancelled call says so in words, not only by its code', async () => {
    await expect(
      withRetry(() => Promise.resolve(1), { idempotent: true, signal: AbortSignal.abort() }),
    ).rejects.toThrow('The request was cancelled.');
  });

  it('a lost write says the change may or may not have been made, and isOutcomeUnknown tells it apart', async () => {
    const dropped = new EwsError('network', 'dropped', { code: 'ECONNRESET' });
    const lost: unknown = await withRetry(() => Promise.reject(dropped), {
      idempotent: false,
      clock: fakeClock(),
    }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(EwsError);
    expect((lost as EwsError).message).toBe(
      'The connection to Exchange was lost before it confirmed the change, so whether the change was made is not known.',
    );
    expect(isOutcomeUnknown(lost)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['the error it was made from', new EwsError('network', 'dropped', { code: 'ECONNRESET' })],
    ['another EwsError', new EwsError('auth', 'no')],
    ['a plain error carrying the code', Object.assign(new Error('x'), { code: 'OutcomeUnknown' })],
    ['a plain object carrying the code', { code: 'OutcomeUnknown' }],
  ])('isOutcomeUnknown is false for %s', (_what, err) => {
    expect(isOutcomeUnknown(err)).toBe(false);
  });

  it('a socket error that is not an EwsError passes through untouched, never retried nor made "unknown"', async () => {
    for (const idempotent of [true, false]) {
      const raw = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      let n = 0;
      await expect(
        withRetry(() => (n++, Promise.reject(raw)), { idempotent, clock: fakeClock() }),
      ).rejects.toBe(raw);
      expect(n).toBe(1);
    }
  });

  it('too many connections without a limiter is still retried, with the jitter of the clock', async () => {
    const clock = fakeClock(0.5);
    let n = 0;
    const v = await withRetry(
      () =>
        ++n === 1
          ? Promise.reject(
              new EwsError('throttled', 'too many', {
                code: 'ErrorExceededConnectionCount',
                retryAfterMs: 1000,
              }),
            )
          : Promise.resolve('ok'),
      { idempotent: true, clock },
    );
    expect(v).toBe('ok');
    expect(clock.slept).toStrictEqual([1100]);
  });
});
