import { describe, expect, it } from 'vitest';
import { namedKey, tagKey } from '../../../../../main/exchange-sim/ews/properties';
import {
  compileRestriction,
  compileSort,
  extendedField,
  type FieldDef,
  type FieldResolver,
} from '../../../../../main/exchange-sim/ews/restriction';
import { EwsError } from '../../../../../main/exchange-sim/ews/soap';
import { parseXml } from '../../../../../main/exchange-sim/ews/xml';

interface Row {
  name: string;
  subject: string;
  start: string;
  size?: number;
  email?: string;
  flag: boolean;
}

const ROWS: readonly Row[] = [
  {
    name: 'a',
    subject: 'Weekly sync',
    start: '2026-11-25T09:00:00Z',
    size: 10,
    email: 'ann@contoso.test',
    flag: true,
  },
  { name: 'b', subject: 'Budget review', start: '2026-11-25T14:00:00Z', size: 30, flag: false },
  {
    name: 'c',
    subject: 'Café planning',
    start: '2026-11-26T08:30:00Z',
    email: 'Chloe@Contoso.test',
    flag: true,
  },
  { name: 'd', subject: 'weekly SYNC', start: '2026-11-27T10:00:00Z', size: 20, flag: false },
];

const FIELDS: Record<string, FieldDef<Row>> = {
  'item:Subject': { kind: 'string', get: (r) => r.subject },
  'calendar:Start': { kind: 'date', get: (r) => r.start },
  'calendar:End': { kind: 'date', get: (r) => Date.parse(r.start) + 3_600_000 },
  'item:Size': { kind: 'number', get: (r) => r.size },
  'message:IsRead': { kind: 'boolean', get: (r) => r.flag },
  'contacts:EmailAddress[EmailAddress1]': { kind: 'string', get: (r) => r.email },
};

const resolve: FieldResolver<Row> = (path) => {
  if (path.kind === 'field') return FIELDS[path.uri];
  if (path.kind === 'indexed') return FIELDS[`${path.uri}[${path.index}]`];
  return extendedField<Row>(path, (r, key) =>
    key === tagKey(0x37)
      ? { type: 'String', value: r.subject }
      : key === namedKey('Appointment', 0x820d)
        ? { type: 'SystemTime', value: r.start }
        : undefined,
  );
};

const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const subject = '<t:FieldURI FieldURI="item:Subject"/>';
const start = '<t:FieldURI FieldURI="calendar:Start"/>';
const constant = (v: string): string =>
  `<t:FieldURIOrConstant><t:Constant Value="${v}"/></t:FieldURIOrConstant>`;
const cmp = (op: string, path: string, v: string): string => `<t:${op}>${path}${constant(v)}</t:${op}>`;
const contains = (mode: string, comparison: string, v: string, path = subject): string =>
  `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparison}">${path}<t:Constant Value="${v}"/></t:Contains>`;

function run(xml: string): string[] | string {
  const node = parseXml(xml.replace(/^<t:(\w+)/, `<t:$1 ${T}`));
  const p = compileRestriction(node, resolve);
  if (p instanceof EwsError) return p.code;
  return ROWS.filter(p).map((r) => r.name);
}

