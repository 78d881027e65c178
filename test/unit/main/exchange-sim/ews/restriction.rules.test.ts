/**
 * restriction.ts, the rules the broad tests (restriction.test.ts) leave open: what each refused
 * expression says, the constant forms each kind reads, missing values on either side, the
 * Contains comparisons' finer points, the sort's missing-value order and extendedField's typing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tagKey } from '../../../../../main/exchange-sim/ews/properties';
import {
  compareValues,
  compileRestriction,
  compileSort,
  extendedField,
  type FieldDef,
  type FieldResolver,
} from '../../../../../main/exchange-sim/ews/restriction';
import { EwsError } from '../../../../../main/exchange-sim/ews/soap';
import { parseXml } from '../../../../../main/exchange-sim/ews/xml';

interface Item {
  name: string;
  subject?: string;
  start?: string;
  size?: number;
  limit?: number;
  read?: boolean;
}

/** Five items, built for each test. */
function items(): Item[] {
  return [
    { name: 'a', subject: 'Straße', start: '2026-11-25T09:00:00Z', size: 10, limit: 10, read: true },
    {
      name: 'b',
      subject: 'Budget,  review',
      start: '2026-11-25T14:00:00Z',
      size: 30,
      limit: 20,
      read: false,
    },
    { name: 'c', subject: 'Café planning', start: '2026-11-26T08:30:00Z', size: 20 },
    { name: 'd', subject: '' },
    { name: 'e' },
  ];
}

function resolver(): FieldResolver<Item> {
  const fields: Record<string, FieldDef<Item>> = {
    'item:Subject': { kind: 'string', get: (i) => i.subject },
    'calendar:Start': { kind: 'date', get: (i) => i.start },
    'item:Size': { kind: 'number', get: (i) => i.size },
    'item:Limit': { kind: 'number', get: (i) => i.limit },
    'message:IsRead': { kind: 'boolean', get: (i) => i.read },
  };
  return (path) => {
    if (path.kind === 'field') return fields[path.uri];
    return extendedField<Item>(path, (i, key) =>
      key === tagKey(0x37) && i.subject !== undefined ? { type: 'String', value: i.subject } : undefined,
    );
  };
}

const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const field = (uri: string): string => `<t:FieldURI FieldURI="${uri}"/>`;
const constant = (v: string): string =>
  `<t:FieldURIOrConstant><t:Constant Value="${v}"/></t:FieldURIOrConstant>`;
const cmp = (op: string, path: string, v: string): string => `<t:${op}>${path}${constant(v)}</t:${op}>`;
const contains = (mode: string, comparison: string, v: string, path = field('item:Subject')): string =>
  `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparison}">${path}<t:Constant Value="${v}"/></t:Contains>`;

/** The names of the items the expression keeps, or the refusal as "code: message". */
function run(xml: string): string[] | string {
  const p = compileRestriction(parseXml(xml.replace(/^<t:(\w+)/, `<t:$1 ${T}`)), resolver());
  if (p instanceof EwsError) return `${p.code}: ${p.message}`;
  return items()
    .filter(p)
    .map((i) => i.name);
}

describe('compileRestriction: the constants each kind reads', () => {
  it.each<[string, string, string[] | string]>([
    ['a boolean "true"', cmp('IsEqualTo', field('message:IsRead'), 'true'), ['a']],
    ['a boolean "1"', cmp('IsEqualTo', field('message:IsRead'), '1'), ['a']],
    ['a boolean "false"', cmp('IsEqualTo', field('message:IsRead'), 'false'), ['b']],
    ['a boolean "0"', cmp('IsEqualTo', field('message:IsRead'), '0'), ['b']],
    [
      'a boolean "yes" is refused',
      cmp('IsEqualTo', field('message:IsRead'), 'yes'),
      "ErrorInvalidValueForProperty: 'yes' is not a boolean value.",
    ],
    [
      'a number of blanks is refused',
      cmp('IsEqualTo', field('item:Size'), ' '),
      "ErrorInvalidValueForProperty: ' ' is not a number value.",
    ],
    [
      'a constant without a Value is the empty text',
      `<t:IsEqualTo>${field('item:Subject')}<t:FieldURIOrConstant><t:Constant/></t:FieldURIOrConstant></t:IsEqualTo>`,
      ['d'],
    ],
    [
      'a number constant without a Value is refused as the empty text',
      `<t:IsEqualTo>${field('item:Size')}<t:FieldURIOrConstant><t:Constant/></t:FieldURIOrConstant></t:IsEqualTo>`,
      "ErrorInvalidValueForProperty: '' is not a number value.",
    ],
    [
      'a date alone is its UTC midnight',
      cmp('IsLessThan', field('calendar:Start'), '2026-11-26'),
      ['a', 'b'],
    ],
    [
      'a date-time padded with blanks',
      cmp('IsLessThan', field('calendar:Start'), ' 2026-11-25T10:00:00 '),
      ['a'],
    ],
  ])('%s', (_name, xml, expected) => {
    expect(run(xml)).toStrictEqual(expected);
  });

  describe('on a machine whose zone is not UTC', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('a date-time without an offset is still UTC', () => {
      process.env.TZ = 'America/New_York';
      expect(run(cmp('IsLessThan', field('calendar:Start'), '2026-11-25T10:00:00'))).toStrictEqual(['a']);
    });
  });
});

