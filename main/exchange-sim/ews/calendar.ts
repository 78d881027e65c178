/**
 * Calendar operations: CreateItem (CalendarItem with invitations, CancelCalendarItem),
 * FindItem (CalendarView), GetItem (calendar items, and the IM list's contact items), DeleteItem.
 */
import type {
  Attendee,
  BusyType,
  CalendarItem,
  OnlineMeetingSettings,
  Person,
  Recurrence,
} from '../org/types';
import {
  expandCalendar,
  firstAndLast,
  occurrenceAt,
  occurrenceByIndex,
  parseOccurrenceId,
  patternOccurrences,
  type CalendarInstance,
} from '../org/recurrence';
import { decodeChangeKey, decodeId, encodeChangeKey, encodeId, newId, nextChangeKey } from './ids';
import { contactXml, findContactItems, isContactsFolder, readContactShape } from './contacts';
import { folderId, resolveFolder, type FolderRef } from './folders';
import { personBySmtp } from './persona';
import { readRecurrence, recurrenceXml } from './recurrence-xml';
import { isMeetingResponse, respondToMeeting } from './responses';
import {
  EwsError,
  batchResponse,
  errorMessage,
  findPerson,
  headerTimeZone,
  responseMessage,
  type RequestContext,
} from './soap';
import {
  UTC,
  formatUtc,
  ianaFromWindowsId,
  ianaZone,
  parseDateTime,
  windowsIdFromIana,
  type Zone,
} from './tz';
import { callNow } from './types';
import { FIND_COUNT_LIMIT, pageOf, readPagingView } from './paging';
import {
  extendedPropertiesXml,
  namedKey,
  readAdditionalProperties,
  tagKey,
  type ExtendedPath,
  type ExtendedValue,
} from './properties';
import {
  compileRestriction,
  compileSort,
  extendedField,
  type FieldDef,
  type FieldResolver,
  type SortKey,
} from './restriction';
import { child, children, el, leaf, textAt, type XNode } from './xml';

/** Exchange refuses a CalendarView spanning more than two years. */
export const CALENDAR_VIEW_MAX_DAYS = 2 * 365 + 1;
const DAY_MS = 86400000;

const BUSY_TYPES: BusyType[] = ['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData'];
const INVITATION_MODES = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const;

// ---------------------------------------------------------------- item lookup

export interface FoundItem {
  owner: Person;
  /** The stored item, or one occurrence of a series (then `master` is the stored series). */
  item: CalendarInstance;
  master?: CalendarItem;
}

function lookupStored(ctx: RequestContext, wire: string | undefined): FoundItem | EwsError {
  if (wire === undefined || wire === '') return new EwsError('ErrorInvalidIdEmpty');
  const d = decodeId(wire);
  if (!d || d.kind !== 'item') return new EwsError('ErrorInvalidIdMalformed');
  const owner = ctx.call.org.people.find((p) => p.id === d.owner);
  if (!owner) return new EwsError('ErrorItemNotFound');
  if (owner.id !== ctx.mailbox.id) return new EwsError('ErrorAccessDenied');
  const item = owner.calendar.find((c) => c.id === d.id);
  if (item) return { owner, item };
  // One occurrence of a series: the master's id and the occurrence's original start.
  const occ = parseOccurrenceId(d.id);
  const master = occ && owner.calendar.find((c) => c.id === occ.masterId && c.recurrence);
  const instance = master && occ ? occurrenceAt(master, occ.originalStartMs) : undefined;
  if (!master || !instance) return new EwsError('ErrorItemNotFound');
  return { owner, item: instance, master };
}

/**
 * An ItemId, an OccurrenceItemId (series id and 1-based InstanceIndex) or a RecurringMasterItemId
 * (an occurrence's id, answered with its series).
 */
export function lookupItem(ctx: RequestContext, idNode: XNode): FoundItem | EwsError {
  if (idNode.local === 'OccurrenceItemId') {
    const found = lookupStored(ctx, idNode.attrs.RecurringMasterId);
    if (found instanceof EwsError) return found;
    if (!found.item.recurrence) return new EwsError('ErrorItemNotFound');
    const index = Number(idNode.attrs.InstanceIndex);
    if (!Number.isInteger(index) || index < 1) return new EwsError('ErrorInvalidIdMalformed');
    const instance = occurrenceByIndex(found.item, index);
    if (!instance) return new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange');
    return { owner: found.owner, item: instance, master: found.item };
  }
  if (idNode.local === 'RecurringMasterItemId') {
    const found = lookupStored(ctx, idNode.attrs.OccurrenceId);
    if (found instanceof EwsError) return found;
    if (found.master) return { owner: found.owner, item: found.master };
    if (found.item.recurrence) return found;
    return new EwsError('ErrorItemNotFound');
  }
  return lookupStored(ctx, idNode.attrs.Id);
}

export function changeKeyMatches(idNode: XNode, item: CalendarItem): boolean {
  const ck = idNode.attrs.ChangeKey;
  if (ck === undefined || ck === '') return true;
  return decodeChangeKey(ck) === item.changeKey;
}

// ---------------------------------------------------------------- item XML

function mailboxOf(org: RequestContext['call']['org'], smtp: string): string {
  const p = personBySmtp(org, smtp);
  return el(
    't:Mailbox',
    undefined,
    leaf('t:Name', p?.displayName ?? smtp),
    leaf('t:EmailAddress', p?.smtp ?? smtp),
    leaf('t:RoutingType', 'SMTP'),
    leaf('t:MailboxType', p ? 'Mailbox' : 'OneOff'),
  );
}

function attendeesXml(ctx: RequestContext, tag: string, list: Attendee[]): string {
  if (list.length === 0) return '';
  return el(
    tag,
    undefined,
    ...list.map((a) =>
      el(
        't:Attendee',
        undefined,
        mailboxOf(ctx.call.org, a.smtp),
        leaf('t:ResponseType', a.response ?? 'Unknown'),
      ),
    ),
  );
}

