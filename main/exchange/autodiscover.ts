/**
 * Autodiscover, in the order Outlook uses: POX at https://<domain>, then https://autodiscover.<domain>,
 * then the unauthenticated http GET that may redirect to an https URL, then DNS SRV. SOAP
 * GetUserSettings is tried where POX is not served. redirectAddr / redirectUrl are followed up to
 * a hop limit. The password never goes to a host outside the user's domain without consent.
 */
import { resolveSrv as dnsResolveSrv } from 'node:dns/promises';
import type { Authenticator } from './auth/types';
import { EwsError, safeOrigin, serverText, toEwsError } from './errors';
import { child, childText, childrenNamed, el, findFirst, parseXml, type XElement } from './soap';
import { cleanText } from './text';
import type { Transport } from './transport';

export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export type AutodiscoverStep =
  'domain' | 'autodiscover-host' | 'http-redirect' | 'srv' | 'redirect-url' | 'soap';

export interface AutodiscoverAttempt {
  step: AutodiscoverStep;
  /** Address only: never credentials. */
  url: string;
  /** `settings`, `redirectAddr`, `redirectUrl`, `HTTP 404`, `network: ECONNREFUSED`, `refused: …`… */
  outcome: string;
}

export interface RedirectQuestion {
  host: string;
  url: string;
  reason: 'http-redirect' | 'srv' | 'redirect-url';
}

export interface AutodiscoverOptions {
  email: string;
  /** Sends the credentials (any origin). */
  auth: Authenticator;
  /** For the unauthenticated http GET. */
  transport: Transport;
  /** Asked before a password goes outside the user's domain. Default: refuse. */
  confirmRedirect?: (q: RedirectQuestion) => Promise<boolean>;
  /** DNS SRV lookup (node:dns by default). */
  resolveSrv?: (name: string) => Promise<SrvRecord[]>;
  maxHops?: number;
  signal?: AbortSignal;
  onAttempt?: (a: AutodiscoverAttempt) => void;
  /** Try SOAP GetUserSettings where POX fails with an HTTP error. Default true. */
  soapFallback?: boolean;
  timeoutMs?: number;
}

export interface AutodiscoverResult {
  ewsUrl: string;
  displayName?: string;
  smtp: string;
  serverVersion?: string;
  via: { step: AutodiscoverStep; url: string; protocol: 'pox' | 'soap' };
  attempts: AutodiscoverAttempt[];
}

const POX_REQUEST_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const POX_RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const SOAP_AD_NS = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';
const WSA_NS = 'http://www.w3.org/2005/08/addressing';

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1)
    throw new EwsError('bad-input', 'Enter a complete e-mail address, like name@example.com.', {
      code: 'InvalidEmail',
    });
  return email.slice(at + 1).toLowerCase();
}

export function hostInDomain(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === domain || h.endsWith(`.${domain}`);
}

/** POX `ServerVersion` (hex, e.g. 73C18880) → `15.1.2176`. */
export function decodePoxServerVersion(hex: string): string | undefined {
  const v = Number.parseInt(hex, 16);
  if (!Number.isFinite(v) || v <= 0) return undefined;
  return `${(v >>> 22) & 0x3f}.${(v >>> 16) & 0x3f}.${v & 0x7fff}`;
}

export type PoxAnswer =
  | { action: 'settings'; ewsUrl?: string; displayName?: string; smtp?: string; serverVersion?: string }
  | { action: 'redirectAddr'; address: string }
  | { action: 'redirectUrl'; url: string }
  | { action: 'error'; code?: string; message?: string };

