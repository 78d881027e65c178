/**
 * Message items: the Conversation History folder (Lync's transcripts), the voicemail search
 * folder (the inbox's IPM.Note.Microsoft.Voicemail* items), the inbox and Deleted Items.
 * FindItem (Shallow; indexed or fractional paging, SortOrder and Restriction through the shared
 * paging.ts / restriction.ts, newest first by default; QueryString terms), GetItem (HTML or
 * text body, attachments), GetAttachment (file attachments, base64), UpdateItem (SetItemField
 * message:IsRead) and DeleteItem (MoveToDeletedItems, SoftDelete, HardDelete).
 *
 * `withMailItems` sits in front of the calendar handlers in the operation table: a request whose
 * folders or ids are all mail goes here, anything else to the handler it wraps (a request mixing
 * both goes there too).
 */
import { MAIL_ID_PREFIX, mailOf, renderWav } from '../org/history';
import type { MailAddress, MailItem, Person } from '../org/types';
import { decodeChangeKey, decodeId, encodeChangeKey, encodeId, nextChangeKey } from './ids';
import { folderId, resolveFolder, type FolderName } from './folders';
import { EwsError, batchResponse, errorMessage, responseMessage, type RequestContext } from './soap';
import { FIND_COUNT_LIMIT, pageOf, readPagingView } from './paging';
import {
  extendedPropertiesXml,
  readAdditionalProperties,
  tagKey,
  type ExtendedPath,
  type ExtendedValue,
} from './properties';
import {
  compileRestriction,
  compileSort,
  extendedField,
  type Comparator,
  type FieldDef,
  type FieldResolver,
  type SortKey,
} from './restriction';
import { formatUtc } from './tz';
import { child, children, el, leaf, textAt, type XNode } from './xml';

type Handler = (ctx: RequestContext, req: XNode) => string;

/** Folders whose items live here. */
const MAIL_FOLDERS: readonly FolderName[] = ['conversationhistory', 'voicemail', 'inbox', 'deleteditems'];
const PREVIEW_MAX = 255;

const PR_MESSAGE_CLASS = 0x001a;
const PR_SUBJECT = 0x0037;
const PR_MESSAGE_DELIVERY_TIME = 0x0e06;
const PR_HASATTACH = 0x0e1b;
const PR_CREATION_TIME = 0x3007;
const PR_VOICE_MESSAGE_DURATION = 0x6801;
const PR_SENDER_TELEPHONE_NUMBER = 0x6802;
const PR_VOICE_MESSAGE_SENDER_NAME = 0x6803;

// ---------------------------------------------------------------- dispatch

function isMailId(wire: string | undefined): boolean {
  const d = decodeId(wire ?? '');
  return d?.kind === 'item' && d.id.startsWith(MAIL_ID_PREFIX);
}

function requestIds(op: string, req: XNode): XNode[] {
  if (op === 'UpdateItem') {
    return children(child(req, 'ItemChanges'), 'ItemChange').flatMap((c) => children(c, 'ItemId'));
  }
  return children(child(req, 'ItemIds'));
}

function isForMail(op: string, ctx: RequestContext, req: XNode): boolean {
  if (op === 'FindItem') {
    const parents = children(child(req, 'ParentFolderIds'));
    return (
      parents.length > 0 &&
      parents.every((p) => {
        const ref = resolveFolder(ctx, p);
        return !(ref instanceof EwsError) && MAIL_FOLDERS.includes(ref.def.name);
      })
    );
  }
  const ids = requestIds(op, req);
  return ids.length > 0 && ids.every((n) => isMailId(n.attrs.Id));
}

const HANDLERS: Record<'FindItem' | 'GetItem' | 'DeleteItem' | 'UpdateItem', Handler> = {
  FindItem: findMailItems,
  GetItem: getMailItems,
  DeleteItem: deleteMailItems,
  UpdateItem: updateMailItems,
};

/** The operation for mail requests, `fallback` (or "not supported") for the others. */
export function withMailItems(op: keyof typeof HANDLERS, fallback?: Handler): Handler {
  return (ctx, req) => {
    if (isForMail(op, ctx, req)) return HANDLERS[op](ctx, req);
    if (fallback) return fallback(ctx, req);
    const ids = requestIds(op, req);
    return batchResponse(
      op,
      (ids.length > 0 ? ids : [req]).map(() =>
        errorMessage(
          op,
          new EwsError('ErrorInvalidRequest', `This server answers ${op} only for message items.`),
        ),
      ),
    );
  };
}

