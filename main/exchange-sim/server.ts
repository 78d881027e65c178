/**
 * The built-in Exchange's HTTP(S) front: IIS-like routing (case-insensitive paths), authentication,
 * transport faults, autodiscover, EWS hand-over, the Lync side and a loopback-only admin endpoint.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Authenticator, findAccount, type AuthScheme, type TokenIssue } from './auth/index';
import { toClock, type ClockInput, type SimClock } from './clock';
import { handlePoxAutodiscover, handleSoapAutodiscover, lookupAddress } from './autodiscover';
import {
  handleEwsSoap,
  handleRestPhoto,
  serverBusyResponse,
  serviceDocument,
  type EwsHttpResponse,
} from './ews/index';
import { Faults, corrupt, parseFaults, type FaultConfig, type FaultPlan } from './faults';
import { exportUserData } from './lync/export';
import {
  UCWA_TOKEN_LIFETIME_SECONDS,
  createUcwaState,
  handleUcwa,
  ucwaRoute,
  type OnlineMeeting,
} from './lync/ucwa';
import { openOrgStore, type OrgStore } from './org/store';
import type { Org, Person } from './org/types';
import { loadTls } from './tls';

export interface ExchangeSimOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 = a free port (default); false = no plain HTTP listener. */
  httpPort?: number | false;
  /** 0 = a free port (default); false = no HTTPS listener. */
  httpsPort?: number | false;
  /** PEM files; else a self-signed certificate (kept in dataDir/tls, or in memory). */
  tls?: { certPath: string; keyPath: string };
  /** Persist the org (org.json) and the certificate here; else everything stays in memory. */
  dataDir?: string;
  /** Serve this org as is. */
  org?: Org;
  /** Generate with these when there is no org and nothing saved (defaults: seed 20131, 200 people). */
  seed?: number;
  size?: number;
  epoch?: string | Date;
  faults?: Partial<FaultConfig>;
  /** Challenges offered, in order; default ['NTLM', 'Basic']. Bearer tokens are accepted whenever issued. */
  authSchemes?: AuthScheme[];
  /** Lifetime of /oauth2/token tokens; default 3600 s. */
  tokenLifetimeSeconds?: number;
  /** Token for /_sim/… (default: random, printed by the CLI). */
  adminToken?: string;
  /** The saved org.json was unreadable: it was kept aside under `keptAs` and a fresh org generated. */
  onOrgCorrupt?: (err: unknown, keptAs: string) => void;
  /** Entries kept in the request log; default 5,000. */
  requestLogLimit?: number;
  /**
   * "Now" for everything time-dependent in the answers (OOF windows, MailTips, token expiry, new
   * items); a fixed instant or a SimClock. Default: the real clock.
   */
  clock?: ClockInput;
  /**
   * Serve the Lync side's UCWA (discovery, web ticket, applications, online meetings); default
   * true. Off, every UCWA path answers 404 as a server without Lync would.
   */
  ucwa?: boolean;
  /** Lifetime of UCWA web tickets (/WebTicket/oauthtoken); default 28,799 s as Lync 2013. */
  ucwaTokenLifetimeSeconds?: number;
}

export interface RequestLogEntry {
  time: string;
  method: string;
  /** Path without the query string. */
  path: string;
  host: string;
  /** EWS operation (first element of the SOAP body), autodiscover kind, or route name. */
  operation?: string;
  status: number;
  /** Authenticated account (smtp), never a password. */
  user?: string;
  authScheme?: AuthScheme;
  /** Fault injected into this request, if any. */
  fault?: 'latency' | 'serverBusy' | 'http503' | 'drop' | 'malformed' | 'drip';
  durationMs: number;
}