export function buildPoxRequest(email: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>${
    el(
      'Autodiscover',
      { xmlns: POX_REQUEST_NS },
      el(
        'Request',
        null,
        el('EMailAddress', null, email),
        el('AcceptableResponseSchema', null, POX_RESPONSE_SCHEMA),
      ),
    ).xml
  }`;
}

export function readPoxResponse(root: XElement): PoxAnswer {
  if (root.name !== 'Autodiscover')
    throw new EwsError('server', 'The autodiscover answer is not valid.', { code: 'MalformedResponse' });
  const response = child(root, 'Response');
  const error = child(response, 'Error');
  if (error || !response) {
    const out: PoxAnswer = { action: 'error' };
    const code = childText(error, 'ErrorCode')?.trim();
    const message = childText(error, 'Message')?.trim();
    if (code) out.code = code;
    if (message) out.message = message;
    return out;
  }
  const account = child(response, 'Account');
  const action = childText(account, 'Action')?.trim();
  if (action === 'redirectAddr') return { action, address: childText(account, 'RedirectAddr')?.trim() ?? '' };
  if (action === 'redirectUrl') return { action, url: childText(account, 'RedirectUrl')?.trim() ?? '' };
  const protocols = childrenNamed(account, 'Protocol');
  const byType = (t: string): XElement | undefined =>
    protocols.find((p) => childText(p, 'Type')?.trim() === t);
  const exch = byType('EXCH');
  const expr = byType('EXPR');
  const user = child(response, 'User');
  const out: PoxAnswer = { action: 'settings' };
  const ews =
    childText(expr, 'EwsUrl')?.trim() ||
    childText(exch, 'EwsUrl')?.trim() ||
    protocols.map((p) => childText(p, 'EwsUrl')?.trim()).find(Boolean);
  if (ews) out.ewsUrl = ews;
  const dn = cleanText(childText(user, 'DisplayName'));
  if (dn) out.displayName = dn;
  const smtp = childText(user, 'AutoDiscoverSMTPAddress')?.trim();
  if (smtp) out.smtp = smtp;
  // Stryker disable next-line MethodExpression,OptionalChaining: parseInt skips the spaces around the hex anyway
  const sv = childText(exch, 'ServerVersion')?.trim();
  const decoded = sv ? decodePoxServerVersion(sv) : undefined;
  if (decoded) out.serverVersion = decoded;
  return out;
}

export const SOAP_SETTINGS = [
  'UserDisplayName',
  'ExternalEwsUrl',
  'InternalEwsUrl',
  'CasVersion',
  'EwsSupportedSchemas',
] as const;

export function buildGetUserSettingsRequest(url: string, email: string): string {
  const env = el(
    'soap:Envelope',
    { 'xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'xmlns:a': SOAP_AD_NS, 'xmlns:wsa': WSA_NS },
    el(
      'soap:Header',
      null,
      el('a:RequestedServerVersion', null, 'Exchange2013'),
      el('wsa:Action', null, `${SOAP_AD_NS}/Autodiscover/GetUserSettings`),
      el('wsa:To', null, url),
    ),
    el(
      'soap:Body',
      null,
      el(
        'a:GetUserSettingsRequestMessage',
        null,
        el(
          'a:Request',
          null,
          el('a:Users', null, el('a:User', null, el('a:Mailbox', null, email))),
          el(
            'a:RequestedSettings',
            null,
            SOAP_SETTINGS.map((s) => el('a:Setting', null, s)),
          ),
        ),
      ),
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${env.xml}`;
}

/** SOAP GetUserSettings answer → the same shape as POX. */
export function readGetUserSettingsResponse(root: XElement): PoxAnswer {
  const resp = findFirst(root, 'GetUserSettingsResponseMessage');
  const response = child(resp, 'Response');
  const topCode = childText(response, 'ErrorCode')?.trim();
  if (!response || (topCode && topCode !== 'NoError')) {
    const out: PoxAnswer = { action: 'error' };
    if (topCode) out.code = topCode;
    const msg = childText(response, 'ErrorMessage')?.trim();
    if (msg) out.message = msg;
    return out;
  }
  const user = findFirst(response, 'UserResponse');
  const code = childText(user, 'ErrorCode')?.trim() ?? 'NoError';
  const target = childText(user, 'RedirectTarget')?.trim() ?? '';
  if (code === 'RedirectAddress') return { action: 'redirectAddr', address: target };
  if (code === 'RedirectUrl') return { action: 'redirectUrl', url: target };
  if (code !== 'NoError') {
    const out: PoxAnswer = { action: 'error', code };
    const msg = childText(user, 'ErrorMessage')?.trim();
    if (msg) out.message = msg;
    return out;
  }
  const settings = new Map<string, string>();
  for (const s of child(user, 'UserSettings')?.children ?? []) {
    const name = childText(s, 'Name')?.trim();
    const value = childText(s, 'Value')?.trim();
    if (name && value) settings.set(name, value);
  }
  const out: PoxAnswer = { action: 'settings' };
  const ews = settings.get('ExternalEwsUrl') ?? settings.get('InternalEwsUrl');
  if (ews) out.ewsUrl = ews;
  const dn = cleanText(settings.get('UserDisplayName'));
  if (dn) out.displayName = dn;
  const cas = settings.get('CasVersion');
  if (cas) out.serverVersion = cas;
  return out;
}

function describe(err: EwsError): string {
  return `${err.kind}: ${err.code ?? err.message}`;
}

