import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTransport, matchesNoProxy, normaliseFingerprint } from '../../../../main/exchange/transport';
import { testCerts, type TestCerts } from './servers';
import { failure, transportFixture } from './transport-fixture';

const { cleanup, serve, transport } = transportFixture();

let certs: TestCerts;
beforeAll(async () => {
  certs = await testCerts();
}, 30_000);

const hello = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
  res.setHeader('content-type', 'text/plain');
  res.end('hello');
};

describe('TLS', () => {
  it('refuses a self-signed certificate and reports its fingerprint, subject and host, sending nothing', async () => {
    const s = await serve(hello, { key: certs.selfKey, cert: certs.selfCert });
    const t = transport({ resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } } });
    const e = await failure(t.request({ url: 'https://mail.contoso.test/EWS/Exchange.asmx' }));
    expect(e.kind).toBe('tls');
    expect(e.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(e.certificate).toEqual({
      host: 'mail.contoso.test',
      fingerprint256: certs.selfFingerprint,
      subject: expect.stringContaining('CN=mail.contoso.test') as string,
    });
    expect(e.certificate!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(e.message).toContain(certs.selfFingerprint);
    expect(s.requests).toHaveLength(0);
  });

  it('accepts the certificate once its fingerprint is pinned for that host (and only that host)', async () => {
    const s = await serve(hello, { key: certs.selfKey, cert: certs.selfCert });
    const resolve = {
      'mail.contoso.test': { host: '127.0.0.1', port: s.port },
      'other.contoso.test': { host: '127.0.0.1', port: s.port },
    };
    const pinned = transport({
      resolve,
      pinnedCertificates: { 'MAIL.contoso.test': [certs.selfFingerprint.toLowerCase()] },
    });
    const res = await pinned.request({ url: 'https://mail.contoso.test/' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
    expect((await failure(pinned.request({ url: 'https://other.contoso.test/' }))).kind).toBe('tls');

    const later = transport({ resolve });
    expect((await failure(later.request({ url: 'https://mail.contoso.test/' }))).kind).toBe('tls');
    later.trustCertificate('mail.contoso.test', certs.selfFingerprint);
    expect((await later.request({ url: 'https://mail.contoso.test/' })).status).toBe(200);
  });

  it('accepts a certificate from a CA in the extra CA file; Host and SNI keep the original name', async () => {
    const s = await serve(hello, { key: certs.key, cert: certs.cert });
    const dir = mkdtempSync(join(tmpdir(), 'roster-ca-'));
    writeFileSync(join(dir, 'ca.pem'), certs.caCert);
    const withCa = transport({
      caFile: join(dir, 'ca.pem'),
      resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } },
    });
    const res = await withCa.request({ url: 'https://mail.contoso.test/EWS/Exchange.asmx' });
    expect(res.status).toBe(200);
    await res.discard();
    expect(s.requests[0]!.headers.host).toBe('mail.contoso.test');
    expect(s.requests[0]!.servername).toBe('mail.contoso.test');

    const withoutCa = transport({ resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } } });
    const e = await failure(withoutCa.request({ url: 'https://mail.contoso.test/' }));
    expect(e.kind).toBe('tls');
    expect(e.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('refuses a trusted certificate issued for another name', async () => {
    const s = await serve(hello, { key: certs.key, cert: certs.cert });
    const t = transport({
      ca: certs.caCert,
      resolve: { 'mail.northwind.test': { host: '127.0.0.1', port: s.port } },
    });
    const e = await failure(t.request({ url: 'https://mail.northwind.test/' }));
    expect(e.kind).toBe('tls');
    expect(e.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(e.certificate?.host).toBe('mail.northwind.test');
  });
});

describe('connections, timeouts, cancellation', () => {
  it('reuses one keep-alive connection for sequential requests', async () => {
    const s = await serve(hello);
    const t = transport({ resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } } });
    for (let i = 0; i < 3; i++) {
      await (await t.request({ url: 'http://mail.contoso.test/x' })).text();
      await new Promise((r) => setImmediate(r)); // let undici put the socket back in the pool
    }
    expect(s.requests).toHaveLength(3);
    expect(s.connections).toBe(1);
    expect(s.requests[0]!.headers.host).toBe('mail.contoso.test');
  });

  it('times out a server that never answers', async () => {
    const s = await serve(() => undefined);
    // Without the 150 ms deadline this request would wait for ever (and the test time out).
    const t = transport({ timeoutMs: 150 });
    const e = await failure(t.request({ url: `http://127.0.0.1:${s.port}/` }));
    expect(e).toMatchObject({ kind: 'network', code: 'ETIMEDOUT' });
  });

  it('cancels with an AbortSignal', async () => {
    const ctrl = new AbortController();
    // Aborted once the server holds the request, so the cancel lands mid-request, not before it.
    const s = await serve(() => ctrl.abort());
    const t = transport({});
    const e = await failure(t.request({ url: `http://127.0.0.1:${s.port}/`, signal: ctrl.signal }));
    expect(e).toMatchObject({ kind: 'network', code: 'ABORTED' });
  });

  it('reports a dropped connection and a refused one as network errors', async () => {
    const s = await serve((req) => req.socket.destroy());
    const t = transport({});
    expect(await failure(t.request({ url: `http://127.0.0.1:${s.port}/` }))).toMatchObject({
      kind: 'network',
      code: 'ECONNRESET',
    });
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await failure(t.request({ url: `http://127.0.0.1:${port}/` }))).toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
    });
  });

  it('never follows a redirect', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: 'https://evil.example/steal' });
      res.end();
    });
    const res = await transport({}).request({
      url: `http://127.0.0.1:${s.port}/`,
      headers: { authorization: 'Basic eA==' },
    });
    expect(res.status).toBe(302);
    expect(res.header('location')).toBe('https://evil.example/steal');
    await res.discard();
    expect(s.requests).toHaveLength(1);
  });

  it('aborts a body larger than the cap while it streams', async () => {
    let sent = 0;
    let serverClosed!: () => void;
    const closed = new Promise<void>((resolve) => (serverClosed = resolve));
    const s = await serve((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => serverClosed());
      pump();
    });
    const res = await transport({}).request({ url: `http://127.0.0.1:${s.port}/` });
    const e = await failure(res.bytes(1024 * 1024));
    expect(e.code).toBe('ResponseTooLarge');
    // The client hung up: the server sees its connection close well before 50 MB were written.
    await closed;
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('proxy', () => {
  it('tunnels through an HTTPS_PROXY with CONNECT and still verifies the server', async () => {
    const s = await serve(hello, { key: certs.key, cert: certs.cert });
    const connects: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      connects.push(`${req.url} ${req.headers['proxy-authorization'] ?? ''}`);
      const upstream = net.connect(s.port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => proxy.close(() => r())));
    const port = (proxy.address() as net.AddressInfo).port;
    const t = createTransport({
      ca: certs.caCert,
      env: { HTTPS_PROXY: `http://user:p%40ss@127.0.0.1:${port}` },
    });
    cleanup.push(() => t.close());
    const res = await t.request({ url: 'https://mail.contoso.test/EWS/Exchange.asmx' });
    expect(await res.text()).toBe('hello');
    expect(connects).toEqual([`mail.contoso.test:443 Basic ${Buffer.from('user:p@ss').toString('base64')}`]);
    expect(s.requests[0]!.servername).toBe('mail.contoso.test');
    // The untrusted certificate is refused through the tunnel too.
    const t2 = createTransport({ env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });
    cleanup.push(() => t2.close());
    expect((await failure(t2.request({ url: 'https://mail.contoso.test/' }))).kind).toBe('tls');
  });

  /** A CONNECT proxy that sends every tunnel to `upstreamPort` on 127.0.0.1, whatever was asked. */
  async function interceptingProxy(upstreamPort: number): Promise<{ port: number; connects: string[] }> {
    const connects: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      connects.push(req.url ?? '');
      const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => proxy.close(() => r())));
    return { port: (proxy.address() as net.AddressInfo).port, connects };
  }

  it.each([
    [
      'HTTPS_PROXY',
      (port: number) => ({ proxy: 'env' as const, env: { HTTPS_PROXY: `http://localhost:${port}` } }),
    ],
    ['an explicit proxy', (port: number) => ({ proxy: { url: `http://localhost:${port}` }, env: {} })],
  ])(
    'checks the certificate against the IP-address target, not the proxy, through %s',
    async (_label, proxyOptions) => {
      // A certificate for `localhost` (the proxy's name) must not pass for https://127.0.0.2/.
      const wrong = await serve(hello, { key: certs.localhostKey, cert: certs.localhostCert });
      const bad = await interceptingProxy(wrong.port);
      const t = transport({ ca: certs.caCert, ...proxyOptions(bad.port) });
      const e = await failure(t.request({ url: `https://127.0.0.2:${wrong.port}/EWS/Exchange.asmx` }));
      expect(bad.connects).toEqual([`127.0.0.2:${wrong.port}`]);
      expect(e.kind).toBe('tls');
      expect(e.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      expect(e.certificate?.host).toBe('127.0.0.2');
      expect(wrong.requests).toHaveLength(0);

      // The certificate that names 127.0.0.2 (an IP SAN) passes, and no SNI is sent for an IP.
      const right = await serve(hello, { key: certs.ipKey, cert: certs.ipCert });
      const good = await interceptingProxy(right.port);
      const t2 = transport({ ca: certs.caCert, ...proxyOptions(good.port) });
      const res = await t2.request({ url: `https://127.0.0.2:${right.port}/EWS/Exchange.asmx` });
      expect(await res.text()).toBe('hello');
      expect(right.requests[0]!.servername).toBeUndefined();
    },
  );

  it('sends the target name as SNI and checks it, through a proxy that holds a valid certificate of its own', async () => {
    const wrong = await serve(hello, { key: certs.localhostKey, cert: certs.localhostCert });
    const p = await interceptingProxy(wrong.port);
    const t = transport({ ca: certs.caCert, proxy: { url: `http://localhost:${p.port}` } });
    const e = await failure(t.request({ url: 'https://mail.contoso.test/EWS/Exchange.asmx' }));
    expect(e.kind).toBe('tls');
    expect(e.certificate?.host).toBe('mail.contoso.test');
  });

  it('checks an IP-address target directly (no proxy) against its IP SAN', async () => {
    const wrong = await serve(hello, { key: certs.localhostKey, cert: certs.localhostCert });
    const t = transport({ ca: certs.caCert, resolve: {} });
    // 127.0.0.1 is not in the `localhost` certificate.
    const e = await failure(t.request({ url: `https://127.0.0.1:${wrong.port}/` }));
    expect(e.kind).toBe('tls');
  });

  it('NO_PROXY matches hosts, subdomains and ports', () => {
    expect(matchesNoProxy('mail.contoso.test', 443, 'localhost, .contoso.test')).toBe(true);
    expect(matchesNoProxy('contoso.test', 443, 'contoso.test')).toBe(true);
    expect(matchesNoProxy('notcontoso.test', 443, 'contoso.test')).toBe(false);
    expect(matchesNoProxy('mail.contoso.test', 443, 'contoso.test:8443')).toBe(false);
    expect(matchesNoProxy('anything', 80, '*')).toBe(true);
  });

  it('normalises fingerprints', () => {
    expect(normaliseFingerprint('ab cd:ef')).toBe('AB:CD:EF');
  });
});
