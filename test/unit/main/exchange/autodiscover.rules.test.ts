/**
 * Autodiscover's rules on in-memory servers: which address is tried when, what each answer
 * means, where the password may go, and which failure the user is told about. The socket-level
 * walk (TLS, real redirects) is in autodiscover.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Authenticator } from '../../../../main/exchange/auth/types';
import {
  autodiscover,
  buildGetUserSettingsRequest,
  buildPoxRequest,
  decodePoxServerVersion,
  domainOf,
  hostInDomain,
  readGetUserSettingsResponse,
  readPoxResponse,
  type AutodiscoverOptions,
  type PoxAnswer,
  type SrvRecord,
} from '../../../../main/exchange/autodiscover';
import { EwsError } from '../../../../main/exchange/errors';
import { parseXml } from '../../../../main/exchange/soap';
import type { HttpRequest } from '../../../../main/exchange/transport';
import { fakeTransport, type Reply } from './auth/fakeTransport';
import { thrown } from './thrown';

const POX_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const EWS = 'https://mail.contoso.test/EWS/Exchange.asmx';

function poxSettings(account: string, user = ''): string {
  return `<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="${POX_NS}"><User>${user}</User><Account>${account}</Account></Response></Autodiscover>`;
}
const protocol = (type: string, inner: string): string => `<Protocol><Type>${type}</Type>${inner}</Protocol>`;
const okPox = poxSettings(protocol('EXPR', `<EwsUrl>${EWS}</EwsUrl>`));
const redirect = (action: 'redirectAddr' | 'redirectUrl', target: string): string =>
  poxSettings(
    `<Action>${action}</Action><${action === 'redirectAddr' ? 'RedirectAddr' : 'RedirectUrl'}>${target}</${action === 'redirectAddr' ? 'RedirectAddr' : 'RedirectUrl'}>`,
  );
const soapSettings = (userResponse: string, top = '<ErrorCode>NoError</ErrorCode>'): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetUserSettingsResponseMessage xmlns="http://schemas.microsoft.com/exchange/2010/Autodiscover"><Response>${top}<UserResponses><UserResponse>${userResponse}</UserResponse></UserResponses></Response></GetUserSettingsResponseMessage></s:Body></s:Envelope>`;
const setting = (name: string, value: string): string =>
  `<UserSetting><Name>${name}</Name><Value>${value}</Value></UserSetting>`;

describe('addresses', () => {
  it.each<[string, string]>([
    ['adele@Contoso.TEST', 'contoso.test'],
    ['a@b@fabrikam.test', 'fabrikam.test'],
  ])('the domain of %s is %s', (email, domain) => {
    expect(domainOf(email)).toBe(domain);
  });

  it.each(['adele', '@contoso.test', 'adele@', ''])('%j is not a complete address', (email) => {
    expect(thrown(() => domainOf(email))).toMatchObject({
      kind: 'bad-input',
      code: 'InvalidEmail',
      message: 'Enter a complete e-mail address, like name@example.com.',
    });
  });

  it.each<[string, boolean]>([
    ['contoso.test', true],
    ['mail.contoso.test', true],
    ['Mail.Contoso.Test.', true],
    ['a.b.contoso.test', true],
    ['evilcontoso.test', false],
    ['contoso.test.evil.test', false],
    ['fabrikam.test', false],
  ])('%s in contoso.test: %s', (host, inside) => {
    expect(hostInDomain(host, 'contoso.test')).toBe(inside);
  });

  it.each<[string, string | undefined]>([
    ['73C18880', '15.1.2176'],
    ['7FFFFFFF', '63.63.32767'],
    ['0', undefined],
    ['-10', undefined],
    ['zz', undefined],
  ])('POX ServerVersion %s is %s', (hex, version) => {
    expect(decodePoxServerVersion(hex)).toBe(version);
  });
});

describe('requests', () => {
  it('POX: the address (escaped) and the response schema asked for', () => {
    const root = parseXml(buildPoxRequest('a&b@contoso.test'));
    expect(root.attrs).toEqual({});
    expect(root.children[0]!.children.map((c) => [c.name, c.text])).toEqual([
      ['EMailAddress', 'a&b@contoso.test'],
      ['AcceptableResponseSchema', POX_NS],
    ]);
    expect(buildPoxRequest('x@y').startsWith('<?xml version="1.0" encoding="utf-8"?><Autodiscover ')).toBe(
      true,
    );
  });

  it('SOAP: addressed to the URL, for the mailbox, asking for the five settings', () => {
    const xml = buildGetUserSettingsRequest(
      'https://contoso.test/autodiscover/autodiscover.svc',
      'adele@contoso.test',
    );
    const root = parseXml(xml);
    expect(xml).toContain(
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://schemas.microsoft.com/exchange/2010/Autodiscover" xmlns:wsa="http://www.w3.org/2005/08/addressing">',
    );
    const header = root.children[0]!;
    expect(header.children.map((c) => [c.name, c.text])).toEqual([
      ['RequestedServerVersion', 'Exchange2013'],
      ['Action', 'http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings'],
      ['To', 'https://contoso.test/autodiscover/autodiscover.svc'],
    ]);
    expect(xml).toContain('<a:Mailbox>adele@contoso.test</a:Mailbox>');
    expect(xml.match(/<a:Setting>(\w+)<\/a:Setting>/g)).toEqual([
      '<a:Setting>UserDisplayName</a:Setting>',
      '<a:Setting>ExternalEwsUrl</a:Setting>',
      '<a:Setting>InternalEwsUrl</a:Setting>',
      '<a:Setting>CasVersion</a:Setting>',
      '<a:Setting>EwsSupportedSchemas</a:Setting>',
    ]);
  });
});

describe('reading POX', () => {
  it.each<[string, string, PoxAnswer]>([
    [
      'EXPR over EXCH',
      poxSettings(
        protocol('EXCH', '<EwsUrl>https://in/EWS</EwsUrl><ServerVersion>73C18880</ServerVersion>') +
          protocol('EXPR', '<EwsUrl> https://out/EWS </EwsUrl>'),
        '<DisplayName> Adele\u200B  Vance </DisplayName><AutoDiscoverSMTPAddress> adele@contoso.test </AutoDiscoverSMTPAddress>',
      ),
      {
        action: 'settings',
        ewsUrl: 'https://out/EWS',
        displayName: 'Adele Vance',
        smtp: 'adele@contoso.test',
        serverVersion: '15.1.2176',
      },
    ],
    [
      'EXCH when EXPR has no EWS URL',
      poxSettings(
        protocol('EXPR', '<EwsUrl> </EwsUrl>') + protocol('EXCH', '<EwsUrl>https://in/EWS</EwsUrl>'),
      ),
      { action: 'settings', ewsUrl: 'https://in/EWS' },
    ],
    [
      'any protocol with an EWS URL, else',
      poxSettings(protocol('WEB', '') + protocol('X', '<EwsUrl>https://any/EWS</EwsUrl>')),
      { action: 'settings', ewsUrl: 'https://any/EWS' },
    ],
    [
      'the server version from EXCH only, when it decodes',
      poxSettings(
        protocol('EXPR', '<ServerVersion>73C18880</ServerVersion>') +
          protocol('EXCH', '<ServerVersion>zz</ServerVersion>'),
        '<DisplayName>  </DisplayName>',
      ),
      { action: 'settings' },
    ],
    ['no Response: an error without a code', '<Autodiscover/>', { action: 'error' }],
    [
      'an Error: its code and message, trimmed',
      `<Autodiscover><Response><Error><ErrorCode> 500 </ErrorCode><Message> Not found </Message></Error></Response></Autodiscover>`,
      { action: 'error', code: '500', message: 'Not found' },
    ],
    [
      'an Error with nothing in it',
      `<Autodiscover><Response><Error><ErrorCode> </ErrorCode></Error></Response></Autodiscover>`,
      { action: 'error' },
    ],
    [
      'redirectAddr without an address',
      poxSettings('<Action> redirectAddr </Action>'),
      { action: 'redirectAddr', address: '' },
    ],
    [
      'redirectUrl, trimmed',
      poxSettings('<Action>redirectUrl</Action><RedirectUrl> https://x/a.xml </RedirectUrl>'),
      { action: 'redirectUrl', url: 'https://x/a.xml' },
    ],
    [
      'redirectUrl without a URL',
      poxSettings('<Action>redirectUrl</Action>'),
      { action: 'redirectUrl', url: '' },
    ],
    [
      'redirectAddr, trimmed',
      poxSettings('<Action>redirectAddr</Action><RedirectAddr> b@fabrikam.test </RedirectAddr>'),
      { action: 'redirectAddr', address: 'b@fabrikam.test' },
    ],
    [
      'protocol types and EWS URLs written with spaces; a protocol without a type passed over',
      poxSettings(
        protocol('WEB', '<EwsUrl>https://web/EWS</EwsUrl>').replace('<Type>WEB</Type>', '') +
          protocol(' EXCH ', '<EwsUrl> https://in/EWS </EwsUrl>'),
      ),
      { action: 'settings', ewsUrl: 'https://in/EWS' },
    ],
    [
      'EXCH’s URL over that of a protocol listed before it',
      poxSettings(
        protocol('WEB', '<EwsUrl>https://web/EWS</EwsUrl>') +
          protocol('EXCH', '<EwsUrl>https://in/EWS</EwsUrl>'),
      ),
      { action: 'settings', ewsUrl: 'https://in/EWS' },
    ],
    [
      'any protocol’s EWS URL, trimmed',
      poxSettings(protocol('X', '<EwsUrl> https://any/EWS </EwsUrl>')),
      { action: 'settings', ewsUrl: 'https://any/EWS' },
    ],
  ])('%s', (_w, xml, expected) => {
    expect(readPoxResponse(parseXml(xml))).toStrictEqual(expected);
  });

  it('refuses an answer that is not Autodiscover', () => {
    expect(thrown(() => readPoxResponse(parseXml('<html/>')))).toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
      message: 'The autodiscover answer is not valid.',
    });
  });
});

describe('reading SOAP GetUserSettings', () => {
  it.each<[string, string, PoxAnswer]>([
    [
      'External over Internal, the display name cleaned, the CAS version',
      soapSettings(
        `<ErrorCode>NoError</ErrorCode><UserSettings>${setting('InternalEwsUrl', 'https://in/EWS')}${setting('ExternalEwsUrl', ' https://out/EWS ')}${setting('UserDisplayName', 'Adele  Vance')}${setting('CasVersion', '15.1.2507.6')}</UserSettings>`,
      ),
      {
        action: 'settings',
        ewsUrl: 'https://out/EWS',
        displayName: 'Adele Vance',
        serverVersion: '15.1.2507.6',
      },
    ],
    [
      'Internal when there is no External, a setting without a value skipped',
      soapSettings(
        `<UserSettings>${setting('InternalEwsUrl', 'https://in/EWS')}${setting('ExternalEwsUrl', ' ')}<UserSetting><Name>UserDisplayName</Name></UserSetting></UserSettings>`,
      ),
      { action: 'settings', ewsUrl: 'https://in/EWS' },
    ],
    [
      'a user redirected to another address',
      soapSettings(
        '<ErrorCode>RedirectAddress</ErrorCode><RedirectTarget> b@fabrikam.test </RedirectTarget>',
      ),
      { action: 'redirectAddr', address: 'b@fabrikam.test' },
    ],
    [
      'a user redirected to another URL',
      soapSettings('<ErrorCode>RedirectUrl</ErrorCode><RedirectTarget>https://x/a.svc</RedirectTarget>'),
      { action: 'redirectUrl', url: 'https://x/a.svc' },
    ],
    [
      'a redirect without a target',
      soapSettings('<ErrorCode>RedirectUrl</ErrorCode>'),
      { action: 'redirectUrl', url: '' },
    ],
    [
      "a user's error, with its message",
      soapSettings('<ErrorCode>InvalidUser</ErrorCode><ErrorMessage> No such user </ErrorMessage>'),
      { action: 'error', code: 'InvalidUser', message: 'No such user' },
    ],
    [
      "a user's error without a message",
      soapSettings('<ErrorCode>InvalidUser</ErrorCode><ErrorMessage> </ErrorMessage>'),
      { action: 'error', code: 'InvalidUser' },
    ],
    [
      'an error for the whole request',
      soapSettings('', '<ErrorCode>InvalidRequest</ErrorCode><ErrorMessage> Bad </ErrorMessage>'),
      { action: 'error', code: 'InvalidRequest', message: 'Bad' },
    ],
    ['no Response at all', '<Envelope><Body><Other/></Body></Envelope>', { action: 'error' }],
    [
      'codes and setting names written with spaces',
      soapSettings(
        `<ErrorCode> NoError </ErrorCode><UserSettings>${setting(' ExternalEwsUrl ', 'https://out/EWS')}</UserSettings>`,
        '<ErrorCode> NoError </ErrorCode>',
      ),
      { action: 'settings', ewsUrl: 'https://out/EWS' },
    ],
    [
      "a user's error with no message element",
      soapSettings('<ErrorCode>InvalidUser</ErrorCode>'),
      { action: 'error', code: 'InvalidUser' },
    ],
    [
      'a user with no settings at all',
      soapSettings('<ErrorCode>NoError</ErrorCode>'),
      { action: 'settings' },
    ],
  ])('%s', (_w, xml, expected) => {
    expect(readGetUserSettingsResponse(parseXml(xml))).toStrictEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

type Route = (req: HttpRequest) => Reply | Promise<Reply> | Promise<never>;

/**
 * Servers by URL (origin + path; POSTs through the authenticator, GETs through the transport):
 * an unknown URL refuses the connection. Each request is logged as `METHOD url`.
 */
