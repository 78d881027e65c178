import type http from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../../main/exchange/auth';
import {
  autodiscover,
  decodePoxServerVersion,
  readGetUserSettingsResponse,
  readPoxResponse,
  type AutodiscoverOptions,
  type SrvRecord,
} from '../../../../main/exchange/autodiscover';
import { EwsError } from '../../../../main/exchange/errors';
import { parseXml } from '../../../../main/exchange/soap';
import { createTransport } from '../../../../main/exchange/transport';
import { fixture } from './fixtures';
import { readBody, startServer, testCerts, type TestCerts } from './servers';

type Reply = { status?: number; body?: string; headers?: Record<string, string> };
type Route = (path: string, body: string, req: http.IncomingMessage) => Reply;

let certs: TestCerts;
beforeAll(async () => {
  certs = await testCerts();
}, 30_000);
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const PASSWORD = 's3cret-Pa55';
const basicOk = `Basic ${Buffer.from(`adele@contoso.test:${PASSWORD}`).toString('base64')}`;

const settings = fixture('autodiscover-settings.xml');
const pox = (action: 'redirectAddr' | 'redirectUrl', target: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"><Account><Action>${action}</Action><${action === 'redirectAddr' ? 'RedirectAddr' : 'RedirectUrl'}>${target}</${action === 'redirectAddr' ? 'RedirectAddr' : 'RedirectUrl'}></Account></Response></Autodiscover>`;

/**
 * One https and one http listener; every name maps to them (DNS override). Routes are chosen by
 * Host header; a host without a route refuses the connection (mapped to a closed port).
 */
async function world(routes: Record<string, Route>, opts: Partial<AutodiscoverOptions> = {}) {
  const seen: Array<{ host: string; path: string; method: string; auth: boolean; body: string }> = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void readBody(req).then((body) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
      seen.push({
        host: `${scheme}://${host}`,
        path: req.url ?? '',
        method: req.method ?? '',
        auth: !!req.headers.authorization,
        body,
      });
      const route = routes[`${scheme}://${host}`];
      if (!route) {
        res.statusCode = 404;
        return void res.end();
      }
      if (scheme === 'https' && req.method === 'POST' && req.headers.authorization !== basicOk) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' });
        return void res.end();
      }
      const r = route(req.url ?? '', body, req);
      res.writeHead(r.status ?? 200, { 'content-type': 'text/xml; charset=utf-8', ...r.headers });
      res.end(r.body ?? '');
    });
  };
  const tlsServer = await startServer(handler, { key: certs.key, cert: certs.cert });
  const plain = await startServer(handler);
  cleanup.push(
    () => tlsServer.close(),
    () => plain.close(),
  );
  const hosts = new Set(Object.keys(routes).map((k) => new URL(k).hostname));
  for (const h of [
    'contoso.test',
    'autodiscover.contoso.test',
    'mail.contoso.test',
    'fabrikam.test',
    'autodiscover.fabrikam.test',
    'evil.fabrikam.test',
    'autodiscover-s.contoso.test',
  ])
    hosts.add(h);
  const resolve = Object.fromEntries(
    [...hosts].map((h) => [h, { host: '127.0.0.1', httpsPort: tlsServer.port, httpPort: plain.port }]),
  );
  const transport = createTransport({ proxy: false, ca: certs.caCert, resolve });
  cleanup.push(() => transport.close());
  const auth = createAuthenticator(transport, {
    method: 'auto',
    username: 'adele@contoso.test',
    password: PASSWORD,
  });
  const attempts: string[] = [];
  const run = (email = 'adele@contoso.test', more: Partial<AutodiscoverOptions> = {}) =>
    autodiscover({
      email,
      auth,
      transport,
      resolveSrv: () => Promise.reject(Object.assign(new Error('no'), { code: 'ENODATA' })),
      onAttempt: (a) => attempts.push(`${a.step} ${a.url} → ${a.outcome}`),
      ...opts,
      ...more,
    });
  return { run, seen, attempts, transport };
}

const answer =
  (body: string): Route =>
  (path) =>
    path.toLowerCase() === '/autodiscover/autodiscover.xml' ? { body } : { status: 404 };

