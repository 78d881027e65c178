/**
 * UCWA's small decisions as pure functions: where to look for Lync, what the 401 challenge says,
 * which links may receive a password or a ticket, and which error an HTTP answer is.
 */
import { EwsError, type EwsErrorKind } from '../errors';

export const ROOT_PATH = '/autodiscover/autodiscoverservice.svc/root';

/**
 * Where Lync's discovery is tried, in order: the internal then the external lyncdiscover name of
 * the SIP domain (Lync 2013's DNS convention), then the EWS server's own origin (an Exchange that
 * also fronts Lync, the built-in one included).
 */
export function discoveryUrls(sipDomain: string, ewsUrl?: string): string[] {
  const d = sipDomain.trim().toLowerCase().replace(/\.$/, '');
  const out = [`https://lyncdiscoverinternal.${d}/`, `https://lyncdiscover.${d}/`];
  // Stryker disable next-line ConditionalExpression: a missing or empty EWS URL fails new URL() below, which drops it the same
  if (ewsUrl) {
    try {
      out.push(`${new URL(ewsUrl).origin}${ROOT_PATH}`);
    } catch {
      // a malformed EWS URL only loses the last candidate
    }
  }
  return out;
}

/** The domain part of an address (`sip:` or SMTP form), lower-case; '' when there is none. */
export function domainOf(address: string): string {
  const a = address.replace(/^sip:/i, '').trim();
  const at = a.lastIndexOf('@');
  return at > 0 ? a.slice(at + 1).toLowerCase() : '';
}

export interface MsRtcOAuthChallenge {
  /** The web ticket service (absolute URL as the server wrote it). */
  href: string;
  /** e.g. `urn:microsoft.rtc:windows`, `urn:microsoft.rtc:anonmeeting`, `password`. */
  grantTypes: string[];
}

/**
 * Reads `MsRtcOAuth href=…,grant_type="…"` out of WWW-Authenticate values (one header or several;
 * href quoted or not, as Lync's documentation shows both). Undefined when there is none.
 */
