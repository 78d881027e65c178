/**
 * What the reader tells a user or a log reader when it refuses an answer (the exact words of each
 * refusal), the element cap once elements were collected, namespace scopes around typed and closed
 * elements, and the end of a streamed body. Every document is built inside its test.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MAX_XML_ELEMENTS,
  NS_MESSAGES,
  NS_SOAP,
  NS_SOAP12,
  NS_TYPES,
  child,
  parseSoapResponse,
  parseXml,
  parseXmlStream,
  readResponseMessage,
  responseMessageError,
  type ItemReader,
} from '../../../../main/exchange/soap';
import { thrown } from './thrown';

/** The message of a malformed answer, as the user sees it. */
function malformedMessage(detail: string): string {
  return `Exchange sent a malformed response (${detail}). Try again later; if it keeps happening, tell your IT department.`;
}

/** A reader that only counts the elements it is handed. */
function countingReader(): ItemReader {
  let n = 0;
  return {
    spec: { id: 'count' },
    open: () => void n++,
    text: () => undefined,
    close: () => undefined,
    result: () => n,
  };
}

describe('what a refused answer says', () => {
  it.each<[string, (s: string, m: string) => string, string]>([
    [
      'a root that is not an Envelope, even in the SOAP namespace',
      (s, m) => `<s:Answer xmlns:s="${s}"><s:Body><m:R xmlns:m="${m}"/></s:Body></s:Answer>`,
      'not a SOAP envelope',
    ],
    ['an HTML page', () => '<html><body>login</body></html>', 'not a SOAP envelope'],
    [
      'an Envelope in no namespace',
      (_s, m) => `<Envelope><Body><m:R xmlns:m="${m}"/></Body></Envelope>`,
      'not a SOAP 1.1 envelope',
    ],
    [
      'an Envelope in another namespace',
      (_s, m) => `<x:Envelope xmlns:x="urn:other"><x:Body><m:R xmlns:m="${m}"/></x:Body></x:Envelope>`,
      'not a SOAP 1.1 envelope',
    ],
    [
      'a SOAP 1.2 envelope',
      (_s, m) => `<s:Envelope xmlns:s="${NS_SOAP12}"><s:Body><m:R xmlns:m="${m}"/></s:Body></s:Envelope>`,
      'a SOAP 1.2 envelope, not SOAP 1.1',
    ],
    [
      'a Header from another namespace',
      (s, m) =>
        `<s:Envelope xmlns:s="${s}" xmlns:x="urn:other"><x:Header/><s:Body><m:R xmlns:m="${m}"/></s:Body></s:Envelope>`,
      'SOAP header outside the SOAP 1.1 namespace',
    ],
    ['no Body', (s) => `<s:Envelope xmlns:s="${s}"><s:Header/></s:Envelope>`, 'no SOAP body'],
    [
      'a Body from another namespace',
      (s, m) =>
        `<s:Envelope xmlns:s="${s}" xmlns:x="urn:other"><x:Body><m:R xmlns:m="${m}"/></x:Body></s:Envelope>`,
      'SOAP body outside the SOAP 1.1 namespace',
    ],
    [
      'an empty Body',
      (s) => `<s:Envelope xmlns:s="${s}"><s:Body>  </s:Body></s:Envelope>`,
      'empty SOAP body',
    ],
    [
      'a Fault from another namespace',
      (s) =>
        `<s:Envelope xmlns:s="${s}"><s:Body><x:Fault xmlns:x="urn:other"><faultcode>a:ErrorAccessDenied</faultcode></x:Fault></s:Body></s:Envelope>`,
      'a fault outside the SOAP 1.1 namespace',
    ],
  ])('%s', (_w, make, detail) => {
    const e = thrown(() => parseSoapResponse(make(NS_SOAP, NS_MESSAGES), 200));
    expect(e).toMatchObject({ kind: 'server', code: 'MalformedResponse', message: malformedMessage(detail) });
  });

  it('a Header in the SOAP namespace and a Body: the answer is read', () => {
    const xml = `<s:Envelope xmlns:s="${NS_SOAP}"><s:Header/><s:Body><m:R xmlns:m="${NS_MESSAGES}"/></s:Body></s:Envelope>`;
    expect(parseSoapResponse(xml).body.name).toBe('R');
  });

  it.each<[string, string, string]>([
    ['without ResponseClass', '<M/>', 'a response message without ResponseClass'],
    ['with an unknown ResponseClass', '<M ResponseClass="Succes"/>', 'an unknown ResponseClass'],
  ])('a response message %s', (_w, xml, detail) => {
    expect(thrown(() => readResponseMessage(parseXml(xml)))).toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
      message: malformedMessage(detail),
    });
  });

  it('an element with more attributes than any EWS element has', () => {
    const attrs = Array.from({ length: 65 }, (_, i) => ` a${i}="${i}"`).join('');
    expect(thrown(() => parseXml(`<R${attrs}/>`))).toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
      message: malformedMessage('too many attributes'),
    });
  });
});

