/** Mailbox folders: FindFolder under a distinguished folder (the help desk looks for "Lync Contacts"). */
import type { CallOptions, EwsCaller } from '../caller';
import { child, childText, el, findFirst, singleResponse } from '../soap';
import { cleanText } from '../text';

export type DistinguishedFolder = 'msgfolderroot' | 'inbox' | 'calendar' | 'contacts' | 'deleteditems';

export interface MailFolder {
  id: string;
  displayName: string;
  /** e.g. `IPF.Contact`, `IPF.Contact.MOC.QuickContacts` (the Lync Contacts folder). */
  folderClass?: string;
  totalCount?: number;
  /** `Folder`, `ContactsFolder`, `CalendarFolder`… */
  kind: string;
}

/** The folders directly under a distinguished folder of the mailbox the caller acts as. */
export async function findFolders(
  ews: EwsCaller,
  parent: DistinguishedFolder,
  options?: CallOptions,
): Promise<MailFolder[]> {
  const body = el(
    'm:FindFolder',
    { Traversal: 'Shallow' },
    el('m:FolderShape', null, el('t:BaseShape', null, 'AllProperties')),
    el('m:ParentFolderIds', null, el('t:DistinguishedFolderId', { Id: parent })),
  );
  const r = await ews.soap('FindFolder', body, options);
  const msg = singleResponse(r.body);
  const folders = child(findFirst(msg.element, 'RootFolder'), 'Folders')?.children ?? [];
  return folders.map((f) => {
    const out: MailFolder = {
      id: child(f, 'FolderId')?.attrs.Id ?? '',
      displayName: cleanText(childText(f, 'DisplayName')) ?? '',
      kind: f.name,
    };
    const cls = childText(f, 'FolderClass')?.trim();
    if (cls) out.folderClass = cls;
    const total = Number.parseInt(childText(f, 'TotalCount') ?? '', 10);
    if (Number.isFinite(total) && total >= 0) out.totalCount = total;
    return out;
  });
}
