/**
 * A UCWA client for online meetings, over the EWS transport (same TLS trust, custom CAs, pinned
 * certificates, proxy and timeouts; redirects are never followed):
 *
 * discovery root → user resource (401 MsRtcOAuth) → web ticket → user resource → application →
 * myOnlineMeetings (create / get / delete) and phoneDialInInformation.
 *
 * Discovery, the ticket and the application are kept and reused; an expired or refused ticket is
 * renewed once per request. Plain Node: no Electron, no service imports.
 */
import { randomUUID } from 'node:crypto';
import type { Authenticator } from '../auth/types';
import { EwsError, toEwsError } from '../errors';
import { parseRetryAfter, type HttpRequest, type HttpResponse, type HttpSender } from '../transport';
import {
  checkedLink,
  parseMsRtcOAuth,
  tokenError,
  ucwaHttpError,
  unavailable,
  type LinkPolicy,
} from './rules';
import {
  ApplicationResource,
  DialInResource,
  MeetingResource,
  RootResource,
  TokenAnswer,
  TokenError,
  UcwaErrorBody,
  UserResource,
  readJson,
  tryReadJson,
  type MyOnlineMeetingInput,
} from './wire';

export type UcwaGrant =
  /** `grant_type=password` with the account's user name and password. */
  | { type: 'password'; username: string; password: string }
  /** `urn:microsoft.rtc:windows`: the token request is signed in like EWS (NTLM). */
  | { type: 'windows'; auth: Authenticator };

export interface UcwaClientOptions {
  /** The EWS transport (or anything that sends one request). */
  transport: HttpSender;
  /** The user's SIP domain (the e-mail's domain in most deployments). */
  sipDomain: string;
  /** Discovery roots tried in order (see `discoveryUrls`). */
  discoveryUrls: readonly string[];
  grant: UcwaGrant;
  /** More hosts allowed to receive the ticket and the password (e.g. the EWS host). */
  trustedHosts?: readonly string[];
  /** Allow http to a loopback host (demo mode over the built-in Exchange's http listener). */
  allowHttpLoopback?: boolean;
  userAgent?: string;
  /** The application's Culture, e.g. `fr-FR`. Default `en-US`. */
  culture?: string;
  /** Per-request timeout while probing discovery roots; default 10 s. */
  discoveryTimeoutMs?: number;
  /** Renew the ticket this long before it expires; default 60 s. */
  renewMarginMs?: number;
  now?: () => number;
  /** Told about every ticket received, so the log's redactor can hide it. */
  onSecret?: (value: string) => void;
  /** Each discovery root tried, with what happened (for the log; no secret in it). */
  onAttempt?: (attempt: { url: string; outcome: string }) => void;
}

export interface UcwaMeeting {
  id: string;
  joinUrl: string;
  onlineMeetingUri?: string;
  conferenceId?: string;
  expiresMs?: number;
  subject?: string;
  accessLevel?: string;
  automaticLeaderAssignment?: string;
  lobbyBypassForPhoneUsers?: string;
  attendees: string[];
  leaders: string[];
}

export interface UcwaDialIn {
  conferenceId?: string;
  defaultRegion?: string;
  regions: Array<{ name: string; number: string; languages: string[] }>;
}

export interface UcwaClient {
  /** Discovery, ticket and application (cached); rejects like the calls below would. */
  connect(signal?: AbortSignal): Promise<void>;
  /**
   * Like connect, but a cached application is asked whether it still exists (one GET); when the
   * server no longer knows it, everything is discovered again.
   */
  check(signal?: AbortSignal): Promise<void>;
  createMeeting(input: MyOnlineMeetingInput, signal?: AbortSignal): Promise<UcwaMeeting>;
  /** Undefined when the meeting does not exist (any more). */
  getMeeting(id: string, signal?: AbortSignal): Promise<UcwaMeeting | undefined>;
  /** False when it was already gone. */
  deleteMeeting(id: string, signal?: AbortSignal): Promise<boolean>;
  /** Undefined when the server offers no dial-in. */
  dialIn(signal?: AbortSignal): Promise<UcwaDialIn | undefined>;
  /** Forget discovery, ticket and application (next call starts over). */
  reset(): void;
}

interface Ticket {
  value: string;
  expiresAt: number;
}

