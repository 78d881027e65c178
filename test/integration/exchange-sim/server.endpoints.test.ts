import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateOrg } from '../../../main/exchange-sim/org/generate';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  body: string;
  chunks: number;
  ms: number;
}

let sim: ExchangeSimHandle;

function call(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  const started = performance.now();
  const u = new URL(url);
  const doRequest = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = doRequest(
      url,
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
        // Trust only the simulator's own certificate (this also checks its 127.0.0.1 SAN).
        ...(u.protocol === 'https:' ? { ca: sim.certificatePem } : {}),
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(parts);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes,
            body: bytes.toString('utf8'),
            chunks: parts.length,
            ms: performance.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const alice = DEMO_ACCOUNTS.alice;
const basic = (a: { smtp: string; password: string }): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${a.smtp}:${a.password}`).toString('base64')}`,
});
const POX = (email: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@' });
type Tree = Record<string, unknown>;
const at = (tree: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Tree)[key] : undefined),
    tree,
  );
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const EWS_BODY = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><s:Header><t:RequestServerVersion Version="Exchange2013"/></s:Header><s:Body><m:GetImItemList/></s:Body></s:Envelope>`;
const ews = (): Promise<Reply> =>
  call(`${sim.httpsUrl ?? ''}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: { ...basic(alice), 'content-type': 'text/xml; charset=utf-8' },
    body: EWS_BODY,
  });

