import { describe, expect, it } from 'vitest';
import { createAuthenticator, type Credentials } from '../../../../../main/exchange/auth';
import { assertBasicAllowed, basicHeader, createBasicAuth } from '../../../../../main/exchange/auth/basic';
import { createBearerAuth } from '../../../../../main/exchange/auth/bearer';
import { EwsError } from '../../../../../main/exchange/errors';
import { fakeTransport, type Reply } from './fakeTransport';

const HTTPS = 'https://mail.contoso.test/EWS/Exchange.asmx';
const HTTP = 'http://mail.contoso.test/EWS/Exchange.asmx';
const PASSWORD = 'Pässw0rd!';
const basicAdele = `Basic ${Buffer.from(`CONTOSO\\adele:${PASSWORD}`, 'utf8').toString('base64')}`;

describe('Basic', () => {
  it('encodes DOMAIN\\user:password as UTF-8 base64', () => {
    expect(basicHeader({ username: 'CONTOSO\\adele', password: PASSWORD })).toBe(
      'Basic Q09OVE9TT1xhZGVsZTpQw6Rzc3cwcmQh',
    );
  });

  it.each<[string, string, boolean | undefined, string]>([
    ['https', HTTPS, undefined, 'allowed'],
    ['https, http allowed too', HTTPS, true, 'allowed'],
    ['plain http', HTTP, undefined, 'auth InsecureBasic'],
    ['plain http, refused explicitly', HTTP, false, 'auth InsecureBasic'],
    ['plain http allowed (demo mode)', HTTP, true, 'allowed'],
  ])('%s: %s', (_w, url, allowBasicOverHttp, outcome) => {
    let seen = 'allowed';
    try {
      assertBasicAllowed(url, allowBasicOverHttp === undefined ? {} : { allowBasicOverHttp });
    } catch (e) {
      seen = e instanceof EwsError ? `${e.kind} ${e.code ?? ''}` : String(e);
    }
    expect(seen).toBe(outcome);
  });

  it('sends the header on every request over https, and never the password over http', async () => {
    const t = fakeTransport(() => ({ status: 200 }));
    const auth = createBasicAuth(t, { username: 'CONTOSO\\adele', password: PASSWORD });
    expect(auth.scheme).toBe('Basic');
    expect((await auth.send({ url: HTTPS, headers: { accept: 'text/xml' } })).status).toBe(200);
    // The user is told what to do about it.
    await expect(Promise.resolve().then(() => auth.send({ url: HTTP }))).rejects.toMatchObject({
      code: 'InsecureBasic',
      message: expect.stringContaining('Use an https address.') as unknown,
    });
    expect(t.sent).toEqual([{ conn: 0, url: HTTPS, authorization: basicAdele }]);
    await expect(auth.close()).resolves.toBeUndefined();
  });
});

describe('Bearer', () => {
  it('asks for a token once and reuses it; a 401 refreshes it once and the answer is returned', async () => {
    const calls: boolean[] = [];
    let n = 0;
    const t = fakeTransport((req) => ({ status: req.headers?.authorization === 'Bearer t2' ? 200 : 401 }));
    const auth = createBearerAuth(t, ({ forceRefresh }) => {
      calls.push(forceRefresh);
      return Promise.resolve(`t${++n}`);
    });
    expect(auth.scheme).toBe('Bearer');
    expect((await auth.send({ url: HTTPS })).status).toBe(200);
    expect(t.responses[0]!.discarded).toBe(true);
    expect((await auth.send({ url: HTTPS })).status).toBe(200);
    expect(calls).toEqual([false, true]);
    expect(t.sent.map((s) => s.authorization)).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t2']);
    await expect(auth.close()).resolves.toBeUndefined();
  });

  it.each([200, 403, 500])('an answer %i is returned as is, without a refresh', async (status) => {
    const calls: boolean[] = [];
    const t = fakeTransport(() => ({ status }));
    const auth = createBearerAuth(
      t,
      ({ forceRefresh }) => (calls.push(forceRefresh), Promise.resolve('tok')),
    );
    expect((await auth.send({ url: HTTPS })).status).toBe(status);
    expect(calls).toEqual([false]);
    expect(t.responses[0]!.discarded).toBe(false);
  });
});

describe('createAuthenticator', () => {
  const pw = { username: 'CONTOSO\\adele', password: PASSWORD };
  it.each<[string, Credentials, string]>([
    ['bearer', { method: 'bearer', getToken: () => Promise.resolve('tok') }, 'Bearer'],
    ['ntlm', { method: 'ntlm', ...pw }, 'NTLM'],
    ['basic', { method: 'basic', ...pw }, 'Basic'],
    // auto has chosen nothing yet
    ['auto', { method: 'auto', ...pw }, 'none'],
    ['no method: auto', { ...pw }, 'none'],
  ])('%s', (_w, credentials, scheme) => {
    expect(
      createAuthenticator(
        fakeTransport(() => ({ status: 200 })),
        credentials,
      ).scheme,
    ).toBe(scheme);
  });

  it('passes its options on (Basic over http allowed for demo mode)', async () => {
    const t = fakeTransport(() => ({ status: 200 }));
    const auth = createAuthenticator(t, { method: 'basic', ...pw }, { allowBasicOverHttp: true });
    expect((await auth.send({ url: HTTP })).status).toBe(200);
    expect(t.sent.map((s) => s.authorization)).toEqual([basicAdele]);
  });
});

