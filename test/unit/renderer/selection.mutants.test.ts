/** Range selection at the edges of the list: the first row (index 0) as anchor, start or end. */
import { describe, expect, it } from 'vitest';
import { applyGesture } from '../../../renderer/selection';
import type { Selection, SelectGesture, SelectableRow } from '../../../renderer/selection';

// A flat list whose first row is a person, so the top of the list is a row one can select.
const rows: SelectableRow[] = [
  { key: 'c:anna', id: 'anna' },
  { key: 'c:bob', id: 'bob' },
  { key: 'c:chloe', id: 'chloe' },
  { key: 'c:dan', id: 'dan' },
];
const sel = (ids: string[], anchor: string | null): Selection => ({ ids, anchor });

const cases: Array<[string, Selection, SelectGesture, Selection]> = [
  [
    'Shift-click on the first row selects the run up to the top',
    sel(['chloe'], 'c:chloe'),
    { kind: 'extend', to: 'c:anna' },
    sel(['anna', 'bob', 'chloe'], 'c:chloe'),
  ],
  [
    'Shift-click from an anchor on the first row selects the run down from the top',
    sel(['anna'], 'c:anna'),
    { kind: 'extend', to: 'c:chloe' },
    sel(['anna', 'bob', 'chloe'], 'c:anna'),
  ],
  [
    'Shift+Arrow down from the first row, nothing selected: the run starts at the first row',
    sel([], 'c:dan'),
    { kind: 'extend', to: 'c:bob', from: 'c:anna' },
    sel(['anna', 'bob'], 'c:anna'),
  ],
  [
    'Shift+Arrow down from the first row, no anchor yet: the run starts at the first row',
    sel([], null),
    { kind: 'extend', to: 'c:bob', from: 'c:anna' },
    sel(['anna', 'bob'], 'c:anna'),
  ],
];

describe('contact selection at the top of the list', () => {
  it.each(cases)('%s', (_name, before, gesture, after) => {
    expect(applyGesture(before, gesture, rows)).toEqual(after);
  });
});
