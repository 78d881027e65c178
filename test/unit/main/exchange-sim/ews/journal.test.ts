/** The change journal (journal.ts): entries from looks, and what a client at a position is told. */
import { describe, expect, it } from 'vitest';
import {
  ChangeJournal,
  entryKind,
  type EntryKind,
  type Observed,
} from '../../../../../main/exchange-sim/ews/journal';

const o = (version: string, content = 'c', isRead?: boolean): Observed => ({ version, content, isRead });
const snap = (...items: [string, Observed][]): Map<string, Observed> => new Map(items);

describe('entryKind', () => {
  it.each<[string, Observed | undefined, Observed | undefined, EntryKind | undefined]>([
    ['nothing either time', undefined, undefined, undefined],
    ['new', undefined, o('1'), 'create'],
    ['gone', o('1'), undefined, 'delete'],
    ['unchanged', o('1'), o('1'), undefined],
    ['content changed', o('1', 'a'), o('2', 'b'), 'update'],
    ['content changed, same key', o('1', 'a'), o('1', 'b'), 'update'],
    ['only the read flag', o('1', 'a', false), o('2', 'a', true), 'read'],
    ['read flag and content', o('1', 'a', false), o('2', 'b', true), 'update'],
    ['only the change key', o('1', 'a', true), o('2', 'a', true), 'update'],
  ])('%s', (_name, before, now, kind) => {
    expect(entryKind(before, now)).toBe(kind);
  });
});

describe('ChangeJournal', () => {
  it('the first look journals every object as created, in order; an unchanged look adds nothing', () => {
    const j = new ChangeJournal();
    expect(j.head).toBe(0);
    expect(j.observe(snap(['a', o('1')], ['b', o('1')]))).toBe(2);
    expect(j.log).toEqual([
      { seq: 1, id: 'a', kind: 'create' },
      { seq: 2, id: 'b', kind: 'create' },
    ]);
    expect(j.observe(snap(['a', o('1')], ['b', o('1')]))).toBe(0);
    expect(j.head).toBe(2);
  });

  it('a later look journals updates and read flags in order, then deletions', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1', 'x', false)], ['b', o('1')], ['c', o('1')]));
    j.observe(snap(['a', o('2', 'x', true)], ['c', o('2', 'y')], ['d', o('1')]));
    expect(j.log.slice(3)).toEqual([
      { seq: 4, id: 'a', kind: 'read' },
      { seq: 5, id: 'c', kind: 'update' },
      { seq: 6, id: 'd', kind: 'create' },
      { seq: 7, id: 'b', kind: 'delete' },
    ]);
  });

  it('tells a client what changed since its position, each object once', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1', 'x', false)], ['b', o('1')], ['c', o('1')]));
    const s1 = j.head;
    j.observe(snap(['a', o('2', 'x', true)], ['c', o('2', 'y')], ['d', o('1')]));
    j.observe(snap(['a', o('2', 'x', true)], ['c', o('3', 'z')], ['d', o('2', 'w')]));
    expect(j.changesSince(0, 100)?.changes).toEqual([
      { id: 'a', type: 'Create' },
      { id: 'c', type: 'Create' },
      { id: 'd', type: 'Create' },
    ]);
    expect(j.changesSince(s1, 100)).toEqual({
      changes: [
        { id: 'a', type: 'ReadFlagChange' },
        { id: 'c', type: 'Update' },
        { id: 'd', type: 'Create' },
        { id: 'b', type: 'Delete' },
      ],
      next: j.head,
      includesLast: true,
    });
    expect(j.changesSince(j.head, 100)).toEqual({ changes: [], next: j.head, includesLast: true });
  });

  it('a read flag then an edit is an Update; created then deleted since the position is nothing', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1', 'x', false)]));
    const s = j.head;
    j.observe(snap(['a', o('2', 'x', true)], ['t', o('1')]));
    j.observe(snap(['a', o('3', 'y', true)]));
    expect(j.changesSince(s, 10)?.changes).toEqual([{ id: 'a', type: 'Update' }]);
  });

  it('an edit then a read flag since the position is an Update, not a ReadFlagChange', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1', 'x', false)]));
    const s = j.head;
    j.observe(snap(['a', o('2', 'y', false)]));
    j.observe(snap(['a', o('3', 'y', true)]));
    expect(j.changesSince(s, 10)?.changes).toStrictEqual([{ id: 'a', type: 'Update' }]);
  });

  it('an object deleted and created again since the position is an Update', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1')]));
    const s = j.head;
    j.observe(snap());
    j.observe(snap(['a', o('1')]));
    expect(j.changesSince(s, 10)?.changes).toEqual([{ id: 'a', type: 'Update' }]);
    expect(j.changesSince(0, 10)?.changes).toEqual([{ id: 'a', type: 'Create' }]);
  });

  it('pages: at most max changes, the next position before the first left out, the last page saying so', () => {
    const j = new ChangeJournal();
    j.observe(snap(...['a', 'b', 'c', 'd', 'e'].map((id): [string, Observed] => [id, o('1')])));
    const p1 = j.changesSince(0, 2);
    expect(p1).toEqual({
      changes: [
        { id: 'a', type: 'Create' },
        { id: 'b', type: 'Create' },
      ],
      next: 2,
      includesLast: false,
    });
    const p2 = j.changesSince(2, 2);
    expect(p2?.changes.map((c) => c.id)).toEqual(['c', 'd']);
    expect(p2?.includesLast).toBe(false);
    const p3 = j.changesSince(p2?.next ?? -1, 2);
    expect(p3).toEqual({ changes: [{ id: 'e', type: 'Create' }], next: 5, includesLast: true });
  });

  it('exactly max changes left is the last page', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1')], ['b', o('1')]));
    expect(j.changesSince(0, 2)).toEqual({
      changes: [
        { id: 'a', type: 'Create' },
        { id: 'b', type: 'Create' },
      ],
      next: 2,
      includesLast: true,
    });
  });

  it('leaves out ignored objects, and objects with nothing to tell do not end a page early', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1')], ['b', o('1')], ['c', o('1')]));
    expect(j.changesSince(0, 10, new Set(['b']))?.changes.map((c) => c.id)).toEqual(['a', 'c']);
    const k = new ChangeJournal();
    k.observe(snap(['gone', o('1')], ['a', o('1')]));
    k.observe(snap(['a', o('1')]));
    expect(k.changesSince(0, 1)).toEqual({
      changes: [{ id: 'a', type: 'Create' }],
      next: 3,
      includesLast: true,
    });
  });

  it.each([-1, 1.5, 3, Number.NaN])('has no page from position %s (not one it gave)', (from) => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1')], ['b', o('1')]));
    expect(j.changesSince(from, 10)).toBeUndefined();
  });

  it.each([0, -1, 2.5])('refuses max %s', (max) => {
    expect(() => new ChangeJournal().changesSince(0, max)).toThrow(/max must be a positive integer/);
  });

  it('an object deleted before the position and created again since is a Create', () => {
    const j = new ChangeJournal();
    j.observe(snap(['a', o('1')]));
    j.observe(snap());
    const s = j.head;
    j.observe(snap(['a', o('1')]));
    expect(j.changesSince(s, 10)?.changes).toEqual([{ id: 'a', type: 'Create' }]);
  });
});