// ---------------------------------------------------------------- lookup

interface Found {
  owner: Person;
  item: MailItem;
}

function lookup(ctx: RequestContext, idNode: XNode): Found | EwsError {
  const wire = idNode.attrs.Id ?? '';
  if (wire === '') return new EwsError('ErrorInvalidIdEmpty');
  const d = decodeId(wire);
  if (!d || d.kind !== 'item') return new EwsError('ErrorInvalidIdMalformed');
  const owner = ctx.call.org.people.find((p) => p.id === d.owner);
  if (!owner) return new EwsError('ErrorItemNotFound');
  if (owner.id !== ctx.mailbox.id) return new EwsError('ErrorAccessDenied');
  const item = mailOf(ctx.call.org, owner).find((m) => m.id === d.id);
  return item ? { owner, item } : new EwsError('ErrorItemNotFound');
}

function changeKeyMatches(idNode: XNode, item: MailItem): boolean {
  const ck = idNode.attrs.ChangeKey;
  return ck === undefined || ck === '' || decodeChangeKey(ck) === item.changeKey;
}

export function inFolder(item: MailItem, folder: FolderName): boolean {
  if (folder === 'voicemail')
    return item.folder === 'inbox' && item.itemClass.startsWith('IPM.Note.Microsoft.Voicemail');
  return item.folder === folder;
}

// ---------------------------------------------------------------- text

function htmlText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function preview(item: MailItem): string {
  const text = htmlText(item.body).replace(/\s+/g, ' ');
  return text.length > PREVIEW_MAX ? text.slice(0, PREVIEW_MAX) : text;
}

// ---------------------------------------------------------------- shapes

type Prop =
  | 'ParentFolderId'
  | 'ItemClass'
  | 'Subject'
  | 'Sensitivity'
  | 'Body'
  | 'Attachments'
  | 'DateTimeReceived'
  | 'Size'
  | 'Importance'
  | 'DateTimeSent'
  | 'DateTimeCreated'
  | 'DisplayTo'
  | 'HasAttachments'
  | 'Preview'
  | 'Sender'
  | 'ToRecipients'
  | 'From'
  | 'IsRead';

/** Schema order (ItemType, then MessageType). */
const PROP_ORDER: readonly Prop[] = [
  'ParentFolderId',
  'ItemClass',
  'Subject',
  'Sensitivity',
  'Body',
  'Attachments',
  'DateTimeReceived',
  'Size',
  'Importance',
  'DateTimeSent',
  'DateTimeCreated',
  'DisplayTo',
  'HasAttachments',
  'Preview',
  'Sender',
  'ToRecipients',
  'From',
  'IsRead',
];

const FIELD_URI: Readonly<Record<string, Prop>> = {
  'item:ParentFolderId': 'ParentFolderId',
  'item:ItemClass': 'ItemClass',
  'item:Subject': 'Subject',
  'item:Sensitivity': 'Sensitivity',
  'item:Body': 'Body',
  'item:Attachments': 'Attachments',
  'item:DateTimeReceived': 'DateTimeReceived',
  'item:Size': 'Size',
  'item:Importance': 'Importance',
  'item:DateTimeSent': 'DateTimeSent',
  'item:DateTimeCreated': 'DateTimeCreated',
  'item:DisplayTo': 'DisplayTo',
  'item:HasAttachments': 'HasAttachments',
  'item:Preview': 'Preview',
  'message:Sender': 'Sender',
  'message:ToRecipients': 'ToRecipients',
  'message:From': 'From',
  'message:IsRead': 'IsRead',
};

const DEFAULT_PROPS: readonly Prop[] = [
  'ParentFolderId',
  'ItemClass',
  'Subject',
  'Sensitivity',
  'DateTimeReceived',
  'Size',
  'Importance',
  'DateTimeSent',
  'DateTimeCreated',
  'DisplayTo',
  'HasAttachments',
  'Sender',
  'From',
  'IsRead',
];
/** FindItem cannot return these (ErrorInvalidPropertyRequest), as on Exchange. */
const NOT_IN_FIND: readonly Prop[] = ['Body', 'Attachments', 'ToRecipients'];

