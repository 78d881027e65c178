/**
 * One EWS call: envelope, authenticated POST, status handling, streaming parse, throttling
 * checks, retry and the per-server concurrency bound. Operations build on `EwsCaller`.
 */
import type { Authenticator } from './auth/types';
import { EwsError, errorFromHttpStatus, safeOrigin } from './errors';
import { Limiter, withRetry, type Clock, type RetryPolicy } from './retry';
import {
  buildEnvelope,
  parseXmlStream,
  readSoapResponse,
  responseMessageError,
  responseMessages,
  type SoapResponse,
  type TypedElements,
  type XmlCollectors,
  type XmlFragment,
} from './soap';
import { parseRetryAfter, type HttpResponse } from './transport';

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Reads may be retried after a dropped connection; a write that lost its answer fails with
   * OutcomeUnknown instead (retry.ts). Default: false for operations that change something
   * (Add…, Set…, Remove…, Create…), true for the others.
   */
  idempotent?: boolean;
  timeoutMs?: number;
  /**
   * Elements read as they stream and dropped from the returned tree (see XmlCollectors). Called
   * once per attempt, so a retried call starts from fresh collectors.
   */
  collect?: () => XmlCollectors;
  /**
   * Elements read straight into typed values by the fast readers (main/exchange/fast/), standing
   * in the tree with their value (XElement.value). Called once per attempt, like `collect`.
   */
  typed?: () => TypedElements;
  /**
   * Largest answer accepted, in bytes; reading stops (and the call fails) once more arrived.
   * Default `DEFAULT_MAX_RESPONSE_BYTES`; operations whose answers can legitimately be larger
   * (a 1,000-contact list, availability for many people) set their own in their module.
   */
  maxResponseBytes?: number;
}

/** What an ordinary EWS answer can be: a name resolution, one calendar page, one edit's answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface EwsCaller {
  readonly ewsUrl: string;
  /** The mailbox the calls are for (X-AnchorMailbox; the impersonated one if any). */
  readonly smtp: string;
  /** POSTs `body` (the operation element) in a SOAP envelope; a Fault or HTTP error throws. */
  soap(action: string, body: XmlFragment, options?: CallOptions): Promise<SoapResponse>;
  /** An authenticated GET relative to the EWS URL (REST photo). The caller reads the body. */
  get(url: string, headers?: Record<string, string>, options?: CallOptions): Promise<HttpResponse>;
}

/**
 * One EWS request as the log sees it: never a body, a header, an address or a credential, only
 * what a help desk needs to see that calls were slow, throttled or failing.
 */
export interface EwsRequestSummary {
  /** The SOAP action (`GetUserAvailability`) or `GET <path>` for REST (no query string). */
  operation: string;
  /** The last HTTP status seen, when an answer came. */
  status?: number;
  durationMs: number;
  /** Attempts after the first. */
  retries: number;
  ok: boolean;
  /** On failure: the error's kind and code. */
  errorKind?: string;
  errorCode?: string;
}

export interface CallerOptions {
  ewsUrl: string;
  smtp: string;
  auth: Authenticator;
  requestServerVersion?: string;
  impersonateSmtp?: string;
  retry?: RetryPolicy;
  clock?: Clock;
  /** Parallel calls to this server, default 6. */
  maxConcurrent?: number;
  limiter?: Limiter;
  onServerVersion?: (v: NonNullable<SoapResponse['serverVersion']>) => void;
  /** Told once per call (after its retries) with a summary for the log. */
  onRequest?: (summary: EwsRequestSummary) => void;
}

const SERVER_SIDE_RETRY_CODES = new Set([
  'ErrorServerBusy',
  'ErrorExceededConnectionCount',
  'ErrorTooManyObjectsOpened',
]);

/** EWS operations that change the mailbox, by name (the simulator's list too). */
const WRITE_ACTION = /^(Add|Set|Remove|Create|Update|Delete|Cancel|Send|Move|Copy|Mark)/;

function isXml(res: HttpResponse): boolean {
  const ct = res.header('content-type')?.toLowerCase() ?? '';
  return ct === '' || ct.includes('xml');
}

