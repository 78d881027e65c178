/**
 * The Lync side's UCWA, as a Lync Server 2013 front end answers it in JSON (`_links` / `_embedded`):
 *
 * - `GET /autodiscover/autodiscoverservice.svc/root` (anonymous) → links `self`, `user`, `xframe`;
 * - `GET …/root/oauth/user` → 401 with the `MsRtcOAuth` challenge until a token comes, then the
 *   user resource with its `applications` link;
 * - `POST /WebTicket/oauthtoken` (form: `grant_type=password` with username and password, or
 *   `urn:microsoft.rtc:windows` over the NTLM / Basic sign-in the EWS side accepts) → a token;
 * - `POST /ucwa/oauth/v1/applications` → 201 application with `_embedded.onlineMeetings`;
 * - `…/onlineMeetings/myOnlineMeetings` POST (create) and GET (list), `…/myOnlineMeetings/<id>`
 *   GET and DELETE, `…/onlineMeetings/phoneDialInInformation` GET.
 *
 * Everything here is a pure function of the request and the state object; server.ts only routes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuthResult } from '../auth/index';
import { findAccount } from '../auth/index';
import type { Org, Person } from '../org/types';

export interface JsonAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export interface OnlineMeeting {
  onlineMeetingId: string;
  subject: string;
  description: string;
  accessLevel: string;
  attendees: string[];
  leaders: string[];
  automaticLeaderAssignment: string;
  entryExitAnnouncement: string;
  lobbyBypassForPhoneUsers: string;
  phoneUserAdmission: string;
  expirationTime: string;
  organizerUri: string;
  onlineMeetingUri: string;
  joinUrl: string;
  conferenceId: string;
}

/** The first-party client id Lync's Bearer challenge names (Skype for Business / Lync). */
export const LYNC_CLIENT_ID = '00000004-0000-0ff1-ce00-000000000000';
export const GRANT_WINDOWS = 'urn:microsoft.rtc:windows';
export const GRANT_ANON_MEETING = 'urn:microsoft.rtc:anonmeeting';
/** Lync Server 2013's default web ticket lifetime (8 hours less a second). */
export const UCWA_TOKEN_LIFETIME_SECONDS = 28_799;

const ACCESS_LEVELS = ['Everyone', 'Invited', 'Locked', 'SameEnterprise'];
const LEADER_ASSIGNMENT = ['Disabled', 'Everyone', 'SameEnterprise'];
const ON_OFF = ['Disabled', 'Enabled'];
const APPLICATIONS = '/ucwa/oauth/v1/applications';
const ROOT = '/Autodiscover/AutodiscoverService.svc/root';

interface UcwaToken {
  personId: string;
  expiresAt: number;
}

interface UcwaApplication {
  id: string;
  personId: string;
  userAgent: string;
  endpointId: string;
  culture: string;
}

/** What the UCWA side remembers between requests. */
export interface UcwaState {
  readonly tokens: Map<string, UcwaToken>;
  readonly applications: Map<string, UcwaApplication>;
  /** `<personId>/<onlineMeetingId>` → meeting. */
  readonly meetings: Map<string, OnlineMeeting>;
}

export function createUcwaState(meetings: Map<string, OnlineMeeting> = new Map()): UcwaState {
  return { tokens: new Map(), applications: new Map(), meetings };
}

export interface UcwaRequest {
  method: string;
  /** Path as sent (case kept, for ids). */
  path: string;
  query: URLSearchParams;
  body: string;
  /** `https://host:port` the client used (links are built on it, as Lync builds them on its FQDN). */
  baseUrl: string;
  authorization: string | undefined;
  org: Org;
  state: UcwaState;
  now: () => number;
  tokenLifetimeSeconds: number;
  /** The EWS side's sign-in (NTLM / Basic), for the windows grant. */
  authenticate: () => AuthResult;
}

