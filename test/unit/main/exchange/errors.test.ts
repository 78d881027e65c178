import { describe, expect, it } from 'vitest';
import {
  EwsError,
  errorFromHttpStatus,
  errorFromResponseCode,
  kindForResponseCode,
  toEwsError,
  toRosterError,
} from '../../../../main/exchange/errors';
import { RosterError } from '../../../../preload/contract';

describe('ResponseCode → kind', () => {
  it.each([
    ['ErrorServerBusy', 'throttled'],
    ['ErrorExceededConnectionCount', 'throttled'],
    ['ErrorNonExistentMailbox', 'not-found'],
    ['ErrorItemNotFound', 'not-found'],
    ['ErrorAccessDenied', 'auth'],
    ['ErrorImpersonateUserDenied', 'auth'],
    ['ErrorInvalidRequest', 'bad-input'],
    ['ErrorSchemaValidation', 'bad-input'],
    ['ErrorInternalServerError', 'server'],
    ['ErrorSomethingNew', 'server'],
  ])('%s → %s', (code, kind) => {
    expect(kindForResponseCode(code)).toBe(kind);
  });
});

function sysErr(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
}

describe('network and TLS errors', () => {
  it.each([
    ['ECONNREFUSED', 'ECONNREFUSED'],
    ['ENOTFOUND', 'ENOTFOUND'],
    ['ECONNRESET', 'ECONNRESET'],
    ['ETIMEDOUT', 'ETIMEDOUT'],
    ['UND_ERR_SOCKET', 'ECONNRESET'],
    ['UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT'],
  ])('%s is a network error with a clear message', (code, mapped) => {
    const e = toEwsError(sysErr(code), { host: 'mail.contoso.test' });
    expect(e.kind).toBe('network');
    expect(e.code).toBe(mapped);
    expect(e.message).not.toMatch(/10\.0\.0\.1|undefined/);
  });

  it('maps an aborted request', () => {
    expect(toEwsError(new DOMException('aborted', 'AbortError'))).toMatchObject({
      kind: 'network',
      code: 'ABORTED',
    });
  });

  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    '%s is tls',
    (code) => {
      expect(toEwsError(sysErr(code)).kind).toBe('tls');
    },
  );

  it('401 is auth with the message users understand', () => {
    expect(errorFromHttpStatus(401)).toMatchObject({
      kind: 'auth',
      code: 'HTTP401',
      httpStatus: 401,
      message: 'The user name or password is incorrect.',
    });
    expect(errorFromHttpStatus(503, 'https://x.test/EWS', 1200)).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 1200,
    });
  });

  it('is named EwsError in logs, and carries a cause only when it was given one', () => {
    const plain = errorFromHttpStatus(500);
    expect(plain.name).toBe('EwsError');
    expect(Object.hasOwn(plain, 'cause')).toBe(false);
    const root = new Error('socket hang up');
    expect(new EwsError('network', 'lost', { cause: root }).cause).toBe(root);
  });

  // Issue 24, planted bug 1: a 403 reported as bad-input sends the user to fix their input
  // instead of their account (and the app would not offer to sign in again).
  it('403 is auth: the account is refused, not the request', () => {
    const e = errorFromHttpStatus(403, 'https://mail.contoso.test/EWS/Exchange.asmx?x=1');
    expect(e).toMatchObject({ kind: 'auth', code: 'HTTP403', httpStatus: 403 });
    expect(e.message).toBe('Access is denied for this account from https://mail.contoso.test (HTTP 403).');
  });

  it.each([
    [404, 'not-found'],
    [301, 'server'],
    [302, 'server'],
    [399, 'server'],
    [429, 'throttled'],
    [400, 'bad-input'],
    [413, 'bad-input'],
    [499, 'bad-input'],
    [500, 'server'],
    [502, 'server'],
    [200, 'server'],
  ] as const)('HTTP %i is %s', (status, kind) => {
    const e = errorFromHttpStatus(status);
    expect(e.kind).toBe(kind);
    expect(e.code).toBe(`HTTP${status}`);
    expect(e.httpStatus).toBe(status);
    expect(e.message).toContain(`(HTTP ${status})`);
  });
});

