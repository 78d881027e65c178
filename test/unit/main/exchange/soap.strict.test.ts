/**
 * What the client trusts as Exchange's answer: a SOAP 1.1 envelope, its Header and Body in SOAP
 * 1.1's namespace, the answer in the EWS messages namespace, and ResponseClass from the schema's
 * closed enumeration. Prefixes are free; namespaces are not.
 */
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import {
  NS_MESSAGES,
  NS_SOAP,
  NS_TYPES,
  parseSoapResponse,
  responseMessages,
} from '../../../../main/exchange/soap';

const M = `xmlns:m="${NS_MESSAGES}" xmlns:t="${NS_TYPES}"`;
const OK_MESSAGE = (cls: string): string =>
  `<m:ResolveNamesResponse ${M}><m:ResponseMessages><m:ResolveNamesResponseMessage${cls}><m:ResponseCode>NoError</m:ResponseCode></m:ResolveNamesResponseMessage></m:ResponseMessages></m:ResolveNamesResponse>`;

function envelope(body: string, soapNs = NS_SOAP): string {
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${soapNs}"><s:Header><h:ServerVersionInfo xmlns:h="${NS_TYPES}" MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"/></s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

function failure(xml: string): EwsError {
  try {
    parseSoapResponse(xml, 200);
  } catch (e) {
    if (e instanceof EwsError) return e;
    throw e;
  }
  throw new Error('trusted');
}

describe('SOAP 1.1 in the EWS namespaces before anything is trusted', () => {
  it('reads an answer as Exchange writes it', () => {
    const r = parseSoapResponse(envelope(OK_MESSAGE(' ResponseClass="Success"')));
    expect(r.body.name).toBe('ResolveNamesResponse');
    expect(r.serverVersion?.majorVersion).toBe(15);
  });

  it('accepts any prefix, a default namespace, and declarations on the envelope', () => {
    const xml = `<Envelope xmlns="${NS_SOAP}" xmlns:msg="${NS_MESSAGES}"><Body><msg:GetFolderResponse><msg:ResponseMessages/></msg:GetFolderResponse></Body></Envelope>`;
    expect(parseSoapResponse(xml).body.name).toBe('GetFolderResponse');
  });

  it('refuses a SOAP 1.2 envelope, saying so', () => {
    const e = failure(
      envelope(OK_MESSAGE(' ResponseClass="Success"'), 'http://www.w3.org/2003/05/soap-envelope'),
    );
    expect(e).toMatchObject({ kind: 'server', code: 'MalformedResponse' });
    expect(e.message).toMatch(/SOAP 1\.2/);
  });

  it('refuses an Envelope in no namespace', () => {
    const xml = `<Envelope><Body>${OK_MESSAGE(' ResponseClass="Success"')}</Body></Envelope>`;
    expect(failure(xml).code).toBe('MalformedResponse');
  });

  it('refuses a Body from another namespace', () => {
    const xml = `<s:Envelope xmlns:s="${NS_SOAP}" xmlns:x="urn:other"><x:Body>${OK_MESSAGE(' ResponseClass="Success"')}</x:Body></s:Envelope>`;
    expect(failure(xml).code).toBe('MalformedResponse');
  });

  it('refuses an answer outside the EWS messages namespace', () => {
    const body = `<ResolveNamesResponse xmlns="urn:not-exchange"><ResponseMessages/></ResolveNamesResponse>`;
    expect(failure(envelope(body)).message).toMatch(/EWS messages namespace/);
    const undeclared = `<m:ResolveNamesResponse><m:ResponseMessages/></m:ResolveNamesResponse>`;
    expect(failure(envelope(undeclared)).code).toBe('MalformedResponse');
  });

  it('still reads a fault in SOAP 1.1 as the EWS error it carries', () => {
    const fault = `<s:Fault><faultcode xmlns:a="${NS_TYPES}">a:ErrorSchemaValidation</faultcode><faultstring>bad</faultstring></s:Fault>`;
    expect(failure(envelope(fault))).toMatchObject({ kind: 'bad-input', code: 'ErrorSchemaValidation' });
  });
});

describe('ResponseClass is the schema’s closed enumeration', () => {
  it.each(['Success', 'Warning', 'Error'])('%s is read', (cls) => {
    const r = parseSoapResponse(envelope(OK_MESSAGE(` ResponseClass="${cls}"`)));
    expect(responseMessages(r.body)[0]?.responseClass).toBe(cls);
  });

  it.each([' ResponseClass="Succes"', ' ResponseClass="success"', ' ResponseClass=""', ''])(
    'refuses%s instead of taking it for a success',
    (attr) => {
      const r = parseSoapResponse(envelope(OK_MESSAGE(attr)));
      let err: unknown;
      try {
        responseMessages(r.body);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EwsError);
      expect((err as EwsError).code).toBe('MalformedResponse');
    },
  );
});
