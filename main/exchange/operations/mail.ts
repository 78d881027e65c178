/**
 * Message items in a distinguished folder (Conversation History, voice mail, Deleted Items):
 * FindItem in indexed pages with an optional search, GetItem with the HTML body and the
 * attachment list, GetAttachment (size-capped before decoding, content type checked), UpdateItem
 * message:IsRead, DeleteItem to Deleted Items.
 */
import type { CallOptions, EwsCaller } from '../caller';
import { EwsError } from '../errors';
import {
  child,
  childText,
  el,
  findFirst,
  responseMessageError,
  responseMessages,
  singleResponse,
  type XElement,
} from '../soap';
import type { ItemId } from './calendar';

export type MailFolderId = 'conversationhistory' | 'voicemail' | 'inbox' | 'deleteditems';

/** Exchange's own cap on a FindItem page (EWSFindCountLimit). */
export const MAX_PAGE_SIZE = 1000;
/** The largest attachment Roster reads (voice mail is a few hundred kB a minute). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Longest search text sent to the server. */
export const MAX_SEARCH_LENGTH = 255;

const PR_VOICE_MESSAGE_DURATION = '0x6801';
const PR_SENDER_TELEPHONE_NUMBER = '0x6802';

export interface MailAddress {
  name: string;
  email?: string;
}

export interface MailSummary extends ItemId {
  itemClass: string;
  subject: string;
  /** ISO instant. */
  received: string;
  from?: MailAddress;
  displayTo: string;
  isRead: boolean;
  hasAttachments: boolean;
  /** The body's first characters as text (Exchange 2013+). */
  preview?: string;
  /** Voice mail: PidTagVoiceMessageDuration, seconds. */
  durationSeconds?: number;
  /** Voice mail: PidTagSenderTelephoneNumber. */
  callerPhone?: string;
}

export interface MailAttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  size?: number;
}

export interface MailItem extends MailSummary {
  /** HTML as the server sent it: never rendered as HTML. */
  bodyHtml: string;
  to: MailAddress[];
  attachments: MailAttachmentInfo[];
}

export interface MailPage {
  items: MailSummary[];
  totalItems: number;
  /** The offset of the next page; undefined when this page holds the last item. */
  nextOffset: number | undefined;
}

export interface FindMailOptions {
  /** A distinguished folder, or a folder by its id (FindFolder's answer). */
  folder: MailFolderId | { id: string };
  offset?: number;
  max?: number;
  /** Subject or body contains this text (a Restriction, case-insensitive). */
  search?: string;
}

export interface Attachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

function badInput(message: string, code: string): EwsError {
  return new EwsError('bad-input', message, { code });
}

function readAddress(e: XElement | undefined): MailAddress | undefined {
  return readMailbox(child(e, 'Mailbox'));
}

function readMailbox(mb: XElement | undefined): MailAddress | undefined {
  if (!mb) return undefined;
  const out: MailAddress = { name: childText(mb, 'Name')?.trim() ?? '' };
  const email = childText(mb, 'EmailAddress')?.trim();
  if (email) out.email = email;
  if (!out.name) out.name = email ?? '';
  return out;
}

function extended(e: XElement, tag: string): string | undefined {
  for (const p of e.children) {
    if (p.name !== 'ExtendedProperty') continue;
    const uri = child(p, 'ExtendedFieldURI');
    if (uri && Number(uri.attrs.PropertyTag) === Number(tag)) return childText(p, 'Value')?.trim();
  }
  return undefined;
}

