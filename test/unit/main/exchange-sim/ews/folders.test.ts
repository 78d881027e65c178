import { describe, expect, it } from 'vitest';
import { encodeId } from '../../../../../main/exchange-sim/ews/ids';
import { at, children, code, makeCall, makeOrg, message, names, person, send } from './helpers';

const getFolder = (ids: string, shape = 'Default'): string =>
  `<m:GetFolder><m:FolderShape><t:BaseShape>${shape}</t:BaseShape></m:FolderShape><m:FolderIds>${ids}</m:FolderIds></m:GetFolder>`;

describe('folders', () => {
  it('GetFolder answers each id in order, with its own error', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const a = await send(
      call,
      getFolder(
        '<t:DistinguishedFolderId Id="calendar"/><t:DistinguishedFolderId Id="nosuch"/><t:FolderId Id="zz"/><t:DistinguishedFolderId Id="contacts"/>',
      ),
    );
    const msgs = children(at(a.body, 'ResponseMessages'));
    expect(msgs.map((m) => m.attrs.ResponseClass)).toEqual(['Success', 'Error', 'Error', 'Success']);
    expect(msgs.map((m) => code(m))).toEqual([
      'NoError',
      'ErrorFolderNotFound',
      'ErrorInvalidIdMalformed',
      'NoError',
    ]);
    expect(names(at(msgs[0]!, 'Folders', 'CalendarFolder'))).toEqual([
      'FolderId',
      'DisplayName',
      'TotalCount',
      'ChildFolderCount',
    ]);
  });

  it('shows Lync Contacts under Contacts, with the IM list size, and refuses another mailbox', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'bob@contoso.test');
    const found = await send(
      call,
      '<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape><m:ParentFolderIds><t:DistinguishedFolderId Id="contacts"/></m:ParentFolderIds></m:FindFolder>',
    );
    // Contacts also holds the hidden IM contact list and recipient cache, as on Exchange 2013+.
    const folder = children(at(message(found.body), 'RootFolder', 'Folders'), 'ContactsFolder').find(
      (f) => at(f, 'DisplayName').text === 'Lync Contacts',
    );
    if (!folder) throw new Error('no Lync Contacts');
    expect(names(folder)).toEqual([
      'FolderId',
      'ParentFolderId',
      'FolderClass',
      'DisplayName',
      'TotalCount',
      'ChildFolderCount',
    ]);
    expect(at(folder, 'TotalCount').text).toBe(
      String(person(org, 'bob@contoso.test').imList.personas.length),
    );
    const alice = person(org, 'alice@contoso.test');
    const foreign = await send(
      call,
      getFolder(`<t:FolderId Id="${encodeId('folder', alice.id, 'lynccontacts')}"/>`),
    );
    expect(code(message(foreign.body))).toBe('ErrorAccessDenied');
  });

  it('GetItem on an IM contact id (MemberCorrelationKey) gives the contact item', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'bob@contoso.test');
    const p = call.caller.imList.personas.find((x) => x.smtp !== undefined);
    if (!p) throw new Error('no persona');
    const a = await send(
      call,
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${encodeId('contact', call.caller.id, p.id)}"/></m:ItemIds></m:GetItem>`,
    );
    const contact = at(message(a.body), 'Items', 'Contact');
    expect(at(contact, 'DisplayName').text).toBe(p.displayName);
    expect(at(contact, 'EmailAddresses', 'Entry').text).toBe(p.smtp);
  });
});