interface Connection {
  /** The user resource's URL (where the ticket is proven). */
  userUrl: string;
  /** Where the password / windows sign-in goes. */
  tokenUrl: string;
  policy: LinkPolicy;
}

interface Application {
  self: string;
  myOnlineMeetings: string;
  phoneDialInInformation: string | undefined;
}

const JSON_TYPE = 'application/json';
const MAX_ANSWER = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export function toMeeting(m: MeetingResource): UcwaMeeting {
  const expires = m.expirationTime === undefined ? undefined : Date.parse(m.expirationTime);
  return {
    id: m.onlineMeetingId,
    joinUrl: m.joinUrl,
    ...(m.onlineMeetingUri ? { onlineMeetingUri: m.onlineMeetingUri } : {}),
    ...(m.conferenceId ? { conferenceId: m.conferenceId } : {}),
    ...(expires === undefined ? {} : { expiresMs: expires }),
    ...(m.subject === undefined ? {} : { subject: m.subject }),
    ...(m.accessLevel ? { accessLevel: m.accessLevel } : {}),
    ...(m.automaticLeaderAssignment ? { automaticLeaderAssignment: m.automaticLeaderAssignment } : {}),
    ...(m.lobbyBypassForPhoneUsers ? { lobbyBypassForPhoneUsers: m.lobbyBypassForPhoneUsers } : {}),
    attendees: m.attendees ?? [],
    leaders: m.leaders ?? [],
  };
}

export function toDialIn(d: DialInResource): UcwaDialIn {
  return {
    ...(d.conferenceId ? { conferenceId: d.conferenceId } : {}),
    ...(d.defaultRegion ? { defaultRegion: d.defaultRegion } : {}),
    regions: (d._embedded?.dialInRegion ?? []).map((r) => ({
      name: r.name,
      number: r.number,
      languages: r.languages ?? [],
    })),
  };
}

