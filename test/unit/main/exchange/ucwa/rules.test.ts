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
import { tokenError } from '../../../../../main/exchange/ucwa/rules';

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
