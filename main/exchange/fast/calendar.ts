/** t:CalendarItem (FindItem CalendarView, GetItem) read fast: the same CalendarItem as readCalendarItem. */
import {
  calendarItemType,
  readDeletedOccurrences,
  readModifiedOccurrences,
  readOccurrenceRef,
  readRecurrence,
  type Attendee,
  type CalendarItem,
} from '../operations/calendar';
import type { XElement } from '../soap';
import { attr, FastItem, type Shape } from './item';
import { fastUtc } from './time';

interface Person {
  email: string | undefined;
  name: string | undefined;
  response: string | undefined;
}

interface State {
  id: string | undefined;
  changeKey: string | undefined;
  subject: string | undefined;
  start: string | undefined;
  end: string | undefined;
  isAllDay: string | undefined;
  location: string | undefined;
  busy: string | undefined;
  isMeeting: string | undefined;
  isCancelled: string | undefined;
  body: string | undefined;
  required: Attendee[];
  optional: Attendee[];
  /** The attendee being read, and the organizer's mailbox once seen. */
  who: Person;
  organizer: Person | undefined;
  myResponse: string | undefined;
  isOnline: string | undefined;
  join: string | undefined;
  itemType: string | undefined;
  isRecurring: string | undefined;
  originalStart: string | undefined;
  recurrenceId: string | undefined;
  /** A master's series elements, built as the tree holds them for the reference readers. */
  recurrence: XElement | undefined;
  first: XElement | undefined;
  last: XElement | undefined;
  modified: XElement | undefined;
  deleted: XElement | undefined;
}

const person = (): Person => ({ email: undefined, name: undefined, response: undefined });

function attendee(p: Person): Attendee {
  const out: Attendee = { email: p.email?.trim() ?? '' };
  const name = p.name?.trim();
  if (name) out.name = name;
  const resp = p.response?.trim();
  if (resp) out.response = resp;
  return out;
}

const mailbox: Shape<State> = {
  kids: {
    EmailAddress: { leaf: (s, t) => void (s.who.email = t) },
    Name: { leaf: (s, t) => void (s.who.name = t) },
  },
};

function attendees(list: 'required' | 'optional'): Shape<State> {
  return {
    kids: {
      Attendee: {
        each: true,
        begin: (s) => void (s.who = person()),
        end: (s) => void s[list].push(attendee(s.who)),
        kids: { Mailbox: mailbox, ResponseType: { leaf: (s, t) => void (s.who.response = t) } },
      },
    },
  };
}

const shape: Shape<State> = {
  kids: {
    ItemId: {
      begin: (s, a) => {
        s.id = attr(a, 'Id');
        s.changeKey = attr(a, 'ChangeKey');
      },
    },
    Subject: { leaf: (s, t) => void (s.subject = t) },
    Start: { leaf: (s, t) => void (s.start = t) },
    End: { leaf: (s, t) => void (s.end = t) },
    IsAllDayEvent: { leaf: (s, t) => void (s.isAllDay = t) },
    RequiredAttendees: attendees('required'),
    OptionalAttendees: attendees('optional'),
    Location: { leaf: (s, t) => void (s.location = t) },
    LegacyFreeBusyStatus: { leaf: (s, t) => void (s.busy = t) },
    IsMeeting: { leaf: (s, t) => void (s.isMeeting = t) },
    IsCancelled: { leaf: (s, t) => void (s.isCancelled = t) },
    Organizer: {
      kids: {
        Mailbox: {
          begin: (s) => void (s.who = s.organizer = person()),
          kids: mailbox.kids!,
        },
      },
    },
    Body: { leaf: (s, t) => void (s.body = t) },
    MyResponseType: { leaf: (s, t) => void (s.myResponse = t) },
    IsOnlineMeeting: { leaf: (s, t) => void (s.isOnline = t) },
    JoinOnlineMeetingUrl: { leaf: (s, t) => void (s.join = t) },
    CalendarItemType: { leaf: (s, t) => void (s.itemType = t) },
    IsRecurring: { leaf: (s, t) => void (s.isRecurring = t) },
    OriginalStart: { leaf: (s, t) => void (s.originalStart = t) },
    RecurrenceId: { leaf: (s, t) => void (s.recurrenceId = t) },
    // Rare (a master, from GetItem) and intricate: read by the reference readers.
    Recurrence: { tree: (s, e) => void (s.recurrence = e) },
    FirstOccurrence: { tree: (s, e) => void (s.first = e) },
    LastOccurrence: { tree: (s, e) => void (s.last = e) },
    ModifiedOccurrences: { tree: (s, e) => void (s.modified = e) },
    DeletedOccurrences: { tree: (s, e) => void (s.deleted = e) },
  },
};

