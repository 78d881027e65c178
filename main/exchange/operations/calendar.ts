/**
 * Meetings: CreateItem (send invitations), FindItem CalendarView, GetItem, DeleteItem,
 * CancelCalendarItem, and the attendee's answers (AcceptItem, TentativelyAcceptItem, DeclineItem).
 */
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
  /** MyResponseType as the server says it (Organizer, Accept, Tentative, Decline, NoResponseReceived, Unknown). */
  myResponse?: string;
  isOnlineMeeting?: boolean;
  /** The online meeting's join link as Exchange 2013+ records it, when it does. */
  joinOnlineMeetingUrl?: string;
  /** Single, one Occurrence or Exception of a series (in a calendar view), or the series' RecurringMaster. */
  itemType?: CalendarItemType;
  isRecurring?: boolean;
  /** An occurrence's or exception's start as the pattern put it (ISO-8601 UTC). */
  originalStart?: string;
  /** A master's pattern and range (GetItem). */
  recurrence?: CalendarRecurrence;
  firstOccurrence?: OccurrenceRef;
  lastOccurrence?: OccurrenceRef;
  modifiedOccurrences?: OccurrenceRef[];
  /** Original starts (ISO-8601 UTC) of the occurrences deleted from a series. */
  deletedOccurrences?: string[];
}

export const CALENDAR_ITEM_TYPES = ['Single', 'Occurrence', 'Exception', 'RecurringMaster'] as const;
export type CalendarItemType = (typeof CALENDAR_ITEM_TYPES)[number];

/** One occurrence as a master lists it (OccurrenceInfoType). */
export interface OccurrenceRef extends ItemId {
  start: string;
  end: string;
  originalStart: string;
}

export type RecurrencePatternKind =
  'Daily' | 'Weekly' | 'AbsoluteMonthly' | 'RelativeMonthly' | 'AbsoluteYearly' | 'RelativeYearly';

