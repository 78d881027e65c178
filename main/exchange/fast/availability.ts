/** t:CalendarEvent (GetUserAvailability) read fast: the same CalendarEvent as the tree reader. */
import type { BusyType, CalendarEvent } from '../operations/availability';
import { FastItem, type Shape } from './item';
import { fastUtc } from './time';

interface State {
  start: string | undefined;
  end: string | undefined;
  busy: string | undefined;
  details: boolean;
  subject: string | undefined;
  location: string | undefined;
  isMeeting: string | undefined;
  isPrivate: string | undefined;
  isRecurring: string | undefined;
  isException: string | undefined;
}

const shape: Shape<State> = {
  kids: {
    StartTime: { leaf: (s, t) => void (s.start = t) },
    EndTime: { leaf: (s, t) => void (s.end = t) },
    BusyType: { leaf: (s, t) => void (s.busy = t) },
    CalendarEventDetails: {
      begin: (s) => void (s.details = true),
      kids: {
        Subject: { leaf: (s, t) => void (s.subject = t) },
        Location: { leaf: (s, t) => void (s.location = t) },
        IsMeeting: { leaf: (s, t) => void (s.isMeeting = t) },
        IsPrivate: { leaf: (s, t) => void (s.isPrivate = t) },
        IsRecurring: { leaf: (s, t) => void (s.isRecurring = t) },
        IsException: { leaf: (s, t) => void (s.isException = t) },
      },
    },
  },
};

function finish(s: State): CalendarEvent {
  const out: CalendarEvent = {
    start: fastUtc(s.start ?? ''),
    end: fastUtc(s.end ?? ''),
    busyType: (s.busy?.trim() as BusyType | undefined) ?? 'Busy',
  };
  if (s.details) {
    const subject = s.subject?.trim();
    if (subject) out.subject = subject;
    const location = s.location?.trim();
    if (location) out.location = location;
    if (s.isMeeting !== undefined) out.isMeeting = s.isMeeting.trim() === 'true';
    if (s.isPrivate !== undefined) out.isPrivate = s.isPrivate.trim() === 'true';
    // Set only when true, as readEvent does.
    if (s.isRecurring?.trim() === 'true') out.isRecurring = true;
    if (s.isException?.trim() === 'true') out.isException = true;
  }
  return out;
}

export const FAST_CALENDAR_EVENT = new FastItem<CalendarEvent, State>(
  shape,
  () => ({
    start: undefined,
    end: undefined,
    busy: undefined,
    details: false,
    subject: undefined,
    location: undefined,
    isMeeting: undefined,
    isPrivate: undefined,
    isRecurring: undefined,
    isException: undefined,
  }),
  finish,
);

/** For CallOptions.typed: availability events read fast. */
export const fastCalendarEvents = () => ({ CalendarEvent: FAST_CALENDAR_EVENT.reader() });
