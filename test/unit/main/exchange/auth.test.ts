import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../../main/exchange/auth';
import { EwsError } from '../../../../main/exchange/errors';
import { createTransport, type Transport } from '../../../../main/exchange/transport';
import { authGate, type AuthGate, type TestUser } from './ntlmServer';
import { readBody, startServer, type TestServer } from './servers';

const adele: TestUser = {
  sam: 'adele',
  upn: 'adele.vance@contoso.test',
  domain: 'CONTOSO',
  password: 'Pässw0rd!',
};
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup(
  schemes: ReadonlyArray<'NTLM' | 'Basic'>,
): Promise<{ s: TestServer; gate: AuthGate; t: Transport; url: string; bodies: string[] }> {
  const gate = authGate([adele], schemes);
  const bodies: string[] = [];
  const s = await startServer((req: http.IncomingMessage, res: http.ServerResponse, socket: number) => {
    void readBody(req).then((body) => {
      const who = gate.check(req, res, socket);
      if (!who) return;
      bodies.push(body);
      res.setHeader('content-type', 'text/plain');
      res.end(`hello ${who.sam}`);
    });
  });
  cleanup.push(() => s.close());
  const t = createTransport({
    proxy: false,
    resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: s.port } },
  });
  cleanup.push(() => t.close());
  return { s, gate, t, url: 'http://mail.contoso.test/EWS/Exchange.asmx', bodies };
}

describe('NTLM', () => {
  it.each(['CONTOSO\\adele', 'adele.vance@contoso.test'])(
    'signs in as %s over one connection and keeps using it',
    async (username) => {
      const { s, gate, t, url, bodies } = await setup(['NTLM', 'Basic']);
      const auth = createAuthenticator(t, { method: 'ntlm', username, password: adele.password });
      cleanup.push(() => auth.close());
      const r1 = await auth.send({ url, method: 'POST', body: '<a/>' });
      expect(r1.status).toBe(200);
      expect(await r1.text()).toBe('hello adele');
      const r2 = await auth.send({ url, method: 'POST', body: '<b/>' });
      expect(await r2.text()).toBe('hello adele');
      expect(gate.log).toEqual(['NTLM1', 'NTLM3', 'conn']);
      expect(new Set(s.requests.map((r) => r.socket)).size).toBe(1);
      expect(bodies).toEqual(['<a/>', '<b/>']);
    },
  );

  it('a wrong password ends as a 401 (no loop)', async () => {
    const { gate, t, url } = await setup(['NTLM']);
    const auth = createAuthenticator(t, { method: 'ntlm', username: 'CONTOSO\\adele', password: 'wrong' });
    cleanup.push(() => auth.close());
    const r = await auth.send({ url });
    expect(r.status).toBe(401);
    await r.discard();
    expect(gate.log).toEqual(['NTLM1', 'NTLM3']);
  });

  it('re-handshakes once when the server forgets the connection login', async () => {
    const { gate, t, url } = await setup(['NTLM']);
    const auth = createAuthenticator(t, {
      method: 'ntlm',
      username: 'CONTOSO\\adele',
      password: adele.password,
    });
    cleanup.push(() => auth.close());
    await (await auth.send({ url })).text();
    gate.reset();
    const r = await auth.send({ url });
    expect(await r.text()).toBe('hello adele');
    expect(gate.log).toEqual(['NTLM1', 'NTLM3', 'none', 'NTLM1', 'NTLM3']);
  });

  it('parallel requests each get their own authenticated connection', async () => {
    const { s, t, url } = await setup(['NTLM']);
    const auth = createAuthenticator(
      t,
      { method: 'ntlm', username: 'CONTOSO\\adele', password: adele.password },
      { ntlmConnectionsPerOrigin: 2 },
    );
    cleanup.push(() => auth.close());
    const all = await Promise.all([1, 2, 3, 4].map(async () => (await auth.send({ url })).text()));
    expect(all).toEqual(Array(4).fill('hello adele'));
    expect(new Set(s.requests.map((r) => r.socket)).size).toBeLessThanOrEqual(2);
  });
});

describe('auto', () => {
  it('prefers NTLM over Basic when both are offered', async () => {
    const { gate, t, url } = await setup(['Basic', 'NTLM']);
    const auth = createAuthenticator(t, {
      method: 'auto',
      username: 'CONTOSO\\adele',
      password: adele.password,
    });
    cleanup.push(() => auth.close());
    expect(await (await auth.send({ url })).text()).toBe('hello adele');
    expect(auth.scheme).toBe('NTLM');
    expect(gate.log).toEqual(['none', 'NTLM1', 'NTLM3']);
  });

  it('refuses Basic over plain http unless allowed explicitly', async () => {
    const { gate, t, url } = await setup(['Basic']);
    const refusing = createAuthenticator(t, { method: 'auto', username: 'adele', password: adele.password });
    const e = await refusing.send({ url }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EwsError);
    expect(e).toMatchObject({ kind: 'auth', code: 'InsecureBasic' });
    expect(gate.log).toEqual(['none']); // the password was never sent
    const allowed = createAuthenticator(
      t,
      { method: 'auto', username: 'adele', password: adele.password },
      { allowBasicOverHttp: true },
    );
    expect(await (await allowed.send({ url })).text()).toBe('hello adele');
    expect(allowed.scheme).toBe('Basic');
  });
});

describe('Basic', () => {
  it('sends UTF-8 credentials', async () => {
    const { t, url } = await setup(['Basic']);
    const auth = createAuthenticator(
      t,
      { method: 'basic', username: 'CONTOSO\\adele', password: adele.password },
      { allowBasicOverHttp: true },
    );
    expect(await (await auth.send({ url })).text()).toBe('hello adele');
  });
});

describe('Bearer', () => {
  it('refreshes the token once on a 401', async () => {
    const seen: string[] = [];
    const s = await startServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.statusCode = req.headers.authorization === 'Bearer fresh' ? 200 : 401;
      res.end();
    });
    cleanup.push(() => s.close());
    const t = createTransport({ proxy: false });
    cleanup.push(() => t.close());
    const calls: boolean[] = [];
    const auth = createAuthenticator(t, {
      method: 'bearer',
      getToken: ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return Promise.resolve(forceRefresh ? 'fresh' : 'stale');
      },
    });
    const r = await auth.send({ url: `http://127.0.0.1:${s.port}/` });
    expect(r.status).toBe(200);
    await r.discard();
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(calls).toEqual([false, true]);
    // still 401 after one refresh: returned, not looped
    const never = createAuthenticator(t, { method: 'bearer', getToken: () => Promise.resolve('bad') });
    const r2 = await never.send({ url: `http://127.0.0.1:${s.port}/` });
    expect(r2.status).toBe(401);
    await r2.discard();
  });
});