/** Route name for the request log, or undefined when the path is not UCWA's. */
export function ucwaRoute(lowerPath: string): string | undefined {
  if (lowerPath === '/autodiscover/autodiscoverservice.svc/root') return 'ucwa.root';
  if (lowerPath === '/autodiscover/autodiscoverservice.svc/root/oauth/user') return 'ucwa.user';
  if (lowerPath.startsWith('/autodiscover/autodiscoverservice.svc')) return 'ucwa.autodiscover';
  if (lowerPath === '/webticket/oauthtoken') return 'ucwa.token';
  if (lowerPath.startsWith('/webticket')) return 'ucwa.webticket';
  if (/^\/ucwa\/oauth\/v1\/applications\/[^/]+\/onlinemeetings\/myonlinemeetings$/.test(lowerPath))
    return 'myOnlineMeetings';
  if (/^\/ucwa\/oauth\/v1\/applications\/[^/]+\/onlinemeetings\/myonlinemeetings\/[^/]+$/.test(lowerPath))
    return 'myOnlineMeeting';
  if (/^\/ucwa\/oauth\/v1\/applications\/[^/]+\/onlinemeetings\/phonedialininformation$/.test(lowerPath))
    return 'phoneDialInInformation';
  if (lowerPath === APPLICATIONS) return 'ucwa.applications';
  if (lowerPath.startsWith('/ucwa')) return 'ucwa.application';
  return undefined;
}

const json = (status: number, value: unknown, extra: Record<string, string> = {}): JsonAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', ...extra },
  body: JSON.stringify(value),
});
const empty = (status: number): JsonAnswer => ({ status, headers: {}, body: '' });
const ucwaError = (status: number, code: string, message: string, subcode?: string): JsonAnswer =>
  json(status, { code, ...(subcode ? { subcode } : {}), message });
const bad = (message: string): JsonAnswer => ucwaError(400, 'BadRequest', message, 'InvalidRequestBody');
const notFound = (message = 'The resource was not found.'): JsonAnswer => ucwaError(404, 'NotFound', message);
const notAllowed = (allow: string): JsonAnswer => ({
  status: 405,
  headers: { allow, 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ code: 'MethodNotAllowed', message: `Only ${allow} is allowed here.` }),
});

/** The 401 every protected UCWA resource answers without a (valid) token. */
export function ucwaChallenge(baseUrl: string): JsonAnswer {
  return {
    status: 401,
    headers: {
      'www-authenticate': [
        `Bearer trusted_issuers="", client_id="${LYNC_CLIENT_ID}"`,
        `MsRtcOAuth href="${baseUrl}/WebTicket/oauthtoken",grant_type="${GRANT_WINDOWS},${GRANT_ANON_MEETING},password"`,
      ],
      'content-type': 'text/html',
    },
    body: '<html><body><h1>401 - Unauthorized</h1></body></html>',
  };
}