export async function autodiscover(options: AutodiscoverOptions): Promise<AutodiscoverResult> {
  const attempts: AutodiscoverAttempt[] = [];
  const maxHops = options.maxHops ?? 10;
  const resolveSrv = options.resolveSrv ?? ((n: string) => dnsResolveSrv(n));
  const approvedHosts = new Set<string>();
  // Stryker disable next-line ArrayDeclaration: a stray entry that is no EwsError has no kind, so no rule below ever picks it
  const failures: EwsError[] = [];
  let refused: { host: string; domain: string } | undefined;
  let hops = 0;
  let email = options.email.trim();
  const trustedDomains = new Set<string>([domainOf(email)]);

  const record = (step: AutodiscoverStep, url: string, outcome: string): void => {
    const a = { step, url, outcome };
    attempts.push(a);
    options.onAttempt?.(a);
  };

  const hop = (): void => {
    hops++;
    if (hops > maxHops)
      throw new EwsError(
        'server',
        `Autodiscover gave up after ${maxHops} redirections. Enter the server address (EWS URL) under Advanced.`,
        {
          code: 'AutodiscoverTooManyRedirects',
        },
      );
  };

  async function mayUse(
    url: string,
    reason: RedirectQuestion['reason'],
    step: AutodiscoverStep,
  ): Promise<boolean> {
    const host = new URL(url).hostname.toLowerCase();
    if ([...trustedDomains].some((d) => hostInDomain(host, d)) || approvedHosts.has(host)) return true;
    const ok = options.confirmRedirect ? await options.confirmRedirect({ host, url, reason }) : false;
    if (ok) {
      approvedHosts.add(host);
      return true;
    }
    refused = { host, domain: domainOf(email) };
    record(step, url, `refused: ${host} is outside ${domainOf(email)}`);
    return false;
  }

  /** One POST; a settled answer, or undefined when this URL gave nothing. */
  async function post(
    url: string,
    step: AutodiscoverStep,
    protocol: 'pox' | 'soap',
  ): Promise<PoxAnswer | undefined> {
    if (options.signal?.aborted)
      throw new EwsError('network', 'The request was cancelled.', { code: 'ABORTED' });
    let res;
    try {
      res = await options.auth.send({
        url,
        method: 'POST',
        body: protocol === 'pox' ? buildPoxRequest(email) : buildGetUserSettingsRequest(url, email),
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          accept: 'text/xml',
          'x-anchormailbox': email,
          ...(protocol === 'soap' ? { soapaction: `"${SOAP_AD_NS}/Autodiscover/GetUserSettings"` } : {}),
        },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
    } catch (err) {
      const e = toEwsError(err);
      if (e.code === 'ABORTED') throw e;
      if (e.code === 'InsecureBasic') throw e;
      failures.push(e);
      record(step, url, describe(e));
      return undefined;
    }
    if (res.status !== 200) {
      await res.discard();
      record(step, url, `HTTP ${res.status}`);
      if (res.status === 401 || res.status === 403)
        failures.push(
          new EwsError('auth', 'The user name or password is incorrect.', {
            code: `HTTP${res.status}`,
            httpStatus: res.status,
          }),
        );
      return undefined;
    }
    try {
      const root = parseXml(await res.text(1024 * 1024));
      const answer = protocol === 'pox' ? readPoxResponse(root) : readGetUserSettingsResponse(root);
      record(
        step,
        url,
        answer.action === 'error'
          ? // The server's words, cut short: attempts go to the log and the diagnostics.
            `error: ${serverText(`${answer.code ?? ''} ${answer.message ?? ''}`) ?? ''}`.trim()
          : answer.action,
      );
      return answer;
    } catch (err) {
      const e = toEwsError(err);
      failures.push(e);
      record(step, url, describe(e));
      return undefined;
    }
  }

  type Outcome = { done: AutodiscoverResult } | { restart: string } | undefined;

  async function tryUrl(url: string, step: AutodiscoverStep, allowSoap: boolean): Promise<Outcome> {
    let protocol: 'pox' | 'soap' = 'pox';
    let answer = await post(url, step, 'pox');
    // SOAP GetUserSettings where POX is not served, or where POX gave no EWS URL.
    const poxLacksEws = answer?.action === 'settings' && !answer.ewsUrl;
    if (
      (!answer || poxLacksEws) &&
      allowSoap &&
      options.soapFallback !== false &&
      !failures.some((f) => f.kind === 'auth' || f.kind === 'tls')
    ) {
      const soapUrl = url.replace(/autodiscover\.xml$/i, 'autodiscover.svc');
      if (soapUrl !== url) {
        const soapAnswer = await post(soapUrl, 'soap', 'soap');
        // Stryker disable next-line ConditionalExpression: a failed SOAP call leaves nothing usable either way (no answer, or settings without an EWS URL)
        if (soapAnswer) {
          answer = soapAnswer;
          protocol = 'soap';
          url = soapUrl;
        }
      }
    }
    // Stryker disable next-line ConditionalExpression,StringLiteral: an error answer is no redirect and has no EWS URL, so it ends below as well
    if (!answer || answer.action === 'error') return undefined;
    if (answer.action === 'redirectAddr') {
      hop();
      if (!answer.address.includes('@')) return undefined;
      return { restart: answer.address };
    }
    if (answer.action === 'redirectUrl') {
      hop();
      if (!/^https:\/\//i.test(answer.url)) {
        record('redirect-url', answer.url, 'refused: not https');
        return undefined;
      }
      if (!(await mayUse(answer.url, 'redirect-url', 'redirect-url'))) return undefined;
      return tryUrl(answer.url, 'redirect-url', true);
    }
    if (!answer.ewsUrl) return undefined;
    const result: AutodiscoverResult = {
      ewsUrl: answer.ewsUrl,
      smtp: answer.smtp ?? email,
      via: { step, url, protocol },
      attempts,
    };
    if (answer.displayName) result.displayName = answer.displayName;
    if (answer.serverVersion) result.serverVersion = answer.serverVersion;
    return { done: result };
  }

  async function httpRedirect(domain: string): Promise<string | undefined> {
    const url = `http://autodiscover.${domain}/autodiscover/autodiscover.xml`;
    try {
      const res = await options.transport.request({
        url,
        method: 'GET',
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      await res.discard();
      const loc = res.header('location');
      if (![301, 302, 303, 307, 308].includes(res.status) || !loc) {
        record('http-redirect', url, `HTTP ${res.status}`);
        return undefined;
      }
      const target = new URL(loc, url).href;
      if (!target.startsWith('https://')) {
        record('http-redirect', url, 'refused: redirect is not https');
        return undefined;
      }
      record('http-redirect', url, `redirect to ${safeOrigin(target)}`);
      return target;
    } catch (err) {
      const e = toEwsError(err);
      if (e.code === 'ABORTED') throw e;
      record('http-redirect', url, describe(e));
      return undefined;
    }
  }

  async function srvTargets(domain: string): Promise<string[]> {
    const name = `_autodiscover._tcp.${domain}`;
    try {
      const recs = await resolveSrv(name);
      recs.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
      const urls = recs
        .filter((r) => r.name)
        .map(
          (r) =>
            `https://${r.name.replace(/\.$/, '')}${r.port && r.port !== 443 ? `:${r.port}` : ''}/autodiscover/autodiscover.xml`,
        );
      if (!urls.length) record('srv', name, 'no record');
      return urls;
    } catch (err) {
      record('srv', name, `no record (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return [];
    }
  }

  async function discover(): Promise<Outcome> {
    const domain = domainOf(email);
    for (const [step, url] of [
      ['domain', `https://${domain}/autodiscover/autodiscover.xml`],
      ['autodiscover-host', `https://autodiscover.${domain}/autodiscover/autodiscover.xml`],
    ] as const) {
      const o = await tryUrl(url, step, true);
      if (o) return o;
    }
    const redirected = await httpRedirect(domain);
    if (redirected && (await mayUse(redirected, 'http-redirect', 'http-redirect'))) {
      hop();
      const o = await tryUrl(redirected, 'http-redirect', false);
      if (o) return o;
    }
    for (const url of await srvTargets(domain)) {
      if (!(await mayUse(url, 'srv', 'srv'))) continue;
      const o = await tryUrl(url, 'srv', false);
      if (o) return o;
    }
    return undefined;
  }

  for (;;) {
    const o = await discover();
    if (o && 'done' in o) return o.done;
    if (o && 'restart' in o) {
      email = o.restart;
      trustedDomains.add(domainOf(email));
      continue;
    }
    break;
  }

  const auth = failures.find((f) => f.kind === 'auth');
  if (auth) throw auth;
  const tlsErr = failures.find((f) => f.kind === 'tls');
  if (tlsErr) throw tlsErr;
  if (refused)
    throw new EwsError(
      'auth',
      `Autodiscover pointed to ${refused.host}, which is outside ${refused.domain}; the password was not sent there. Allow it only if your IT department says so, or enter the server address (EWS URL) under Advanced.`,
      { code: 'AutodiscoverRedirectRefused', redirectHost: refused.host },
    );
  throw new EwsError(
    'not-found',
    `No Exchange server was found for ${domainOf(options.email.trim())}. Check the address, or enter the server address (EWS URL) under Advanced.`,
    { code: 'AutodiscoverFailed' },
  );
}
