/**
 * HTTP(S) for the EWS client, on undici: keep-alive connection reuse, per-request timeouts,
 * cancellation, proxies (CONNECT tunnel), extra trusted CAs, per-host pinned certificates, a DNS
 * override, and TLS verification done here so a refusal carries the certificate's fingerprint.
 * Redirects are never followed.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { Agent, Client, type Dispatcher, type buildConnector } from 'undici';
import { EwsError, errorFromHttpStatus, safeOrigin, serverText, toEwsError } from './errors';

export interface ResolveTarget {
  host: string;
  /** Port for any scheme (replaces the URL's). */
  port?: number;
  /** Port for http: URLs only (e.g. a demo server's plain listener). */
  httpPort?: number;
  /** Port for https: URLs only. */
  httpsPort?: number;
}

export type LookupFunction = NonNullable<net.TcpNetConnectOpts['lookup']>;

export interface ProxyOptions {
  /** http://[user:pass@]host:port; applies to both http and https targets. */
  url: string;
  /** Comma-separated host suffixes that bypass the proxy (NO_PROXY syntax). */
  noProxy?: string;
}

export interface TransportOptions {
  /** Whole-request timeout (connect, headers, body), default 60 s. */
  timeoutMs?: number;
  /** TCP + TLS connect timeout, default 15 s. */
  connectTimeoutMs?: number;
  /** Extra trusted CAs (PEM text), added to Node's root store. */
  ca?: string | string[];
  /** Path of a PEM file with extra trusted CAs. */
  caFile?: string;
  /** host → SHA-256 fingerprints (colon hex) accepted for that host even when not trusted. */
  pinnedCertificates?: Record<string, readonly string[]>;
  /** DNS override: hostname → where to connect. Host header and TLS SNI keep the original name. */
  resolve?: Record<string, ResolveTarget>;
  /** A custom DNS lookup (used when `resolve` has no entry). */
  lookup?: LookupFunction;
  /** `'env'` (default) reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY; `false` never uses a proxy. */
  proxy?: ProxyOptions | 'env' | false;
  /** Environment to read proxy variables from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Parallel connections per origin, default 6. */
  connectionsPerOrigin?: number;
  /** Idle keep-alive time, default 30 s. */
  keepAliveTimeoutMs?: number;
  userAgent?: string;
  /** Cap on a response body read as text, default 64 MB. */
  maxResponseBytes?: number;
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  url: string;
  /** A header (lower-case name), several values joined with ", ". */
  header: (name: string) => string | undefined;
  /** All values of a header (e.g. WWW-Authenticate). */
  headerValues: (name: string) => string[];
  /** The body as UTF-8 text, refusing more than `maxBytes`. */
  text: (maxBytes?: number) => Promise<string>;
  /** The body as bytes, aborting the transfer once more than `maxBytes` arrived. */
  bytes: (maxBytes: number) => Promise<Buffer>;
  /** The body chunk by chunk (capped), for streaming parsers. */
  chunks: (maxBytes?: number) => AsyncIterable<Buffer>;
  /** Read and drop the body so the connection can be reused. */
  discard: () => Promise<void>;
}