function servers(routes: Record<string, Route>, more: Partial<AutodiscoverOptions> = {}) {
  const log: string[] = [];
  const requests: HttpRequest[] = [];
  const answer = (req: HttpRequest): Reply | Promise<Reply> | Promise<never> => {
    log.push(`${req.method ?? 'GET'} ${req.url}`);
    requests.push(req);
    const route = routes[req.url];
    if (!route) return Promise.reject(new EwsError('network', 'refused', { code: 'ECONNREFUSED' }));
    return route(req);
  };
  const transport = fakeTransport(answer);
  const posts = fakeTransport(answer);
  const auth: Authenticator = {
    scheme: 'Basic',
    send: (req) => posts.request(req),
    close: () => Promise.resolve(),
  };
  const attempts: string[] = [];
  const run = (email = 'adele@contoso.test', options: Partial<AutodiscoverOptions> = {}) =>
    autodiscover({
      email,
      auth,
      transport,
      resolveSrv: () => Promise.reject(Object.assign(new Error('no'), { code: 'ENOTFOUND' })),
      onAttempt: (a) => attempts.push(`${a.step} ${a.url} → ${a.outcome}`),
      ...more,
      ...options,
    });
  return { run, log, attempts, requests, posts };
}

const D = 'https://contoso.test/autodiscover/autodiscover.xml';
const A = 'https://autodiscover.contoso.test/autodiscover/autodiscover.xml';
const H = 'http://autodiscover.contoso.test/autodiscover/autodiscover.xml';
const body =
  (xml: string): Route =>
  () => ({ status: 200, body: xml });