export interface SimControl {
  readonly adminToken: string;
  faults(): FaultConfig;
  /** Merge settings (restarts the seeded decision stream). */
  setFaults(partial: Partial<FaultConfig>): void;
  resetFaults(): void;
  requestLog(): RequestLogEntry[];
  /** Empties the log and the request counts. */
  clearRequestLog(): void;
  /**
   * Requests for an operation (EWS operation, with or without its "Request" suffix, or a route name
   * as in the log) since start or clearRequestLog, NTLM/Basic 401 challenges excluded; all requests
   * when no operation is given. Not bounded by the log's size.
   */
  requestCount(operation?: string): number;
  /** The simulator's "now" (ms). */
  now(): number;
  /** Answer as of this instant (fixed), by this clock, or by the real clock (null). */
  setClock(clock: ClockInput): void;
  /** Change the org (then it is saved, debounced, when persisted). */
  mutate<T>(fn: (org: Org) => T): T;
  /** By smtp, alias, UPN or DOMAIN\sam. */
  person(user: string): Person | undefined;
  /** As POST /oauth2/token would (null for wrong credentials). */
  issueToken(user: string, password: string): TokenIssue | null;
  /** Every Bearer token (EWS and UCWA) issued so far expires now. */
  expireTokens(): void;
  onlineMeetings(): OnlineMeeting[];
  /** Turn the Lync side's UCWA on or off (off: every UCWA path answers 404). */
  setUcwa(on: boolean): void;
  /** Write org.json now (no-op in memory). */
  save(): Promise<void>;
}

