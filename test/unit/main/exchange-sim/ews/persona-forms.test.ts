/**
 * The simulator's personas in the forms Exchange documents: a telephone-only contact with no
 * DisplayName (name in DisplayNameFirstLast, number in PhoneNumber and OtherTelephones, no e-mail),
 * an org person with EmailAddress and an EmailAddresses list of Address. Roster's client reads
 * both answers back: the telephone-only contact keeps its name and number.
 */
import { describe, expect, it } from 'vitest';
import { readPersona } from '../../../../../main/exchange/operations/persona';
import { findFirst, parseSoapResponse } from '../../../../../main/exchange/soap';
import { at, children, makeCall, makeOrg, names, person, send } from './helpers';

const addTel = (tel: string, number = ''): string =>
  `<m:AddNewTelUriContactToGroup><m:TelUriAddress>${tel}</m:TelUriAddress><m:ImContactSipUriAddress/>` +
  `<m:ImTelephoneNumber>${number}</m:ImTelephoneNumber></m:AddNewTelUriContactToGroup>`;

describe('personas in the documented forms', () => {
  it('answers AddNewTelUriContactToGroup with a telephone-only persona: no DisplayName, no e-mail', async () => {
    const call = makeCall(makeOrg(), 'dave@contoso.test');
    const answer = await send(call, addTel('tel:+14255550123', '+1 425 555 0123'));
    const p = at(answer.body, 'Persona');
    const fields = names(p);
    expect(fields).not.toContain('DisplayName');
    expect(fields).not.toContain('EmailAddress');
    expect(fields).not.toContain('EmailAddresses');
    expect(at(p, 'DisplayNameFirstLast').text).toBe('+1 425 555 0123');
    expect(at(p, 'PhoneNumber', 'Number').text).toBe('+14255550123');
    expect(at(p, 'PhoneNumber', 'Type').text).toBe('OtherTelephone');
    expect(at(p, 'OtherTelephones', 'PhoneNumberAttributedValue', 'Value', 'Number').text).toBe(
      '+14255550123',
    );

    const read = readPersona(findFirst(parseSoapResponse(answer.raw).body, 'Persona')!);
    expect(read).toMatchObject({
      displayName: '+1 425 555 0123',
      emails: [],
      phones: [{ number: '+14255550123', type: 'OtherTelephone' }],
    });
  });

  it('lists an org person’s primary and proxy addresses as Address entries of EmailAddresses', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'alice@contoso.test');
    const answer = await send(call, '<m:GetImItemList/>');
    const first = org.people.find(
      (x) => x.smtp === person(org, 'alice@contoso.test').imList.personas[0]?.smtp,
    );
    if (!first) throw new Error('alice has no org contact');
    const personas = children(at(answer.body, 'ImItemList', 'Personas'));
    const p = personas.find((x) => at(x, 'EmailAddress', 'EmailAddress').text === first.smtp);
    if (!p) throw new Error('persona not found');
    const list = children(at(p, 'EmailAddresses'));
    expect(list.map((a) => a.local)).toEqual(list.map(() => 'Address'));
    expect(list.map((a) => at(a, 'EmailAddress').text)).toEqual([first.smtp, ...first.aliases]);
    const read = readPersona(
      findFirst(parseSoapResponse(answer.raw).body, 'Personas')!.children.find((x) =>
        x.children.some((c) => c.name === 'EmailAddress' && c.children.some((e) => e.text === first.smtp)),
      )!,
    );
    expect(read.displayName).toBe(first.displayName);
    expect(read.emails.map((e) => e.address)).toEqual([first.smtp, ...first.aliases]);
  });
});