describe('a collector that fails', () => {
  // A collector's own failure is a malformed answer; its detail is its first line, cut at 100.
  it.each<[string, unknown, string]>([
    ['an Error: its first line', new Error('bad persona\nat line 2'), 'bad persona'],
    ['an Error of 100 characters: kept whole', new Error('d'.repeat(100)), 'd'.repeat(100)],
    ['an Error of 101 characters: cut at 100', new Error('d'.repeat(101)), `${'d'.repeat(100)}…`],
    ['an Error of 5,000 characters: cut at 100', new Error('e'.repeat(5_000)), `${'e'.repeat(100)}…`],
    ['something that is not an Error', 'not an error', 'parse error'],
  ])('throwing %s', (_w, failure, detail) => {
    const e = thrown(() =>
      parseXml('<R><P/></R>', {
        P: () => {
          throw failure;
        },
      }),
    );
    expect(e).toMatchObject({ kind: 'server', code: 'MalformedResponse', message: malformedMessage(detail) });
    expect(e.cause).toBe(failure);
  });
});

describe('the element cap, once elements were collected', () => {
  it('a tree of exactly the cap is read, what was collected (a subtree, a typed item) no longer counted', () => {
    const xml = `<R><A><b/></A><Item/>${'<x/>'.repeat(MAX_XML_ELEMENTS - 1)}</R>`;
    const taken: string[] = [];
    const root = parseXml(
      xml,
      { A: (e) => taken.push(e.name), Item: (e) => taken.push(e.name) },
      { Item: countingReader() },
    );
    expect(taken).toEqual(['A', 'Item']);
    expect(root.children).toHaveLength(MAX_XML_ELEMENTS - 1);
  });

  it('one element more than the cap is still refused after a collection', () => {
    const xml = `<R><A><b/></A>${'<x/>'.repeat(MAX_XML_ELEMENTS)}</R>`;
    expect(thrown(() => parseXml(xml, { A: () => undefined }))).toMatchObject({
      kind: 'server',
      code: 'ResponseTooComplex',
    });
  });
});

describe('namespace scopes', () => {
  it('an element closed at the envelope levels takes its declarations with it', () => {
    // R, A and B are levels 0 and 1; X and C level 2, where namespaces are still resolved.
    const root = parseXml('<R xmlns="urn:r"><A xmlns="urn:a"><X/></A><B><C/></B></R>');
    expect(child(child(root, 'A'), 'X')?.ns).toBe('urn:a');
    expect(child(child(root, 'B'), 'C')?.ns).toBe('urn:r');
  });

  it('a typed item at the envelope levels takes its declarations with it', () => {
    const root = parseXml('<R xmlns="urn:r"><Item xmlns="urn:item"/><B><C/></B></R>', undefined, {
      Item: countingReader(),
    });
    expect(child(root, 'Item')?.value).toBe(1);
    expect(child(child(root, 'B'), 'C')?.ns).toBe('urn:r');
  });

  it('a typed item below the envelope levels leaves the scopes above it as they were', () => {
    const root = parseXml(
      '<R xmlns="urn:r"><A xmlns="urn:a"><B xmlns="urn:b"><X><Item/></X></B><C/></A></R>',
      undefined,
      { Item: countingReader() },
    );
    const a = child(root, 'A');
    expect(child(child(child(a, 'B'), 'X'), 'Item')?.value).toBe(1);
    expect(child(a, 'C')?.ns).toBe('urn:a');
  });

  it('an empty prefix is stripped like any other', () => {
    // A name not seen before: names are interned once read.
    const local = `Item${randomUUID().replaceAll('-', '')}`;
    expect(parseXml(`<R><:${local}/></R>`).children[0]?.name).toBe(local);
  });
});

describe('server version and errors, exactly', () => {
  it('a ServerVersionInfo without Version has no version', () => {
    const xml = `<s:Envelope xmlns:s="${NS_SOAP}"><s:Header><h:ServerVersionInfo xmlns:h="${NS_TYPES}" MajorVersion="15" MinorVersion="2" MajorBuildNumber="1118" MinorBuildNumber="7"/></s:Header><s:Body><m:R xmlns:m="${NS_MESSAGES}"/></s:Body></s:Envelope>`;
    expect(parseSoapResponse(xml).serverVersion).toStrictEqual({
      majorVersion: 15,
      minorVersion: 2,
      majorBuildNumber: 1118,
      minorBuildNumber: 7,
    });
  });

  it('a response message error carries its back-off of zero', () => {
    const info = readResponseMessage(
      parseXml(
        '<M ResponseClass="Error"><ResponseCode>ErrorServerBusy</ResponseCode><MessageXml><Value Name="BackOffMilliseconds">0</Value></MessageXml></M>',
      ),
    );
    expect(responseMessageError(info)).toMatchObject({
      kind: 'throttled',
      code: 'ErrorServerBusy',
      retryAfterMs: 0,
    });
  });
});

describe('the end of a streamed body', () => {
  it('a body that ends inside a UTF-8 character is refused', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(new TextEncoder().encode('<a/>'));
      yield Uint8Array.of(0xc3);
    }
    await expect(parseXmlStream(chunks())).rejects.toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
      message: malformedMessage('text after the root element'),
    });
  });
});
