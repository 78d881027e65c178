/**
 * The Lync (UCWA) provider and client against the built-in Exchange: discovery → web ticket →
 * application → create / get / delete, wrong password, UCWA switched off, expired tickets, the
 * windows grant over NTLM; and hostile answers from a stand-in server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import { signIn } from '../../../main/exchange';
import { createTransport, type Transport, type TransportOptions } from '../../../main/exchange/transport';
import { createUcwaClient, discoveryUrls } from '../../../main/exchange/ucwa';
import {
  DEMO_ACCOUNTS,
  generateOrg,
  startExchangeSim,
  type ExchangeSimHandle,
  type SimClock,
} from '../../../main/exchange-sim';
import type { OnlineMeetingRequest } from '../../../main/services/meetings/online';
import {
  createUcwaProvider,
  createUcwaProviderFor,
  type UcwaProviderOptions,
} from '../../../main/services/meetings/ucwa-provider';

const alice = DEMO_ACCOUNTS.alice;
const EPOCH = Date.parse('2026-11-25T08:00:00Z');
let sim: ExchangeSimHandle;
let transportOptions: TransportOptions;
let ewsUrl: string;
let simNow = EPOCH;
const clock: SimClock = { now: () => simNow };
const transports: Transport[] = [];

/** Names the transport sends to the simulator; any other name does not resolve. */
const SIM_NAMES = ['mail.contoso.test', 'lyncdiscoverinternal.contoso.test', 'lyncdiscover.contoso.test'];

function transportFor(names: readonly string[] = SIM_NAMES): Transport {
  const https = new URL(sim.httpsUrl!);
  const to = { host: '127.0.0.1', httpsPort: Number(https.port) };
  const t = createTransport({ ...transportOptions, resolve: Object.fromEntries(names.map((n) => [n, to])) });
  transports.push(t);
  return t;
}

function track(t: Transport): Transport {
  transports.push(t);
  return t;
}

function provider(extra: Partial<UcwaProviderOptions> = {}, names?: readonly string[]) {
  const secrets: string[] = [];
  const p = createUcwaProvider({
    email: alice.smtp,
    credentials: { username: alice.smtp, password: alice.password },
    ewsUrl,
    transport: transportFor(names),
    onSecret: (s) => secrets.push(s),
    ...extra,
  });
  return { p, secrets };
}

const request = (over: Partial<OnlineMeetingRequest> = {}): OnlineMeetingRequest => ({
  subject: 'Budget review',
  attendees: ['bob@contoso.test', 'sip:carol@contoso.test'],
  startMs: EPOCH + 86_400_000,
  endMs: EPOCH + 86_400_000 + 1_800_000,
  access: 'invited',
  lobbyBypassForPhoneUsers: true,
  presenters: 'people-i-choose',
  presenterEmails: ['bob@contoso.test'],
  ...over,
});

beforeAll(async () => {
  sim = await startExchangeSim({
    org: generateOrg({ seed: 18, size: 40, epoch: '2026-11-25T00:00:00Z' }),
    httpPort: false,
    clock,
  });
  ewsUrl = `https://mail.contoso.test:${new URL(sim.httpsUrl!).port}/EWS/Exchange.asmx`;
  transportOptions = {
    proxy: false,
    ca: sim.certificatePem!,
    // No DNS here: a name without an override fails at once, as an unknown name would.
    lookup: ((_host: string, _opts: unknown, cb: (err: NodeJS.ErrnoException | null) => void) => {
      const err: NodeJS.ErrnoException = new Error('getaddrinfo ENOTFOUND');
      err.code = 'ENOTFOUND';
      cb(err);
    }) as unknown as TransportOptions['lookup'],
  };
}, 60_000);

afterEach(() => {
  simNow = EPOCH;
  sim.control.setUcwa(true);
});

afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()));
  await sim?.close();
});

