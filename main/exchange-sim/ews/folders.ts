/**
 * The mailbox folders the simulator exposes, as a real Exchange 2016 mailbox lays them out: the
 * root with its hidden non-IPM folders (Finder and its search folders, Recoverable Items…), the
 * IPM subtree ("Top of Information Store") with the usual folders, and the "Lync Contacts"
 * (quickcontacts) folder under Contacts, the UCS list's visible side. Every distinguished folder
 * id a client may name resolves here, or gives ErrorFolderNotFound (archive ids: no archive
 * mailbox; public folders: none). GetFolder and FindFolder (Shallow/Deep, indexed and fractional
 * paging) honour the base shapes and AdditionalProperties (FieldURI and ExtendedFieldURI); a
 * property a folder does not have is absent, as on Exchange.
 */
import type { Person } from '../org/types';
import { decodeId, encodeChangeKey, encodeId } from './ids';
import { pageOf, readPagingView } from './paging';
import { extendedPropertiesXml, readAdditionalProperties, type ExtendedPath } from './properties';
import {
  EwsError,
  batchResponse,
  errorMessage,
  findPerson,
  responseMessage,
  type RequestContext,
} from './soap';
import { child, children, el, leaf, textAt, type XNode } from './xml';

type FolderElement =
  't:Folder' | 't:CalendarFolder' | 't:ContactsFolder' | 't:TasksFolder' | 't:SearchFolder';

interface FolderSpec {
  /** Internal key, also the object id inside the folder's EwsId (stable across versions). */
  name: string;
  parent?: string;
  /** The DistinguishedFolderId naming it, when it has one. */
  distinguished?: string;
  displayName: string;
  /** Undefined for the root, which has no container class. */
  folderClass?: string;
  element: FolderElement;
  /** Outside the IPM subtree: PR_ATTR_HIDDEN is set. */
  hidden?: boolean;
}

