/**
 * When to look again. The fetched schedule covers today and tomorrow, so presence changes only at
 * known instants (a meeting's start or end, a working-hours edge, the end of automatic replies):
 * a timer wakes at the earliest one and recomputes with no request. The network is asked again on
 * its own, slower schedule (index.ts).
 */
import { nextBoundary, presenceAt } from './rules';
import type { PersonSchedule, Zone } from './types';

/** A clock with timers, so tests drive time by hand. */
export interface PresenceClock {
  now(): number;
  /** Calls `fn` after `ms`; returns the cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock = (offsetMs = 0): PresenceClock => ({
  now: () => Date.now() + offsetMs,
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Stryker disable next-line OptionalChaining: in Node (the main process) a timer always has unref; the chain guards other runtimes
    t.unref?.();
    return () => clearTimeout(t);
  },
});

/**
 * Timers never sleep longer than this: a laptop that slept, or a clock changed by hand, is noticed
 * within a minute instead of at a boundary computed before the jump.
 */
export const MAX_SLEEP_MS = 60_000;

/** The earliest instant after `nowMs` at which anyone's presence may change. */
export function earliestBoundary(
  schedules: Iterable<PersonSchedule>,
  nowMs: number,
  viewer?: Zone,
): number | undefined {
  const boundaries: number[] = [];
  for (const s of schedules) {
    const b = nextBoundary(s, nowMs, viewer);
    if (b !== undefined) boundaries.push(b);
  }
  return boundaries.length > 0 ? Math.min(...boundaries) : undefined;
}

/**
 * When a person next becomes available, walking their boundaries from now (now itself when they
 * already are); undefined when it does not happen inside the known window.
 */
export function whenAvailable(s: PersonSchedule, nowMs: number, viewer: Zone): number | undefined {
  let t = nowMs;
  for (let i = 0; i < 500; i++) {
    if (presenceAt(s, t, viewer).state === 'available') return t;
    const next = nextBoundary(s, t, viewer);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: nextBoundary answers only instants after t, or undefined, after which every turn answers undefined too; the test only stops early
    if (next === undefined || next <= t) return undefined;
    t = next;
  }
  return undefined;
}

/** The delay before the next wake-up: the boundary (a little after, so the rule sees the new state), capped. */
export function sleepFor(nowMs: number, boundaryMs: number | undefined): number {
  if (boundaryMs === undefined) return MAX_SLEEP_MS;
  return Math.max(0, Math.min(MAX_SLEEP_MS, boundaryMs - nowMs));
}

/**
 * Re-arms itself after every wake-up: at the earliest boundary (or MAX_SLEEP_MS), calls
 * `onBoundary`, which recomputes from the schedules already held.
 */
export function createBoundaryTimer(
  clock: PresenceClock,
  next: (nowMs: number) => number | undefined,
  onBoundary: (nowMs: number) => void,
): { rearm(): void; stop(): void } {
  let cancel: (() => void) | null = null;
  // Stryker disable next-line BooleanLiteral: rearm sets it before arming, so the initial value is never read
  let stopped = false;
  const arm = (): void => {
    cancel?.();
    if (stopped) return;
    const now = clock.now();
    cancel = clock.setTimer(
      () => {
        cancel = null;
        onBoundary(clock.now());
        arm();
      },
      sleepFor(now, next(now)),
    );
  };
  return {
    rearm: () => {
      stopped = false;
      arm();
    },
    stop: () => {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}