export interface CalendarRecurrence {
  pattern: {
    kind: RecurrencePatternKind;
    /** Days, weeks or months between occurrences (yearly patterns have none). */
    interval?: number;
    /** Day names as EWS writes them: "Monday", or "Day" / "Weekday" / "WeekendDay". */
    daysOfWeek?: string[];
    firstDayOfWeek?: string;
    dayOfMonth?: number;
    /** First, Second, Third, Fourth or Last. */
    dayOfWeekIndex?: string;
    /** A yearly pattern's month name ("January"). */
    month?: string;
  };
  range:
    | { kind: 'EndDate'; startDate: string; endDate: string }
    | { kind: 'Numbered'; startDate: string; count: number }
    | { kind: 'NoEnd'; startDate: string };
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
  // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
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

const PATTERNS: ReadonlyMap<string, RecurrencePatternKind> = new Map([
  ['DailyRecurrence', 'Daily'],
  ['WeeklyRecurrence', 'Weekly'],
  ['AbsoluteMonthlyRecurrence', 'AbsoluteMonthly'],
  ['RelativeMonthlyRecurrence', 'RelativeMonthly'],
  ['AbsoluteYearlyRecurrence', 'AbsoluteYearly'],
  ['RelativeYearlyRecurrence', 'RelativeYearly'],
]);

const int = (e: XElement | undefined, name: string): number | undefined => {
  // Stryker disable next-line MethodExpression: Number() ignores the blanks around a number itself
  const t = childText(e, name)?.trim();
  // Stryker disable next-line ConditionalExpression: Number(undefined) is NaN too
  const n = t === undefined ? Number.NaN : Number(t);
  return Number.isInteger(n) ? n : undefined;
};

/** "2026-10-05+02:00" / "2026-10-05Z" / "2026-10-05" → "2026-10-05": range dates are local dates. */
const dateOnly = (s: string | undefined): string | undefined =>
  // Stryker disable next-line StringLiteral: any stand-in for an absent date fails the pattern as '' does
  /^\d{4}-\d{2}-\d{2}/.exec(s?.trim() ?? '')?.[0];

/** A t:Recurrence; undefined when its pattern or range is not one a calendar item can have. */
export function readRecurrence(r: XElement | undefined): CalendarRecurrence | undefined {
  const patternEl = r?.children.find((c) => PATTERNS.has(c.name));
  const kind = patternEl && PATTERNS.get(patternEl.name);
  // Stryker disable next-line LogicalOperator: kind is there exactly when patternEl is (patternEl was found through PATTERNS)
  if (!patternEl || !kind) return undefined;
  const pattern: CalendarRecurrence['pattern'] = { kind };
  const interval = int(patternEl, 'Interval');
  if (interval !== undefined) pattern.interval = interval;
  const days = childText(patternEl, 'DaysOfWeek')?.trim();
  if (days) pattern.daysOfWeek = days.split(/\s+/);
  const first = childText(patternEl, 'FirstDayOfWeek')?.trim();
  if (first) pattern.firstDayOfWeek = first;
  const dom = int(patternEl, 'DayOfMonth');
  if (dom !== undefined) pattern.dayOfMonth = dom;
  const index = childText(patternEl, 'DayOfWeekIndex')?.trim();
  if (index) pattern.dayOfWeekIndex = index;
  const month = childText(patternEl, 'Month')?.trim();
  if (month) pattern.month = month;

  // Stryker disable next-line OptionalChaining: r is there whenever a pattern was found in it
  const rangeEl = r?.children.find((c) => c.name.endsWith('Recurrence') && c !== patternEl);
  const startDate = dateOnly(childText(rangeEl, 'StartDate'));
  if (!rangeEl || startDate === undefined) return undefined;
  if (rangeEl.name === 'EndDateRecurrence') {
    const endDate = dateOnly(childText(rangeEl, 'EndDate'));
    return endDate === undefined ? undefined : { pattern, range: { kind: 'EndDate', startDate, endDate } };
  }
  if (rangeEl.name === 'NumberedRecurrence') {
    const count = int(rangeEl, 'NumberOfOccurrences');
    return count === undefined ? undefined : { pattern, range: { kind: 'Numbered', startDate, count } };
  }
  if (rangeEl.name === 'NoEndRecurrence') return { pattern, range: { kind: 'NoEnd', startDate } };
  return undefined;
}

export function readOccurrenceRef(e: XElement | undefined): OccurrenceRef | undefined {
  if (!e) return undefined;
  return {
    ...readItemId(e),
    start: utcFromEws(childText(e, 'Start') ?? ''),
    end: utcFromEws(childText(e, 'End') ?? ''),
    originalStart: utcFromEws(childText(e, 'OriginalStart') ?? ''),
  };
}

/** A CalendarItemType's (trimmed) text; an unknown kind is refused. */
export function calendarItemType(type: string): CalendarItemType {
  if (!(CALENDAR_ITEM_TYPES as readonly string[]).includes(type))
    throw new EwsError('server', 'The server sent a calendar item of an unknown kind.', {
      code: 'ErrorSchemaValidation',
    });
  return type as CalendarItemType;
}

/** A master's t:ModifiedOccurrences. */
export const readModifiedOccurrences = (modified: XElement): OccurrenceRef[] =>
  modified.children.filter((o) => o.name === 'Occurrence').map((o) => readOccurrenceRef(o) as OccurrenceRef);

/** A master's t:DeletedOccurrences: their original starts. */
export const readDeletedOccurrences = (deleted: XElement): string[] =>
  deleted.children
    .filter((o) => o.name === 'DeletedOccurrence')
    .map((o) => utcFromEws(childText(o, 'Start') ?? ''));

/** The series fields of a calendar item, set only when the response has them. */
function readSeriesFields(c: XElement, out: CalendarItem): void {
  const type = childText(c, 'CalendarItemType')?.trim();
  if (type !== undefined) out.itemType = calendarItemType(type);
  const isRecurring = childText(c, 'IsRecurring');
  if (isRecurring !== undefined) out.isRecurring = isRecurring.trim() === 'true';
  const original = childText(c, 'OriginalStart') ?? childText(c, 'RecurrenceId');
  if (original !== undefined) out.originalStart = utcFromEws(original);
  const recurrence = readRecurrence(child(c, 'Recurrence'));
  if (recurrence) out.recurrence = recurrence;
  const first = readOccurrenceRef(child(c, 'FirstOccurrence'));
  if (first) out.firstOccurrence = first;
  const last = readOccurrenceRef(child(c, 'LastOccurrence'));
  if (last) out.lastOccurrence = last;
  const modified = child(c, 'ModifiedOccurrences');
  if (modified) out.modifiedOccurrences = readModifiedOccurrences(modified);
  const deleted = child(c, 'DeletedOccurrences');
  if (deleted) out.deletedOccurrences = readDeletedOccurrences(deleted);
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
  const mine = childText(c, 'MyResponseType')?.trim();
  if (mine) out.myResponse = mine;
  const online = childText(c, 'IsOnlineMeeting');
  if (online !== undefined) out.isOnlineMeeting = online.trim() === 'true';
  const join = childText(c, 'JoinOnlineMeetingUrl')?.trim();
  if (join) out.joinOnlineMeetingUrl = join;
  readSeriesFields(c, out);
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
    'calendar:MyResponseType',
    'calendar:IsRecurring',
    'calendar:CalendarItemType',
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
    // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
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

/** An attendee's answer to a meeting request, as EWS names its response objects. */
export type MeetingAnswer = 'accept' | 'tentative' | 'decline';

const RESPONSE_OBJECT: Record<MeetingAnswer, string> = {
  accept: 't:AcceptItem',
  tentative: 't:TentativelyAcceptItem',
  decline: 't:DeclineItem',
};

/**
 * Answers a meeting I was invited to (the item in my calendar, or the request), telling the
 * organiser: their copy records my response; a decline takes the meeting out of my calendar.
 */
export async function respondToMeeting(
  ews: EwsCaller,
  item: ItemId,
  answer: MeetingAnswer,
  message?: string,
  options?: CallOptions,
): Promise<void> {
  const tag = RESPONSE_OBJECT[answer];
  if (!tag) throw new EwsError('bad-input', `Unknown answer to a meeting: ${String(answer)}.`);
  const body = el(
    'm:CreateItem',
    { MessageDisposition: 'SendAndSaveCopy' },
    el(
      'm:Items',
      null,
      el(
        tag,
        null,
        // ItemType's Body comes before the response object's ReferenceItemId in the schema.
        message ? el('t:Body', { BodyType: 'HTML' }, message) : null,
        el('t:ReferenceItemId', { Id: item.id, ChangeKey: item.changeKey }),
      ),
    ),
  );
  singleResponse((await ews.soap('CreateItem', body, { idempotent: false, ...options })).body);
}
