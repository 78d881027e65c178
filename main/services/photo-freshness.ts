/**
 * When a cached photo may be shown without asking Exchange, and when it is asked again.
 *
 * A photo held on disk is asked again once per start (If-None-Match with its ETag: Exchange
 * answers 304 Not Modified without a body when it did not change), then at most once per
 * `revalidateAfterMs` while the app runs. So a start with unchanged photos downloads no photo
 * bytes, and a photo changed since the last run is noticed the first time it is shown. "No
 * photo" is remembered for `negativeTtlMs`, across starts: asking costs a request per person
 * and a new photo is still noticed within that time.
 */

export interface HeldEntry {
  kind: 'photo' | 'none';
  /** When Exchange last confirmed it (ms since the epoch). */
  checkedAt: number;
}

export interface FreshnessRules {
  now: number;
  revalidateAfterMs: number;
  negativeTtlMs: number;
  /** Exchange confirmed this entry since this start. */
  checkedThisRun: boolean;
}

/** 'use': serve what is held; 'ask': ask Exchange (with the held ETag, if any). */
export function photoCheck(held: HeldEntry | null, r: FreshnessRules): 'use' | 'ask' {
  if (!held) return 'ask';
  const age = r.now - held.checkedAt;
  if (held.kind === 'none') return age < r.negativeTtlMs ? 'use' : 'ask';
  return r.checkedThisRun && age < r.revalidateAfterMs ? 'use' : 'ask';
}
