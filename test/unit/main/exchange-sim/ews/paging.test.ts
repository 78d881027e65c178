import { describe, expect, it } from 'vitest';
import { pageOf, readPagingView, type PagingView } from '../../../../../main/exchange-sim/ews/paging';
import { EwsError } from '../../../../../main/exchange-sim/ews/soap';
import { parseXml } from '../../../../../main/exchange-sim/ews/xml';

const indexed = (offset: string | undefined, max?: string, basePoint?: string): PagingView => ({
  kind: 'indexed',
  offset,
  maxEntries: max,
  basePoint,
});
const fractional = (num: string, den: string, max?: string, basePoint?: string): PagingView => ({
  kind: 'fractional',
  numerator: num,
  denominator: den,
  maxEntries: max,
  basePoint,
});

describe('pageOf', () => {
  it.each<[string, PagingView, number, number, [number, number], Record<string, unknown>]>([
    [
      'no view: everything',
      { kind: 'none' },
      7,
      Infinity,
      [0, 7],
      { TotalItemsInView: 7, IncludesLastItemInRange: true },
    ],
    [
      'no view: capped by the limit',
      { kind: 'none' },
      7,
      5,
      [0, 5],
      { TotalItemsInView: 7, IncludesLastItemInRange: false },
    ],
    [
      'indexed, first page',
      indexed('0', '3'),
      7,
      Infinity,
      [0, 3],
      { IndexedPagingOffset: 3, TotalItemsInView: 7, IncludesLastItemInRange: false },
    ],
    [
      'indexed, middle page',
      indexed('3', '3'),
      7,
      Infinity,
      [3, 6],
      { IndexedPagingOffset: 6, IncludesLastItemInRange: false },
    ],
    [
      'indexed, last page',
      indexed('6', '3'),
      7,
      Infinity,
      [6, 7],
      { IndexedPagingOffset: 7, IncludesLastItemInRange: true },
    ],
    [
      'indexed, exactly to the end',
      indexed('4', '3'),
      7,
      Infinity,
      [4, 7],
      { IncludesLastItemInRange: true },
    ],
    [
      'indexed, past the end',
      indexed('9', '3'),
      7,
      Infinity,
      [7, 7],
      { IndexedPagingOffset: 7, IncludesLastItemInRange: true },
    ],
    [
      'indexed, no max: the limit',
      indexed('2'),
      7,
      4,
      [2, 6],
      { IndexedPagingOffset: 6, IncludesLastItemInRange: false },
    ],
    ['indexed, max above the limit', indexed('0', '100'), 7, 4, [0, 4], { IncludesLastItemInRange: false }],
    ['indexed, no offset: 0', indexed(undefined, '2'), 7, Infinity, [0, 2], { IndexedPagingOffset: 2 }],
    [
      'indexed from the End',
      indexed('0', '3', 'End'),
      7,
      Infinity,
      [4, 7],
      { IndexedPagingOffset: 3, IncludesLastItemInRange: false },
    ],
    [
      'indexed from the End, next page',
      indexed('3', '3', 'End'),
      7,
      Infinity,
      [1, 4],
      { IndexedPagingOffset: 6, IncludesLastItemInRange: false },
    ],
    [
      'indexed from the End, reaching the start',
      indexed('6', '3', 'End'),
      7,
      Infinity,
      [0, 1],
      { IndexedPagingOffset: 7, IncludesLastItemInRange: true },
    ],
    [
      'indexed, empty result',
      indexed('0', '3'),
      0,
      Infinity,
      [0, 0],
      { IndexedPagingOffset: 0, TotalItemsInView: 0, IncludesLastItemInRange: true },
    ],
    [
      'fractional, from the start',
      fractional('0', '2', '3'),
      8,
      Infinity,
      [0, 3],
      { NumeratorOffset: 3, AbsoluteDenominator: 8, IncludesLastItemInRange: false, TotalItemsInView: 8 },
    ],
    [
      'fractional, from the middle',
      fractional('1', '2', '3'),
      8,
      Infinity,
      [4, 7],
      { NumeratorOffset: 7, AbsoluteDenominator: 8, IncludesLastItemInRange: false },
    ],
    [
      'fractional, to the end',
      fractional('1', '2', '10'),
      8,
      Infinity,
      [4, 8],
      { NumeratorOffset: 8, IncludesLastItemInRange: true },
    ],
    [
      'fractional, whole',
      fractional('2', '2'),
      8,
      Infinity,
      [8, 8],
      { NumeratorOffset: 8, IncludesLastItemInRange: true },
    ],
    [
      'indexed, offset and max padded with spaces',
      indexed(' 1 ', ' 2 '),
      10,
      Infinity,
      [1, 3],
      { IndexedPagingOffset: 3, IncludesLastItemInRange: false },
    ],
    [
      'fractional from the End',
      fractional('1', '4', '2', 'End'),
      8,
      Infinity,
      [4, 6],
      { NumeratorOffset: 4, IncludesLastItemInRange: false },
    ],
    [
      'fractional from the End, reaching the start',
      fractional('1', '2', '9', 'End'),
      8,
      Infinity,
      [0, 4],
      { NumeratorOffset: 8, IncludesLastItemInRange: true },
    ],
  ])('%s', (_name, view, total, limit, [from, to], attrs) => {
    const page = pageOf(view, total, limit);
    if (page instanceof EwsError) throw page;
    expect([page.from, page.to]).toEqual([from, to]);
    expect(page.attrs).toMatchObject(attrs);
  });

  it.each<[string, PagingView, string]>([
    ['max 0', indexed('0', '0'), 'ErrorInvalidPagingMaxRows'],
    ['max not a number', indexed('0', 'ten'), 'ErrorInvalidPagingMaxRows'],
    ['max with trailing text', indexed('0', '5x'), 'ErrorInvalidPagingMaxRows'],
    ['offset with trailing text', indexed('2x', '3'), 'ErrorInvalidIndexedPagingParameters'],
    ['max negative', fractional('0', '1', '-1'), 'ErrorInvalidPagingMaxRows'],
    ['negative offset', indexed('-1', '3'), 'ErrorInvalidIndexedPagingParameters'],
    ['offset not a number', indexed('x', '3'), 'ErrorInvalidIndexedPagingParameters'],
    ['denominator 0', fractional('0', '0'), 'ErrorInvalidFractionalPagingParameters'],
    ['numerator above denominator', fractional('3', '2'), 'ErrorInvalidFractionalPagingParameters'],
    ['numerator missing', fractional('', '2'), 'ErrorInvalidFractionalPagingParameters'],
    ['numerator negative', fractional('-1', '2'), 'ErrorInvalidFractionalPagingParameters'],
  ])('refuses %s', (_name, view, code) => {
    const page = pageOf(view, 10);
    expect(page).toBeInstanceOf(EwsError);
    expect((page as EwsError).code).toBe(code);
  });
});