describe('toRosterError', () => {
  it('yields exactly the contract shape', () => {
    const e = new EwsError('tls', 'The certificate of mail.contoso.test is not trusted.', {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      httpStatus: 0,
      certificate: { host: 'mail.contoso.test', fingerprint256: 'AB:CD', subject: 'CN=mail' },
    });
    const plain = toRosterError(e);
    expect(RosterError.strict().parse(plain)).toEqual(plain);
    expect(plain).toEqual({
      kind: 'tls',
      message: 'The certificate of mail.contoso.test is not trusted.',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      certificate: { host: 'mail.contoso.test', fingerprint256: 'AB:CD', subject: 'CN=mail' },
    });
    expect(RosterError.strict().parse(toRosterError(new Error('boom')))).toMatchObject({ kind: 'server' });
    expect(toRosterError(new EwsError('throttled', 'busy', { retryAfterMs: 12.4 })).retryAfterMs).toBe(12);
  });
});

describe("the server's words", () => {
  it('never go into the message; they stay, trimmed to 500 characters, beside it', () => {
    const e = errorFromResponseCode('ErrorInternalServerError', `  <b>boom</b>${'\u202e'.repeat(600)}  `);
    expect(e.message).toBe(
      'Exchange answered with an error. Try again later; if it keeps happening, tell your IT department. (ErrorInternalServerError)',
    );
    expect(e.serverText!.startsWith('<b>boom</b>')).toBe(true);
    expect(e.serverText!.length).toBeLessThanOrEqual(501);
    expect(toRosterError(e)).not.toHaveProperty('serverText');
    expect(JSON.stringify(toRosterError(e))).not.toContain('boom');
  });
});