interface Shape {
  props: Set<Prop>;
  bodyType: 'HTML' | 'Text';
  extended: ExtendedPath[];
}

function readShape(node: XNode | undefined, forFind: boolean): Shape | EwsError {
  const base = textAt(node, 'BaseShape') ?? 'Default';
  if (!['IdOnly', 'Default', 'AllProperties'].includes(base))
    return new EwsError('ErrorInvalidRequest', `The base shape '${base}' is not valid.`);
  const all = forFind ? PROP_ORDER.filter((p) => !NOT_IN_FIND.includes(p)) : PROP_ORDER;
  const props = new Set<Prop>(
    base === 'IdOnly'
      ? []
      : base === 'AllProperties'
        ? all
        : forFind
          ? DEFAULT_PROPS
          : [...DEFAULT_PROPS, 'Body', 'Attachments', 'ToRecipients'],
  );
  const paths = readAdditionalProperties(children(child(node, 'AdditionalProperties')));
  if (paths instanceof EwsError) return paths;
  const extended: ExtendedPath[] = [];
  for (const path of paths) {
    if (path.kind === 'extended') extended.push(path);
    if (path.kind !== 'field') continue;
    // A property messages do not have here is simply absent.
    const prop = Object.hasOwn(FIELD_URI, path.uri) ? FIELD_URI[path.uri] : undefined;
    if (!prop) continue;
    if (forFind && NOT_IN_FIND.includes(prop)) return new EwsError('ErrorInvalidPropertyRequest');
    props.add(prop);
  }
  return { props, bodyType: textAt(node, 'BodyType') === 'Text' ? 'Text' : 'HTML', extended };
}

function mailboxXml(a: MailAddress): string {
  return el(
    't:Mailbox',
    undefined,
    leaf('t:Name', a.name),
    a.smtp !== undefined ? leaf('t:EmailAddress', a.smtp) : '',
    leaf('t:RoutingType', a.smtp !== undefined ? 'SMTP' : 'UM'),
    leaf('t:MailboxType', a.smtp !== undefined ? 'Mailbox' : 'OneOff'),
  );
}

function attachmentId(owner: Person, item: MailItem): string {
  return encodeId('attachment', owner.id, `${item.id}#0`);
}

function audioSize(item: MailItem): number {
  const ms = item.voice?.audio.ms ?? 0;
  return 44 + Math.max(1, Math.round((8000 * ms) / 1000)) * 2;
}

/** The MAPI properties a message has, by extended key (properties.ts). */
function extendedValue(item: MailItem, key: string): ExtendedValue | undefined {
  const received = formatUtc(Date.parse(item.received));
  const v = item.voice;
  switch (key) {
    case tagKey(PR_SUBJECT):
      return { type: 'String', value: item.subject };
    case tagKey(PR_MESSAGE_CLASS):
      return { type: 'String', value: item.itemClass };
    case tagKey(PR_MESSAGE_DELIVERY_TIME):
    case tagKey(PR_CREATION_TIME):
      return { type: 'SystemTime', value: received };
    case tagKey(PR_HASATTACH):
      return { type: 'Boolean', value: String(v !== undefined) };
    case tagKey(PR_VOICE_MESSAGE_DURATION):
      return v ? { type: 'Integer', value: String(v.durationSeconds) } : undefined;
    case tagKey(PR_SENDER_TELEPHONE_NUMBER):
      return v?.callerPhone !== undefined ? { type: 'String', value: v.callerPhone } : undefined;
    case tagKey(PR_VOICE_MESSAGE_SENDER_NAME):
      return v ? { type: 'String', value: item.from.name } : undefined;
    default:
      return undefined;
  }
}

