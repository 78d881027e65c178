/**
 * Writes one meeting into its organiser's calendar and a copy into each attendee's, the way
 * Exchange keeps them: same uid, same times, the attendee's copy Tentative until they accept.
 * Shared by the generator's weeks around the epoch and its realistic day.
 */
import type { Rng } from './random';
import type { Attendee, BusyType, CalendarItem, ModifiedOccurrence, Person, Recurrence } from './types';

const DAY = 86_400_000;

export interface ItemFields {
  subject: string;
  busyType: BusyType;
  isAllDay?: boolean;
  location?: string;
  online?: boolean;
  /** Makes the item a recurring series' master: startMs/endMs are then its first occurrence. */
  series?: {
    recurrence: Recurrence;
    modifiedOccurrences?: readonly ModifiedOccurrence[];
    deletedOccurrences?: readonly string[];
  };
}

export type AddItem = (
  organizer: Person,
  startMs: number,
  endMs: number,
  fields: ItemFields,
  attendees: readonly Person[],
  /** Each attendee's response, instead of a seeded draw. */
  responses?: readonly NonNullable<Attendee['response']>[],
) => void;

const iso = (ms: number): string => new Date(ms).toISOString();

function weightedResponse(rng: Rng): Attendee['response'] {
  const r = rng.next();
  // The same subtraction as the generator's weighted() so seeded orgs stay byte-identical.
  return r < 0.6 ? 'Accept' : r - 0.6 < 0.2 ? 'Tentative' : 'NoResponseReceived';
}

/** Item ids are `${idPrefix}-000001`…, unique per writer; the rng draws stay in a fixed order per call. */
export function calendarWriter(rng: Rng, domain: string, idPrefix: string): AddItem {
  let counter = 0;
  const nextId = (): string => `${idPrefix}-${(++counter).toString(36).padStart(6, '0')}`;
  return (organizer, startMs, endMs, fields, who, responses) => {
    const uid = nextId();
    const attendees: Attendee[] = who.map((p, k) => ({
      smtp: p.smtp,
      type: rng.chance(0.8) ? 'Required' : 'Optional',
      response: responses?.[k] ?? weightedResponse(rng),
    }));
    const isMeeting = attendees.length > 0;
    const created = iso(startMs - rng.int(1, 30) * DAY);
    const start = iso(startMs);
    const end = iso(endMs);
    const joinUrl = fields.online
      ? `https://meet.${domain}/${organizer.smtp.split('@')[0] ?? ''}/${rng.u32().toString(36).toUpperCase()}`
      : undefined;
    const timeZone = organizer.workingHours.timeZone;
    // One literal shape for every copy (cheaper than spreads at 10,000 people).
    const copy = (id: string, busyType: BusyType): CalendarItem => {
      const item: CalendarItem = {
        id,
        changeKey: 'CQAAAA==',
        uid,
        subject: fields.subject,
        location: fields.location ?? '',
        body: isMeeting ? `<p>${fields.subject}</p>` : '',
        start,
        end,
        timeZone,
        isAllDay: fields.isAllDay ?? false,
        busyType,
        isMeeting,
        isCancelled: false,
        organizer: organizer.smtp,
        attendees: attendees.map((a) => ({ smtp: a.smtp, type: a.type, response: a.response })),
        created,
      };
      if (joinUrl) {
        item.isOnlineMeeting = true;
        item.onlineMeetingJoinUrl = joinUrl;
      }
      const series = fields.series;
      if (series) {
        // Every copy owns its series data: deleting an occurrence in one calendar leaves the others.
        item.recurrence = structuredClone(series.recurrence);
        if (series.modifiedOccurrences?.length)
          item.modifiedOccurrences = series.modifiedOccurrences.map((m) => ({ ...m }));
        if (series.deletedOccurrences?.length) item.deletedOccurrences = [...series.deletedOccurrences];
      }
      return item;
    };
    organizer.calendar.push(copy(uid, fields.busyType));
    attendees.forEach((a, k) => {
      (who[k] as Person).calendar.push(
        copy(`${uid}.${k + 1}`, a.response === 'Accept' ? fields.busyType : 'Tentative'),
      );
    });
  };
}
