/**
 * Message items: the Conversation History folder (Lync's transcripts), the voicemail search
 * folder (the inbox's IPM.Note.Microsoft.Voicemail* items), the inbox and Deleted Items.
 * FindItem (Shallow; IndexedPageItemView; SortOrder on DateTimeReceived or Subject, newest first
 * by default; Restriction And/Or/Not/Contains/IsEqualTo…; QueryString terms), GetItem (HTML or
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
import { formatUtc } from './tz';
import { child, children, el, leaf, textAt, type XNode } from './xml';

type Handler = (ctx: RequestContext, req: XNode) => string;

/** Folders whose items live here. */
const MAIL_FOLDERS: readonly FolderName[] = ['conversationhistory', 'voicemail', 'inbox', 'deleteditems'];
/** EWSFindCountLimit of the default throttling policy. */
const FIND_COUNT_LIMIT = 1000;
const PREVIEW_MAX = 255;

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
  tags: { tag: number; attrs: Record<string, string> }[];
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
  const tags: Shape['tags'] = [];
  for (const p of children(child(node, 'AdditionalProperties'))) {
    if (p.local === 'FieldURI') {
      const prop = FIELD_URI[p.attrs.FieldURI ?? ''];
      if (!prop) continue;
      if (forFind && NOT_IN_FIND.includes(prop)) return new EwsError('ErrorInvalidPropertyRequest');
      props.add(prop);
    } else if (p.local === 'ExtendedFieldURI' && p.attrs.PropertyTag !== undefined) {
      const tag = Number(p.attrs.PropertyTag);
      if (!Number.isInteger(tag) || !p.attrs.PropertyType)
        return new EwsError('ErrorInvalidExtendedProperty', 'The extended property is not valid.');
      tags.push({ tag, attrs: { PropertyTag: p.attrs.PropertyTag, PropertyType: p.attrs.PropertyType } });
    }
  }
  return { props, bodyType: textAt(node, 'BodyType') === 'Text' ? 'Text' : 'HTML', tags };
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

function tagValue(item: MailItem, tag: number): { type: string; value: string } | undefined {
  const v = item.voice;
  if (!v) return undefined;
  if (tag === PR_VOICE_MESSAGE_DURATION) return { type: 'Integer', value: String(v.durationSeconds) };
  if (tag === PR_SENDER_TELEPHONE_NUMBER && v.callerPhone !== undefined)
    return { type: 'String', value: v.callerPhone };
  if (tag === PR_VOICE_MESSAGE_SENDER_NAME) return { type: 'String', value: item.from.name };
  return undefined;
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
    if (prop === 'Preview') parts.push(extendedXml(item, shape));
    if (shape.props.has(prop)) parts.push(writers[prop]());
  }
  return el('t:Message', undefined, ...parts);
}

function extendedXml(item: MailItem, shape: Shape): string {
  return shape.tags
    .map((t) => {
      const v = tagValue(item, t.tag);
      if (!v || v.type !== t.attrs.PropertyType) return '';
      return el('t:ExtendedProperty', undefined, el('t:ExtendedFieldURI', t.attrs), leaf('t:Value', v.value));
    })
    .join('');
}

// ---------------------------------------------------------------- restrictions

type Predicate = (item: MailItem) => boolean;

function fieldText(item: MailItem, uri: string): string | undefined {
  switch (uri) {
    case 'item:Subject':
      return item.subject;
    case 'item:Body':
      return htmlText(item.body);
    case 'item:ItemClass':
      return item.itemClass;
    case 'message:IsRead':
      return String(item.isRead);
    case 'item:DateTimeReceived':
      return item.received;
    case 'message:From':
    case 'message:Sender':
      return `${item.from.name} ${item.from.smtp ?? ''}`;
    default:
      return undefined;
  }
}

const COMPARISONS: Record<string, (cmp: number) => boolean> = {
  IsEqualTo: (c) => c === 0,
  IsNotEqualTo: (c) => c !== 0,
  IsGreaterThan: (c) => c > 0,
  IsGreaterThanOrEqualTo: (c) => c >= 0,
  IsLessThan: (c) => c < 0,
  IsLessThanOrEqualTo: (c) => c <= 0,
};

function compare(uri: string, a: string, b: string): number {
  if (uri === 'item:DateTimeReceived') return Math.sign(Date.parse(a) - Date.parse(b));
  return a.toLowerCase().localeCompare(b.toLowerCase());
}

