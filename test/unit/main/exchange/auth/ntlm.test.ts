import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createNtlmAuth, type NtlmOptions } from '../../../../../main/exchange/auth/ntlm';
import { EwsError } from '../../../../../main/exchange/errors';
import type { HttpRequest, HttpResponse, SingleConnection } from '../../../../../main/exchange/transport';
import { authGate, type AuthGate, type TestUser } from '../ntlmServer';
import { fakeTransport, type FakeTransport, type Reply } from './fakeTransport';

const adele: TestUser = {
  sam: 'adele',
  upn: 'adele.vance@contoso.test',
  domain: 'CONTOSO',
  password: 'Pässw0rd!',
};
const URL_A = 'https://mail.contoso.test/EWS/Exchange.asmx';
const URL_B = 'https://mail2.contoso.test/EWS/Exchange.asmx';

/** Lets every pending promise chain run (no clock involved). */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A Type 3 message's workstation field (offset 44), as sent. */
function workstationOf(authorization: string): string {
  const buf = Buffer.from(authorization.split(' ')[1] ?? '', 'base64');
  const len = buf.readUInt16LE(44);
  const off = buf.readUInt32LE(48);
  return buf.subarray(off, off + len).toString('utf16le');
}

/**
 * The test NTLM server (ntlmServer.ts) behind the fake transport: logins bound to the connection.
 * With `scheme: 'Negotiate'` it speaks the same tokens under the Negotiate name.
 */
function gated(
  scheme: 'NTLM' | 'Negotiate' = 'NTLM',
  users: readonly TestUser[] = [adele],
): { gate: AuthGate; t: FakeTransport; type3: string[] } {
  const gate = authGate(users, ['NTLM']);
  const type3: string[] = [];
  const t = fakeTransport((req, conn) => {
    let reply: Reply = { status: 200 };
    const sent = req.headers?.authorization;
    if (sent && !sent.startsWith(`${scheme} `)) return { status: 400, body: `wrong scheme: ${sent}` };
    const authorization = sent?.replace(/^\S+ /, 'NTLM ');
    if (authorization && Buffer.from(authorization.slice(5), 'base64').readUInt32LE(8) === 3)
      type3.push(authorization);
    const res = {
      writeHead(status: number, headers: Record<string, string | string[]>) {
        const www = headers['www-authenticate'];
        const values = (Array.isArray(www) ? www : [www ?? '']).map((v) => v.replace(/^NTLM/, scheme));
        reply = { status, headers: { 'www-authenticate': values } };
      },
      end() {},
    };
    const who = gate.check(
      { headers: authorization ? { authorization } : {} } as http.IncomingMessage,
      res as unknown as http.ServerResponse,
      conn,
    );
    return who ? { status: 200, body: `hello ${who.sam}` } : reply;
  });
  return { gate, t, type3 };
}

const adeleAuth = (t: FakeTransport, options: NtlmOptions = {}, username = 'CONTOSO\\adele') =>
  createNtlmAuth(t, { username, password: adele.password }, options);