describe('toEwsError: every failure named, with the host and never the address', () => {
  const host = { host: 'mail.contoso.test' };
  it.each([
    [
      'ECONNREFUSED',
      'ECONNREFUSED',
      'The server mail.contoso.test refused the connection. Check the server address.',
    ],
    [
      'ENOTFOUND',
      'ENOTFOUND',
      'The server name mail.contoso.test could not be found. Check the address and the network.',
    ],
    [
      'EAI_AGAIN',
      'ENOTFOUND',
      'The server name mail.contoso.test could not be found. Check the address and the network.',
    ],
    ['ECONNRESET', 'ECONNRESET', 'The connection to the server mail.contoso.test was dropped.'],
    ['EPIPE', 'ECONNRESET', 'The connection to the server mail.contoso.test was dropped.'],
    ['UND_ERR_CLOSED', 'ECONNRESET', 'The connection to the server mail.contoso.test was dropped.'],
    ['EHOSTUNREACH', 'EHOSTUNREACH', 'The server mail.contoso.test cannot be reached from this network.'],
    ['ENETUNREACH', 'ENETUNREACH', 'The server mail.contoso.test cannot be reached from this network.'],
    ['ETIMEDOUT', 'ETIMEDOUT', 'The server mail.contoso.test did not answer in time.'],
    ['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'The server mail.contoso.test did not answer in time.'],
    ['UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'The server mail.contoso.test did not answer in time.'],
    ['ABORT_ERR', 'ABORTED', 'The request was cancelled.'],
    ['UND_ERR_ABORTED', 'ABORTED', 'The request was cancelled.'],
  ])('%s → %s', (code, mapped, message) => {
    const cause = sysErr(code);
    const e = toEwsError(cause, host);
    expect(e).toMatchObject({ kind: 'network', code: mapped, message });
    expect(e.cause).toBe(cause);
  });

  it('says "the server" without a host', () => {
    expect(toEwsError(sysErr('ECONNREFUSED')).message).toBe(
      'The server refused the connection. Check the server address.',
    );
  });

  it('looks through undici’s wrapper to the socket error, and keeps an EwsError as it is', () => {
    const wrapped = Object.assign(new TypeError('fetch failed', { cause: sysErr('ECONNREFUSED') }), {
      code: 'UND_ERR_CONNECT',
    });
    expect(toEwsError(wrapped).code).toBe('ECONNREFUSED');
    const inner = new TypeError('fetch failed', { cause: sysErr('CERT_HAS_EXPIRED') });
    expect(toEwsError(inner)).toMatchObject({ kind: 'tls', code: 'CERT_HAS_EXPIRED' });
    const ews = new EwsError('auth', 'no');
    expect(toEwsError(ews)).toBe(ews);
    expect(toEwsError(new Error('x', { cause: ews }))).toBe(ews);
    expect(toEwsError(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toMatchObject({
      code: 'ETIMEDOUT',
    });
  });

  it('anything else is an unexpected server failure, with its code when it has one', () => {
    expect(toEwsError(sysErr('EWEIRD'))).toMatchObject({
      kind: 'server',
      code: 'EWEIRD',
      message: 'Unexpected failure talking to Exchange.',
    });
    expect(toEwsError('a string')).toMatchObject({ kind: 'server', code: 'UNKNOWN' });
    expect(toEwsError({ code: 42 })).toMatchObject({ kind: 'server', code: 'UNKNOWN' });
    expect(toEwsError(null)).toMatchObject({ kind: 'server', code: 'UNKNOWN' });
  });
});

describe('response codes and the server’s text: the edges', () => {
  it('takes only a short identifier as a code', () => {
    expect(errorFromResponseCode('A' + 'b'.repeat(79)).code).toBe('A' + 'b'.repeat(79));
    expect(errorFromResponseCode('A' + 'b'.repeat(80)).code).toBe('UnrecognisedResponseCode');
    expect(errorFromResponseCode('9Error').code).toBe('UnrecognisedResponseCode');
    expect(errorFromResponseCode('Error Busy').code).toBe('UnrecognisedResponseCode');
    expect(
      errorFromResponseCode('ErrorServerBusy', undefined, { retryAfterMs: 500, httpStatus: 500 }),
    ).toMatchObject({
      kind: 'throttled',
      message: 'Exchange is busy. Try again in a moment. (ErrorServerBusy)',
      retryAfterMs: 500,
      httpStatus: 500,
      serverText: undefined,
    });
  });

  it('keeps 500 characters of the server’s text whole and cuts the 501st', () => {
    expect(errorFromResponseCode('ErrorX', 'a'.repeat(500)).serverText).toBe('a'.repeat(500));
    expect(errorFromResponseCode('ErrorX', 'a'.repeat(501)).serverText).toBe(`${'a'.repeat(500)}…`);
    expect(errorFromResponseCode('ErrorX', '   ').serverText).toBeUndefined();
  });

  it('gives the app a plain error with the redirect host and a non-negative whole wait', () => {
    const e = new EwsError('auth', 'm', { redirectHost: 'evil.test', retryAfterMs: -5 });
    expect(toRosterError(e)).toEqual({
      kind: 'auth',
      message: 'm',
      redirect: { host: 'evil.test' },
      retryAfterMs: 0,
    });
    expect(toRosterError(new EwsError('server', 'm'))).toEqual({ kind: 'server', message: 'm' });
  });
});

describe('HTTP statuses and wrapped socket errors: the edges (issue 24 survivors)', () => {
  it.each<[number, string, string]>([
    // [status, kind, words]: only 300–399 is a redirect; 200 or 299 without SOAP is a server error.
    [299, 'server', 'answered with an error'],
    [300, 'server', 'redirected the request'],
    [302, 'server', 'redirected the request'],
    [399, 'server', 'redirected the request'],
    [200, 'server', 'answered with an error'],
  ])('HTTP %i is %s: "%s"', (status, kind, words) => {
    const e = errorFromHttpStatus(status, 'https://mail.contoso.test/EWS/Exchange.asmx');
    expect(e).toMatchObject({ kind, code: `HTTP${status}`, httpStatus: status });
    expect(e.message).toContain(words);
  });

  it('names no place when the address is not known, and "the server" when it is not a URL', () => {
    expect(errorFromHttpStatus(403).message).toBe('Access is denied for this account (HTTP 403).');
    expect(errorFromHttpStatus(403, 'not a url').message).toBe(
      'Access is denied for this account from the server (HTTP 403).',
    );
  });

  it('looks through undici’s wrapper to the socket error, but keeps a code of its own', () => {
    const wrapped = Object.assign(new Error('fetch failed'), {
      code: 'UND_ERR_SOCKET',
      cause: Object.assign(new Error('reset'), { code: 'ECONNREFUSED' }),
    });
    expect(toEwsError(wrapped)).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    const own = Object.assign(new Error('refused'), {
      code: 'ECONNREFUSED',
      cause: Object.assign(new Error('later'), { code: 'ETIMEDOUT' }),
    });
    expect(toEwsError(own)).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });

  it('toRosterError leaves out a code the error does not have', () => {
    expect(Object.keys(toRosterError(new EwsError('server', 'no code')))).toEqual(['kind', 'message']);
  });
});
