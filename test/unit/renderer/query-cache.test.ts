import { describe, expect, it } from 'vitest';
import { cacheByQuery } from '../../../renderer/query-cache';

/** A maker that records the texts it was asked for and answers `size` rows naming the text. */
function maker(size = 3) {
  const asked: string[] = [];
  const make = (query: string): string[] => {
    asked.push(query);
    return Array.from({ length: size }, (_, i) => `${query}#${i}`);
  };
  return { asked, make };
}

describe('cacheByQuery', () => {
  it.each([
    ['the same text', 'martin', 'martin'],
    ['another case', 'martin', 'MARTIN'],
    ['a trailing space', 'martin', 'martin '],
    ['spaces between words', 'sophie  l', ' sophie l'],
    ['an accent', 'helene', 'Hélène'],
  ])(
    'gives back the rows already made for %s, the same array, without making them again',
    (_, first, again) => {
      const { asked, make } = maker();
      const rows = cacheByQuery(make);
      const made = rows(first);
      expect(rows(again)).toBe(made);
      expect(asked).toEqual([first]);
    },
  );

  it('makes rows for other words', () => {
    const { asked, make } = maker();
    const rows = cacheByQuery(make);
    rows('mar');
    rows('mart');
    rows('');
    expect(asked).toEqual(['mar', 'mart', '']);
  });

  it('drops the least recently used texts once more rows than the limit are held', () => {
    const { asked, make } = maker(3);
    const rows = cacheByQuery(make, 7);
    rows('a');
    rows('b');
    rows('a'); // a used again: b is now the oldest
    rows('c'); // 9 rows held: b goes
    rows('a');
    rows('c');
    rows('b');
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps the newest rows even when they alone are over the limit', () => {
    const { asked, make } = maker(10);
    const rows = cacheByQuery(make, 5);
    const made = rows('o');
    expect(rows('o')).toBe(made);
    expect(asked).toEqual(['o']);
  });
});