function itemXml(owner: Person, item: MailItem, shape: Shape): string {
  const parent: FolderName = item.folder;
  const received = formatUtc(Date.parse(item.received));
  const size = Buffer.byteLength(item.body) + (item.voice ? audioSize(item) : 0) + 512;
  const writers: Record<Prop, () => string> = {
    ParentFolderId: () =>
      el('t:ParentFolderId', { Id: folderId(owner, parent), ChangeKey: encodeChangeKey('folder', '1') }),
    ItemClass: () => leaf('t:ItemClass', item.itemClass),
    Subject: () => leaf('t:Subject', item.subject),
    Sensitivity: () => leaf('t:Sensitivity', 'Normal'),
    Body: () =>
      shape.bodyType === 'Text'
        ? leaf('t:Body', htmlText(item.body), { BodyType: 'Text' })
        : leaf('t:Body', item.body, { BodyType: 'HTML' }),
    Attachments: () =>
      item.voice
        ? el(
            't:Attachments',
            undefined,
            el(
              't:FileAttachment',
              undefined,
              el('t:AttachmentId', { Id: attachmentId(owner, item) }),
              leaf('t:Name', item.voice.audio.name),
              leaf('t:ContentType', 'audio/wav'),
              leaf('t:Size', audioSize(item)),
              leaf('t:LastModifiedTime', received),
              leaf('t:IsInline', false),
              leaf('t:IsContactPhoto', false),
            ),
          )
        : '',
    DateTimeReceived: () => leaf('t:DateTimeReceived', received),
    Size: () => leaf('t:Size', size),
    Importance: () => leaf('t:Importance', 'Normal'),
    DateTimeSent: () => leaf('t:DateTimeSent', received),
    DateTimeCreated: () => leaf('t:DateTimeCreated', received),
    DisplayTo: () => leaf('t:DisplayTo', item.to.map((a) => a.name).join('; ')),
    HasAttachments: () => leaf('t:HasAttachments', item.voice !== undefined),
    Preview: () => leaf('t:Preview', preview(item)),
    Sender: () => el('t:Sender', undefined, mailboxXml(item.from)),
    ToRecipients: () => el('t:ToRecipients', undefined, ...item.to.map(mailboxXml)),
    From: () => el('t:From', undefined, mailboxXml(item.from)),
    IsRead: () => leaf('t:IsRead', item.isRead),
  };
  const parts = [
    el('t:ItemId', {
      Id: encodeId('item', owner.id, item.id),
      ChangeKey: encodeChangeKey('item', item.changeKey),
    }),
  ];
  for (const prop of PROP_ORDER) {
    // ExtendedProperty sits between HasAttachments and Preview in ItemType.
    if (prop === 'Preview') parts.push(extendedPropertiesXml(shape.extended, (k) => extendedValue(item, k)));
    if (shape.props.has(prop)) parts.push(writers[prop]());
  }
  return el('t:Message', undefined, ...parts);
}

// ---------------------------------------------------------------- restrictions

type Predicate = (item: MailItem) => boolean;

const MAIL_FIELDS: Readonly<Record<string, FieldDef<MailItem>>> = {
  'item:Subject': { kind: 'string', get: (i) => i.subject },
  'item:Body': { kind: 'string', get: (i) => htmlText(i.body) },
  'item:ItemClass': { kind: 'string', get: (i) => i.itemClass },
  'message:IsRead': { kind: 'boolean', get: (i) => i.isRead },
  'item:DateTimeReceived': { kind: 'date', get: (i) => i.received },
  'item:DateTimeSent': { kind: 'date', get: (i) => i.received },
  'item:DateTimeCreated': { kind: 'date', get: (i) => i.received },
  'item:HasAttachments': { kind: 'boolean', get: (i) => i.voice !== undefined },
  'message:From': { kind: 'string', get: (i) => `${i.from.name} ${i.from.smtp ?? ''}` },
  'message:Sender': { kind: 'string', get: (i) => `${i.from.name} ${i.from.smtp ?? ''}` },
};

const resolveMailField: FieldResolver<MailItem> = (path) =>
  path.kind === 'field'
    ? Object.hasOwn(MAIL_FIELDS, path.uri)
      ? MAIL_FIELDS[path.uri]
      : undefined
    : extendedField(path, extendedValue);

