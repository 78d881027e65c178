/** Discovery order, the MsRtcOAuth challenge, which links may receive secrets, and HTTP → error kinds. */
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../../main/exchange/errors';
import {
  checkedLink,
  discoveryUrls,
  domainOf,
  parseMsRtcOAuth,
  ucwaHttpError,
} from '../../../../../main/exchange/ucwa';
import { tokenError, unavailable } from '../../../../../main/exchange/ucwa/rules';

describe('discoveryUrls', () => {
  it('internal, external, then the EWS origin', () => {
    expect(discoveryUrls('Contoso.com', 'https://mail.contoso.com/EWS/Exchange.asmx')).toEqual([
      'https://lyncdiscoverinternal.contoso.com/',
      'https://lyncdiscover.contoso.com/',
      'https://mail.contoso.com/autodiscover/autodiscoverservice.svc/root',
    ]);
  });
  it('without a usable EWS URL, only the two DNS names', () => {
    expect(discoveryUrls('contoso.com', 'not a url')).toHaveLength(2);
  });
  it.each([
    ['jean@contoso.com', 'contoso.com'],
    ['sip:Jean@Contoso.COM', 'contoso.com'],
    ['no-domain', ''],
  ])('domainOf(%s) = %s', (address, domain) => {
    expect(domainOf(address)).toBe(domain);
  });
});

describe('parseMsRtcOAuth', () => {
  const GRANTS = ['urn:microsoft.rtc:windows', 'urn:microsoft.rtc:anonmeeting', 'password'];
  it.each([
    [
      'the documentation’s form (href unquoted)',
      [
        'MsRtcOAuth href=https://contoso.com/WebTicket/oauthtoken,grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"',
      ],
      'https://contoso.com/WebTicket/oauthtoken',
      GRANTS,
    ],
    [
      'Bearer and MsRtcOAuth as two headers',
      [
        'Bearer trusted_issuers="", client_id="00000004-0000-0ff1-ce00-000000000000"',
        'MsRtcOAuth href="https://lyncweb.contoso.com/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"',
      ],
      'https://lyncweb.contoso.com/WebTicket/oauthtoken',
      GRANTS,
    ],
    [
      'both folded into one header',
      [
        'Bearer trusted_issuers="", client_id="00000004-0000-0ff1-ce00-000000000000", MsRtcOAuth href="https://lyncweb.contoso.com/WebTicket/oauthtoken",grant_type="password"',
      ],
      'https://lyncweb.contoso.com/WebTicket/oauthtoken',
      ['password'],
    ],
    [
      'spaces after commas, any case',
      ['msrtcoauth  href="https://x.contoso.com/t" , grant_type="password"'],
      'https://x.contoso.com/t',
      ['password'],
    ],
  ])('%s', (_name, values, href, grantTypes) => {
    expect(parseMsRtcOAuth(values)).toEqual({ href, grantTypes });
  });
  it.each([
    ['no MsRtcOAuth', ['NTLM', 'Basic realm="mail.contoso.com"']],
    ['MsRtcOAuth without href', ['MsRtcOAuth grant_type="password"']],
    ['a scheme that merely contains the word', ['XMsRtcOAuthX href="https://x/"']],
    ['nothing', []],
  ])('%s → undefined', (_name, values) => {
    expect(parseMsRtcOAuth(values)).toBeUndefined();
  });
});