const status =
  (n: number, headers?: Record<string, string>): Route =>
  () => ({ status: n, ...(headers ? { headers } : {}) });

async function failure(p: Promise<unknown>): Promise<EwsError> {
  const e = await p.then(
    () => new Error('found'),
    (x: unknown) => x,
  );
  if (e instanceof EwsError) return e;
  throw e;
}

describe('the walk', () => {
  it('tries the domain, autodiscover.<domain>, the http redirect and SRV, in that order', async () => {
    const s = servers({});
    const e = await failure(s.run(' Adele@Contoso.test '));
    expect(s.log).toEqual([
      `POST ${D}`,
      `POST ${D.replace('.xml', '.svc')}`,
      `POST ${A}`,
      `POST ${A.replace('.xml', '.svc')}`,
      `GET ${H}`,
    ]);
    expect(s.attempts).toEqual([
      `domain ${D} → network: ECONNREFUSED`,
      `soap ${D.replace('.xml', '.svc')} → network: ECONNREFUSED`,
      `autodiscover-host ${A} → network: ECONNREFUSED`,
      `soap ${A.replace('.xml', '.svc')} → network: ECONNREFUSED`,
      `http-redirect ${H} → network: ECONNREFUSED`,
      'srv _autodiscover._tcp.contoso.test → no record (ENOTFOUND)',
    ]);
    expect(e).toMatchObject({ kind: 'not-found', code: 'AutodiscoverFailed' });
    expect(e.message).toContain('for contoso.test.');
  });

  it('sends the address (trimmed) with the POX headers, the timeout and the signal', async () => {
    const s = servers({ [D]: body(okPox) });
    const signal = new AbortController().signal;
    const r = await s.run(' adele@contoso.test ', { timeoutMs: 5000, signal });
    expect(r).toStrictEqual({
      ewsUrl: EWS,
      smtp: 'adele@contoso.test',
      via: { step: 'domain', url: D, protocol: 'pox' },
      attempts: [{ step: 'domain', url: D, outcome: 'settings' }],
    });
    expect(s.requests[0]).toMatchObject({
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        accept: 'text/xml',
        'x-anchormailbox': 'adele@contoso.test',
      },
      signal,
      timeoutMs: 5000,
    });
    expect(s.requests[0]!.headers).not.toHaveProperty('soapaction');
    expect(String(s.requests[0]!.body)).toContain('<EMailAddress>adele@contoso.test</EMailAddress>');
  });

  it('sends no timeout and no signal it was not given', async () => {
    const s = servers({ [D]: body(okPox) });
    await s.run();
    expect(s.requests[0]).not.toHaveProperty('signal');
    expect(s.requests[0]).not.toHaveProperty('timeoutMs');
  });

  it('takes the display name, address and version the server gives', async () => {
    const s = servers({
      [D]: body(
        poxSettings(
          protocol('EXCH', `<EwsUrl>${EWS}</EwsUrl><ServerVersion>73C18880</ServerVersion>`),
          '<DisplayName>Adele Vance</DisplayName><AutoDiscoverSMTPAddress>adele.vance@contoso.test</AutoDiscoverSMTPAddress>',
        ),
      ),
    });
    expect(await s.run()).toMatchObject({
      displayName: 'Adele Vance',
      smtp: 'adele.vance@contoso.test',
      serverVersion: '15.1.2176',
    });
  });

  it('asks SOAP with its SOAPAction where POX gives settings without an EWS URL', async () => {
    const svc = D.replace('.xml', '.svc');
    const s = servers({
      [D]: body(poxSettings(protocol('EXCH', ''))),
      [svc]: body(soapSettings(`<UserSettings>${setting('ExternalEwsUrl', EWS)}</UserSettings>`)),
    });
    const r = await s.run();
    expect(r.via).toEqual({ step: 'domain', url: svc, protocol: 'soap' });
    expect(s.requests[1]!.headers).toMatchObject({
      soapaction: '"http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings"',
    });
    expect(String(s.requests[1]!.body)).toContain(`<wsa:To>${svc}</wsa:To>`);
    expect(r.attempts.map((a) => `${a.step} ${a.outcome}`)).toEqual(['domain settings', 'soap settings']);
  });

  it.each<[string, Partial<AutodiscoverOptions>, Record<string, Route>]>([
    ['when turned off', { soapFallback: false }, { [D]: status(404) }],
    ['after a refused password', {}, { [D]: status(401) }],
    ['after a forbidden answer', {}, { [D]: status(403) }],
    [
      'after a certificate refusal',
      {},
      { [D]: () => Promise.reject(new EwsError('tls', 'untrusted', { code: 'SELF_SIGNED_CERT_IN_CHAIN' })) },
    ],
  ])('does not try SOAP %s', async (_w, options, routes) => {
    const s = servers(routes, options);
    await failure(s.run());
    expect(s.log.filter((l) => l.endsWith('.svc'))).toEqual([]);
  });

  it('the SOAP answer is used only when it settles something', async () => {
    const s = servers({ [D]: body(poxSettings(protocol('EXCH', ''))), [A]: body(okPox) });
    const r = await s.run();
    expect(r.via).toEqual({ step: 'autodiscover-host', url: A, protocol: 'pox' });
  });

  it.each<[string, Route, string]>([
    ['an HTTP error', status(500), 'HTTP 500'],
    ['an answer that is not XML', body('<html'), 'server: MalformedResponse'],
    [
      'an error answer',
      body(
        `<Autodiscover><Response><Error><ErrorCode>600</ErrorCode><Message>Invalid request</Message></Error></Response></Autodiscover>`,
      ),
      'error: 600 Invalid request',
    ],
    ['an error answer with no words', body('<Autodiscover/>'), 'error:'],
  ])('records %s and goes on', async (_w, route, outcome) => {
    const s = servers({ [D]: route, [A]: body(okPox) });
    const r = await s.run('adele@contoso.test', { soapFallback: false });
    expect(r.attempts[0]).toEqual({ step: 'domain', url: D, outcome });
    expect(r.via.step).toBe('autodiscover-host');
    expect(s.posts.responses[0]!.discarded).toBe(outcome.startsWith('HTTP'));
  });

  it.each<[number, string]>([
    [401, 'HTTP401'],
    [403, 'HTTP403'],
  ])('an HTTP %i everywhere ends as a wrong password', async (n, code) => {
    const s = servers({ [D]: status(n), [A]: status(n) });
    expect(await failure(s.run())).toMatchObject({
      kind: 'auth',
      code,
      httpStatus: n,
      message: 'The user name or password is incorrect.',
    });
  });

  it('an HTTP 404 everywhere is "not found", not a wrong password', async () => {
    const s = servers({ [D]: status(404), [A]: status(404) });
    expect(await failure(s.run())).toMatchObject({ kind: 'not-found', code: 'AutodiscoverFailed' });
  });

  it('a certificate refusal is told over "not found", a wrong password over both', async () => {
    const tls = (): Promise<never> =>
      Promise.reject(new EwsError('tls', 'untrusted', { code: 'CERT_HAS_EXPIRED' }));
    expect(await failure(servers({ [D]: tls }).run())).toMatchObject({
      kind: 'tls',
      code: 'CERT_HAS_EXPIRED',
    });
    expect(await failure(servers({ [D]: tls, [A]: status(401) }).run())).toMatchObject({
      kind: 'auth',
      code: 'HTTP401',
    });
  });

  it.each<[string, EwsError]>([
    ['a cancelled request', new EwsError('network', 'cancelled', { code: 'ABORTED' })],
    ['Basic refused over http', new EwsError('auth', 'insecure', { code: 'InsecureBasic' })],
  ])('stops at once on %s', async (_w, err) => {
    const s = servers({ [D]: () => Promise.reject(err) });
    expect(await failure(s.run())).toBe(err);
    expect(s.log).toHaveLength(1);
  });

  it('does not start once cancelled', async () => {
    const s = servers({ [D]: body(okPox) });
    expect(await failure(s.run('adele@contoso.test', { signal: AbortSignal.abort() }))).toMatchObject({
      kind: 'network',
      code: 'ABORTED',
      message: 'The request was cancelled.',
    });
    expect(s.log).toEqual([]);
  });

  it('a cancelled http redirect GET stops the walk', async () => {
    const s = servers({
      [H]: () => Promise.reject(new EwsError('network', 'cancelled', { code: 'ABORTED' })),
    });
    expect(await failure(s.run())).toMatchObject({ code: 'ABORTED' });
    expect(s.attempts.some((a) => a.startsWith('srv'))).toBe(false);
  });
});

