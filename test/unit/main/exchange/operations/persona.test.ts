import { describe, expect, it } from 'vitest';
import { readEmail, readPersona, readPersonas } from '../../../../../main/exchange/operations/persona';
import { parseXml } from '../../../../../main/exchange/soap';

const NS = 'xmlns="http://schemas.microsoft.com/exchange/services/2006/types"';
const persona = (inner: string) =>
  readPersona(parseXml(`<Persona ${NS}><PersonaId Id="P1"/>${inner}</Persona>`));
const attributed = (list: string, type: string, value: string): string =>
  `<${list}><${type}><Value>${value}</Value></${type}></${list}>`;
const phoneValue = (number: string, type?: string): string =>
  `<Number>${number}</Number>${type ? `<Type>${type}</Type>` : ''}`;

describe('readPersona: phones and the kind each is', () => {
  it.each([
    [
      'a business list',
      attributed('BusinessPhoneNumbers', 'PhoneNumberAttributedValue', phoneValue('+1')),
      'Business',
    ],
    ['a mobile list', attributed('MobilePhones', 'PhoneNumberAttributedValue', phoneValue('+1')), 'Mobile'],
    ['a home list', attributed('HomePhones2', 'PhoneNumberAttributedValue', phoneValue('+1')), 'Home'],
    [
      'a list value naming its own type',
      attributed('MobilePhones', 'PhoneNumberAttributedValue', phoneValue('+1', 'Car')),
      'Car',
    ],
    [
      'a PhoneNumber with its type',
      '<PhoneNumbers><PhoneNumber><Number>+1</Number><Type>Home</Type></PhoneNumber></PhoneNumbers>',
      'Home',
    ],
    [
      'a contact-style entry',
      '<PhoneNumbers><Entry Key="HomePhone"> +1 </Entry></PhoneNumbers>',
      'HomePhone',
    ],
    ['an entry with no key', '<PhoneNumbers><Entry>+1</Entry></PhoneNumbers>', 'OtherTelephone'],
    ['a single PhoneNumber without a type', '<PhoneNumber><Number>+1</Number></PhoneNumber>', 'Business'],
    [
      'a single PhoneNumber with one',
      '<PhoneNumber><Number>+1</Number><Type>Mobile</Type></PhoneNumber>',
      'Mobile',
    ],
  ])('%s', (_what, inner, type) => {
    expect(persona(inner).phones).toEqual([{ number: '+1', type }]);
  });

  it('drops blank numbers and keeps the first kind of a number listed twice', () => {
    const p = persona(
      attributed('MobilePhones', 'PhoneNumberAttributedValue', phoneValue('+2')) +
        attributed('BusinessPhoneNumbers', 'PhoneNumberAttributedValue', phoneValue('  ')) +
        '<PhoneNumbers><Entry Key="BusinessPhone">+2</Entry><Entry Key="HomePhone">+3</Entry></PhoneNumbers>',
    );
    expect(p.phones).toEqual([
      { number: '+2', type: 'Mobile' },
      { number: '+3', type: 'HomePhone' },
    ]);
  });
});

describe('readPersona: e-mail, name and the rest', () => {
  it('keeps each address once whatever its case, with its name and routing type, from every list', () => {
    const p = persona(
      '<EmailAddress><EmailAddress>Ann@Contoso.test</EmailAddress><Name> Ann  Lee </Name><RoutingType>SMTP</RoutingType></EmailAddress>' +
        '<EmailAddresses><Address><EmailAddress>ann@contoso.test</EmailAddress></Address><Address><EmailAddress> </EmailAddress></Address></EmailAddresses>' +
        attributed(
          'Emails2',
          'EmailAddressAttributedValue',
          '<EmailAddress>two@contoso.test</EmailAddress>',
        ) +
        attributed(
          'Emails3',
          'EmailAddressAttributedValue',
          '<EmailAddress>three@contoso.test</EmailAddress>',
        ) +
        '<Emails1><EmailAddressAttributedValue/></Emails1>',
    );
    expect(p.emails).toEqual([
      { address: 'Ann@Contoso.test', name: 'Ann Lee', routingType: 'SMTP' },
      { address: 'two@contoso.test' },
      { address: 'three@contoso.test' },
    ]);
    // No name anywhere: the first address stands in.
    expect(p.displayName).toBe('Ann@Contoso.test');
  });

  it('has an empty name and id when the server sent nothing, and no optional field', () => {
    expect(readPersona(parseXml(`<Persona ${NS}/>`))).toEqual({
      id: '',
      displayName: '',
      emails: [],
      phones: [],
      contactIds: [],
    });
  });

  it.each([
    ['a given name alone', '<GivenName>Ann</GivenName>', 'Ann'],
    ['a surname alone', '<Surname>Lee</Surname>', 'Lee'],
    ['a blank DisplayName falls through', '<DisplayName>  </DisplayName><FileAs>Lee</FileAs>', 'Lee'],
  ])('names from %s', (_what, inner, name) => {
    expect(persona(inner).displayName).toBe(name);
  });

  it('reads each detail from its single field first, else the first non-blank attributed value', () => {
    const p = persona(
      '<DisplayName>Ann</DisplayName><ImAddress>sip:ann@contoso.test</ImAddress>' +
        '<ImAddresses><StringAttributedValue><Value>sip:other@contoso.test</Value></StringAttributedValue></ImAddresses>' +
        '<Titles><StringAttributedValue><Value> </Value></StringAttributedValue><StringAttributedValue><Value>Engineer</Value></StringAttributedValue></Titles>' +
        attributed('Departments', 'StringAttributedValue', 'R&amp;D') +
        '<CompanyName>Contoso</CompanyName>' +
        '<OfficeLocations><String>Building 4</String></OfficeLocations>' +
        '<Attributions><Attribution><SourceId Id="C1"/></Attribution><Attribution/><Attribution><SourceId Id="C2"/></Attribution></Attributions>',
    );
    expect(p).toMatchObject({
      imAddress: 'sip:ann@contoso.test',
      title: 'Engineer',
      department: 'R&D',
      company: 'Contoso',
      office: 'Building 4',
      contactIds: ['C1', 'C2'],
    });
  });
});

describe('readEmail and readPersonas', () => {
  it('reads no address from an element without one', () => {
    expect(readEmail(parseXml(`<Address ${NS}><Name>Ann</Name></Address>`))).toBeUndefined();
  });

  it('reads only the Persona children of a list, in order, and none from nothing', () => {
    const list = parseXml(
      `<People ${NS}><Persona><PersonaId Id="A"/></Persona><Other/><Persona><PersonaId Id="B"/></Persona></People>`,
    );
    expect(readPersonas(list).map((p) => p.id)).toEqual(['A', 'B']);
    expect(readPersonas(undefined)).toEqual([]);
  });
});
