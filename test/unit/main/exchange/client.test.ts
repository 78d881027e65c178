import type http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExchangeClient, signIn, type ExchangeClient } from '../../../../main/exchange/client';
import { EwsError, toRosterError } from '../../../../main/exchange/errors';
import type { Clock } from '../../../../main/exchange/retry';
import { fixture } from './fixtures';
import { authGate, type TestUser } from './ntlmServer';
import { readBody, startServer, type TestServer } from './servers';

const adele: TestUser = {
  sam: 'adele',
  upn: 'adele.vance@contoso.test',
  domain: 'CONTOSO',
  password: 'Corr3ct-Horse',
};
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

type Soap = (
  action: string,
  body: string,
) =>
  | { status?: number; body: string; headers?: Record<string, string> }
  | Promise<{ status?: number; body: string; headers?: Record<string, string> }>;
type Rest = (url: URL, req: http.IncomingMessage, res: http.ServerResponse) => void;

async function ews(
  soap: Soap,
  rest?: Rest,
): Promise<{ s: TestServer; url: string; anchors: string[]; inFlight: { peak: number } }> {
  const gate = authGate([adele], ['NTLM', 'Basic']);
  const anchors: string[] = [];
  const inFlight = { now: 0, peak: 0 };
  const s = await startServer((req, res, socket) => {
    void readBody(req).then(async (body) => {
      if (!gate.check(req, res, socket)) return;
      anchors.push(String(req.headers['x-anchormailbox']));
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && rest) return rest(url, req, res);
      inFlight.now++;
      inFlight.peak = Math.max(inFlight.peak, inFlight.now);
      const action = /<soap:Body><m:(\w+)/.exec(body)?.[1] ?? '';
      const r = await soap(action, body);
      inFlight.now--;
      if (r.status === -1) return void req.socket.destroy(); // drop the connection
      res.writeHead(r.status ?? 200, { 'content-type': 'text/xml; charset=utf-8', ...r.headers });
      res.end(r.body);
    });
  });
  cleanup.push(() => s.close());
  return { s, url: `http://mail.contoso.test/EWS/Exchange.asmx`, anchors, inFlight };
}

function client(
  url: string,
  port: number,
  extra: Partial<Parameters<typeof createExchangeClient>[0]> = {},
): ExchangeClient {
  const c = createExchangeClient({
    ewsUrl: url,
    email: 'adele.vance@contoso.test',
    credentials: { method: 'ntlm', username: 'CONTOSO\\adele', password: adele.password },
    transportOptions: { proxy: false, resolve: { 'mail.contoso.test': { host: '127.0.0.1', port } } },
    ...extra,
  });
  cleanup.push(() => c.close());
  return c;
}

const instantClock = (): Clock & { slept: number[] } => {
  const slept: number[] = [];
  return { slept, now: () => 0, random: () => 0, sleep: (ms) => (slept.push(ms), Promise.resolve()) };
};

