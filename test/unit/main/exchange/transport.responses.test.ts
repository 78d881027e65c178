/**
 * What the transport's answers and failures say to their callers: why a certificate is refused
 * (with its fingerprint and subject), the words of a timeout, a cancellation and a refused
 * connection, a discarded body, single connections and the pool's options, and the edge rows of
 * NO_PROXY and Retry-After.
 */
import { X509Certificate } from 'node:crypto';
import { getEventListeners } from 'node:events';
import type http from 'node:http';
import net from 'node:net';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import { createTransport, matchesNoProxy, parseRetryAfter } from '../../../../main/exchange/transport';
import { testCerts, type TestCerts } from './servers';
import { failure, transportFixture } from './transport-fixture';
import { thrown } from './thrown';

const { cleanup, listen, serve, transport } = transportFixture();

/** The next chunk of a body as text, or '(end)'. */
async function nextChunk(it: AsyncIterator<Buffer>): Promise<string> {
  const r = await it.next();
  return r.done === true ? '(end)' : r.value.toString();
}

const ok = (_q: http.IncomingMessage, res: http.ServerResponse): void => {
  res.end('ok');
};

describe('NO_PROXY and Retry-After edge rows', () => {
  it.each<[string, number, string, boolean]>([
    // An empty entry (a doubled or trailing comma) bypasses nothing, not even an absolute name.
    ['mail.contoso.test.', 443, 'fabrikam.test,,localhost', false],
    ['mail.contoso.test.', 443, ',', false],
    // A bracketed IPv6 entry neither breaks the list nor is cut at its colons.
    ['mail.contoso.test', 443, '[::1], contoso.test', true],
    ['[::1]', 80, '[::1]', true],
    ['[::1]', 8080, 'fabrikam.test [::1]', true],
  ])('NO_PROXY: %s:%i against %j → %s', (host, port, noProxy, matches) => {
    expect(matchesNoProxy(host, port, noProxy)).toBe(matches);
  });

  const NOW = Date.parse('2026-11-30T10:00:00Z');

  it.each<[string, number]>([
    ['0', 0],
    ['0.0', 0],
    ['1.5', 1500],
    ['\t3\t', 3000],
  ])('Retry-After %j seconds is %i ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each(['-5', '-1.5', '-0', 'Infinity', '-Infinity'])(
    'Retry-After %j is never a negative or endless wait',
    (value) => {
      expect([undefined, 0]).toContain(parseRetryAfter(value, NOW));
    },
  );
});

describe('the words of a refusal', () => {
  it('an unreadable CA file says so', () => {
    expect(thrown(() => createTransport({ caFile: '/nonexistent/roster-ca.pem' }))).toMatchObject({
      kind: 'bad-input',
      code: 'CAFILE',
      message: 'The trusted certificates file could not be read.',
    });
  });

  it('an address that is not http or https says so', async () => {
    expect(await failure(transport().request({ url: 'ftp://mail.contoso.test/' }))).toMatchObject({
      kind: 'bad-input',
      code: 'BadUrl',
      message: 'Only http and https addresses can be used.',
    });
  });

  it('a single connection asked for another server says so and sends nothing', async () => {
    const s = await serve(ok);
    const one = transport().openSingleConnection(`http://127.0.0.1:${s.port}`);
    cleanup.push(() => one.close());
    expect(await failure(one.request({ url: `http://127.0.0.1:${s.port + 1}/` }))).toMatchObject({
      kind: 'bad-input',
      code: 'WrongOrigin',
      message: 'A request was sent to the wrong server.',
    });
    expect(s.requests).toHaveLength(0);
  });

  it('a refused connection names the server', async () => {
    // A port that was just listened on and closed again: nothing answers there.
    const port = await listen(net.createServer(() => undefined));
    await cleanup.pop()!();
    expect(await failure(transport().request({ url: `http://127.0.0.1:${port}/` }))).toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
      message: 'The server 127.0.0.1 refused the connection. Check the server address.',
    });
  });
});

