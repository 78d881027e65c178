import { describe, expect, it } from 'vitest';
import {
  extendedPropertiesXml,
  namedKey,
  parseTag,
  pathName,
  readAdditionalProperties,
  readPropertyPath,
  tagKey,
  type ExtendedPath,
  type PropertyPath,
} from '../../../../../main/exchange-sim/ews/properties';
import { EwsError } from '../../../../../main/exchange-sim/ews/soap';
import { parseXml } from '../../../../../main/exchange-sim/ews/xml';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const node = (xml: string) => parseXml(xml.replace(/^<t:(\w+)/, `<t:$1 xmlns:t="${T}"`));
const path = (xml: string): PropertyPath | string | undefined => {
  const p = readPropertyPath(node(xml));
  return p instanceof EwsError ? p.code : p;
};
const APPOINTMENT = '00062002-0000-0000-c000-000000000046';

describe('readPropertyPath', () => {
  it.each<[string, PropertyPath | string | undefined]>([
    ['<t:FieldURI FieldURI="item:Subject"/>', { kind: 'field', uri: 'item:Subject' }],
    [
      '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>',
      { kind: 'indexed', uri: 'contacts:EmailAddress', index: 'EmailAddress1' },
    ],
    [
      '<t:ExtendedFieldURI PropertyTag="0x37" PropertyType="String"/>',
      {
        kind: 'extended',
        key: 'tag:0x0037',
        type: 'String',
        attrs: { PropertyTag: '0x37', PropertyType: 'String' },
      },
    ],
    [
      '<t:ExtendedFieldURI PropertyTag="55" PropertyType="String"/>',
      {
        kind: 'extended',
        key: 'tag:0x0037',
        type: 'String',
        attrs: { PropertyTag: '55', PropertyType: 'String' },
      },
    ],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Appointment" PropertyId="33285" PropertyType="Integer"/>',
      {
        kind: 'extended',
        key: `named:${APPOINTMENT}:id:33285`,
        type: 'Integer',
        attrs: { DistinguishedPropertySetId: 'Appointment', PropertyId: '33285', PropertyType: 'Integer' },
      },
    ],
    [
      '<t:ExtendedFieldURI PropertySetId="00062002-0000-0000-C000-000000000046" PropertyId="0x8205" PropertyType="Integer"/>',
      {
        kind: 'extended',
        key: `named:${APPOINTMENT}:id:33285`,
        type: 'Integer',
        attrs: {
          PropertySetId: '00062002-0000-0000-C000-000000000046',
          PropertyId: '0x8205',
          PropertyType: 'Integer',
        },
      },
    ],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="Keywords" PropertyType="StringArray"/>',
      {
        kind: 'extended',
        key: 'named:00020329-0000-0000-c000-000000000046:name:Keywords',
        type: 'StringArray',
        attrs: {
          DistinguishedPropertySetId: 'PublicStrings',
          PropertyName: 'Keywords',
          PropertyType: 'StringArray',
        },
      },
    ],
    ['<t:Constant Value="x"/>', undefined],
    ['<t:ExtendedFieldURI PropertyTag="0x37"/>', 'ErrorInvalidExtendedProperty'],
    ['<t:ExtendedFieldURI PropertyTag="0x10000" PropertyType="String"/>', 'ErrorInvalidExtendedProperty'],
    [
      '<t:ExtendedFieldURI PropertyTag="0x37" PropertyId="1" PropertyType="String"/>',
      'ErrorInvalidExtendedProperty',
    ],
    ['<t:ExtendedFieldURI PropertyId="1" PropertyType="String"/>', 'ErrorInvalidExtendedProperty'],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Nope" PropertyId="1" PropertyType="String"/>',
      'ErrorInvalidExtendedProperty',
    ],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyType="String"/>',
      'ErrorInvalidExtendedProperty',
    ],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="1" PropertyName="x" PropertyType="String"/>',
      'ErrorInvalidExtendedProperty',
    ],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="-1" PropertyType="String"/>',
      'ErrorInvalidExtendedProperty',
    ],
    ['<t:FieldURI/>', { kind: 'field', uri: '' }],
    ['<t:IndexedFieldURI/>', { kind: 'indexed', uri: '', index: '' }],
    [
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="0" PropertyType="Integer"/>',
      {
        kind: 'extended',
        key: 'named:00062008-0000-0000-c000-000000000046:id:0',
        type: 'Integer',
        attrs: { DistinguishedPropertySetId: 'Common', PropertyId: '0', PropertyType: 'Integer' },
      },
    ],
  ])('%s', (xml, expected) => {
    expect(path(xml)).toStrictEqual(expected);
  });
});

