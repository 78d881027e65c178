import { homedir } from 'node:os';
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

describe('redactString: where a token ends and prose begins', () => {
  it.each([
    // Basic: base64 of "user:password" is hidden however short; base64 without a colon is a word.
    ['Basic base64 of "a:b"', 'Basic YTpi', `Basic ${R}`],
    ['Basic base64 of "abc" (no colon)', 'Basic YWJj', 'Basic YWJj'],
    ['Basic base64 of 12 letters, 16 characters long', 'Basic YWJjZGVmZ2hpamts', `Basic ${R}`],
    ['Basic non-base64 word under 16', 'Basic auth-failed', 'Basic auth-failed'],
    ['Basic non-base64 token of 16', 'Basic abcdefgh.ijklmnop', `Basic ${R}`],
    // Other schemes: a long token, or 8+ characters with a digit or symbol.
    ['Bearer word of 8 letters', 'Bearer abcdefgh', 'Bearer abcdefgh'],
    ['Bearer 8 characters with a digit', 'Bearer abcdefg1', `Bearer ${R}`],
    ['Bearer 7 characters with a digit', 'Bearer abcdef1', 'Bearer abcdef1'],
    ['Bearer 19 letters', 'Bearer abcdefghijklmnopqrs', 'Bearer abcdefghijklmnopqrs'],
    ['Bearer 20 letters', 'Bearer abcdefghijklmnopqrst', `Bearer ${R}`],
    ['Negotiate 8 characters with a dot', 'Negotiate abc.defg', `Negotiate ${R}`],
  ])('%s', (_what, input, expected) => {
    expect(redactString(input, HOME)).toBe(expected);
  });
});

describe('redactString: quoting and fragments', () => {
  it.each([
    ['a quoted header value keeps its quotes', 'Authorization: "Bearer x"', `Authorization: "${R}"`],
    ['a single-quoted header value', "cookie: 'a=b'", `cookie: '${R}'`],
    ['x-api-key header', 'X-Api-Key: k-123', `X-Api-Key: ${R}`],
    ['# ends a URL value', 'https://h/cb?token=abc#state', `https://h/cb?token=${R}#state`],
    ['# is part of a prose password', 'password: ab#cd done', `password: ${R} done`],
    ['a quoted form value keeps its #', "password='ab#cd'", `password='${R}'`],
    ['a single-quoted JSON-ish value', "{'secret': 'x y'}", `{'secret': '${R}'}`],
    ['an already-redacted value is left as is', `token=${R}&next=1`, `token=${R}&next=1`],
    ['a key inside a longer word is not a key', 'mytoken=abc', 'mytoken=abc'.replace('abc', R)],
    ['a sensitive key right after a harmless one', 'failed: password=x1', `failed: password=${R}`],
  ])('%s', (_what, input, expected) => {
    expect(redactString(input, HOME)).toBe(expected);
  });
});

describe('redactString: home directory edges', () => {
  it.each([
    ['a trailing separator on the home', { home: '/home/alice/' }, '/home/alice/x', '~/x'],
    ['a home of four characters is a real home', { home: '/usr' }, '/usr/x', '~/x'],
    ['a home of three characters is not', { home: '/ab' }, '/ab/x', '/ab/x'],
    ['a dotted name that starts the same', HOME, '/home/alice.bak/x', '/home/alice.bak/x'],
    ['the home followed by punctuation', HOME, 'in (/home/alice) now', 'in (~) now'],
    ['a POSIX home is case-sensitive', HOME, '/HOME/ALICE/x', '/HOME/ALICE/x'],
    ['a Windows home followed by a quote', { home: 'C:\\Users\\Al' }, '"C:\\Users\\Al"', '"~"'],
  ])('%s', (_what, options, input, expected) => {
    expect(redactString(input, options)).toBe(expected);
  });

  it('reads the home from the operating system when none is given', () => {
    expect(homedir().length).toBeGreaterThan(3);
    expect(redactString(`${homedir()}/x.log`)).toBe('~/x.log');
    expect(redact(`${homedir()}/x.log`)).toBe('~/x.log');
  });
});

describe('registerSecret: the 4-character floor', () => {
  afterEach(() => forgetSecret('abcd'));
  it('hides a secret of exactly 4 characters', () => {
    registerSecret('abcd');
    expect(redactString('xx abcd yy', HOME)).toBe(`xx ${R} yy`);
  });
});

describe('isSensitiveKey: keys with no letters left', () => {
  it.each(['', '__', '-', 'tokenType', 'token_expires_in', 'cookie-policy'])('%j is not sensitive', (key) =>
    expect(isSensitiveKey(key)).toBe(false),
  );
  it.each(['pass_word', 'PRIVATE-KEY', 'session_id', 'x-signature', 'passphrase'])('%j is', (key) =>
    expect(isSensitiveKey(key)).toBe(true),
  );
});

