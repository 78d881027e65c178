/**
 * The contact list's multi-selection, as desktop lists have it (Explorer, Outlook, Lync): a plain
 * click selects one person, Ctrl/Cmd-click (Ctrl+Space) toggles one, Shift-click (Shift+Arrow)
 * selects the run from the anchor to the row, Escape clears. Pure: the tree reports gestures, the
 * pane keeps a `Selection` and asks these functions for the next one.
 *
 * A person can be listed twice (Favorites and Team): the selection holds contact ids, once each,
 * while the anchor is a row key, because a range runs between two places on screen.
 */

export type Selection = {
  /** Selected contact ids, in the order they were selected (no duplicates). */
  readonly ids: readonly string[];
  /** The row a Shift range starts from: the last row clicked or toggled. */
  readonly anchor: string | null;
};

/** A row as the selection sees it: its key, and the contact it shows (null for a group header). */
export type SelectableRow = { readonly key: string; readonly id: string | null };

export const emptySelection: Selection = { ids: [], anchor: null };

/** A plain click: this person alone, and the anchor moves here. */
export function selectOnly(row: SelectableRow): Selection {
  return { ids: row.id === null ? [] : [row.id], anchor: row.key };
}

/** Ctrl/Cmd-click or Ctrl+Space: this person in or out; the anchor moves here either way. */
export function toggle(selection: Selection, row: SelectableRow): Selection {
  if (row.id === null) return { ...selection, anchor: row.key };
  const id = row.id;
  const ids = selection.ids.includes(id) ? selection.ids.filter((x) => x !== id) : [...selection.ids, id];
  return { ids, anchor: row.key };
}

/**
 * Shift-click or Shift+Arrow: everyone from the anchor row to this row (both included), in place of
 * what was selected; the anchor stays, so a second Shift-click re-draws the range from it. When
 * nothing is selected, the range starts at `fromKey` (the row the keyboard was on) if given; with
 * no usable anchor at all it starts at the row itself.
 */
export function extend(
  selection: Selection,
  rows: readonly SelectableRow[],
  toKey: string,
  fromKey?: string,
): Selection {
  const at = (key: string | null | undefined): number =>
    // Stryker disable next-line LogicalOperator: with && the test is never true, but findIndex of null/undefined over string row keys is -1 anyway
    key === null || key === undefined ? -1 : rows.findIndex((r) => r.key === key);
  const to = at(toKey);
  if (to < 0) return selection;
  const anchor = at(selection.anchor);
  const from = at(fromKey);
  const start = anchor >= 0 && (selection.ids.length > 0 || from < 0) ? anchor : from >= 0 ? from : to;
  const [lo, hi] = start <= to ? [start, to] : [to, start];
  const ids: string[] = [];
  for (const row of rows.slice(lo, hi + 1)) if (row.id !== null && !ids.includes(row.id)) ids.push(row.id);
  // Stryker disable next-line OptionalChaining: start is always the index of a listed row (anchor, from or to, each >= 0 when used), so rows[start] is never undefined
  return { ids, anchor: rows[start]?.key ?? toKey };
}

/** Escape: nobody selected (the anchor stays for the next Shift-click). */
export function clear(selection: Selection): Selection {
  return selection.ids.length === 0 ? selection : { ids: [], anchor: selection.anchor };
}

/** After the list changed (a contact removed): keep only the people still in it. */
export function retain(selection: Selection, existing: ReadonlySet<string>): Selection {
  const ids = selection.ids.filter((id) => existing.has(id));
  return ids.length === selection.ids.length ? selection : { ...selection, ids };
}

/**
 * What the user did, as the tree reports it: a plain click (only), Ctrl/Cmd-click or Ctrl+Space
 * (toggle), Shift-click or Shift+Arrow (extend, from the row the keyboard was on), Escape (clear).
 */
export type SelectGesture =
  | { kind: 'only' | 'toggle'; row: SelectableRow }
  | { kind: 'extend'; to: string; from?: string }
  | { kind: 'clear' };

/** The next selection after a gesture, over the rows as listed now. */
export function applyGesture(
  selection: Selection,
  gesture: SelectGesture,
  rows: readonly SelectableRow[],
): Selection {
  switch (gesture.kind) {
    case 'only':
      return selectOnly(gesture.row);
    case 'toggle':
      return toggle(selection, gesture.row);
    case 'extend':
      return extend(selection, rows, gesture.to, gesture.from);
    case 'clear':
      return clear(selection);
  }
}