describe('readPropertyPath: what a refused extended path says', () => {
  const message = (xml: string): string | undefined => {
    const p = readPropertyPath(node(xml));
    return p instanceof EwsError ? `${p.code}: ${p.message}` : undefined;
  };
  it.each<[string, string, string]>([
    [
      'no PropertyType',
      '<t:ExtendedFieldURI PropertyTag="0x37"/>',
      'An extended property needs a PropertyType.',
    ],
    [
      'a tag with a property set',
      '<t:ExtendedFieldURI PropertyTag="0x37" DistinguishedPropertySetId="Common" PropertyType="String"/>',
      'PropertyTag cannot be combined with a property set, name or id.',
    ],
    [
      'a tag with a name',
      '<t:ExtendedFieldURI PropertyTag="0x37" PropertyName="x" PropertyType="String"/>',
      'PropertyTag cannot be combined with a property set, name or id.',
    ],
    [
      'a tag with an id',
      '<t:ExtendedFieldURI PropertyTag="0x37" PropertyId="1" PropertyType="String"/>',
      'PropertyTag cannot be combined with a property set, name or id.',
    ],
    [
      'a tag that is not one',
      '<t:ExtendedFieldURI PropertyTag="0xzz" PropertyType="String"/>',
      "The property tag '0xzz' is not valid.",
    ],
    [
      'a name without a set',
      '<t:ExtendedFieldURI PropertyName="x" PropertyType="String"/>',
      'A named property needs a property set.',
    ],
    [
      'an unknown distinguished set',
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Nope" PropertyId="1" PropertyType="String"/>',
      "The property set 'Nope' is not valid.",
    ],
    [
      'a negative id',
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="-1" PropertyType="String"/>',
      "The property id '-1' is not valid.",
    ],
    [
      'a hex id with a letter before it',
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="a0x10" PropertyType="String"/>',
      "The property id 'a0x10' is not valid.",
    ],
    [
      'a hex id with text after it',
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="0x10z" PropertyType="String"/>',
      "The property id '0x10z' is not valid.",
    ],
    [
      'neither name nor id',
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyType="String"/>',
      'A named property needs exactly one of PropertyName and PropertyId.',
    ],
    [
      'both name and id',
      '<t:ExtendedFieldURI DistinguishedPropertySetId="Common" PropertyId="1" PropertyName="x" PropertyType="String"/>',
      'A named property needs exactly one of PropertyName and PropertyId.',
    ],
  ])('%s', (_name, xml, text) => {
    expect(message(xml)).toBe(`ErrorInvalidExtendedProperty: ${text}`);
  });
});

describe('pathName', () => {
  it.each<[string, PropertyPath, string]>([
    ['a field is its URI', { kind: 'field', uri: 'item:Subject' }, 'item:Subject'],
    [
      'an indexed field is its URI and index',
      { kind: 'indexed', uri: 'contacts:EmailAddress', index: 'EmailAddress1' },
      'contacts:EmailAddress[EmailAddress1]',
    ],
    [
      'an extended property is its key',
      { kind: 'extended', key: 'tag:0x0037', type: 'String', attrs: {} },
      'tag:0x0037',
    ],
  ])('%s', (_name, p, name) => {
    expect(pathName(p)).toBe(name);
  });
});