describe('compileRestriction', () => {
  it.each<[string, string, string[]]>([
    ['IsEqualTo on a string ignores case', cmp('IsEqualTo', subject, 'WEEKLY SYNC'), ['a', 'd']],
    ['IsNotEqualTo', cmp('IsNotEqualTo', subject, 'weekly sync'), ['b', 'c']],
    ['IsGreaterThan on a date', cmp('IsGreaterThan', start, '2026-11-25T14:00:00Z'), ['c', 'd']],
    [
      'IsGreaterThanOrEqualTo on a date',
      cmp('IsGreaterThanOrEqualTo', start, '2026-11-25T14:00:00Z'),
      ['b', 'c', 'd'],
    ],
    ['IsLessThan on a date', cmp('IsLessThan', start, '2026-11-25T14:00:00Z'), ['a']],
    ['IsLessThanOrEqualTo on a date', cmp('IsLessThanOrEqualTo', start, '2026-11-25T14:00:00Z'), ['a', 'b']],
    ['a date without an offset is UTC', cmp('IsLessThan', start, '2026-11-25T10:00:00'), ['a']],
    ['a date with an offset', cmp('IsLessThan', start, '2026-11-25T10:30:00+01:00'), ['a']],
    [
      'IsGreaterThan on a number; missing is false',
      cmp('IsGreaterThan', '<t:FieldURI FieldURI="item:Size"/>', '15'),
      ['b', 'd'],
    ],
    [
      'IsNotEqualTo a missing number is false',
      cmp('IsNotEqualTo', '<t:FieldURI FieldURI="item:Size"/>', '10'),
      ['b', 'd'],
    ],
    [
      'IsEqualTo on a boolean',
      cmp('IsEqualTo', '<t:FieldURI FieldURI="message:IsRead"/>', 'true'),
      ['a', 'c'],
    ],
    ['strings order by collation', cmp('IsLessThan', subject, 'C'), ['b']],
    [
      'a field against another field',
      `<t:IsLessThan>${start}<t:FieldURIOrConstant><t:FieldURI FieldURI="calendar:End"/></t:FieldURIOrConstant></t:IsLessThan>`,
      ['a', 'b', 'c', 'd'],
    ],
    [
      'And',
      `<t:And>${cmp('IsEqualTo', subject, 'weekly sync')}${cmp('IsLessThan', start, '2026-11-26T00:00:00Z')}</t:And>`,
      ['a'],
    ],
    [
      'Or',
      `<t:Or>${cmp('IsEqualTo', subject, 'budget review')}${cmp('IsGreaterThan', start, '2026-11-26T12:00:00Z')}</t:Or>`,
      ['b', 'd'],
    ],
    ['Not', `<t:Not>${cmp('IsEqualTo', subject, 'weekly sync')}</t:Not>`, ['b', 'c']],
    [
      'Not of a missing value is true',
      `<t:Not>${cmp('IsEqualTo', '<t:FieldURI FieldURI="item:Size"/>', '10')}</t:Not>`,
      ['b', 'c', 'd'],
    ],
    ['Exists', '<t:Exists><t:FieldURI FieldURI="item:Size"/></t:Exists>', ['a', 'b', 'd']],
    [
      'Exists on an indexed field',
      '<t:Exists><t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/></t:Exists>',
      ['a', 'c'],
    ],
    ['Contains FullString Exact', contains('FullString', 'Exact', 'Weekly sync'), ['a']],
    ['Contains FullString IgnoreCase', contains('FullString', 'IgnoreCase', 'weekly sync'), ['a', 'd']],
    ['Contains Prefixed Exact', contains('Prefixed', 'Exact', 'weekly'), ['d']],
    ['Contains Prefixed IgnoreCase', contains('Prefixed', 'IgnoreCase', 'WEEK'), ['a', 'd']],
    ['Contains Substring Exact', contains('Substring', 'Exact', 'view'), ['b']],
    ['Contains Substring IgnoreCase', contains('Substring', 'IgnoreCase', 'SYNC'), ['a', 'd']],
    ['Contains PrefixOnWords', contains('PrefixOnWords', 'IgnoreCase', 'plan'), ['c']],
    ['Contains ExactPhrase', contains('ExactPhrase', 'IgnoreCase', 'budget review'), ['b']],
    ['Contains ignoring accents', contains('Prefixed', 'IgnoreNonSpacingCharacters', 'Cafe'), ['c']],
    ['Contains Exact keeps accents', contains('Prefixed', 'Exact', 'Cafe'), []],
    ['Contains Loose ignores case and accents', contains('Prefixed', 'Loose', 'cafe'), ['c']],
    [
      'Contains on an indexed field',
      contains(
        'Substring',
        'IgnoreCase',
        'contoso',
        '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>',
      ),
      ['a', 'c'],
    ],
    [
      'a MAPI tag',
      contains(
        'Prefixed',
        'IgnoreCase',
        'budget',
        '<t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="String"/>',
      ),
      ['b'],
    ],
    [
      'a named property by distinguished set',
      cmp(
        'IsGreaterThan',
        '<t:ExtendedFieldURI DistinguishedPropertySetId="Appointment" PropertyId="33293" PropertyType="SystemTime"/>',
        '2026-11-26T00:00:00Z',
      ),
      ['c', 'd'],
    ],
    [
      'a named property by set GUID',
      cmp(
        'IsGreaterThan',
        '<t:ExtendedFieldURI PropertySetId="00062002-0000-0000-C000-000000000046" PropertyId="0x820D" PropertyType="SystemTime"/>',
        '2026-11-26T00:00:00Z',
      ),
      ['c', 'd'],
    ],
    [
      'a MAPI property no item has',
      '<t:Exists><t:ExtendedFieldURI PropertyTag="0x1000" PropertyType="String"/></t:Exists>',
      [],
    ],
    [
      'a MAPI property asked with another type',
      '<t:Exists><t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="Integer"/></t:Exists>',
      [],
    ],
  ])('%s', (_name, xml, names) => {
    expect(run(xml)).toEqual(names);
  });

  it.each<[string, string, string]>([
    [
      'an unknown field',
      cmp('IsEqualTo', '<t:FieldURI FieldURI="contacts:Nickname"/>', 'x'),
      'ErrorUnsupportedPathForQuery',
    ],
    [
      'an unknown indexed field',
      '<t:Exists><t:IndexedFieldURI FieldURI="contacts:PhoneNumber" FieldIndex="Pager"/></t:Exists>',
      'ErrorUnsupportedPathForQuery',
    ],
    ['Contains on a date', contains('Substring', 'Exact', '2026', start), 'ErrorContainsFilterWrongType'],
    ['Contains without a constant', `<t:Contains>${subject}</t:Contains>`, 'ErrorInvalidRestriction'],
    ['a bad ContainmentMode', contains('Fuzzy', 'Exact', 'x'), 'ErrorInvalidRestriction'],
    ['a date constant that is not a date', cmp('IsLessThan', start, 'soon'), 'ErrorInvalidValueForProperty'],
    [
      'a number constant that is not a number',
      cmp('IsLessThan', '<t:FieldURI FieldURI="item:Size"/>', ''),
      'ErrorInvalidValueForProperty',
    ],
    [
      'a comparison without FieldURIOrConstant',
      `<t:IsEqualTo>${subject}</t:IsEqualTo>`,
      'ErrorInvalidRestriction',
    ],
    [
      'fields of different types',
      `<t:IsEqualTo>${subject}<t:FieldURIOrConstant>${start}</t:FieldURIOrConstant></t:IsEqualTo>`,
      'ErrorInvalidRestriction',
    ],
    ['an empty And', '<t:And/>', 'ErrorInvalidRestriction'],
    ['an empty Not', '<t:Not/>', 'ErrorInvalidRestriction'],
    [
      'an error inside Or',
      `<t:Or>${cmp('IsEqualTo', subject, 'x')}<t:Excludes/></t:Or>`,
      'ErrorInvalidRestriction',
    ],
    [
      'an expression without a path',
      `<t:IsEqualTo>${constant('x')}</t:IsEqualTo>`,
      'ErrorInvalidRestriction',
    ],
    [
      'an extended path without a type',
      '<t:Exists><t:ExtendedFieldURI PropertyTag="0x0037"/></t:Exists>',
      'ErrorInvalidExtendedProperty',
    ],
  ])('refuses %s', (_name, xml, code) => {
    expect(run(xml)).toBe(code);
  });
});