describe('redirections', () => {
  it('redirectAddr starts again with the new address, whose domain is then trusted', async () => {
    const s = servers({
      [D]: body(redirect('redirectAddr', 'adele@fabrikam.test')),
      'https://fabrikam.test/autodiscover/autodiscover.xml': body(
        redirect('redirectUrl', 'https://mail.fabrikam.test/autodiscover/autodiscover.xml'),
      ),
      'https://mail.fabrikam.test/autodiscover/autodiscover.xml': body(okPox),
    });
    const r = await s.run();
    expect(r).toMatchObject({ smtp: 'adele@fabrikam.test', via: { step: 'redirect-url' } });
    expect(s.requests.map((q) => q.headers?.['x-anchormailbox'])).toEqual([
      'adele@contoso.test',
      'adele@fabrikam.test',
      'adele@fabrikam.test',
    ]);
  });

  it('a redirectAddr that is not an address is passed over', async () => {
    const s = servers({ [D]: body(redirect('redirectAddr', 'nobody')), [A]: body(okPox) });
    expect((await s.run()).via.step).toBe('autodiscover-host');
  });

  it('a redirectUrl that is not https is refused and nothing is sent there', async () => {
    const s = servers({ [D]: body(redirect('redirectUrl', 'http://contoso.test/a.xml')), [A]: body(okPox) });
    const r = await s.run();
    expect(r.attempts[1]).toEqual({
      step: 'redirect-url',
      url: 'http://contoso.test/a.xml',
      outcome: 'refused: not https',
    });
    expect(s.log).not.toContain('POST http://contoso.test/a.xml');
  });

  it('a redirectUrl with https only further on is refused', async () => {
    const sneaky = 'http://mail.contoso.test/a.xml?https://x';
    const s = servers({ [D]: body(redirect('redirectUrl', sneaky)), [sneaky]: body(okPox) });
    await failure(s.run());
    expect(s.attempts).toContain(`redirect-url ${sneaky} → refused: not https`);
    expect(s.log).not.toContain(`POST ${sneaky}`);
  });

  it('a redirectUrl whose POX is not served is asked over SOAP', async () => {
    const out = 'https://mail.contoso.test/autodiscover/autodiscover.xml';
    const svc = out.replace('.xml', '.svc');
    const s = servers({
      [D]: body(redirect('redirectUrl', out)),
      [out]: status(404),
      [svc]: body(soapSettings(`<UserSettings>${setting('ExternalEwsUrl', EWS)}</UserSettings>`)),
    });
    expect((await s.run()).via).toStrictEqual({ step: 'redirect-url', url: svc, protocol: 'soap' });
  });

  it('an https redirectUrl in capitals is followed', async () => {
    const s = servers({
      [D]: body(redirect('redirectUrl', 'HTTPS://mail.contoso.test/autodiscover/autodiscover.xml')),
      'HTTPS://mail.contoso.test/autodiscover/autodiscover.xml': body(okPox),
    });
    const r = await s.run();
    expect(r.via.step).toBe('redirect-url');
  });

  it.each<[number | undefined, number]>([
    [undefined, 11],
    [2, 3],
    [0, 1],
  ])('with maxHops %s, %i requests before giving up', async (maxHops, posts) => {
    const s = servers({ [D]: body(redirect('redirectUrl', D)) }, maxHops === undefined ? {} : { maxHops });
    const e = await failure(s.run());
    expect(e).toMatchObject({ kind: 'server', code: 'AutodiscoverTooManyRedirects' });
    expect(e.message).toContain(`after ${maxHops ?? 10} redirections`);
    expect(s.log).toHaveLength(posts);
  });

  it('asks once per host outside the domain, and says why', async () => {
    const asked: unknown[] = [];
    const out = 'https://mail.fabrikam.test/autodiscover/autodiscover.xml';
    const s = servers(
      {
        [D]: body(redirect('redirectUrl', out)),
        [out]: body(redirect('redirectUrl', `${out}?2`)),
        [`${out}?2`]: body(okPox),
      },
      { confirmRedirect: (q) => (asked.push(q), Promise.resolve(true)) },
    );
    expect((await s.run()).via).toEqual({ step: 'redirect-url', url: `${out}?2`, protocol: 'pox' });
    expect(asked).toEqual([{ host: 'mail.fabrikam.test', url: out, reason: 'redirect-url' }]);
  });

  it('without anyone to ask, a host outside the domain is refused and nothing is sent there', async () => {
    const out = 'https://mail.fabrikam.test/autodiscover/autodiscover.xml';
    const s = servers({ [D]: body(redirect('redirectUrl', out)), [out]: body(okPox) });
    expect(await failure(s.run())).toMatchObject({ code: 'AutodiscoverRedirectRefused' });
    expect(s.log).not.toContain(`POST ${out}`);
  });

  it('works without an attempt listener', async () => {
    const s = servers({ [D]: body(okPox) });
    expect((await s.run('adele@contoso.test', { onAttempt: undefined })).ewsUrl).toBe(EWS);
  });

  it('a refused host is reported with the domain, and the user is told where it pointed', async () => {
    const out = 'https://Mail.Fabrikam.test/autodiscover/autodiscover.xml';
    const s = servers(
      { [D]: body(redirect('redirectUrl', out)) },
      { confirmRedirect: () => Promise.resolve(false) },
    );
    const e = await failure(s.run());
    expect(e).toMatchObject({
      kind: 'auth',
      code: 'AutodiscoverRedirectRefused',
      redirectHost: 'mail.fabrikam.test',
    });
    expect(e.message).toContain('pointed to mail.fabrikam.test, which is outside contoso.test');
    expect(s.attempts).toContain(`redirect-url ${out} → refused: mail.fabrikam.test is outside contoso.test`);
  });
});