beforeAll(async () => {
  sim = await startExchangeSim({ org: generateOrg({ seed: 12, size: 40, epoch: '2026-11-25T00:00:00Z' }) });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.resetFaults());

describe('autodiscover', () => {
  it('answers POX settings for the primary domain with EWS URLs on the base the client used', async () => {
    const r = await call(`${sim.httpsUrl ?? ''}/autodiscover/autodiscover.xml`, {
      method: 'POST',
      headers: { ...basic(alice), 'content-type': 'text/xml' },
      body: POX(alice.smtp),
    });
    expect(r.status).toBe(200);
    expect(r.body).toContain(
      'xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"',
    );
    expect(r.body).toContain(
      'xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"',
    );
    const resp = at(parser.parse(r.body), 'Autodiscover', 'Response');
    expect(at(resp, 'User', 'DisplayName')).toBe('Alice Martin');
    expect(at(resp, 'User', 'AutoDiscoverSMTPAddress')).toBe(alice.smtp);
    expect(String(at(resp, 'User', 'LegacyDN'))).toMatch(/^\/o=/);
    expect(at(resp, 'Account', 'Action')).toBe('settings');
    const protocols = list(at(resp, 'Account', 'Protocol'));
    expect(protocols.map((p) => at(p, 'Type'))).toEqual(['EXCH', 'EXPR']);
    for (const p of protocols) {
      expect(at(p, 'EwsUrl')).toBe(`${sim.httpsUrl ?? ''}/EWS/Exchange.asmx`);
      expect(at(p, 'ASUrl')).toBe(`${sim.httpsUrl ?? ''}/EWS/Exchange.asmx`);
    }
  });

  it('uses the Host header the client sent for the URLs it hands out', async () => {
    const port = new URL(sim.httpsUrl ?? '').port;
    const r = await call(`${sim.httpsUrl ?? ''}/AutoDiscover/AutoDiscover.xml`, {
      method: 'POST',
      headers: { ...basic(alice), host: `autodiscover.contoso.test:${port}` },
      body: POX(alice.smtp),
    });
    expect(r.body).toContain(`<EwsUrl>https://autodiscover.contoso.test:${port}/EWS/Exchange.asmx</EwsUrl>`);
  });

  it('redirects an address in the secondary domain and says when an address is unknown', async () => {
    const url = `${sim.httpsUrl ?? ''}/autodiscover/autodiscover.xml`;
    const redirect = await call(url, {
      method: 'POST',
      headers: basic(alice),
      body: POX('bob@fabrikam.test'),
    });
    const account = at(parser.parse(redirect.body), 'Autodiscover', 'Response', 'Account');
    expect(at(account, 'Action')).toBe('redirectAddr');
    expect(at(account, 'RedirectAddr')).toBe('bob@contoso.test');

    const unknown = await call(url, {
      method: 'POST',
      headers: basic(alice),
      body: POX('nobody@contoso.test'),
    });
    const error = at(parser.parse(unknown.body), 'Autodiscover', 'Response', 'Error');
    expect(at(error, 'ErrorCode')).toBe(500);
    expect(at(error, 'Message')).toBe('The e-mail address cannot be found.');
    expect((await call(url, { method: 'POST', body: POX(alice.smtp) })).status).toBe(401);
  });

  it('redirects the unauthenticated HTTP GET to the HTTPS autodiscover URL', async () => {
    const r = await call(`${sim.httpUrl ?? ''}/autodiscover/autodiscover.xml`, {
      headers: { host: 'autodiscover.fabrikam.test' },
    });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(
      `https://autodiscover.fabrikam.test:${new URL(sim.httpsUrl ?? '').port}/autodiscover/autodiscover.xml`,
    );
  });

  it('answers SOAP GetUserSettings with values, per-setting and per-user errors', async () => {
    const body = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://schemas.microsoft.com/exchange/2010/Autodiscover" xmlns:wsa="http://www.w3.org/2005/08/addressing">
  <soap:Header>
    <a:RequestedServerVersion>Exchange2013</a:RequestedServerVersion>
    <wsa:Action>http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings</wsa:Action>
    <wsa:To>${sim.httpsUrl ?? ''}/autodiscover/autodiscover.svc</wsa:To>
  </soap:Header>
  <soap:Body>
    <a:GetUserSettingsRequestMessage>
      <a:Request>
        <a:Users>
          <a:User><a:Mailbox>${alice.smtp}</a:Mailbox></a:User>
          <a:User><a:Mailbox>ghost@contoso.test</a:Mailbox></a:User>
        </a:Users>
        <a:RequestedSettings>
          <a:Setting>UserDisplayName</a:Setting>
          <a:Setting>UserDN</a:Setting>
          <a:Setting>InternalEwsUrl</a:Setting>
          <a:Setting>ExternalEwsUrl</a:Setting>
          <a:Setting>EwsSupportedSchemas</a:Setting>
          <a:Setting>CasVersion</a:Setting>
          <a:Setting>NoSuchSetting</a:Setting>
        </a:RequestedSettings>
      </a:Request>
    </a:GetUserSettingsRequestMessage>
  </soap:Body>
</soap:Envelope>`;
    const r = await call(`${sim.httpsUrl ?? ''}/autodiscover/autodiscover.svc`, {
      method: 'POST',
      headers: { ...basic(alice), 'content-type': 'text/xml; charset=utf-8' },
      body,
    });
    expect(r.status).toBe(200);
    const env = at(parser.parse(r.body), 'Envelope');
    expect(at(env, 'Header', 'Action', '#text')).toBe(
      'http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse',
    );
    const response = at(env, 'Body', 'GetUserSettingsResponseMessage', 'Response');
    expect(at(response, 'ErrorCode')).toBe('NoError');
    const [mine, ghost] = list(at(response, 'UserResponses', 'UserResponse'));
    expect(at(mine, 'ErrorCode')).toBe('NoError');
    const settings: Record<string, string> = Object.fromEntries(
      list(at(mine, 'UserSettings', 'UserSetting')).map((s) => [
        String(at(s, 'Name')),
        String(at(s, 'Value')),
      ]),
    );
    expect(settings).toMatchObject({
      UserDisplayName: 'Alice Martin',
      InternalEwsUrl: `${sim.httpsUrl ?? ''}/EWS/Exchange.asmx`,
      ExternalEwsUrl: `${sim.httpsUrl ?? ''}/EWS/Exchange.asmx`,
    });
    expect(settings.CasVersion).toMatch(/^15\.\d+\.\d+\.\d+$/);
    expect(settings.EwsSupportedSchemas).toContain('Exchange2013');
    expect(settings.UserDN).toMatch(/^\/o=/);
    const errors = list(at(mine, 'UserSettingErrors', 'UserSettingError'));
    expect(errors.map((e) => [at(e, 'ErrorCode'), at(e, 'SettingName')])).toEqual([
      ['InvalidSetting', 'NoSuchSetting'],
    ]);
    expect(at(ghost, 'ErrorCode')).toBe('InvalidUser');
  });
});

describe('routing', () => {
  it('matches paths case-insensitively like IIS, 404s the rest and unknown virtual hosts', async () => {
    const anon = await call(`${sim.httpsUrl ?? ''}/ews/EXCHANGE.asmx`, { method: 'POST', body: EWS_BODY });
    expect(anon.status).toBe(401);
    expect((await call(`${sim.httpsUrl ?? ''}/owa/`)).status).toBe(404);
    const elsewhere = await call(`${sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { ...basic(alice), host: 'mail.example.com' },
      body: EWS_BODY,
    });
    expect(elsewhere.status).toBe(404);
  });

  it('hands authenticated EWS calls to the SOAP handlers', async () => {
    const r = await ews();
    expect(r.status).toBe(200);
    expect(r.body).toContain('GetImItemListResponse');
    expect(sim.control.requestLog().at(-1)).toMatchObject({
      operation: 'GetImItemList',
      status: 200,
      user: alice.smtp,
    });
  });
});

