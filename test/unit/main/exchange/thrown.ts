import { EwsError } from '../../../../main/exchange/errors';

/** The EwsError `f` throws; anything else it throws is rethrown, and not throwing fails the test. */
export function thrown(f: () => unknown): EwsError {
  try {
    f();
  } catch (e) {
    if (e instanceof EwsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}