describe('NTLM handshake', () => {
  it.each<[string, 'NTLM' | 'Negotiate' | undefined, string]>([
    ['NTLM by default', undefined, 'NTLM'],
    ['NTLM tokens under the Negotiate name', 'Negotiate', 'Negotiate'],
  ])('%s: Type 1, then Type 3 on the same connection, then the login is reused', async (_w, scheme, used) => {
    const { gate, t } = gated(scheme ?? 'NTLM');
    const auth = adeleAuth(t, scheme ? { scheme } : {});
    expect(auth.scheme).toBe(used);
    expect(await (await auth.send({ url: URL_A })).text()).toBe('hello adele');
    expect(await (await auth.send({ url: URL_A })).text()).toBe('hello adele');
    expect(gate.log).toEqual(['NTLM1', 'NTLM3', 'conn']);
    expect(t.sent.map((s) => [s.conn, s.authorization?.split(' ')[0]])).toEqual([
      [1, used],
      [1, used],
      [1, undefined],
    ]);
    expect(t.opened).toEqual(['https://mail.contoso.test']);
    // The challenge answer was read and dropped before the Type 3 went on the same connection.
    expect(t.responses[0]!.discarded).toBe(true);
  });

  it.each([
    ['a DOMAIN\\user name', 'CONTOSO\\adele'],
    ['a UPN', 'adele.vance@contoso.test'],
  ])('signs in with %s, sending the workstation name given', async (_w, username) => {
    const { t, type3 } = gated();
    const auth = adeleAuth(t, { workstation: 'PC-ADELE' }, username);
    expect((await auth.send({ url: URL_A })).status).toBe(200);
    expect(type3.map(workstationOf)).toEqual(['PC-ADELE']);
  });

  it('sends an empty workstation name by default', async () => {
    const { t, type3 } = gated();
    expect((await adeleAuth(t).send({ url: URL_A })).status).toBe(200);
    expect(type3.map(workstationOf)).toEqual(['']);
  });

  it('a wrong password ends as the 401, and the next request signs in again', async () => {
    const { gate, t } = gated();
    const auth = createNtlmAuth(t, { username: 'CONTOSO\\adele', password: 'wrong' });
    const r = await auth.send({ url: URL_A });
    expect(r.status).toBe(401);
    await r.discard();
    await (await auth.send({ url: URL_A })).discard();
    expect(gate.log).toEqual(['NTLM1', 'NTLM3', 'NTLM1', 'NTLM3']);
  });

  it('re-handshakes when the server forgets the login, dropping the refused answer first', async () => {
    const { gate, t } = gated();
    const auth = adeleAuth(t);
    await (await auth.send({ url: URL_A })).text();
    gate.reset();
    expect(await (await auth.send({ url: URL_A })).text()).toBe('hello adele');
    expect(gate.log).toEqual(['NTLM1', 'NTLM3', 'none', 'NTLM1', 'NTLM3']);
    expect(t.responses[2]!.status).toBe(401);
    expect(t.responses[2]!.discarded).toBe(true);
  });

  it('a server that does not ask for a login gets the request once, with the Type 1 only', async () => {
    const t = fakeTransport(() => ({ status: 200, body: 'open' }));
    const r = await adeleAuth(t).send({ url: URL_A });
    expect(await r.text()).toBe('open');
    expect(t.sent).toHaveLength(1);
  });

  it.each<[string, string[]]>([
    ['no challenge at all', []],
    ['only another scheme', ['Basic realm="x"']],
    ['the scheme without a token', ['NTLM']],
    ['a token for another scheme', ['Negotiate TlRMTVNTUAACAAAA']],
    ['the scheme as the token of another', ['Negotiate NTLM TlRMTVNTUAACAAAA']],
    ['a token followed by another word', ['NTLM TlRMTVNTUAACAAAA extra']],
  ])('a 401 with %s is the answer: returned unread, nothing more sent', async (_w, www) => {
    const t = fakeTransport(() => ({ status: 401, headers: { 'www-authenticate': www } }));
    const r = await adeleAuth(t).send({ url: URL_A });
    expect(r.status).toBe(401);
    expect(t.sent).toHaveLength(1);
    expect(t.responses[0]!.discarded).toBe(false);
  });

  it.each<[string, (challenge: string) => string]>([
    ['two spaces after the scheme', (v) => v.replace(/^NTLM /, 'NTLM  ')],
    ['spaces after the token', (v) => `${v}  `],
  ])('takes a challenge written with %s', async (_w, write) => {
    const { t: inner } = gated();
    const t = fakeTransport(async (req) => {
      const reply = await inner.request(req);
      return {
        status: reply.status,
        headers: { 'www-authenticate': reply.headerValues('www-authenticate').map(write) },
        body: await reply.text(),
      };
    });
    expect(await (await adeleAuth(t).send({ url: URL_A })).text()).toBe('hello adele');
  });

  it('the Type 1 names no domain: the user’s domain goes only in the Type 3', async () => {
    const { t } = gated();
    await (await adeleAuth(t).send({ url: URL_A })).text();
    const type1 = Buffer.from(t.sent[0]!.authorization!.split(' ')[1]!, 'base64');
    expect(type1.readUInt32LE(8)).toBe(1);
    expect(type1.readUInt16LE(16)).toBe(0);
  });

  it('a 200 to the Type 1 is the answer even when it carries a token: nothing more sent', async () => {
    const t = fakeTransport(() => ({
      status: 200,
      headers: { 'www-authenticate': 'NTLM TlRMTVNTUAACAAAA' },
      body: 'open',
    }));
    const r = await adeleAuth(t).send({ url: URL_A });
    expect(await r.text()).toBe('open');
    expect(t.sent).toHaveLength(1);
  });

  it('after a 401 on a signed-in connection, a Type 1 let through unchallenged does not count as signed in', async () => {
    const { t: inner } = gated();
    const script: Reply[] = [];
    const t = fakeTransport(async (req, conn) => {
      const scripted = script.shift();
      if (scripted) return scripted;
      const res = await innerOn(inner, req, conn);
      return {
        status: res.status,
        headers: { 'www-authenticate': res.headerValues('www-authenticate') },
        body: await res.text(),
      };
    });
    const auth = adeleAuth(t);
    await (await auth.send({ url: URL_A })).text();
    script.push({ status: 401 }, { status: 200, body: 'open' });
    expect(await (await auth.send({ url: URL_A })).text()).toBe('open');
    expect(await (await auth.send({ url: URL_A })).text()).toBe('hello adele');
    // The third request starts a handshake again (Type 1, Type 3) instead of going unsigned.
    expect(t.sent.slice(4).map((s) => s.authorization?.split(' ')[0])).toStrictEqual(['NTLM', 'NTLM']);
  });

  it.each<[string, (r: HttpResponse) => Promise<string>]>([
    ['as bytes', async (r) => (await r.bytes(1024)).toString('utf8')],
    [
      'in chunks',
      async (r) => {
        const parts: Buffer[] = [];
        for await (const c of r.chunks()) parts.push(c);
        return Buffer.concat(parts).toString('utf8');
      },
    ],
  ])('the answer’s body can be read %s', async (_w, read) => {
    const { t } = gated();
    expect(await read(await adeleAuth(t).send({ url: URL_A }))).toBe('hello adele');
  });

  it('dropping the answer drops the body on the connection', async () => {
    const { t } = gated();
    await (await adeleAuth(t).send({ url: URL_A })).discard();
    expect(t.responses.at(-1)!.discarded).toBe(true);
  });

  it('finds its challenge among other schemes, whatever its case', async () => {
    const { t: inner } = gated();
    const t = fakeTransport(async (req) => {
      const reply = await inner.request(req);
      const www = reply.headerValues('www-authenticate').map((v) => v.replace(/^NTLM/, 'ntlm'));
      return {
        status: reply.status,
        headers: { 'www-authenticate': ['Negotiate', 'Basic realm="x", Negotiate abc=', ...www] },
        body: await reply.text(),
      };
    });
    const r = await adeleAuth(t).send({ url: URL_A });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('hello adele');
  });
});