const sipOf = (s: string): string => (s.toLowerCase().startsWith('sip:') ? s : `sip:${s}`);
/** sip:user@host, loosely: what Lync would route. */
const SIP_URI = /^sip:[^\s@<>"]+@[A-Za-z0-9.-]+$/i;

function digits(seed: string, count: number): string {
  const n = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return String(n % 10 ** count).padStart(count, '0');
}

/** The person a request's Bearer token belongs to, or undefined (expired or unknown). */
function bearer(r: UcwaRequest): Person | undefined {
  const h = r.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  if (!m?.[1]) return undefined;
  const t = r.state.tokens.get(m[1]);
  if (!t) return undefined;
  if (t.expiresAt <= r.now()) {
    r.state.tokens.delete(m[1]);
    return undefined;
  }
  return r.org.people.find((p) => p.id === t.personId);
}

function issue(r: UcwaRequest, person: Person): JsonAnswer {
  const token = `cwt=${randomBytes(48).toString('base64url')}`;
  r.state.tokens.set(token, {
    personId: person.id,
    expiresAt: r.now() + r.tokenLifetimeSeconds * 1000,
  });
  return json(200, {
    access_token: token,
    expires_in: r.tokenLifetimeSeconds,
    ms_rtc_identityscope: 'local',
    token_type: 'Bearer',
  });
}

function tokenEndpoint(r: UcwaRequest): JsonAnswer {
  if (r.method !== 'POST') return notAllowed('POST');
  const form = new URLSearchParams(r.body);
  const grant = form.get('grant_type') ?? '';
  if (grant === 'password') {
    const user = form.get('username') ?? '';
    const person = findAccount(r.org, user);
    if (!person || person.password !== (form.get('password') ?? ''))
      return json(400, {
        error: 'invalid_grant',
        error_description: 'The user name or password is incorrect.',
      });
    return issue(r, person);
  }
  if (grant === GRANT_WINDOWS) {
    const who = r.authenticate();
    if (!who.ok)
      return {
        status: 401,
        headers: { 'www-authenticate': who.challenges, 'content-type': 'text/html' },
        body: '<html><body><h1>401 - Unauthorized</h1></body></html>',
      };
    return issue(r, who.person);
  }
  return json(400, {
    error: 'unsupported_grant_type',
    error_description: `Supported grant types: password, ${GRANT_WINDOWS}.`,
  });
}

function rootResource(r: UcwaRequest): JsonAnswer {
  if (r.method !== 'GET') return notAllowed('GET');
  const domain = r.query.get('originalDomain');
  const q = domain ? `?originalDomain=${encodeURIComponent(domain)}` : '';
  return json(200, {
    _links: {
      self: { href: `${r.baseUrl}${ROOT}${q}` },
      user: { href: `${r.baseUrl}${ROOT}/oauth/user${q}` },
      xframe: { href: `${r.baseUrl}/Autodiscover/XFrame/XFrame.html` },
    },
  });
}

function userResource(r: UcwaRequest): JsonAnswer {
  if (r.method !== 'GET') return notAllowed('GET');
  if (!bearer(r)) return ucwaChallenge(r.baseUrl);
  const q = r.query.toString();
  return json(200, {
    _links: {
      self: { href: `${r.baseUrl}${ROOT}/oauth/user${q ? `?${q}` : ''}` },
      applications: { href: `${r.baseUrl}${APPLICATIONS}` },
      xframe: { href: `${r.baseUrl}/Autodiscover/XFrame/XFrame.html` },
    },
  });
}

function applicationBody(app: UcwaApplication, person: Person): unknown {
  const self = `${APPLICATIONS}/${app.id}`;
  const om = `${self}/onlineMeetings`;
  return {
    culture: app.culture,
    userAgent: app.userAgent,
    type: 'Browser',
    endpointId: app.endpointId,
    id: app.id,
    _links: {
      self: { href: self },
      policies: { href: `${self}/policies` },
      batch: { href: `${self}/batch` },
      events: { href: `${self}/events?ack=1` },
    },
    _embedded: {
      me: {
        name: person.displayName,
        uri: person.sip,
        emailAddresses: [person.smtp],
        _links: { self: { href: `${self}/me` } },
        rel: 'me',
      },
      onlineMeetings: {
        _links: {
          self: { href: om },
          myOnlineMeetings: { href: `${om}/myOnlineMeetings` },
          onlineMeetingDefaultValues: { href: `${om}/defaultValues` },
          onlineMeetingEligibleValues: { href: `${om}/eligibleValues` },
          phoneDialInInformation: { href: `${om}/phoneDialInInformation` },
        },
        rel: 'onlineMeetings',
      },
    },
    rel: 'application',
  };
}

function createApplication(r: UcwaRequest, person: Person): JsonAnswer {
  let input: unknown;
  try {
    input = JSON.parse(r.body || '{}');
  } catch {
    return bad('The request body is not JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return bad('The request body must be an object.');
  const o = input as Record<string, unknown>;
  const field = (name: string): string | undefined => {
    const v = o[name] ?? o[name.charAt(0).toLowerCase() + name.slice(1)];
    return typeof v === 'string' && v.trim() ? v.trim().slice(0, 256) : undefined;
  };
  const userAgent = field('UserAgent');
  const endpointId = field('EndpointId');
  if (!userAgent || !endpointId) return bad('UserAgent and EndpointId are required.');
  // One application per endpoint: creating it again answers the same one, as Lync does.
  const existing = [...r.state.applications.values()].find(
    (a) => a.personId === person.id && a.endpointId === endpointId,
  );
  const app: UcwaApplication = existing ?? {
    id: randomBytes(12).toString('hex'),
    personId: person.id,
    userAgent,
    endpointId,
    culture: field('Culture') ?? 'en-US',
  };
  r.state.applications.set(app.id, app);
  return json(201, applicationBody(app, person), { location: `${APPLICATIONS}/${app.id}` });
}

function meetingBody(m: OnlineMeeting, appId: string): unknown {
  return {
    ...m,
    onlineMeetingRel: 'myOnlineMeetings',
    _links: {
      self: { href: `${APPLICATIONS}/${appId}/onlineMeetings/myOnlineMeetings/${m.onlineMeetingId}` },
      onlineMeetingExtensions: {
        href: `${APPLICATIONS}/${appId}/onlineMeetings/myOnlineMeetings/${m.onlineMeetingId}/extensions`,
      },
    },
    rel: 'myOnlineMeeting',
    etag: digits(JSON.stringify(m), 9),
  };
}

/** Validates the myOnlineMeeting input as UCWA documents it and stores the meeting. */
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
  const text = (name: string, max: number): string | JsonAnswer => {
    const v = o[name] ?? '';
    return typeof v === 'string' && v.length <= max
      ? v
      : bad(`${name} must be a string of at most ${max} characters.`);
  };
  const oneOf = (name: string, values: string[], fallback: string): string | JsonAnswer => {
    const v = o[name] ?? fallback;
    return typeof v === 'string' && values.includes(v)
      ? v
      : bad(`${name} must be one of ${values.join(', ')}.`);
  };
  const uris = (name: string): string[] | JsonAnswer => {
    const v = o[name] ?? [];
    if (!Array.isArray(v) || !v.every((a): a is string => typeof a === 'string'))
      return bad(`${name} must be an array of SIP URIs.`);
    const out = v.map(sipOf);
    const wrong = out.find((u) => !SIP_URI.test(u));
    return wrong === undefined ? out : bad(`${name} holds something that is not a SIP URI.`);
  };
  const fields = {
    subject: text('subject', 256),
    description: text('description', 2048),
    accessLevel: oneOf('accessLevel', ACCESS_LEVELS, 'SameEnterprise'),
    automaticLeaderAssignment: oneOf('automaticLeaderAssignment', LEADER_ASSIGNMENT, 'SameEnterprise'),
    entryExitAnnouncement: oneOf('entryExitAnnouncement', ON_OFF, 'Disabled'),
    lobbyBypassForPhoneUsers: oneOf('lobbyBypassForPhoneUsers', ON_OFF, 'Disabled'),
    phoneUserAdmission: oneOf('phoneUserAdmission', ON_OFF, 'Enabled'),
    attendees: uris('attendees'),
    leaders: uris('leaders'),
  };
  for (const v of Object.values(fields)) if (typeof v === 'object' && !Array.isArray(v)) return v;
  const f = fields as {
    [K in keyof typeof fields]: Exclude<(typeof fields)[K], JsonAnswer>;
  };
  const exp = o.expirationTime ?? new Date(now() + 365 * 86_400_000).toISOString();
  if (typeof exp !== 'string' || Number.isNaN(Date.parse(exp)))
    return bad('expirationTime must be a date and time.');
  if (Date.parse(exp) <= now()) return bad('expirationTime must be in the future.');

  const id = randomBytes(5).toString('hex').toUpperCase().slice(0, 8);
  const user = caller.smtp.split('@')[0] ?? 'user';
  const meeting: OnlineMeeting = {
    onlineMeetingId: id,
    subject: f.subject,
    description: f.description,
    accessLevel: f.accessLevel,
    attendees: f.attendees,
    leaders: f.leaders,
    automaticLeaderAssignment: f.automaticLeaderAssignment,
    entryExitAnnouncement: f.entryExitAnnouncement,
    lobbyBypassForPhoneUsers: f.lobbyBypassForPhoneUsers,
    phoneUserAdmission: f.phoneUserAdmission,
    expirationTime: new Date(Date.parse(exp)).toISOString(),
    organizerUri: caller.sip,
    onlineMeetingUri: `${caller.sip};gruu;opaque=app:conf:focus:id:${id}`,
    joinUrl: `https://meet.${domain}/${user}/${id}`,
    conferenceId: digits(`${caller.id}/${id}`, 7),
  };
  store.set(`${caller.id}/${id}`, meeting);
  const answer = json(200, meetingBody(meeting, app));
  answer.headers.location = `${APPLICATIONS}/${app}/onlineMeetings/myOnlineMeetings/${id}`;
  return answer;
}

/** Dial-in numbers: fictional ranges (ARCEP 01 99 00, NANP 555-01xx), stable for the demo. */
function dialIn(person: Person, appId: string, baseUrl: string): unknown {
  const self = `${APPLICATIONS}/${appId}/onlineMeetings/phoneDialInInformation`;
  const region = (name: string, number: string, languages: string[]) => ({
    languages,
    name,
    number,
    _links: { self: { href: `${self}/dialInRegions/${encodeURIComponent(name)}` } },
    rel: 'dialInRegion',
  });
  return {
    conferenceId: digits(person.id, 7),
    defaultRegion: 'Paris',
    externalDirectoryUri: `${baseUrl}/dialin`,
    internalDirectoryUri: `${baseUrl}/dialin`,
    isAudioConferenceProviderEnabled: false,
    _embedded: {
      dialInRegion: [
        region('Paris', '+33 1 99 00 12 34', ['fr-FR', 'en-US']),
        region('New York', '+1 212 555 0142', ['en-US']),
        region('London', '+44 20 7946 0321', ['en-GB']),
      ],
    },
    _links: { self: { href: self } },
    rel: 'phoneDialInInformation',
  };
}

/** Answers a UCWA path; undefined when the path is not UCWA's. */
export function handleUcwa(r: UcwaRequest): JsonAnswer | undefined {
  const lower = r.path.toLowerCase().replace(/\/+$/, '') || '/';
  const route = ucwaRoute(lower);
  if (!route) return undefined;
  if (route === 'ucwa.root') return rootResource(r);
  if (route === 'ucwa.user') return userResource(r);
  if (route === 'ucwa.token') return tokenEndpoint(r);
  if (route === 'ucwa.autodiscover' || route === 'ucwa.webticket') return notFound();

  const person = bearer(r);
  if (!person) return ucwaChallenge(r.baseUrl);
  if (route === 'ucwa.applications') {
    if (r.method !== 'POST') return notAllowed('POST');
    return createApplication(r, person);
  }
  const parts = r.path.replace(/\/+$/, '').split('/');
  // ['', 'ucwa', 'oauth', 'v1', 'applications', <app>, …]
  const appId = decodeURIComponent(parts[5] ?? '');
  const app = r.state.applications.get(appId);
  if (!app || app.personId !== person.id) return notFound('The application does not exist.');
  const rest = parts.slice(6).map((p) => p.toLowerCase());

  if (rest.length === 0) {
    if (r.method === 'GET') return json(200, applicationBody(app, person));
    if (r.method === 'DELETE') {
      r.state.applications.delete(appId);
      return empty(204);
    }
    return notAllowed('GET, DELETE');
  }
  const domain = r.org.domain;
  if (route === 'myOnlineMeetings') {
    if (r.method === 'POST')
      return createOnlineMeeting(person, appId, r.body, domain, r.state.meetings, r.now);
    if (r.method === 'GET') {
      const mine = [...r.state.meetings.entries()]
        .filter(([k]) => k.startsWith(`${person.id}/`))
        .map(([, m]) => meetingBody(m, appId));
      return json(200, {
        _links: { self: { href: `${APPLICATIONS}/${appId}/onlineMeetings/myOnlineMeetings` } },
        _embedded: { myOnlineMeeting: mine },
        rel: 'myOnlineMeetings',
      });
    }
    return notAllowed('GET, POST');
  }
  if (route === 'myOnlineMeeting') {
    const id = decodeURIComponent(parts[8] ?? '');
    const key = `${person.id}/${id}`;
    const meeting = r.state.meetings.get(key);
    if (!meeting) return notFound('The online meeting does not exist.');
    if (r.method === 'GET') return json(200, meetingBody(meeting, appId));
    if (r.method === 'DELETE') {
      r.state.meetings.delete(key);
      return empty(204);
    }
    return notAllowed('GET, DELETE');
  }
  if (route === 'phoneDialInInformation') {
    if (r.method !== 'GET') return notAllowed('GET');
    return json(200, dialIn(person, appId, r.baseUrl));
  }
  return notFound();
}