describe('the UCWA provider against the built-in Exchange', () => {
  it('discovers, signs in, creates a meeting with the options as sent, reads it back and deletes it', async () => {
    const { p, secrets } = provider();
    expect(await p.status()).toEqual({ available: true, provider: 'Lync (UCWA)' });

    const meeting = await p.create(request());
    expect(new URL(meeting.joinUrl).protocol).toBe('https:');
    expect(meeting.conferenceUri).toMatch(/^sip:alice@contoso\.test;gruu;opaque=app:conf:focus:id:/);
    expect(meeting.expiresMs).toBe(request().endMs + 14 * 86_400_000);
    expect(meeting.dialIn?.conferenceId).toMatch(/^\d{7}$/);
    expect(meeting.dialIn?.numbers.map((n) => n.region)).toEqual(['Paris', 'New York', 'London']);

    const stored = sim.control.onlineMeetings().find((m) => m.onlineMeetingId === meeting.id);
    expect(stored).toMatchObject({
      subject: 'Budget review',
      attendees: ['sip:bob@contoso.test', 'sip:carol@contoso.test'],
      leaders: ['sip:bob@contoso.test'],
      accessLevel: 'Invited',
      automaticLeaderAssignment: 'Disabled',
      lobbyBypassForPhoneUsers: 'Enabled',
      organizerUri: 'sip:alice@contoso.test',
    });
    // The ticket was handed to the redactor and discovery was done once for both calls.
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatch(/^cwt=/);
    expect(sim.control.requestCount('ucwa.root')).toBeGreaterThanOrEqual(1);

    // Discovery, ticket and application are cached: the next meeting costs its POST and the dial-in GET.
    sim.control.clearRequestLog();
    const second = await p.create(request({ subject: 'Second' }));
    expect(sim.control.requestLog().map((e) => `${e.method} ${e.operation ?? e.path} ${e.status}`)).toEqual([
      'POST myOnlineMeetings 200',
      'GET phoneDialInInformation 200',
    ]);
    await p.remove(second.id);

    await p.remove(meeting.id);
    expect(sim.control.onlineMeetings().some((m) => m.onlineMeetingId === meeting.id)).toBe(false);
    // Removing what is already gone is not an error.
    await expect(p.remove(meeting.id)).resolves.toBeUndefined();
  });

  it('tries lyncdiscoverinternal, then lyncdiscover, then the EWS server', async () => {
    const attempts: Array<{ url: string; outcome: string }> = [];
    const client = createUcwaClient({
      transport: transportFor(['mail.contoso.test']),
      sipDomain: 'contoso.test',
      discoveryUrls: discoveryUrls('contoso.test', ewsUrl),
      grant: { type: 'password', username: alice.smtp, password: alice.password },
      onAttempt: (a) => attempts.push(a),
    });
    const m = await client.createMeeting({
      subject: 'Order',
      accessLevel: 'Everyone',
      automaticLeaderAssignment: 'Everyone',
      attendees: ['sip:bob@contoso.test'],
      leaders: [],
      entryExitAnnouncement: 'Enabled',
      lobbyBypassForPhoneUsers: 'Disabled',
      phoneUserAdmission: 'Enabled',
      expirationTime: new Date(EPOCH + 7 * 86_400_000).toISOString(),
    });
    expect(attempts.map((a) => [new URL(a.url).hostname, a.outcome])).toEqual([
      ['lyncdiscoverinternal.contoso.test', 'ENOTFOUND'],
      ['lyncdiscover.contoso.test', 'ENOTFOUND'],
      ['mail.contoso.test', 'found'],
    ]);
    expect(await client.getMeeting(m.id)).toMatchObject({
      id: m.id,
      joinUrl: m.joinUrl,
      accessLevel: 'Everyone',
      attendees: ['sip:bob@contoso.test'],
    });
    expect(await client.deleteMeeting(m.id)).toBe(true);
    expect(await client.getMeeting(m.id)).toBeUndefined();
    expect(await client.deleteMeeting(m.id)).toBe(false);
  });

  it('a wrong password is an auth error, and the form says why', async () => {
    const { p } = provider({ credentials: { username: alice.smtp, password: 'not-it' } });
    const err: unknown = await p.create(request()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: 'auth', code: 'UcwaInvalidGrant' });
    expect(await p.status()).toMatchObject({
      available: false,
      reason: 'The user name or password is incorrect.',
    });
  });

  it('with UCWA off, status says unavailable and create fails with OnlineMeetingUnavailable', async () => {
    sim.control.setUcwa(false);
    const { p } = provider();
    const status = await p.status();
    expect(status.available).toBe(false);
    const err: unknown = await p.create(request()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: 'unavailable', code: 'OnlineMeetingUnavailable' });
  });

  it('status() keeps its answer for its TTL, then asks again', async () => {
    let t = 0;
    const { p } = provider({ now: () => t, statusTtlMs: 60_000 });
    expect((await p.status()).available).toBe(true);
    sim.control.setUcwa(false);
    t = 59_000;
    expect((await p.status()).available).toBe(true);
    t = 61_000;
    expect(await p.status()).toMatchObject({ available: false, provider: 'Lync (UCWA)' });
    sim.control.setUcwa(true);
    t = 122_000;
    expect(await p.status()).toEqual({ available: true, provider: 'Lync (UCWA)' });
  });

  it('a token sign-in (no password) has no UCWA ticket to get: unavailable, said plainly', async () => {
    const { p } = provider({ credentials: { method: 'bearer', getToken: () => Promise.resolve('t') } });
    expect(await p.status()).toMatchObject({ available: false });
    await expect(p.create(request())).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'OnlineMeetingUnavailable',
    });
  });

  it('renews an expired ticket once (the sim clock passes expires_in) and goes on', async () => {
    const { p, secrets } = provider();
    await p.create(request());
    sim.control.clearRequestLog();
    simNow = EPOCH + 28_800_000; // 8 h later: past Lync's 28,799 s ticket
    await p.create(request());
    expect(secrets).toHaveLength(2);
    expect(sim.control.requestCount('ucwa.token')).toBe(1);
    expect(
      sim.control.requestLog().filter((e) => e.status === 401 && e.operation === 'myOnlineMeetings'),
    ).toHaveLength(1);
  });

  it('createUcwaProviderFor takes what a signed-in ExchangeClient has', async () => {
    const { client } = await signIn({
      email: alice.smtp,
      password: alice.password,
      ewsUrl,
      transport: transportFor(),
    });
    try {
      const p = createUcwaProviderFor(
        client,
        { username: alice.smtp, password: alice.password },
        {
          onSecret: () => undefined,
        },
      );
      const m = await p.create(request());
      expect(sim.control.onlineMeetings().find((x) => x.onlineMeetingId === m.id)?.organizerUri).toBe(
        'sip:alice@contoso.test',
      );
    } finally {
      await client.close();
    }
  });

  it('signs NTLM accounts in with the windows grant (no password in the form)', async () => {
    const { p } = provider({
      credentials: { method: 'ntlm', username: alice.smtp, password: alice.password },
    });
    sim.control.clearRequestLog();
    const m = await p.create(request());
    expect(m.joinUrl).toMatch(/^https:\/\//);
    const token = sim.control.requestLog().filter((e) => e.operation === 'ucwa.token' && e.status === 200);
    expect(token).toHaveLength(1);
    expect(token[0]).toMatchObject({ authScheme: 'NTLM', user: alice.smtp });
  });
});