describe('client over HTTP with NTLM', () => {
  it('signs in with a given EWS URL and runs operations, sending X-AnchorMailbox', async () => {
    const { s, url, anchors } = await ews((action) => {
      if (action === 'ResolveNames')
        return {
          body: fixture('ResolveNames-single.xml')
            .replace(/alex\.wilber@/g, 'adele.vance@')
            .replace(/Alex Wilber/g, 'Adele Vance'),
        };
      if (action === 'GetImItemList') return { body: fixture('GetImItemList.xml') };
      return { status: 500, body: fixture('SoapFault.xml') };
    });
    const steps: string[] = [];
    const { client: c, account } = await signIn({
      email: 'adele.vance@contoso.test',
      password: adele.password,
      username: 'CONTOSO\\adele',
      ewsUrl: url,
      transportOptions: {
        proxy: false,
        resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } },
      },
      onProgress: (st) => steps.push(st),
    });
    cleanup.push(() => c.close());
    expect(steps).toEqual(['authenticating']);
    expect(account).toEqual({
      email: 'adele.vance@contoso.test',
      displayName: 'Adele Vance',
      ewsUrl: url,
      serverVersion: '15.1.2507.6',
    });
    expect(c.authScheme).toBe('NTLM');
    const list = await c.getImItemList();
    expect(list.groups).toHaveLength(4);
    expect(anchors.every((a) => a === 'adele.vance@contoso.test')).toBe(true);
    expect(c.serverVersion).toBe('15.1.2507.6');
    await expect(c.setImGroup('G', 'n')).rejects.toMatchObject({
      kind: 'bad-input',
      code: 'ErrorSchemaValidation',
    });
  });

  it('a wrong password is an auth error that carries no secret', async () => {
    const { s, url } = await ews(() => ({ body: '' }));
    const e = await signIn({
      email: 'adele.vance@contoso.test',
      password: 'Wr0ng-Secret!',
      ewsUrl: url,
      transportOptions: {
        proxy: false,
        resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } },
      },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EwsError);
    expect(toRosterError(e)).toEqual({
      kind: 'auth',
      message: 'The user name or password is incorrect.',
      code: 'HTTP401',
    });
    expect(JSON.stringify(toRosterError(e))).not.toContain('Wr0ng');
  });

  it('retries ErrorServerBusy after BackOffMilliseconds and HTTP 503 after Retry-After', async () => {
    let n = 0;
    const { s, url } = await ews(() => {
      n++;
      if (n === 1) return { body: fixture('ErrorServerBusy.xml') };
      if (n === 2)
        return { status: 503, body: 'busy', headers: { 'retry-after': '3', 'content-type': 'text/plain' } };
      if (n === 3) return { status: 500, body: fixture('ErrorServerBusy-fault.xml') };
      return { body: fixture('GetImItemList.xml') };
    });
    const clock = instantClock();
    const c = client(url, s.port, { clock, retry: { jitter: 0, maxAttempts: 4 } });
    const list = await c.getImItemList();
    expect(list.personas).toHaveLength(2);
    // The fault's 29.8 s is honoured (under the 30 s cap).
    expect(clock.slept).toEqual([2500, 3000, 29774]);
  });

  it('summarises each call once for the log: operation, status, duration, retries; no body or address', async () => {
    let n = 0;
    const { s, url } = await ews((action) => {
      n++;
      if (action === 'GetImItemList' && n === 1)
        return { status: 503, body: 'busy', headers: { 'retry-after': '1', 'content-type': 'text/plain' } };
      if (action === 'GetImItemList') return { body: fixture('GetImItemList.xml') };
      return { status: 500, body: fixture('ErrorServerBusy-fault.xml') };
    });
    let t = 1000;
    const clock: Clock = { now: () => (t += 20), random: () => 0, sleep: () => Promise.resolve() };
    const summaries: unknown[] = [];
    const c = client(url, s.port, {
      clock,
      retry: { jitter: 0, maxAttempts: 2 },
      onRequest: (summary) => summaries.push(summary),
    });
    await c.getImItemList();
    await expect(c.resolveNames('adele')).rejects.toBeDefined();
    expect(summaries).toEqual([
      { operation: 'GetImItemList', status: 200, durationMs: 20, retries: 1, ok: true },
      {
        operation: 'ResolveNames',
        status: 500,
        durationMs: 20,
        retries: 1,
        ok: false,
        errorKind: 'throttled',
        errorCode: 'ErrorServerBusy',
      },
    ]);
    expect(JSON.stringify(summaries)).not.toMatch(/adele|contoso|Envelope/i);
  });

  it('a malformed or entity-laden answer is a server error, and the client keeps working', async () => {
    let n = 0;
    const { s, url } = await ews(() => {
      n++;
      if (n === 1) return { body: fixture('malformed.xml') };
      if (n === 2) return { body: fixture('billion-laughs.xml') };
      if (n === 3)
        return {
          body: '<html><body>Outlook Web App sign-in</body></html>',
          headers: { 'content-type': 'text/html' },
        };
      return { body: fixture('GetImItemList.xml') };
    });
    const c = client(url, s.port);
    await expect(c.getImItemList()).rejects.toMatchObject({ kind: 'server', code: 'MalformedResponse' });
    await expect(c.getImItemList()).rejects.toMatchObject({ kind: 'server', code: 'MalformedResponse' });
    await expect(c.getImItemList()).rejects.toMatchObject({ kind: 'server', code: 'NotEws' });
    expect((await c.getImItemList()).groups).toHaveLength(4);
  });

  it("caps each operation's answer by what it can legitimately be, while it streams", async () => {
    // 10 MB: too much for a name resolution (8 MB default), within a contact list's cap.
    const padded = (xml: string): string =>
      xml.replace(/<\/s:Envelope>\s*$/, `${' '.repeat(10 * 1024 * 1024)}</s:Envelope>`);
    const { s, url } = await ews((action) =>
      action === 'ResolveNames'
        ? { body: padded(fixture('ResolveNames-single.xml')) }
        : { body: padded(fixture('GetImItemList.xml')) },
    );
    const c = client(url, s.port);
    const e = await c.resolveNames('wil').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ kind: 'server', code: 'ResponseTooLarge' });
    expect((e as Error).message).toMatch(/larger than the 8 MB/);
    expect((e as Error).message).toMatch(/IT department/);
    // The contact list is allowed more, and the client keeps working after the refusal.
    expect((await c.getImItemList()).groups).toHaveLength(4);
  });

  it('retries a dropped connection once for a read, never for a write', async () => {
    let n = 0;
    const { s, url } = await ews((action) => {
      n++;
      if (n === 1 || action === 'AddImGroup' || action === 'RemoveContactFromImList')
        return { status: -1, body: '' };
      return { body: fixture('GetImItemList.xml') };
    });
    const c = client(url, s.port);
    expect((await c.getImItemList()).groups).toHaveLength(4);
    expect(n).toBe(2);
    await expect(c.addImGroup('x')).rejects.toMatchObject({ kind: 'network', code: 'OutcomeUnknown' });
    expect(n).toBe(3);
    // A removal is a write too: sent again, it would be refused once the first one was applied.
    await expect(c.removeContactFromImList('p1')).rejects.toMatchObject({
      kind: 'network',
      code: 'OutcomeUnknown',
    });
    expect(n).toBe(4);
  });

  it('keeps to the concurrency bound', async () => {
    // The server holds every request until the test lets it go: two are held at once (the bound
    // is reached), then each release lets exactly one more in.
    const held: Array<() => void> = [];
    const { s, url, inFlight } = await ews(async () => {
      await new Promise<void>((release) => held.push(release));
      return { body: fixture('GetImItemList.xml') };
    });
    const c = client(url, s.port, { maxConcurrent: 2, auth: { ntlmConnectionsPerOrigin: 4 } });
    const all = Promise.all(Array.from({ length: 8 }, () => c.getImItemList()));
    await vi.waitFor(() => expect(held.length).toBe(2));
    for (let released = 0; released < 8; released++) {
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(released));
      held[released]?.();
    }
    await all;
    expect(inFlight.peak).toBe(2);
  });
});

