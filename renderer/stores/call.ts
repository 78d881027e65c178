import type { Result, RosterError } from '../../preload/contract';

/**
 * Await a bridge call and always come back with a Result: a rejected promise (a closed socket,
 * a bridge that is missing a channel) becomes an `unavailable` error value instead of a throw.
 */
export async function call<T>(request: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request();
  } catch (cause) {
    const error: RosterError = {
      kind: 'unavailable',
      message: cause instanceof Error ? cause.message : 'The app did not answer.',
    };
    return { ok: false, error };
  }
}