/** An ISO instant, or '' when the server sent none or nonsense (never a thrown RangeError). */
function isoOrEmpty(text: string | undefined): string {
  // Stryker disable next-line StringLiteral: any stand-in for an absent date is NaN to Date.parse as '' is
  const t = Date.parse(text?.trim() ?? '');
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

export function readMailSummary(m: XElement): MailSummary {
  const idEl = child(m, 'ItemId');
  const out: MailSummary = {
    id: idEl?.attrs.Id ?? '',
    itemClass: childText(m, 'ItemClass')?.trim() ?? '',
    subject: childText(m, 'Subject') ?? '',
    received: isoOrEmpty(childText(m, 'DateTimeReceived')),
    displayTo: childText(m, 'DisplayTo')?.trim() ?? '',
    isRead: childText(m, 'IsRead')?.trim() !== 'false',
    hasAttachments: childText(m, 'HasAttachments')?.trim() === 'true',
  };
  if (idEl?.attrs.ChangeKey) out.changeKey = idEl.attrs.ChangeKey;
  const from = readAddress(child(m, 'From')) ?? readAddress(child(m, 'Sender'));
  if (from) out.from = from;
  const preview = childText(m, 'Preview');
  if (preview !== undefined) out.preview = preview.trim();
  const duration = Number(extended(m, PR_VOICE_MESSAGE_DURATION));
  if (Number.isInteger(duration) && duration >= 0) out.durationSeconds = duration;
  const phone = extended(m, PR_SENDER_TELEPHONE_NUMBER);
  if (phone) out.callerPhone = phone;
  return out;
}

export function readMailItem(m: XElement): MailItem {
  // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
  const attachments = (child(m, 'Attachments')?.children ?? [])
    .filter((a) => a.name === 'FileAttachment')
    .map((a) => {
      const info: MailAttachmentInfo = {
        id: child(a, 'AttachmentId')?.attrs.Id ?? '',
        name: childText(a, 'Name')?.trim() ?? '',
        contentType: childText(a, 'ContentType')?.trim().toLowerCase() ?? '',
      };
      const size = Number(childText(a, 'Size'));
      if (Number.isInteger(size) && size >= 0) info.size = size;
      return info;
    });
  // Stryker disable ConditionalExpression: readMailbox of an element is never undefined, so the recipients' filter drops nothing (it is for the type)
  return {
    ...readMailSummary(m),
    bodyHtml: childText(m, 'Body') ?? '',
    // Stryker disable next-line MethodExpression: readMailbox of an element is never undefined, so the filter below drops nothing (it is for the type)
    to: (child(m, 'ToRecipients')?.children ?? [])
      .map(readMailbox)
      .filter((a): a is MailAddress => a !== undefined),
    attachments,
  };
}

// Stryker restore ConditionalExpression
const SUMMARY_FIELDS = [
  'item:ItemClass',
  'item:Subject',
  'item:DateTimeReceived',
  'item:DisplayTo',
  'item:HasAttachments',
  'item:Preview',
  'message:From',
  'message:IsRead',
];

function voiceProperties(): ReturnType<typeof el>[] {
  return [
    el('t:ExtendedFieldURI', { PropertyTag: PR_VOICE_MESSAGE_DURATION, PropertyType: 'Integer' }),
    el('t:ExtendedFieldURI', { PropertyTag: PR_SENDER_TELEPHONE_NUMBER, PropertyType: 'String' }),
  ];
}

function contains(field: string, text: string): ReturnType<typeof el> {
  return el(
    't:Contains',
    { ContainmentMode: 'Substring', ContainmentComparison: 'IgnoreCase' },
    el('t:FieldURI', { FieldURI: field }),
    el('t:Constant', { Value: text }),
  );
}

/** One page of a folder, newest first. */
export async function findMailItems(
  ews: EwsCaller,
  o: FindMailOptions,
  options?: CallOptions,
): Promise<MailPage> {
  const offset = o.offset ?? 0;
  const max = o.max ?? 50;
  if (!Number.isInteger(offset) || offset < 0)
    throw badInput('The page offset is not valid.', 'InvalidOffset');
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE_SIZE)
    throw badInput(`A page holds 1 to ${MAX_PAGE_SIZE} items.`, 'InvalidPageSize');
  const search = o.search?.trim() ?? '';
  if (search.length > MAX_SEARCH_LENGTH)
    throw badInput(`Search for at most ${MAX_SEARCH_LENGTH} characters.`, 'SearchTooLong');
  const body = el(
    'm:FindItem',
    { Traversal: 'Shallow' },
    el(
      'm:ItemShape',
      null,
      el('t:BaseShape', null, 'IdOnly'),
      el(
        't:AdditionalProperties',
        null,
        SUMMARY_FIELDS.map((f) => el('t:FieldURI', { FieldURI: f })),
        o.folder === 'voicemail' ? voiceProperties() : null,
      ),
    ),
    el('m:IndexedPageItemView', { MaxEntriesReturned: max, Offset: offset, BasePoint: 'Beginning' }),
    search
      ? el(
          'm:Restriction',
          null,
          el('t:Or', null, contains('item:Subject', search), contains('item:Body', search)),
        )
      : null,
    el(
      'm:SortOrder',
      null,
      el('t:FieldOrder', { Order: 'Descending' }, el('t:FieldURI', { FieldURI: 'item:DateTimeReceived' })),
    ),
    el(
      'm:ParentFolderIds',
      null,
      typeof o.folder === 'string'
        ? el('t:DistinguishedFolderId', { Id: o.folder })
        : el('t:FolderId', { Id: o.folder.id }),
    ),
  );
  const r = await ews.soap('FindItem', body, options);
  const root = child(singleResponse(r.body).element, 'RootFolder');
  // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
  const items = (child(root, 'Items')?.children ?? [])
    .filter((c) => c.name === 'Message')
    .map(readMailSummary);
  const total = Number(root?.attrs.TotalItemsInView);
  const next = Number(root?.attrs.IndexedPagingOffset);
  const last = root?.attrs.IncludesLastItemInRange !== 'false';
  return {
    items,
    totalItems: Number.isInteger(total) && total >= 0 ? total : offset + items.length,
    // A server that says "more" but moves no further would page forever: stop there.
    nextOffset:
      last || items.length === 0
        ? undefined
        : Number.isInteger(next) && next > offset
          ? next
          : offset + items.length,
  };
}