describe('REST photo', () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
  let sent = 0;
  let hugeClosed: Promise<void> = Promise.resolve();
  const rest: Rest = (url, req, res) => {
    expect(url.pathname).toBe('/EWS/Exchange.asmx/s/GetUserPhoto');
    const who = url.searchParams.get('email');
    if (who === 'nobody@contoso.test') {
      res.statusCode = 404;
      return void res.end();
    }
    if (who === 'html@contoso.test') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end('<html>not a photo</html>');
    }
    if (who === 'huge@contoso.test') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024, 0xff);
      sent = 0;
      hugeClosed = new Promise((resolve) => res.on('close', () => resolve()));
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (req.headers['if-none-match'] === '"v1"') {
      res.statusCode = 304;
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'image/jpeg', etag: '"v1"', 'content-length': String(jpeg.length) });
    res.end(jpeg);
  };

  it('ok with ETag, then not-modified, none for 404', async () => {
    const { s, url } = await ews(() => ({ body: '' }), rest);
    const c = client(url, s.port);
    const first = await c.getUserPhoto('adele.vance@contoso.test', { size: 'HR240x240' });
    expect(first).toEqual({ status: 'ok', bytes: jpeg, etag: '"v1"', contentType: 'image/jpeg' });
    expect(s.requests.at(-1)!.url).toContain('size=HR240x240');
    expect(await c.getUserPhoto('adele.vance@contoso.test', { etag: '"v1"' })).toEqual({
      status: 'not-modified',
    });
    expect(await c.getUserPhoto('nobody@contoso.test')).toEqual({ status: 'none' });
  });

  it('refuses a non-image and aborts a 50 MB answer early', async () => {
    const { s, url } = await ews(() => ({ body: '' }), rest);
    const c = client(url, s.port);
    await expect(c.getUserPhoto('html@contoso.test')).rejects.toMatchObject({
      kind: 'server',
      code: 'NotAnImage',
    });
    await expect(c.getUserPhoto('huge@contoso.test')).rejects.toMatchObject({ code: 'PhotoTooLarge' });
    // The client hung up early: the server's connection closes well before the 50 MB are written.
    await hugeClosed;
    expect(sent).toBeLessThan(20 * 1024 * 1024);
    // the client still works afterwards (the limiter slot and NTLM session were released)
    expect((await c.getUserPhoto('adele.vance@contoso.test')).status).toBe('ok');
  });
});
