import { describe, expect, it } from 'vitest';
import { findFolders } from '../../../../../main/exchange/operations/folders';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

const folders = (inner: string): string =>
  envelope('FindFolder', `<m:RootFolder TotalItemsInView="2"><t:Folders>${inner}</t:Folders></m:RootFolder>`);

describe('findFolders', () => {
  it('asks for the folders directly under a distinguished folder, all properties', async () => {
    const { caller, calls } = fakeCaller(folders(''));
    expect(await findFolders(caller, 'contacts')).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.action).toBe('FindFolder');
    const body = calls[0]!.body;
    expect(body.attrs).toEqual({ Traversal: 'Shallow' });
    expect(body.children.map((c) => c.name)).toEqual(['FolderShape', 'ParentFolderIds']);
    expect(body.children[0]!.children[0]).toMatchObject({ name: 'BaseShape', text: 'AllProperties' });
    expect(body.children[1]!.children[0]).toMatchObject({
      name: 'DistinguishedFolderId',
      attrs: { Id: 'contacts' },
    });
  });

  it('reads id, clean name, kind, class and count; leaves out what is missing or not a count', async () => {
    const { caller } = fakeCaller(
      folders(
        `<t:ContactsFolder><t:FolderId Id="f1" ChangeKey="c"/><t:DisplayName> Lync  Contacts </t:DisplayName>` +
          `<t:FolderClass> IPF.Contact.MOC.QuickContacts </t:FolderClass><t:TotalCount>12</t:TotalCount></t:ContactsFolder>` +
          `<t:Folder><t:FolderClass>  </t:FolderClass><t:TotalCount>-1</t:TotalCount></t:Folder>` +
          `<t:Folder><t:FolderId Id="f3"/><t:DisplayName>Zero</t:DisplayName><t:TotalCount>0</t:TotalCount></t:Folder>` +
          `<t:Folder><t:FolderId Id="f4"/><t:TotalCount>many</t:TotalCount></t:Folder>`,
      ),
    );
    expect(await findFolders(caller, 'msgfolderroot')).toEqual([
      {
        id: 'f1',
        displayName: 'Lync Contacts',
        kind: 'ContactsFolder',
        folderClass: 'IPF.Contact.MOC.QuickContacts',
        totalCount: 12,
      },
      { id: '', displayName: '', kind: 'Folder' },
      { id: 'f3', displayName: 'Zero', kind: 'Folder', totalCount: 0 },
      { id: 'f4', displayName: '', kind: 'Folder' },
    ]);
  });

  it('answers none when the server lists no Folders element', async () => {
    const { caller } = fakeCaller(envelope('FindFolder', '<m:RootFolder TotalItemsInView="0"/>'));
    expect(await findFolders(caller, 'inbox')).toEqual([]);
  });

  it('turns an error response into the error it names', async () => {
    const { caller } = fakeCaller(envelope('FindFolder', '', 'Error', 'ErrorAccessDenied'));
    await expect(findFolders(caller, 'inbox')).rejects.toMatchObject({ code: 'ErrorAccessDenied' });
  });
});