function myResponse(owner: Person, item: CalendarItem): string {
  if (item.organizer.toLowerCase() === owner.smtp.toLowerCase()) return 'Organizer';
  const me = item.attendees.find((a) => a.smtp.toLowerCase() === owner.smtp.toLowerCase());
  return me?.response ?? 'Unknown';
}

function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time || d ? (time ? `T${time}` : '') : 'T0S'}`;
}

type Prop =
  | 'ParentFolderId'
  | 'ItemClass'
  | 'Subject'
  | 'Sensitivity'
  | 'Body'
  | 'DateTimeReceived'
  | 'DateTimeCreated'
  | 'HasAttachments'
  | 'DisplayTo'
  | 'DisplayCc'
  | 'LastModifiedTime'
  | 'UID'
  | 'RecurrenceId'
  | 'Start'
  | 'End'
  | 'OriginalStart'
  | 'IsAllDayEvent'
  | 'LegacyFreeBusyStatus'
  | 'Location'
  | 'IsMeeting'
  | 'IsCancelled'
  | 'IsRecurring'
  | 'MeetingRequestWasSent'
  | 'IsResponseRequested'
  | 'CalendarItemType'
  | 'MyResponseType'
  | 'Organizer'
  | 'RequiredAttendees'
  | 'OptionalAttendees'
  | 'Resources'
  | 'Duration'
  | 'TimeZone'
  | 'AppointmentSequenceNumber'
  | 'AppointmentState'
  | 'Recurrence'
  | 'FirstOccurrence'
  | 'LastOccurrence'
  | 'ModifiedOccurrences'
  | 'DeletedOccurrences'
  | 'IsOnlineMeeting'
  | 'StartTimeZoneId'
  | 'EndTimeZoneId'
  | 'JoinOnlineMeetingUrl'
  | 'OnlineMeetingSettings'
  | 'IsOrganizer';

/** Schema order of the properties this server writes. */
const PROP_ORDER: Prop[] = [
  'ParentFolderId',
  'ItemClass',
  'Subject',
  'Sensitivity',
  'Body',
  'DateTimeReceived',
  'DateTimeCreated',
  'DisplayCc',
  'DisplayTo',
  'HasAttachments',
  'LastModifiedTime',
  'UID',
  'RecurrenceId',
  'Start',
  'End',
  'OriginalStart',
  'IsAllDayEvent',
  'LegacyFreeBusyStatus',
  'Location',
  'IsMeeting',
  'IsCancelled',
  'IsRecurring',
  'MeetingRequestWasSent',
  'IsResponseRequested',
  'CalendarItemType',
  'MyResponseType',
  'Organizer',
  'RequiredAttendees',
  'OptionalAttendees',
  'Resources',
  'Duration',
  'TimeZone',
  'AppointmentSequenceNumber',
  'AppointmentState',
  'Recurrence',
  'FirstOccurrence',
  'LastOccurrence',
  'ModifiedOccurrences',
  'DeletedOccurrences',
  'IsOnlineMeeting',
  'StartTimeZoneId',
  'EndTimeZoneId',
  'JoinOnlineMeetingUrl',
  'OnlineMeetingSettings',
  'IsOrganizer',
];

const FIELD_URI: Record<string, Prop> = {
  'item:ParentFolderId': 'ParentFolderId',
  'item:ItemClass': 'ItemClass',
  'item:Subject': 'Subject',
  'item:Sensitivity': 'Sensitivity',
  'item:Body': 'Body',
  'item:DateTimeReceived': 'DateTimeReceived',
  'item:DateTimeCreated': 'DateTimeCreated',
  'item:HasAttachments': 'HasAttachments',
  'item:DisplayTo': 'DisplayTo',
  'item:DisplayCc': 'DisplayCc',
  'item:LastModifiedTime': 'LastModifiedTime',
  'calendar:UID': 'UID',
  'calendar:RecurrenceId': 'RecurrenceId',
  'calendar:Start': 'Start',
  'calendar:End': 'End',
  'calendar:OriginalStart': 'OriginalStart',
  'calendar:IsAllDayEvent': 'IsAllDayEvent',
  'calendar:LegacyFreeBusyStatus': 'LegacyFreeBusyStatus',
  'calendar:Location': 'Location',
  'calendar:IsMeeting': 'IsMeeting',
  'calendar:IsCancelled': 'IsCancelled',
  'calendar:IsRecurring': 'IsRecurring',
  'calendar:MeetingRequestWasSent': 'MeetingRequestWasSent',
  'calendar:IsResponseRequested': 'IsResponseRequested',
  'calendar:CalendarItemType': 'CalendarItemType',
  'calendar:MyResponseType': 'MyResponseType',
  'calendar:Organizer': 'Organizer',
  'calendar:RequiredAttendees': 'RequiredAttendees',
  'calendar:OptionalAttendees': 'OptionalAttendees',
  'calendar:Resources': 'Resources',
  'calendar:Duration': 'Duration',
  'calendar:TimeZone': 'TimeZone',
  'calendar:AppointmentSequenceNumber': 'AppointmentSequenceNumber',
  'calendar:AppointmentState': 'AppointmentState',
  'calendar:Recurrence': 'Recurrence',
  'calendar:FirstOccurrence': 'FirstOccurrence',
  'calendar:LastOccurrence': 'LastOccurrence',
  'calendar:ModifiedOccurrences': 'ModifiedOccurrences',
  'calendar:DeletedOccurrences': 'DeletedOccurrences',
  'calendar:IsOnlineMeeting': 'IsOnlineMeeting',
  'calendar:StartTimeZoneId': 'StartTimeZoneId',
  'calendar:EndTimeZoneId': 'EndTimeZoneId',
  'calendar:JoinOnlineMeetingUrl': 'JoinOnlineMeetingUrl',
  'calendar:OnlineMeetingSettings': 'OnlineMeetingSettings',
  'calendar:IsOrganizer': 'IsOrganizer',
};

const DEFAULT_PROPS: Prop[] = [
  'ParentFolderId',
  'ItemClass',
  'Subject',
  'Sensitivity',
  'DateTimeCreated',
  'HasAttachments',
  'Start',
  'End',
  'IsAllDayEvent',
  'LegacyFreeBusyStatus',
  'Location',
  'IsMeeting',
  'IsCancelled',
  'IsRecurring',
  'CalendarItemType',
  'MyResponseType',
  'Organizer',
  'IsOnlineMeeting',
];
/** Properties FindItem cannot return (Exchange answers ErrorInvalidPropertyRequest). */
const NOT_IN_FIND: Prop[] = [
  'Body',
  'RequiredAttendees',
  'OptionalAttendees',
  'Resources',
  'OnlineMeetingSettings',
  'JoinOnlineMeetingUrl',
  'Recurrence',
  'FirstOccurrence',
  'LastOccurrence',
  'ModifiedOccurrences',
  'DeletedOccurrences',
];

function allProps(forFind: boolean): Prop[] {
  return forFind ? PROP_ORDER.filter((p) => !NOT_IN_FIND.includes(p)) : PROP_ORDER;
}

interface Shape {
  props: Set<Prop>;
  bodyType: 'HTML' | 'Text' | 'Best';
  /** ExtendedFieldURI paths asked for (IndexedFieldURI: calendar items have none, so absent). */
  extended: ExtendedPath[];
}

function readShape(shapeNode: XNode | undefined, forFind: boolean): Shape | EwsError {
  const base = textAt(shapeNode, 'BaseShape') ?? 'Default';
  if (!['IdOnly', 'Default', 'AllProperties'].includes(base))
    return new EwsError('ErrorInvalidRequest', `The base shape '${base}' is not valid.`);
  const props = new Set<Prop>(
    base === 'IdOnly' ? [] : base === 'AllProperties' ? allProps(forFind) : DEFAULT_PROPS,
  );
  const paths = readAdditionalProperties(children(child(shapeNode, 'AdditionalProperties')));
  if (paths instanceof EwsError) return paths;
  const extended: ExtendedPath[] = [];
  for (const path of paths) {
    if (path.kind === 'extended') extended.push(path);
    if (path.kind !== 'field') continue;
    const prop = Object.hasOwn(FIELD_URI, path.uri) ? FIELD_URI[path.uri] : undefined;
    if (!prop) continue;
    if (forFind && NOT_IN_FIND.includes(prop)) return new EwsError('ErrorInvalidPropertyRequest');
    props.add(prop);
  }
  const bt = textAt(shapeNode, 'BodyType');
  return { props, bodyType: bt === 'Text' ? 'Text' : bt === 'HTML' ? 'HTML' : 'Best', extended };
}

// ---------------------------------------------------------------- MAPI properties and fields

const PR_IMPORTANCE = 0x0017;
const PR_MESSAGE_CLASS = 0x001a;
const PR_SENSITIVITY = 0x0036;
const PR_SUBJECT = 0x0037;
const PR_HASATTACH = 0x0e1b;
const PR_CREATION_TIME = 0x3007;
const PR_LAST_MODIFICATION_TIME = 0x3008;
/** PSETID_Appointment named properties (MS-OXPROPS), by PropertyId. */
const PID_LID_BUSY_STATUS = 0x8205;
const PID_LID_LOCATION = 0x8208;
const PID_LID_APPOINTMENT_START_WHOLE = 0x820d;
const PID_LID_APPOINTMENT_END_WHOLE = 0x820e;
const PID_LID_APPOINTMENT_SUB_TYPE = 0x8215;
const PID_LID_RECURRING = 0x8223;

/** The MAPI properties a calendar item (or occurrence) has, by extended key (properties.ts). */
function extendedValue(item: CalendarInstance, key: string): ExtendedValue | undefined {
  const str = (value: string): ExtendedValue => ({ type: 'String', value });
  const int = (value: number): ExtendedValue => ({ type: 'Integer', value: String(value) });
  const bool = (value: boolean): ExtendedValue => ({ type: 'Boolean', value: String(value) });
  const time = (iso: string): ExtendedValue => ({ type: 'SystemTime', value: formatUtc(Date.parse(iso)) });
  switch (key) {
    case tagKey(PR_SUBJECT):
      return str(item.subject);
    case tagKey(PR_MESSAGE_CLASS):
      return str('IPM.Appointment');
    case tagKey(PR_IMPORTANCE):
      return int(1);
    case tagKey(PR_SENSITIVITY):
      return int(item.isPrivate ? 2 : 0);
    case tagKey(PR_HASATTACH):
      return bool(false);
    case tagKey(PR_CREATION_TIME):
    case tagKey(PR_LAST_MODIFICATION_TIME):
      return time(item.created);
    case namedKey('Appointment', PID_LID_BUSY_STATUS):
      return int(Math.max(0, BUSY_TYPES.indexOf(item.busyType)));
    case namedKey('Appointment', PID_LID_LOCATION):
      return item.location !== undefined ? str(item.location) : undefined;
    case namedKey('Appointment', PID_LID_APPOINTMENT_START_WHOLE):
      return time(item.start);
    case namedKey('Appointment', PID_LID_APPOINTMENT_END_WHOLE):
      return time(item.end);
    case namedKey('Appointment', PID_LID_APPOINTMENT_SUB_TYPE):
      return bool(item.isAllDay);
    case namedKey('Appointment', PID_LID_RECURRING):
      return bool(item.recurrence !== undefined || item.occurrence !== undefined);
    default:
      return undefined;
  }
}

const organizerText = (c: CalendarItem): string => c.organizer;

/** What FindItem can restrict and sort calendar items on. */
const CALENDAR_FIELDS: Readonly<Record<string, FieldDef<CalendarInstance>>> = {
  'item:Subject': { kind: 'string', get: (c) => c.subject },
  'item:ItemClass': { kind: 'string', get: () => 'IPM.Appointment' },
  'item:Sensitivity': { kind: 'string', get: (c) => (c.isPrivate ? 'Private' : 'Normal') },
  'item:DateTimeReceived': { kind: 'date', get: (c) => c.created },
  'item:DateTimeCreated': { kind: 'date', get: (c) => c.created },
  'item:LastModifiedTime': { kind: 'date', get: (c) => c.created },
  'item:HasAttachments': { kind: 'boolean', get: () => false },
  'item:Body': { kind: 'string', get: (c) => (c.body !== undefined ? htmlToText(c.body) : undefined) },
  'calendar:Start': { kind: 'date', get: (c) => c.start },
  'calendar:End': { kind: 'date', get: (c) => c.end },
  'calendar:Location': { kind: 'string', get: (c) => c.location },
  'calendar:IsAllDayEvent': { kind: 'boolean', get: (c) => c.isAllDay },
  'calendar:IsMeeting': { kind: 'boolean', get: (c) => c.isMeeting },
  'calendar:IsCancelled': { kind: 'boolean', get: (c) => c.isCancelled },
  'calendar:IsRecurring': {
    kind: 'boolean',
    get: (c) => c.recurrence !== undefined || c.occurrence !== undefined,
  },
  'calendar:IsOnlineMeeting': { kind: 'boolean', get: (c) => c.isOnlineMeeting === true },
  'calendar:LegacyFreeBusyStatus': { kind: 'string', get: (c) => c.busyType },
  'calendar:CalendarItemType': { kind: 'string', get: (c) => itemType(c) },
  'calendar:Organizer': { kind: 'string', get: organizerText },
  'calendar:UID': { kind: 'string', get: (c) => c.uid },
};

const resolveCalendarField: FieldResolver<CalendarInstance> = (path) =>
  path.kind === 'field'
    ? Object.hasOwn(CALENDAR_FIELDS, path.uri)
      ? CALENDAR_FIELDS[path.uri]
      : undefined
    : extendedField(path, extendedValue);

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

function onlineSettingsXml(s: OnlineMeetingSettings | undefined): string {
  if (!s) return '';
  return el(
    't:OnlineMeetingSettings',
    undefined,
    leaf('t:LobbyBypass', s.lobbyBypass),
    leaf('t:AccessLevel', s.accessLevel),
    leaf('t:Presenters', s.presenters),
  );
}

function occurrenceInfoXml(tag: string, owner: Person, c: CalendarInstance | undefined): string {
  if (!c?.occurrence) return '';
  return el(
    tag,
    undefined,
    el('t:ItemId', {
      Id: encodeId('item', owner.id, c.id),
      ChangeKey: encodeChangeKey('item', c.changeKey),
    }),
    leaf('t:Start', formatUtc(Date.parse(c.start))),
    leaf('t:End', formatUtc(Date.parse(c.end))),
    leaf('t:OriginalStart', formatUtc(Date.parse(c.occurrence.originalStart))),
  );
}

function itemType(item: CalendarInstance): string {
  if (item.occurrence) return item.occurrence.isException ? 'Exception' : 'Occurrence';
  return item.recurrence ? 'RecurringMaster' : 'Single';
}

export function calendarItemXml(
  ctx: RequestContext,
  owner: Person,
  item: CalendarInstance,
  shape: Shape,
): string {
  const p = shape.props;
  const start = Date.parse(item.start);
  const end = Date.parse(item.end);
  const organizerIsMe = item.organizer.toLowerCase() === owner.smtp.toLowerCase();
  const required = item.attendees.filter((a) => a.type === 'Required');
  const optional = item.attendees.filter((a) => a.type === 'Optional');
  const resources = item.attendees.filter((a) => a.type === 'Resource');
  const occ = item.occurrence;
  const series = item.recurrence;
  // Only when FirstOccurrence or LastOccurrence is written: it walks the whole series.
  let endsCache: ReturnType<typeof firstAndLast> | undefined;
  const ends = (): ReturnType<typeof firstAndLast> => (endsCache ??= series ? firstAndLast(item) : {});
  const masterOf = (originalStart: string): CalendarInstance | undefined =>
    occurrenceAt(item, Date.parse(originalStart));
  const names = (list: Attendee[]): string =>
    list.map((a) => personBySmtp(ctx.call.org, a.smtp)?.displayName ?? a.smtp).join('; ');
  const writers: Record<Prop, () => string> = {
    ParentFolderId: () =>
      el('t:ParentFolderId', { Id: folderId(owner, 'calendar'), ChangeKey: encodeChangeKey('folder', '1') }),
    ItemClass: () => leaf('t:ItemClass', 'IPM.Appointment'),
    Subject: () => leaf('t:Subject', item.subject),
    Sensitivity: () => leaf('t:Sensitivity', item.isPrivate ? 'Private' : 'Normal'),
    Body: () => {
      const html = item.body ?? '';
      if (shape.bodyType === 'Text') return leaf('t:Body', htmlToText(html), { BodyType: 'Text' });
      return leaf('t:Body', html, { BodyType: 'HTML' });
    },
    DateTimeReceived: () => leaf('t:DateTimeReceived', formatUtc(Date.parse(item.created))),
    DateTimeCreated: () => leaf('t:DateTimeCreated', formatUtc(Date.parse(item.created))),
    HasAttachments: () => leaf('t:HasAttachments', false),
    DisplayCc: () => leaf('t:DisplayCc', names(optional)),
    DisplayTo: () => leaf('t:DisplayTo', names(required)),
    LastModifiedTime: () => leaf('t:LastModifiedTime', formatUtc(Date.parse(item.created))),
    UID: () =>
      leaf('t:UID', `040000008200E00074C5B7101A82E008${Buffer.from(item.uid).toString('hex').toUpperCase()}`),
    RecurrenceId: () => (occ ? leaf('t:RecurrenceId', formatUtc(Date.parse(occ.originalStart))) : ''),
    Start: () => leaf('t:Start', formatUtc(start)),
    End: () => leaf('t:End', formatUtc(end)),
    OriginalStart: () => (occ ? leaf('t:OriginalStart', formatUtc(Date.parse(occ.originalStart))) : ''),
    IsAllDayEvent: () => leaf('t:IsAllDayEvent', item.isAllDay),
    LegacyFreeBusyStatus: () => leaf('t:LegacyFreeBusyStatus', item.busyType),
    Location: () => leaf('t:Location', item.location ?? ''),
    IsMeeting: () => leaf('t:IsMeeting', item.isMeeting),
    IsCancelled: () => leaf('t:IsCancelled', item.isCancelled),
    IsRecurring: () => leaf('t:IsRecurring', occ !== undefined || series !== undefined),
    MeetingRequestWasSent: () =>
      leaf('t:MeetingRequestWasSent', item.meetingRequestWasSent ?? (item.isMeeting && organizerIsMe)),
    IsResponseRequested: () => leaf('t:IsResponseRequested', item.isMeeting),
    CalendarItemType: () => leaf('t:CalendarItemType', itemType(item)),
    MyResponseType: () => leaf('t:MyResponseType', myResponse(owner, item)),
    Organizer: () => el('t:Organizer', undefined, mailboxOf(ctx.call.org, item.organizer)),
    RequiredAttendees: () => attendeesXml(ctx, 't:RequiredAttendees', required),
    OptionalAttendees: () => attendeesXml(ctx, 't:OptionalAttendees', optional),
    Resources: () => attendeesXml(ctx, 't:Resources', resources),
    Duration: () => leaf('t:Duration', isoDuration(end - start)),
    TimeZone: () => leaf('t:TimeZone', item.timeZone),
    AppointmentSequenceNumber: () => leaf('t:AppointmentSequenceNumber', item.sequence ?? 0),
    AppointmentState: () =>
      leaf('t:AppointmentState', item.isMeeting ? (organizerIsMe ? 1 : 3) | (item.isCancelled ? 4 : 0) : 0),
    Recurrence: () => (series ? recurrenceXml(series, item.timeZone) : ''),
    FirstOccurrence: () => occurrenceInfoXml('t:FirstOccurrence', owner, ends().first),
    LastOccurrence: () => occurrenceInfoXml('t:LastOccurrence', owner, ends().last),
    ModifiedOccurrences: () => {
      const list = (item.modifiedOccurrences ?? [])
        .map((m) => masterOf(m.originalStart))
        .filter((c): c is CalendarInstance => c !== undefined)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      if (!series || list.length === 0) return '';
      return el(
        't:ModifiedOccurrences',
        undefined,
        ...list.map((c) => occurrenceInfoXml('t:Occurrence', owner, c)),
      );
    },
    DeletedOccurrences: () => {
      const list = [...(item.deletedOccurrences ?? [])].sort();
      if (!series || list.length === 0) return '';
      return el(
        't:DeletedOccurrences',
        undefined,
        ...list.map((d) => el('t:DeletedOccurrence', undefined, leaf('t:Start', formatUtc(Date.parse(d))))),
      );
    },
    IsOnlineMeeting: () => leaf('t:IsOnlineMeeting', item.isOnlineMeeting === true),
    StartTimeZoneId: () => leaf('t:StartTimeZoneId', windowsIdFromIana(item.timeZone)),
    EndTimeZoneId: () => leaf('t:EndTimeZoneId', windowsIdFromIana(item.timeZone)),
    JoinOnlineMeetingUrl: () => leaf('t:JoinOnlineMeetingUrl', item.onlineMeetingJoinUrl),
    OnlineMeetingSettings: () => onlineSettingsXml(item.onlineMeetingSettings),
    IsOrganizer: () => leaf('t:IsOrganizer', organizerIsMe),
  };
  const parts = [
    el('t:ItemId', {
      Id: encodeId('item', owner.id, item.id),
      ChangeKey: encodeChangeKey('item', item.changeKey),
    }),
  ];
  for (const prop of PROP_ORDER) {
    // ExtendedProperty sits between HasAttachments and LastModifiedTime in ItemType.
    if (prop === 'LastModifiedTime')
      parts.push(extendedPropertiesXml(shape.extended, (k) => extendedValue(item, k)));
    if (p.has(prop)) parts.push(writers[prop]());
  }
  return el('t:CalendarItem', undefined, ...parts);
}

// ---------------------------------------------------------------- CreateItem

function readAttendees(node: XNode | undefined, type: Attendee['type']): Attendee[] {
  return children(node, 'Attendee')
    .map((a) => textAt(a, 'Mailbox', 'EmailAddress') ?? '')
    .filter((s) => s !== '')
    .map((smtp) => ({ smtp, type, response: 'Unknown' as const }));
}

function readOnlineSettings(node: XNode | undefined): OnlineMeetingSettings | undefined {
  if (!node) return undefined;
  const lobby = textAt(node, 'LobbyBypass');
  const access = textAt(node, 'AccessLevel');
  const presenters = textAt(node, 'Presenters');
  return {
    lobbyBypass: lobby === 'EnabledForGatewayParticipants' ? lobby : 'Disabled',
    accessLevel: access === 'Locked' || access === 'Internal' || access === 'Everyone' ? access : 'Invited',
    presenters: presenters === 'Disabled' || presenters === 'Everyone' ? presenters : 'Internal',
  };
}

/**
 * A CalendarItem's t:Recurrence, with where its first occurrence falls: Exchange keeps a series'
 * Start and End on its first occurrence, at the wall-clock time the request's Start has in the
 * series' zone. Undefined for a single item.
 */
function readSeries(
  ci: XNode,
  zone: string,
  start: number,
  end: number,
): { recurrence: Recurrence; startMs: number; endMs: number } | EwsError | undefined {
  const node = child(ci, 'Recurrence');
  if (!node) return undefined;
  const recurrence = readRecurrence(node);
  if (recurrence instanceof EwsError) return recurrence;
  const probe = {
    id: 'new',
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    timeZone: zone,
    recurrence,
  } as CalendarItem;
  // The first pattern date is within the first (interval + 1) weeks or months of the range.
  const horizon =
    Date.parse(`${recurrence.range.startDate}T00:00:00Z`) + (recurrence.pattern.interval + 2) * 32 * DAY_MS;
  const first = patternOccurrences(probe, horizon)[0];
  if (!first) return new EwsError('ErrorRecurrenceHasNoOccurrence');
  return { recurrence, startMs: first.startMs, endMs: first.startMs + (end - start) };
}

function createCalendarItem(ctx: RequestContext, ci: XNode, mode: string | undefined, owner: Person): string {
  if (mode === undefined)
    return errorMessage('CreateItem', new EwsError('ErrorSendMeetingInvitationsRequired'));
  if (!(INVITATION_MODES as readonly string[]).includes(mode)) {
    return errorMessage(
      'CreateItem',
      new EwsError('ErrorInvalidRequest', `SendMeetingInvitations value '${mode}' is not valid.`),
    );
  }
  const tzId =
    child(ci, 'StartTimeZone')?.attrs.Id ??
    child(ci, 'MeetingTimeZone')?.attrs.TimeZoneName ??
    textAt(ci, 'StartTimeZoneId');
  const iana = (tzId !== undefined ? ianaFromWindowsId(tzId) : undefined) ?? headerTimeZone(ctx) ?? 'UTC';
  const zone = iana === 'UTC' ? UTC : ianaZone(iana);
  const startText = textAt(ci, 'Start');
  const endText = textAt(ci, 'End');
  if (startText === undefined || endText === undefined) {
    return errorMessage(
      'CreateItem',
      new EwsError('ErrorInvalidRequest', 'A calendar item needs Start and End.'),
    );
  }
  const start = parseDateTime(startText, zone);
  const end = parseDateTime(endText, zone);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return errorMessage(
      'CreateItem',
      new EwsError('ErrorInvalidRequest', 'Start or End is not a valid date and time.'),
    );
  }
  if (end < start)
    return errorMessage('CreateItem', new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate'));
  const series = readSeries(ci, iana, start, end);
  if (series instanceof EwsError) return errorMessage('CreateItem', series);

  const attendees = [
    ...readAttendees(child(ci, 'RequiredAttendees'), 'Required'),
    ...readAttendees(child(ci, 'OptionalAttendees'), 'Optional'),
    ...readAttendees(child(ci, 'Resources'), 'Resource'),
  ];
  const busyText = textAt(ci, 'LegacyFreeBusyStatus');
  const busyType: BusyType = BUSY_TYPES.find((b) => b === busyText) ?? 'Busy';
  const id = newId('cal');
  const now = new Date(callNow(ctx.call)).toISOString();
  const isMeeting = attendees.length > 0;
  const sends = mode !== 'SendToNone';
  const settings = readOnlineSettings(child(ci, 'OnlineMeetingSettings'));
  const item: CalendarItem = {
    id,
    changeKey: '1',
    uid: id,
    subject: textAt(ci, 'Subject') ?? '',
    location: textAt(ci, 'Location'),
    body: child(ci, 'Body')?.text,
    start: new Date(series?.startMs ?? start).toISOString(),
    end: new Date(series?.endMs ?? end).toISOString(),
    timeZone: iana,
    isAllDay: textAt(ci, 'IsAllDayEvent') === 'true',
    busyType,
    isMeeting,
    isCancelled: false,
    isPrivate: textAt(ci, 'Sensitivity') === 'Private' || textAt(ci, 'Sensitivity') === 'Confidential',
    organizer: owner.smtp,
    attendees,
    isOnlineMeeting: textAt(ci, 'IsOnlineMeeting') === 'true' || settings !== undefined,
    onlineMeetingJoinUrl: textAt(ci, 'JoinOnlineMeetingUrl'),
    created: now,
    onlineMeetingSettings: settings,
    meetingRequestWasSent: isMeeting && sends,
    sequence: 0,
    ...(series ? { recurrence: series.recurrence } : {}),
  };
  owner.calendar.push(item);

  if (isMeeting && sends) {
    for (const a of attendees) {
      const person = findPerson(ctx.call, a.smtp);
      if (!person || person.id === owner.id) continue;
      person.calendar.push({
        ...item,
        id: newId('cal'),
        changeKey: '1',
        uid: item.id,
        busyType: item.busyType === 'Free' ? 'Free' : 'Tentative',
        attendees: item.attendees.map((x) =>
          x.smtp.toLowerCase() === a.smtp.toLowerCase()
            ? { ...x, response: 'NoResponseReceived' as const }
            : { ...x },
        ),
        onlineMeetingSettings: settings ? { ...settings } : undefined,
        meetingRequestWasSent: false,
        created: now,
      });
    }
  }
  const idXml = el(
    't:CalendarItem',
    undefined,
    el('t:ItemId', { Id: encodeId('item', owner.id, id), ChangeKey: encodeChangeKey('item', '1') }),
  );
  return responseMessage('CreateItem', 'Success', 'NoError', el('m:Items', undefined, idXml));
}

/** Marks every attendee's copy of an organiser's meeting cancelled. */
function cancelAttendeeCopies(ctx: RequestContext, organizerItem: CalendarItem): void {
  for (const p of ctx.call.org.people) {
    for (const c of p.calendar) {
      if (c.uid === organizerItem.id && c.id !== organizerItem.id && !c.isCancelled) {
        c.isCancelled = true;
        c.subject = c.subject.startsWith('Canceled: ') ? c.subject : `Canceled: ${c.subject}`;
        c.busyType = 'Free';
        c.changeKey = nextChangeKey(c.changeKey);
        c.sequence = (c.sequence ?? 0) + 1;
      }
    }
  }
}

/**
 * Deletes one occurrence from its series (it joins DeletedOccurrences, loses any modification),
 * and from the attendees' copies of the series when the organiser tells them.
 */
function deleteOccurrence(
  ctx: RequestContext,
  master: CalendarItem,
  originalStart: string,
  tellAttendees: boolean,
): void {
  const drop = (c: CalendarItem): void => {
    c.deletedOccurrences = [...new Set([...(c.deletedOccurrences ?? []), originalStart])].sort();
    const mods = (c.modifiedOccurrences ?? []).filter((m) => m.originalStart !== originalStart);
    if (mods.length > 0) c.modifiedOccurrences = mods;
    else delete c.modifiedOccurrences;
    c.changeKey = nextChangeKey(c.changeKey);
  };
  drop(master);
  if (!tellAttendees) return;
  for (const p of ctx.call.org.people)
    for (const c of p.calendar) if (c !== master && c.uid === master.id && c.recurrence) drop(c);
}

export function isOrganizerCopy(owner: Person, item: CalendarItem): boolean {
  return item.uid === item.id && item.organizer.toLowerCase() === owner.smtp.toLowerCase();
}

function cancelCalendarItem(ctx: RequestContext, node: XNode, disposition: string | undefined): string {
  if (disposition === undefined)
    return errorMessage('CreateItem', new EwsError('ErrorMessageDispositionRequired'));
  const ref = child(node, 'ReferenceItemId');
  if (!ref) return errorMessage('CreateItem', new EwsError('ErrorInvalidIdEmpty'));
  const found = lookupItem(ctx, ref);
  if (found instanceof EwsError) return errorMessage('CreateItem', found);
  const { owner, item, master } = found;
  if (!changeKeyMatches(ref, item))
    return errorMessage('CreateItem', new EwsError('ErrorIrresolvableConflict'));
  if (!item.isMeeting || !isOrganizerCopy(owner, master ?? item)) {
    return errorMessage(
      'CreateItem',
      new EwsError('ErrorCalendarIsNotOrganizer', 'Only the organizer can cancel a meeting.'),
    );
  }
  if (master && item.occurrence) {
    deleteOccurrence(ctx, master, item.occurrence.originalStart, disposition !== 'SaveOnly');
    return responseMessage('CreateItem', 'Success', 'NoError', el('m:Items'));
  }
  if (disposition !== 'SaveOnly') cancelAttendeeCopies(ctx, item);
  owner.calendar.splice(owner.calendar.indexOf(item), 1);
  return responseMessage('CreateItem', 'Success', 'NoError', el('m:Items'));
}

export function createItem(ctx: RequestContext, req: XNode): string {
  const mode = req.attrs.SendMeetingInvitations;
  const disposition = req.attrs.MessageDisposition;
  let owner = ctx.mailbox;
  const saved = children(child(req, 'SavedItemFolderId'))[0];
  if (saved) {
    const ref = resolveFolder(ctx, saved);
    if (ref instanceof EwsError) return batchResponse('CreateItem', [errorMessage('CreateItem', ref)]);
    if (ref.def.name !== 'calendar') {
      return batchResponse('CreateItem', [
        errorMessage('CreateItem', new EwsError('ErrorCannotCreateCalendarItemInNonCalendarFolder')),
      ]);
    }
    owner = ref.owner;
  }
  const items = children(child(req, 'Items'));
  const messages = items.map((node) => {
    if (node.local === 'CalendarItem') return createCalendarItem(ctx, node, mode, owner);
    if (node.local === 'CancelCalendarItem') return cancelCalendarItem(ctx, node, disposition);
    if (isMeetingResponse(node.local)) return respondToMeeting(ctx, node, disposition);
    return errorMessage(
      'CreateItem',
      new EwsError(
        'ErrorInvalidItemForOperationCreateItem',
        `This server creates only calendar items and cancellations, not ${node.local}.`,
      ),
    );
  });
  return batchResponse('CreateItem', messages);
}

// ---------------------------------------------------------------- FindItem

const LATEST_FIRST: readonly SortKey[] = [
  { path: { kind: 'field', uri: 'calendar:Start' }, descending: true },
];
const byId = (a: CalendarInstance, b: CalendarInstance): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The request's time zone (TimeZoneContext), UTC without one: it reads dates written without an offset. */
function requestZone(ctx: RequestContext): Zone {
  const hz = headerTimeZone(ctx);
  return hz !== undefined && hz !== 'UTC' ? ianaZone(hz) : UTC;
}

/** A CalendarView: the series expanded into their occurrences over the range, as on Exchange. */
function calendarView(
  ctx: RequestContext,
  stored: CalendarItem[],
  view: XNode,
): { items: CalendarInstance[]; includesLast: boolean } | EwsError {
  const viewZone = requestZone(ctx);
  const from = parseDateTime(view.attrs.StartDate ?? '', viewZone);
  const to = parseDateTime(view.attrs.EndDate ?? '', viewZone);
  if (Number.isNaN(from) || Number.isNaN(to))
    return new EwsError('ErrorInvalidRequest', 'CalendarView needs StartDate and EndDate.');
  if (to < from) return new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate');
  if (to - from > CALENDAR_VIEW_MAX_DAYS * DAY_MS) return new EwsError('ErrorCalendarViewRangeTooBig');
  let items = expandCalendar(stored, from, to);
  items.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.subject.localeCompare(b.subject));
  const maxText = view.attrs.MaxEntriesReturned;
  const max = Math.min(maxText !== undefined ? Number(maxText) : FIND_COUNT_LIMIT, FIND_COUNT_LIMIT);
  if (items.length <= max) return { items, includesLast: true };
  items = items.slice(0, Math.max(0, max));
  return { items, includesLast: false };
}

/**
 * FindItem on a calendar folder: with a CalendarView, the occurrences in its range; without one,
 * the items as stored (a series is its master, not expanded), restricted, sorted and paged.
 */
function findCalendarItems(ctx: RequestContext, ref: FolderRef, req: XNode, shape: Shape): string {
  const stored =
    ref.def.name === 'calendar'
      ? ref.owner.calendar.filter((c) => !(c.isCancelled && isOrganizerCopy(ref.owner, c)))
      : [];
  const view = child(req, 'CalendarView');
  let items: CalendarInstance[];
  let attrs: Record<string, string | number | boolean>;
  if (view) {
    // Exchange refuses both with a CalendarView (its occurrences exist only in the view's range).
    if (child(req, 'Restriction') || child(req, 'SortOrder'))
      return errorMessage(
        'FindItem',
        new EwsError(
          'ErrorInvalidRestriction',
          'Restrictions and sort order may not be specified for a CalendarView.',
        ),
      );
    const found = calendarView(ctx, stored, view);
    if (found instanceof EwsError) return errorMessage('FindItem', found);
    items = found.items;
    attrs = { TotalItemsInView: items.length, IncludesLastItemInRange: found.includesLast };
  } else {
    let all: CalendarInstance[] = stored;
    const restriction = children(child(req, 'Restriction'))[0];
    if (restriction) {
      const zone = requestZone(ctx);
      const keep = compileRestriction(restriction, resolveCalendarField, {
        parseDate: (t) => parseDateTime(t, zone),
      });
      if (keep instanceof EwsError) return errorMessage('FindItem', keep);
      all = all.filter(keep);
    }
    const order = compileSort(child(req, 'SortOrder'), resolveCalendarField, LATEST_FIRST, byId);
    if (order instanceof EwsError) return errorMessage('FindItem', order);
    all = [...all].sort(order);
    const page = pageOf(readPagingView(req, 'Item'), all.length, FIND_COUNT_LIMIT);
    if (page instanceof EwsError) return errorMessage('FindItem', page);
    items = all.slice(page.from, page.to);
    attrs = page.attrs;
  }
  const root = el(
    'm:RootFolder',
    attrs,
    el('t:Items', undefined, ...items.map((c) => calendarItemXml(ctx, ref.owner, c, shape))),
  );
  return responseMessage('FindItem', 'Success', 'NoError', root);
}

export function findItem(ctx: RequestContext, req: XNode): string {
  const calendarShape = readShape(child(req, 'ItemShape'), true);
  const parents = children(child(req, 'ParentFolderIds'));
  const messages = parents.map((node) => {
    const ref = resolveFolder(ctx, node);
    if (ref instanceof EwsError) return errorMessage('FindItem', ref);
    if (isContactsFolder(ref)) return findContactItems(ctx, ref, req);
    if (calendarShape instanceof EwsError) return errorMessage('FindItem', calendarShape);
    return findCalendarItems(ctx, ref, req, calendarShape);
  });
  return batchResponse('FindItem', messages);
}

// ---------------------------------------------------------------- GetItem

export function getItem(ctx: RequestContext, req: XNode): string {
  const shape = readShape(child(req, 'ItemShape'), false);
  const contactShape = readContactShape(child(req, 'ItemShape'));
  const ids = children(child(req, 'ItemIds'));
  const messages = ids.map((node) => {
    if (shape instanceof EwsError) return errorMessage('GetItem', shape);
    if (!['ItemId', 'OccurrenceItemId', 'RecurringMasterItemId'].includes(node.local))
      return errorMessage('GetItem', new EwsError('ErrorInvalidIdMalformed'));
    const d = decodeId(node.attrs.Id ?? '');
    if (d?.kind === 'contact') {
      if (contactShape instanceof EwsError) return errorMessage('GetItem', contactShape);
      if (d.owner !== ctx.mailbox.id) return errorMessage('GetItem', new EwsError('ErrorAccessDenied'));
      const xml = contactXml(ctx, ctx.mailbox, d.id, contactShape);
      if (xml === undefined) return errorMessage('GetItem', new EwsError('ErrorItemNotFound'));
      return responseMessage('GetItem', 'Success', 'NoError', el('m:Items', undefined, xml));
    }
    const found = lookupItem(ctx, node);
    if (found instanceof EwsError) return errorMessage('GetItem', found);
    return responseMessage(
      'GetItem',
      'Success',
      'NoError',
      el('m:Items', undefined, calendarItemXml(ctx, found.owner, found.item, shape)),
    );
  });
  return batchResponse('GetItem', messages);
}

// ---------------------------------------------------------------- DeleteItem

export function deleteItem(ctx: RequestContext, req: XNode): string {
  const deleteType = req.attrs.DeleteType;
  const cancellations = req.attrs.SendMeetingCancellations;
  const ids = children(child(req, 'ItemIds'));
  if (!deleteType || !['HardDelete', 'SoftDelete', 'MoveToDeletedItems'].includes(deleteType)) {
    return batchResponse(
      'DeleteItem',
      ids.map(() =>
        errorMessage('DeleteItem', new EwsError('ErrorInvalidRequest', 'DeleteType is required.')),
      ),
    );
  }
  const messages = ids.map((node) => {
    const found = lookupItem(ctx, node);
    if (found instanceof EwsError) return errorMessage('DeleteItem', found);
    const { owner, item, master } = found;
    if (cancellations === undefined)
      return errorMessage('DeleteItem', new EwsError('ErrorSendMeetingCancellationsRequired'));
    if (master && item.occurrence) {
      const tell = master.isMeeting && isOrganizerCopy(owner, master) && cancellations !== 'SendToNone';
      deleteOccurrence(ctx, master, item.occurrence.originalStart, tell);
      return responseMessage('DeleteItem', 'Success', 'NoError');
    }
    if (item.isMeeting && isOrganizerCopy(owner, item) && cancellations !== 'SendToNone')
      cancelAttendeeCopies(ctx, item);
    owner.calendar.splice(owner.calendar.indexOf(item), 1);
    return responseMessage('DeleteItem', 'Success', 'NoError');
  });
  return batchResponse('DeleteItem', messages);
}