describe('compileSort', () => {
  const sortXml = (orders: string): ReturnType<typeof parseXml> =>
    parseXml(`<m:SortOrder xmlns:m="urn:m" ${T}>${orders}</m:SortOrder>`);
  const byName = (a: Row, b: Row): number => a.name.localeCompare(b.name);
  const sorted = (orders: string | undefined): string[] | string => {
    const c = compileSort(
      orders === undefined ? undefined : sortXml(orders),
      resolve,
      [{ path: { kind: 'field', uri: 'calendar:Start' }, descending: true }],
      byName,
    );
    if (c instanceof EwsError) return c.code;
    return [...ROWS].sort(c).map((r) => r.name);
  };

  it.each<[string, string | undefined, string[] | string]>([
    ['the fallback when no SortOrder', undefined, ['d', 'c', 'b', 'a']],
    [
      'ascending on a date',
      '<t:FieldOrder Order="Ascending">' + start + '</t:FieldOrder>',
      ['a', 'b', 'c', 'd'],
    ],
    ['descending by default', '<t:FieldOrder>' + start + '</t:FieldOrder>', ['d', 'c', 'b', 'a']],
    [
      'strings without case, ties broken by the tie-break',
      '<t:FieldOrder Order="Ascending">' + subject + '</t:FieldOrder>',
      ['b', 'c', 'a', 'd'],
    ],
    [
      'a second key',
      '<t:FieldOrder Order="Ascending">' +
        subject +
        '</t:FieldOrder><t:FieldOrder Order="Descending">' +
        start +
        '</t:FieldOrder>',
      ['b', 'c', 'd', 'a'],
    ],
    [
      'a missing value first when ascending',
      '<t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Size"/></t:FieldOrder>',
      ['c', 'a', 'd', 'b'],
    ],
    [
      'an unknown field',
      '<t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Nope"/></t:FieldOrder>',
      'ErrorUnsupportedPathForSortGroup',
    ],
    ['a FieldOrder without a path', '<t:FieldOrder Order="Ascending"/>', 'ErrorInvalidRequest'],
  ])('%s', (_name, orders, expected) => {
    expect(sorted(orders)).toEqual(expected);
  });
});
