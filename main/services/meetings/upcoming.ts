/**
 * My calendar's items → the contract's Meeting: who organises, my answer, each attendee's answer,
 * and the join link, found in the item's online-meeting field (Exchange 2013+) or in the body (a
 * Lync invitation's "Join online meeting" link). Pure. Only https links come out: a body is
 * whatever the organiser's client wrote, so javascript:, data:, http: and links with credentials
 * are refused.
 */
import type { Meeting, MeetingResponse } from '../../../preload/contract';
import type { Attendee, CalendarItem } from '../../exchange/operations/calendar';
import { ONLINE_MEETING_ATTR } from './invitation';
import { decodeEntities, safeHttpsUrl } from './links';

/** EWS ResponseType / MyResponseType → the contract's answer. */
const RESPONSES: ReadonlyMap<string, MeetingResponse> = new Map([
  ['Organizer', 'organizer'],
  ['Accept', 'accepted'],
  ['Tentative', 'tentative'],
  ['Decline', 'declined'],
  ['NoResponseReceived', 'no-response'],
  ['Unknown', 'unknown'],
]);

export function responseOf(ews: string | undefined): MeetingResponse {
  return (ews && RESPONSES.get(ews)) || 'unknown';
}

export interface JoinLink {
  url: string;
  /** Set when the link is one this app created (the invitation names the online meeting's id). */
  onlineMeetingId?: string;
}

/** The text of a link, or its target, that says it joins a meeting (Lync, Skype, Teams; EN and FR). */
const JOIN_TEXT = /\b(join|rejoindre|participer)\b.*\b(meeting|réunion|reunion|lync|skype|teams)\b/i;
/** Hosts and paths of the online-meeting services Roster knows (Lync's meet.*, Teams' meetup-join). */
function looksLikeMeetingUrl(url: string): boolean {
  const u = new URL(url);
  return /^(meet|lync|lyncweb|join)\./i.test(u.hostname) || /\/meetup-join\//i.test(u.pathname);
}

function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const m = re.exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/** The join link of an HTML body: the one this app marked, else the first that reads or looks like one. */
export function joinLinkInBody(html: string | undefined): JoinLink | undefined {
  if (!html) return undefined;
  const anchors = [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)].map((m) => ({
    attrs: m[1] ?? '',
    text: decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, '')).trim(),
  }));
  let fallback: JoinLink | undefined;
  for (const a of anchors) {
    const url = safeHttpsUrl(attr(a.attrs, 'href'));
    if (!url) continue;
    const id = attr(a.attrs, ONLINE_MEETING_ATTR)?.trim();
    if (id) return { url, onlineMeetingId: id };
    if (!fallback && (JOIN_TEXT.test(a.text) || looksLikeMeetingUrl(url))) fallback = { url };
  }
  return fallback;
}

/** The join link of an item: Exchange's own field first, then the body. */
export function joinLinkOf(item: Pick<CalendarItem, 'joinOnlineMeetingUrl' | 'body'>): JoinLink | undefined {
  const inBody = joinLinkInBody(item.body);
  const field = safeHttpsUrl(item.joinOnlineMeetingUrl);
  if (field) return inBody?.url === field ? inBody : { url: field };
  return inBody;
}

const same = (a: string | undefined, b: string): boolean =>
  a?.trim().toLowerCase() === b.trim().toLowerCase();

function attendee(a: Attendee, required: boolean): Meeting['attendees'][number] {
  return {
    email: a.email,
    ...(a.name ? { displayName: a.name } : {}),
    required,
    response: responseOf(a.response),
  };
}

/** One calendar item, for `me` (the signed-in address). */
export function toMeeting(item: CalendarItem, me: string): Meeting {
  const organizerEmail = item.organizer?.email || me;
  const isOrganizer = item.myResponse === 'Organizer' || same(organizerEmail, me);
  const meeting: Meeting = {
    id: item.id,
    subject: item.subject,
    start: item.start,
    end: item.end,
    organizer: { email: organizerEmail, displayName: item.organizer?.name ?? organizerEmail },
    isOrganizer,
    myResponse: isOrganizer ? 'organizer' : responseOf(item.myResponse),
    attendees: [
      ...item.required.map((a) => attendee(a, true)),
      ...item.optional.map((a) => attendee(a, false)),
    ],
    isAllDay: item.isAllDay,
    isRecurring: item.isRecurring === true,
    isCancelled: item.isCancelled === true,
  };
  if (item.changeKey) meeting.changeKey = item.changeKey;
  if (item.location) meeting.location = item.location;
  const link = joinLinkOf(item);
  if (link) meeting.joinUrl = link.url;
  return meeting;
}
