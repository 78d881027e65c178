/**
 * The transport's rules one row at a time: fingerprints, NO_PROXY, sizes, Retry-After, the
 * request it sends and the response it hands back, and the proxy's answers it refuses.
 */
import type http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createTransport,
  formatSize,
  httpError,
  matchesNoProxy,
  normaliseFingerprint,
  parseRetryAfter,
  type TransportOptions,
} from '../../../../main/exchange/transport';
import { fakeResponse } from './auth/fakeTransport';
import { readBody } from './servers';
import { failure, transportFixture } from './transport-fixture';

const { cleanup, serve, transport } = transportFixture();

describe('pure rules', () => {
  it.each<[string, string]>([
    ['ab cd:ef', 'AB:CD:EF'],
    ['AB:CD:EF', 'AB:CD:EF'],
    ['abc', 'AB'],
    ['zz', ''],
    ['', ''],
  ])('fingerprint %j is %j', (fp, expected) => {
    expect(normaliseFingerprint(fp)).toBe(expected);
  });

  it.each<[string, number, string | undefined, boolean]>([
    ['mail.contoso.test', 443, undefined, false],
    ['mail.contoso.test', 443, '', false],
    ['mail.contoso.test', 443, ' , ,', false],
    ['mail.contoso.test', 443, 'localhost .contoso.test', true],
    ['mail.contoso.test', 443, '*.contoso.test', true],
    ['Mail.Contoso.Test', 443, 'CONTOSO.TEST', true],
    ['mail.contoso.test', 443, 'contoso.test:443', true],
    ['mail.contoso.test', 443, 'contoso.test:8443', false],
    ['notcontoso.test', 443, 'contoso.test', false],
    ['contoso.test', 80, 'fabrikam.test,contoso.test', true],
    ['anything', 80, 'a.test, *', true],
  ])('NO_PROXY: %s:%i against %j → %s', (host, port, noProxy, matches) => {
    expect(matchesNoProxy(host, port, noProxy)).toBe(matches);
  });

  it.each<[number, string]>([
    [8 * 1024 * 1024, '8 MB'],
    [1024 * 1024, '1 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [512 * 1024, '512 KB'],
    [1536, '2 KB'],
  ])('%i bytes are %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  const NOW = Date.parse('2026-11-30T10:00:00Z');
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['120', 120_000],
    [' 2 ', 2000],
    ['0', 0],
    ['0.5', 500],
    ['Mon, 30 Nov 2026 10:00:05 GMT', 5000],
    ['Mon, 30 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
  ])('Retry-After %j is %s ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('an HTTP error drops the body and carries the status, the origin only and the wait', async () => {
    const res = fakeResponse('https://mail.contoso.test/EWS/Exchange.asmx?secret=1', {
      status: 503,
      headers: { 'retry-after': '7' },
    });
    const e = await httpError(res);
    expect(res.discarded).toBe(true);
    expect(e).toMatchObject({ httpStatus: 503, retryAfterMs: 7000 });
    expect(e.message).not.toContain('secret');
  });
});