describe('checkedLink: who may receive the password or the ticket', () => {
  const policy = {
    sipDomain: 'contoso.com',
    trustedHosts: ['lyncdiscover.contoso.com', 'mail.fabrikam.com'],
  };
  const base = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications';
  it.each([
    [
      'a relative link, resolved on its resource',
      '/ucwa/oauth/v1/applications/105',
      'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105',
    ],
    [
      'a host in the SIP domain',
      'https://pool2.contoso.com/WebTicket/oauthtoken',
      'https://pool2.contoso.com/WebTicket/oauthtoken',
    ],
    [
      'a trusted host outside it (the EWS server)',
      'https://mail.fabrikam.com/x',
      'https://mail.fabrikam.com/x',
    ],
  ])('accepts %s', (_name, href, out) => {
    expect(checkedLink(href, base, policy, 'the link')).toBe(out);
  });
  it.each([
    ['another domain', 'https://evil.example/WebTicket/oauthtoken'],
    ['a look-alike suffix', 'https://evilcontoso.com/token'],
    ['plain http', 'http://lyncweb.contoso.com/token'],
    ['javascript:', 'javascript:alert(1)'],
    ['user info', 'https://user:pw@lyncweb.contoso.com/token'],
  ])('refuses %s', (_name, href) => {
    expect(() => checkedLink(href, base, policy, 'the sign-in')).toThrow(
      expect.objectContaining({ kind: 'server', code: 'UcwaUntrustedLink' }) as Error,
    );
  });
  it('http only to loopback, and only when allowed (demo over http)', () => {
    const demo = { sipDomain: 'contoso.test', trustedHosts: ['127.0.0.1'] };
    expect(() => checkedLink('http://127.0.0.1:8080/t', 'http://127.0.0.1:8080/', demo, 'x')).toThrow(
      EwsError,
    );
    expect(
      checkedLink(
        'http://127.0.0.1:8080/t',
        'http://127.0.0.1:8080/',
        { ...demo, allowHttpLoopback: true },
        'x',
      ),
    ).toBe('http://127.0.0.1:8080/t');
  });
});

describe('ucwaHttpError', () => {
  it.each([
    [401, undefined, 'auth', 'UcwaHTTP401'],
    [403, { code: 'Forbidden' }, 'auth', 'UcwaForbidden'],
    [404, { code: 'NotFound' }, 'not-found', 'UcwaNotFound'],
    [410, undefined, 'not-found', 'UcwaHTTP410'],
    [429, undefined, 'throttled', 'UcwaHTTP429'],
    [503, { code: 'ServiceFailure' }, 'throttled', 'UcwaServiceFailure'],
    [
      400,
      { code: 'BadRequest', subcode: 'InvalidRequestBody' },
      'bad-input',
      'UcwaBadRequest.InvalidRequestBody',
    ],
    [409, { code: 'Conflict', subcode: 'has spaces <b>' }, 'bad-input', 'UcwaConflict'],
    [500, { code: '<script>' }, 'server', 'UcwaHTTP500'],
  ] as const)('HTTP %i %j → %s / %s', (status, body, kind, code) => {
    const err = ucwaHttpError(status, body);
    expect(err.kind).toBe(kind);
    expect(err.code).toBe(code);
    expect(err.message).toContain(`HTTP ${status}`);
  });
  it('keeps Retry-After and keeps the server’s words out of the message', () => {
    const err = ucwaHttpError(503, { code: 'ServiceFailure', message: 'pool01 is draining' }, 7000);
    expect(err.retryAfterMs).toBe(7000);
    expect(err.message).not.toContain('pool01');
    expect(err.serverText).toBe('pool01 is draining');
  });
});

describe('tokenError', () => {
  it.each([
    [400, 'invalid_grant', 'auth', 'UcwaInvalidGrant'],
    [401, undefined, 'auth', 'UcwaInvalidGrant'],
    [400, 'unsupported_grant_type', 'auth', 'Ucwa.unsupported_grant_type'],
    [400, undefined, 'auth', 'UcwaHTTP400'],
  ] as const)('%i %s → %s %s', (status, error, kind, code) => {
    expect(tokenError(status, error)).toMatchObject({ kind, code });
  });
});

// Issue 24: the edges of each rule, as a caller (the UCWA client) meets them.
describe('discovery and domains, edges', () => {
  it('a SIP domain written with spaces, capitals or a final dot is the same domain', () => {
    expect(discoveryUrls(' Contoso.COM. ')).toEqual([
      'https://lyncdiscoverinternal.contoso.com/',
      'https://lyncdiscover.contoso.com/',
    ]);
  });
  it.each([
    [' jean@contoso.com ', 'contoso.com'],
    ['@contoso.com', ''],
    ['a@b@Fabrikam.com', 'fabrikam.com'],
    ['SIP:@contoso.com', ''],
    // Only a leading sip: is the URI scheme; one further on is part of the address.
    ['jean@sip:contoso.com', 'sip:contoso.com'],
  ])('domainOf(%j) = %j', (address, domain) => {
    expect(domainOf(address)).toBe(domain);
  });
});

