/**
 * The transport's connector: how it reaches a server (a custom lookup, the DNS override, a CONNECT
 * proxy over HTTP or TLS), what it sends the proxy, how it reads the proxy's answer, and the
 * errors a user sees when the proxy or the server does not play along.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type tls from 'node:tls';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type LookupFunction } from '../../../../main/exchange/transport';
import { testCerts, type TestCerts } from './servers';
import { transportFixture } from './transport-fixture';

const { listen, serve, transport } = transportFixture();

let certs: TestCerts;
beforeAll(async () => {
  certs = await testCerts();
}, 30_000);

/** A TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<number> {
  return listen(net.createServer(() => undefined));
}

interface Connect {
  url: string;
  proxyAuthorization: string | undefined;
  servername: string | undefined;
}

/**
 * A CONNECT proxy (plain HTTP, or TLS with a certificate for `localhost`); `answer` gets the
 * client socket once the CONNECT head arrived.
 */
async function connectProxy(
  answer: (client: net.Socket, req: http.IncomingMessage) => void,
  overTls = false,
): Promise<{ port: number; connects: Connect[] }> {
  const connects: Connect[] = [];
  const server = overTls
    ? https.createServer({ key: certs.localhostKey, cert: certs.localhostCert })
    : http.createServer();
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    const servername = (client as tls.TLSSocket).servername;
    connects.push({
      url: req.url ?? '',
      proxyAuthorization: req.headers['proxy-authorization'],
      servername: typeof servername === 'string' ? servername : undefined,
    });
    client.on('error', () => undefined);
    answer(client, req);
  });
  const port = await listen(server);
  return { port, connects };
}

/** Answers 200 in `parts` (each written once the previous one was flushed), then pipes to `upstream`. */
function tunnelTo(upstream: number, parts: string[] = ['HTTP/1.1 200 Connection Established\r\n\r\n']) {
  return (client: net.Socket): void => {
    const up = net.connect(upstream, '127.0.0.1', () => {
      const write = (i: number): void => {
        if (i === parts.length) {
          up.pipe(client);
          client.pipe(up);
          return;
        }
        client.write(parts[i]!, () => write(i + 1));
      };
      write(0);
    });
    up.on('error', () => client.destroy());
    client.on('close', () => up.destroy());
  };
}

const hello = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
  res.end('hello');
};

