import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetSecret,
  isSensitiveKey,
  redact,
  redactString,
  REDACTED,
  registerSecret,
} from '../../../../main/log/redact';

const HOME = { home: '/home/alice' };
const R = REDACTED;

describe('redactString: secret shapes', () => {
  it.each([
    [
      'Authorization header line',
      'GET /ews\r\nAuthorization: Basic YWxpY2U6aHVudGVyMg==\r\nHost: x',
      `GET /ews\r\nAuthorization: ${R}\r\nHost: x`,
    ],
    ['lower-case header', 'authorization: NTLM TlRMTVNTUAABAAAAB4IIog==', `authorization: ${R}`],
    ['Proxy-Authorization', 'Proxy-Authorization: Basic Zm9vOmJhcg==', `Proxy-Authorization: ${R}`],
    ['Cookie header', 'Cookie: X-BackEndCookie=S-1-5-21=abc; exchangecookie=123', `Cookie: ${R}`],
    ['Set-Cookie header', 'Set-Cookie: ClientId=ABCDEF; path=/', `Set-Cookie: ${R}`],
    [
      'JSON header map',
      '{"Authorization":"Bearer eyJ0eXAi.eyJzdWIi.c2ln","Accept":"text/xml"}',
      `{"Authorization":"${R}","Accept":"text/xml"}`,
    ],
    ['Basic token in prose', 'sent Basic YWxpY2U6aHVudGVyMg== to server', `sent Basic ${R} to server`],
    ['short Basic token', 'header was Basic YTpi', `header was Basic ${R}`],
    [
      'Bearer JWT in prose',
      'token Bearer eyJhbGciOi.eyJzdWIiOiIx.sig_-1 rejected',
      `token Bearer ${R} rejected`,
    ],
    ['NTLM token in prose', 'challenge NTLM TlRMTVNTUAACAAAADAAMADgAAAAFgokC', `challenge NTLM ${R}`],
    [
      'Negotiate token',
      'WWW-Authenticate said Negotiate YIIGdgYGKwYBBQUCoIIGajCCBm',
      `WWW-Authenticate said Negotiate ${R}`,
    ],
    [
      'password in a query string',
      'https://x/owa/auth.owa?username=alice&password=hunter2&flags=4',
      `https://x/owa/auth.owa?username=alice&password=${R}&flags=4`,
    ],
    [
      'access_token in a URL',
      'wss://x/y?access_token=eyJabc.def.ghi#frag',
      `wss://x/y?access_token=${R}#frag`,
    ],
    [
      'refresh_token in a form body',
      'grant_type=refresh_token&refresh_token=0.AXk-abc&client_id=1',
      `grant_type=refresh_token&refresh_token=${R}&client_id=1`,
    ],
    ['client_secret form field', 'client_id=1&client_secret=s3cr3t', `client_id=1&client_secret=${R}`],
    ['passwd and pwd', 'passwd=a1b2 pwd=c3d4', `passwd=${R} pwd=${R}`],
    [
      'user:password in a URL',
      'https://alice:hunter2@mail.contoso.com/ews',
      `https://alice:${R}@mail.contoso.com/ews`,
    ],
    [
      '"password": "…" in JSON text',
      '{"user":"alice","password":"hun\\"ter2","n":1}',
      `{"user":"alice","password":"${R}","n":1}`,
    ],
    [
      'password: … in prose',
      'retrying with Password: hunter2, then giving up',
      `retrying with Password: ${R}, then giving up`,
    ],
  ])('%s', (_what, input, expected) => {
    expect(redactString(input, HOME)).toBe(expected);
  });

  it.each([
    ['prose about auth', 'Basic authentication failed; NTLM handshake next; Bearer token expired'],
    ['a plain URL', 'https://mail.contoso.com:443/EWS/Exchange.asmx?wa=1'],
    ['an EWS response code', 'ResponseCode=ErrorServerBusy BackOffMilliseconds=30000'],
    ['token_type', 'token_type=Bearer'],
    ['a photo size', 'GetUserPhoto size=HR648x648 for alice@contoso.com'],
  ])('leaves %s alone', (_what, input) => {
    expect(redactString(input, HOME)).toBe(input);
  });

  it('is idempotent', () => {
    const once = redactString('Authorization: Bearer abcdefgh12345678 password=x&token=y', HOME);
    expect(redactString(once, HOME)).toBe(once);
    expect(once).not.toContain(']]');
  });
});

describe('redactString: home directory', () => {
  it('writes the home folder as ~, but not a longer name that starts the same', () => {
    expect(redactString('open /home/alice/.config/Roster/roster.log', HOME)).toBe(
      'open ~/.config/Roster/roster.log',
    );
    expect(redactString('/home/alice', HOME)).toBe('~');
    expect(redactString('/home/alicea/x', HOME)).toBe('/home/alicea/x');
  });

  it('handles Windows homes with either separator and any case', () => {
    const win = { home: 'C:\\Users\\Alice' };
    expect(redactString('at C:\\Users\\Alice\\AppData\\Roster', win)).toBe('at ~\\AppData\\Roster');
    expect(redactString('at c:/users/alice/AppData', win)).toBe('at ~/AppData');
  });

  it('uses os.homedir() by default and ignores a root home', () => {
    expect(redactString('/x/y', { home: '/' })).toBe('/x/y');
    expect(redactString('/home/alice/x', { home: null })).toBe('/home/alice/x');
  });
});