export interface ExchangeSimHandle {
  /** e.g. http://127.0.0.1:8080, when the HTTP listener is on. */
  httpUrl: string | undefined;
  httpsUrl: string | undefined;
  certificatePem: string | undefined;
  /** SHA-256 fingerprint of the certificate, colon-separated hex (as Node prints it). */
  fingerprint256: string | undefined;
  org: Org;
  control: SimControl;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const MUTATING = /^(Add|Set|Remove|Create|Update|Delete|Cancel|Send|Move|Copy|Mark)/;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const IIS_HEADERS = {
  server: 'Microsoft-IIS/10.0',
  'x-powered-by': 'ASP.NET',
  'x-feserver': 'MAIL',
  'x-beserver': 'MAIL',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'Request Entity Too Large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function soapOperation(body: string): string | undefined {
  return /<(?:[\w-]+:)?Body\b[^>]*>\s*<(?:[\w-]+:)?([A-Za-z]+)/.exec(body)?.[1];
}

/** Hostname of a Host header ("[::1]:8443" → "::1"). */
function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const i = host.lastIndexOf(':');
  return (i > 0 && host.indexOf(':') === i ? host.slice(0, i) : host).toLowerCase();
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startExchangeSim(options: ExchangeSimOptions = {}): Promise<ExchangeSimHandle> {
  const host = options.host ?? '127.0.0.1';
  const store: OrgStore = await openOrgStore({
    dataDir: options.dataDir,
    org: options.org,
    seed: options.seed,
    size: options.size,
    epoch: options.epoch,
    ...(options.onOrgCorrupt ? { onCorrupt: options.onOrgCorrupt } : {}),
  });
  const org = store.org;
  const allDomains = [org.domain, ...org.secondaryDomains].map((d) => d.toLowerCase());
  const faults = new Faults(options.faults ? parseFaults(options.faults) : {});
  let clock: SimClock = toClock(options.clock);
  const now = (): number => clock.now();
  const auth = new Authenticator(
    () => org,
    options.authSchemes ?? ['NTLM', 'Basic'],
    `mail.${org.domain}`,
    options.tokenLifetimeSeconds,
    now,
  );
  const adminToken = options.adminToken ?? randomBytes(18).toString('base64url');
  const logLimit = options.requestLogLimit ?? 5000;
  const log: RequestLogEntry[] = [];
  const ucwaState = createUcwaState();
  let ucwaOn = options.ucwa ?? true;
  const ucwaLifetime = options.ucwaTokenLifetimeSeconds ?? UCWA_TOKEN_LIFETIME_SECONDS;
  let httpsPort: number | undefined;

  const counts = new Map<string, number>();
  let total = 0;
  const record = (entry: RequestLogEntry): void => {
    if (entry.status !== 401) {
      total += 1;
      const op = entry.operation ?? entry.path;
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);
  };

  /** Names we answer for: IPs, localhost and anything in the org's domains (virtual hosts). */
  const knownHost = (name: string): boolean =>
    name === 'localhost' ||
    /^[\d.]+$/.test(name) ||
    name.includes(':') ||
    allDomains.some((d) => name === d || name.endsWith(`.${d}`));

  async function handle(req: IncomingMessage, res: ServerResponse, scheme: 'http' | 'https'): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const lower = path.toLowerCase().replace(/\/+$/, '') || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const hostHeader = req.headers.host ?? `${urlHost(host)}`;
    const hostname = hostnameOf(hostHeader);
    const baseUrl = `${scheme}://${hostHeader}`;
    const entry: RequestLogEntry = {
      time: new Date().toISOString(),
      method,
      path,
      host: hostHeader,
      status: 0,
      durationMs: 0,
    };
    let plan: FaultPlan = { delayMs: 0, early: 'none', response: 'none' };

    const finish = (status: number): void => {
      entry.status = status;
      entry.durationMs = Math.round(performance.now() - started);
      if (!entry.path.toLowerCase().startsWith('/_sim')) record(entry);
    };

    const send = async (
      status: number,
      headers: Record<string, string | string[]>,
      body: string | Uint8Array = '',
    ): Promise<void> => {
      let bytes =
        typeof body === 'string'
          ? Buffer.from(body, 'utf8')
          : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      const mode = status < 300 || status === 500 ? plan.response : 'none';
      if (mode === 'malformed') bytes = corrupt(bytes);
      const all: Record<string, string | string[]> = {
        ...IIS_HEADERS,
        'request-id': randomUUID(),
        'x-calculatedbetarget': `mail.${org.domain}`,
        ...headers,
        'content-length': String(bytes.length),
      };
      if (mode !== 'none') entry.fault = mode;
      finish(status);
      res.writeHead(status, all);
      if (method === 'HEAD') {
        res.end();
        return;
      }
      if (mode === 'drop') {
        // Half the promised bytes, then the connection dies (a proxy or IIS recycle mid-response).
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
        return;
      }
      if (mode === 'drip') {
        const { dripBytes, dripIntervalMs } = faults.get();
        const step = Math.max(1, dripBytes);
        for (let i = 0; i < bytes.length; i += step) {
          if (res.destroyed) return;
          res.write(bytes.subarray(i, i + step));
          await sleep(dripIntervalMs);
        }
        res.end();
        return;
      }
      res.end(bytes);
    };

    const sendEws = (r: EwsHttpResponse): Promise<void> => send(r.status, r.headers, r.body);
    const unauthorized = (challenges: string[]): Promise<void> =>
      send(
        401,
        { 'www-authenticate': challenges, 'content-type': 'text/html' },
        '<!DOCTYPE html><html><head><title>401 - Unauthorized</title></head><body><h1>401 - Unauthorized: Access is denied due to invalid credentials.</h1></body></html>',
      );
    const text = (status: number, msg: string): Promise<void> =>
      send(status, { 'content-type': 'text/plain; charset=utf-8' }, msg);
    const json = (status: number, value: unknown): Promise<void> =>
      send(
        status,
        { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        JSON.stringify(value),
      );

    /** Authenticated caller, or null after answering 401. */
    const caller = async (): Promise<Person | null> => {
      const r = auth.authenticate(req);
      if (r.ok) {
        entry.user = r.person.smtp;
        entry.authScheme = r.scheme;
        return r.person;
      }
      await unauthorized(r.challenges);
      return null;
    };

    // The body is always drained first so a 401 keeps the keep-alive connection usable (NTLM).
    const raw = await readBody(req);
    const body = raw.toString('utf8');

    if (lower.startsWith('/_sim')) return admin(req, method, lower, body, json, text);
    if (!knownHost(hostname)) return text(404, 'Not Found');

    if (lower === '/oauth2/token') {
      entry.operation = 'token';
      if (method !== 'POST') return send(405, { allow: 'POST' });
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'password')
        return json(400, {
          error: 'unsupported_grant_type',
          error_description: 'Only grant_type=password is supported.',
        });
      const issued = auth.issueToken(form.get('username') ?? '', form.get('password') ?? '');
      if (!issued)
        return json(400, {
          error: 'invalid_grant',
          error_description: 'The user name or password is incorrect.',
        });
      entry.user = findAccount(org, form.get('username') ?? '')?.smtp;
      return json(200, issued);
    }

    if (lower === '/ews/exchange.asmx' || lower === '/ews/exchange.asmx/s/getuserphoto')
      plan = faults.planEws();
    else plan.delayMs = faults.delayMs();
    if (plan.delayMs > 0) {
      entry.fault = 'latency';
      await sleep(plan.delayMs);
    }

    if (lower === '/ews/exchange.asmx') {
      entry.operation = soapOperation(body);
      if (method !== 'POST') return send(405, { allow: 'POST' });
      const who = await caller();
      if (!who) return;
      if (plan.early === 'http503') {
        entry.fault = 'http503';
        return send(
          503,
          { 'retry-after': String(faults.get().retryAfterSeconds), 'content-type': 'text/html' },
          '<html><body>Service Unavailable</body></html>',
        );
      }
      if (plan.early === 'serverBusy') {
        entry.fault = 'serverBusy';
        return sendEws(serverBusyResponse(faults.get().serverBusyBackOffMs));
      }
      const r = await handleEwsSoap({ org, caller: who, baseUrl, headers: lowerHeaders(req), now }, body);
      if (entry.operation && MUTATING.test(entry.operation)) store.save();
      return sendEws(r);
    }

    if (lower === '/ews/exchange.asmx/s/getuserphoto') {
      entry.operation = 'GetUserPhoto(REST)';
      if (method !== 'GET' && method !== 'HEAD') return send(405, { allow: 'GET' });
      const who = await caller();
      if (!who) return;
      if (plan.early === 'http503') {
        entry.fault = 'http503';
        return send(503, { 'retry-after': String(faults.get().retryAfterSeconds) });
      }
      if (plan.early === 'serverBusy') {
        entry.fault = 'serverBusy';
        return send(503, { 'retry-after': String(Math.ceil(faults.get().serverBusyBackOffMs / 1000)) });
      }
      return sendEws(
        await handleRestPhoto(
          { org, caller: who, baseUrl, headers: lowerHeaders(req), now },
          url.searchParams,
        ),
      );
    }

    // The service description (our own WSDL and schemas): authenticated as Exchange.asmx is, as
    // the EWS virtual directory allows no anonymous access.
    const description = serviceDocument(lower, baseUrl);
    if (description) {
      entry.operation = path.slice(path.lastIndexOf('/') + 1);
      if (method !== 'GET' && method !== 'HEAD') return send(405, { allow: 'GET' });
      const who = await caller();
      if (!who) return;
      return sendEws(description);
    }

    if (lower === '/autodiscover/autodiscover.xml') {
      entry.operation = 'autodiscover.xml';
      // The unauthenticated HTTP GET on autodiscover.<domain> answers a redirect to HTTPS.
      if (method === 'GET' && scheme === 'http' && httpsPort !== undefined) {
        const location = `https://${urlHost(hostname)}:${httpsPort}/autodiscover/autodiscover.xml`;
        return send(
          302,
          { location, 'content-type': 'text/html' },
          `<html><body>Object moved to <a href="${location}">here</a>.</body></html>`,
        );
      }
      const who = await caller();
      if (!who) return;
      if (method !== 'POST') {
        const r = handlePoxAutodiscover(org, '', baseUrl);
        return send(r.status, r.headers, r.body);
      }
      const r = handlePoxAutodiscover(org, body, baseUrl);
      return send(r.status, r.headers, r.body);
    }

    if (lower === '/autodiscover/autodiscover.svc') {
      entry.operation = 'GetUserSettings';
      if (method !== 'POST') return send(405, { allow: 'POST' });
      const who = await caller();
      if (!who) return;
      const r = handleSoapAutodiscover(org, body, baseUrl);
      return send(r.status, r.headers, r.body);
    }

    const exportMatch = /^\/lync\/export\/(.+)\.zip$/i.exec(path.replace(/\/+$/, ''));
    if (exportMatch?.[1]) {
      entry.operation = 'Export-CsUserData';
      if (method !== 'GET') return send(405, { allow: 'GET' });
      const who = await caller();
      if (!who) return;
      const id = decodeURIComponent(exportMatch[1]).replace(/^sip:/i, '').toLowerCase();
      const target =
        org.people.find((p) => p.sip.toLowerCase() === `sip:${id}`) ??
        (lookupAddress(org, id).kind === 'person' ? findAccount(org, id) : undefined);
      if (!target) return text(404, 'No such user.');
      if (target.id !== who.id && !who.canImpersonate)
        return text(403, 'Forbidden: exporting another user needs the impersonation role.');
      const groupSmtps = new Map<string, string>();
      for (const g of target.imList.groups) if (g.smtp) groupSmtps.set(g.displayName, g.smtp);
      const file = (target.smtp.split('@')[0] ?? 'user').replace(/[^a-z0-9.-]/gi, '_');
      return send(
        200,
        {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="ExportedUserData-${file}.zip"`,
        },
        exportUserData(target, groupSmtps),
      );
    }

    // lyncdiscover[internal].<domain>/ is the discovery root itself (IIS rewrites it there).
    const ucwaName =
      lower === '/' && /^lyncdiscover(internal)?\./.test(hostname) ? 'ucwa.root' : ucwaRoute(lower);
    if (ucwaName && ucwaOn) {
      entry.operation = ucwaName;
      const r = handleUcwa({
        method,
        path: ucwaName === 'ucwa.root' ? '/autodiscover/autodiscoverservice.svc/root' : path,
        query: url.searchParams,
        body,
        baseUrl,
        authorization: req.headers.authorization,
        org,
        state: ucwaState,
        now,
        tokenLifetimeSeconds: ucwaLifetime,
        authenticate: () => {
          const a = auth.authenticate(req);
          if (a.ok) {
            entry.user = a.person.smtp;
            entry.authScheme = a.scheme;
          }
          return a;
        },
      });
      if (r) return send(r.status, r.headers, r.body);
    }

    return send(
      404,
      { 'content-type': 'text/html' },
      '<html><body><h1>404 - File or directory not found.</h1></body></html>',
    );
  }

  function admin(
    req: IncomingMessage,
    method: string,
    lower: string,
    body: string,
    json: (status: number, value: unknown) => Promise<void>,
    text: (status: number, msg: string) => Promise<void>,
  ): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return text(404, 'Not Found');
    if (req.headers['x-sim-token'] !== adminToken) return text(403, 'Forbidden: X-Sim-Token required.');
    try {
      if (lower === '/_sim/faults') {
        if (method === 'GET') return json(200, faults.get());
        if (method === 'PUT' || method === 'POST') {
          faults.set(parseFaults(JSON.parse(body || '{}')));
          return json(200, faults.get());
        }
        if (method === 'DELETE') {
          faults.reset();
          return json(200, faults.get());
        }
      }
      if (lower === '/_sim/log') {
        if (method === 'GET') return json(200, log);
        if (method === 'DELETE') {
          control.clearRequestLog();
          return json(200, []);
        }
      }
      if (lower === '/_sim/clock') {
        // PUT {"now": "2026-11-25T09:29:15Z"} fixes the clock; {"now": null} gives back the real one.
        if (method === 'PUT' || method === 'POST') control.setClock(clockBody(body));
        if (method === 'DELETE') control.setClock(null);
        return json(200, { now: new Date(now()).toISOString() });
      }
      if (lower === '/_sim/health' && method === 'GET')
        return json(200, { ok: true, people: org.people.length });
    } catch (err) {
      return json(400, { error: err instanceof Error ? err.message : String(err) });
    }
    return text(404, 'Not Found');
  }

  const listener = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, scheme).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'text/plain', ...IIS_HEADERS });
        res.end(status === 500 ? 'Internal Server Error' : err instanceof Error ? err.message : '');
      } else res.destroy();
      record({
        time: new Date().toISOString(),
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        host: req.headers.host ?? '',
        status,
        durationMs: 0,
      });
    });
  };

  const servers: Server[] = [];
  const listen = (server: Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const tune = (server: Server): Server => {
    // IIS keeps idle connections two minutes; NTLM relies on the connection staying open.
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 125_000;
    servers.push(server);
    return server;
  };

  let httpUrl: string | undefined;
  let httpsUrl: string | undefined;
  let certificatePem: string | undefined;
  let fingerprint256: string | undefined;
  try {
    if (options.httpsPort !== false) {
      const tls = await loadTls({
        certPath: options.tls?.certPath,
        keyPath: options.tls?.keyPath,
        dataDir: options.dataDir,
        domains: [org.domain, ...org.secondaryDomains],
      });
      certificatePem = tls.cert;
      fingerprint256 = tls.fingerprint256;
      const server = tune(createHttpsServer({ cert: tls.cert, key: tls.key }, listener('https')));
      httpsPort = await listen(server, options.httpsPort ?? 0);
      httpsUrl = `https://${urlHost(host)}:${httpsPort}`;
    }
    if (options.httpPort !== false) {
      const port = await listen(tune(createHttpServer(listener('http'))), options.httpPort ?? 0);
      httpUrl = `http://${urlHost(host)}:${port}`;
    }
  } catch (err) {
    for (const s of servers) s.close();
    throw err;
  }

  const control: SimControl = {
    adminToken,
    faults: () => faults.get(),
    setFaults: (partial) => faults.set(parseFaults(partial)),
    resetFaults: () => faults.reset(),
    requestLog: () => log.map((e) => ({ ...e })),
    clearRequestLog: () => {
      log.length = 0;
      counts.clear();
      total = 0;
    },
    requestCount: (operation) =>
      operation === undefined
        ? total
        : (counts.get(operation) ?? 0) +
          (operation.endsWith('Request') ? 0 : (counts.get(`${operation}Request`) ?? 0)),
    now,
    setClock: (c) => {
      clock = toClock(c);
    },
    mutate: (fn) => {
      const out = fn(org);
      store.save();
      return out;
    },
    person: (user) => findAccount(org, user),
    issueToken: (user, password) => auth.issueToken(user, password),
    expireTokens: () => {
      auth.expireTokens();
      for (const t of ucwaState.tokens.values()) t.expiresAt = 0;
    },
    onlineMeetings: () => [...ucwaState.meetings.values()],
    setUcwa: (on) => {
      ucwaOn = on;
    },
    save: () => store.flush(true),
  };

  let closed = false;
  return {
    httpUrl,
    httpsUrl,
    certificatePem,
    fingerprint256,
    org,
    control,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      await store.close();
    },
  };
}

function clockBody(body: string): string | number | null {
  const value: unknown = (JSON.parse(body || '{}') as { now?: unknown }).now ?? null;
  if (value !== null && typeof value !== 'string' && typeof value !== 'number')
    throw new Error('now must be an ISO date, milliseconds or null');
  return value;
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