/** A DNS lookup that answers 127.0.0.1 for every name, recording the names asked. */
function loopbackLookup(asked: string[]): LookupFunction {
  return ((hostname: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    asked.push(hostname);
    if (opts.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  }) as LookupFunction;
}

describe('reaching the server', () => {
  it('offers http/1.1 by ALPN, so a server that prefers HTTP/2 still answers in HTTP/1.1', async () => {
    const protocols: Array<string | false | null> = [];
    const h2First = https.createServer(
      { key: certs.key, cert: certs.cert, ALPNProtocols: ['h2', 'http/1.1'] },
      (req, res) => {
        protocols.push((req.socket as tls.TLSSocket).alpnProtocol);
        res.end('hello');
      },
    );
    const port = await listen(h2First);
    const t = transport({ ca: certs.caCert, resolve: { 'mail.contoso.test': { host: '127.0.0.1', port } } });
    const res = await t.request({ url: 'https://mail.contoso.test/EWS/Exchange.asmx' });
    expect(await res.text()).toBe('hello');
    expect(protocols).toStrictEqual(['http/1.1']);
  });

  it('finds an https server by the custom lookup when no override names it, still checking its certificate', async () => {
    const s = await serve(hello, { key: certs.key, cert: certs.cert });
    const asked: string[] = [];
    const t = transport({ ca: certs.caCert, lookup: loopbackLookup(asked) });
    const res = await t.request({ url: `https://mail.contoso.test:${s.port}/EWS/Exchange.asmx` });
    expect(await res.text()).toBe('hello');
    expect(asked).toStrictEqual(['mail.contoso.test']);
    expect(s.requests[0]!.servername).toBe('mail.contoso.test');

    const untrusted = transport({ lookup: loopbackLookup([]) });
    await expect(untrusted.request({ url: `https://mail.contoso.test:${s.port}/` })).rejects.toMatchObject({
      kind: 'tls',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('finds an http server by the custom lookup when no override names it', async () => {
    const s = await serve(hello);
    const asked: string[] = [];
    const t = transport({ lookup: loopbackLookup(asked) });
    const res = await t.request({ url: `http://mail.contoso.test:${s.port}/` });
    expect(await res.text()).toBe('hello');
    expect(asked).toStrictEqual(['mail.contoso.test']);
    expect(s.requests[0]!.headers.host).toBe(`mail.contoso.test:${s.port}`);
  });

  it('an override wins over the custom lookup, which is not asked', async () => {
    const s = await serve(hello);
    const lookup = vi.fn<LookupFunction>((_h, _o, cb) => {
      const e = new Error('no such name') as NodeJS.ErrnoException;
      e.code = 'ENOTFOUND';
      (cb as (err: Error) => void)(e);
    });
    const t = transport({ lookup, resolve: { 'mail.contoso.test': { host: 'localhost', port: s.port } } });
    const res = await t.request({ url: 'http://mail.contoso.test/' });
    expect(await res.text()).toBe('hello');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('gives up on a server that accepts the connection but never completes the TLS handshake', async () => {
    const port = await silentServer();
    const t = transport({
      connectTimeoutMs: 100,
      timeoutMs: 10_000,
      resolve: { 'mail.contoso.test': { host: '127.0.0.1', port } },
    });
    await expect(t.request({ url: 'https://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'ETIMEDOUT',
      message: 'The server mail.contoso.test did not answer in time.',
      // the connect deadline, not the whole request's
      cause: { message: 'connect timeout', code: 'ETIMEDOUT' },
    });
  });
});

describe('CONNECT proxies', () => {
  it('tunnels http requests through one CONNECT, asking for host:port and sending no credentials it was not given', async () => {
    const s = await serve(hello);
    const p = await connectProxy(tunnelTo(s.port));
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` } });
    for (const path of ['/EWS/Exchange.asmx', '/EWS/Exchange.asmx?again']) {
      const res = await t.request({ url: `http://mail.contoso.test:8080${path}` });
      expect(await res.text()).toBe('hello');
      await new Promise((r) => setImmediate(r)); // let undici put the socket back in the pool
    }
    expect(p.connects).toStrictEqual([
      { url: 'mail.contoso.test:8080', proxyAuthorization: undefined, servername: undefined },
    ]);
    expect(s.requests.map((r) => [r.method, r.url, r.headers.host])).toStrictEqual([
      ['GET', '/EWS/Exchange.asmx', 'mail.contoso.test:8080'],
      ['GET', '/EWS/Exchange.asmx?again', 'mail.contoso.test:8080'],
    ]);
  });

  it('sends the proxy credentials of the proxy address, percent-decoded', async () => {
    const s = await serve(hello);
    const p = await connectProxy(tunnelTo(s.port));
    const t = transport({ proxy: { url: `http://ann%20b:p%40ss@127.0.0.1:${p.port}` } });
    expect(await (await t.request({ url: 'http://mail.contoso.test/' })).text()).toBe('hello');
    expect(p.connects).toStrictEqual([
      {
        url: 'mail.contoso.test:80',
        proxyAuthorization: `Basic ${Buffer.from('ann b:p@ss').toString('base64')}`,
        servername: undefined,
      },
    ]);
  });

  it('talks TLS to an https:// proxy, naming it by SNI and trusting it by the extra CA', async () => {
    const s = await serve(hello);
    const p = await connectProxy(tunnelTo(s.port), true);
    const t = transport({ ca: certs.caCert, proxy: { url: `https://localhost:${p.port}` } });
    expect(await (await t.request({ url: 'http://mail.contoso.test/' })).text()).toBe('hello');
    expect(p.connects).toStrictEqual([
      { url: 'mail.contoso.test:80', proxyAuthorization: undefined, servername: 'localhost' },
    ]);

    // Without the CA the proxy's certificate is refused: its verification is not switched off.
    const untrusted = transport({ proxy: { url: `https://localhost:${p.port}` }, timeoutMs: 10_000 });
    await expect(untrusted.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'tls',
    });
    expect(p.connects).toHaveLength(1);
  });

  it('tunnels an https request through an https:// proxy and verifies the server behind it', async () => {
    const s = await serve(hello, { key: certs.key, cert: certs.cert });
    const p = await connectProxy(tunnelTo(s.port), true);
    const t = transport({ ca: certs.caCert, proxy: { url: `https://localhost:${p.port}` } });
    expect(await (await t.request({ url: 'https://mail.contoso.test/' })).text()).toBe('hello');
    expect(p.connects.map((c) => c.url)).toStrictEqual(['mail.contoso.test:443']);
    expect(s.requests[0]!.servername).toBe('mail.contoso.test');
  });

  it('reads an answer that arrives in pieces', async () => {
    const s = await serve(hello);
    // Over TLS each write is its own record, so the client sees each piece on its own.
    const p = await connectProxy(
      tunnelTo(s.port, ['HTTP/1.1 200 Connection Established\r\n', 'Via: proxy\r\n', '\r\n']),
      true,
    );
    const t = transport({ ca: certs.caCert, proxy: { url: `https://localhost:${p.port}` } });
    expect(await (await t.request({ url: 'http://mail.contoso.test/' })).text()).toBe('hello');
  });

  it('reads an answer whose first piece is exactly 16 KB of headers', async () => {
    const s = await serve(hello);
    const head = 'HTTP/1.1 200 Connection Established\r\nX-Pad: ';
    const first = `${head}${'x'.repeat(16_384 - head.length - 2)}\r\n`;
    expect(first).toHaveLength(16_384);
    const p = await connectProxy(tunnelTo(s.port, [first, '\r\n']), true);
    const t = transport({ ca: certs.caCert, proxy: { url: `https://localhost:${p.port}` } });
    expect(await (await t.request({ url: 'http://mail.contoso.test/' })).text()).toBe('hello');
  });

  it('asks for an IPv6 target in brackets', async () => {
    const p = await connectProxy((client) => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` } });
    await expect(t.request({ url: 'http://[::1]:8080/EWS/Exchange.asmx' })).rejects.toMatchObject({
      kind: 'network',
      code: 'EPROXY',
      message: 'The proxy refused to connect to ::1 (HTTP 403).',
    });
    await expect(t.request({ url: 'https://[fe80::1]/' })).rejects.toMatchObject({ code: 'EPROXY' });
    expect(p.connects.map((c) => c.url)).toStrictEqual(['[::1]:8080', '[fe80::1]:443']);
  });

  it('says a proxy that wants a sign-in wants one', async () => {
    const p = await connectProxy((client) =>
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n'),
    );
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` } });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'auth',
      code: 'EPROXYAUTH',
      message: 'The proxy server requires a sign-in this app does not have.',
    });
  });

  it.each<[string, string]>([
    ['an empty answer', '\r\n\r\n'],
    ['a status line that does not start the answer', 'SSH-2.0 HTTP/1.1 200 OK\r\n\r\n'],
    ['HTTP/2', 'HTTP/2 200\r\n\r\n'],
  ])('refuses %s, naming no status', async (_w, answer) => {
    const p = await connectProxy((client) => client.end(answer));
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` }, timeoutMs: 10_000 });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'EPROXY',
      message: 'The proxy refused to connect to mail.contoso.test (HTTP ?).',
    });
  });

  it('refuses an answer whose headers never end', async () => {
    const p = await connectProxy((client) => client.write(`HTTP/1.1 200 OK\r\n${'x'.repeat(17_000)}`));
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` }, timeoutMs: 10_000 });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'EPROXY',
      message: 'The proxy sent an invalid answer.',
    });
  });

  it('reports a proxy that drops the connection during the CONNECT', async () => {
    const p = await connectProxy((client) => client.resetAndDestroy());
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` }, timeoutMs: 10_000 });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'ECONNRESET',
      message: 'The connection to the server mail.contoso.test was dropped.',
    });
    expect(p.connects.map((c) => c.url)).toStrictEqual(['mail.contoso.test:80']);
  });

  it('reports a proxy that hangs up before finishing its answer, rather than waiting for ever', async () => {
    const p = await connectProxy((client) => client.end('HTTP/1.1 200 Conn'));
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` }, timeoutMs: 10_000 });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'EPROXY',
      message: 'The proxy closed the connection before answering.',
    });
  });

  it('gives up on a proxy that takes the CONNECT and never answers it, at the connect deadline', async () => {
    const p = await connectProxy(() => undefined);
    const t = transport({
      proxy: { url: `http://127.0.0.1:${p.port}` },
      connectTimeoutMs: 100,
      timeoutMs: 10_000,
    });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'ETIMEDOUT',
      message: 'The server mail.contoso.test did not answer in time.',
      cause: { message: 'connect timeout', code: 'ETIMEDOUT' },
    });
    expect(p.connects.map((c) => c.url)).toStrictEqual(['mail.contoso.test:80']);
  });

  it('gives up on an https:// proxy that never completes the TLS handshake', async () => {
    const port = await silentServer();
    const t = transport({
      connectTimeoutMs: 100,
      timeoutMs: 10_000,
      proxy: { url: `https://127.0.0.1:${port}` },
    });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'ETIMEDOUT',
      cause: { message: 'connect timeout', code: 'ETIMEDOUT' },
    });
  });

  it.each<[string, number]>([
    ['http', 80],
    ['https', 443],
  ])('an %s:// proxy without a port is reached on port %i', async (scheme, port) => {
    // Nothing listens there in a test run: the refusal names the port that was tried.
    const t = transport({ proxy: { url: `${scheme}://127.0.0.1` } });
    await expect(t.request({ url: 'http://mail.contoso.test/' })).rejects.toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
      cause: { code: 'ECONNREFUSED', address: '127.0.0.1', port },
    });
  });
});