describe('certificate refusals', () => {
  let certs: TestCerts;
  /** A CA of this file's own, trusted where a test says so, with a leaf that expired. */
  let own: { caCert: string; expiredKey: string; expiredCert: string };
  /** Self-signed: one with a subject of three parts, one with no subject at all. */
  let named: { key: string; cert: string };
  let anonymous: { key: string; cert: string };

  beforeAll(async () => {
    certs = await testCerts();
    const ec = { keyType: 'ec' as const, algorithm: 'sha256' };
    const san = {
      name: 'subjectAltName' as const,
      altNames: [{ type: 2 as const, value: 'mail.contoso.test' }],
    };
    const ca = await generate([{ name: 'commonName', value: 'Roster Expiry CA' }], {
      ...ec,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const day = 24 * 60 * 60 * 1000;
    const expired = await generate([{ name: 'commonName', value: 'mail.contoso.test' }], {
      ...ec,
      ca: { key: ca.private, cert: ca.cert },
      notBeforeDate: new Date(Date.now() - 30 * day),
      notAfterDate: new Date(Date.now() - 2 * day),
      extensions: [{ name: 'basicConstraints', cA: false }, { name: 'extKeyUsage', serverAuth: true }, san],
    });
    own = { caCert: ca.cert, expiredKey: expired.private, expiredCert: expired.cert };
    const three = await generate(
      [
        { name: 'countryName', value: 'DE' },
        { name: 'organizationName', value: 'Contoso' },
        { name: 'commonName', value: 'mail.contoso.test' },
      ],
      { ...ec, extensions: [san] },
    );
    named = { key: three.private, cert: three.cert };
    const none = await generate([], { ...ec, extensions: [san] });
    anonymous = { key: none.private, cert: none.cert };
  }, 30_000);

  const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

  it.each<[string, string, string, string]>([
    ['a self-signed certificate', 'self', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'it is self-signed'],
    ['a chain ending in an unknown root', 'chain', 'SELF_SIGNED_CERT_IN_CHAIN', 'it is self-signed'],
    [
      'a certificate for another name',
      'altname',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'it was issued for another name',
    ],
    ['an expired certificate', 'expired', 'CERT_HAS_EXPIRED', 'it has expired'],
    [
      'a certificate from an unknown authority',
      'unknown',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'it was not issued by a trusted authority',
    ],
  ])('%s is refused saying why, with the fingerprint to check', async (_what, which, code, why) => {
    const setups: Record<string, { key: string; cert: string; leaf: string; ca?: string; host: string }> = {
      self: { key: certs.selfKey, cert: certs.selfCert, leaf: certs.selfCert, host: 'mail.contoso.test' },
      chain: {
        key: certs.key,
        cert: `${certs.cert}\n${certs.caCert}`,
        leaf: certs.cert,
        host: 'mail.contoso.test',
      },
      altname: {
        key: certs.key,
        cert: certs.cert,
        leaf: certs.cert,
        ca: certs.caCert,
        host: 'mail.northwind.test',
      },
      expired: {
        key: own.expiredKey,
        cert: own.expiredCert,
        leaf: own.expiredCert,
        ca: own.caCert,
        host: 'mail.contoso.test',
      },
      unknown: { key: certs.key, cert: certs.cert, leaf: certs.cert, host: 'mail.contoso.test' },
    };
    const setup = setups[which]!;
    const s = await serve(ok, { key: setup.key, cert: setup.cert });
    const t = transport({
      ...(setup.ca ? { ca: setup.ca } : {}),
      resolve: { [setup.host]: { host: '127.0.0.1', port: s.port } },
    });
    const e = await failure(t.request({ url: `https://${setup.host}/EWS/Exchange.asmx` }));
    const fp = fingerprint(setup.leaf);
    expect(e).toMatchObject({ kind: 'tls', code });
    expect(e.message).toBe(
      `The certificate of ${setup.host} is not trusted: ${why}. Trust it only if your IT department confirms its SHA-256 fingerprint ${fp}.`,
    );
    expect(e.certificate).toMatchObject({ host: setup.host, fingerprint256: fp });
    expect(s.requests).toHaveLength(0);
  });

  it('gives every part of the subject, in order, separated by commas', async () => {
    const s = await serve(ok, named);
    const t = transport({ resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } } });
    const e = await failure(t.request({ url: 'https://mail.contoso.test/' }));
    expect(e.certificate).toStrictEqual({
      host: 'mail.contoso.test',
      fingerprint256: fingerprint(named.cert),
      subject: 'C=DE, O=Contoso, CN=mail.contoso.test',
    });
  });

  it('a certificate without a subject is described by its host and fingerprint only', async () => {
    const s = await serve(ok, anonymous);
    const t = transport({ resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } } });
    const e = await failure(t.request({ url: 'https://mail.contoso.test/' }));
    expect(e.kind).toBe('tls');
    expect(e.certificate).toStrictEqual({
      host: 'mail.contoso.test',
      fingerprint256: fingerprint(anonymous.cert),
    });
  });
});