describe('the http redirect', () => {
  it.each<[string, Reply, string]>([
    ['not a redirect', { status: 200 }, 'HTTP 200'],
    ['a redirect without a Location', { status: 302 }, 'HTTP 302'],
    [
      'a redirect to http',
      { status: 301, headers: { location: 'http://mail.contoso.test/a.xml' } },
      'refused: redirect is not https',
    ],
    [
      'a relative redirect (stays on http)',
      { status: 307, headers: { location: '/other.xml' } },
      'refused: redirect is not https',
    ],
  ])('%s is not followed', async (_w, reply, outcome) => {
    const s = servers({ [H]: () => reply });
    await failure(s.run());
    expect(s.attempts).toContain(`http-redirect ${H} → ${outcome}`);
    expect(s.log.filter((l) => l.startsWith('GET'))).toEqual([`GET ${H}`]);
  });

  it.each([301, 302, 303, 307, 308])(
    'a %i to https inside the domain is followed, POX only',
    async (code) => {
      const target = 'https://mail.contoso.test/autodiscover/autodiscover.xml';
      const s = servers({
        [H]: () => ({ status: code, headers: { location: target } }),
        [target]: status(404),
      });
      await failure(s.run());
      expect(s.attempts).toContain(`http-redirect ${H} → redirect to https://mail.contoso.test`);
      expect(s.log.slice(-1)).toEqual([`POST ${target}`]);
      expect(s.requests.find((q) => q.method === 'GET')).toEqual({ url: H, method: 'GET' });
    },
  );

  it('a redirect target that answers ends the walk there, found by the http redirect', async () => {
    const target = 'https://mail.contoso.test/autodiscover/autodiscover.xml';
    const asked: string[] = [];
    const s = servers(
      { [H]: () => ({ status: 302, headers: { location: target } }), [target]: body(okPox) },
      {
        resolveSrv: (name) => (asked.push(name), Promise.resolve([])),
      },
    );
    const r = await s.run();
    expect(r.via).toStrictEqual({ step: 'http-redirect', url: target, protocol: 'pox' });
    expect(asked).toStrictEqual([]);
  });

  it('a redirect target that gives nothing leaves the walk to SRV', async () => {
    const target = 'https://mail.contoso.test/autodiscover/autodiscover.xml';
    const srv = 'https://srv.contoso.test/autodiscover/autodiscover.xml';
    const s = servers(
      {
        [H]: () => ({ status: 302, headers: { location: target } }),
        [target]: status(404),
        [srv]: body(okPox),
      },
      {
        resolveSrv: () => Promise.resolve([{ name: 'srv.contoso.test', port: 443, priority: 0, weight: 0 }]),
      },
    );
    expect((await s.run()).via).toStrictEqual({ step: 'srv', url: srv, protocol: 'pox' });
  });

  it('sends its GET with the timeout and signal given', async () => {
    const signal = new AbortController().signal;
    const s = servers({ [H]: status(404) });
    await failure(s.run('adele@contoso.test', { signal, timeoutMs: 100 }));
    expect(s.requests.find((q) => q.method === 'GET')).toEqual({
      url: H,
      method: 'GET',
      signal,
      timeoutMs: 100,
    });
  });
});

