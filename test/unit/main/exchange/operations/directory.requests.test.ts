/** What the directory operations ask for and how they read the less common answers. */
import { describe, expect, it } from 'vitest';
import * as dir from '../../../../../main/exchange/operations/directory';
import { parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

const NS = 'xmlns="http://schemas.microsoft.com/exchange/services/2006/types"';

describe('resolveNames: the request', () => {
  it.each([
    [
      {},
      { ReturnFullContactData: 'true', SearchScope: 'ActiveDirectory', ContactDataShape: 'AllProperties' },
    ],
    [
      { returnFullContactData: false, searchScope: 'Contacts' as const },
      { ReturnFullContactData: 'false', SearchScope: 'Contacts', ContactDataShape: 'AllProperties' },
    ],
  ])('with %j asks %j', async (options, attrs) => {
    const { caller, calls } = fakeCaller(
      envelope('ResolveNames', '', 'Error', 'ErrorNameResolutionNoResults'),
    );
    await dir.resolveNames(caller, 'q', options);
    expect(calls[0]!.action).toBe('ResolveNames');
    expect(calls[0]!.body.attrs).toEqual(attrs);
  });

  it('says when the server cut the list, and reads only Resolution children', async () => {
    const { caller } = fakeCaller(
      envelope(
        'ResolveNames',
        '<m:ResolutionSet IncludesLastItemInRange="false"><t:Resolution><t:Mailbox><t:EmailAddress>a@x</t:EmailAddress></t:Mailbox></t:Resolution><t:Other/></m:ResolutionSet>',
      ),
    );
    expect(await dir.resolveNames(caller, 'a')).toEqual({
      resolutions: [{ mailbox: { address: 'a@x' } }],
      ambiguous: false,
      includesLastItemInRange: false,
    });
  });

  it('still refuses other error responses', async () => {
    const { caller } = fakeCaller(envelope('ResolveNames', '', 'Error', 'ErrorAccessDenied'));
    await expect(dir.resolveNames(caller, 'a')).rejects.toMatchObject({ code: 'ErrorAccessDenied' });
  });
});

describe('reading directory entries', () => {
  it('reads a resolution without a mailbox as an empty address, and a mailbox with only an address', () => {
    expect(dir.readResolution(parseXml(`<Resolution ${NS}/>`))).toEqual({ mailbox: { address: '' } });
    expect(
      dir.readMailbox(
        parseXml(`<Mailbox ${NS}><Name> </Name><EmailAddress> a@x </EmailAddress><RoutingType/></Mailbox>`),
      ),
    ).toEqual({ address: 'a@x' });
  });

  it('maps the contact’s phone keys, drops the others and blank entries, strips smtp: and sip: from e-mail only', () => {
    const c = dir.readContact(
      parseXml(
        `<Contact ${NS}><PhoneNumbers>` +
          `<Entry Key="BusinessPhone">+1</Entry><Entry Key="BusinessPhone2">+2</Entry><Entry Key="MobilePhone">+3</Entry>` +
          `<Entry Key="HomePhone">+4</Entry><Entry Key="HomePhone2">+5</Entry><Entry Key="Pager">+6</Entry><Entry Key="MobilePhone"> </Entry>` +
          `</PhoneNumbers><EmailAddresses><Entry Key="EmailAddress1">SMTP:a@x</Entry><Entry Key="EmailAddress2">sip:b@x</Entry><Entry>c@x</Entry></EmailAddresses>` +
          `<ImAddresses><Entry Key="ImAddress1">sip:a@x</Entry></ImAddresses></Contact>`,
      ),
    );
    expect(c).toEqual({
      phones: [
        { number: '+1', type: 'Business' },
        { number: '+2', type: 'Business' },
        { number: '+3', type: 'Mobile' },
        { number: '+4', type: 'Home' },
        { number: '+5', type: 'Home' },
      ],
      emails: ['a@x', 'b@x', 'c@x'],
      imAddresses: ['sip:a@x'],
    });
  });

  it.each([
    ['smtp:a@x', 'a@x'],
    ['SIP:a@x', 'a@x'],
    ['x400:a@x', 'x400:a@x'],
    ['a smtp:b', 'a smtp:b'],
  ])('stripSmtp(%s) is %s', (input, output) => expect(dir.stripSmtp(input)).toBe(output));
});

describe('findPeople: the request', () => {
  const none = envelope('FindPeople', '<m:People/>');

  it.each([
    [{}, { MaxEntriesReturned: '100', Offset: '0' }, 'directory'],
    [
      { max: 5000, offset: 200, folder: 'contacts' as const },
      { MaxEntriesReturned: '1000', Offset: '200' },
      'contacts',
    ],
  ])('with %j pages %j in %s', async (options, view, folder) => {
    const { caller, calls } = fakeCaller(none);
    expect(await dir.findPeople(caller, 'q', options)).toEqual({ personas: [] });
    const body = calls[0]!.body;
    expect(calls[0]!.action).toBe('FindPeople');
    expect(body.children[0]!.children[0]).toMatchObject({ name: 'BaseShape', text: 'Default' });
    expect(body.children[1]!.attrs).toEqual({ BasePoint: 'Beginning', ...view });
    expect(body.children[2]!.children[0]).toMatchObject({
      name: 'DistinguishedFolderId',
      attrs: { Id: folder },
    });
    expect(body.children[3]).toMatchObject({ name: 'QueryString', text: 'q' });
    expect(calls[0]!.options?.maxResponseBytes).toBe(dir.FIND_PEOPLE_MAX_RESPONSE_BYTES);
  });

  it('lets the caller lower the answer cap', async () => {
    const { caller, calls } = fakeCaller(none);
    await dir.findPeople(caller, 'q', { maxResponseBytes: 1000 });
    expect(calls[0]!.options?.maxResponseBytes).toBe(1000);
  });
});

describe('expandDL', () => {
  it('asks for the list by address, caps the answer, reads only mailboxes, says when cut', async () => {
    const { caller, calls } = fakeCaller(
      envelope(
        'ExpandDL',
        '<m:DLExpansion IncludesLastItemInRange="false"><t:Mailbox><t:EmailAddress>a@x</t:EmailAddress></t:Mailbox><t:Other/></m:DLExpansion>',
      ),
    );
    expect(await dir.expandDL(caller, 'dl@x')).toEqual({
      members: [{ address: 'a@x' }],
      includesLastItemInRange: false,
    });
    expect(calls[0]!.action).toBe('ExpandDL');
    expect(calls[0]!.body.children[0]!.children[0]).toMatchObject({ name: 'EmailAddress', text: 'dl@x' });
    expect(calls[0]!.options?.maxResponseBytes).toBe(dir.EXPAND_DL_MAX_RESPONSE_BYTES);
  });

  it('reads an answer without an expansion as an empty, complete list', async () => {
    const { caller } = fakeCaller(envelope('ExpandDL', ''));
    expect(await dir.expandDL(caller, 'dl@x')).toEqual({ members: [], includesLastItemInRange: true });
  });
});