/** Siblings in display-name order, as Exchange lists them. */
const FOLDER_SPECS = [
  { name: 'root', distinguished: 'root', displayName: 'Root', element: 't:Folder', hidden: true },
  {
    name: 'commonviews',
    parent: 'root',
    displayName: 'Common Views',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'searchfolders',
    parent: 'root',
    distinguished: 'searchfolders',
    displayName: 'Finder',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'mycontacts',
    parent: 'searchfolders',
    distinguished: 'mycontacts',
    displayName: 'My Contacts',
    folderClass: 'IPF.Contact',
    element: 't:SearchFolder',
    hidden: true,
  },
  {
    name: 'todosearch',
    parent: 'searchfolders',
    distinguished: 'todosearch',
    displayName: 'To-Do Search',
    folderClass: 'IPF.Task',
    element: 't:SearchFolder',
    hidden: true,
  },
  {
    name: 'voicemail',
    parent: 'searchfolders',
    distinguished: 'voicemail',
    displayName: 'Voice Mail',
    folderClass: 'IPF.Note.Microsoft.Voicemail',
    element: 't:SearchFolder',
    hidden: true,
  },
  {
    name: 'recoverableitemsroot',
    parent: 'root',
    distinguished: 'recoverableitemsroot',
    displayName: 'Recoverable Items',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'recoverableitemsdeletions',
    parent: 'recoverableitemsroot',
    distinguished: 'recoverableitemsdeletions',
    displayName: 'Deletions',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'recoverableitemsdiscoveryholds',
    parent: 'recoverableitemsroot',
    distinguished: 'recoverableitemsdiscoveryholds',
    displayName: 'DiscoveryHolds',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'recoverableitemspurges',
    parent: 'recoverableitemsroot',
    distinguished: 'recoverableitemspurges',
    displayName: 'Purges',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'recoverableitemsversions',
    parent: 'recoverableitemsroot',
    distinguished: 'recoverableitemsversions',
    displayName: 'Versions',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'schedule',
    parent: 'root',
    displayName: 'Schedule',
    folderClass: 'IPF.Note',
    element: 't:Folder',
    hidden: true,
  },
  {
    name: 'msgfolderroot',
    parent: 'root',
    distinguished: 'msgfolderroot',
    displayName: 'Top of Information Store',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'calendar',
    parent: 'msgfolderroot',
    distinguished: 'calendar',
    displayName: 'Calendar',
    folderClass: 'IPF.Appointment',
    element: 't:CalendarFolder',
  },
  {
    name: 'contacts',
    parent: 'msgfolderroot',
    distinguished: 'contacts',
    displayName: 'Contacts',
    folderClass: 'IPF.Contact',
    element: 't:ContactsFolder',
  },
  {
    name: 'imcontactlist',
    parent: 'contacts',
    distinguished: 'imcontactlist',
    displayName: '{06967759-274D-40B2-A3EB-D7F9E73727D7}',
    folderClass: 'IPF.Contact.MOC.ImContactList',
    element: 't:ContactsFolder',
    hidden: true,
  },
  {
    name: 'lynccontacts',
    parent: 'contacts',
    distinguished: 'quickcontacts',
    displayName: 'Lync Contacts',
    folderClass: 'IPF.Contact.MOC.QuickContacts',
    element: 't:ContactsFolder',
  },
  {
    name: 'recipientcache',
    parent: 'contacts',
    distinguished: 'recipientcache',
    displayName: 'Recipient Cache',
    folderClass: 'IPF.Contact.RecipientCache',
    element: 't:ContactsFolder',
    hidden: true,
  },
  {
    name: 'conversationhistory',
    parent: 'msgfolderroot',
    distinguished: 'conversationhistory',
    displayName: 'Conversation History',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'deleteditems',
    parent: 'msgfolderroot',
    distinguished: 'deleteditems',
    displayName: 'Deleted Items',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'drafts',
    parent: 'msgfolderroot',
    distinguished: 'drafts',
    displayName: 'Drafts',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'inbox',
    parent: 'msgfolderroot',
    distinguished: 'inbox',
    displayName: 'Inbox',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'journal',
    parent: 'msgfolderroot',
    distinguished: 'journal',
    displayName: 'Journal',
    folderClass: 'IPF.Journal',
    element: 't:Folder',
  },
  {
    name: 'junkemail',
    parent: 'msgfolderroot',
    distinguished: 'junkemail',
    displayName: 'Junk Email',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'notes',
    parent: 'msgfolderroot',
    distinguished: 'notes',
    displayName: 'Notes',
    folderClass: 'IPF.StickyNote',
    element: 't:Folder',
  },
  {
    name: 'outbox',
    parent: 'msgfolderroot',
    distinguished: 'outbox',
    displayName: 'Outbox',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'sentitems',
    parent: 'msgfolderroot',
    distinguished: 'sentitems',
    displayName: 'Sent Items',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'syncissues',
    parent: 'msgfolderroot',
    distinguished: 'syncissues',
    displayName: 'Sync Issues',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'conflicts',
    parent: 'syncissues',
    distinguished: 'conflicts',
    displayName: 'Conflicts',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'localfailures',
    parent: 'syncissues',
    distinguished: 'localfailures',
    displayName: 'Local Failures',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'serverfailures',
    parent: 'syncissues',
    distinguished: 'serverfailures',
    displayName: 'Server Failures',
    folderClass: 'IPF.Note',
    element: 't:Folder',
  },
  {
    name: 'tasks',
    parent: 'msgfolderroot',
    distinguished: 'tasks',
    displayName: 'Tasks',
    folderClass: 'IPF.Task',
    element: 't:TasksFolder',
  },
] as const satisfies readonly FolderSpec[];

export type FolderName = (typeof FOLDER_SPECS)[number]['name'];
type FolderDef = FolderSpec & { name: FolderName; parent?: FolderName };
const FOLDERS: readonly FolderDef[] = FOLDER_SPECS;

/** Every DistinguishedFolderId value a client may send that this mailbox answers. */
export const DISTINGUISHED_FOLDER_IDS: readonly string[] = FOLDERS.flatMap((f) =>
  f.distinguished ? [f.distinguished] : [],
);

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
    // Ids in the schema's enumeration this mailbox has no folder for (publicfoldersroot, the
    // archive* ones without an archive mailbox, adminauditlogs, directory…) are not found, as
    // are ids outside it.
    const def = FOLDERS.find((f) => f.distinguished === id);
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
    case 'mycontacts':
      // My Contacts is a search folder over the contacts folders: here, the Lync Contacts.
      return ref.owner.imList.personas.length;
    default:
      return 0;
  }
}