describe('the request sent', () => {
  it('names itself, sends the method the body calls for, the path and query, and the headers given', async () => {
    const bodies: string[] = [];
    const s = await serve((req, res) => {
      void readBody(req).then((b) => {
        bodies.push(b);
        res.end();
      });
    });
    const t = transport();
    const base = `http://127.0.0.1:${s.port}`;
    await (await t.request({ url: `${base}/a?x=1` })).discard();
    await (await t.request({ url: `${base}/b`, body: '<x/>', headers: { 'user-agent': 'Mine' } })).discard();
    await (await t.request({ url: `${base}/c`, method: 'DELETE' })).discard();
    await (await transport({ userAgent: 'Roster-Test' }).request({ url: `${base}/d` })).discard();
    expect(s.requests.map((r) => [r.method, r.url, r.headers['user-agent']])).toEqual([
      ['GET', '/a?x=1', 'Roster/0.1 (EWS)'],
      ['POST', '/b', 'Mine'],
      ['DELETE', '/c', 'Roster/0.1 (EWS)'],
      ['GET', '/d', 'Roster-Test'],
    ]);
    expect(bodies).toEqual(['', '<x/>', '', '']);
  });

  it.each(['ftp://mail.contoso.test/', 'file:///etc/passwd'])('refuses %s', async (url) => {
    expect(await failure(transport().request({ url }))).toMatchObject({ kind: 'bad-input', code: 'BadUrl' });
  });

  it('sends nothing when the signal already fired', async () => {
    const s = await serve((_q, res) => res.end());
    const e = await failure(
      transport().request({ url: `http://127.0.0.1:${s.port}/`, signal: AbortSignal.abort() }),
    );
    expect(e).toMatchObject({ kind: 'network', code: 'ABORTED' });
    expect(s.requests).toHaveLength(0);
  });

  it('a single connection only talks to its own server, over one connection', async () => {
    const s = await serve((_q, res) => res.end('ok'));
    const t = transport();
    const one = t.openSingleConnection(`http://127.0.0.1:${s.port}`);
    cleanup.push(() => one.close());
    expect(await failure(one.request({ url: `http://localhost:${s.port}/` }))).toMatchObject({
      kind: 'bad-input',
      code: 'WrongOrigin',
    });
    for (let i = 0; i < 2; i++)
      expect(await (await one.request({ url: `http://127.0.0.1:${s.port}/${i}` })).text()).toBe('ok');
    expect(s.connections).toBe(1);
  });

  it('an unreadable CA file is a bad setting, said at once', () => {
    let e: unknown;
    try {
      createTransport({ caFile: '/nonexistent/roster-ca.pem' });
    } catch (x) {
      e = x;
    }
    expect(e).toMatchObject({ kind: 'bad-input', code: 'CAFILE' });
  });
});

describe('the response', () => {
  const twoCookies = (_q: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.setHeader('x-one', 'v');
    res.end('body');
  };

  it('gives one header joined, all its values, or nothing; any case of name', async () => {
    const s = await serve(twoCookies);
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/` });
    expect(res.url).toBe(`http://127.0.0.1:${s.port}/`);
    expect([res.header('Set-Cookie'), res.header('x-one'), res.header('x-none')]).toEqual([
      'a=1, b=2',
      'v',
      undefined,
    ]);
    expect([res.headerValues('set-cookie'), res.headerValues('X-One'), res.headerValues('x-none')]).toEqual([
      ['a=1', 'b=2'],
      ['v'],
      [],
    ]);
    await res.discard();
  });

  it('reads a body once: a second read fails, a discard after it does nothing', async () => {
    const s = await serve(twoCookies);
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/` });
    expect((await res.bytes(100)).toString()).toBe('body');
    await expect(res.text()).rejects.toThrow('body already read');
    await expect(res.discard()).resolves.toBeUndefined();
  });

  it('caps a text body at maxResponseBytes, saying the size in the message', async () => {
    const s = await serve((_q, res) => res.end('x'.repeat(3000)));
    const t = transport({ maxResponseBytes: 2048 });
    const e = await failure((await t.request({ url: `http://127.0.0.1:${s.port}/` })).text());
    expect(e).toMatchObject({ kind: 'server', code: 'ResponseTooLarge', httpStatus: 200 });
    expect(e.message).toContain('2 KB');
    expect(await (await t.request({ url: `http://127.0.0.1:${s.port}/` })).text(4096)).toHaveLength(3000);
  });

  it('a body of exactly the cap is read', async () => {
    const s = await serve((_q, res) => res.end('x'.repeat(2048)));
    const res = await transport().request({ url: `http://127.0.0.1:${s.port}/` });
    expect(await res.text(2048)).toHaveLength(2048);
  });
});