describe('registerSecret', () => {
  afterEach(() => forgetSecret('Tr0ub4dor&3'));

  it('hides a known secret wherever it appears, until forgotten', () => {
    registerSecret('Tr0ub4dor&3');
    expect(redactString('the user typed Tr0ub4dor&3 twice: Tr0ub4dor&3', HOME)).toBe(
      `the user typed ${R} twice: ${R}`,
    );
    forgetSecret('Tr0ub4dor&3');
    expect(redactString('Tr0ub4dor&3', HOME)).toBe('Tr0ub4dor&3');
  });

  it('ignores values too short to be useful', () => {
    registerSecret('abc');
    expect(redactString('abc', HOME)).toBe('abc');
  });
});

describe('isSensitiveKey', () => {
  it.each([
    'password',
    'Password',
    'PASSWD',
    'pwd',
    'userPassword',
    'secret',
    'client_secret',
    'token',
    'access_token',
    'refreshToken',
    'Authorization',
    'proxy-authorization',
    'cookie',
    'Set-Cookie',
    'apiKey',
    'x-api-key',
    'credentials',
    // Issue 24, planted bug 4: the short exact-match keys (not caught by the word pattern).
    'auth',
    'Auth',
    'pass',
    'pw',
    'sig',
  ])('%s is sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));
  it('hides the value under an `auth` key in objects and in text', () => {
    expect(redact({ auth: 'alice:Secr3t!', user: 'alice' }, HOME)).toEqual({ auth: R, user: 'alice' });
    expect(redactString('auth=hunter22&user=alice', HOME)).toBe(`auth=${R}&user=alice`);
  });
  it.each(['user', 'email', 'code', 'kind', 'token_type', 'host', 'authMethod', 'url'])('%s is not', (key) =>
    expect(isSensitiveKey(key)).toBe(false),
  );
});

describe('redact: values', () => {
  it('hides values under secret keys at any depth, in arrays, Maps and Sets, without mutating the input', () => {
    const input = {
      user: 'alice@contoso.com',
      password: 'hunter2',
      Nested: { deeper: [{ ACCESS_TOKEN: 'eyJ.a.b', refresh_token: 'r-1', note: 'ok' }] },
      headers: new Map<string, unknown>([
        ['Authorization', 'Basic YWxpY2U6aHVudGVyMg=='],
        ['Content-Type', 'text/xml'],
      ]),
      tags: new Set(['password=x1', 'plain']),
      when: new Date(0),
      credentials: { username: 'alice', password: 'hunter2' },
      hasPassword: true,
      token: null,
      pin: { secret: 1234 },
    };
    const snapshot = structuredClone(input);
    const out = redact(input, HOME) as typeof input;

    expect(input).toEqual(snapshot);
    expect(out).not.toBe(input);
    expect(out.user).toBe('alice@contoso.com');
    expect(out.password).toBe(R);
    expect(out.Nested.deeper[0]).toEqual({ ACCESS_TOKEN: R, refresh_token: R, note: 'ok' });
    expect(out.headers).toBeInstanceOf(Map);
    expect([...out.headers]).toEqual([
      ['Authorization', R],
      ['Content-Type', 'text/xml'],
    ]);
    expect([...out.tags]).toEqual([`password=${R}`, 'plain']);
    expect(out.when).toEqual(new Date(0));
    expect(out.when).not.toBe(input.when);
    expect(out.credentials).toBe(R);
    expect(out.hasPassword).toBe(true);
    expect(out.token).toBeNull();
    expect(out.pin).toEqual({ secret: R });
  });

  it('redacts strings inside values and the home folder in paths', () => {
    expect(redact(['see /home/alice/x.log', 'Cookie: a=b'], HOME)).toEqual(['see ~/x.log', `Cookie: ${R}`]);
    expect(redact('password=p4ss', HOME)).toBe(`password=${R}`);
    expect(redact(42, HOME)).toBe(42);
    expect(redact(undefined, HOME)).toBeUndefined();
  });

  it('turns an Error into a plain redacted object, own fields and cause included', () => {
    const cause = new Error('401 from https://bob:pw123456@x/ews');
    const err = Object.assign(new Error('sign-in failed: password=hunter2', { cause }), {
      kind: 'auth',
      token: 'abc',
    });
    const out = redact(err, HOME) as Record<string, unknown>;
    expect(out).toMatchObject({
      name: 'Error',
      message: `sign-in failed: password=${R}`,
      kind: 'auth',
      token: R,
    });
    expect(out.stack).toEqual(expect.stringContaining(`password=${R}`));
    expect(out.stack).not.toContain('hunter2');
    expect((out.cause as { message: string }).message).toBe(`401 from https://bob:${R}@x/ews`);
    expect(err.message).toBe('sign-in failed: password=hunter2');
  });

  it('copes with cycles, URLs, Headers and bytes', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const shared = { n: 1 };
    const out = redact(
      {
        a,
        twice: [shared, shared],
        url: new URL('https://x/y?access_token=abc123&z=1'),
        headers: new Headers({ Authorization: 'Bearer abcdefgh12345678', Accept: 'text/xml' }),
        body: Buffer.from('password=hunter2'),
      },
      HOME,
    ) as Record<string, unknown>;
    expect(out.a).toEqual({ name: 'a', self: '[Circular]' });
    expect(out.twice).toEqual([{ n: 1 }, { n: 1 }]);
    expect(out.url).toBe(`https://x/y?access_token=${R}&z=1`);
    expect(out.headers).toEqual({ authorization: R, accept: 'text/xml' });
    expect(out.body).toBe('[16 bytes]');
  });

  it('keeps a "__proto__" key as data without touching the prototype', () => {
    const input = JSON.parse('{"__proto__":{"password":"x"}}') as object;
    const out = redact(input, HOME) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ password: R });
  });
});