describe('faults', () => {
  it('adds latency', async () => {
    sim.control.setFaults({ latencyMs: 150 });
    const r = await ews();
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(140);
  });

  it('answers HTTP 503 with Retry-After', async () => {
    sim.control.setFaults({ http503Rate: 1, retryAfterSeconds: 7 });
    const r = await ews();
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('7');
    expect(sim.control.requestLog().at(-1)?.fault).toBe('http503');
  });

  it('answers ErrorServerBusy with BackOffMilliseconds', async () => {
    sim.control.setFaults({ serverBusyRate: 1, serverBusyBackOffMs: 4321 });
    const r = await ews();
    expect(r.body).toContain('ErrorServerBusy');
    expect(r.body).toMatch(/BackOffMilliseconds[^>]*>4321</);
  });

  it('drops the connection half-way through a response', async () => {
    sim.control.setFaults({ dropRate: 1 });
    // Fewer bytes than Content-Length promised, then the socket closes: the client sees an abort.
    await expect(ews()).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(sim.control.requestLog().at(-1)?.fault).toBe('drop');
    sim.control.resetFaults();
    expect((await ews()).status).toBe(200);
  });

  it('sends malformed XML', async () => {
    sim.control.setFaults({ malformedRate: 1 });
    const r = await ews();
    expect(r.status).toBe(200);
    expect(XMLValidator.validate(r.body)).not.toBe(true);
  });

  it('drips the response slowly', async () => {
    const size = (await ews()).bytes.length;
    const dripBytes = Math.ceil(size / 10);
    sim.control.setFaults({ dripRate: 1, dripBytes, dripIntervalMs: 30 });
    const r = await ews();
    expect(r.status).toBe(200);
    expect(r.bytes.length).toBe(size);
    expect(XMLValidator.validate(r.body)).toBe(true);
    expect(r.chunks).toBeGreaterThanOrEqual(5);
    expect(r.ms).toBeGreaterThanOrEqual(9 * 30 * 0.8);
  });

  it('repeats the same fault sequence for the same fault seed', async () => {
    const statuses = async (): Promise<number[]> => {
      sim.control.setFaults({ seed: 99, http503Rate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await ews()).status);
      return out;
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503]));
  });

  it('is settable over the loopback admin endpoint with the admin token only', async () => {
    const url = `${sim.httpUrl ?? ''}/_sim/faults`;
    expect((await call(url)).status).toBe(403);
    const token = { 'x-sim-token': sim.control.adminToken };
    expect((await call(url, { headers: { 'x-sim-token': 'guess' } })).status).toBe(403);
    const set = await call(url, { method: 'PUT', headers: token, body: JSON.stringify({ http503Rate: 1 }) });
    expect(set.status).toBe(200);
    expect(sim.control.faults().http503Rate).toBe(1);
    expect((await ews()).status).toBe(503);
    const bad = await call(url, { method: 'PUT', headers: token, body: JSON.stringify({ bogus: 1 }) });
    expect(bad.status).toBe(400);
    expect((await call(url, { method: 'DELETE', headers: token })).status).toBe(200);
    expect((await ews()).status).toBe(200);
    const log = JSON.parse(
      (await call(`${sim.httpUrl ?? ''}/_sim/log`, { headers: token })).body,
    ) as unknown[];
    expect(log.length).toBeGreaterThan(0);
  });
});

