/**
 * persona.ts, what the other persona tests leave open: a bare persona and e-mail read with
 * toStrictEqual (no undefined fields), and the single-valued forms of the name, company and office.
 */
import { describe, expect, it } from 'vitest';
import { readEmail, readPersona, type Persona } from '../../../../../main/exchange/operations/persona';
import { parseXml } from '../../../../../main/exchange/soap';
import { T } from './envelope';

const persona = (inner: string): Persona => readPersona(parseXml(`<Persona xmlns="${T}">${inner}</Persona>`));

describe('readPersona', () => {
  it('reads a bare persona as its id and empty lists, nothing more', () => {
    expect(persona('<PersonaId Id="P1"/>')).toStrictEqual({
      id: 'P1',
      displayName: '',
      emails: [],
      phones: [],
      contactIds: [],
    });
  });

  it('reads an e-mail address alone, nothing more', () => {
    expect(
      readEmail(parseXml(`<EmailAddress xmlns="${T}"><EmailAddress> a@x </EmailAddress></EmailAddress>`)),
    ).toStrictEqual({
      address: 'a@x',
    });
  });

  it.each<[string, string, Partial<Persona>]>([
    ['a name given as the text of DisplayNames', '<DisplayNames>Ann</DisplayNames>', { displayName: 'Ann' }],
    ['a single company', '<CompanyName>Contoso</CompanyName>', { company: 'Contoso' }],
    [
      'a company list',
      '<CompanyNames><StringAttributedValue><Value>Contoso</Value></StringAttributedValue></CompanyNames>',
      { company: 'Contoso' },
    ],
    ['a single office', '<OfficeLocation>B1</OfficeLocation>', { office: 'B1' }],
  ])('%s', (_name, xml, part) => {
    expect(persona(`<PersonaId Id="P1"/>${xml}`)).toMatchObject(part);
  });
});