describe('SRV', () => {
  const records = (recs: SrvRecord[]) => () => Promise.resolve(recs);
  it('tries the targets by priority, then by weight (heaviest first), with their ports', async () => {
    const s = servers(
      {},
      {
        resolveSrv: records([
          { name: 'c.contoso.test', port: 443, priority: 10, weight: 0 },
          { name: 'b.contoso.test.', port: 8443, priority: 0, weight: 1 },
          { name: 'a.contoso.test', port: 0, priority: 0, weight: 5 },
          { name: '', port: 443, priority: 0, weight: 9 },
        ]),
      },
    );
    await failure(s.run());
    expect(s.attempts.filter((a) => a.endsWith('no record'))).toStrictEqual([]);
    expect(s.log.filter((l) => /^POST https:\/\/[abc]\./.test(l))).toEqual([
      'POST https://a.contoso.test/autodiscover/autodiscover.xml',
      'POST https://b.contoso.test:8443/autodiscover/autodiscover.xml',
      'POST https://c.contoso.test/autodiscover/autodiscover.xml',
    ]);
  });

  it('asks before using a target outside the domain, and skips it when refused', async () => {
    const asked: string[] = [];
    const s = servers(
      { 'https://b.contoso.test/autodiscover/autodiscover.xml': body(okPox) },
      {
        resolveSrv: records([
          { name: 'a.fabrikam.test', port: 443, priority: 0, weight: 0 },
          { name: 'b.contoso.test', port: 443, priority: 1, weight: 0 },
        ]),
        confirmRedirect: (q) => (asked.push(`${q.reason} ${q.host}`), Promise.resolve(false)),
      },
    );
    expect((await s.run()).via).toEqual({
      step: 'srv',
      url: 'https://b.contoso.test/autodiscover/autodiscover.xml',
      protocol: 'pox',
    });
    expect(asked).toEqual(['srv a.fabrikam.test']);
    expect(s.log.some((l) => l.includes('fabrikam'))).toBe(false);
  });

  it.each<[string, AutodiscoverOptions['resolveSrv'], string]>([
    ['no records', () => Promise.resolve([]), 'no record'],
    [
      'only records without a name',
      () => Promise.resolve([{ name: '', port: 443, priority: 0, weight: 0 }]),
      'no record',
    ],
    ['a lookup failure without a code', () => Promise.reject(new Error('x')), 'no record (error)'],
  ])('%s is recorded', async (_w, resolveSrv, outcome) => {
    const s = servers({}, { resolveSrv });
    await failure(s.run());
    expect(s.attempts.slice(-1)).toEqual([`srv _autodiscover._tcp.contoso.test → ${outcome}`]);
  });
});
