/**
 * Lync's "Meeting Options" (the provider-neutral OnlineMeetingRequest) ↔ UCWA's myOnlineMeeting,
 * as pure functions with a table each.
 */
import type {
  AccessLevel,
  LeaderAssignment,
  MyOnlineMeetingInput,
  UcwaDialIn,
  UcwaMeeting,
} from '../../exchange/ucwa';
import { AppError } from '../../errors';
import type { OnlineMeeting, OnlineMeetingRequest } from './online';

/** "These people don't have to wait in the lobby" → accessLevel. */
export const ACCESS_LEVEL: Readonly<Record<OnlineMeetingRequest['access'], AccessLevel>> = {
  everyone: 'Everyone',
  'same-enterprise': 'SameEnterprise',
  invited: 'Invited',
  locked: 'Locked',
};

/**
 * "Who's a presenter?" → automaticLeaderAssignment. The organizer alone and "people I choose" are
 * both `Disabled` (nobody promoted on joining); the chosen ones go in `leaders`.
 */
export const LEADER_ASSIGNMENT: Readonly<Record<OnlineMeetingRequest['presenters'], LeaderAssignment>> = {
  everyone: 'Everyone',
  'same-enterprise': 'SameEnterprise',
  organizer: 'Disabled',
  'people-i-choose': 'Disabled',
};

/**
 * How long the join link outlives the meeting: a fortnight, so a late follow-up or a meeting
 * moved by a few days still finds its conference (our choice; Lync accepts any future instant).
 */
export const EXPIRY_AFTER_END_MS = 14 * 86_400_000;

const ADDRESS = /^[^\s@<>"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const MAX_SUBJECT = 256;

/** An SMTP or SIP address → `sip:` URI (Lync's usual deployment: SIP address = e-mail). */
export function toSipUri(address: string): string {
  const bare = address.trim().replace(/^sip:/i, '');
  if (!ADDRESS.test(bare))
    throw new AppError('bad-input', `“${bare.slice(0, 80)}” is not an address.`, { code: 'BadAddress' });
  return `sip:${bare}`;
}

function uniqueSips(addresses: readonly string[], except: string): string[] {
  const out: string[] = [];
  const seen = new Set([except.toLowerCase()]);
  for (const a of addresses) {
    const sip = toSipUri(a);
    if (!seen.has(sip.toLowerCase())) out.push(sip);
    seen.add(sip.toLowerCase());
  }
  return out;
}

/** The request → UCWA's POST body. The organizer is neither an attendee nor a leader (Lync adds them). */
export function toMyOnlineMeetingInput(
  request: OnlineMeetingRequest,
  organizerEmail: string,
): MyOnlineMeetingInput {
  const subject = request.subject.trim();
  if (subject.length > MAX_SUBJECT)
    throw new AppError('bad-input', `The subject is longer than ${MAX_SUBJECT} characters.`, {
      code: 'SubjectTooLong',
    });
  if (
    !Number.isFinite(request.endMs) ||
    !Number.isFinite(request.startMs) ||
    request.endMs <= request.startMs
  )
    throw new AppError('bad-input', 'The meeting must end after it starts.', { code: 'BadTimes' });
  const organizer = toSipUri(organizerEmail);
  return {
    subject,
    accessLevel: ACCESS_LEVEL[request.access],
    automaticLeaderAssignment: LEADER_ASSIGNMENT[request.presenters],
    attendees: uniqueSips(request.attendees, organizer),
    leaders: request.presenters === 'people-i-choose' ? uniqueSips(request.presenterEmails, organizer) : [],
    entryExitAnnouncement: 'Disabled',
    lobbyBypassForPhoneUsers: request.lobbyBypassForPhoneUsers ? 'Enabled' : 'Disabled',
    phoneUserAdmission: 'Enabled',
    expirationTime: new Date(request.endMs + EXPIRY_AFTER_END_MS).toISOString(),
  };
}

/** UCWA's meeting (+ dial-in, when the server has it) → the provider-neutral OnlineMeeting. */
export function toOnlineMeeting(meeting: UcwaMeeting, dialIn?: UcwaDialIn): OnlineMeeting {
  const out: OnlineMeeting = { id: meeting.id, joinUrl: meeting.joinUrl };
  if (meeting.onlineMeetingUri) out.conferenceUri = meeting.onlineMeetingUri;
  if (meeting.expiresMs !== undefined) out.expiresMs = meeting.expiresMs;
  const conferenceId = meeting.conferenceId ?? dialIn?.conferenceId;
  if (dialIn && conferenceId && dialIn.regions.length > 0)
    out.dialIn = {
      conferenceId,
      numbers: dialIn.regions.map((r) => ({ region: r.name, number: r.number })),
    };
  return out;
}