/** Something that sends one HTTP request: the shared pool, or one dedicated connection. */
export interface HttpSender {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface SingleConnection extends HttpSender {
  close(): Promise<void>;
}

export interface Transport extends HttpSender {
  /** Exactly one keep-alive connection to `origin` (NTLM binds a login to a connection). */
  openSingleConnection(origin: string): SingleConnection;
  /** Accept this certificate for this host from now on. */
  trustCertificate(host: string, fingerprint256: string): void;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT = 60_000;
const DEFAULT_CONNECT_TIMEOUT = 15_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function normaliseFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

function loadCas(options: TransportOptions): string[] | undefined {
  const extra: string[] = [];
  if (options.ca) extra.push(...(Array.isArray(options.ca) ? options.ca : [options.ca]));
  if (options.caFile) {
    try {
      extra.push(readFileSync(options.caFile, 'utf8'));
    } catch (err) {
      throw new EwsError('bad-input', 'The trusted certificates file could not be read.', {
        code: 'CAFILE',
        cause: err,
      });
    }
  }
  return extra.length ? [...tls.rootCertificates, ...extra] : undefined;
}

/** What a connect that took too long fails with (toEwsError names it "did not answer in time"). */
function connectTimeoutError(): NodeJS.ErrnoException {
  const e = new Error('connect timeout') as NodeJS.ErrnoException;
  e.code = 'ETIMEDOUT';
  return e;
}

function stripBrackets(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

export function matchesNoProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const h = host.toLowerCase();
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [name, p] = entry.startsWith('[')
      ? [entry, undefined]
      : (entry.split(':') as [string, string | undefined]);
    if (p && Number(p) !== port) continue;
    const n = name.replace(/^\*?\./, '');
    if (h === n || h.endsWith(`.${n}`)) return true;
  }
  return false;
}

interface ResolvedProxy {
  url: URL;
}

function pickProxy(
  options: TransportOptions,
  protocol: string,
  host: string,
  port: number,
): ResolvedProxy | undefined {
  const p = options.proxy ?? 'env';
  if (p === false) return undefined;
  if (options.resolve?.[host]) return undefined; // overridden names are local by definition
  let url: string | undefined;
  let noProxy: string | undefined;
  if (p === 'env') {
    const env = options.env ?? process.env;
    url = protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
    noProxy = env.NO_PROXY ?? env.no_proxy;
  } else {
    url = p.url;
    noProxy = p.noProxy;
  }
  if (!url) return undefined;
  if (matchesNoProxy(host, port, noProxy)) return undefined;
  try {
    return { url: new URL(url.includes('://') ? url : `http://${url}`) };
  } catch {
    return undefined;
  }
}

type ConnectCallback = (err: Error | null, socket: net.Socket | tls.TLSSocket | null) => void;
type ConnectParams = buildConnector.Options;

function certError(host: string, socket: tls.TLSSocket): EwsError {
  const cert = socket.getPeerCertificate();
  const reason = socket.authorizationError;
  const code =
    typeof reason === 'string'
      ? reason
      : reason instanceof Error
        ? ((reason as NodeJS.ErrnoException).code ?? reason.message)
        : 'CERT_UNTRUSTED';
  const fp = cert && cert.fingerprint256 ? normaliseFingerprint(cert.fingerprint256) : '';
  // The subject is the server's text and is shown in the trust question: cut it short.
  const subject = cert?.subject
    ? serverText(
        Object.entries(cert.subject)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', '),
      )
    : undefined;
  const why =
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
      ? 'it is self-signed'
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? 'it was issued for another name'
        : code === 'CERT_HAS_EXPIRED'
          ? 'it has expired'
          : 'it was not issued by a trusted authority';
  return new EwsError(
    'tls',
    `The certificate of ${host} is not trusted: ${why}. Trust it only if your IT department confirms its SHA-256 fingerprint ${fp}.`,
    {
      code,
      certificate:
        subject === undefined ? { host, fingerprint256: fp } : { host, fingerprint256: fp, subject },
    },
  );
}

