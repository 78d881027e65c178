import { describe, expect, it } from 'vitest';
import { serverBusyResponse } from '../../../../../main/exchange-sim/ews/index';
import { personSid } from '../../../../../main/exchange-sim/ews/soap';
import {
  NS,
  at,
  child,
  children,
  faultCode,
  makeCall,
  makeOrg,
  message,
  names,
  parseXml,
  person,
  send,
  sendRaw,
} from './helpers';

const RESOLVE_BOB =
  '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>bob@contoso.test</m:UnresolvedEntry></m:ResolveNames>';

describe('SOAP framing', () => {
  it('answers in an s:Envelope with Exchange 2016 ServerVersionInfo and the m:/t: namespaces', async () => {
    const a = await send(makeCall(makeOrg(), 'alice@contoso.test'), RESOLVE_BOB);
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('text/xml; charset=utf-8');
    const doc = parseXml(a.raw);
    const svi = at(doc, 'Header', 'ServerVersionInfo');
    expect(svi.uri).toBe(NS.t);
    expect(svi.attrs).toMatchObject({ MajorVersion: '15', MinorVersion: '1', Version: 'V2017_07_11' });
    expect(a.body.local).toBe('ResolveNamesResponse');
    expect(a.body.uri).toBe(NS.m);
    expect(a.raw).toContain(
      '<m:ResolveNamesResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">',
    );
  });

  it('answers malformed XML with an HTTP 500 ErrorSchemaValidation fault naming line and position', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const a = await sendRaw(
      call,
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n<soap:Body><m:AddImGroup><m:DisplayName>a & b</m:DisplayName>',
    );
    expect(faultCode(a)).toBe('ErrorSchemaValidation');
    expect(at(a.body, 'faultcode').text).toBe('a:ErrorSchemaValidation');
    expect(at(a.body, 'detail', 'MessageXml', 'LineNumber').text).toBe('2');
    expect(Number(at(a.body, 'detail', 'MessageXml', 'LinePosition').text)).toBeGreaterThan(0);
  });

  it('refuses a DTD and never expands its entities', async () => {
    const org = makeOrg();
    const xml =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "bob@contoso.test">]>' +
      `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}"><soap:Body><m:ResolveNames><m:UnresolvedEntry>&e;</m:UnresolvedEntry></m:ResolveNames></soap:Body></soap:Envelope>`;
    const a = await sendRaw(makeCall(org, 'alice@contoso.test'), xml);
    expect(faultCode(a)).toBe('ErrorSchemaValidation');
    expect(a.raw).not.toContain('Bob Kelly');
  });

  it('faults on an unknown operation, a known but unsupported one, and a non-envelope', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(faultCode(await send(call, '<m:FrobnicateItem/>'))).toBe('ErrorSchemaValidation');
    expect(faultCode(await send(call, '<m:Subscribe/>'))).toBe('ErrorInvalidRequest');
    expect(faultCode(await send(call, '<x:ResolveNames xmlns:x="urn:other"/>'))).toBe(
      'ErrorSchemaValidation',
    );
    expect(faultCode(await sendRaw(call, '<Envelope/>'))).toBe('ErrorInvalidRequest');
    expect(
      faultCode(await sendRaw(call, `<soap:Envelope xmlns:soap="${NS.soap}"><soap:Body/></soap:Envelope>`)),
    ).toBe('ErrorInvalidRequest');
  });

  it('checks RequestServerVersion: unknown → ErrorInvalidServerVersion; missing means Exchange 2007', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(faultCode(await send(call, RESOLVE_BOB, { version: 'Exchange2099' }))).toBe(
      'ErrorInvalidServerVersion',
    );
    const old = await send(call, RESOLVE_BOB, { version: null });
    expect(old.status).toBe(200);
    expect(faultCode(await send(call, '<m:GetImItemList/>', { version: null }))).toBe(
      'ErrorIncorrectSchemaVersion',
    );
    expect(faultCode(await send(call, '<m:GetImItemList/>', { version: 'Exchange2010_SP2' }))).toBe(
      'ErrorIncorrectSchemaVersion',
    );
    expect((await send(call, '<m:GetImItemList/>', { version: 'V2017_07_11' })).status).toBe(200);
  });

  it('escapes every string it writes: a hostile display name stays text', async () => {
    const org = makeOrg();
    const bob = person(org, 'bob@contoso.test');
    bob.displayName = 'Bob <script>alert("x")</script> & \'co\' \u0001';
    const a = await send(makeCall(org, 'alice@contoso.test'), RESOLVE_BOB);
    expect(a.raw).not.toContain('<script>');
    const name = at(message(a.body), 'ResolutionSet', 'Resolution', 'Mailbox', 'Name');
    expect(name.text).toBe('Bob <script>alert("x")</script> & \'co\' ');
    expect(name.children).toHaveLength(0);
  });

  it('serverBusyResponse is Exchange’s throttling fault with BackOffMilliseconds', () => {
    const res = serverBusyResponse(29_750);
    expect(res.status).toBe(500);
    const doc = parseXml(String(res.body));
    const fault = at(doc, 'Body', 'Fault');
    expect(at(fault, 'faultcode').text).toBe('a:ErrorServerBusy');
    const detail = at(fault, 'detail');
    expect(names(detail)).toEqual(['ResponseCode', 'Message', 'MessageXml']);
    expect(at(detail, 'ResponseCode').uri).toBe(NS.e);
    expect(at(detail, 'ResponseCode').text).toBe('ErrorServerBusy');
    const value = at(detail, 'MessageXml', 'Value');
    expect(value.uri).toBe(NS.t);
    expect(value.attrs.Name).toBe('BackOffMilliseconds');
    expect(value.text).toBe('29750');
  });
});

