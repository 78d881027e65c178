/**
 * A telephone-only contact (AddNewTelUriContactToGroup) as Exchange returns it: no DisplayName,
 * its name in DisplayNameFirstLast, its number in PhoneNumber / OtherTelephones, no e-mail. It
 * must show its name and its number in the contact list, not a blank row.
 */
import { describe, expect, it } from 'vitest';
import * as im from '../../../../../main/exchange/operations/imList';
import { readPersona } from '../../../../../main/exchange/operations/persona';
import { parseXml } from '../../../../../main/exchange/soap';
import { toContactList } from '../../../../../main/services/contacts-map';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

const T = 'xmlns="http://schemas.microsoft.com/exchange/services/2006/types"';
const persona = (inner: string) =>
  readPersona(parseXml(`<Persona ${T}><PersonaId Id="P1"/>${inner}</Persona>`));

describe('a telephone-only contact in the documented shape', () => {
  it('reads its name from DisplayNameFirstLast and its number, with no e-mail', async () => {
    const { caller } = fakeCaller(fixture('AddNewTelUriContactToGroup.xml'));
    const p = await im.addNewTelUriContactToGroup(caller, {
      telUriAddress: 'tel:+14255550123',
      imContactSipUriAddress: '',
      imTelephoneNumber: '+14255550123',
    });
    expect(p).toMatchObject({
      id: 'AAUQATelPersona1=',
      displayName: '+1 425 555 0123',
      emails: [],
      phones: [{ number: '+14255550123', type: 'OtherTelephone' }],
      contactIds: ['AAMkAGTelContact1='],
    });
  });

  it('shows its name and number in the contact list row', async () => {
    const { caller } = fakeCaller(fixture('AddNewTelUriContactToGroup.xml'));
    const p = await im.addNewTelUriContactToGroup(caller, {
      telUriAddress: 'tel:+14255550123',
      imContactSipUriAddress: '',
      imTelephoneNumber: '+14255550123',
    });
    const list = toContactList(
      {
        groups: [{ id: 'G1', name: 'Other Contacts', type: 'OtherContacts', memberIds: [p.id] }],
        personas: [p],
      },
      { fetchedAt: '2026-11-25T10:13:00Z' },
    );
    const row = list.contacts.find((c) => c.id === 'AAUQATelPersona1=');
    expect(row).toMatchObject({
      displayName: '+1 425 555 0123',
      phones: [{ kind: 'other', number: '+14255550123' }],
      telephoneOnly: true,
    });
    expect(row?.email).toBeUndefined();
  });
});

describe('persona name and phone forms (table)', () => {
  const cases: [string, string, string, string[]][] = [
    [
      'DisplayName first',
      '<DisplayName>Ann Lee</DisplayName><DisplayNameFirstLast>Lee Ann</DisplayNameFirstLast>',
      'Ann Lee',
      [],
    ],
    [
      'DisplayNameLastFirst when nothing else',
      '<DisplayNameLastFirst>Lee, Ann</DisplayNameLastFirst>',
      'Lee, Ann',
      [],
    ],
    ['FileAs', '<FileAs>Lee, Ann</FileAs>', 'Lee, Ann', []],
    [
      'attributed DisplayNames',
      '<DisplayNames><StringAttributedValue><Value>Ann Lee</Value></StringAttributedValue></DisplayNames>',
      'Ann Lee',
      [],
    ],
    ['GivenName and Surname', '<GivenName>Ann</GivenName><Surname>Lee</Surname>', 'Ann Lee', []],
    [
      'PhoneNumbers list of PhoneNumber',
      '<DisplayNameFirstLast>Desk</DisplayNameFirstLast><PhoneNumbers><PhoneNumber><Number>+331</Number><Type>Business</Type></PhoneNumber></PhoneNumbers>',
      'Desk',
      ['+331'],
    ],
    [
      'contact-style PhoneNumbers entries',
      '<DisplayNameFirstLast>Desk</DisplayNameFirstLast><PhoneNumbers><Entry Key="MobilePhone">+336</Entry></PhoneNumbers>',
      'Desk',
      ['+336'],
    ],
    [
      'one number in several forms, listed once',
      '<DisplayName>Desk</DisplayName><PhoneNumber><Number>+1</Number><Type>Business</Type></PhoneNumber>' +
        '<BusinessPhoneNumbers><PhoneNumberAttributedValue><Value><Number>+1</Number><Type>Business</Type></Value></PhoneNumberAttributedValue></BusinessPhoneNumbers>',
      'Desk',
      ['+1'],
    ],
  ];
  it.each(cases)('%s', (_name, inner, name, numbers) => {
    const p = persona(inner);
    expect(p.displayName).toBe(name);
    expect(p.phones.map((x) => x.number)).toEqual(numbers);
  });

  it('reads e-mail from EmailAddress, EmailAddresses and the attributed Emails1 list, once each', () => {
    const p = persona(
      '<DisplayName>Ann</DisplayName><EmailAddress><EmailAddress>ann@contoso.test</EmailAddress></EmailAddress>' +
        '<EmailAddresses><Address><EmailAddress>ann@contoso.test</EmailAddress></Address><Address><EmailAddress>a.lee@contoso.test</EmailAddress></Address></EmailAddresses>' +
        '<Emails1><EmailAddressAttributedValue><Value><EmailAddress>ann.lee@fabrikam.test</EmailAddress></Value></EmailAddressAttributedValue></Emails1>',
    );
    expect(p.emails.map((e) => e.address)).toEqual([
      'ann@contoso.test',
      'a.lee@contoso.test',
      'ann.lee@fabrikam.test',
    ]);
  });
});
