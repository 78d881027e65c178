/**
 * The Lync (UCWA) OnlineMeetingProvider: the scheduler's request mapped to myOnlineMeetings,
 * over a UCWA client that shares the signed-in EWS transport. Discovery, the ticket and the
 * application are cached by the client; `status()` is cached here for the form.
 */
import { createNtlmAuth } from '../../exchange/auth';
import type { AuthOptions, Credentials } from '../../exchange/auth/types';
import { serverTextOf, toEwsError } from '../../exchange/errors';
import type { Transport } from '../../exchange/transport';
import {
  createUcwaClient,
  discoveryUrls as defaultDiscoveryUrls,
  domainOf,
  UNAVAILABLE_CODE,
  type UcwaClient,
  type UcwaDialIn,
  type UcwaGrant,
} from '../../exchange/ucwa';
import { AppError } from '../../errors';
import type { Logger } from '../../log/logger';
import { registerSecret } from '../../log/redact';
import type { OnlineMeeting, OnlineMeetingProvider, OnlineMeetingRequest, ProviderStatus } from './online';
import { toMyOnlineMeetingInput, toOnlineMeeting } from './ucwa-mapping';

export const UCWA_PROVIDER_NAME = 'Lync (UCWA)';

export interface UcwaProviderOptions {
  /** The signed-in mailbox (its domain is taken as the SIP domain). */
  email: string;
  /** The sign-in's credentials: password accounts use the password grant, `ntlm` the windows grant. */
  credentials: Credentials;
  /** The EWS URL: its origin is the last discovery root tried, and its host is trusted. */
  ewsUrl: string;
  /** The signed-in client's transport (TLS trust, CAs, pinned certificates, DNS override, proxy). */
  transport: Transport;
  /** The sign-in's auth options (`allowBasicOverHttp` lets the demo use http on loopback). */
  auth?: AuthOptions;
  /** Discovery roots in order; default lyncdiscoverinternal, lyncdiscover, then the EWS origin. */
  discoveryUrls?: readonly string[];
  /** The application's culture (`fr-FR` for a French UI). */
  culture?: string;
  userAgent?: string;
  now?: () => number;
  /** How long status() reuses its answer; default 5 minutes. */
  statusTtlMs?: number;
  /** Where tickets are reported so the log hides them; default the redactor's registerSecret. */
  onSecret?: (value: string) => void;
  log?: Logger;
  /** Per-request timeout while probing discovery roots; default 10 s. */
  discoveryTimeoutMs?: number;
}

/** Any failure → AppError with its kind and code (the interface promises AppError). */
function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = toEwsError(err);
  return new AppError(e.kind, e.message, {
    ...(e.code === undefined ? {} : { code: e.code }),
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: Math.max(0, Math.round(e.retryAfterMs)) }),
    ...(e.certificate === undefined ? {} : { certificate: e.certificate }),
  });
}

function grantFor(o: UcwaProviderOptions): UcwaGrant | undefined {
  const c = o.credentials;
  if (c.method === 'bearer') return undefined;
  if (c.method === 'ntlm')
    return {
      type: 'windows',
      auth: createNtlmAuth(o.transport, { username: c.username, password: c.password }, o.auth),
    };
  return { type: 'password', username: c.username, password: c.password };
}

export function createUcwaProvider(options: UcwaProviderOptions): OnlineMeetingProvider {
  const now = options.now ?? Date.now;
  const ttl = options.statusTtlMs ?? 5 * 60_000;
  const log = options.log;
  const sipDomain = domainOf(options.email);
  const grant = grantFor(options);
  let ewsHost = '';
  try {
    ewsHost = new URL(options.ewsUrl).hostname;
  } catch {
    // a malformed EWS URL only loses the trusted host and the last discovery root
  }
  const client: UcwaClient | undefined = grant
    ? createUcwaClient({
        transport: options.transport,
        sipDomain,
        discoveryUrls: options.discoveryUrls ?? defaultDiscoveryUrls(sipDomain, options.ewsUrl),
        grant,
        trustedHosts: ewsHost ? [ewsHost] : [],
        ...(options.auth?.allowBasicOverHttp ? { allowHttpLoopback: true } : {}),
        ...(options.culture ? { culture: options.culture } : {}),
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
        ...(options.discoveryTimeoutMs ? { discoveryTimeoutMs: options.discoveryTimeoutMs } : {}),
        now,
        onSecret: options.onSecret ?? registerSecret,
        onAttempt: (a) => log?.debug('UCWA discovery', a),
      })
    : undefined;
  let cached: { status: ProviderStatus; at: number } | undefined;

  const remember = (status: ProviderStatus): ProviderStatus => {
    cached = { status, at: now() };
    return status;
  };

  function need(): UcwaClient {
    if (client) return client;
    throw new AppError(
      'unavailable',
      'Online meetings need a password sign-in; this account signs in with a token.',
      { code: UNAVAILABLE_CODE },
    );
  }

  function fail(what: string, err: unknown): AppError {
    const e = asAppError(err);
    log?.warn(`UCWA ${what} failed`, { kind: e.kind, code: e.code, detail: serverTextOf(toEwsError(err)) });
    if (e.kind === 'unavailable' || e.kind === 'auth')
      remember({ available: false, provider: UCWA_PROVIDER_NAME, reason: e.message });
    return e;
  }

  async function dialInOf(c: UcwaClient, signal?: AbortSignal): Promise<UcwaDialIn | undefined> {
    try {
      return await c.dialIn(signal);
    } catch (err) {
      // The meeting exists without dial-in numbers: the invitation just lacks them.
      log?.warn('UCWA dial-in information unavailable', { code: toEwsError(err).code });
      return undefined;
    }
  }

  return {
    name: UCWA_PROVIDER_NAME,
    async status(signal) {
      if (cached && now() - cached.at < ttl) return cached.status;
      try {
        await need().check(signal);
        return remember({ available: true, provider: UCWA_PROVIDER_NAME });
      } catch (err) {
        const e = fail('connect', err);
        return remember({ available: false, provider: UCWA_PROVIDER_NAME, reason: e.message });
      }
    },
    async create(request: OnlineMeetingRequest, signal?: AbortSignal): Promise<OnlineMeeting> {
      const input = toMyOnlineMeetingInput(request, options.email);
      const c = need();
      try {
        const meeting = await c.createMeeting(input, signal);
        remember({ available: true, provider: UCWA_PROVIDER_NAME });
        return toOnlineMeeting(meeting, await dialInOf(c, signal));
      } catch (err) {
        throw fail('create', err);
      }
    },
    async remove(id: string, signal?: AbortSignal): Promise<void> {
      const c = need();
      try {
        await c.deleteMeeting(id, signal);
      } catch (err) {
        throw fail('remove', err);
      }
    },
  };
}

/**
 * The provider for a signed-in EWS client: its mailbox, EWS URL and transport (so UCWA gets the
 * same TLS trust, CAs, pinned certificates, DNS override and proxy), with the sign-in's credentials.
 */
export function createUcwaProviderFor(
  client: { readonly email: string; readonly ewsUrl: string; readonly transport: Transport },
  credentials: Credentials,
  extra: Omit<UcwaProviderOptions, 'email' | 'ewsUrl' | 'transport' | 'credentials'> = {},
): OnlineMeetingProvider {
  return createUcwaProvider({
    ...extra,
    email: client.email,
    ewsUrl: client.ewsUrl,
    transport: client.transport,
    credentials,
  });
}