describe('proxies', () => {
  /** A proxy that answers every CONNECT with `answer`, recording what was asked. */
  async function proxyAnswering(answer: string): Promise<{ port: number; asked: string[] }> {
    const asked: string[] = [];
    const proxy = net.createServer((sock) => {
      sock.once('data', (d: Buffer) => {
        asked.push(d.toString('latin1').split('\r\n')[0]!);
        sock.end(answer);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => proxy.close(() => r())));
    return { port: (proxy.address() as net.AddressInfo).port, asked };
  }

  it.each<[string, string, Record<string, unknown>]>([
    [
      'a proxy that wants a sign-in',
      'HTTP/1.1 407 Proxy Authentication Required\r\n\r\n',
      { kind: 'auth', code: 'EPROXYAUTH' },
    ],
    ['a proxy that refuses', 'HTTP/1.1 403 Forbidden\r\n\r\n', { kind: 'network', code: 'EPROXY' }],
    ['a proxy that speaks no HTTP', 'SSH-2.0-OpenSSH\r\n\r\n', { kind: 'network', code: 'EPROXY' }],
    [
      'a proxy that never ends its headers',
      `HTTP/1.1 200 OK\r\n${'x'.repeat(17_000)}`,
      { kind: 'network', code: 'EPROXY' },
    ],
  ])('%s is a failure saying so', async (_w, answer, expected) => {
    const p = await proxyAnswering(answer);
    const t = transport({ proxy: { url: `http://127.0.0.1:${p.port}` } });
    const e = await failure(t.request({ url: 'http://mail.contoso.test/x' }));
    expect(e).toMatchObject(expected);
    expect(p.asked).toEqual(['CONNECT mail.contoso.test:80 HTTP/1.1']);
  });

  it('the refusal names the target and the status', async () => {
    const p = await proxyAnswering('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    const e = await failure(
      transport({ proxy: { url: `127.0.0.1:${p.port}` } }).request({ url: 'http://mail.contoso.test:8080/' }),
    );
    expect(e.message).toBe('The proxy refused to connect to mail.contoso.test (HTTP 502).');
    expect(p.asked).toEqual(['CONNECT mail.contoso.test:8080 HTTP/1.1']);
  });

  it.each<[string, (port: number) => TransportOptions]>([
    ['HTTP_PROXY', (port) => ({ proxy: 'env', env: { HTTP_PROXY: `http://127.0.0.1:${port}` } })],
    ['http_proxy', (port) => ({ proxy: 'env', env: { http_proxy: `http://127.0.0.1:${port}` } })],
    ['HTTPS_PROXY for https', (port) => ({ proxy: 'env', env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } })],
    ['https_proxy for https', (port) => ({ proxy: 'env', env: { https_proxy: `http://127.0.0.1:${port}` } })],
  ])('uses %s from the environment', async (name, options) => {
    const p = await proxyAnswering('HTTP/1.1 403 Forbidden\r\n\r\n');
    const https = name.includes('for https');
    await failure(
      transport(options(p.port)).request({ url: `${https ? 'https' : 'http'}://mail.contoso.test/` }),
    );
    expect(p.asked).toEqual([`CONNECT mail.contoso.test:${https ? 443 : 80} HTTP/1.1`]);
  });

  it.each<[string, (port: number, target: number) => TransportOptions]>([
    [
      'NO_PROXY',
      (port) => ({ proxy: 'env', env: { HTTP_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: '127.0.0.1' } }),
    ],
    [
      'no_proxy',
      (port) => ({ proxy: 'env', env: { HTTP_PROXY: `http://127.0.0.1:${port}`, no_proxy: '127.0.0.1' } }),
    ],
    ['an explicit noProxy', (port) => ({ proxy: { url: `http://127.0.0.1:${port}`, noProxy: '127.0.0.1' } })],
    [
      'only an https proxy for an http address',
      (port) => ({ proxy: 'env', env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } }),
    ],
    ['a proxy address that is not one', () => ({ proxy: { url: 'http://[bad' } })],
    [
      'a name overridden to a local address',
      (port, target) => ({
        proxy: { url: `http://127.0.0.1:${port}` },
        resolve: { 'Mail.Contoso.Test': { host: '127.0.0.1', port: target } },
      }),
    ],
  ])('goes direct with %s', async (name, options) => {
    const p = await proxyAnswering('HTTP/1.1 403 Forbidden\r\n\r\n');
    const s = await serve((_q, res) => res.end('direct'));
    const host = name.includes('overridden') ? 'mail.contoso.test' : '127.0.0.1';
    const res = await transport(options(p.port, s.port)).request({ url: `http://${host}:${s.port}/` });
    expect(await res.text()).toBe('direct');
    expect(p.asked).toEqual([]);
  });
});
