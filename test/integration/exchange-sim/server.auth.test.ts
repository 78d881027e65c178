import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateOrg } from '../../../main/exchange-sim/org/generate';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';

interface Type2 {
  flags: number;
  version: number;
  challenge: Buffer;
  targetName: string;
}
interface NtlmClient {
  createType1Message(workstation?: string, target?: string): string;
  decodeType2Message(str: string): Type2;
  createType3Message(
    t2: Type2,
    user: string,
    password: string,
    workstation?: string,
    target?: string,
  ): string;
}
const ntlm = createRequire(import.meta.url)('@ewsjs/ntlm-client') as NtlmClient;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Every WWW-Authenticate header, one entry each (Node joins repeated headers). */
  challenges: string[];
  /** Client-side port of the TCP connection, to tell sockets apart. */
  localPort: number | undefined;
}

function call(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent | false } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent },
      (res) => {
        const localPort = res.socket.localPort;
        const challenges = res.rawHeaders.filter(
          (_, i, all) => i % 2 === 1 && all[i - 1]?.toLowerCase() === 'www-authenticate',
        );
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            challenges,
            localPort,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const POX = (email: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
const basic = (user: string, pw: string): string =>
  `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
const alice = DEMO_ACCOUNTS.alice;

let sim: ExchangeSimHandle;
let base: string;
let pox: string;

beforeAll(async () => {
  sim = await startExchangeSim({
    org: generateOrg({ seed: 11, size: 40, epoch: '2026-11-25T00:00:00Z' }),
    httpsPort: false,
  });
  base = sim.httpUrl ?? '';
  pox = `${base}/autodiscover/autodiscover.xml`;
});
afterAll(() => sim.close());

const authed = (auth: string): Promise<Reply> =>
  call(pox, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'text/xml' },
    body: POX(alice.smtp),
  });

describe('authentication', () => {
  it('challenges anonymous EWS requests with NTLM and Basic, never Negotiate', async () => {
    const r = await call(`${base}/EWS/Exchange.asmx`, { method: 'POST', body: '<x/>' });
    expect(r.status).toBe(401);
    const challenges = r.challenges;
    expect(challenges).toContain('NTLM');
    expect(challenges.some((c) => /^Basic realm="[^"]+"$/.test(c))).toBe(true);
    expect(challenges.some((c) => /negotiate/i.test(c))).toBe(false);
    expect(r.body).not.toContain('soap');
  });

  it('offers only the configured schemes', async () => {
    const basicOnly = await startExchangeSim({ org: sim.org, httpsPort: false, authSchemes: ['Basic'] });
    try {
      const r = await call(`${basicOnly.httpUrl ?? ''}/EWS/Exchange.asmx`, { method: 'POST', body: '<x/>' });
      expect(r.challenges).toEqual(['Basic realm="mail.contoso.test"']);
      const t1 = ntlm.createType1Message('WS1', 'CONTOSO');
      const n = await call(`${basicOnly.httpUrl ?? ''}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: { authorization: t1 },
      });
      expect(n.status).toBe(401);
      expect(n.challenges.some((c) => c.startsWith('NTLM '))).toBe(false);
    } finally {
      await basicOnly.close();
    }
  });

  it('accepts Basic as smtp, UPN or CONTOSO\\sam and refuses a wrong password with 401', async () => {
    const sam = sim.control.person(alice.smtp)?.samAccountName ?? '';
    for (const user of [alice.smtp, alice.smtp.toUpperCase(), sam]) {
      const r = await authed(basic(user, alice.password));
      expect(r.status, user).toBe(200);
      expect(r.body).toContain('<Action>settings</Action>');
    }
    const wrong = await authed(basic(alice.smtp, 'nope'));
    expect(wrong.status).toBe(401);
    expect((await authed(basic('nobody@contoso.test', alice.password))).status).toBe(401);
  });

  it('runs a real NTLM handshake on one keep-alive socket, then trusts that socket, and only that one', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await call(pox, {
        method: 'POST',
        agent,
        headers: { authorization: ntlm.createType1Message('WS1', 'CONTOSO') },
        body: POX(alice.smtp),
      });
      expect(first.status).toBe(401);
      const challenge = first.challenges[0] ?? '';
      expect(challenge).toMatch(/^NTLM [A-Za-z0-9+/=]+$/);
      const t3 = ntlm.createType3Message(
        ntlm.decodeType2Message(challenge),
        'alice',
        alice.password,
        'WS1',
        'CONTOSO',
      );
      // The same valid type 3 on another connection is refused: the challenge belongs to the first socket.
      const elsewhere = await call(pox, {
        method: 'POST',
        agent: false,
        headers: { authorization: t3 },
        body: POX(alice.smtp),
      });
      expect(elsewhere.status).toBe(401);
      expect(elsewhere.localPort).not.toBe(first.localPort);
      const second = await call(pox, {
        method: 'POST',
        agent,
        headers: { authorization: t3 },
        body: POX(alice.smtp),
      });
      expect(second.status).toBe(200);
      expect(second.localPort).toBe(first.localPort);
      const third = await call(pox, { method: 'POST', agent, body: POX(alice.smtp) });
      expect(third.status).toBe(200);
      expect(third.localPort).toBe(first.localPort);

      const other = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const fresh = await call(pox, { method: 'POST', agent: other, body: POX(alice.smtp) });
        expect(fresh.localPort).not.toBe(first.localPort);
        expect(fresh.status).toBe(401);
      } finally {
        other.destroy();
      }
      const log = sim.control.requestLog().filter((e) => e.authScheme === 'NTLM');
      expect(log.at(-1)?.user).toBe(alice.smtp);
    } finally {
      agent.destroy();
    }
  });

  it('answers 401 to an NTLM handshake with the wrong password', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await call(pox, {
        method: 'POST',
        agent,
        headers: { authorization: ntlm.createType1Message('WS1', 'CONTOSO') },
      });
      const t2 = ntlm.decodeType2Message(first.challenges[0] ?? '');
      const t3 = ntlm.createType3Message(t2, 'alice', 'wrong-password', 'WS1', 'CONTOSO');
      const second = await call(pox, {
        method: 'POST',
        agent,
        headers: { authorization: t3 },
        body: POX(alice.smtp),
      });
      expect(second.status).toBe(401);
      const after = await call(pox, { method: 'POST', agent, body: POX(alice.smtp) });
      expect(after.status).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it('issues expiring Bearer tokens for the password grant', async () => {
    const form = (pw: string, grant = 'password'): string =>
      new URLSearchParams({ grant_type: grant, username: alice.smtp, password: pw }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await call(`${base}/oauth2/token`, { method: 'POST', headers, body: form(alice.password) });
    expect(ok.status).toBe(200);
    const token = JSON.parse(ok.body) as { access_token: string; token_type: string; expires_in: number };
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBeGreaterThan(0);
    expect(token.access_token.length).toBeGreaterThan(20);
    expect((await authed(`Bearer ${token.access_token}`)).status).toBe(200);
    expect((await authed('Bearer not-a-token')).status).toBe(401);

    const bad = await call(`${base}/oauth2/token`, { method: 'POST', headers, body: form('wrong') });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: 'invalid_grant' });
    const grant = await call(`${base}/oauth2/token`, {
      method: 'POST',
      headers,
      body: form(alice.password, 'client_credentials'),
    });
    expect(JSON.parse(grant.body)).toMatchObject({ error: 'unsupported_grant_type' });

    sim.control.expireTokens();
    expect((await authed(`Bearer ${token.access_token}`)).status).toBe(401);
  });

  it('logs operations and users but never a password', async () => {
    sim.control.clearRequestLog();
    await authed(basic(alice.smtp, alice.password));
    await call(`${base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=${alice.smtp}&password=${alice.password}`,
    });
    const log = sim.control.requestLog();
    expect(log.map((e) => [e.method, e.path, e.operation, e.status])).toEqual([
      ['POST', '/autodiscover/autodiscover.xml', 'autodiscover.xml', 200],
      ['POST', '/oauth2/token', 'token', 200],
    ]);
    expect(JSON.stringify(log)).not.toContain(alice.password);
  });
});
