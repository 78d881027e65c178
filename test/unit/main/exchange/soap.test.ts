import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import {
  MAX_XML_ELEMENTS,
  buildEnvelope,
  el,
  parseSoapResponse,
  parseXml,
  parseXmlStream,
  responseMessages,
  singleResponse,
} from '../../../../main/exchange/soap';
import { fixture } from './fixtures';
import { thrown } from './thrown';

describe('XML writer', () => {
  it('keeps a hostile string as text', () => {
    const hostile = '</m:DisplayName><m:Evil attr="x"/>&lol;<![CDATA[x]]>\u0000"\'';
    const xml = el('m:AddImGroup', null, el('m:DisplayName', { Note: hostile }, hostile)).xml;
    const root = parseXml(xml);
    expect(root.children).toHaveLength(1);
    const dn = root.children[0]!;
    expect(dn.name).toBe('DisplayName');
    expect(dn.children).toHaveLength(0);
    expect(dn.text).toBe(hostile.replace('\u0000', ''));
    expect(dn.attrs.Note).toBe(hostile.replace('\u0000', ''));
  });

  it('builds an envelope with RequestServerVersion and optional impersonation', () => {
    const plain = parseXml(buildEnvelope(el('m:GetImItemList')));
    const header = plain.children.find((c) => c.name === 'Header')!;
    expect(header.children.map((c) => c.name)).toEqual(['RequestServerVersion']);
    expect(header.children[0]!.attrs.Version).toBe('Exchange2013');
    const imp = parseXml(
      buildEnvelope(el('m:GetImItemList'), { impersonateSmtp: 'helpdesk&co@contoso.test' }),
    );
    const h2 = imp.children.find((c) => c.name === 'Header')!;
    expect(h2.children[1]!.name).toBe('ExchangeImpersonation');
    expect(h2.children[1]!.children[0]!.children[0]!.text).toBe('helpdesk&co@contoso.test');
  });

  it('refuses invalid element names', () => {
    expect(() => el('a b')).toThrow(EwsError);
  });
});

