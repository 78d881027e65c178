import { describe, expect, it } from 'vitest';
import { applyGesture, emptySelection, retain } from '../../../renderer/selection';
import type { Selection, SelectGesture, SelectableRow } from '../../../renderer/selection';

// The sample list as the tree lays it out: Hélène is listed twice (Favorites and Team).
const rows: SelectableRow[] = [
  { key: 'g:fav', id: null },
  { key: 'c:helene@fav', id: 'helene' },
  { key: 'g:team', id: null },
  { key: 'c:bob@team', id: 'bob' },
  { key: 'c:chloe@team', id: 'chloe' },
  { key: 'c:helene@team', id: 'helene' },
  { key: 'g:other', id: null },
  { key: 'c:anna@other', id: 'anna' },
];
const row = (key: string): SelectableRow => {
  const found = rows.find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
};
const sel = (ids: string[], anchor: string | null): Selection => ({ ids, anchor });

const cases: Array<[string, Selection, SelectGesture, Selection]> = [
  [
    'a plain click selects one person and anchors there',
    sel(['bob', 'anna'], 'c:bob@team'),
    { kind: 'only', row: row('c:chloe@team') },
    sel(['chloe'], 'c:chloe@team'),
  ],
  [
    'a plain click on a group header selects nobody',
    sel(['bob'], 'c:bob@team'),
    { kind: 'only', row: row('g:team') },
    sel([], 'g:team'),
  ],
  [
    'Ctrl-click adds a person',
    sel(['bob'], 'c:bob@team'),
    { kind: 'toggle', row: row('c:anna@other') },
    sel(['bob', 'anna'], 'c:anna@other'),
  ],
  [
    'Ctrl-click again takes them out',
    sel(['bob', 'anna'], 'c:anna@other'),
    { kind: 'toggle', row: row('c:bob@team') },
    sel(['anna'], 'c:bob@team'),
  ],
  [
    'a person listed twice toggles once, from either row',
    sel(['helene'], 'c:helene@fav'),
    { kind: 'toggle', row: row('c:helene@team') },
    sel([], 'c:helene@team'),
  ],
  [
    'Ctrl+Space on a group header only moves the anchor',
    sel(['bob'], 'c:bob@team'),
    { kind: 'toggle', row: row('g:other') },
    sel(['bob'], 'g:other'),
  ],
  [
    'Shift-click selects the run from the anchor down',
    sel(['bob'], 'c:bob@team'),
    { kind: 'extend', to: 'c:anna@other' },
    sel(['bob', 'chloe', 'helene', 'anna'], 'c:bob@team'),
  ],
  [
    'Shift-click above the anchor selects the run up',
    sel(['chloe'], 'c:chloe@team'),
    { kind: 'extend', to: 'c:helene@fav' },
    sel(['helene', 'bob', 'chloe'], 'c:chloe@team'),
  ],
  [
    'a second Shift-click re-draws the run from the same anchor',
    sel(['bob', 'chloe', 'helene', 'anna'], 'c:bob@team'),
    { kind: 'extend', to: 'c:chloe@team' },
    sel(['bob', 'chloe'], 'c:bob@team'),
  ],
  [
    'Shift+Arrow with nothing selected starts at the row the keyboard was on',
    sel([], 'c:anna@other'),
    { kind: 'extend', to: 'c:chloe@team', from: 'c:bob@team' },
    sel(['bob', 'chloe'], 'c:bob@team'),
  ],
  [
    'Shift+Arrow with a selection keeps its anchor',
    sel(['bob', 'chloe'], 'c:bob@team'),
    { kind: 'extend', to: 'c:helene@team', from: 'c:chloe@team' },
    sel(['bob', 'chloe', 'helene'], 'c:bob@team'),
  ],
  [
    'Shift-click with no anchor selects the row alone',
    emptySelection,
    { kind: 'extend', to: 'c:bob@team' },
    sel(['bob'], 'c:bob@team'),
  ],
  [
    'an anchor no longer listed: the run starts at the row',
    sel(['zed'], 'c:zed@gone'),
    { kind: 'extend', to: 'c:anna@other' },
    sel(['anna'], 'c:anna@other'),
  ],
  [
    'Shift-click to a row no longer listed changes nothing',
    sel(['bob'], 'c:bob@team'),
    { kind: 'extend', to: 'c:nobody' },
    sel(['bob'], 'c:bob@team'),
  ],
  [
    'Shift-click after Escape runs from the anchor Escape kept',
    sel([], 'c:bob@team'),
    { kind: 'extend', to: 'c:chloe@team' },
    sel(['bob', 'chloe'], 'c:bob@team'),
  ],
  [
    'a run over a person listed twice selects them once',
    sel(['helene'], 'c:helene@fav'),
    { kind: 'extend', to: 'c:anna@other' },
    sel(['helene', 'bob', 'chloe', 'anna'], 'c:helene@fav'),
  ],
  [
    'Shift+Arrow from a row no longer listed, nothing selected: the run starts at the row',
    sel([], null),
    { kind: 'extend', to: 'c:chloe@team', from: 'c:gone' },
    sel(['chloe'], 'c:chloe@team'),
  ],
  [
    'Escape clears, keeping the anchor',
    sel(['bob', 'anna'], 'c:anna@other'),
    { kind: 'clear' },
    sel([], 'c:anna@other'),
  ],
];

describe('contact selection', () => {
  it.each(cases)('%s', (_name, before, gesture, after) => {
    expect(applyGesture(before, gesture, rows)).toEqual(after);
  });

  it('Escape with nobody selected, or a list that lost nobody, is the same selection (React sees no change)', () => {
    const idle = sel([], 'c:bob@team');
    expect(applyGesture(idle, { kind: 'clear' }, rows)).toBe(idle);
  });

  it('drops people who left the list and keeps the rest in order', () => {
    const before = sel(['bob', 'zed', 'anna'], 'c:bob@team');
    expect(retain(before, new Set(['anna', 'bob']))).toEqual(sel(['bob', 'anna'], 'c:bob@team'));
    // Nothing to drop: the same object, so React sees no change.
    const kept = sel(['bob'], 'c:bob@team');
    expect(retain(kept, new Set(['bob']))).toBe(kept);
  });
});
