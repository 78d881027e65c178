/**
 * The ResponseCode → kind table against Microsoft's whole ResponseCodeType list (a fixture, one
 * code a line), and the faults that carry their code somewhere other than e:ResponseCode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from 'ews-javascript-api';
import {
  EwsError,
  errorFromResponseCode,
  isMappedResponseCode,
  kindForResponseCode,
} from '../../../../main/exchange/errors';
import { parseSoapResponse } from '../../../../main/exchange/soap';

const LIST = join(__dirname, '../../../fixtures/ews-codes/response-code-type.txt');
const documented = readFileSync(LIST, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const errorCodes = documented.filter((c) => c !== 'NoError');
const KINDS = ['auth', 'network', 'tls', 'throttled', 'not-found', 'server', 'bad-input', 'unavailable'];

describe('the documented ResponseCodeType list', () => {
  it('is the whole list, once each', () => {
    expect(documented).toContain('NoError');
    expect(errorCodes.length).toBeGreaterThan(450);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it.each(errorCodes)('%s is mapped on purpose, to a kind, with our words', (code) => {
    expect(isMappedResponseCode(code)).toBe(true);
    const kind = kindForResponseCode(code);
    expect(KINDS).toContain(kind);
    expect(kind).not.toBe('tls');
    const serverWords = 'Server text that must stay in the log: mailbox db07 at 10.1.2.3';
    const e = errorFromResponseCode(code, serverWords);
    expect(e).toMatchObject({ kind, code });
    expect(e.message.endsWith(`(${code})`)).toBe(true);
    expect(e.message).not.toContain('db07');
    expect(e.serverText).toBe(serverWords);
    expect(e.toRosterError()).not.toHaveProperty('serverText');
  });

  it('also maps every code of the EWS Managed API’s ServiceError (ews-javascript-api), later builds’ included', () => {
    const managed = Object.keys(ServiceError).filter((k) => Number.isNaN(Number(k)) && k !== 'NoError');
    expect(managed.length).toBeGreaterThan(450);
    const beyondPage = managed.filter((c) => !documented.includes(c));
    expect(beyondPage).toContain('ErrorMessageSubmissionBlocked');
    expect(managed.filter((c) => !isMappedResponseCode(c))).toEqual([]);
    for (const code of beyondPage) expect(KINDS, code).toContain(kindForResponseCode(code));
  });

  it('does not map NoError: it is not an error', () => {
    expect(isMappedResponseCode('NoError')).toBe(false);
  });

  it('leaves a code from a later server to `server`, unmapped', () => {
    expect(isMappedResponseCode('ErrorFromAFutureBuild')).toBe(false);
    expect(kindForResponseCode('ErrorFromAFutureBuild')).toBe('server');
  });
});

describe('codes the user must be told precisely', () => {
  it.each([
    'ErrorIncorrectSchemaVersion',
    'ErrorInvalidServerVersion',
    'ErrorInvalidRequestServerVersion',
    'ErrorInvalidSchemaVersionForMailboxVersion',
  ])('%s is a server that does not speak our version', (code) => {
    const e = errorFromResponseCode(code);
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/does not accept the Exchange version/);
  });

  it('ErrorAccessDenied is access refused, not a wrong password', () => {
    const e = errorFromResponseCode('ErrorAccessDenied');
    expect(e.kind).toBe('auth');
    expect(e.message).toBe('Exchange denied this account access to what was asked for. (ErrorAccessDenied)');
    expect(e.message).not.toMatch(/password/i);
  });

  it.each(['ErrorImpersonateUserDenied', 'ErrorImpersonationDenied'])('%s names impersonation', (code) => {
    const e = errorFromResponseCode(code);
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/act on behalf of that mailbox/);
  });

  it.each([
    ['ErrorServerBusy', 'throttled'],
    ['ErrorNonExistentMailbox', 'not-found'],
    ['ErrorFolderNotFound', 'not-found'],
    ['ErrorInvalidIdMalformed', 'bad-input'],
    ['ErrorMailTipsDisabled', 'unavailable'],
    ['ErrorMailboxStoreUnavailable', 'server'],
    ['ErrorTimeoutExpired', 'network'],
  ])('%s → %s', (code, kind) => {
    expect(kindForResponseCode(code)).toBe(kind);
  });
});

function fault(faultcode: string, detail: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
    `<faultcode>${faultcode}</faultcode>` +
    '<faultstring xml:lang="en-US">The account does not have permission to impersonate the requested user.</faultstring>' +
    `<detail>${detail}</detail></s:Fault></s:Body></s:Envelope>`
  );
}

function thrown(xml: string): EwsError {
  try {
    parseSoapResponse(xml, 500);
  } catch (e) {
    if (e instanceof EwsError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('faults without e:ResponseCode', () => {
  const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';

  it('reads m:ErrorCode of a soap:Client fault', () => {
    const e = thrown(fault('s:Client', `<m:ErrorCode ${M}>ErrorImpersonateUserDenied</m:ErrorCode>`));
    expect(e).toMatchObject({ kind: 'auth', code: 'ErrorImpersonateUserDenied', httpStatus: 500 });
    expect(e.message).not.toMatch(/permission to impersonate/);
    expect(e.serverText).toMatch(/permission to impersonate/);
  });

  it('reads m:ErrorCode ErrorAccessDenied as access refused', () => {
    const e = thrown(fault('s:Client', `<m:ErrorCode ${M}>ErrorAccessDenied</m:ErrorCode>`));
    expect(e).toMatchObject({ kind: 'auth', code: 'ErrorAccessDenied' });
  });

  it('never takes SOAP’s own fault code as an EWS code', () => {
    const client = thrown(fault('s:Client', ''));
    expect(client).toMatchObject({ kind: 'bad-input', code: 'SoapFault' });
    const server = thrown(fault('s:Server', ''));
    expect(server).toMatchObject({ kind: 'server', code: 'SoapFault' });
  });

  it('ignores a numeric m:ErrorCode and falls back to the fault code', () => {
    const e = thrown(fault('a:ErrorAccessDenied', `<m:ErrorCode ${M}>-2146233088</m:ErrorCode>`));
    expect(e).toMatchObject({ kind: 'auth', code: 'ErrorAccessDenied' });
  });
});
