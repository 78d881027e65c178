/**
 * The XML writer's escaping, the reader's limits and tree shape, the navigation helpers, and the
 * rules that turn a fault or a response message into what the caller gets, one row per case.
 */
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import {
  NS_MESSAGES,
  NS_SOAP,
  XmlFragment,
  XmlTreeReader,
  buildEnvelope,
  child,
  childText,
  childrenNamed,
  el,
  ensureSuccess,
  escapeAttr,
  escapeText,
  faultToError,
  findFirst,
  formatServerVersion,
  frag,
  parseSoapResponse,
  parseXml,
  parseXmlStream,
  path,
  readResponseMessage,
  responseMessages,
  singleResponse,
  type ItemReader,
  type XElement,
} from '../../../../main/exchange/soap';
import { thrown } from './thrown';

describe('escaping', () => {
  it.each<[string, string, string]>([
    ['markup characters', 'a<b>&c', 'a&lt;b&gt;&amp;c'],
    ['NUL and the C0 controls XML cannot carry', 'a\u0000\u0001\u0008\u000B\u000C\u000E\u001Fb', 'ab'],
    ['tab, line feed and carriage return are kept', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['the two non-characters', 'a\uFFFE\uFFFFb', 'ab'],
    ['a lone high surrogate', 'a\uD83Db', 'ab'],
    ['a lone low surrogate', 'a\uDE00b', 'ab'],
    ['a high surrogate at the end', 'a\uD83D', 'a'],
    ['a pair is kept', 'a\uD83D\uDE00b', 'a\uD83D\uDE00b'],
    ['every occurrence', '<<&&>>', '&lt;&lt;&amp;&amp;&gt;&gt;'],
    ['quotes stay as they are in text', `"'`, `"'`],
  ])('text: %s', (_w, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['quotes', `a"b'c"'`, 'a&quot;b&apos;c&quot;&apos;'],
    [
      'whitespace that attribute normalisation would eat',
      'a\tb\nc\rd\t\n\r',
      'a&#9;b&#10;c&#13;d&#9;&#10;&#13;',
    ],
    ['markup and dropped characters, as in text', '<&>\u0000', '&lt;&amp;&gt;'],
  ])('attribute: %s', (_w, input, expected) => {
    expect(escapeAttr(input)).toBe(expected);
  });

  it('a value written as an attribute reads back the same', () => {
    const value = `a"b'c\td\ne\rf<&>`;
    expect(parseXml(el('x', { v: value }).xml).attrs.v).toBe(value);
  });
});

describe('el', () => {
  // Each row builds its fragment inside the test (a table evaluated at load would run before it).
  it.each<[string, () => XmlFragment, string]>([
    ['no children: self-closing', () => el('t:A'), '<t:A/>'],
    ['only absent children: self-closing', () => el('t:A', null, null, undefined, []), '<t:A/>'],
    ['a null child is left out', () => el('A', null, 'a', null, 'b'), '<A>ab</A>'],
    ['an undefined child is left out', () => el('A', null, 'a', undefined, 'b'), '<A>ab</A>'],
    [
      'attributes in order, absent ones left out',
      () => el('A', { x: 1, y: null, z: undefined, w: true }),
      '<A x="1" w="true"/>',
    ],
    ['a null attribute is left out', () => el('A', { y: null }), '<A/>'],
    ['an undefined attribute is left out', () => el('A', { z: undefined }), '<A/>'],
    ['an empty string attribute is kept', () => el('A', { x: '' }), '<A x=""/>'],
    ['text, numbers and booleans', () => el('A', null, 'a&b', 0, false), '<A>a&amp;b0false</A>'],
    ['an empty string child makes an open and close tag', () => el('A', null, ''), '<A></A>'],
    ['nested arrays are flattened', () => el('A', null, ['x', ['y', el('B')]]), '<A>xy<B/></A>'],
    ['fragments are written as markup', () => el('A', null, new XmlFragment('<B/>')), '<A><B/></A>'],
    ['frag joins without wrapping', () => el('A', null, frag('a', el('B'), null, ['<'])), '<A>a<B/>&lt;</A>'],
    ['frag alone joins its parts with nothing between them', () => frag('a', el('B'), 'c'), 'a<B/>c'],
  ])('%s', (_w, make, xml) => {
    const f = make();
    expect(f.xml).toBe(xml);
    expect(String(f)).toBe(xml);
  });

  it('frag of nothing is empty', () => {
    expect(frag().xml).toBe('');
  });

  it.each(['', '1A', 'a b', 'a:b:c', ':a', 'a:', '-a', 'a>'])('refuses the element name %j', (name) => {
    expect(thrown(() => el(name))).toMatchObject({
      kind: 'bad-input',
      code: 'XmlName',
      message: 'Invalid XML element name.',
    });
  });

  it.each(['_a', 'a.b-c_1', 't:Item', 'xmlns:t'])('accepts the name %j', (name) => {
    expect(el(name).xml).toBe(`<${name}/>`);
  });

  it.each(['a b', '1x', 'a="x" onload', ''])('refuses the attribute name %j', (name) => {
    expect(thrown(() => el('A', { [name]: 'x' }))).toMatchObject({
      kind: 'bad-input',
      code: 'XmlName',
      message: 'Invalid XML attribute name.',
    });
  });
});

describe('buildEnvelope', () => {
  it('declares the SOAP, types and messages namespaces and asks for Exchange2013 by default', () => {
    const xml = buildEnvelope(el('m:GetImItemList'));
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><soap:Envelope ')).toBe(true);
    const root = parseXml(xml);
    expect(root.ns).toBe(NS_SOAP);
    expect(path(root, 'Header', 'RequestServerVersion')?.attrs).toEqual({ Version: 'Exchange2013' });
    expect(path(root, 'Body', 'GetImItemList')).toBeDefined();
  });

  it.each<[string, { requestServerVersion?: string; impersonateSmtp?: string }, string, string[]]>([
    [
      'a version asked for',
      { requestServerVersion: 'Exchange2016' },
      'Exchange2016',
      ['RequestServerVersion'],
    ],
    [
      'no impersonation for an empty address',
      { impersonateSmtp: '' },
      'Exchange2013',
      ['RequestServerVersion'],
    ],
  ])('%s', (_w, options, version, names) => {
    const root = parseXml(buildEnvelope(el('m:X'), options));
    expect(child(root, 'Header')?.children.map((c) => c.name)).toEqual(names);
    expect(path(root, 'Header', 'RequestServerVersion')?.attrs.Version).toBe(version);
  });
});

describe('navigation', () => {
  // The tree is parsed inside each test, and each row asks it there.
  const parse = (): XElement => parseXml('<r><a n="1"><c>deep</c></a><b>x</b><a n="2"/><c>shallow</c></r>');
  it.each<[string, (tree: XElement) => unknown, (tree: XElement) => unknown]>([
    ['child: the first of its name', (t) => child(t, 'a')?.attrs.n, () => '1'],
    ['child: none', (t) => child(t, 'z'), () => undefined],
    ['child of nothing', () => child(undefined, 'a'), () => undefined],
    ['childrenNamed: all, in order', (t) => childrenNamed(t, 'a').map((e) => e.attrs.n), () => ['1', '2']],
    ['childrenNamed of nothing', () => childrenNamed(undefined, 'a'), () => []],
    ['childText', (t) => childText(t, 'b'), () => 'x'],
    ['childText of an empty element', (t) => childText(t, 'a'), () => ''],
    ['childText absent', (t) => childText(t, 'z'), () => undefined],
    ['path', (t) => path(t, 'a', 'c')?.text, () => 'deep'],
    ['path, a step missing', (t) => path(t, 'z', 'c'), () => undefined],
    ['path of no steps is the element', (t) => path(t), (t) => t],
    ['findFirst: depth first', (t) => findFirst(t, 'c')?.text, () => 'deep'],
    ['findFirst: a descendant, not the element itself', (t) => findFirst(t, 'b')?.text, () => 'x'],
    ['findFirst: the element itself', (t) => findFirst(t, 'r'), (t) => t],
    ['findFirst: none', (t) => findFirst(t, 'zz'), () => undefined],
    ['findFirst of nothing', () => findFirst(undefined, 'c'), () => undefined],
  ])('%s', (_w, actual, expected) => {
    const tree = parse();
    expect(actual(tree)).toStrictEqual(expected(tree));
  });
});

describe('the tree', () => {
  it('strips prefixes from names and attributes, and keeps xmlns declarations out of attributes', () => {
    const root = parseXml('<a:R xmlns:a="urn:a" xmlns="urn:d" a:x="1" y="2"><a:C/></a:R>');
    expect(root).toMatchObject({ name: 'R', attrs: { x: '1', y: '2' } });
    expect(Object.keys(root.attrs)).toEqual(['x', 'y']);
    expect(root.children[0]!.name).toBe('C');
  });

  it('resolves namespaces on the envelope levels only (root, its children, theirs), inherited', () => {
    const root = parseXml(
      '<s:E xmlns:s="urn:s" xmlns="urn:d"><s:B><m:A xmlns:m="urn:m"><m:D><x/></m:D></m:A><y/></s:B><z/></s:E>',
    );
    const b = child(root, 'B')!;
    expect([root.ns, b.ns, child(b, 'A')?.ns, child(b, 'y')?.ns, child(root, 'z')?.ns]).toEqual([
      'urn:s',
      'urn:s',
      'urn:m',
      'urn:d',
      'urn:d',
    ]);
    expect(path(b, 'A', 'D')?.ns).toBeUndefined();
    expect('ns' in path(b, 'A', 'D', 'x')!).toBe(false);
    // An undeclared prefix resolves to nothing.
    expect('ns' in parseXml('<p:R/>')).toBe(false);
  });

  it('a sibling does not see a namespace declared on the element before it', () => {
    const root = parseXml('<R><A xmlns:m="urn:m"/><m:B/></R>');
    expect(child(root, 'A')?.ns).toBeUndefined();
    expect(child(root, 'B')?.ns).toBeUndefined();
    const inner = parseXml('<R xmlns="urn:r"><A xmlns="urn:a"/><B/></R>');
    expect([child(inner, 'A')?.ns, child(inner, 'B')?.ns]).toEqual(['urn:a', 'urn:r']);
  });

  it('keeps the text of a leaf (CDATA included) and drops the whitespace of an element with children', () => {
    const root = parseXml('<R>\n  <A>a<![CDATA[<b>]]>c</A>\n  <B> </B>\n</R>');
    expect(root.text).toBe('');
    expect(root.children.map((c) => c.text)).toEqual(['a<b>c', ' ']);
    const mixed = parseXml('<R>before<A/>after</R>');
    expect(mixed.text).toBe('');
  });

  it.each<[string, string, string]>([
    ['nested 201 deep', `${'<a>'.repeat(201)}${'</a>'.repeat(201)}`, 'nesting too deep'],
    // saxes refuses these itself, before our own checks
    ['two roots', '<a/><b/>', ''],
    ['an empty document', '', ''],
    ['only a declaration', '<?xml version="1.0"?>', ''],
    ['a processing instruction', '<?xml-stylesheet href="x"?><a/>', 'processing instruction'],
    ['a processing instruction inside', '<a><?php echo 1 ?></a>', 'processing instruction'],
    ['an unclosed element', '<a><b></a>', ''],
    ['a truncated document', '<a><b>', ''],
  ])('refuses %s', (_w, xml, detail) => {
    const e = thrown(() => parseXml(xml));
    expect(e).toMatchObject({ kind: 'server', code: 'MalformedResponse' });
    expect(e.message).toContain(detail ? `(${detail})` : '');
  });

  it('reads an element 200 deep', () => {
    const xml = `${'<a>'.repeat(200)}x${'</a>'.repeat(200)}`;
    expect(findFirst(parseXml(xml), 'a')).toBeDefined();
  });

  it('cuts a parser detail to 100 characters in the message', () => {
    const e = thrown(() => parseXml(`<${'a'.repeat(300)}>`));
    const detail = /\((.*)\)\./.exec(e.message)?.[1] ?? '';
    expect(detail.length).toBeLessThanOrEqual(101);
  });

  it.each([1, 64])('reads %i attributes', (n) => {
    const attrs = Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('');
    expect(Object.keys(parseXml(`<R${attrs}/>`).attrs)).toHaveLength(n);
  });

  it('once failed, stays failed with the same error', () => {
    const r = new XmlTreeReader();
    const first = thrown(() => r.write('<a></b>'));
    expect(thrown(() => r.write('<c/>'))).toBe(first);
    expect(thrown(() => r.close())).toBe(first);
  });

  it('a failure met on close is a malformed answer with the parser detail', () => {
    const r = new XmlTreeReader();
    r.write('<a>');
    const e = thrown(() => r.close());
    expect(e).toMatchObject({ code: 'MalformedResponse' });
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('reads chunks as bytes or strings, decoding a character split across chunks', async () => {
    const bytes = Buffer.from('<a>é€😀</a>', 'utf8');
    async function* chunks(): AsyncGenerator<Uint8Array | string> {
      yield await Promise.resolve(bytes.subarray(0, 4));
      yield bytes.subarray(4, 9);
      yield bytes.subarray(9);
      yield '<!-- a string chunk -->';
    }
    expect((await parseXmlStream(chunks())).text).toBe('é€😀');
  });
});

describe('typed elements (ItemReader)', () => {
  function counter(): ItemReader & { events: string[] } {
    const events: string[] = [];
    let n = 0;
    return {
      events,
      spec: { id: 'counter' },
      open: (q) => {
        n++;
        events.push(`open ${q}`);
      },
      text: (t) => void events.push(`text ${t}`),
      close: () => void events.push('close'),
      result: () => n,
    };
  }

  it('reads an element below the root into a value, keeping a stand-in without children', () => {
    const reader = counter();
    const root = parseXml('<R><m:Item a="1"><t:X>x</t:X><t:Y/></m:Item><Other/></R>', undefined, {
      Item: reader,
    });
    expect(root.children.map((c) => c.name)).toEqual(['Item', 'Other']);
    const item = root.children[0]!;
    expect(item).toMatchObject({ value: 3, readBy: { id: 'counter' }, children: [] });
    expect(reader.events).toEqual([
      'open m:Item',
      'open t:X',
      'text x',
      'close',
      'open t:Y',
      'close',
      'close',
    ]);
  });

  it('does not read the root itself, nor an element named like an object member', () => {
    const reader = counter();
    const root = parseXml('<Item><constructor/></Item>', undefined, { Item: reader });
    expect(root.value).toBeUndefined();
    expect(reader.events).toEqual([]);
    expect(root.children[0]!.name).toBe('constructor');
  });

  it('hands a typed item to a collector of its name and drops it from the tree', () => {
    const taken: XElement[] = [];
    const root = parseXml(
      '<R><Item/><Item/><Keep/></R>',
      { Item: (e) => taken.push(e) },
      { Item: counter() },
    );
    expect(taken.map((e) => e.value)).toEqual([1, 2]);
    expect(root.children.map((c) => c.name)).toEqual(['Keep']);
  });

  it('bounds nesting inside a typed item too', () => {
    const xml = `<R><Item>${'<a>'.repeat(199)}${'</a>'.repeat(199)}</Item></R>`;
    expect(thrown(() => parseXml(xml, undefined, { Item: counter() })).message).toContain('nesting too deep');
    const ok = `<R><Item>${'<a>'.repeat(198)}${'</a>'.repeat(198)}</Item></R>`;
    expect(parseXml(ok, undefined, { Item: counter() }).children[0]!.value).toBe(199);
  });

  it('a collected element frees its place: the element cap counts only what is kept', () => {
    const root = parseXml('<R><A><b/><c/></A><D/></R>', { A: () => undefined });
    expect(root.children.map((c) => c.name)).toEqual(['D']);
  });
});

describe('server version', () => {
  const env = (info: string): string =>
    `<s:Envelope xmlns:s="${NS_SOAP}"><s:Header>${info}</s:Header><s:Body><m:R xmlns:m="${NS_MESSAGES}"/></s:Body></s:Envelope>`;
  it.each<[string, string, unknown]>([
    [
      'all four numbers, no Version',
      '<h:ServerVersionInfo xmlns:h="t" MajorVersion="15" MinorVersion="2" MajorBuildNumber="1118" MinorBuildNumber="7"/>',
      { majorVersion: 15, minorVersion: 2, majorBuildNumber: 1118, minorBuildNumber: 7 },
    ],
    [
      'missing and unreadable numbers are 0',
      '<h:ServerVersionInfo xmlns:h="t" MajorVersion="x" Version="V2018_01_08"/>',
      { majorVersion: 0, minorVersion: 0, majorBuildNumber: 0, minorBuildNumber: 0, version: 'V2018_01_08' },
    ],
    ['no ServerVersionInfo', '', undefined],
  ])('%s', (_w, info, expected) => {
    const r = parseSoapResponse(env(info));
    expect(r.serverVersion).toEqual(expected);
    expect('serverVersion' in r).toBe(expected !== undefined);
  });

  it.each<[string, Parameters<typeof formatServerVersion>[0], string | undefined]>([
    [
      'dotted',
      { majorVersion: 15, minorVersion: 1, majorBuildNumber: 2507, minorBuildNumber: 6 },
      '15.1.2507.6',
    ],
    ['none', undefined, undefined],
  ])('formats %s', (_w, v, expected) => {
    expect(formatServerVersion(v)).toBe(expected);
  });
});

describe('faultToError', () => {
  const fault = (inner: string): XElement => parseXml(`<Fault>${inner}</Fault>`);
  it.each<[string, string, Record<string, unknown>]>([
    [
      'the detail ResponseCode first',
      '<faultcode>a:ErrorAccessDenied</faultcode><faultstring> Denied </faultstring><detail><e:ResponseCode>ErrorInvalidIdMalformed</e:ResponseCode><m:ErrorCode>ErrorAccessDenied</m:ErrorCode></detail>',
      { code: 'ErrorInvalidIdMalformed', serverText: 'Denied' },
    ],
    [
      'then the detail ErrorCode',
      '<faultcode>s:Client</faultcode><detail><ErrorCode> ErrorAccessDenied </ErrorCode></detail>',
      { code: 'ErrorAccessDenied' },
    ],
    [
      'then the fault code, prefix dropped',
      '<faultcode>a:ErrorSchemaValidation</faultcode>',
      { code: 'ErrorSchemaValidation' },
    ],
    [
      'a ResponseCode that is not one is passed over',
      '<faultcode>a:ErrorServerBusy</faultcode><detail><ResponseCode>Not A Code</ResponseCode></detail>',
      { code: 'ErrorServerBusy', kind: 'throttled' },
    ],
    [
      "SOAP's own Client code: an invalid request, with the server's words",
      '<faultcode>soap:Client</faultcode><faultstring>bad</faultstring>',
      { kind: 'bad-input', code: 'SoapFault', httpStatus: 500, serverText: 'bad' },
    ],
    [
      "SOAP's own Server code: a server error",
      '<faultcode>soap:Server</faultcode>',
      { kind: 'server', code: 'SoapFault' },
    ],
    ["SOAP 1.2's Sender name is not a code either", '<faultcode>Sender</faultcode>', { code: 'SoapFault' }],
    ['no code at all', '', { code: 'SoapFault' }],
    [
      'a detail ResponseCode with spaces around it',
      '<detail><ResponseCode> ErrorInvalidIdMalformed </ResponseCode></detail>',
      { kind: 'bad-input', code: 'ErrorInvalidIdMalformed' },
    ],
    [
      'a fault code with spaces around it',
      '<faultcode> a:ErrorSchemaValidation </faultcode>',
      { kind: 'bad-input', code: 'ErrorSchemaValidation' },
    ],
    [
      "SOAP's own Client code with spaces around it",
      '<faultcode>\n  soap:Client\n</faultcode>',
      {
        kind: 'bad-input',
        code: 'SoapFault',
        message: 'Exchange refused the request as invalid. (SoapFault)',
      },
    ],
    [
      'the detail Message when there is no faultstring',
      '<faultcode>a:ErrorServerBusy</faultcode><detail><Message>Slow down</Message></detail>',
      { code: 'ErrorServerBusy', serverText: 'Slow down' },
    ],
  ])('%s', (_w, inner, expected) => {
    expect(faultToError(fault(inner), 500)).toMatchObject({ httpStatus: 500, ...expected });
  });

  it('a Client fault without a status or text says nothing it does not have', () => {
    const e = faultToError(fault('<faultcode>Client</faultcode><faultstring>  </faultstring>'));
    expect(e).toMatchObject({
      kind: 'bad-input',
      code: 'SoapFault',
      message: 'Exchange refused the request as invalid. (SoapFault)',
    });
    expect(e.httpStatus).toBeUndefined();
    expect(e.serverText).toBeUndefined();
  });

  it.each<[string, string, number | undefined]>([
    ['read', '<Value Name="BackOffMilliseconds">2500</Value>', 2500],
    ['zero', '<Value Name="BackOffMilliseconds">0</Value>', 0],
    ['negative: ignored', '<Value Name="BackOffMilliseconds">-5</Value>', undefined],
    ['not a number: ignored', '<Value Name="BackOffMilliseconds">soon</Value>', undefined],
    ['another value: ignored', '<Value Name="Other">2500</Value>', undefined],
    ['another element: ignored', '<Other Name="BackOffMilliseconds">2500</Other>', undefined],
  ])('BackOffMilliseconds in a fault: %s', (_w, value, expected) => {
    const e = faultToError(
      fault(`<faultcode>a:ErrorServerBusy</faultcode><detail><MessageXml>${value}</MessageXml></detail>`),
    );
    expect(e.retryAfterMs).toBe(expected);
  });
});

describe('response messages', () => {
  const msg = (inner: string, cls = ' ResponseClass="Error"'): XElement => parseXml(`<M${cls}>${inner}</M>`);
  it.each<[string, string, string, Record<string, unknown>]>([
    ['a Success without a code is NoError', '', ' ResponseClass="Success"', { code: 'NoError' }],
    [
      'an Error without a code is an internal error',
      '',
      ' ResponseClass="Error"',
      { code: 'ErrorInternalServerError' },
    ],
    [
      'a Warning without a code is an internal error',
      '',
      ' ResponseClass="Warning"',
      { code: 'ErrorInternalServerError' },
    ],
    [
      'the code trimmed',
      '<ResponseCode> ErrorItemNotFound </ResponseCode>',
      ' ResponseClass="Error"',
      { code: 'ErrorItemNotFound' },
    ],
    [
      'a code that is not one',
      '<ResponseCode>Oops it broke</ResponseCode>',
      ' ResponseClass="Error"',
      { code: 'UnrecognisedResponseCode' },
    ],
    [
      'the text trimmed',
      '<MessageText> Not found. </MessageText>',
      ' ResponseClass="Error"',
      { text: 'Not found.' },
    ],
    [
      'the back-off',
      '<MessageXml><Value Name="Other">1</Value><Value Name="BackOffMilliseconds">700</Value></MessageXml>',
      ' ResponseClass="Error"',
      { backOffMs: 700 },
    ],
    [
      'the back-off, not another value nor another element named like it after it',
      '<MessageXml><Value Name="BackOffMilliseconds">700</Value><Value Name="Other">1</Value><Other Name="BackOffMilliseconds">2</Other></MessageXml>',
      ' ResponseClass="Error"',
      { backOffMs: 700 },
    ],
    [
      'a back-off of zero',
      '<MessageXml><Value Name="BackOffMilliseconds">0</Value></MessageXml>',
      ' ResponseClass="Error"',
      { backOffMs: 0 },
    ],
  ])('%s', (_w, inner, cls, expected) => {
    expect(readResponseMessage(msg(inner, cls))).toMatchObject(expected);
  });

  it.each([
    ['negative', '-1'],
    ['not a number', 'x'],
  ])('a %s back-off is not kept', (_w, v) => {
    const info = readResponseMessage(
      msg(`<MessageXml><Value Name="BackOffMilliseconds">${v}</Value></MessageXml>`),
    );
    expect('backOffMs' in info).toBe(false);
  });

  it('no MessageText, no text', () => {
    expect('text' in readResponseMessage(msg(''))).toBe(false);
  });

  it.each<[string, string, string[]]>([
    [
      'a ResponseMessages list',
      '<B><ResponseMessages><A ResponseClass="Success"/><C ResponseClass="Error"/></ResponseMessages></B>',
      ['Success', 'Error'],
    ],
    ['the body itself', '<B ResponseClass="Warning"/>', ['Warning']],
    ['a single ResponseMessage', '<B><ResponseMessage ResponseClass="Success"/></B>', ['Success']],
    ['none', '<B><Other/></B>', []],
  ])('found in %s', (_w, xml, classes) => {
    expect(responseMessages(parseXml(xml)).map((m) => m.responseClass)).toEqual(classes);
  });

  it.each<[string, string, readonly string[] | undefined, string]>([
    ['an Error throws its error', 'Error', undefined, 'throws ErrorItemNotFound after 5 ms'],
    ['an Error allowed by code passes', 'Error', ['ErrorItemNotFound'], 'passes'],
    [
      'an Error with another code allowed throws',
      'Error',
      ['ErrorAccessDenied'],
      'throws ErrorItemNotFound after 5 ms',
    ],
    ['a Warning passes', 'Warning', undefined, 'passes'],
    ['a Success passes', 'Success', undefined, 'passes'],
  ])('%s', (_w, cls, allowCodes, outcome) => {
    const info = readResponseMessage(
      msg(
        '<ResponseCode>ErrorItemNotFound</ResponseCode><MessageXml><Value Name="BackOffMilliseconds">5</Value></MessageXml>',
        ` ResponseClass="${cls}"`,
      ),
    );
    let seen = 'passes';
    try {
      expect(ensureSuccess(info, allowCodes ? { allowCodes } : {})).toBe(info);
    } catch (e) {
      seen = e instanceof EwsError ? `throws ${e.code ?? ''} after ${e.retryAfterMs ?? '-'} ms` : String(e);
    }
    expect(seen).toBe(outcome);
  });

  it('singleResponse: the first message checked, or a malformed answer when there is none', () => {
    const two = parseXml(
      '<B><ResponseMessages><A ResponseClass="Success"/><A ResponseClass="Error"/></ResponseMessages></B>',
    );
    expect(singleResponse(two).responseClass).toBe('Success');
    expect(thrown(() => singleResponse(parseXml('<B/>')))).toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
      message:
        'Exchange sent a malformed response (no response message). Try again later; if it keeps happening, tell your IT department.',
    });
    const denied = parseXml('<B ResponseClass="Error"><ResponseCode>ErrorAccessDenied</ResponseCode></B>');
    expect(thrown(() => singleResponse(denied))).toMatchObject({ code: 'ErrorAccessDenied' });
    expect(singleResponse(denied, { allowCodes: ['ErrorAccessDenied'] }).code).toBe('ErrorAccessDenied');
  });
});