describe('ExchangeImpersonation', () => {
  const OOF_BOB =
    '<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>bob@contoso.test</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>';
  const imp = (inner: string): { header: string } => ({
    header: `<t:ExchangeImpersonation><t:ConnectingSID>${inner}</t:ConnectingSID></t:ExchangeImpersonation>`,
  });

  it('acts as the target for an account holding the role, by smtp, UPN or SID', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'helpdesk@contoso.test');
    const bob = person(org, 'bob@contoso.test');
    for (const inner of [
      '<t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress>',
      '<t:SmtpAddress>bob@contoso.test</t:SmtpAddress>',
      `<t:PrincipalName>${bob.upn}</t:PrincipalName>`,
      `<t:SID>${personSid(call, bob)}</t:SID>`,
    ]) {
      const a = await send(call, OOF_BOB, imp(inner));
      expect(at(a.body, 'ResponseMessage').attrs.ResponseClass).toBe('Success');
      expect(at(a.body, 'OofSettings', 'OofState').text).toBe(bob.oof.state);
    }
  });

  it('denies callers without the role and faults on an unknown target', async () => {
    const org = makeOrg();
    const denied = await send(
      makeCall(org, 'alice@contoso.test'),
      OOF_BOB,
      imp('<t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress>'),
    );
    expect(faultCode(denied)).toBe('ErrorImpersonateUserDenied');
    const empty = await send(
      makeCall(org, 'helpdesk@contoso.test'),
      OOF_BOB,
      imp('<t:PrimarySmtpAddress></t:PrimarySmtpAddress>'),
    );
    expect(faultCode(empty)).toBe('ErrorInvalidExchangeImpersonationHeaderData');
    const ghost = await send(
      makeCall(org, 'helpdesk@contoso.test'),
      OOF_BOB,
      imp('<t:PrimarySmtpAddress>ghost@contoso.test</t:PrimarySmtpAddress>'),
    );
    expect(faultCode(ghost)).toBe('ErrorNonExistentMailbox');
  });

  it('runs mailbox operations in the impersonated mailbox', async () => {
    const org = makeOrg();
    const a = await send(
      makeCall(org, 'helpdesk@contoso.test'),
      '<m:GetImItemList/>',
      imp('<t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress>'),
    );
    expect(children(at(a.body, 'ImItemList', 'Personas'))).toHaveLength(
      person(org, 'bob@contoso.test').imList.personas.length,
    );
    expect(child(a.body, 'ResponseCode')?.text).toBe('NoError');
  });
});