/** One item with its body (HTML) and attachment list. */
export async function getMailItem(ews: EwsCaller, id: ItemId, options?: CallOptions): Promise<MailItem> {
  const body = el(
    'm:GetItem',
    null,
    el(
      'm:ItemShape',
      null,
      el('t:BaseShape', null, 'Default'),
      el('t:BodyType', null, 'HTML'),
      el(
        't:AdditionalProperties',
        null,
        ['item:Body', 'item:Attachments', 'message:ToRecipients', ...SUMMARY_FIELDS].map((f) =>
          el('t:FieldURI', { FieldURI: f }),
        ),
        voiceProperties(),
      ),
    ),
    el('m:ItemIds', null, el('t:ItemId', { Id: id.id, ChangeKey: id.changeKey })),
  );
  const r = await ews.soap('GetItem', body, options);
  const m = findFirst(singleResponse(r.body).element, 'Message');
  if (!m) throw new EwsError('not-found', 'The item was not found.', { code: 'ErrorItemNotFound' });
  return readMailItem(m);
}

/** Base64 of n bytes is at most this long (without line breaks). */
const base64Length = (n: number): number => Math.ceil(n / 3) * 4;

/**
 * One file attachment's bytes. Refused before decoding when the server says it is larger than
 * `maxBytes` (or sends more), or its content type does not start with `accept` (e.g. "audio/").
 */
