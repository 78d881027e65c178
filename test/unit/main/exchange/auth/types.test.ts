import { describe, expect, it } from 'vitest';
import { offeredSchemes, splitUserName, withHeader } from '../../../../../main/exchange/auth/types';

describe('splitUserName', () => {
  it.each<[string, { user: string; domain?: string }]>([
    ['CONTOSO\\adele', { domain: 'CONTOSO', user: 'adele' }],
    // Only the first backslash separates the domain.
    ['CONTOSO\\adele\\x', { domain: 'CONTOSO', user: 'adele\\x' }],
    // A UPN or an address is sent whole: the server resolves it.
    ['adele.vance@contoso.test', { user: 'adele.vance@contoso.test' }],
    // No domain before the backslash: not a DOMAIN\user name.
    ['\\adele', { user: '\\adele' }],
  ])('%s', (name, expected) => {
    expect(splitUserName(name)).toEqual(expected);
  });
});

describe('withHeader', () => {
  it('adds the header to a copy, keeping the others and leaving the request as it was', () => {
    const req = { url: 'https://mail.contoso.test/EWS/Exchange.asmx', headers: { accept: 'text/xml' } };
    expect(withHeader(req, 'authorization', 'Basic x')).toEqual({
      url: req.url,
      headers: { accept: 'text/xml', authorization: 'Basic x' },
    });
    expect(req.headers).toEqual({ accept: 'text/xml' });
  });
});

describe('offeredSchemes', () => {
  it.each<[string, string[], string[]]>([
    ['one header per scheme', ['Negotiate', 'NTLM'], ['NEGOTIATE', 'NTLM']],
    ['several schemes in one header', ['Negotiate, NTLM'], ['NEGOTIATE', 'NTLM']],
    ['a scheme with parameters', ['Basic realm="mail.contoso.test"'], ['BASIC']],
    // A parameter after a comma (`charset=`) is not a scheme.
    ['parameters after a comma', ['Basic realm="x", charset="UTF-8"'], ['BASIC']],
    ['a scheme with a token', ['NTLM TlRMTVNTUAACAAAA'], ['NTLM']],
    ['leading spaces, any case', ['  bearer  '], ['BEARER']],
    ['a dashed name', ['X-Custom-Auth realm=1'], ['X-CUSTOM-AUTH']],
    ['nothing offered', [], []],
    ['an empty header', [''], []],
    ['not a name', ['1NTLM', '="x"'], []],
  ])('%s', (_what, values, expected) => {
    expect([...offeredSchemes(values)].sort()).toEqual([...expected].sort());
  });
});