describe('parseMsRtcOAuth, edges', () => {
  it.each([
    [
      'an escaped quote in a quoted value',
      ['MsRtcOAuth href="https://x.contoso.com/t?a=\\"b\\"",grant_type="password"'],
      { href: 'https://x.contoso.com/t?a="b"', grantTypes: ['password'] },
    ],
    [
      'the first of two hrefs counts',
      ['MsRtcOAuth href="https://a.contoso.com/t",href="https://evil.example/t"'],
      { href: 'https://a.contoso.com/t', grantTypes: [] },
    ],
    [
      'parameter names in any case, empty grants dropped',
      ['MsRtcOAuth HREF="https://a.contoso.com/t", Grant_Type="password,, urn:x "'],
      { href: 'https://a.contoso.com/t', grantTypes: ['password', 'urn:x'] },
    ],
    [
      'a header without href does not hide a later one with it',
      ['MsRtcOAuth grant_type="password"', 'MsRtcOAuth href=https://b.contoso.com/t'],
      { href: 'https://b.contoso.com/t', grantTypes: [] },
    ],
    [
      'after a comma with no space',
      ['Bearer realm="x",MsRtcOAuth href=https://c.contoso.com/t'],
      { href: 'https://c.contoso.com/t', grantTypes: [] },
    ],
  ])('%s', (_name, values, expected) => {
    expect(parseMsRtcOAuth(values)).toEqual(expected);
  });
  it.each([
    ['the scheme alone', ['MsRtcOAuth']],
    ['an empty href', ['MsRtcOAuth href=""']],
    ['a scheme that starts with the word', ['MsRtcOAuthX href="https://x/"']],
    ['a scheme that ends with the word', ['NotMsRtcOAuth href="https://evil.example/t"']],
    ['another scheme’s href', ['Bearer href="https://evil.example/t"']],
    ['a bare word before the parameters', ['MsRtcOAuth realm href="https://evil.example/t"']],
  ])('%s → undefined', (_name, values) => {
    expect(parseMsRtcOAuth(values)).toBeUndefined();
  });
});

describe('checkedLink, edges', () => {
  const policy = { sipDomain: 'Contoso.com', trustedHosts: ['LyncDiscover.Fabrikam.com'] };
  const base = 'https://lyncweb.contoso.com/';
  it.each([
    ['the SIP domain’s own host', 'https://contoso.com/t', 'https://contoso.com/t'],
    [
      'a trusted host in another case',
      'https://lyncdiscover.fabrikam.com/t',
      'https://lyncdiscover.fabrikam.com/t',
    ],
    ['a host in another case', 'https://POOL.CONTOSO.COM/t', 'https://pool.contoso.com/t'],
  ])('accepts %s', (_name, href, out) => {
    expect(checkedLink(href, base, policy, 'x')).toBe(out);
  });
  it.each([
    ['not an address', 'https://[nope/', 'the ticket', 'not an address'],
    [
      'a user name without a password',
      'https://jean@lyncweb.contoso.com/t',
      'the ticket',
      'user info in the address',
    ],
    ['a host outside', 'https://evil.example/t', 'the ticket', 'host evil.example is outside contoso.com'],
    ['http elsewhere', 'http://lyncweb.contoso.com/t', 'the ticket', 'http: is not https'],
  ])('refuses %s, naming what and why', (_name, href, what, why) => {
    expect(() => checkedLink(href, base, policy, what)).toThrow(
      expect.objectContaining({
        kind: 'server',
        code: 'UcwaUntrustedLink',
        serverText: why,
        message: expect.stringContaining(what) as string,
      }) as Error,
    );
  });
  it('with no SIP domain only the trusted hosts are, and the error says so', () => {
    const hostsOnly = { sipDomain: '', trustedHosts: ['mail.contoso.com'] };
    expect(checkedLink('https://mail.contoso.com/t', base, hostsOnly, 'x')).toBe(
      'https://mail.contoso.com/t',
    );
    expect(() => checkedLink('https://x.example/t', base, hostsOnly, 'x')).toThrow(
      expect.objectContaining({ serverText: 'host x.example is outside the trusted hosts' }) as Error,
    );
    // An empty SIP domain is no domain: a host written with a final dot does not end in ".".
    expect(() => checkedLink('https://evil.example./t', base, hostsOnly, 'x')).toThrow(
      expect.objectContaining({ serverText: 'host evil.example. is outside the trusted hosts' }) as Error,
    );
  });
  const demo = {
    sipDomain: 'contoso.test',
    trustedHosts: ['localhost', '[::1]', '192.168.1.5'],
    allowHttpLoopback: true,
  };
  it.each([['http://localhost:8080/t'], ['http://[::1]:8080/t']])(
    'http to a loopback host when allowed: %s',
    (href) => {
      expect(checkedLink(href, href, demo, 'x')).toBe(href);
    },
  );
  it('http to a LAN host, even trusted and with loopback http allowed, is refused', () => {
    expect(() => checkedLink('http://192.168.1.5:8080/t', base, demo, 'x')).toThrow(EwsError);
  });
  it('loopback allows plain http only, not another scheme', () => {
    expect(() => checkedLink('ftp://localhost/t', 'ftp://localhost/', demo, 'x')).toThrow(
      expect.objectContaining({ code: 'UcwaUntrustedLink', serverText: 'ftp: is not https' }) as Error,
    );
  });
});