describe('deadlines and cancellation', () => {
  it('a server that never answers is reported with its address and port, in the error and its logged cause', async () => {
    const s = await serve(() => undefined);
    const e = await failure(transport({ timeoutMs: 100 }).request({ url: `http://127.0.0.1:${s.port}/` }));
    const said = {
      kind: 'network',
      code: 'ETIMEDOUT',
      message: `The server 127.0.0.1:${s.port} did not answer in time.`,
    };
    expect(e).toMatchObject(said);
    expect(e.cause).toMatchObject(said);
  });

  it('a per-request deadline applies to a body that stops halfway', async () => {
    const s = await serve((_q, res) => {
      res.write('half');
    });
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/`, timeoutMs: 150 });
    expect(res.status).toBe(200);
    expect(await failure(res.text())).toMatchObject({
      kind: 'network',
      code: 'ETIMEDOUT',
      message: `The server 127.0.0.1:${s.port} did not answer in time.`,
    });
  });

  it('a cancelled request says so, in the error and its logged cause', async () => {
    const ctrl = new AbortController();
    const s = await serve(() => ctrl.abort());
    const e = await failure(transport().request({ url: `http://127.0.0.1:${s.port}/`, signal: ctrl.signal }));
    const said = { kind: 'network', code: 'ABORTED', message: 'The request was cancelled.' };
    expect(e).toMatchObject(said);
    expect(e.cause).toMatchObject(said);
  });

  it('a signal cancelled before the request is said the same way', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const s = await serve(ok);
    const e = await failure(transport().request({ url: `http://127.0.0.1:${s.port}/`, signal: ctrl.signal }));
    const said = { kind: 'network', code: 'ABORTED', message: 'The request was cancelled.' };
    expect(e).toMatchObject(said);
    expect(e.cause).toMatchObject(said);
    expect(s.requests).toHaveLength(0);
  });

  it('a cancel while the body streams is said as a cancel', async () => {
    const ctrl = new AbortController();
    const s = await serve((_q, res) => {
      res.write('first');
    });
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/`, signal: ctrl.signal });
    const it = res.chunks()[Symbol.asyncIterator]();
    expect(await nextChunk(it)).toBe('first');
    ctrl.abort();
    expect(await failure(it.next())).toMatchObject({
      kind: 'network',
      code: 'ABORTED',
      message: 'The request was cancelled.',
    });
  });
});

describe("the caller's long-lived signal", () => {
  /** The abort listeners the transport left on `signal`. */
  const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

  it('keeps no listener once a body was read, discarded, streamed, or the request failed', async () => {
    const s = await serve((q, res) => {
      if (q.url === '/drop') q.socket.destroy();
      else res.end('x'.repeat(10_000));
    });
    const signal = new AbortController().signal;
    const t = transport();
    const url = `http://127.0.0.1:${s.port}`;
    expect(await (await t.request({ url: `${url}/text`, signal })).text()).toHaveLength(10_000);
    expect(listeners(signal)).toBe(0);
    expect((await (await t.request({ url: `${url}/bytes`, signal })).bytes(20_000)).length).toBe(10_000);
    expect(listeners(signal)).toBe(0);
    await (await t.request({ url: `${url}/discard`, signal })).discard();
    expect(listeners(signal)).toBe(0);
    const streamed = await t.request({ url: `${url}/chunks`, signal });
    let total = 0;
    for await (const c of streamed.chunks()) total += c.length;
    expect(total).toBe(10_000);
    expect(listeners(signal)).toBe(0);
    expect(await failure(t.request({ url: `${url}/drop`, signal }))).toMatchObject({ kind: 'network' });
    expect(listeners(signal)).toBe(0);
  });

  it('keeps no listener when it cancels a request whose body was never read', async () => {
    const ctrl = new AbortController();
    const s = await serve((_q, res) => {
      res.write('first');
    });
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/`, signal: ctrl.signal });
    expect(res.status).toBe(200);
    expect(listeners(ctrl.signal)).toBe(1);
    ctrl.abort();
    expect(listeners(ctrl.signal)).toBe(0);
  });
});

describe('a discarded body', () => {
  it('of up to 1 MB is read to its end, so the next request reuses the connection', async () => {
    const s = await serve((_q, res) => res.end(Buffer.alloc(512 * 1024, 1)));
    const t = transport();
    const url = `http://127.0.0.1:${s.port}/`;
    await (await t.request({ url })).discard();
    await new Promise((r) => setImmediate(r)); // let undici put the socket back in the pool
    const res = await t.request({ url });
    expect((await res.bytes(1024 * 1024)).length).toBe(512 * 1024);
    expect(s.requests.map((r) => r.socket)).toEqual([1, 1]);
    expect(s.connections).toBe(1);
  });

  it('is left to its reader when the reading already began: discard() returns at once', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const s = await serve((_q, res) => {
      res.write('first');
      void released.then(() => res.end('second'));
    });
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/` });
    const it = res.chunks()[Symbol.asyncIterator]();
    expect(await nextChunk(it)).toBe('first');
    // Were discard() to drain the body now, it would wait for the rest, which comes only after.
    await res.discard();
    release();
    let rest = '';
    for (let r = await it.next(); r.done !== true; r = await it.next()) rest += r.value.toString();
    expect(rest).toBe('second');
  }, 10_000);

  it('cannot be read afterwards', async () => {
    const s = await serve(ok);
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/` });
    await res.discard();
    await expect(res.text()).rejects.toThrow('body already read');
  });
});