function childDefs(name: FolderName, deep: boolean): FolderDef[] {
  const direct = FOLDERS.filter((f) => f.parent === name);
  return deep ? direct.flatMap((f) => [f, ...childDefs(f.name, true)]) : direct;
}

/** Every folder under a folder, depth first in display order, that this mailbox has (SyncFolderHierarchy). */
export function folderDescendants(ref: FolderRef): FolderRef[] {
  return childDefs(ref.def.name, true)
    .filter((def) => exists(ref.owner, def))
    .map((def) => ({ owner: ref.owner, def }));
}

// ---------------------------------------------------------------- shapes

/** The folder properties this server can return, in the schema's element order. */
type FolderField =
  | 'FolderId'
  | 'ParentFolderId'
  | 'FolderClass'
  | 'DisplayName'
  | 'TotalCount'
  | 'ChildFolderCount'
  | 'UnreadCount';

const FIELD_ORDER: readonly FolderField[] = [
  'FolderId',
  'ParentFolderId',
  'FolderClass',
  'DisplayName',
  'TotalCount',
  'ChildFolderCount',
  'UnreadCount',
];

const BASE_SHAPES: Readonly<Record<string, readonly FolderField[]>> = {
  IdOnly: ['FolderId'],
  Default: ['FolderId', 'DisplayName', 'TotalCount', 'ChildFolderCount', 'UnreadCount'],
  AllProperties: FIELD_ORDER,
};

/** folder:* FieldURIs this server knows; others in the folder namespace are simply absent. */
const FIELD_URIS: Readonly<Record<string, FolderField>> = {
  'folder:FolderId': 'FolderId',
  'folder:ParentFolderId': 'ParentFolderId',
  'folder:FolderClass': 'FolderClass',
  'folder:DisplayName': 'DisplayName',
  'folder:TotalCount': 'TotalCount',
  'folder:ChildFolderCount': 'ChildFolderCount',
  'folder:UnreadCount': 'UnreadCount',
};

type PropertyType = 'String' | 'Integer' | 'Boolean';

export interface FolderShape {
  fields: ReadonlySet<FolderField>;
  extended: readonly ExtendedPath[];
}

const PR_ATTR_HIDDEN = 0x10f4;
const PR_DISPLAY_NAME = 0x3001;
const PR_FOLDER_TYPE = 0x3601;
const PR_CONTENT_COUNT = 0x3602;
const PR_CONTENT_UNREAD = 0x3603;
const PR_SUBFOLDERS = 0x360a;
const PR_CONTAINER_CLASS = 0x3613;
const PR_FOLDER_CHILD_COUNT = 0x6638;

/** FOLDER_ROOT / FOLDER_GENERIC / FOLDER_SEARCH, as PR_FOLDER_TYPE holds them. */
function folderType(def: FolderDef): number {
  if (def.name === 'root') return 0;
  return def.element === 't:SearchFolder' ? 2 : 1;
}

/** The value of a MAPI property on a folder, typed; undefined when the folder has none. */
function tagValue(ref: FolderRef, key: string): { type: PropertyType; value: string } | undefined {
  const { def } = ref;
  const tag = key.startsWith('tag:') ? Number.parseInt(key.slice(4), 16) : -1;
  const kids = childDefs(def.name, false).length;
  switch (tag) {
    case PR_CONTAINER_CLASS:
      return def.folderClass === undefined ? undefined : { type: 'String', value: def.folderClass };
    case PR_DISPLAY_NAME:
      return { type: 'String', value: def.displayName };
    case PR_FOLDER_TYPE:
      return { type: 'Integer', value: String(folderType(def)) };
    case PR_CONTENT_COUNT:
      return { type: 'Integer', value: String(totalCount(ref)) };
    case PR_CONTENT_UNREAD:
      return { type: 'Integer', value: '0' };
    case PR_SUBFOLDERS:
      return { type: 'Boolean', value: kids > 0 ? 'true' : 'false' };
    case PR_FOLDER_CHILD_COUNT:
      return { type: 'Integer', value: String(kids) };
    case PR_ATTR_HIDDEN:
      return { type: 'Boolean', value: def.hidden ? 'true' : 'false' };
    default:
      return undefined;
  }
}