describe('parseTag and keys', () => {
  it.each<[string, number | undefined]>([
    ['0x0037', 0x37],
    ['0X3613', 0x3613],
    ['55', 55],
    [' 0x1a ', 0x1a],
    ['0xFFFF', 0xffff],
    ['0x0000', 0],
    ['0', 0],
    ['10x37', undefined],
    ['0x12g', undefined],
    ['1e3', undefined],
    ['+55', undefined],
    ['000001', undefined],
    ['65536', undefined],
    ['0x', undefined],
    ['PR_SUBJECT', undefined],
    ['', undefined],
  ])('parseTag(%j)', (text, tag) => {
    expect(parseTag(text)).toBe(tag);
  });

  it('keys a tag with four hex digits and a named property by its set GUID, whichever way it is named', () => {
    expect(tagKey(0x1a)).toBe('tag:0x001a');
    expect(namedKey('Appointment', 0x8205)).toBe(namedKey('00062002-0000-0000-C000-000000000046', 33285));
    expect(namedKey('PublicStrings', 'x')).not.toBe(namedKey('PublicStrings', 'y'));
  });
});

describe('readAdditionalProperties and extendedPropertiesXml', () => {
  it('reads the paths in order and refuses an element that is not one', () => {
    const ok = readAdditionalProperties(
      node(
        '<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:ExtendedFieldURI PropertyTag="0x1a" PropertyType="String"/></t:AdditionalProperties>',
      ).children,
    );
    expect(ok).toEqual([
      { kind: 'field', uri: 'item:Subject' },
      {
        kind: 'extended',
        key: 'tag:0x001a',
        type: 'String',
        attrs: { PropertyTag: '0x1a', PropertyType: 'String' },
      },
    ]);
    const bad = readAdditionalProperties(
      node('<t:AdditionalProperties><t:Bogus/></t:AdditionalProperties>').children,
    );
    expect(bad instanceof EwsError && bad.code).toBe('ErrorInvalidPropertyRequest');
  });

  it('refuses the list with the first invalid extended path it holds', () => {
    const bad = readAdditionalProperties(
      node(
        '<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:ExtendedFieldURI PropertyTag="0x37"/></t:AdditionalProperties>',
      ).children,
    );
    expect(bad instanceof EwsError && [bad.code, bad.message]).toStrictEqual([
      'ErrorInvalidExtendedProperty',
      'An extended property needs a PropertyType.',
    ]);
  });

  it('writes present properties of the asked type in the asked order, echoing the path', () => {
    const paths = [
      {
        kind: 'extended',
        key: 'tag:0x0037',
        type: 'String',
        attrs: { PropertyTag: '0x37', PropertyType: 'String' },
      },
      {
        kind: 'extended',
        key: 'tag:0x0e1b',
        type: 'Boolean',
        attrs: { PropertyTag: '0xe1b', PropertyType: 'Boolean' },
      },
      {
        kind: 'extended',
        key: 'tag:0x1000',
        type: 'String',
        attrs: { PropertyTag: '0x1000', PropertyType: 'String' },
      },
      {
        kind: 'extended',
        key: 'tag:0x001a',
        type: 'String',
        attrs: { PropertyTag: '0x1a', PropertyType: 'String' },
      },
    ] satisfies ExtendedPath[];
    const values: Record<string, { type: string; value: string }> = {
      'tag:0x0037': { type: 'String', value: 'Hi & bye' },
      'tag:0x0e1b': { type: 'Integer', value: '1' },
      'tag:0x001a': { type: 'String', value: 'IPM.Note' },
    };
    expect(extendedPropertiesXml(paths, (k) => values[k])).toBe(
      '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x37" PropertyType="String"/><t:Value>Hi &amp; bye</t:Value></t:ExtendedProperty>' +
        '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x1a" PropertyType="String"/><t:Value>IPM.Note</t:Value></t:ExtendedProperty>',
    );
  });
});
