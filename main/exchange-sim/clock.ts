/**
 * The simulator's sense of "now": what OOF windows, MailTips, token expiry and new items' creation
 * times are measured against. Injectable so tests and demo mode can answer as of a chosen instant;
 * transport internals (NTLM timestamps, the TLS certificate, the request log) keep the real clock.
 */
export interface SimClock {
  /** Milliseconds since 1970 (like Date.now()). */
  now(): number;
}

/** A clock the simulator accepts: a SimClock, a fixed instant (ms, ISO string or Date), or null/undefined for the real one. */
export type ClockInput = SimClock | number | string | Date | null | undefined;

export const SYSTEM_CLOCK: SimClock = { now: () => Date.now() };

function instantOf(at: number | string | Date): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new Error(`invalid instant: ${String(at)}`);
  return ms;
}

/** Always the same instant: answers never change while a test looks at them. */
export function fixedClock(at: number | string | Date): SimClock {
  const ms = instantOf(at);
  return { now: () => ms };
}

/** Starts at `at` and runs at real speed from the moment it is made (demo mode at a chosen hour). */
export function runningClockFrom(at: number | string | Date, real: SimClock = SYSTEM_CLOCK): SimClock {
  const offset = instantOf(at) - real.now();
  return { now: () => real.now() + offset };
}

/** A ClockInput as a SimClock: instants become fixed clocks, null/undefined the real clock. */
export function toClock(input: ClockInput): SimClock {
  if (input === null || input === undefined) return SYSTEM_CLOCK;
  if (typeof input === 'object' && 'now' in input) return input;
  return fixedClock(input);
}