/** The m:FolderShape of a request; an error for a shape or a property path that is not valid here. */
export function readShape(req: XNode): FolderShape | EwsError {
  const shapeNode = child(req, 'FolderShape');
  const base = textAt(shapeNode, 'BaseShape') ?? 'Default';
  const baseFields = Object.hasOwn(BASE_SHAPES, base) ? BASE_SHAPES[base] : undefined;
  if (!baseFields) return new EwsError('ErrorInvalidRequest', `The base shape '${base}' is not valid.`);
  const fields = new Set<FolderField>(baseFields);
  const paths = readAdditionalProperties(children(child(shapeNode, 'AdditionalProperties')));
  if (paths instanceof EwsError) return paths;
  const extended: ExtendedPath[] = [];
  for (const p of paths) {
    if (p.kind === 'field') {
      if (!p.uri.startsWith('folder:')) return new EwsError('ErrorInvalidPropertyRequest');
      const field = Object.hasOwn(FIELD_URIS, p.uri) ? FIELD_URIS[p.uri] : undefined;
      if (field) fields.add(field);
    } else if (p.kind === 'extended') {
      // Named properties: none on these folders, so they are absent.
      extended.push(p);
    }
    // IndexedFieldURI names item properties (addresses, phones): folders have none.
  }
  return { fields, extended };
}

/** Which of the schema's folder types carry UnreadCount (FolderType and SearchFolderType). */
function hasUnreadCount(def: FolderDef): boolean {
  return def.element === 't:Folder' || def.element === 't:SearchFolder';
}

export function folderXml(ref: FolderRef, shape: FolderShape): string {
  const { def, owner } = ref;
  const want = (f: FolderField): boolean => shape.fields.has(f);
  const changeKey = encodeChangeKey('folder', '1');
  const extended = extendedPropertiesXml(shape.extended, (key) => tagValue(ref, key));
  return el(
    def.element,
    undefined,
    want('FolderId') ? el('t:FolderId', { Id: folderId(owner, def.name), ChangeKey: changeKey }) : '',
    want('ParentFolderId') && def.parent
      ? el('t:ParentFolderId', { Id: folderId(owner, def.parent), ChangeKey: changeKey })
      : '',
    want('FolderClass') && def.folderClass !== undefined ? leaf('t:FolderClass', def.folderClass) : '',
    want('DisplayName') ? leaf('t:DisplayName', def.displayName) : '',
    want('TotalCount') ? leaf('t:TotalCount', totalCount(ref)) : '',
    want('ChildFolderCount') ? leaf('t:ChildFolderCount', childDefs(def.name, false).length) : '',
    extended,
    want('UnreadCount') && hasUnreadCount(def) ? leaf('t:UnreadCount', 0) : '',
  );
}

// ---------------------------------------------------------------- operations

export function getFolder(ctx: RequestContext, req: XNode): string {
  const shape = readShape(req);
  const ids = children(child(req, 'FolderIds'));
  const messages = ids.map((node) => {
    if (shape instanceof EwsError) return errorMessage('GetFolder', shape);
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
  const shape = readShape(req);
  const deep = req.attrs.Traversal === 'Deep';
  const parents = children(child(req, 'ParentFolderIds'));
  const messages = parents.map((node) => {
    if (shape instanceof EwsError) return errorMessage('FindFolder', shape);
    const ref = resolveFolder(ctx, node);
    if (ref instanceof EwsError) return errorMessage('FindFolder', ref);
    const all = childDefs(ref.def.name, deep).filter((def) => exists(ref.owner, def));
    const page = pageOf(readPagingView(req, 'Folder'), all.length);
    if (page instanceof EwsError) return errorMessage('FindFolder', page);
    const kids = all.slice(page.from, page.to).map((def) => folderXml({ owner: ref.owner, def }, shape));
    const root = el('m:RootFolder', page.attrs, el('t:Folders', undefined, ...kids));
    return responseMessage('FindFolder', 'Success', 'NoError', root);
  });
  return batchResponse('FindFolder', messages);
}
