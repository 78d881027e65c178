/**
 * m:FreeBusyView (GetUserAvailability) read fast: the merged free/busy string, the calendar events
 * and the working hours with their time zone rules, the same values readAvailability takes from
 * the tree. One view per mailbox: the tree then holds only the envelope, the response messages
 * and one stand-in per view.
 */
import {
  transitionFromTexts,
  workingHoursFromTexts,
  type BusyType,
  type CalendarEvent,
  type FreeBusyViewValue,
  type TransitionTexts,
} from '../operations/availability';
import { FastItem, type Shape } from './item';
import { fastUtc } from './time';

interface Event {
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

interface State {
  merged: string | undefined;
  events: CalendarEvent[];
  ev: Event;
  workingHours: boolean;
  tz: { bias: string | undefined } | undefined;
  /** StandardTime, DaylightTime (each once seen). */
  transitions: [TransitionTexts | undefined, TransitionTexts | undefined];
  transition: TransitionTexts;
  period: { days: string | undefined; start: string | undefined; end: string | undefined } | undefined;
}

const newEvent = (): Event => ({
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
});

/** readEvent's answer from the texts (the first of each name, as `child()` finds it). */
function finishEvent(e: Event): CalendarEvent {
  const out: CalendarEvent = {
    start: fastUtc(e.start ?? ''),
    end: fastUtc(e.end ?? ''),
    busyType: (e.busy?.trim() as BusyType | undefined) ?? 'Busy',
  };
  if (e.details) {
    const subject = e.subject?.trim();
    if (subject) out.subject = subject;
    const location = e.location?.trim();
    if (location) out.location = location;
    if (e.isMeeting !== undefined) out.isMeeting = e.isMeeting.trim() === 'true';
    if (e.isPrivate !== undefined) out.isPrivate = e.isPrivate.trim() === 'true';
    // Set only when true, as readEvent does.
    if (e.isRecurring?.trim() === 'true') out.isRecurring = true;
    if (e.isException?.trim() === 'true') out.isException = true;
  }
  return out;
}

const event: Shape<State> = {
  each: true,
  begin: (s) => void (s.ev = newEvent()),
  end: (s) => void s.events.push(finishEvent(s.ev)),
  kids: {
    StartTime: { leaf: (s, t) => void (s.ev.start = t) },
    EndTime: { leaf: (s, t) => void (s.ev.end = t) },
    BusyType: { leaf: (s, t) => void (s.ev.busy = t) },
    CalendarEventDetails: {
      begin: (s) => void (s.ev.details = true),
      kids: {
        Subject: { leaf: (s, t) => void (s.ev.subject = t) },
        Location: { leaf: (s, t) => void (s.ev.location = t) },
        IsMeeting: { leaf: (s, t) => void (s.ev.isMeeting = t) },
        IsPrivate: { leaf: (s, t) => void (s.ev.isPrivate = t) },
        IsRecurring: { leaf: (s, t) => void (s.ev.isRecurring = t) },
        IsException: { leaf: (s, t) => void (s.ev.isException = t) },
      },
    },
  },
};

/** t:StandardTime (0) or t:DaylightTime (1) of a SerializableTimeZone. */
function transition(i: 0 | 1): Shape<State> {
  return {
    begin: (s) => void (s.transitions[i] = s.transition = {}),
    kids: {
      Bias: { leaf: (s, t) => void (s.transition.bias = t) },
      Time: { leaf: (s, t) => void (s.transition.time = t) },
      DayOrder: { leaf: (s, t) => void (s.transition.dayOrder = t) },
      Month: { leaf: (s, t) => void (s.transition.month = t) },
      DayOfWeek: { leaf: (s, t) => void (s.transition.dayOfWeek = t) },
      Year: { leaf: (s, t) => void (s.transition.year = t) },
    },
  };
}

const shape: Shape<State> = {
  kids: {
    MergedFreeBusy: { leaf: (s, t) => void (s.merged = t) },
    CalendarEventArray: { kids: { CalendarEvent: event } },
    WorkingHours: {
      begin: (s) => void (s.workingHours = true),
      kids: {
        TimeZone: {
          begin: (s) => void (s.tz = { bias: undefined }),
          kids: {
            Bias: { leaf: (s, t) => void (s.tz!.bias = t) },
            StandardTime: transition(0),
            DaylightTime: transition(1),
          },
        },
        WorkingPeriodArray: {
          kids: {
            WorkingPeriod: {
              begin: (s) => void (s.period = { days: undefined, start: undefined, end: undefined }),
              kids: {
                DayOfWeek: { leaf: (s, t) => void (s.period!.days = t) },
                StartTimeInMinutes: { leaf: (s, t) => void (s.period!.start = t) },
                EndTimeInMinutes: { leaf: (s, t) => void (s.period!.end = t) },
              },
            },
          },
        },
      },
    },
  },
};

function finish(s: State): FreeBusyViewValue {
  const out: FreeBusyViewValue = { merged: s.merged?.trim() ?? '', events: s.events };
  if (s.workingHours && s.period) {
    const [standard, daylight] = s.transitions;
    const tz = s.tz
      ? {
          bias: s.tz.bias,
          standard: standard && transitionFromTexts(standard),
          daylight: daylight && transitionFromTexts(daylight),
        }
      : undefined;
    out.workingHours = workingHoursFromTexts(tz, s.period);
  }
  return out;
}

export const FAST_FREE_BUSY_VIEW = new FastItem<FreeBusyViewValue, State>(
  shape,
  () => ({
    merged: undefined,
    events: [],
    ev: newEvent(),
    workingHours: false,
    tz: undefined,
    transitions: [undefined, undefined],
    transition: {},
    period: undefined,
  }),
  finish,
);

/** For CallOptions.typed: each mailbox's free/busy view read fast. */
export const fastFreeBusyViews = () => ({ FreeBusyView: FAST_FREE_BUSY_VIEW.reader() });