export function parseMsRtcOAuth(values: readonly string[]): MsRtcOAuthChallenge | undefined {
  for (const value of values) {
    // Stryker disable next-line Regex: a MsRtcOAuth at the very end has no parameters, so no href, and is passed over either way
    const at = value.search(/(^|[\s,])MsRtcOAuth(\s|$)/i);
    if (at < 0) continue;
    let rest = value.slice(value.toLowerCase().indexOf('msrtcoauth', at) + 'MsRtcOAuth'.length);
    const params = new Map<string, string>();
    const param = /^[\s,]*([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s"]*))/;
    for (let m = param.exec(rest); m; m = param.exec(rest)) {
      // Stryker disable next-line OptionalChaining: group 1 always takes part in a match
      const key = m[1]?.toLowerCase();
      // Stryker disable next-line StringLiteral: group 3 takes part whenever group 2 does not, so the '' default is never used
      if (key && !params.has(key)) params.set(key, (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
      rest = rest.slice(m[0].length);
    }
    const href = params.get('href');
    if (!href) continue;
    const grantTypes = (params.get('grant_type') ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    return { href, grantTypes };
  }
  return undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export interface LinkPolicy {
  /** The SIP domain: its hosts may receive the ticket and the password. */
  sipDomain: string;
  /** Hosts trusted besides the SIP domain's (the discovery host, the EWS host). */
  trustedHosts: readonly string[];
  /** Plain http to a loopback host (the demo's built-in Exchange over http) is allowed. */
  allowHttpLoopback?: boolean;
}

/**
 * Resolves a link against the resource it came from and checks it may receive the user's
 * credentials or ticket: https, on a trusted host or in the SIP domain. A hostile discovery
 * answer cannot send the password elsewhere.
 */
export function checkedLink(href: string, base: string, policy: LinkPolicy, what: string): string {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    throw linkError(what, 'not an address');
  }
  const host = url.hostname.toLowerCase();
  const https = url.protocol === 'https:';
  const httpOk = url.protocol === 'http:' && policy.allowHttpLoopback === true && LOOPBACK.has(host);
  if (!https && !httpOk) throw linkError(what, `${url.protocol} is not https`);
  if (url.username || url.password) throw linkError(what, 'user info in the address');
  const d = policy.sipDomain.toLowerCase();
  const trusted =
    policy.trustedHosts.some((h) => h.toLowerCase() === host) ||
    (d !== '' && (host === d || host.endsWith(`.${d}`)));
  if (!trusted) throw linkError(what, `host ${host} is outside ${d || 'the trusted hosts'}`);
  return url.toString();
}

function linkError(what: string, detail: string): EwsError {
  return new EwsError(
    'server',
    `The Lync server pointed ${what} to an address Roster does not trust, so nothing was sent there.`,
    { code: 'UcwaUntrustedLink', serverText: detail },
  );
}

export const UNAVAILABLE_CODE = 'OnlineMeetingUnavailable';

export function unavailable(detail?: string, cause?: unknown): EwsError {
  return new EwsError(
    'unavailable',
    'No Lync online-meeting service could be reached for this account. A plain Exchange meeting can still be sent.',
    {
      code: UNAVAILABLE_CODE,
      ...(detail ? { serverText: detail } : {}),
      // Stryker disable next-line ConditionalExpression: EwsError keeps no cause when given cause: undefined
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** A UCWA code or subcode worth keeping (short identifiers only). */
const CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A non-2xx UCWA answer → EwsError: 401/403 `auth`, 404/410 `not-found`, 429/503 `throttled`
 * (with Retry-After), other 4xx `bad-input`, the rest `server`. The UCWA code/subcode, when the
 * body had one, becomes the error's code (`Ucwa<code>[.<subcode>]`).
 */
export function ucwaHttpError(
  status: number,
  ucwa: { code?: string; subcode?: string; message?: string } | undefined,
  retryAfterMs?: number,
): EwsError {
  const named =
    ucwa?.code && CODE.test(ucwa.code)
      ? `Ucwa${ucwa.code}${ucwa.subcode && CODE.test(ucwa.subcode) ? `.${ucwa.subcode}` : ''}`
      : `UcwaHTTP${status}`;
  const kind: Extract<EwsErrorKind, 'auth' | 'not-found' | 'throttled' | 'bad-input' | 'server'> =
    status === 401 || status === 403
      ? 'auth'
      : status === 404 || status === 410
        ? 'not-found'
        : status === 429 || status === 503
          ? 'throttled'
          : status >= 400 && status < 500
            ? 'bad-input'
            : 'server';
  const message: Record<typeof kind, string> = {
    auth: 'The Lync server refused this account’s sign-in.',
    'not-found': 'The Lync server no longer has what was asked for.',
    throttled: 'The Lync server is busy. Try again in a moment.',
    'bad-input': 'The Lync server refused the request as invalid.',
    server:
      'The Lync server answered with an error. Try again later; if it keeps happening, tell your IT department.',
  };
  return new EwsError(kind, `${message[kind]} (HTTP ${status})`, {
    code: named,
    httpStatus: status,
    // Stryker disable next-line ConditionalExpression: EwsError keeps retryAfterMs: undefined as no Retry-After
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(ucwa?.message ? { serverText: ucwa.message } : {}),
  });
}

/** The token endpoint's 400: `invalid_grant` is a wrong password, the rest a refusal of the request. */
export function tokenError(status: number, error: string | undefined): EwsError {
  if (error === 'invalid_grant' || status === 401)
    return new EwsError('auth', 'The user name or password is incorrect.', {
      code: 'UcwaInvalidGrant',
      httpStatus: status,
    });
  return new EwsError('auth', 'The Lync server refused to issue a sign-in ticket for this account.', {
    code: error && CODE.test(error) ? `Ucwa.${error}` : `UcwaHTTP${status}`,
    httpStatus: status,
  });
}
