/** Meetings: CreateItem (send invitations), FindItem CalendarView, GetItem, DeleteItem, CancelCalendarItem. */
import type { CallOptions, EwsCaller } from '../caller';
import { EwsError } from '../errors';
import {
  child,
  childText,
  el,
  findFirst,
  responseMessages,
  responseMessageError,
  singleResponse,
  type XElement,
} from '../soap';
import { utcFromEws } from './availability';
import { FAST_CALENDAR_ITEM, fastCalendarItems } from '../fast/calendar';

export interface ItemId {
  id: string;
  changeKey?: string;
}

export interface Attendee {
  email: string;
  name?: string;
  response?: string;
}

export interface CalendarItem extends ItemId {
  subject: string;
  start: string;
  end: string;
  location?: string;
  isAllDay: boolean;
  busyType?: string;
  isMeeting?: boolean;
  isCancelled?: boolean;
  organizer?: Attendee;
  required: Attendee[];
  optional: Attendee[];
  body?: string;
}

export interface NewMeeting {
  subject: string;
  /** HTML. */
  body?: string;
  /** ISO-8601 instants. */
  start: string;
  end: string;
  location?: string;
  required: readonly string[];
  optional?: readonly string[];
}

function readItemId(e: XElement | undefined): ItemId {
  const id = child(e, 'ItemId');
  const out: ItemId = { id: id?.attrs.Id ?? '' };
  if (id?.attrs.ChangeKey) out.changeKey = id.attrs.ChangeKey;
  return out;
}

function readAttendees(list: XElement | undefined): Attendee[] {
  return (list?.children ?? [])
    .filter((a) => a.name === 'Attendee')
    .map((a) => {
      const mb = child(a, 'Mailbox');
      const out: Attendee = { email: childText(mb, 'EmailAddress')?.trim() ?? '' };
      const name = childText(mb, 'Name')?.trim();
      if (name) out.name = name;
      const resp = childText(a, 'ResponseType')?.trim();
      if (resp) out.response = resp;
      return out;
    });
}

export function readCalendarItem(c: XElement): CalendarItem {
  const out: CalendarItem = {
    ...readItemId(c),
    subject: childText(c, 'Subject') ?? '',
    start: utcFromEws(childText(c, 'Start') ?? ''),
    end: utcFromEws(childText(c, 'End') ?? ''),
    isAllDay: childText(c, 'IsAllDayEvent')?.trim() === 'true',
    required: readAttendees(child(c, 'RequiredAttendees')),
    optional: readAttendees(child(c, 'OptionalAttendees')),
  };
  const loc = childText(c, 'Location')?.trim();
  if (loc) out.location = loc;
  const busy = childText(c, 'LegacyFreeBusyStatus')?.trim();
  if (busy) out.busyType = busy;
  const isMeeting = childText(c, 'IsMeeting');
  if (isMeeting !== undefined) out.isMeeting = isMeeting.trim() === 'true';
  const isCancelled = childText(c, 'IsCancelled');
  if (isCancelled !== undefined) out.isCancelled = isCancelled.trim() === 'true';
  const org = child(child(c, 'Organizer'), 'Mailbox');
  if (org) {
    const o: Attendee = { email: childText(org, 'EmailAddress')?.trim() ?? '' };
    const n = childText(org, 'Name')?.trim();
    if (n) o.name = n;
    out.organizer = o;
  }
  const body = childText(c, 'Body');
  if (body !== undefined) out.body = body;
  return out;
}

const attendees = (tag: string, list: readonly string[] | undefined) =>
  list?.length
    ? el(
        tag,
        null,
        list.map((a) => el('t:Attendee', null, el('t:Mailbox', null, el('t:EmailAddress', null, a)))),
      )
    : null;

/** Creates the meeting in my calendar and sends the invitations. */
export async function createMeeting(ews: EwsCaller, m: NewMeeting, options?: CallOptions): Promise<ItemId> {
  if (!(new Date(m.end).getTime() > new Date(m.start).getTime()))
    throw new EwsError('bad-input', 'The meeting must end after it starts.', {
      code: 'ErrorCalendarEndDateIsEarlierThanStartDate',
    });
  const item = el(
    't:CalendarItem',
    null,
    el('t:Subject', null, m.subject),
    m.body !== undefined ? el('t:Body', { BodyType: 'HTML' }, m.body) : null,
    el('t:Start', null, new Date(m.start).toISOString()),
    el('t:End', null, new Date(m.end).toISOString()),
    m.location ? el('t:Location', null, m.location) : null,
    attendees('t:RequiredAttendees', m.required),
    attendees('t:OptionalAttendees', m.optional),
  );
  const body = el(
    'm:CreateItem',
    { SendMeetingInvitations: 'SendToAllAndSaveCopy' },
    el('m:SavedItemFolderId', null, el('t:DistinguishedFolderId', { Id: 'calendar' })),
    el('m:Items', null, item),
  );
  const r = await ews.soap('CreateItem', body, { idempotent: false, ...options });
  const msg = singleResponse(r.body);
  return readItemId(findFirst(msg.element, 'CalendarItem'));
}