describe('compileRestriction: missing values and comparisons', () => {
  it.each<[string, string, string[]]>([
    [
      'a field against a field missing on some items keeps only items having both',
      `<t:IsNotEqualTo>${field('item:Size')}<t:FieldURIOrConstant>${field('item:Limit')}</t:FieldURIOrConstant></t:IsNotEqualTo>`,
      ['b'],
    ],
    [
      'Contains never matches an item without the property',
      contains(
        'Substring',
        'IgnoreCase',
        'undefined',
        '<t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="String"/>',
      ),
      [],
    ],
    [
      'a MAPI property of a type no field reads is there on no item',
      '<t:Exists><t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="StringArray"/></t:Exists>',
      [],
    ],
    [
      'a MAPI property of a type no field reads can be searched as text',
      contains(
        'Substring',
        'IgnoreCase',
        'a',
        '<t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="StringArray"/>',
      ),
      [],
    ],
    [
      'Not of a MAPI property of a type no field reads is every item',
      `<t:Not>${cmp('IsEqualTo', '<t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="StringArray"/>', 'x')}</t:Not>`,
      ['a', 'b', 'c', 'd', 'e'],
    ],
  ])('%s', (_name, xml, expected) => {
    expect(run(xml)).toStrictEqual(expected);
  });
});

describe('compileRestriction: Contains', () => {
  it.each<[string, string, string[]]>([
    [
      'without mode or comparison: the full string, exactly',
      `<t:Contains>${field('item:Subject')}<t:Constant Value="Café planning"/></t:Contains>`,
      ['c'],
    ],
    [
      'without mode or comparison: case counts',
      `<t:Contains>${field('item:Subject')}<t:Constant Value="café planning"/></t:Contains>`,
      [],
    ],
    [
      'IgnoreNonSpacingCharacters on the full string',
      contains('FullString', 'IgnoreNonSpacingCharacters', 'Cafe planning'),
      ['c'],
    ],
    [
      'LooseAndIgnoreNonSpace ignores case too',
      contains('Prefixed', 'LooseAndIgnoreNonSpace', 'CAFE'),
      ['c'],
    ],
    ['IgnoreCase folds to lower case (ß is not SS)', contains('FullString', 'IgnoreCase', 'STRASSE'), []],
    ['IgnoreCase matches ß as itself', contains('FullString', 'IgnoreCase', 'STRAßE'), ['a']],
    [
      'ExactPhrase across punctuation and several blanks',
      contains('ExactPhrase', 'IgnoreCase', 'budget review'),
      ['b'],
    ],
  ])('%s', (_name, xml, expected) => {
    expect(run(xml)).toStrictEqual(expected);
  });
});

describe('compileRestriction: what a refused expression says', () => {
  it.each<[string, string, string]>([
    [
      'an expression without a path',
      `<t:IsEqualTo>${constant('x')}</t:IsEqualTo>`,
      'ErrorInvalidRestriction: The search expression names no property.',
    ],
    [
      'an unknown field',
      `<t:Exists>${field('item:Nope')}</t:Exists>`,
      "ErrorUnsupportedPathForQuery: The property path 'item:Nope' is not supported in a restriction.",
    ],
    [
      'Contains without a constant',
      `<t:Contains>${field('item:Subject')}</t:Contains>`,
      'ErrorInvalidRestriction: Contains needs a constant.',
    ],
    [
      'an unknown ContainmentMode',
      contains('Fuzzy', 'Exact', 'x'),
      "ErrorInvalidRestriction: ContainmentMode 'Fuzzy' is not valid.",
    ],
    [
      'a comparison without FieldURIOrConstant',
      `<t:IsLessThan>${field('item:Size')}</t:IsLessThan>`,
      'ErrorInvalidRestriction: IsLessThan needs FieldURIOrConstant.',
    ],
    [
      'a comparison with an unknown field on the right',
      `<t:IsEqualTo>${field('item:Size')}<t:FieldURIOrConstant>${field('item:Nope')}</t:FieldURIOrConstant></t:IsEqualTo>`,
      "ErrorUnsupportedPathForQuery: The property path 'item:Nope' is not supported in a restriction.",
    ],
    [
      'fields of different types',
      `<t:IsEqualTo>${field('item:Size')}<t:FieldURIOrConstant>${field('item:Subject')}</t:FieldURIOrConstant></t:IsEqualTo>`,
      'ErrorInvalidRestriction: The two properties compared are of different types.',
    ],
    ['an empty Or', '<t:Or/>', 'ErrorInvalidRestriction: Or needs expressions.'],
    ['an empty Not', '<t:Not/>', 'ErrorInvalidRestriction: Not needs one expression.'],
    [
      'an unknown expression without a path',
      '<t:Excludes/>',
      "ErrorInvalidRestriction: The restriction 'Excludes' is not supported.",
    ],
  ])('%s', (_name, xml, said) => {
    expect(run(xml)).toBe(said);
  });
});

