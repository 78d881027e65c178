/**
 * An attendee's answer to a meeting (AcceptItem, TentativelyAcceptItem, DeclineItem: response
 * objects sent with CreateItem), as Exchange carries it out: the attendee's own copy takes the
 * answer (a declined meeting leaves their calendar, so their free/busy frees up; an accepted one
 * shows the organiser's busy status, a tentative one Tentative), and when the answer is sent the
 * organiser's copy records it against that attendee (what Outlook's tracking tab shows).
 */
import type { Attendee, CalendarItem, Person } from '../org/types';
import { changeKeyMatches, isOrganizerCopy, lookupItem } from './calendar';
import { nextChangeKey } from './ids';
import { personBySmtp } from './persona';
import { EwsError, errorMessage, responseMessage, type RequestContext } from './soap';
import { child, el, type XNode } from './xml';

type Answer = 'Accept' | 'Tentative' | 'Decline';

const ANSWERS: Record<string, Answer> = {
  AcceptItem: 'Accept',
  TentativelyAcceptItem: 'Tentative',
  DeclineItem: 'Decline',
};

/** Exchange's code for answering a meeting one organises, per answer. */
const IS_ORGANIZER: Record<Answer, string> = {
  Accept: 'ErrorCalendarIsOrganizerForAccept',
  Tentative: 'ErrorCalendarIsOrganizerForTentative',
  Decline: 'ErrorCalendarIsOrganizerForDecline',
};
const IS_CANCELLED: Record<Answer, string> = {
  Accept: 'ErrorCalendarIsCancelledForAccept',
  Tentative: 'ErrorCalendarIsCancelledForTentative',
  Decline: 'ErrorCalendarIsCancelledForDecline',
};

/** Whether an item of a CreateItem is one of the response objects handled here. */
export function isMeetingResponse(local: string): boolean {
  return local in ANSWERS;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function withResponse(attendees: Attendee[], smtp: string, response: Answer): Attendee[] {
  return attendees.map((a) => (same(a.smtp, smtp) ? { ...a, response } : a));
}

/** The organiser's own copy of the meeting an attendee's copy belongs to. */
function organizerCopy(
  ctx: RequestContext,
  copy: CalendarItem,
): { owner: Person; item: CalendarItem } | undefined {
  const owner = personBySmtp(ctx.call.org, copy.organizer);
  const item = owner?.calendar.find((c) => c.id === copy.uid && isOrganizerCopy(owner, c));
  return owner && item ? { owner, item } : undefined;
}

export function respondToMeeting(ctx: RequestContext, node: XNode, disposition: string | undefined): string {
  const answer = ANSWERS[node.local];
  if (!answer) return errorMessage('CreateItem', new EwsError('ErrorInvalidRequest'));
  if (disposition === undefined)
    return errorMessage('CreateItem', new EwsError('ErrorMessageDispositionRequired'));
  const ref = child(node, 'ReferenceItemId');
  if (!ref) return errorMessage('CreateItem', new EwsError('ErrorInvalidIdEmpty'));
  const found = lookupItem(ctx, ref);
  if (found instanceof EwsError) return errorMessage('CreateItem', found);
  const { owner, item } = found;
  if (!changeKeyMatches(ref, item))
    return errorMessage('CreateItem', new EwsError('ErrorIrresolvableConflict'));
  if (!item.isMeeting || isOrganizerCopy(owner, item) || same(item.organizer, owner.smtp))
    return errorMessage(
      'CreateItem',
      new EwsError(IS_ORGANIZER[answer], 'Only an attendee can answer a meeting request.'),
    );
  if (item.isCancelled)
    return errorMessage('CreateItem', new EwsError(IS_CANCELLED[answer], 'The meeting was cancelled.'));

  // The organiser hears of it only when the answer is sent.
  if (disposition !== 'SaveOnly') {
    const org = organizerCopy(ctx, item);
    if (org) {
      org.item.attendees = withResponse(org.item.attendees, owner.smtp, answer);
      org.item.changeKey = nextChangeKey(org.item.changeKey);
    }
  }
  if (answer === 'Decline') {
    owner.calendar.splice(owner.calendar.indexOf(item), 1);
  } else {
    item.attendees = withResponse(item.attendees, owner.smtp, answer);
    const organizersStatus = organizerCopy(ctx, item)?.item.busyType ?? 'Busy';
    item.busyType = answer === 'Tentative' && organizersStatus !== 'Free' ? 'Tentative' : organizersStatus;
    item.changeKey = nextChangeKey(item.changeKey);
  }
  return responseMessage('CreateItem', 'Success', 'NoError', el('m:Items'));
}