export interface CalendarViewResult {
  items: CalendarItem[];
  includesLastItemInRange: boolean;
}

/** My calendar between two instants, recurrences expanded. */
export async function findCalendarView(
  ews: EwsCaller,
  range: { start: string; end: string; max?: number },
  options?: CallOptions,
): Promise<CalendarViewResult> {
  const fields = [
    'item:Subject',
    'calendar:Start',
    'calendar:End',
    'calendar:Location',
    'calendar:LegacyFreeBusyStatus',
    'calendar:IsAllDayEvent',
    'calendar:IsMeeting',
    'calendar:IsCancelled',
    'calendar:Organizer',
  ];
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
        fields.map((f) => el('t:FieldURI', { FieldURI: f })),
      ),
    ),
    el('m:CalendarView', {
      MaxEntriesReturned: range.max ?? 1000,
      StartDate: new Date(range.start).toISOString(),
      EndDate: new Date(range.end).toISOString(),
    }),
    el('m:ParentFolderIds', null, el('t:DistinguishedFolderId', { Id: 'calendar' })),
  );
  const r = await ews.soap('FindItem', body, { typed: fastCalendarItems, ...options });
  const msg = singleResponse(r.body);
  const root = child(msg.element, 'RootFolder');
  return {
    items: (child(root, 'Items')?.children ?? [])
      .filter((c) => c.name === 'CalendarItem')
      .map(FAST_CALENDAR_ITEM.or(readCalendarItem)),
    includesLastItemInRange: root?.attrs.IncludesLastItemInRange !== 'false',
  };
}

export async function getCalendarItems(
  ews: EwsCaller,
  ids: readonly ItemId[],
  options?: CallOptions,
): Promise<CalendarItem[]> {
  const body = el(
    'm:GetItem',
    null,
    el('m:ItemShape', null, el('t:BaseShape', null, 'AllProperties'), el('t:BodyType', null, 'HTML')),
    el(
      'm:ItemIds',
      null,
      ids.map((i) => el('t:ItemId', { Id: i.id, ChangeKey: i.changeKey })),
    ),
  );
  const r = await ews.soap('GetItem', body, { typed: fastCalendarItems, ...options });
  return responseMessages(r.body).map((m) => {
    if (m.responseClass === 'Error') throw responseMessageError(m);
    const c = findFirst(m.element, 'CalendarItem');
    if (!c) throw new EwsError('not-found', 'The meeting was not found.', { code: 'ErrorItemNotFound' });
    return FAST_CALENDAR_ITEM.take(c) ?? readCalendarItem(c);
  });
}

/** Cancels a meeting I organise, telling the attendees. */
export async function cancelMeeting(
  ews: EwsCaller,
  item: ItemId,
  message?: string,
  options?: CallOptions,
): Promise<void> {
  const body = el(
    'm:CreateItem',
    { MessageDisposition: 'SendAndSaveCopy' },
    el(
      'm:Items',
      null,
      el(
        't:CancelCalendarItem',
        null,
        message ? el('t:NewBodyContent', { BodyType: 'HTML' }, message) : null,
        el('t:ReferenceItemId', { Id: item.id, ChangeKey: item.changeKey }),
      ),
    ),
  );
  singleResponse((await ews.soap('CreateItem', body, { idempotent: false, ...options })).body);
}

/** Deletes an item (for a meeting: cancellations go to attendees). */
export async function deleteCalendarItem(ews: EwsCaller, item: ItemId, options?: CallOptions): Promise<void> {
  const body = el(
    'm:DeleteItem',
    { DeleteType: 'MoveToDeletedItems', SendMeetingCancellations: 'SendToAllAndSaveCopy' },
    el('m:ItemIds', null, el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey })),
  );
  singleResponse((await ews.soap('DeleteItem', body, options)).body);
}