function createConnector(options: TransportOptions, pins: Map<string, Set<string>>) {
  const ca = loadCas(options);
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT;
  // With extra CAs, Node would build a context from ~140 root certificates plus ours for every
  // connection (tens of ms of CPU each, most of a demo sign-in's): build it once, on first use,
  // where tls.connect would have (so a bad certificate fails the same way).
  let context: tls.SecureContext | undefined;
  const caContext = (): { secureContext: tls.SecureContext } | Record<string, never> => {
    if (!ca) return {};
    context ??= tls.createSecureContext({ ca });
    return { secureContext: context };
  };

  function secure(
    socketOrTarget: { socket: net.Socket } | { host: string; port: number },
    hostname: string,
    cb: ConnectCallback,
  ): void {
    // SNI names the target; an IP address is never sent as SNI (RFC 6066).
    const servername = net.isIP(hostname) ? undefined : hostname;
    const base: tls.ConnectionOptions = {
      rejectUnauthorized: false, // verified below, so that a refusal can carry the fingerprint
      ALPNProtocols: ['http/1.1'],
      ...(servername ? { servername } : {}),
      ...caContext(),
      // The name checked is always the target's (host name or IP SAN), whatever the route: over a
      // proxy tunnel Node would otherwise check an IP target's certificate against 'localhost'.
      checkServerIdentity: (_name, cert) => tls.checkServerIdentity(hostname, cert),
    };
    const s =
      'socket' in socketOrTarget
        ? tls.connect({ ...base, socket: socketOrTarget.socket })
        : tls.connect({
            ...base,
            host: socketOrTarget.host,
            port: socketOrTarget.port,
            ...(options.lookup ? { lookup: options.lookup } : {}),
          });
    guard(
      s,
      cb,
      () => {
        if (!s.authorized) {
          const fp = normaliseFingerprint(s.getPeerCertificate()?.fingerprint256 ?? '');
          if (!fp || !pins.get(hostname.toLowerCase())?.has(fp)) {
            const err = certError(hostname, s);
            s.destroy();
            cb(err, null);
            return;
          }
        }
        cb(null, s);
      },
      'secureConnect',
    );
  }

  function guard(
    s: net.Socket,
    cb: ConnectCallback,
    onReady: () => void,
    event: 'connect' | 'secureConnect',
  ): void {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      s.destroy();
      cb(connectTimeoutError(), null);
    }, connectTimeout);
    s.once(event, () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      onReady();
    });
    s.once('error', (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cb(err, null);
    });
  }

  function tunnel(
    proxy: URL,
    hostname: string,
    port: number,
    cb: (err: Error | null, socket: net.Socket | null) => void,
  ): void {
    const pport = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
    const s: net.Socket =
      proxy.protocol === 'https:'
        ? tls.connect({
            host: stripBrackets(proxy.hostname),
            port: pport,
            ...(net.isIP(stripBrackets(proxy.hostname)) ? {} : { servername: proxy.hostname }),
            ...caContext(),
          })
        : net.connect({ host: stripBrackets(proxy.hostname), port: pport });
    guard(
      s,
      cb,
      () => {
        const authority = `${net.isIPv6(hostname) ? `[${hostname}]` : hostname}:${port}`;
        let head = `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n`;
        if (proxy.username)
          head += `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`;
        s.write(`${head}\r\n`);
        let buf = Buffer.alloc(0);
        const onData = (d: Buffer): void => {
          buf = Buffer.concat([buf, d]);
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) {
            if (buf.length > 16384)
              fail(new EwsError('network', 'The proxy sent an invalid answer.', { code: 'EPROXY' }));
            return;
          }
          stopWaiting();
          const status = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, end).toString('latin1'))?.[1];
          if (status !== '200') {
            fail(
              new EwsError(
                status === '407' ? 'auth' : 'network',
                status === '407'
                  ? 'The proxy server requires a sign-in this app does not have.'
                  : `The proxy refused to connect to ${hostname} (HTTP ${status ?? '?'}).`,
                { code: status === '407' ? 'EPROXYAUTH' : 'EPROXY' },
              ),
            );
            return;
          }
          const rest = buf.subarray(end + 4);
          if (rest.length) s.unshift(rest);
          cb(null, s);
        };
        const onErr = (e: Error): void => fail(e);
        // The proxy's answer is part of connecting: it has the connect deadline, and a proxy that
        // hangs up before answering refuses (undici's request deadline does not cover connecting).
        const onClose = (): void =>
          fail(
            new EwsError('network', 'The proxy closed the connection before answering.', { code: 'EPROXY' }),
          );
        const timer = setTimeout(() => fail(connectTimeoutError()), connectTimeout);
        const stopWaiting = (): void => {
          clearTimeout(timer);
          s.off('data', onData);
          s.off('error', onErr);
          s.off('close', onClose);
        };
        const fail = (e: Error): void => {
          stopWaiting();
          s.destroy();
          cb(e, null);
        };
        s.on('data', onData);
        s.once('error', onErr);
        s.once('close', onClose);
      },
      proxy.protocol === 'https:' ? 'secureConnect' : 'connect',
    );
  }

  const connector = (params: ConnectParams, callback: ConnectCallback): void => {
    const hostname = stripBrackets(params.hostname);
    const https = params.protocol === 'https:';
    const port = Number(params.port) || (https ? 443 : 80);
    const override = options.resolve?.[hostname.toLowerCase()];
    const proxy = pickProxy(options, params.protocol, hostname.toLowerCase(), port);
    if (proxy) {
      tunnel(proxy.url, hostname, port, (err, sock) => {
        if (err || !sock) return callback(err ?? new Error('proxy'), null);
        if (!https) return callback(null, sock);
        secure({ socket: sock }, hostname, callback);
      });
      return;
    }
    const target = {
      host: override?.host ?? hostname,
      port: (https ? override?.httpsPort : override?.httpPort) ?? override?.port ?? port,
    };
    if (https) {
      secure(target, hostname, callback);
      return;
    }
    const s = net.connect({
      host: target.host,
      port: target.port,
      ...(options.lookup && !override ? { lookup: options.lookup } : {}),
    });
    guard(s, callback, () => callback(null, s), 'connect');
  };
  return connector as buildConnector.connector;
}