export async function getAttachment(
  ews: EwsCaller,
  attachmentId: string,
  limits: { maxBytes?: number; accept?: string } = {},
  options?: CallOptions,
): Promise<Attachment> {
  const maxBytes = Math.min(limits.maxBytes ?? MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES);
  if (attachmentId.trim() === '') throw badInput('No attachment was named.', 'ErrorInvalidIdEmpty');
  const body = el(
    'm:GetAttachment',
    null,
    el('m:AttachmentIds', null, el('t:AttachmentId', { Id: attachmentId })),
  );
  const r = await ews.soap('GetAttachment', body, {
    maxResponseBytes: base64Length(maxBytes) + 64 * 1024,
    ...options,
  });
  const msg = responseMessages(r.body)[0];
  if (!msg) throw new EwsError('server', 'The server sent no attachment.', { code: 'NoResponseMessage' });
  if (msg.responseClass === 'Error') throw responseMessageError(msg);
  const a = findFirst(msg.element, 'FileAttachment');
  if (!a)
    throw new EwsError('not-found', 'The attachment was not found.', { code: 'ErrorAttachmentNotFound' });
  const contentType = childText(a, 'ContentType')?.trim().toLowerCase() ?? '';
  if (limits.accept !== undefined && !contentType.startsWith(limits.accept.toLowerCase()))
    throw new EwsError('server', 'The attachment is not of the expected type.', {
      code: 'AttachmentTypeRefused',
    });
  const size = Number(childText(a, 'Size'));
  // Stryker disable next-line Regex: a global replace of each blank removes the same blanks as of each run of them
  const content = (childText(a, 'Content') ?? '').replace(/\s+/g, '');
  if ((Number.isFinite(size) && size > maxBytes) || content.length > base64Length(maxBytes))
    throw new EwsError('server', 'The attachment is too large to open here.', { code: 'AttachmentTooLarge' });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content) || content.length % 4 !== 0)
    throw new EwsError('server', 'The attachment could not be read.', { code: 'AttachmentMalformed' });
  return {
    name: childText(a, 'Name')?.trim() ?? '',
    contentType,
    bytes: new Uint8Array(Buffer.from(content, 'base64')),
  };
}

/** Marks items read or unread (no read receipt is sent). */
export async function setReadState(
  ews: EwsCaller,
  ids: readonly ItemId[],
  isRead: boolean,
  options?: CallOptions,
): Promise<ItemId[]> {
  if (ids.length === 0) return [];
  const body = el(
    'm:UpdateItem',
    { ConflictResolution: 'AlwaysOverwrite', MessageDisposition: 'SaveOnly', SuppressReadReceipts: true },
    el(
      'm:ItemChanges',
      null,
      ids.map((i) =>
        el(
          't:ItemChange',
          null,
          el('t:ItemId', { Id: i.id, ChangeKey: i.changeKey }),
          el(
            't:Updates',
            null,
            el(
              't:SetItemField',
              null,
              el('t:FieldURI', { FieldURI: 'message:IsRead' }),
              el('t:Message', null, el('t:IsRead', null, isRead)),
            ),
          ),
        ),
      ),
    ),
  );
  const r = await ews.soap('UpdateItem', body, { idempotent: true, ...options });
  return responseMessages(r.body).map((m) => {
    if (m.responseClass === 'Error') throw responseMessageError(m);
    const id = findFirst(m.element, 'ItemId');
    const out: ItemId = { id: id?.attrs.Id ?? '' };
    if (id?.attrs.ChangeKey) out.changeKey = id.attrs.ChangeKey;
    return out;
  });
}

/** Moves items to Deleted Items (recoverable, as Outlook's Delete). */
export async function deleteToDeletedItems(
  ews: EwsCaller,
  ids: readonly ItemId[],
  options?: CallOptions,
): Promise<void> {
  if (ids.length === 0) return;
  const body = el(
    'm:DeleteItem',
    { DeleteType: 'MoveToDeletedItems' },
    el(
      'm:ItemIds',
      null,
      ids.map((i) => el('t:ItemId', { Id: i.id })),
    ),
  );
  const r = await ews.soap('DeleteItem', body, options);
  for (const m of responseMessages(r.body)) if (m.responseClass === 'Error') throw responseMessageError(m);
}