export function createUcwaClient(options: UcwaClientOptions): UcwaClient {
  const now = options.now ?? Date.now;
  const margin = options.renewMarginMs ?? 60_000;
  const endpointId = randomUUID();
  const t = options.transport;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: JSON_TYPE,
    ...extra,
  });

  let connection: Connection | undefined;
  let ticket: Ticket | undefined;
  let application: Application | undefined;
  let connecting: Promise<void> | undefined;

  async function read(res: HttpResponse): Promise<string> {
    return res.text(MAX_ANSWER);
  }

  async function failure(res: HttpResponse): Promise<EwsError> {
    const body = await read(res).catch(() => '');
    return ucwaHttpError(
      res.status,
      tryReadJson(body, UcwaErrorBody),
      parseRetryAfter(res.header('retry-after'), now()),
    );
  }

  /** Tries each discovery root; the first that answers a usable root resource wins. */
  async function discover(signal?: AbortSignal): Promise<{ userUrl: string; policy: LinkPolicy }> {
    const failures: string[] = [];
    let throttled: EwsError | undefined;
    let tlsSeen = false;
    for (const url of options.discoveryUrls) {
      let outcome: string;
      try {
        const res = await t.request({
          url,
          method: 'GET',
          headers: headers(),
          timeoutMs: options.discoveryTimeoutMs ?? 10_000,
          ...(signal ? { signal } : {}),
        });
        if (res.status === 200) {
          const root = readJson(await read(res), RootResource, 'the discovery answer');
          const host = new URL(url).hostname;
          const policy: LinkPolicy = {
            sipDomain: options.sipDomain,
            trustedHosts: [host, ...(options.trustedHosts ?? [])],
            ...(options.allowHttpLoopback ? { allowHttpLoopback: true } : {}),
          };
          const userUrl = checkedLink(root._links.user.href, url, policy, 'the user resource');
          options.onAttempt?.({ url, outcome: 'found' });
          return { userUrl, policy };
        }
        const err = await failure(res);
        if (err.kind === 'throttled') throttled ??= err;
        outcome = `HTTP ${res.status}`;
      } catch (raw) {
        const err = toEwsError(raw);
        if (signal?.aborted) throw err;
        if (err.kind === 'tls') tlsSeen = true;
        outcome = err.code ?? err.kind;
      }
      options.onAttempt?.({ url, outcome });
      failures.push(`${safeHost(url)}: ${outcome}`);
    }
    if (throttled) throw throttled;
    throw unavailable(`${failures.join('; ')}${tlsSeen ? ' (a certificate was not trusted)' : ''}`);
  }

  /** The user resource without a ticket: its 401 names the web ticket service. */
  async function challenge(userUrl: string, policy: LinkPolicy, signal?: AbortSignal): Promise<string> {
    const res = await t.request({ url: userUrl, headers: headers(), ...(signal ? { signal } : {}) });
    if (res.status !== 401) {
      if (res.status >= 200 && res.status < 300) {
        await res.discard();
        throw new EwsError(
          'server',
          'The Lync server did not ask for a sign-in, so Roster cannot get a ticket.',
          {
            code: 'UcwaNoChallenge',
          },
        );
      }
      throw await failure(res);
    }
    const found = parseMsRtcOAuth(res.headerValues('www-authenticate'));
    await res.discard();
    if (!found)
      throw new EwsError('auth', 'The Lync server asks for a sign-in method Roster does not support.', {
        code: 'UcwaNoMsRtcOAuth',
        httpStatus: 401,
      });
    const grant = options.grant.type === 'password' ? 'password' : 'urn:microsoft.rtc:windows';
    if (found.grantTypes.length > 0 && !found.grantTypes.includes(grant))
      throw new EwsError('auth', 'The Lync server does not accept this kind of sign-in for meetings.', {
        code: 'UcwaGrantRefused',
      });
    return checkedLink(found.href, userUrl, policy, 'the sign-in');
  }

  async function fetchTicket(tokenUrl: string, signal?: AbortSignal): Promise<Ticket> {
    const g = options.grant;
    const form =
      g.type === 'password'
        ? new URLSearchParams({ grant_type: 'password', username: g.username, password: g.password })
        : new URLSearchParams({ grant_type: 'urn:microsoft.rtc:windows' });
    const req: HttpRequest = {
      url: tokenUrl,
      method: 'POST',
      headers: headers({ 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }),
      body: form.toString(),
      ...(signal ? { signal } : {}),
    };
    const res = g.type === 'password' ? await t.request(req) : await g.auth.send(req);
    if (res.status === 429 || res.status === 503 || res.status >= 500) throw await failure(res);
    const body = await read(res);
    if (res.status !== 200) throw tokenError(res.status, tryReadJson(body, TokenError)?.error);
    const answer = readJson(body, TokenAnswer, 'the sign-in ticket');
    options.onSecret?.(answer.access_token);
    return { value: answer.access_token, expiresAt: now() + answer.expires_in * 1000 };
  }

  /** A request with the ticket; a 401 renews the ticket once and sends it again. */
  async function withTicket(req: HttpRequest): Promise<HttpResponse> {
    const c = connection;
    if (!c) throw new EwsError('server', 'UCWA is not connected.', { code: 'UcwaNotConnected' });
    const send = async (): Promise<HttpResponse> => {
      if (!ticket || ticket.expiresAt - margin <= now()) ticket = await fetchTicket(c.tokenUrl, req.signal);
      return t.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${ticket.value}` } });
    };
    const first = await send();
    if (first.status !== 401) return first;
    await first.discard();
    ticket = undefined;
    const second = await send();
    if (second.status === 401) {
      await second.discard();
      throw new EwsError('auth', 'The Lync server refused this account’s sign-in ticket.', {
        code: 'UcwaTicketRefused',
        httpStatus: 401,
      });
    }
    return second;
  }

  async function createApplication(signal?: AbortSignal): Promise<Application> {
    const c = connection!;
    let userUrl = c.userUrl;
    let applicationsUrl: string | undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS && !applicationsUrl; hop++) {
      const res = await withTicket({ url: userUrl, headers: headers(), ...(signal ? { signal } : {}) });
      if (res.status !== 200) throw await failure(res);
      const user = readJson(await read(res), UserResource, 'the user resource');
      if (user._links.applications) {
        applicationsUrl = checkedLink(user._links.applications.href, userUrl, c.policy, 'the applications');
        break;
      }
      // Homed on another pool: its discovery root, then its user resource (same ticket service rules).
      const next = checkedLink(user._links.redirect!.href, userUrl, c.policy, 'the redirect');
      const root = await t.request({ url: next, headers: headers(), ...(signal ? { signal } : {}) });
      if (root.status !== 200) throw await failure(root);
      const r = readJson(await read(root), RootResource, 'the redirected discovery answer');
      userUrl = checkedLink(r._links.user.href, next, c.policy, 'the user resource');
      connection = { ...c, userUrl, tokenUrl: await challenge(userUrl, c.policy, signal) };
      ticket = undefined;
    }
    if (!applicationsUrl)
      throw new EwsError('server', 'The Lync server redirected too many times.', {
        code: 'UcwaTooManyRedirects',
      });
    const res = await withTicket({
      url: applicationsUrl,
      method: 'POST',
      headers: headers({ 'content-type': JSON_TYPE }),
      body: JSON.stringify({
        UserAgent: options.userAgent ?? 'Roster/0.1',
        EndpointId: endpointId,
        Culture: options.culture ?? 'en-US',
      }),
      ...(signal ? { signal } : {}),
    });
    if (res.status !== 201 && res.status !== 200) throw await failure(res);
    const app = readJson(await read(res), ApplicationResource, 'the application');
    const policy = connection!.policy;
    const om = app._embedded.onlineMeetings._links;
    return {
      self: checkedLink(app._links.self.href, applicationsUrl, policy, 'the application'),
      myOnlineMeetings: checkedLink(om.myOnlineMeetings.href, applicationsUrl, policy, 'the meetings'),
      phoneDialInInformation: om.phoneDialInInformation
        ? checkedLink(om.phoneDialInInformation.href, applicationsUrl, policy, 'the dial-in information')
        : undefined,
    };
  }

  async function connect(signal?: AbortSignal): Promise<void> {
    if (application) return;
    connecting ??= (async () => {
      try {
        if (!connection) {
          const { userUrl, policy } = await discover(signal);
          connection = { userUrl, policy, tokenUrl: await challenge(userUrl, policy, signal) };
        }
        application = await createApplication(signal);
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  }

  function meetingUrl(id: string): string {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id))
      throw new EwsError('bad-input', 'That is not an online meeting id.', { code: 'UcwaBadMeetingId' });
    return `${application!.myOnlineMeetings.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
  }

  function reset(): void {
    connection = undefined;
    ticket = undefined;
    application = undefined;
  }

  return {
    connect,
    async check(signal) {
      if (application) {
        const res = await withTicket({
          url: application.self,
          headers: headers(),
          ...(signal ? { signal } : {}),
        });
        if (res.status === 200) {
          await res.discard();
          return;
        }
        if (res.status !== 404) throw await failure(res);
        await res.discard();
        reset();
      }
      await connect(signal);
    },
    async createMeeting(input, signal) {
      await connect(signal);
      const post = () =>
        withTicket({
          url: application!.myOnlineMeetings,
          method: 'POST',
          headers: headers({ 'content-type': JSON_TYPE }),
          body: JSON.stringify(input),
          ...(signal ? { signal } : {}),
        });
      let res = await post();
      if (res.status === 404) {
        // Lync drops an idle application: make a new one and try once more.
        await res.discard();
        application = undefined;
        await connect(signal);
        res = await post();
      }
      if (res.status !== 200 && res.status !== 201) throw await failure(res);
      return toMeeting(readJson(await read(res), MeetingResource, 'the new meeting'));
    },
    async getMeeting(id, signal) {
      await connect(signal);
      const res = await withTicket({
        url: meetingUrl(id),
        headers: headers(),
        ...(signal ? { signal } : {}),
      });
      if (res.status === 404) {
        await res.discard();
        return undefined;
      }
      if (res.status !== 200) throw await failure(res);
      return toMeeting(readJson(await read(res), MeetingResource, 'the meeting'));
    },
    async deleteMeeting(id, signal) {
      await connect(signal);
      const res = await withTicket({
        url: meetingUrl(id),
        method: 'DELETE',
        headers: headers(),
        ...(signal ? { signal } : {}),
      });
      if (res.status === 404 || (res.status >= 200 && res.status < 300)) {
        await res.discard();
        return res.status !== 404;
      }
      throw await failure(res);
    },
    async dialIn(signal) {
      await connect(signal);
      const url = application!.phoneDialInInformation;
      if (!url) return undefined;
      const res = await withTicket({ url, headers: headers(), ...(signal ? { signal } : {}) });
      if (res.status === 404) {
        await res.discard();
        return undefined;
      }
      if (res.status !== 200) throw await failure(res);
      return toDialIn(readJson(await read(res), DialInResource, 'the dial-in information'));
    },
    reset,
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid address';
  }
}