describe('NTLM connections', () => {
  it('parallel requests each open their own connection (the choice is made at once), up to 4 by default', async () => {
    const { t } = gated();
    const auth = adeleAuth(t);
    for (let i = 0; i < 6; i++) void auth.send({ url: URL_A });
    await settle();
    expect(t.opened).toHaveLength(4);
  });

  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
  ])('with ntlmConnectionsPerOrigin %i, at most %i connection(s)', async (asked, opened) => {
    const { t } = gated();
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: asked });
    for (let i = 0; i < 3; i++) void auth.send({ url: URL_A });
    await settle();
    expect(t.opened).toHaveLength(opened);
  });

  it('each server has its own connections', async () => {
    const { t } = gated();
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: 1 });
    await (await auth.send({ url: URL_A })).text();
    await (await auth.send({ url: URL_B })).text();
    await (await auth.send({ url: `${URL_A}?again` })).text();
    expect(t.opened).toEqual(['https://mail.contoso.test', 'https://mail2.contoso.test']);
  });

  it('when every connection is busy, the request queues on the least busy one', async () => {
    const { t } = gated();
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: 2 });
    const a = await auth.send({ url: `${URL_A}?a` });
    const b = await auth.send({ url: `${URL_A}?b` });
    const c = auth.send({ url: `${URL_A}?c` }); // both busy once: the first one
    const d = auth.send({ url: `${URL_A}?d` }); // the first busy twice: the second one
    await settle();
    expect(t.sent.map((s) => s.url.slice(-1))).toEqual(['a', 'a', 'b', 'b']);
    await a.text();
    await b.text();
    await (await c).text();
    await (await d).text();
    const last = (q: string): number | undefined => t.sent.findLast((s) => s.url.endsWith(q))?.conn;
    expect([last('a'), last('b'), last('c'), last('d')]).toEqual([1, 2, 1, 2]);
    // Both were signed in already: c and d went without a handshake.
    expect(t.sent.filter((s) => s.url.endsWith('c') || s.url.endsWith('d'))).toHaveLength(2);
  });

  it.each<[string, (r: HttpResponse) => Promise<unknown>]>([
    ['read as text', (r) => r.text()],
    ['read as bytes', (r) => r.bytes(1024)],
    [
      'read in chunks',
      async (r) => {
        for await (const c of r.chunks()) void c;
      },
    ],
    ['dropped', (r) => r.discard()],
  ])('the next request on a connection waits until the answer before it is %s', async (_w, read) => {
    const { t } = gated();
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: 1 });
    const first = await auth.send({ url: `${URL_A}?1` });
    let secondSent = false;
    const second = auth.send({ url: `${URL_A}?2` }).then((r) => ((secondSent = true), r));
    await settle();
    expect(secondSent).toBe(false);
    expect(t.sent.filter((s) => s.url.endsWith('2'))).toHaveLength(0);
    await read(first);
    expect(await (await second).text()).toBe('hello adele');
    expect(secondSent).toBe(true);
  });

  it('an answer read twice frees its connection once', async () => {
    const { t } = gated();
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: 2 });
    const r = await auth.send({ url: URL_A });
    await r.text();
    await r.discard();
    await (await auth.send({ url: URL_A })).text();
    // The first connection is idle again (not "less than idle"): it is used, none other opened.
    expect(t.opened).toHaveLength(1);
  });

  it('prefers an idle connection that is signed in over one that is not', async () => {
    let failFirst = true;
    const { t: inner } = gated();
    const t = resetting(inner, (conn) => {
      const fails = conn === 1 && failFirst;
      failFirst &&= !fails;
      return fails;
    });
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: 2 });
    const [a, b] = await Promise.allSettled([auth.send({ url: URL_A }), auth.send({ url: URL_A })]);
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'ECONNRESET' } });
    expect(b.status).toBe('fulfilled');
    await (b as PromiseFulfilledResult<HttpResponse>).value.text();
    const before = t.sent.length;
    expect(await (await auth.send({ url: URL_A })).text()).toBe('hello adele');
    expect(t.sent.slice(before)).toEqual([{ conn: 2, url: URL_A, authorization: undefined }]);
  });

  it('a failed request leaves its connection free and signs in again before the next one', async () => {
    let fail = false;
    const { t: inner, gate } = gated();
    const t = resetting(inner, () => {
      const fails = fail;
      fail = false;
      return fails;
    });
    const auth = adeleAuth(t, { ntlmConnectionsPerOrigin: 2 });
    await (await auth.send({ url: URL_A })).text();
    fail = true;
    await expect(auth.send({ url: URL_A })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await (await auth.send({ url: URL_A })).text()).toBe('hello adele');
    expect(t.opened).toHaveLength(1);
    expect(gate.log).toEqual(['NTLM1', 'NTLM3', 'NTLM1', 'NTLM3']);
  });

  it('close() closes every connection, and a later request opens a new one', async () => {
    const { t } = gated();
    const auth = adeleAuth(t);
    await (await auth.send({ url: URL_A })).text();
    await (await auth.send({ url: URL_B })).text();
    await auth.close();
    expect(t.closed.sort()).toEqual([1, 2]);
    await (await auth.send({ url: URL_A })).text();
    expect(t.opened).toHaveLength(3);
  });
});

/** A transport over `inner` whose request is reset (ECONNRESET) when `fails(conn)` says so. */
function resetting(inner: FakeTransport, fails: (conn: number) => boolean): FakeTransport {
  return fakeTransport(async (req, conn) => {
    if (fails(conn)) throw new EwsError('network', 'reset', { code: 'ECONNRESET' });
    const res = await innerOn(inner, req, conn);
    return {
      status: res.status,
      headers: { 'www-authenticate': res.headerValues('www-authenticate') },
      body: await res.text(),
    };
  });
}

/** Sends on the inner fake's single connection of the same number (so logins stay per connection). */
const innerConns = new WeakMap<FakeTransport, Map<number, SingleConnection>>();
function innerOn(inner: FakeTransport, req: HttpRequest, conn: number): Promise<HttpResponse> {
  let m = innerConns.get(inner);
  if (!m) innerConns.set(inner, (m = new Map<number, SingleConnection>()));
  let c = m.get(conn);
  if (!c) m.set(conn, (c = inner.openSingleConnection(new URL(req.url).origin)));
  return c.request(req);
}