describe('autodiscover paths', () => {
  it('1. https://<domain> answers settings', async () => {
    const w = await world({ 'https://contoso.test': answer(settings) });
    const r = await w.run();
    expect(r).toMatchObject({
      ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
      displayName: 'Adele Vance',
      smtp: 'adele.vance@contoso.test',
      serverVersion: '15.1.2176',
      via: { step: 'domain', url: 'https://contoso.test/autodiscover/autodiscover.xml', protocol: 'pox' },
    });
    const post = w.seen.find((s) => s.auth)!;
    expect(post.body).toContain('<EMailAddress>adele@contoso.test</EMailAddress>');
    expect(JSON.stringify(r.attempts)).not.toContain(PASSWORD);
  });

  it('2. then https://autodiscover.<domain>, reporting the failed attempt', async () => {
    const w = await world({ 'https://autodiscover.contoso.test': answer(settings) });
    const r = await w.run();
    expect(r.via.step).toBe('autodiscover-host');
    expect(w.attempts[0]).toMatch(
      /^domain https:\/\/contoso.test\/autodiscover\/autodiscover.xml → HTTP 404/,
    );
  });

  it('3. then the http GET redirect, asking before the password leaves the domain', async () => {
    const routes = {
      'http://autodiscover.contoso.test': (): Reply => ({
        status: 302,
        headers: { location: 'https://autodiscover.fabrikam.test/autodiscover/autodiscover.xml' },
      }),
      'https://autodiscover.fabrikam.test': answer(settings),
    };
    const refused = await world(routes);
    const e = await refused.run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EwsError);
    expect(e).toMatchObject({
      kind: 'auth',
      code: 'AutodiscoverRedirectRefused',
      redirectHost: 'autodiscover.fabrikam.test',
    });
    expect((e as EwsError).message).toContain('autodiscover.fabrikam.test');
    // The host travels to the window, which asks the user.
    expect((e as EwsError).toRosterError()).toMatchObject({
      redirect: { host: 'autodiscover.fabrikam.test' },
    });
    expect(refused.seen.filter((s) => s.host.includes('fabrikam'))).toEqual([]);
    expect(refused.seen.find((s) => s.method === 'GET')!.auth).toBe(false);

    const asked: string[] = [];
    const agreed = await world(routes, {
      confirmRedirect: (q) => (asked.push(`${q.reason} ${q.host}`), Promise.resolve(true)),
    });
    const r = await agreed.run();
    expect(asked).toEqual(['http-redirect autodiscover.fabrikam.test']);
    expect(r.via).toMatchObject({
      step: 'http-redirect',
      url: 'https://autodiscover.fabrikam.test/autodiscover/autodiscover.xml',
    });
  });

  it('4. then DNS SRV _autodiscover._tcp.<domain>', async () => {
    const names: string[] = [];
    const w = await world(
      { 'https://mail.contoso.test': answer(settings) },
      {
        resolveSrv: (name): Promise<SrvRecord[]> => {
          names.push(name);
          return Promise.resolve([
            { name: 'mail.fabrikam.test', port: 443, priority: 10, weight: 0 },
            { name: 'mail.contoso.test', port: 443, priority: 0, weight: 5 },
          ]);
        },
      },
    );
    const r = await w.run();
    expect(names).toEqual(['_autodiscover._tcp.contoso.test']);
    expect(r.via).toMatchObject({
      step: 'srv',
      url: 'https://mail.contoso.test/autodiscover/autodiscover.xml',
    });
  });

  it('5. redirectAddr starts again with the new address', async () => {
    const w = await world({
      'https://fabrikam.test': answer(pox('redirectAddr', 'adele@contoso.test')),
      'https://contoso.test': answer(settings),
    });
    const r = await w.run('adele@fabrikam.test');
    expect(r.via.url).toBe('https://contoso.test/autodiscover/autodiscover.xml');
    expect(
      w.seen.filter((s) => s.auth).map((s) => /<EMailAddress>(.*)<\/EMailAddress>/.exec(s.body)?.[1]),
    ).toEqual(['adele@fabrikam.test', 'adele@contoso.test']);
  });

  it('6. redirectUrl inside the domain is followed', async () => {
    const w = await world({
      'https://contoso.test': answer(
        pox('redirectUrl', 'https://autodiscover-s.contoso.test/autodiscover/autodiscover.xml'),
      ),
      'https://autodiscover-s.contoso.test': answer(settings),
    });
    const r = await w.run();
    expect(r.via).toMatchObject({
      step: 'redirect-url',
      url: 'https://autodiscover-s.contoso.test/autodiscover/autodiscover.xml',
    });
  });

  it('7. stops after the hop limit', async () => {
    const w = await world({
      'https://contoso.test': answer(
        pox('redirectUrl', 'https://contoso.test/autodiscover/autodiscover.xml'),
      ),
    });
    await expect(w.run()).rejects.toMatchObject({ code: 'AutodiscoverTooManyRedirects' });
    expect(w.seen.filter((s) => s.auth).length).toBe(11);
  });

  it('8. redirectUrl outside the domain is refused by default, and nothing is sent there', async () => {
    const w = await world({
      'https://contoso.test': answer(
        pox('redirectUrl', 'https://evil.fabrikam.test/autodiscover/autodiscover.xml'),
      ),
      'https://evil.fabrikam.test': answer(settings),
    });
    await expect(w.run()).rejects.toMatchObject({ kind: 'auth', code: 'AutodiscoverRedirectRefused' });
    expect(w.seen.some((s) => s.host.includes('evil'))).toBe(false);
    expect(w.attempts.some((a) => a.includes('refused: evil.fabrikam.test is outside contoso.test'))).toBe(
      true,
    );
  });

  it('9. SOAP GetUserSettings where POX is not served', async () => {
    const w = await world({
      'https://contoso.test': (path) =>
        path === '/autodiscover/autodiscover.svc'
          ? { body: fixture('GetUserSettings.xml') }
          : { status: 405 },
    });
    const r = await w.run();
    expect(r).toMatchObject({
      ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
      displayName: 'Adele Vance',
      serverVersion: '15.1.2507.6',
      via: { protocol: 'soap', url: 'https://contoso.test/autodiscover/autodiscover.svc' },
    });
    const soapReq = w.seen.find((s) => s.path.endsWith('.svc') && s.auth)!;
    expect(soapReq.body).toContain('<a:Mailbox>adele@contoso.test</a:Mailbox>');
    expect(soapReq.body).toContain('<a:Setting>ExternalEwsUrl</a:Setting>');
  });

  it('10. nothing found is not-found; a wrong password is auth', async () => {
    const none = await world({ 'https://contoso.test': answer(fixture('autodiscover-error.xml')) });
    await expect(none.run()).rejects.toMatchObject({ kind: 'not-found', code: 'AutodiscoverFailed' });
    const w = await world({ 'https://contoso.test': answer(settings) });
    const wrong = w.run('adele@contoso.test', {
      auth: createAuthenticator(w.transport, {
        method: 'auto',
        username: 'adele@contoso.test',
        password: 'wrong',
      }),
    });
    await expect(wrong).rejects.toMatchObject({
      kind: 'auth',
      message: 'The user name or password is incorrect.',
    });
  });
});