describe('redact: the less common values', () => {
  it.each([
    ['a named function', function named() {}, '[Function named]'],
    [
      'an anonymous function',
      (
        () => () =>
          1
      )(),
      '[Function anonymous]',
    ],
    ['an ArrayBuffer', new ArrayBuffer(3), '[3 bytes]'],
    ['a typed array', new Uint16Array(2), '[4 bytes]'],
    // The value runs to the next space: the closing slash goes with it.
    ['a RegExp holding a secret', /password=hunter2/, `/password=${R}`],
    ['a boolean', false, false],
    ['null', null, null],
  ])('%s', (_what, value, expected) => {
    expect(redact(value, HOME)).toEqual(expected);
  });

  it('keeps what a secret key holds when it says nothing: null, undefined, booleans, empty string', () => {
    expect(redact({ password: '', token: undefined, secret: false, pin: { pwd: 0 } }, HOME)).toEqual({
      password: '',
      token: undefined,
      secret: false,
      pin: { pwd: R },
    });
  });

  it('stops at depth 12 and says so', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 13; i++) deep = { d: deep };
    let out = redact(deep, HOME) as Record<string, unknown>;
    for (let i = 0; i < 12; i++) out = out.d as Record<string, unknown>;
    expect(out.d).toBe('[Too deep]');
    let twelve: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 11; i++) twelve = { d: twelve };
    expect(JSON.stringify(redact(twelve, HOME))).not.toContain('Too deep');
  });

  it('redacts Map keys that are strings, walks others, and hides Map values under secret keys', () => {
    const key = { id: 1, token: 'k' };
    const out = redact(
      new Map<unknown, unknown>([
        ['see /home/alice/a', 'v'],
        [key, 'password=x9'],
        ['secret', ''],
        ['token', 'abc'],
      ]),
      HOME,
    ) as Map<unknown, unknown>;
    expect([...out]).toEqual([
      ['see ~/a', 'v'],
      [{ id: 1, token: R }, `password=${R}`],
      ['secret', ''],
      ['token', R],
    ]);
  });

  it('redacts strings inside Sets and harmless Headers values', () => {
    const out = redact(
      { s: new Set([{ password: 'x' }]), h: new Headers({ 'x-note': 'password=x1', cookie: 'a=b' }) },
      HOME,
    ) as { s: Set<unknown>; h: unknown };
    expect([...out.s]).toEqual([{ password: R }]);
    expect(out.h).toEqual({ cookie: R, 'x-note': `password=${R}` });
  });

  it('reads an Error without a stack, and keeps an own `cause` field over the cause option', () => {
    const bare = new Error('password=pw12');
    delete bare.stack;
    const out = redact(bare, HOME) as Record<string, unknown>;
    expect(out).toEqual({ name: 'Error', message: `password=${R}` });
    expect('stack' in out).toBe(false);
    const own = Object.assign(new Error('x', { cause: new Error('first') }), { cause: 'own' });
    expect((redact(own, HOME) as Record<string, unknown>).cause).toBe('own');
    const plain = redact(new Error('no cause'), HOME) as Record<string, unknown>;
    expect('cause' in plain).toBe(false);
  });

  it('names a custom error by its name', () => {
    class VaultError extends Error {
      override name = 'VaultError';
    }
    expect(redact(new VaultError('x'), HOME)).toMatchObject({ name: 'VaultError', message: 'x' });
  });
});

describe('redactString: edges found by mutation testing', () => {
  it.each([
    // Not base64 ('-'), short: prose, even though a lenient decoder would find a colon in it.
    ['a short non-base64 Basic word', 'Basic Ojo-x', 'Basic Ojo-x'],
    ['a non-base64 Basic token of exactly 16', 'Basic abcdefg.ijklmnop', `Basic ${R}`],
    // A header value that ends with a quote but does not start with one: nothing of it is kept.
    ['a header value ending with a double quote', 'Cookie: a=1; b"', `Cookie: ${R}`],
    ['a header value ending with a single quote', "Cookie: a=1; b'", `Cookie: ${R}`],
  ])('%s', (_what, input, expected) => {
    expect(redactString(input, HOME)).toBe(expected);
  });

  it.each([
    ['a home with a regex character', { home: '/home/a.b' }, '/home/a.b/x /home/axb/x', '~/x /home/axb/x'],
    ['a home written with a doubled separator', { home: '/home//alice' }, '/home/alice/x', '~/x'],
    ['a home with two trailing separators', { home: '/home/alice//' }, '/home/alice/x', '~/x'],
    ['a short home with two trailing separators', { home: '/ab//' }, '/ab/x', '/ab/x'],
    ['a POSIX home with a colon stays case-sensitive', { home: '/home/a:b' }, '/HOME/A:B/x', '/HOME/A:B/x'],
    ['every occurrence of the home', HOME, '/home/alice/a and /home/alice/b', '~/a and ~/b'],
  ])('%s', (_what, options, input, expected) => {
    expect(redactString(input, options)).toBe(expected);
  });

  it('reads the home from the operating system when the options leave it out', () => {
    expect(homedir().length).toBeGreaterThan(3);
    expect(redactString(`${homedir()}/x`, {})).toBe('~/x');
  });
});

describe('redact: depth through every container', () => {
  const nest = (wrap: (inner: unknown) => unknown): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < 14; i++) v = wrap(v);
    return v;
  };
  it.each([
    ['arrays', (inner: unknown) => [inner]],
    ['Map values', (inner: unknown) => new Map([['k', inner]])],
    ['Map keys', (inner: unknown) => new Map([[{ k: inner }, 1]])],
    ['Sets', (inner: unknown) => new Set([inner])],
    ['error causes', (inner: unknown) => new Error('e', { cause: inner })],
  ])('stops in %s', (_what, wrap) => {
    const out = redact(nest(wrap), HOME);
    const seen: unknown[] = [];
    const collect = (v: unknown): void => {
      seen.push(v);
      if (v instanceof Map) {
        for (const [k, x] of v) {
          collect(k);
          collect(x);
        }
      } else if (v instanceof Set || Array.isArray(v)) for (const x of v) collect(x);
      else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) collect(x);
    };
    collect(out);
    expect(seen).toContain('[Too deep]');
    expect(seen).not.toContain('leaf');
  });

  it('gives back plain, writable, deletable properties', () => {
    const out = redact({ user: 'alice' }, HOME) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(out, 'user')).toEqual({
      value: 'alice',
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });
});