describe('auto', () => {
  const pw = { method: 'auto' as const, username: 'CONTOSO\\adele', password: PASSWORD };
  /** A server that asks for a login with these WWW-Authenticate values until Basic is sent. */
  const asking =
    (www: string[]) =>
    (req: { headers?: Record<string, string> }): Reply =>
      req.headers?.authorization === basicAdele
        ? { status: 200 }
        : { status: 401, headers: { 'www-authenticate': www } };

  it('a server that asks for no login gets the request once, without credentials', async () => {
    const t = fakeTransport(() => ({ status: 200 }));
    const auth = createAuthenticator(t, pw);
    expect((await auth.send({ url: HTTPS })).status).toBe(200);
    expect(t.sent).toEqual([{ conn: 0, url: HTTPS, authorization: undefined }]);
    expect(auth.scheme).toBe('none');
    expect(t.responses[0]!.discarded).toBe(false);
  });

  it.each<[string, string[], string]>([
    ['NTLM over Negotiate', ['Negotiate', 'NTLM'], 'NTLM'],
    ['NTLM over Basic', ['Basic realm="x"', 'NTLM'], 'NTLM'],
    ['Negotiate over Basic', ['Basic realm="x"', 'Negotiate'], 'Negotiate'],
    ['Basic when it is all', ['Basic realm="x"'], 'Basic'],
  ])('chooses %s, sending its first token on a connection of its own', async (_w, www, scheme) => {
    const t = fakeTransport((req) => asking(www)(req));
    const auth = createAuthenticator(t, pw);
    await auth.send({ url: HTTPS });
    expect(auth.scheme).toBe(scheme);
    expect(t.responses[0]!.discarded).toBe(true);
    expect(t.sent[1]!.authorization?.split(' ')[0]).toBe(scheme);
    expect(t.sent[1]!.conn).toBe(scheme === 'Basic' ? 0 : 1);
  });

  it('remembers the choice per server: no second probe there, a probe on another', async () => {
    const t = fakeTransport((req) => asking(['Basic realm="x"'])(req));
    const auth = createAuthenticator(t, pw);
    await auth.send({ url: HTTPS });
    await auth.send({ url: `${HTTPS}?again` });
    await auth.send({ url: 'https://other.contoso.test/EWS/Exchange.asmx' });
    expect(t.sent.map((s) => [new URL(s.url).host, s.authorization === basicAdele])).toEqual([
      ['mail.contoso.test', false],
      ['mail.contoso.test', true],
      ['mail.contoso.test', true],
      ['other.contoso.test', false],
      ['other.contoso.test', true],
    ]);
    expect(auth.scheme).toBe('Basic');
  });

  it('reports the scheme of the server last used', async () => {
    const t = fakeTransport((req, conn) =>
      conn > 0
        ? { status: 200 }
        : asking([new URL(req.url).host === 'ntlm.contoso.test' ? 'NTLM' : 'Basic realm="x"'])(req),
    );
    const auth = createAuthenticator(t, pw);
    await auth.send({ url: HTTPS });
    expect(auth.scheme).toBe('Basic');
    await auth.send({ url: 'https://ntlm.contoso.test/' });
    expect(auth.scheme).toBe('NTLM');
    await auth.send({ url: `${HTTPS}?again` });
    expect(auth.scheme).toBe('Basic');
  });

  it.each<[string, string[]]>([
    ['no scheme', []],
    ['only schemes it does not speak', ['Bearer', 'Digest realm="x"']],
  ])('refuses a server that offers %s, sending no password', async (_w, www) => {
    const t = fakeTransport(() => ({ status: 401, headers: { 'www-authenticate': www } }));
    const auth = createAuthenticator(t, pw);
    await expect(auth.send({ url: HTTPS })).rejects.toMatchObject({
      kind: 'auth',
      code: 'UnsupportedAuth',
      httpStatus: 401,
      message: 'The server asks for a sign-in method this app does not support.',
    });
    expect(t.sent).toHaveLength(1);
    expect(t.responses[0]!.discarded).toBe(true);
  });

  it('refuses Basic over http before sending the password, and asks again next time', async () => {
    const t = fakeTransport((req) => asking(['Basic realm="x"'])(req));
    const auth = createAuthenticator(t, pw);
    await expect(auth.send({ url: HTTP })).rejects.toMatchObject({ code: 'InsecureBasic' });
    await expect(auth.send({ url: HTTP })).rejects.toMatchObject({ code: 'InsecureBasic' });
    expect(t.sent.map((s) => s.authorization)).toEqual([undefined, undefined]);
  });

  it('close() closes the NTLM and the Negotiate connections', async () => {
    const t = fakeTransport((req, conn) =>
      conn > 0
        ? { status: 200 }
        : asking([new URL(req.url).host === 'other.contoso.test' ? 'Negotiate' : 'NTLM'])(req),
    );
    const auth = createAuthenticator(t, pw);
    await auth.send({ url: HTTPS });
    await auth.send({ url: 'https://other.contoso.test/' });
    expect(t.sent.filter((s) => s.conn > 0).map((s) => s.authorization?.split(' ')[0])).toEqual([
      'NTLM',
      'Negotiate',
    ]);
    await auth.close();
    expect(t.closed.sort()).toEqual([1, 2]);
  });
});