describe("autodiscover and the server's words", () => {
  it('a huge error message from the server is cut short in the attempts (log and diagnostics)', async () => {
    const huge = fixture('autodiscover-error.xml').replace(
      /<Message>[^<]*<\/Message>/,
      `<Message>${'m'.repeat(900_000)}</Message>`,
    );
    const w = await world({ 'https://contoso.test': answer(huge) });
    const e = await w.run().catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'not-found', code: 'AutodiscoverFailed' });
    expect((e as Error).message).not.toContain('mmm');
    expect(w.attempts.length).toBeGreaterThan(0);
    for (const a of w.attempts) expect(a.length).toBeLessThan(800);
  });
});

describe('autodiscover parsing', () => {
  it('reads POX settings, redirects and errors', () => {
    expect(readPoxResponse(parseXml(fixture('autodiscover-redirectAddr.xml')))).toEqual({
      action: 'redirectAddr',
      address: 'adele.vance@contoso.test',
    });
    expect(readPoxResponse(parseXml(fixture('autodiscover-redirectUrl.xml')))).toEqual({
      action: 'redirectUrl',
      url: 'https://autodiscover-s.contoso.test/autodiscover/autodiscover.xml',
    });
    expect(readPoxResponse(parseXml(fixture('autodiscover-error.xml')))).toEqual({
      action: 'error',
      code: '500',
      message: "The email address can't be found.",
    });
    expect(readGetUserSettingsResponse(parseXml(fixture('GetUserSettings.xml')))).toMatchObject({
      action: 'settings',
      displayName: 'Adele Vance',
    });
  });

  it('decodes the POX ServerVersion', () => {
    expect(decodePoxServerVersion('73C18880')).toBe('15.1.2176');
    expect(decodePoxServerVersion('zz')).toBeUndefined();
  });
});
