/**
 * The contact list's rows per filter text, kept while nothing else changes (the list, the sort,
 * the collapsed groups): typing back over what was just typed (Backspace, a typo fixed) finds the
 * rows already made instead of walking 10,000 contacts again, and hands the list the very same row
 * objects, so nothing is drawn again either.
 *
 * Pure and DOM-free: the contact pane makes one per list and arrangement.
 */
import { queryTokens } from './contacts-model';

/** Rows kept at most, all texts together (~80 bytes a row): a few full 10,000-contact lists and many short ones. */
export const QUERY_CACHE_ROWS = 100_000;

/**
 * `make` memoised by the filter's words (folded, so "Martin " and "martin" are one entry), the
 * most recent kept first; entries are dropped oldest first once more than `limit` rows are held
 * (the newest is always kept).
 */
export function cacheByQuery<T>(
  make: (query: string) => readonly T[],
  limit = QUERY_CACHE_ROWS,
): (query: string) => readonly T[] {
  const kept = new Map<string, readonly T[]>();
  let held = 0;
  return (query) => {
    const key = queryTokens(query).join(' ');
    const hit = kept.get(key);
    if (hit) {
      // Most recently used last: the oldest is the first the map yields.
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const made = make(query);
    kept.set(key, made);
    held += made.length;
    for (const [old, rows] of kept) {
      if (held <= limit || old === key) break;
      kept.delete(old);
      held -= rows.length;
    }
    return made;
  };
}
