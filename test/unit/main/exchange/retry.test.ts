import { describe, expect, it, vi } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import { Limiter, retryDelay, withRetry, type Clock } from '../../../../main/exchange/retry';

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
    limiter.release();
    expect(limiter.running).toBe(0);
  });
});
