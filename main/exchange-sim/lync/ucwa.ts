/**
 * A small UCWA-style online meeting endpoint: POST …/onlineMeetings/myOnlineMeetings with JSON,
 * answering the myOnlineMeeting resource (onlineMeetingId, joinUrl…) Lync's UCWA returns.
 */
import { randomBytes } from 'node:crypto';
import type { Person } from '../org/types';

export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface OnlineMeeting {
  onlineMeetingId: string;
  subject: string;
  accessLevel: string;
  attendees: string[];
  leaders: string[];
  automaticLeaderAssignment: string;
  expirationTime: string;
  organizerUri: string;
  onlineMeetingUri: string;
  joinUrl: string;
}

const ACCESS_LEVELS = ['Everyone', 'Invited', 'Locked', 'SameEnterprise'];
const LEADER_ASSIGNMENT = ['Disabled', 'Everyone', 'SameEnterprise'];

const json = (status: number, value: unknown): JsonAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});
const bad = (message: string): JsonAnswer =>
  json(400, { code: 'BadRequest', subcode: 'InvalidRequestBody', message });

const sipOf = (s: string): string => (s.toLowerCase().startsWith('sip:') ? s : `sip:${s}`);

export function createOnlineMeeting(
  caller: Person,
  app: string,
  body: string,
  domain: string,
  store: Map<string, OnlineMeeting>,
  /** The simulator's clock (expiry checks and defaults). */
  now: () => number = Date.now,
): JsonAnswer {
  let input: unknown;
  try {
    input = JSON.parse(body || '{}');
  } catch {
    return bad('The request body is not JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return bad('The request body must be an object.');
  const o = input as Record<string, unknown>;
  const subject = o.subject ?? '';
  if (typeof subject !== 'string' || subject.length > 256)
    return bad('subject must be a string of at most 256 characters.');
  const accessLevel = o.accessLevel ?? 'SameEnterprise';
  if (typeof accessLevel !== 'string' || !ACCESS_LEVELS.includes(accessLevel))
    return bad(`accessLevel must be one of ${ACCESS_LEVELS.join(', ')}.`);
  const ala = o.automaticLeaderAssignment ?? 'SameEnterprise';
  if (typeof ala !== 'string' || !LEADER_ASSIGNMENT.includes(ala))
    return bad(`automaticLeaderAssignment must be one of ${LEADER_ASSIGNMENT.join(', ')}.`);
  const attendees = o.attendees ?? [];
  if (!Array.isArray(attendees) || !attendees.every((a): a is string => typeof a === 'string'))
    return bad('attendees must be an array of SIP URIs.');
  const leaders = o.leaders ?? [];
  if (!Array.isArray(leaders) || !leaders.every((a): a is string => typeof a === 'string'))
    return bad('leaders must be an array of SIP URIs.');
  const exp = o.expirationTime ?? new Date(now() + 365 * 86_400_000).toISOString();
  if (typeof exp !== 'string' || Number.isNaN(Date.parse(exp)))
    return bad('expirationTime must be a date and time.');
  if (Date.parse(exp) <= now()) return bad('expirationTime must be in the future.');

  const id = randomBytes(5).toString('hex').toUpperCase().slice(0, 8);
  const user = caller.smtp.split('@')[0] ?? 'user';
  const meeting: OnlineMeeting = {
    onlineMeetingId: id,
    subject,
    accessLevel,
    attendees: attendees.map(sipOf),
    leaders: leaders.map(sipOf),
    automaticLeaderAssignment: ala,
    expirationTime: new Date(Date.parse(exp)).toISOString(),
    organizerUri: caller.sip,
    onlineMeetingUri: `${caller.sip};gruu;opaque=app:conf:focus:id:${id}`,
    joinUrl: `https://meet.${domain}/${user}/${id}`,
  };
  store.set(`${caller.id}/${id}`, meeting);
  const href = `/ucwa/oauth/v1/applications/${encodeURIComponent(app)}/onlineMeetings/myOnlineMeetings/${id}`;
  const answer = json(200, {
    ...meeting,
    description: '',
    phoneUserAdmission: 'Disabled',
    lobbyBypassForPhoneUsers: 'Disabled',
    entryExitAnnouncement: 'Disabled',
    conferenceId: id,
    _links: { self: { href } },
    rel: 'myOnlineMeeting',
    etag: randomBytes(4).readUInt32BE(0).toString(),
  });
  answer.headers.location = href;
  return answer;
}