describe('readPagingView', () => {
  it.each<[string, 'Item' | 'Folder', PagingView]>([
    [
      '<m:FindItem><m:IndexedPageItemView MaxEntriesReturned="5" Offset="2" BasePoint="End"/></m:FindItem>',
      'Item',
      indexed('2', '5', 'End'),
    ],
    [
      '<m:FindItem><m:FractionalPageItemView MaxEntriesReturned="5" Numerator="1" Denominator="3" BasePoint="Beginning"/></m:FindItem>',
      'Item',
      fractional('1', '3', '5', 'Beginning'),
    ],
    [
      '<m:FindFolder><m:IndexedPageFolderView Offset="0" BasePoint="Beginning"/></m:FindFolder>',
      'Folder',
      indexed('0', undefined, 'Beginning'),
    ],
    ['<m:FindItem><m:IndexedPageFolderView Offset="0"/></m:FindItem>', 'Item', { kind: 'none' }],
    [
      '<m:FindItem><m:CalendarView StartDate="2026-01-01T00:00:00Z" EndDate="2026-01-02T00:00:00Z"/></m:FindItem>',
      'Item',
      { kind: 'none' },
    ],
  ])('%s as a %s view', (xml, of, view) => {
    const req = parseXml(xml.replace(/^<m:(\w+)/, '<m:$1 xmlns:m="urn:m"'));
    expect(readPagingView(req, of)).toEqual(view);
  });
});
