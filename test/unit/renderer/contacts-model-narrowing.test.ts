/**
 * Typing on in the filter looks only among what the last filter found (issue 22): the rows must be
 * exactly those a fresh search gives, whatever was typed before (more letters, another word,
 * Backspace, a different word).
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../renderer/contacts-model';
import { buildIndex, flattenRows, nameCollator, narrows } from '../../../renderer/contacts-model';
import type { FlattenOptions } from '../../../renderer/contacts-model';
import { sampleContactList } from './fake-roster';

const english = nameCollator('en');
const options = (query: string): FlattenOptions => ({
  query,
  sort: 'group',
  collapsed: new Set(),
  expansions: new Map(),
});
const keys = (rows: readonly Row[]) => rows.map((r) => r.key);

describe('narrows', () => {
  it.each([
    [['mar'], ['mart'], true],
    [['ar'], ['mart'], true],
    [['sophie'], ['sophie', 'l'], true],
    [[], ['x'], true],
    [['mart'], ['mar'], false],
    [['sophie', 'l'], ['sophie'], false],
    [['a', 'b'], ['ab'], false],
    [['bob'], ['alice'], false],
  ])('%j then %j: %s', (before, after, expected) => {
    expect(narrows(before, after)).toBe(expected);
  });
});

describe('filtering as a user types', () => {
  // Typed on, typed back, another word, a second word, then something unrelated and empty again.
  const typed = ['b', 'bo', 'bob', 'bo', 'b', '', 'm', 'ma', 'mar', 'mart', 'mart e', 'mart en', 'zh', ''];

  it.each(typed.map((query, step) => [step, query]))(
    'step %i ("%s") shows the rows a fresh search shows',
    (step, query) => {
      const list = sampleContactList();
      const typing = buildIndex(list, english);
      for (const earlier of typed.slice(0, step)) flattenRows(typing, options(earlier));
      const fresh = flattenRows(buildIndex(list, english), options(query));
      expect(keys(flattenRows(typing, options(query)))).toEqual(keys(fresh));
    },
  );

  it('a word typed on finds fewer people, and Backspace brings them back', () => {
    const idx = buildIndex(sampleContactList(), english);
    const contacts = (query: string) => flattenRows(idx, options(query)).filter((r) => r.kind === 'contact');
    const all = contacts('').length;
    const m = contacts('m').length;
    const mart = contacts('mart').length;
    expect(m).toBeLessThan(all);
    expect(mart).toBeGreaterThan(0);
    expect(mart).toBeLessThan(m);
    expect(contacts('m')).toHaveLength(m);
    expect(contacts('')).toHaveLength(all);
  });
});
