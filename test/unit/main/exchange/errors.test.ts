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
      message: 'The user name or password is incorrect.',
    });
    expect(errorFromHttpStatus(503, 'https://x.test/EWS', 1200)).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 1200,
    });
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