export function createCaller(o: CallerOptions): EwsCaller & { limiter: Limiter } {
  const limiter = o.limiter ?? new Limiter(o.maxConcurrent ?? 6);
  const anchor = o.impersonateSmtp ?? o.smtp;

  const now = (): number => o.clock?.now() ?? Date.now();

  /** Runs a call's attempts and tells onRequest how it went. */
  async function summarised<T>(
    operation: string,
    run: (track: { attempts: number; status?: number }) => Promise<T>,
  ): Promise<T> {
    const track: { attempts: number; status?: number } = { attempts: 0 };
    const started = now();
    const report = (ok: boolean, err?: unknown): void => {
      if (!o.onRequest) return;
      const e = err as { kind?: unknown; code?: unknown } | undefined;
      o.onRequest({
        operation,
        ...(track.status !== undefined ? { status: track.status } : {}),
        durationMs: Math.max(0, Math.round(now() - started)),
        retries: Math.max(0, track.attempts - 1),
        ok,
        ...(typeof e?.kind === 'string' ? { errorKind: e.kind } : {}),
        ...(typeof e?.code === 'string' ? { errorCode: e.code } : {}),
      });
    };
    try {
      const value = await run(track);
      report(true);
      return value;
    } catch (err) {
      report(false, err);
      throw err;
    }
  }

  async function once(
    action: string,
    envelope: string,
    options: CallOptions,
    track: { attempts: number; status?: number },
  ): Promise<SoapResponse> {
    track.attempts++;
    const res = await o.auth.send({
      url: o.ewsUrl,
      method: 'POST',
      body: envelope,
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        accept: 'text/xml',
        soapaction: `"http://schemas.microsoft.com/exchange/services/2006/messages/${action}"`,
        'x-anchormailbox': anchor,
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    track.status = res.status;
    // SOAP faults come with 500; anything else not 200 has no SOAP answer worth reading.
    if ((res.status !== 200 && res.status !== 500) || !isXml(res)) {
      await res.discard();
      if (res.status === 200)
        throw new EwsError(
          'server',
          `${safeOrigin(o.ewsUrl)} did not answer like an Exchange Web Services server. Check the server address (EWS URL) under Advanced; a sign-in page here usually means a proxy or web filter is in the way.`,
          {
            code: 'NotEws',
            httpStatus: 200,
          },
        );
      throw errorFromHttpStatus(res.status, o.ewsUrl, parseRetryAfter(res.header('retry-after')));
    }
    let parsed: SoapResponse;
    try {
      parsed = readSoapResponse(
        await parseXmlStream(
          res.chunks(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
          options.collect?.(),
          options.typed?.(),
        ),
        res.status,
      );
    } catch (err) {
      if (res.status === 500 && err instanceof EwsError && err.code === 'MalformedResponse')
        throw errorFromHttpStatus(500, o.ewsUrl);
      throw err;
    }
    if (parsed.serverVersion) o.onServerVersion?.(parsed.serverVersion);
    for (const m of responseMessages(parsed.body))
      if (m.responseClass === 'Error' && SERVER_SIDE_RETRY_CODES.has(m.code)) throw responseMessageError(m);
    return parsed;
  }

  return {
    ewsUrl: o.ewsUrl,
    smtp: anchor,
    limiter,
    soap(action, body, options = {}) {
      const envelope = buildEnvelope(body, {
        ...(o.requestServerVersion ? { requestServerVersion: o.requestServerVersion } : {}),
        ...(o.impersonateSmtp ? { impersonateSmtp: o.impersonateSmtp } : {}),
      });
      return summarised(action, (track) =>
        withRetry(() => limiter.run(() => once(action, envelope, options, track), options.signal), {
          idempotent: options.idempotent ?? !WRITE_ACTION.test(action),
          limiter,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(o.retry ? { policy: o.retry } : {}),
          ...(o.clock ? { clock: o.clock } : {}),
        }),
      );
    },
    get(url, headers = {}, options = {}) {
      const target = new URL(url, o.ewsUrl).href;
      // The path only: a REST photo's query names the person.
      const operation = `GET ${new URL(target).pathname.split('/').slice(-2).join('/')}`;
      return summarised(operation, (track) =>
        withRetry(
          async () => {
            track.attempts++;
            await limiter.acquire(options.signal);
            let res: HttpResponse;
            try {
              res = await o.auth.send({
                url: target,
                method: 'GET',
                headers: { ...headers, 'x-anchormailbox': anchor },
                ...(options.signal ? { signal: options.signal } : {}),
                ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
              });
            } catch (err) {
              limiter.release();
              throw err;
            }
            track.status = res.status;
            if (res.status === 503 || res.status === 429) {
              await res.discard();
              limiter.release();
              throw errorFromHttpStatus(res.status, target, parseRetryAfter(res.header('retry-after')));
            }
            return releaseOnRead(res, () => limiter.release());
          },
          {
            idempotent: options.idempotent ?? true,
            limiter,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(o.retry ? { policy: o.retry } : {}),
            ...(o.clock ? { clock: o.clock } : {}),
          },
        ),
      );
    },
  };
}

function releaseOnRead(res: HttpResponse, done: () => void): HttpResponse {
  let called = false;
  const once = (): void => {
    if (!called) {
      called = true;
      done();
    }
  };
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await f(...a);
      } finally {
        once();
      }
    };
  return {
    ...res,
    async *chunks(max?: number) {
      try {
        yield* res.chunks(max);
      } finally {
        once();
      }
    },
    bytes: wrap((max: number) => res.bytes(max)),
    text: wrap((max?: number) => res.text(max)),
    discard: wrap(() => res.discard()),
  };
}
