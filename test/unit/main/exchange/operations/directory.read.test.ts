/**
 * directory.ts, what the other directory tests leave open: entries read with toStrictEqual (no
 * undefined fields), answers without their optional parts, FindPeople's personas inside a
 * response message, and the fast reader asked for ResolveNames.
 */
import { describe, expect, it } from 'vitest';
import * as dir from '../../../../../main/exchange/operations/directory';
import { fastResolutions } from '../../../../../main/exchange/fast/directory';
import { parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope, T } from './envelope';

const NS = `xmlns="${T}"`;

describe('reading entries', () => {
  it.each<[string, string, dir.Mailbox]>([
    ['an empty mailbox', '<Mailbox/>', { address: '' }],
    [
      'a mailbox with only an address',
      '<Mailbox><EmailAddress> a@x </EmailAddress></Mailbox>',
      { address: 'a@x' },
    ],
    [
      'a mailbox with every field',
      '<Mailbox><Name> Ann </Name><EmailAddress>a@x</EmailAddress><RoutingType> SMTP </RoutingType><MailboxType> Mailbox </MailboxType></Mailbox>',
      { name: 'Ann', address: 'a@x', routingType: 'SMTP', mailboxType: 'Mailbox' },
    ],
  ])('%s', (_name, xml, mailbox) => {
    expect(dir.readMailbox(parseXml(xml.replace('<Mailbox', `<Mailbox ${NS}`)))).toStrictEqual(mailbox);
  });

  it('reads an empty contact as empty lists, nothing more', () => {
    expect(dir.readContact(parseXml(`<Contact ${NS}/>`))).toStrictEqual({
      emails: [],
      imAddresses: [],
      phones: [],
    });
  });
});

describe('answers without their optional parts', () => {
  it('reads a ResolveNames success without a resolution set as complete and empty, with the fast reader asked', async () => {
    const { caller, calls } = fakeCaller(envelope('ResolveNames', ''));
    expect(await dir.resolveNames(caller, 'a')).toStrictEqual({
      resolutions: [],
      ambiguous: false,
      includesLastItemInRange: true,
    });
    expect(calls[0]!.options?.typed).toBe(fastResolutions);
  });

  it('reads a no-results answer as empty and complete, whatever set it carries', async () => {
    const { caller } = fakeCaller(
      envelope(
        'ResolveNames',
        '<m:ResolutionSet IncludesLastItemInRange="false"><t:Resolution><t:Mailbox><t:EmailAddress>a@x</t:EmailAddress></t:Mailbox></t:Resolution></m:ResolutionSet>',
        'Error',
        'ErrorNameResolutionNoResults',
      ),
    );
    expect(await dir.resolveNames(caller, 'a')).toStrictEqual({
      resolutions: [],
      ambiguous: false,
      includesLastItemInRange: true,
    });
  });

  it('reads the personas of a FindPeople answer inside its response message', async () => {
    const { caller } = fakeCaller(
      envelope(
        'FindPeople',
        '<m:People><t:Persona><t:PersonaId Id="P1"/><t:DisplayName>Ann</t:DisplayName></t:Persona></m:People>',
      ),
    );
    expect((await dir.findPeople(caller, 'ann')).personas.map((p) => [p.id, p.displayName])).toStrictEqual([
      ['P1', 'Ann'],
    ]);
  });
});