function finish(s: State): CalendarItem {
  const out = { id: s.id ?? '' } as CalendarItem;
  if (s.changeKey) out.changeKey = s.changeKey;
  out.subject = s.subject ?? '';
  out.start = fastUtc(s.start ?? '');
  out.end = fastUtc(s.end ?? '');
  out.isAllDay = s.isAllDay?.trim() === 'true';
  out.required = s.required;
  out.optional = s.optional;
  const loc = s.location?.trim();
  if (loc) out.location = loc;
  const busy = s.busy?.trim();
  if (busy) out.busyType = busy;
  if (s.isMeeting !== undefined) out.isMeeting = s.isMeeting.trim() === 'true';
  if (s.isCancelled !== undefined) out.isCancelled = s.isCancelled.trim() === 'true';
  if (s.organizer) {
    const o: Attendee = { email: s.organizer.email?.trim() ?? '' };
    const n = s.organizer.name?.trim();
    if (n) o.name = n;
    out.organizer = o;
  }
  if (s.body !== undefined) out.body = s.body;
  const mine = s.myResponse?.trim();
  if (mine) out.myResponse = mine;
  if (s.isOnline !== undefined) out.isOnlineMeeting = s.isOnline.trim() === 'true';
  const join = s.join?.trim();
  if (join) out.joinOnlineMeetingUrl = join;
  // readSeriesFields
  if (s.itemType !== undefined) out.itemType = calendarItemType(s.itemType.trim());
  if (s.isRecurring !== undefined) out.isRecurring = s.isRecurring.trim() === 'true';
  const original = s.originalStart ?? s.recurrenceId;
  if (original !== undefined) out.originalStart = fastUtc(original);
  const recurrence = readRecurrence(s.recurrence);
  if (recurrence) out.recurrence = recurrence;
  const first = readOccurrenceRef(s.first);
  if (first) out.firstOccurrence = first;
  const last = readOccurrenceRef(s.last);
  if (last) out.lastOccurrence = last;
  if (s.modified) out.modifiedOccurrences = readModifiedOccurrences(s.modified);
  if (s.deleted) out.deletedOccurrences = readDeletedOccurrences(s.deleted);
  return out;
}

export const FAST_CALENDAR_ITEM = new FastItem<CalendarItem, State>(
  shape,
  () => ({
    id: undefined,
    changeKey: undefined,
    subject: undefined,
    start: undefined,
    end: undefined,
    isAllDay: undefined,
    location: undefined,
    busy: undefined,
    isMeeting: undefined,
    isCancelled: undefined,
    body: undefined,
    required: [],
    optional: [],
    who: person(),
    organizer: undefined,
    myResponse: undefined,
    isOnline: undefined,
    join: undefined,
    itemType: undefined,
    isRecurring: undefined,
    originalStart: undefined,
    recurrenceId: undefined,
    recurrence: undefined,
    first: undefined,
    last: undefined,
    modified: undefined,
    deleted: undefined,
  }),
  finish,
);

/** For CallOptions.typed: calendar items read fast. */
export const fastCalendarItems = () => ({ CalendarItem: FAST_CALENDAR_ITEM.reader() });