/** AQS as far as plain terms and "quoted phrases" go: every term in subject, body or names. */
function queryPredicate(query: string): Predicate {
  const terms = [...query.matchAll(/"([^"]+)"|(\S+)/g)]
    .map((m) => (m[1] ?? m[2] ?? '').toLowerCase())
    .filter((t) => t !== '' && !['and', 'or'].includes(t));
  return (i) => {
    const hay =
      `${i.subject}\n${htmlText(i.body)}\n${i.from.name}\n${i.to.map((a) => a.name).join(' ')}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  };
}

// ---------------------------------------------------------------- FindItem

const NEWEST_FIRST: readonly SortKey[] = [
  { path: { kind: 'field', uri: 'item:DateTimeReceived' }, descending: true },
];

function sorter(req: XNode): Comparator<MailItem> | EwsError {
  return compileSort(child(req, 'SortOrder'), resolveMailField, NEWEST_FIRST, (a, b) =>
    a.id.localeCompare(b.id),
  );
}

function findMailItems(ctx: RequestContext, req: XNode): string {
  const shape = readShape(child(req, 'ItemShape'), true);
  const traversal = req.attrs.Traversal ?? 'Shallow';
  const restriction = children(child(req, 'Restriction'))[0];
  const query = textAt(req, 'QueryString');
  const parents = children(child(req, 'ParentFolderIds'));
  const messages = parents.map((node) => {
    if (shape instanceof EwsError) return errorMessage('FindItem', shape);
    if (traversal !== 'Shallow')
      return errorMessage(
        'FindItem',
        new EwsError('ErrorInvalidRequest', `Traversal ${traversal} is not supported for this folder.`),
      );
    if (restriction && query !== undefined)
      return errorMessage(
        'FindItem',
        new EwsError('ErrorInvalidRequest', 'QueryString cannot be combined with Restriction.'),
      );
    const ref = resolveFolder(ctx, node);
    if (ref instanceof EwsError) return errorMessage('FindItem', ref);
    const filters: Predicate[] = [];
    if (restriction) {
      const p = compileRestriction(restriction, resolveMailField);
      if (p instanceof EwsError) return errorMessage('FindItem', p);
      filters.push(p);
    }
    if (query !== undefined && query.trim() !== '') filters.push(queryPredicate(query));
    const order = sorter(req);
    if (order instanceof EwsError) return errorMessage('FindItem', order);
    const items = mailOf(ctx.call.org, ref.owner)
      .filter((i) => inFolder(i, ref.def.name) && filters.every((f) => f(i)))
      .sort(order);
    const page = pageOf(readPagingView(req, 'Item'), items.length, FIND_COUNT_LIMIT);
    if (page instanceof EwsError) return errorMessage('FindItem', page);
    const root = el(
      'm:RootFolder',
      page.attrs,
      el('t:Items', undefined, ...items.slice(page.from, page.to).map((i) => itemXml(ref.owner, i, shape))),
    );
    return responseMessage('FindItem', 'Success', 'NoError', root);
  });
  return batchResponse('FindItem', messages);
}

// ---------------------------------------------------------------- GetItem

function getMailItems(ctx: RequestContext, req: XNode): string {
  const shape = readShape(child(req, 'ItemShape'), false);
  const messages = children(child(req, 'ItemIds')).map((node) => {
    if (shape instanceof EwsError) return errorMessage('GetItem', shape);
    const found = lookup(ctx, node);
    if (found instanceof EwsError) return errorMessage('GetItem', found);
    return responseMessage(
      'GetItem',
      'Success',
      'NoError',
      el('m:Items', undefined, itemXml(found.owner, found.item, shape)),
    );
  });
  return batchResponse('GetItem', messages);
}

// ---------------------------------------------------------------- GetAttachment

export function getAttachment(ctx: RequestContext, req: XNode): string {
  const messages = children(child(req, 'AttachmentIds')).map((node) => {
    const wire = node.attrs.Id ?? '';
    if (wire === '') return errorMessage('GetAttachment', new EwsError('ErrorInvalidIdEmpty'));
    const d = decodeId(wire);
    if (!d || d.kind !== 'attachment')
      return errorMessage('GetAttachment', new EwsError('ErrorInvalidIdMalformed'));
    if (d.owner !== ctx.mailbox.id) return errorMessage('GetAttachment', new EwsError('ErrorAccessDenied'));
    const [itemId, index] = d.id.split('#');
    const item = mailOf(ctx.call.org, ctx.mailbox).find((m) => m.id === itemId);
    if (!item) return errorMessage('GetAttachment', new EwsError('ErrorItemNotFound'));
    if (!item.voice || index !== '0')
      return errorMessage(
        'GetAttachment',
        new EwsError('ErrorInvalidAttachmentId', 'The attachment id is not valid.'),
      );
    const bytes = renderWav(item.voice.audio);
    const att = el(
      't:FileAttachment',
      undefined,
      el('t:AttachmentId', { Id: wire }),
      leaf('t:Name', item.voice.audio.name),
      leaf('t:ContentType', 'audio/wav'),
      leaf('t:Size', bytes.length),
      leaf('t:LastModifiedTime', formatUtc(Date.parse(item.received))),
      leaf('t:IsInline', false),
      leaf('t:IsContactPhoto', false),
      leaf('t:Content', Buffer.from(bytes).toString('base64')),
    );
    return responseMessage('GetAttachment', 'Success', 'NoError', el('m:Attachments', undefined, att));
  });
  return batchResponse('GetAttachment', messages);
}

// ---------------------------------------------------------------- UpdateItem

function updateMailItems(ctx: RequestContext, req: XNode): string {
  const disposition = req.attrs.MessageDisposition;
  const resolution = req.attrs.ConflictResolution ?? 'AutoResolve';
  const changes = children(child(req, 'ItemChanges'), 'ItemChange');
  const messages = changes.map((change) => {
    if (disposition === undefined)
      return errorMessage('UpdateItem', new EwsError('ErrorMessageDispositionRequired'));
    const idNode = child(change, 'ItemId');
    if (!idNode) return errorMessage('UpdateItem', new EwsError('ErrorInvalidIdEmpty'));
    const found = lookup(ctx, idNode);
    if (found instanceof EwsError) return errorMessage('UpdateItem', found);
    if (resolution !== 'AlwaysOverwrite' && !changeKeyMatches(idNode, found.item))
      return errorMessage('UpdateItem', new EwsError('ErrorIrresolvableConflict'));
    let isRead: boolean | undefined;
    for (const u of children(child(change, 'Updates'))) {
      const uri = child(u, 'FieldURI')?.attrs.FieldURI;
      if (u.local !== 'SetItemField' || uri !== 'message:IsRead')
        return errorMessage(
          'UpdateItem',
          new EwsError('ErrorInvalidPropertySet', 'This server updates only message:IsRead.'),
        );
      const value = textAt(u, 'Message', 'IsRead');
      if (value !== 'true' && value !== 'false')
        return errorMessage(
          'UpdateItem',
          new EwsError('ErrorInvalidValueForProperty', 'IsRead must be true or false.'),
        );
      isRead = value === 'true';
    }
    if (isRead !== undefined && isRead !== found.item.isRead) {
      found.item.isRead = isRead;
      found.item.changeKey = nextChangeKey(found.item.changeKey);
    }
    const idXml = el(
      't:Message',
      undefined,
      el('t:ItemId', {
        Id: encodeId('item', found.owner.id, found.item.id),
        ChangeKey: encodeChangeKey('item', found.item.changeKey),
      }),
    );
    return responseMessage(
      'UpdateItem',
      'Success',
      'NoError',
      el('m:Items', undefined, idXml) + el('m:ConflictResults', undefined, leaf('t:Count', 0)),
    );
  });
  return batchResponse('UpdateItem', messages);
}

// ---------------------------------------------------------------- DeleteItem

function deleteMailItems(ctx: RequestContext, req: XNode): string {
  const deleteType = req.attrs.DeleteType;
  const messages = children(child(req, 'ItemIds')).map((node) => {
    if (!deleteType || !['HardDelete', 'SoftDelete', 'MoveToDeletedItems'].includes(deleteType))
      return errorMessage('DeleteItem', new EwsError('ErrorInvalidRequest', 'DeleteType is required.'));
    const found = lookup(ctx, node);
    if (found instanceof EwsError) return errorMessage('DeleteItem', found);
    const list = mailOf(ctx.call.org, found.owner);
    if (deleteType === 'MoveToDeletedItems' && found.item.folder !== 'deleteditems') {
      found.item.folder = 'deleteditems';
      found.item.changeKey = nextChangeKey(found.item.changeKey);
    } else {
      list.splice(list.indexOf(found.item), 1);
    }
    return responseMessage('DeleteItem', 'Success', 'NoError');
  });
  return batchResponse('DeleteItem', messages);
}