describe('compareValues', () => {
  it.each<[string, 'string' | 'number' | 'date', string | number, string | number, number]>([
    ['numbers by value, not as text', 'number', 9, 10, -1],
    ['dates by instant', 'date', 2, 1, 1],
    ['strings without case', 'string', 'abc', 'ABC', 0],
  ])('%s', (_name, kind, a, b, order) => {
    expect(compareValues(kind, a, b)).toBe(order);
  });
});

describe('compileSort', () => {
  const sortOn = (orders: string) =>
    compileSort(
      parseXml(`<m:SortOrder xmlns:m="urn:m" ${T}>${orders}</m:SortOrder>`),
      resolver(),
      [],
      () => 7,
    );

  it.each<[string, Item, Item, number]>([
    ['a missing value before a present one', { name: 'x' }, { name: 'y', size: 1 }, -1],
    ['a present value after a missing one', { name: 'x', size: 1 }, { name: 'y' }, 1],
    ['two missing values are a tie', { name: 'x' }, { name: 'y' }, 7],
    ['equal values are a tie', { name: 'x', size: 1 }, { name: 'y', size: 1 }, 7],
  ])('ascending: %s', (_name, a, b, order) => {
    const c = sortOn(`<t:FieldOrder Order="Ascending">${field('item:Size')}</t:FieldOrder>`);
    if (c instanceof EwsError) throw c;
    expect(c(a, b)).toBe(order);
  });

  it.each<[string, string, string]>([
    [
      'a FieldOrder without a path',
      '<t:FieldOrder Order="Ascending"/>',
      'ErrorInvalidRequest: FieldOrder names no property.',
    ],
    [
      'a FieldOrder with an invalid extended path',
      '<t:FieldOrder Order="Ascending"><t:ExtendedFieldURI PropertyTag="0x37"/></t:FieldOrder>',
      'ErrorInvalidExtendedProperty: An extended property needs a PropertyType.',
    ],
    [
      'an unknown field',
      `<t:FieldOrder Order="Ascending">${field('item:Nope')}</t:FieldOrder>`,
      "ErrorUnsupportedPathForSortGroup: Sorting on 'item:Nope' is not supported.",
    ],
  ])('refuses %s', (_name, orders, said) => {
    const c = sortOn(orders);
    expect(c instanceof EwsError ? `${c.code}: ${c.message}` : c).toBe(said);
  });
});

describe('extendedField', () => {
  const tag = (type: string) => ({ kind: 'extended', key: tagKey(0x37), type, attrs: {} }) as const;

  it.each<[string, string, string, string | number | boolean | undefined]>([
    ['a String is its text', 'String', 'x', 'x'],
    ['an Integer is a number', 'Integer', '5', 5],
    ['a Double is a number', 'Double', '2.5', 2.5],
    ['a Boolean "true"', 'Boolean', 'true', true],
    ['a Boolean "false"', 'Boolean', 'false', false],
    ['a SystemTime is its instant', 'SystemTime', '2026-11-25T09:00:00Z', Date.parse('2026-11-25T09:00:00Z')],
  ])('%s', (_name, type, value, expected) => {
    const def = extendedField<null>(tag(type), () => ({ type, value }));
    expect(def?.get(null)).toStrictEqual(expected);
  });

  it.each<[string, string | undefined]>([
    ['String', 'string'],
    ['Integer', 'number'],
    ['Boolean', 'boolean'],
    ['SystemTime', 'date'],
    ['StringArray', undefined],
  ])('a %s path is a %s field', (type, kind) => {
    expect(extendedField<null>(tag(type), () => undefined)?.kind).toBe(kind);
  });

  it('a value stored with another type than the path names is absent', () => {
    const def = extendedField<null>(tag('Integer'), () => ({ type: 'String', value: '5' }));
    expect(def?.get(null)).toBeUndefined();
  });

  it('is no field for a path that is not an extended property', () => {
    expect(extendedField<null>({ kind: 'field', uri: 'item:Subject' }, () => undefined)).toBeUndefined();
  });
});
