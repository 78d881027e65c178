/**
 * The window of a FindItem / FindFolder view, as Exchange pages a result of `total` entries:
 * IndexedPage(Item|Folder)View (Offset from the Beginning or the End, MaxEntriesReturned) answers
 * IndexedPagingOffset, FractionalPage(Item|Folder)View (Numerator/Denominator) answers
 * NumeratorOffset and AbsoluteDenominator; both answer TotalItemsInView and IncludesLastItemInRange.
 *
 * Pure: the handlers (mail.ts, calendar.ts, contacts.ts, folders.ts) all page through here.
 */
import { EwsError } from './soap';
import { child, type XNode } from './xml';

/** EWSFindCountLimit of the default throttling policy: no FindItem answers more at once. */
export const FIND_COUNT_LIMIT = 1000;

export interface Page {
  /** Entries [from, to) of the sorted result are returned. */
  from: number;
  to: number;
  /** The m:RootFolder attributes. */
  attrs: Record<string, string | number | boolean>;
}

/** A paging view as the request states it (attribute text as sent, undefined when absent). */
export type PagingView =
  | { kind: 'none' }
  | { kind: 'indexed'; offset?: string; maxEntries?: string; basePoint?: string }
  | { kind: 'fractional'; numerator?: string; denominator?: string; maxEntries?: string; basePoint?: string };

/** The view of a FindItem (`Item`) or FindFolder (`Folder`) request. */
export function readPagingView(req: XNode, of: 'Item' | 'Folder'): PagingView {
  const indexed = child(req, `IndexedPage${of}View`);
  if (indexed) {
    return {
      kind: 'indexed',
      offset: indexed.attrs.Offset,
      maxEntries: indexed.attrs.MaxEntriesReturned,
      basePoint: indexed.attrs.BasePoint,
    };
  }
  const fractional = child(req, `FractionalPage${of}View`);
  if (fractional) {
    return {
      kind: 'fractional',
      numerator: fractional.attrs.Numerator,
      denominator: fractional.attrs.Denominator,
      maxEntries: fractional.attrs.MaxEntriesReturned,
      basePoint: fractional.attrs.BasePoint,
    };
  }
  return { kind: 'none' };
}

const isCount = (s: string): boolean => /^\d{1,9}$/.test(s.trim());

/**
 * The page of `total` entries a view selects, at most `limit` entries (EWSFindCountLimit for
 * items); an error for a view Exchange refuses.
 */
export function pageOf(view: PagingView, total: number, limit = Number.POSITIVE_INFINITY): Page | EwsError {
  if (view.kind === 'none') {
    const to = Math.min(total, limit);
    return { from: 0, to, attrs: { TotalItemsInView: total, IncludesLastItemInRange: to >= total } };
  }
  let max = limit;
  if (view.maxEntries !== undefined) {
    if (!isCount(view.maxEntries) || Number(view.maxEntries) <= 0)
      return new EwsError('ErrorInvalidPagingMaxRows');
    max = Math.min(Number(view.maxEntries), limit);
  }
  const fromEnd = view.basePoint === 'End';
  if (view.kind === 'indexed') {
    const offsetText = view.offset ?? '0';
    if (!isCount(offsetText)) return new EwsError('ErrorInvalidIndexedPagingParameters');
    const offset = Number(offsetText);
    const to = fromEnd ? Math.max(0, total - offset) : Math.min(total, offset + max);
    const from = fromEnd ? Math.max(0, to - max) : Math.min(total, offset);
    return {
      from,
      to,
      attrs: {
        IndexedPagingOffset: fromEnd ? total - from : to,
        TotalItemsInView: total,
        IncludesLastItemInRange: fromEnd ? from === 0 : to >= total,
      },
    };
  }
  // Stryker disable next-line StringLiteral: an absent numerator and any text that is not a count are refused alike
  const num = view.numerator ?? '';
  // Stryker disable next-line StringLiteral: an absent denominator and any text that is not a count are refused alike
  const den = view.denominator ?? '';
  if (!isCount(num) || !isCount(den) || Number(den) <= 0 || Number(num) > Number(den))
    return new EwsError('ErrorInvalidFractionalPagingParameters');
  const start = Math.floor((total * Number(num)) / Number(den));
  const to = fromEnd ? Math.max(0, total - start) : Math.min(total, start + max);
  const from = fromEnd ? Math.max(0, to - max) : start;
  return {
    from,
    to,
    attrs: {
      NumeratorOffset: fromEnd ? total - from : to,
      AbsoluteDenominator: total,
      IncludesLastItemInRange: fromEnd ? from === 0 : to >= total,
      TotalItemsInView: total,
    },
  };
}