describe('SOAP reader', () => {
  it('reads ServerVersionInfo and the body element', () => {
    const r = parseSoapResponse(fixture('GetImItemList.xml'));
    expect(r.serverVersion).toEqual({
      majorVersion: 15,
      minorVersion: 1,
      majorBuildNumber: 2507,
      minorBuildNumber: 6,
      version: 'V2017_07_11',
    });
    expect(r.body.name).toBe('GetImItemListResponse');
  });

  it('turns a SOAP fault into a bad-input error with the EWS code', () => {
    let err: unknown;
    try {
      parseSoapResponse(fixture('SoapFault.xml'), 500);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EwsError);
    expect((err as EwsError).kind).toBe('bad-input');
    expect((err as EwsError).code).toBe('ErrorSchemaValidation');
    expect((err as EwsError).httpStatus).toBe(500);
  });

  it("keeps a huge fault's server text out of the message, truncated for the log only", () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const xml = fixture('SoapFault.xml')
      .replace(/<faultstring([^>]*)>[^<]*</, `<faultstring$1>${huge}<`)
      .replace(/(<e:ResponseCode[^>]*>)ErrorSchemaValidation/, '$1ErrorSchemaValidation');
    const e = thrown(() => parseSoapResponse(xml, 500));
    expect(e.kind).toBe('bad-input');
    expect(e.code).toBe('ErrorSchemaValidation');
    expect(e.message).toBe('Exchange refused the request as invalid. (ErrorSchemaValidation)');
    expect(e.serverText).toHaveLength(501);
    expect(e.serverText!.endsWith('…')).toBe(true);
    expect(e.toRosterError()).toEqual({
      kind: 'bad-input',
      code: 'ErrorSchemaValidation',
      message: 'Exchange refused the request as invalid. (ErrorSchemaValidation)',
    });
  });

  it('does not take a code that is not one (a 5 MB faultcode) as the error code', () => {
    const xml = fixture('SoapFault.xml')
      .replace(/<faultcode([^>]*)>[^<]*</, `<faultcode$1>a:${'<&>'.replace(/./g, 'y').repeat(2_000_000)}<`)
      .replace(/<detail>[\s\S]*<\/detail>/, '');
    const e = thrown(() => parseSoapResponse(xml, 500));
    expect(e.kind).toBe('server');
    expect(e.code).toBe('SoapFault');
    expect(e.message.length).toBeLessThan(200);
  });

  it('reads ErrorServerBusy with BackOffMilliseconds', () => {
    const r = parseSoapResponse(fixture('ErrorServerBusy.xml'));
    const [m] = responseMessages(r.body);
    expect(m).toMatchObject({ responseClass: 'Error', code: 'ErrorServerBusy', backOffMs: 2500 });
    expect(thrown(() => singleResponse(r.body))).toMatchObject({
      kind: 'throttled',
      code: 'ErrorServerBusy',
      retryAfterMs: 2500,
    });
  });

  it('reads the back-off of ErrorServerBusy sent as a SOAP fault (HTTP 500), as Exchange throttles', () => {
    expect(thrown(() => parseSoapResponse(fixture('ErrorServerBusy-fault.xml'), 500))).toMatchObject({
      kind: 'throttled',
      code: 'ErrorServerBusy',
      retryAfterMs: 29774,
      httpStatus: 500,
    });
  });

  it('treats elements named like object members as data, even with collectors', () => {
    const seen: string[] = [];
    const root = parseXml('<a><constructor>x</constructor><toString/><__proto__/><b>y</b></a>', {
      b: (e) => seen.push(e.text),
    });
    expect(seen).toEqual(['y']);
    expect(root.children.map((c) => c.name)).toEqual(['constructor', 'toString', '__proto__']);
  });

  it('refuses malformed XML as a server error', () => {
    expect(() => parseSoapResponse(fixture('malformed.xml'))).toThrow(
      expect.objectContaining({ kind: 'server', code: 'MalformedResponse' }),
    );
  });

  // How fast the refusal is belongs in the bench (test/bench/soap-memory.bench.ts); here, that the
  // refusal comes from the DTD itself, before any entity could be expanded.
  it('refuses a DTD with entity declarations (billion laughs) without expanding it', () => {
    expect(() => parseSoapResponse(fixture('billion-laughs.xml'))).toThrow(
      expect.objectContaining({
        kind: 'server',
        code: 'MalformedResponse',
        message: expect.stringContaining('document type') as unknown as string,
      }),
    );
  });

  it('refuses an undeclared entity and a non-envelope root', () => {
    expect(() => parseXml('<a>&foo;</a>')).toThrow(expect.objectContaining({ code: 'MalformedResponse' }));
    expect(() => parseSoapResponse('<html><body>login</body></html>')).toThrow(
      expect.objectContaining({ code: 'MalformedResponse' }),
    );
  });

  it('refuses an answer holding more elements than any EWS answer needs, counting only those kept', () => {
    const tiny = `<a>${'<x/>'.repeat(MAX_XML_ELEMENTS + 1)}</a>`;
    expect(() => parseXml(tiny)).toThrow(
      expect.objectContaining({
        kind: 'server',
        code: 'ResponseTooComplex',
        message: expect.stringMatching(
          /Exchange sent an answer with more than [\d,]+ parts/,
        ) as unknown as string,
      }),
    );
    // Elements handed to a collector are dropped as they close, so they do not count.
    let collected = 0;
    expect(parseXml(tiny, { x: () => void collected++ }).children).toEqual([]);
    expect(collected).toBe(MAX_XML_ELEMENTS + 1);
  });

  it('refuses an element with more attributes than any EWS element has', () => {
    const attrs = Array.from({ length: 1000 }, (_, i) => `a${i}="1"`).join(' ');
    expect(() => parseXml(`<a ${attrs}/>`)).toThrow(expect.objectContaining({ code: 'MalformedResponse' }));
  });

  it('hands collected elements over as they close and drops them from the tree', () => {
    const seen: string[] = [];
    const root = parseXml(fixture('GetImItemList.xml'), {
      Persona: (e) => seen.push(e.children.find((c) => c.name === 'DisplayName')!.text),
    });
    expect(seen).toEqual(['Anthony Smith', 'Терентий Адамов']);
    const personas = root.children[1]!.children[0]!.children[1]!.children[1]!;
    expect(personas.name).toBe('Personas');
    expect(personas.children).toEqual([]);
  });

  it('parses a document split into chunks at any byte, multibyte characters included', async () => {
    const text = fixture('GetImItemList.xml');
    const bytes = Buffer.from(text, 'utf8');
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 7) yield await Promise.resolve(bytes.subarray(i, i + 7));
    }
    const streamed = await parseXmlStream(chunks());
    expect(streamed).toEqual(parseXml(text));
  });
});