describe('pool and single connections', () => {
  it('keeps at most connectionsPerOrigin connections, queueing the rest', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    const s = await serve((q, res) => {
      if (q.url === '/slow') {
        arrived();
        void released.then(() => res.end('slow'));
      } else res.end('fast');
    });
    const t = transport({ connectionsPerOrigin: 1 });
    const slow = t.request({ url: `http://127.0.0.1:${s.port}/slow` });
    await first;
    const fast = t.request({ url: `http://127.0.0.1:${s.port}/fast` });
    release();
    expect(await (await slow).text()).toBe('slow');
    expect(await (await fast).text()).toBe('fast');
    expect(s.connections).toBe(1);
  });

  it('closes an idle connection after keepAliveTimeoutMs when the server gives no hint', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((r) => (serverSawClose = r));
    const port = await listen(
      net.createServer((sock) => {
        sock.on('data', () => sock.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
        sock.on('close', () => serverSawClose());
      }),
    );
    const t = transport({ keepAliveTimeoutMs: 50 });
    expect(await (await t.request({ url: `http://127.0.0.1:${port}/` })).text()).toBe('ok');
    // Resolves once the client hangs up; with a longer keep-alive the test would time out.
    await closed;
  }, 10_000);

  it('a single connection uses the transport’s name overrides', async () => {
    const s = await serve(ok);
    const t = transport({ resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } } });
    const one = t.openSingleConnection('http://mail.contoso.test');
    cleanup.push(() => one.close());
    expect(await (await one.request({ url: 'http://mail.contoso.test/EWS/Exchange.asmx' })).text()).toBe(
      'ok',
    );
    expect(s.requests[0]!.headers.host).toBe('mail.contoso.test');
  });

  it('a closed single connection sends nothing more', async () => {
    const s = await serve(ok);
    const one = transport().openSingleConnection(`http://127.0.0.1:${s.port}`);
    expect(await (await one.request({ url: `http://127.0.0.1:${s.port}/a` })).text()).toBe('ok');
    await one.close();
    expect(await failure(one.request({ url: `http://127.0.0.1:${s.port}/b` }))).toBeInstanceOf(EwsError);
    expect(s.requests.map((r) => r.url)).toEqual(['/a']);
  });

  it('closing the transport closes its single connections', async () => {
    const s = await serve(ok);
    const t = createTransport({ proxy: false });
    const one = t.openSingleConnection(`http://127.0.0.1:${s.port}`);
    expect(await (await one.request({ url: `http://127.0.0.1:${s.port}/a` })).text()).toBe('ok');
    await t.close();
    expect(await failure(one.request({ url: `http://127.0.0.1:${s.port}/b` }))).toBeInstanceOf(EwsError);
    expect(s.requests.map((r) => r.url)).toEqual(['/a']);
  });
});

describe('a proxy at an IPv6 address', () => {
  it('is reached at the address inside the brackets', async () => {
    const asked: string[] = [];
    const port = await listen(
      net.createServer((sock) => {
        sock.once('data', (d: Buffer) => {
          asked.push(d.toString('latin1').split('\r\n')[0]!);
          sock.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        });
      }),
      '::1',
    );
    const t = transport({ proxy: { url: `http://[::1]:${port}` } });
    expect(await failure(t.request({ url: 'http://mail.contoso.test/x' }))).toMatchObject({
      kind: 'network',
      code: 'EPROXY',
      message: 'The proxy refused to connect to mail.contoso.test (HTTP 403).',
    });
    expect(asked).toEqual(['CONNECT mail.contoso.test:80 HTTP/1.1']);
  });
});