/** 8 MB, 512 KB: for messages. */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function wrapResponse(
  res: Dispatcher.ResponseData,
  url: string,
  defaultMax: number,
  onDone: () => void,
  mapError: (err: unknown) => EwsError,
): HttpResponse {
  const headers = res.headers;
  let consumed = false;
  const values = (name: string): string[] => {
    const v = headers[name.toLowerCase()];
    if (v === undefined) return [];
    return Array.isArray(v) ? v : [v];
  };
  async function* chunks(maxBytes = defaultMax): AsyncGenerator<Buffer> {
    if (consumed) throw new Error('body already read');
    consumed = true;
    let total = 0;
    let complete = false;
    try {
      for await (const c of res.body as AsyncIterable<Buffer>) {
        total += c.length;
        if (total > maxBytes) {
          res.body.destroy();
          throw new EwsError(
            'server',
            `The server sent an answer larger than the ${formatSize(maxBytes)} this request can need, so it was not read. Try again later; if it keeps happening, tell your IT department.`,
            {
              code: 'ResponseTooLarge',
              httpStatus: res.statusCode,
            },
          );
        }
        yield c;
      }
      complete = true;
    } catch (err) {
      throw mapError(err);
    } finally {
      // A reader that stopped early (parse error, cap) leaves bytes unread: drop the connection.
      if (!complete && !res.body.destroyed) res.body.destroy();
      onDone();
    }
  }
  return {
    status: res.statusCode,
    url,
    header: (n) => {
      const v = values(n);
      return v.length ? v.join(', ') : undefined;
    },
    headerValues: values,
    chunks,
    async bytes(maxBytes) {
      const parts: Buffer[] = [];
      for await (const c of chunks(maxBytes)) parts.push(c);
      return Buffer.concat(parts);
    },
    async text(maxBytes = defaultMax) {
      const parts: Buffer[] = [];
      for await (const c of chunks(maxBytes)) parts.push(c);
      return Buffer.concat(parts).toString('utf8');
    },
    async discard() {
      if (consumed) return;
      consumed = true;
      try {
        await res.body.dump({ limit: 1024 * 1024 });
      } catch {
        // dropping a body never fails the call
      } finally {
        onDone();
      }
    },
  };
}