function readPredicate(node: XNode): Predicate | EwsError {
  if (node.local === 'And' || node.local === 'Or') {
    const parts = children(node).map(readPredicate);
    const bad = parts.find((p): p is EwsError => p instanceof EwsError);
    if (bad) return bad;
    const preds = parts as Predicate[];
    return node.local === 'And' ? (i) => preds.every((p) => p(i)) : (i) => preds.some((p) => p(i));
  }
  if (node.local === 'Not') {
    const inner = children(node)[0];
    if (!inner) return new EwsError('ErrorInvalidRestriction', 'Not needs one expression.');
    const p = readPredicate(inner);
    return p instanceof EwsError ? p : (i) => !p(i);
  }
  const uri = child(node, 'FieldURI')?.attrs.FieldURI ?? '';
  const probe = fieldText(
    {
      id: '',
      changeKey: '',
      folder: 'inbox',
      itemClass: '',
      subject: '',
      body: '',
      received: '',
      from: { name: '' },
      to: [],
      isRead: false,
    },
    uri,
  );
  if (probe === undefined)
    return new EwsError(
      'ErrorUnsupportedPathForQuery',
      `The property path '${uri}' is not supported in a restriction.`,
    );
  if (node.local === 'Contains') {
    const value = child(node, 'Constant')?.attrs.Value ?? '';
    const mode = node.attrs.ContainmentMode ?? 'FullString';
    const ignoreCase = (node.attrs.ContainmentComparison ?? 'Exact').startsWith('Ignore');
    const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
    const want = norm(value);
    return (i) => {
      const have = norm(fieldText(i, uri) ?? '');
      switch (mode) {
        case 'Substring':
          return have.includes(want);
        case 'Prefixed':
          return have.startsWith(want);
        case 'PrefixOnWords':
          return have.split(/\s+/).some((w) => w.startsWith(want));
        case 'ExactPhrase':
          return have.includes(want);
        default:
          return have === want;
      }
    };
  }
  const cmp = COMPARISONS[node.local];
  if (cmp) {
    const value = child(child(node, 'FieldURIOrConstant'), 'Constant')?.attrs.Value;
    if (value === undefined)
      return new EwsError('ErrorInvalidRestriction', `${node.local} needs a constant.`);
    return (i) => cmp(compare(uri, fieldText(i, uri) ?? '', value));
  }
  return new EwsError('ErrorInvalidRestriction', `The restriction '${node.local}' is not supported.`);
}

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

interface Page {
  from: number;
  to: number;
  attrs: Record<string, string | number | boolean>;
}

function pageOf(req: XNode, total: number): Page | EwsError {
  const view = child(req, 'IndexedPageItemView');
  if (!view) {
    const to = Math.min(total, FIND_COUNT_LIMIT);
    return { from: 0, to, attrs: { TotalItemsInView: total, IncludesLastItemInRange: to >= total } };
  }
  const maxText = view.attrs.MaxEntriesReturned;
  const max = maxText === undefined ? FIND_COUNT_LIMIT : Number(maxText);
  if (!Number.isInteger(max) || max <= 0) return new EwsError('ErrorInvalidPagingMaxRows');
  const offset = Number(view.attrs.Offset ?? 'x');
  if (!Number.isInteger(offset) || offset < 0) return new EwsError('ErrorInvalidIndexedPagingParameters');
  const count = Math.min(max, FIND_COUNT_LIMIT);
  const fromEnd = view.attrs.BasePoint === 'End';
  const to = fromEnd ? Math.max(0, total - offset) : Math.min(total, offset + count);
  const from = fromEnd ? Math.max(0, to - count) : Math.min(total, offset);
  return {
    from,
    to,
    attrs: {
      IndexedPagingOffset: fromEnd ? total - from : to,
      TotalItemsInView: total,
      IncludesLastItemInRange: fromEnd ? from === 0 : to >= total,
    },
  };
}

function sorter(req: XNode): ((a: MailItem, b: MailItem) => number) | EwsError {
  const orders = children(child(req, 'SortOrder'), 'FieldOrder');
  const keys = orders.map((o) => ({
    uri: child(o, 'FieldURI')?.attrs.FieldURI ?? '',
    desc: o.attrs.Order !== 'Ascending',
  }));
  if (keys.length === 0) keys.push({ uri: 'item:DateTimeReceived', desc: true });
  for (const k of keys) {
    if (k.uri !== 'item:DateTimeReceived' && k.uri !== 'item:Subject')
      return new EwsError('ErrorUnsupportedPathForSortGroup', `Sorting on '${k.uri}' is not supported.`);
  }
  return (a, b) => {
    for (const k of keys) {
      const c = compare(k.uri, fieldText(a, k.uri) ?? '', fieldText(b, k.uri) ?? '');
      if (c !== 0) return k.desc ? -c : c;
    }
    return a.id.localeCompare(b.id);
  };
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
      const p = readPredicate(restriction);
      if (p instanceof EwsError) return errorMessage('FindItem', p);
      filters.push(p);
    }
    if (query !== undefined && query.trim() !== '') filters.push(queryPredicate(query));
    const order = sorter(req);
    if (order instanceof EwsError) return errorMessage('FindItem', order);
    const items = mailOf(ctx.call.org, ref.owner)
      .filter((i) => inFolder(i, ref.def.name) && filters.every((f) => f(i)))
      .sort(order);
    const page = pageOf(req, items.length);
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