describe('unavailable', () => {
  it('says Lync cannot be reached, keeps the detail for the log and the cause', () => {
    const cause = new Error('ECONNREFUSED');
    expect(unavailable('no lyncdiscover', cause)).toMatchObject({
      kind: 'unavailable',
      code: 'OnlineMeetingUnavailable',
      serverText: 'no lyncdiscover',
      cause,
    });
    const bare = unavailable();
    expect(bare.serverText).toBeUndefined();
    expect(bare.cause).toBeUndefined();
    expect(bare.message).toMatch(/^No Lync online-meeting service could be reached/);
  });
});

describe('ucwaHttpError, edges', () => {
  it.each([
    [499, 'bad-input'],
    [400, 'bad-input'],
    [500, 'server'],
    [399, 'server'],
    [302, 'server'],
  ] as const)('HTTP %i → %s', (status, kind) => {
    expect(ucwaHttpError(status, undefined).kind).toBe(kind);
  });
  it.each([
    [401, 'The Lync server refused this account’s sign-in. (HTTP 401)'],
    [404, 'The Lync server no longer has what was asked for. (HTTP 404)'],
    [429, 'The Lync server is busy. Try again in a moment. (HTTP 429)'],
    [400, 'The Lync server refused the request as invalid. (HTTP 400)'],
    [
      500,
      'The Lync server answered with an error. Try again later; if it keeps happening, tell your IT department. (HTTP 500)',
    ],
  ])('HTTP %i is said in words', (status, message) => {
    expect(ucwaHttpError(status, undefined).message).toBe(message);
  });
  it.each([
    ['a code of 64 characters', { code: `A${'b'.repeat(63)}` }, `UcwaA${'b'.repeat(63)}`],
    ['a code of 65', { code: `A${'b'.repeat(64)}` }, 'UcwaHTTP400'],
    ['a code starting with a digit', { code: '9Bad' }, 'UcwaHTTP400'],
    ['an empty code', { code: '' }, 'UcwaHTTP400'],
    ['a subcode with a dot', { code: 'BadRequest', subcode: 'a.b' }, 'UcwaBadRequest'],
    ['a code with a newline after it', { code: 'Bad\nRequest' }, 'UcwaHTTP400'],
  ])('%s', (_name, body, code) => {
    expect(ucwaHttpError(400, body).code).toBe(code);
  });
  it('keeps the status, and no Retry-After or server text it was not given', () => {
    const err = ucwaHttpError(429, { code: 'Throttled' });
    expect(err.httpStatus).toBe(429);
    expect(err.retryAfterMs).toBeUndefined();
    expect(err.serverText).toBeUndefined();
  });
});

describe('tokenError, edges', () => {
  it('a wrong password is said so; another refusal says no ticket was issued', () => {
    expect(tokenError(400, 'invalid_grant')).toMatchObject({
      httpStatus: 400,
      message: 'The user name or password is incorrect.',
    });
    expect(tokenError(400, 'invalid_request')).toMatchObject({
      httpStatus: 400,
      message: 'The Lync server refused to issue a sign-in ticket for this account.',
    });
    expect(tokenError(400, 'bad code!').code).toBe('UcwaHTTP400');
  });
});