function makeSender(dispatcher: Dispatcher, options: TransportOptions): HttpSender {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const url = new URL(req.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new EwsError('bad-input', 'Only http and https addresses can be used.', { code: 'BadUrl' });
      const ctrl = new AbortController();
      let timedOut = false;
      const timeoutMs = req.timeoutMs ?? defaultTimeout;
      const timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort(
          new EwsError('network', `The server ${url.host} did not answer in time.`, { code: 'ETIMEDOUT' }),
        );
      }, timeoutMs);
      const userSignal = req.signal;
      const onUserAbort = (): void =>
        ctrl.abort(new EwsError('network', 'The request was cancelled.', { code: 'ABORTED' }));
      if (userSignal?.aborted) onUserAbort();
      else userSignal?.addEventListener('abort', onUserAbort, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        userSignal?.removeEventListener('abort', onUserAbort);
      };
      const mapError = (err: unknown): EwsError => {
        if (timedOut)
          return new EwsError('network', `The server ${url.host} did not answer in time.`, {
            code: 'ETIMEDOUT',
            cause: err,
          });
        if (userSignal?.aborted)
          return new EwsError('network', 'The request was cancelled.', { code: 'ABORTED', cause: err });
        return toEwsError(err, { host: url.hostname });
      };
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? 'Roster/0.1 (EWS)',
        ...req.headers,
      };
      if (ctrl.signal.aborted) {
        done();
        throw mapError(ctrl.signal.reason);
      }
      try {
        const res = await dispatcher.request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
          headers,
          body: req.body ?? null,
          signal: ctrl.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        return wrapResponse(res, req.url, maxBytes, done, mapError);
      } catch (err) {
        done();
        throw mapError(err);
      }
    },
  };
}

export function createTransport(options: TransportOptions = {}): Transport {
  const pins = new Map<string, Set<string>>();
  for (const [host, fps] of Object.entries(options.pinnedCertificates ?? {}))
    pins.set(host.toLowerCase(), new Set(fps.map(normaliseFingerprint)));
  const connect = createConnector(
    {
      ...options,
      resolve: Object.fromEntries(
        Object.entries(options.resolve ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      ),
    },
    pins,
  );
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 30_000;
  const agent = new Agent({
    connect,
    connections: options.connectionsPerOrigin ?? 6,
    pipelining: 1,
    keepAliveTimeout,
  });
  const shared = makeSender(agent, options);
  const singles = new Set<Client>();
  return {
    request: (req) => shared.request(req),
    openSingleConnection(origin) {
      const client = new Client(origin, { connect, pipelining: 1, keepAliveTimeout });
      singles.add(client);
      const sender = makeSender(client, options);
      return {
        request: (req) => {
          if (new URL(req.url).origin !== new URL(origin).origin)
            return Promise.reject(
              new EwsError('bad-input', 'A request was sent to the wrong server.', { code: 'WrongOrigin' }),
            );
          return sender.request(req);
        },
        async close() {
          singles.delete(client);
          await client.close().catch(() => undefined);
        },
      };
    },
    trustCertificate(host, fp) {
      const h = host.toLowerCase();
      const set = pins.get(h) ?? new Set<string>();
      set.add(normaliseFingerprint(fp));
      pins.set(h, set);
    },
    async close() {
      await Promise.all([...singles].map((c) => c.destroy().catch(() => undefined)));
      await agent.destroy().catch(() => undefined);
    },
  };
}

/** Read a non-2xx answer's body (bounded) and make the error for it. */
export async function httpError(res: HttpResponse): Promise<EwsError> {
  await res.discard();
  return errorFromHttpStatus(res.status, safeOrigin(res.url), parseRetryAfter(res.header('retry-after')));
}

/** Retry-After: seconds or an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value.trim());
  if (Number.isFinite(s) && s >= 0) return Math.round(s * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