describe('Lync side', () => {
  it('exports a user pre-migration list as a zip holding DocItemSet.xml', async () => {
    const bob = sim.control.person(DEMO_ACCOUNTS.bob.smtp);
    if (!bob) throw new Error('no bob');
    const r = await call(`${sim.httpsUrl ?? ''}/lync/export/sip:${bob.smtp}.zip`, {
      headers: basic(DEMO_ACCOUNTS.bob),
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(r.bytes));
    expect(Object.keys(files)).toEqual(['DocItemSet.xml']);
    const xml = strFromU8(files['DocItemSet.xml'] ?? new Uint8Array());
    const doc: unknown = parser.parse(xml);
    expect(xml).toContain('<DocItemSet xmlns="urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008"');
    expect(at(doc, 'DocItemSet', 'DocItem', '@Name')).toBe(`urn:hcd:${bob.smtp}`);
    const home = at(doc, 'DocItemSet', 'DocItem', 'Data', 'HomedResource');
    const groups = list(at(home, 'ContactGroups', 'ContactGroup'));
    const names = groups.map((g) => Buffer.from(String(at(g, '@DisplayName')), 'base64').toString('utf8'));
    expect(names).toContain('~');
    expect(names).toHaveLength(bob.lync.groups.length);
    const contacts = list(at(home, 'Contacts', 'Contact'));
    expect(contacts.map((c) => at(c, '@Buddy'))).toEqual(bob.lync.contacts.map((c) => c.sipUri));
    // The export holds contacts the partial migration lost from UCS.
    expect(contacts.length).toBeGreaterThan(bob.imList.personas.length);
  });

  it('lets only the user or an impersonation-capable account export', async () => {
    const url = `${sim.httpsUrl ?? ''}/lync/export/${alice.smtp}.zip`;
    expect((await call(url)).status).toBe(401);
    expect((await call(url, { headers: basic(DEMO_ACCOUNTS.bob) })).status).toBe(403);
    expect((await call(url, { headers: basic(DEMO_ACCOUNTS.helpdesk) })).status).toBe(200);
    expect(
      (
        await call(`${sim.httpsUrl ?? ''}/lync/export/nobody@contoso.test.zip`, {
          headers: basic(DEMO_ACCOUNTS.helpdesk),
        })
      ).status,
    ).toBe(404);
  });

  it('serves UCWA: discovery, the MsRtcOAuth challenge, a web ticket, an application and meetings', async () => {
    const base = sim.httpsUrl ?? '';
    const root = await call(`${base}/autodiscover/autodiscoverservice.svc/root?originalDomain=contoso.test`);
    expect(root.status).toBe(200);
    const links = (JSON.parse(root.body) as { _links: Record<string, { href: string }> })._links;
    expect(Object.keys(links).sort()).toEqual(['self', 'user', 'xframe']);
    expect(links.user?.href).toBe(
      `${base}/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.test`,
    );
    const challenge = await call(links.user!.href);
    expect(challenge.status).toBe(401);
    expect(challenge.headers['www-authenticate']).toContain(
      `MsRtcOAuth href="${base}/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"`,
    );
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const wrong = await call(`${base}/WebTicket/oauthtoken`, {
      method: 'POST',
      headers: form,
      body: `grant_type=password&username=${encodeURIComponent(alice.smtp)}&password=nope`,
    });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: 'invalid_grant' });
    const ticket = await call(`${base}/WebTicket/oauthtoken`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({
        grant_type: 'password',
        username: alice.smtp,
        password: alice.password,
      }).toString(),
    });
    expect(ticket.status).toBe(200);
    const token = JSON.parse(ticket.body) as Record<string, unknown>;
    expect(token).toMatchObject({ token_type: 'Bearer', ms_rtc_identityscope: 'local', expires_in: 28_799 });
    // The windows grant takes the EWS side's own sign-in instead of a password in the form.
    const windows = await call(`${base}/WebTicket/oauthtoken`, {
      method: 'POST',
      headers: { ...form, ...basic(alice) },
      body: 'grant_type=urn:microsoft.rtc:windows',
    });
    expect(windows.status).toBe(200);
    const bearer = { authorization: `Bearer ${String(token.access_token)}` };
    const user = await call(links.user!.href, { headers: bearer });
    expect(user.status).toBe(200);
    expect(JSON.parse(user.body)).toMatchObject({
      _links: { applications: { href: `${base}/ucwa/oauth/v1/applications` } },
    });
    const app = await call(`${base}/ucwa/oauth/v1/applications`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ UserAgent: 'test', EndpointId: 'e1', Culture: 'en-US' }),
    });
    expect(app.status).toBe(201);
    const om = (
      JSON.parse(app.body) as { _embedded: { onlineMeetings: { _links: Record<string, { href: string }> } } }
    )._embedded.onlineMeetings._links;
    const url = `${base}${om.myOnlineMeetings!.href}`;
    const headers = { ...bearer, 'content-type': 'application/json' };
    const r = await call(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        subject: 'Planning ✓',
        attendees: ['sip:bob@contoso.test'],
        accessLevel: 'Invited',
        automaticLeaderAssignment: 'SameEnterprise',
        lobbyBypassForPhoneUsers: 'Enabled',
        expirationTime: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    });
    expect(r.status).toBe(200);
    const m = JSON.parse(r.body) as Record<string, unknown>;
    expect(m.subject).toBe('Planning ✓');
    expect(m.accessLevel).toBe('Invited');
    expect(m.lobbyBypassForPhoneUsers).toBe('Enabled');
    expect(m.attendees).toEqual(['sip:bob@contoso.test']);
    expect(String(m.joinUrl)).toBe(`https://meet.contoso.test/alice/${String(m.onlineMeetingId)}`);
    expect(sim.control.onlineMeetings().some((x) => x.onlineMeetingId === m.onlineMeetingId)).toBe(true);
    const bad = await call(url, { method: 'POST', headers, body: JSON.stringify({ accessLevel: 'Anyone' }) });
    expect(bad.status).toBe(400);
    expect((await call(url, { method: 'POST', headers, body: '{' })).status).toBe(400);
    // Basic is the EWS side's sign-in, not UCWA's: the meeting resources want the web ticket.
    expect((await call(url, { method: 'POST', headers: { ...basic(alice) }, body: '{}' })).status).toBe(401);
    const dial = await call(`${base}${om.phoneDialInInformation!.href}`, { headers: bearer });
    expect(dial.status).toBe(200);
    expect(JSON.parse(dial.body)).toMatchObject({ rel: 'phoneDialInInformation', defaultRegion: 'Paris' });
    const one = `${url}/${String(m.onlineMeetingId)}`;
    expect((await call(one, { headers: bearer })).status).toBe(200);
    expect((await call(one, { method: 'DELETE', headers: bearer })).status).toBe(204);
    expect((await call(one, { headers: bearer })).status).toBe(404);
  });

  it('answers 404 on every UCWA path while UCWA is off', async () => {
    const base = sim.httpsUrl ?? '';
    sim.control.setUcwa(false);
    try {
      expect((await call(`${base}/autodiscover/autodiscoverservice.svc/root`)).status).toBe(404);
      expect((await call(`${base}/autodiscover/autodiscoverservice.svc/root/oauth/user`)).status).toBe(404);
      expect(
        (await call(`${base}/WebTicket/oauthtoken`, { method: 'POST', body: 'grant_type=password' })).status,
      ).toBe(404);
      expect((await call(`${base}/ucwa/oauth/v1/applications`, { method: 'POST', body: '{}' })).status).toBe(
        404,
      );
    } finally {
      sim.control.setUcwa(true);
    }
    expect((await call(`${base}/autodiscover/autodiscoverservice.svc/root`)).status).toBe(200);
  });
});

describe('persistence', () => {
  it('keeps the org and the certificate in the data folder across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-sim-'));
    try {
      const first = await startExchangeSim({ dataDir: dir, seed: 5, size: 30, httpPort: false });
      first.control.mutate((org) => {
        const p = org.people.find((x) => x.smtp === alice.smtp);
        if (p) p.title = 'Chief Persistence Officer';
      });
      const fingerprint = first.fingerprint256;
      expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      await first.close();
      const second = await startExchangeSim({ dataDir: dir, seed: 6, size: 50, httpPort: false });
      try {
        expect(second.org.people).toHaveLength(30);
        expect(second.control.person(alice.smtp)?.title).toBe('Chief Persistence Officer');
        expect(second.fingerprint256).toBe(fingerprint);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
