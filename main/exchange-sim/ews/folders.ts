/**
 * The mailbox folders the simulator exposes: the distinguished ones Roster touches and the
 * "Lync Contacts" contacts folder (the UCS list's visible side) under Contacts. GetFolder, FindFolder.
 */
import type { Person } from '../org/types';
import { decodeId, encodeChangeKey, encodeId } from './ids';
import {
  EwsError,
  batchResponse,
  errorMessage,
  findPerson,
  responseMessage,
  type RequestContext,
} from './soap';
import { child, children, el, leaf, textAt, type XNode } from './xml';

export type FolderName =
  'msgfolderroot' | 'inbox' | 'calendar' | 'contacts' | 'deleteditems' | 'sentitems' | 'lynccontacts';

interface FolderDef {
  name: FolderName;
  parent?: FolderName;
  displayName: string;
  folderClass: string;
  element: 't:Folder' | 't:CalendarFolder' | 't:ContactsFolder';
}

const FOLDERS: FolderDef[] = [
  {
    name: 'msgfolderroot',
    displayName: 'Top of Information Store',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'calendar',
    parent: 'msgfolderroot',
    displayName: 'Calendar',
    folderClass: 'IPF.Appointment',
    element: 't:CalendarFolder',
  },
  {
    name: 'contacts',
    parent: 'msgfolderroot',
    displayName: 'Contacts',
    folderClass: 'IPF.Contact',
    element: 't:ContactsFolder',
  },
  {
    name: 'deleteditems',
    parent: 'msgfolderroot',
    displayName: 'Deleted Items',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'inbox',
    parent: 'msgfolderroot',
    displayName: 'Inbox',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'sentitems',
    parent: 'msgfolderroot',
    displayName: 'Sent Items',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'lynccontacts',
    parent: 'contacts',
    displayName: 'Lync Contacts',
    folderClass: 'IPF.Contact.MOC.QuickContacts',
    element: 't:ContactsFolder',
  },
];

const DISTINGUISHED = new Set<string>([
  'msgfolderroot',
  'inbox',
  'calendar',
  'contacts',
  'deleteditems',
  'sentitems',
]);

export function folderId(owner: Person, name: FolderName): string {
  return encodeId('folder', owner.id, name);
}
export function lyncContactsFolderId(owner: Person): string {
  return folderId(owner, 'lynccontacts');
}

/**
 * Exchange makes the Lync Contacts folder when Lync Server moves the list into the mailbox; a user
 * still on Lync Server (not migrated, nothing in the list yet) has none.
 */
export function hasLyncContactsFolder(owner: Person): boolean {
  return owner.imList.migrationCompleted || owner.imList.personas.length > 0;
}

function exists(owner: Person, def: FolderDef): boolean {
  return def.name !== 'lynccontacts' || hasLyncContactsFolder(owner);
}

export interface FolderRef {
  owner: Person;
  def: FolderDef;
}

/** Resolves a t:DistinguishedFolderId or t:FolderId node for the request's mailbox. */
export function resolveFolder(ctx: RequestContext, node: XNode): FolderRef | EwsError {
  if (node.local === 'DistinguishedFolderId') {
    const id = node.attrs.Id ?? '';
    let owner = ctx.mailbox;
    const mbx = textAt(node, 'Mailbox', 'EmailAddress');
    if (mbx !== undefined) {
      const other = findPerson(ctx.call, mbx);
      if (!other) return new EwsError('ErrorNonExistentMailbox');
      if (other.id !== ctx.mailbox.id) return new EwsError('ErrorAccessDenied');
      owner = other;
    }
    const def = FOLDERS.find((f) => f.name === id && DISTINGUISHED.has(id));
    if (!def) return new EwsError('ErrorFolderNotFound');
    return { owner, def };
  }
  if (node.local === 'FolderId') {
    const wire = node.attrs.Id ?? '';
    if (wire === '') return new EwsError('ErrorInvalidIdEmpty');
    const d = decodeId(wire);
    if (!d || d.kind !== 'folder') return new EwsError('ErrorInvalidIdMalformed');
    if (d.owner !== ctx.mailbox.id) {
      return ctx.call.org.people.some((p) => p.id === d.owner)
        ? new EwsError('ErrorAccessDenied')
        : new EwsError('ErrorFolderNotFound');
    }
    const def = FOLDERS.find((f) => f.name === d.id);
    if (!def || !exists(ctx.mailbox, def)) return new EwsError('ErrorFolderNotFound');
    return { owner: ctx.mailbox, def };
  }
  return new EwsError('ErrorInvalidRequest');
}

function totalCount(ref: FolderRef): number {
  switch (ref.def.name) {
    case 'calendar':
      return ref.owner.calendar.filter((c) => !c.isCancelled || c.organizer !== ref.owner.smtp).length;
    case 'lynccontacts':
      return ref.owner.imList.personas.length;
    default:
      return 0;
  }
}

function childDefs(name: FolderName, deep: boolean): FolderDef[] {
  const direct = FOLDERS.filter((f) => f.parent === name);
  return deep ? direct.flatMap((f) => [f, ...childDefs(f.name, true)]) : direct;
}

function folderXml(ref: FolderRef, shape: string): string {
  const { def, owner } = ref;
  const all = shape === 'AllProperties';
  const idOnly = shape === 'IdOnly';
  return el(
    def.element,
    undefined,
    el('t:FolderId', { Id: folderId(owner, def.name), ChangeKey: encodeChangeKey('folder', '1') }),
    all && def.parent
      ? el('t:ParentFolderId', { Id: folderId(owner, def.parent), ChangeKey: encodeChangeKey('folder', '1') })
      : '',
    all ? leaf('t:FolderClass', def.folderClass) : '',
    idOnly ? '' : leaf('t:DisplayName', def.displayName),
    idOnly ? '' : leaf('t:TotalCount', totalCount(ref)),
    idOnly ? '' : leaf('t:ChildFolderCount', childDefs(def.name, false).length),
    !idOnly && def.element === 't:Folder' ? leaf('t:UnreadCount', 0) : '',
  );
}

function shapeOf(req: XNode): string {
  return textAt(req, 'FolderShape', 'BaseShape') ?? 'Default';
}

export function getFolder(ctx: RequestContext, req: XNode): string {
  const shape = shapeOf(req);
  const ids = children(child(req, 'FolderIds'));
  const messages = ids.map((node) => {
    const ref = resolveFolder(ctx, node);
    if (ref instanceof EwsError) return errorMessage('GetFolder', ref);
    return responseMessage(
      'GetFolder',
      'Success',
      'NoError',
      el('m:Folders', undefined, folderXml(ref, shape)),
    );
  });
  return batchResponse('GetFolder', messages);
}

export function findFolder(ctx: RequestContext, req: XNode): string {
  const shape = shapeOf(req);
  const deep = req.attrs.Traversal === 'Deep';
  const parents = children(child(req, 'ParentFolderIds'));
  const messages = parents.map((node) => {
    const ref = resolveFolder(ctx, node);
    if (ref instanceof EwsError) return errorMessage('FindFolder', ref);
    const kids = childDefs(ref.def.name, deep)
      .filter((def) => exists(ref.owner, def))
      .map((def) => folderXml({ owner: ref.owner, def }, shape));
    const root = el(
      'm:RootFolder',
      { TotalItemsInView: kids.length, IncludesLastItemInRange: true },
      el('t:Folders', undefined, ...kids),
    );
    return responseMessage('FindFolder', 'Success', 'NoError', root);
  });
  return batchResponse('FindFolder', messages);
}