describe('hostile or failing UCWA answers (a stand-in server on loopback)', () => {
  type Handler = (
    req: IncomingMessage,
    body: string,
  ) => { status: number; headers?: Record<string, string | string[]>; body?: string };
  let server: Server;
  let base: string;
  let routes: Record<string, Handler> = {};
  const seen: Array<{ path: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        const path = (req.url ?? '/').split('?')[0]!;
        seen.push({ path, body });
        const r = routes[`${req.method ?? 'GET'} ${path}`]?.(req, body) ?? { status: 404 };
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    routes = {};
    seen.length = 0;
  });

  const ok = (value: unknown) => ({ status: 200, body: JSON.stringify(value) });
  /** A well-behaved UCWA up to the meeting; `meeting` answers the POST. */
  function lync(meeting: Handler): void {
    routes = {
      'GET /root': () => ok({ _links: { user: { href: `${base}/user` } } }),
      'GET /user': (req) =>
        req.headers.authorization === 'Bearer cwt=1'
          ? ok({ _links: { applications: { href: `${base}/apps` } } })
          : {
              status: 401,
              headers: { 'www-authenticate': `MsRtcOAuth href=${base}/token,grant_type="password"` },
            },
      'POST /token': () => ok({ access_token: 'cwt=1', expires_in: 3600, token_type: 'Bearer' }),
      'POST /apps': () => ({
        status: 201,
        body: JSON.stringify({
          _links: { self: { href: '/apps/1' } },
          _embedded: { onlineMeetings: { _links: { myOnlineMeetings: { href: '/apps/1/m' } } } },
        }),
      }),
      'POST /apps/1/m': meeting,
    };
  }
  const client = () =>
    createUcwaClient({
      transport: track(createTransport({ proxy: false })),
      sipDomain: 'contoso.test',
      discoveryUrls: [`${base}/root`],
      grant: { type: 'password', username: alice.smtp, password: alice.password },
      allowHttpLoopback: true,
    });
  const input = {
    subject: 's',
    accessLevel: 'Everyone' as const,
    automaticLeaderAssignment: 'Disabled' as const,
    attendees: [],
    leaders: [],
    entryExitAnnouncement: 'Disabled' as const,
    lobbyBypassForPhoneUsers: 'Disabled' as const,
    phoneUserAdmission: 'Enabled' as const,
    expirationTime: '2030-01-01T00:00:00Z',
  };

  it('refuses a join link that is not https', async () => {
    lync(() => ok({ onlineMeetingId: 'ABC', joinUrl: 'javascript:alert(1)' }));
    await expect(client().createMeeting(input)).rejects.toMatchObject({
      kind: 'server',
      code: 'UcwaBadAnswer',
    });
  });

  it('refuses an answer that is not JSON, or JSON of the wrong shape', async () => {
    lync(() => ({ status: 200, body: '<html>oops' }));
    await expect(client().createMeeting(input)).rejects.toMatchObject({ code: 'UcwaBadAnswer' });
    lync(() => ok({ onlineMeetingId: ['x'], joinUrl: 'https://meet.contoso.test/a/b' }));
    await expect(client().createMeeting(input)).rejects.toMatchObject({ code: 'UcwaBadAnswer' });
  });

  it('never sends the password to a web ticket service outside the SIP domain', async () => {
    lync(() => ok({}));
    routes['GET /user'] = () => ({
      status: 401,
      headers: { 'www-authenticate': 'MsRtcOAuth href="https://evil.example/token",grant_type="password"' },
    });
    await expect(client().createMeeting(input)).rejects.toMatchObject({ code: 'UcwaUntrustedLink' });
    expect(seen.some((s) => s.body.includes(alice.password))).toBe(false);
  });

  it('maps 503 with Retry-After to throttled', async () => {
    lync(() => ({ status: 503, headers: { 'retry-after': '7' }, body: '{"code":"ServiceFailure"}' }));
    await expect(client().createMeeting(input)).rejects.toMatchObject({
      kind: 'throttled',
      retryAfterMs: 7000,
      code: 'UcwaServiceFailure',
    });
  });

  it('gives up after one renewal when the server keeps refusing tickets', async () => {
    lync(() => ok({}));
    routes['GET /user'] = () => ({
      status: 401,
      headers: { 'www-authenticate': `MsRtcOAuth href=${base}/token,grant_type="password"` },
    });
    await expect(client().createMeeting(input)).rejects.toMatchObject({
      kind: 'auth',
      code: 'UcwaTicketRefused',
    });
    expect(seen.filter((s) => s.path === '/token')).toHaveLength(2);
  });

  it('a discovery root that answers garbage counts as no Lync there', async () => {
    routes = { 'GET /root': () => ({ status: 200, body: '{"_links":{"user":42}}' }) };
    await expect(client().connect()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'OnlineMeetingUnavailable',
    });
  });
});
