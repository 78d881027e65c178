/**
 * The scanner EWS answers are read with (main/exchange/xml-scan.ts): what it reports for XML as
 * Exchange writes it, what it refuses, that chunk boundaries change nothing and that it agrees with
 * saxes (the strict parser it replaced) on the edge cases. xml-scan.fuzz.test.ts does the same on
 * the recorded answers and thousands of damaged copies.
 */
import { describe, expect, it } from 'vitest';
import { XmlScanner } from '../../../../main/exchange/xml-scan';
import { agreesWithSaxes, EDGES, outcome, sameInChunks, scan, type Events } from './xml-scan.cases';

describe('what the scanner reports', () => {
  it.each<[string, string, Events]>([
    ['an empty element', '<a/>', ['open a []', 'close']],
    [
      'names and attributes as sent, prefixes kept',
      '<m:R xmlns:m="urn:m" t:Id="1"><t:X/></m:R>',
      ['open m:R [["xmlns:m","urn:m"],["t:Id","1"]]', 'open t:X []', 'close', 'close'],
    ],
    [
      'the predefined entities',
      '<a>&amp;&lt;&gt;&quot;&apos;</a>',
      ['open a []', 'text "&<>\\"\'"', 'close'],
    ],
    ['character references, decimal and hex', '<a>&#233;&#x1F600;</a>', ['open a []', 'text "é😀"', 'close']],
    [
      'CDATA as text, unescaped',
      '<a>x<![CDATA[<b>&amp;]]>y</a>',
      ['open a []', 'text "x<b>&amp;y"', 'close'],
    ],
    ['comments skipped', '<!--a--><a>x<!-- y -->z</a><!--b-->', ['open a []', 'text "xz"', 'close']],
    ['line ends in text become \\n', '<a>1\r\n2\r3\n4</a>', ['open a []', 'text "1\\n2\\n3\\n4"', 'close']],
    [
      'literal whitespace in an attribute becomes spaces; referenced whitespace stays',
      '<a b="x\r\ny\tz&#10;"/>',
      ['open a [["b","x y z\\n"]]', 'close'],
    ],
    ['either quote', `<a b="'" c='"'/>`, ['open a [["b","\'"],["c","\\""]]', 'close']],
    ['whitespace around = and before the end', '<a b = "1" ></a >', ['open a [["b","1"]]', 'close']],
    [
      'tabs and line ends between attributes',
      '<a\tb="1"\r\nc="2"\n/>',
      ['open a [["b","1"],["c","2"]]', 'close'],
    ],
    [
      'line ends in CDATA become \\n',
      '<a><![CDATA[1\r\n2\r3]]></a>',
      ['open a []', 'text "1\\n2\\n3"', 'close'],
    ],
    [
      'the declaration and a byte-order mark',
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<a/>\n',
      ['open a []', 'close'],
    ],
    ['names beyond ASCII', '<é 名="v"/>', ['open é [["名","v"]]', 'close']],
    [
      "Object's own names are data",
      '<constructor __proto__="x" toString="y"/>',
      ['open constructor [["__proto__","x"],["toString","y"]]', 'close'],
    ],
  ])('%s', (_what, xml, events) => {
    expect(scan(xml)).toStrictEqual(events);
  });

  it('hands over attributes in a dictionary without a prototype', () => {
    let seen: Readonly<Record<string, string>> | undefined;
    new XmlScanner({ open: (_n, a) => void (seen = a), text: () => {}, close: () => {} }).write(
      '<a __proto__="x"/>',
    );
    expect(seen).toBeDefined();
    expect(Object.getPrototypeOf(seen)).toBeNull();
    expect(Object.keys(seen!)).toStrictEqual(['__proto__']);
  });

  it('hands over a long text as it arrives instead of holding it', () => {
    const pieces: number[] = [];
    const s = new XmlScanner({ open: () => {}, text: (t) => void pieces.push(t.length), close: () => {} });
    s.write('<a>');
    for (let i = 0; i < 100; i++) s.write('x'.repeat(65_536));
    expect(pieces).toHaveLength(100);
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(100 * 65_536);
    s.write('</a>');
    s.close();
  });
});

/** XML 1.0 (fifth edition) §2.3: NameStartChar, and what NameChar adds to it. */
const NAME_START: ReadonlyArray<readonly [number, number]> = [
  [0x3a, 0x3a],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];
const NAME_MORE: ReadonlyArray<readonly [number, number]> = [
  [0x2d, 0x2e],
  [0x30, 0x39],
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

describe('names, character by character, at the edge of every range of the XML specification', () => {
  const within = (ranges: ReadonlyArray<readonly [number, number]>, cp: number): boolean =>
    ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  const edges = [...NAME_START, ...NAME_MORE].flatMap(([lo, hi]) => [lo - 1, lo, hi, hi + 1]);

  it.each(edges.map((cp) => [cp.toString(16).toUpperCase().padStart(4, '0'), cp]))(
    'U+%s starts a name, goes on in one, or neither',
    (_hex, cp) => {
      const ch = String.fromCodePoint(cp);
      const starts = within(NAME_START, cp);
      const inName = starts || within(NAME_MORE, cp);
      const accepted = (xml: string): boolean => typeof outcome(xml) !== 'string';
      expect({
        start: accepted(`<${ch}/>`),
        inside: accepted(`<a${ch}/>`),
        attr: accepted(`<a ${ch}="1"/>`),
      }).toStrictEqual({
        start: starts,
        inside: inName,
        attr: starts,
      });
    },
  );
});

describe('names kept once', () => {
  it('reports every name exactly, long ones and names that begin other names included', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `x${i}`);
    names.push('a'.repeat(64), 'b'.repeat(65), `t:${'c'.repeat(200)}`);
    const xml = `<r>${names.map((n) => `<${n} ${n}="v"/>`).join('')}</r>`;
    const opened = scan(xml).filter((e) => e.startsWith('open '));
    expect(opened).toStrictEqual([
      'open r []',
      ...names.map((n) => `open ${n} ${JSON.stringify([[n, 'v']])}`),
    ]);
  });
});

describe('events as soon as the bytes for them arrived', () => {
  it('reports each tag when its ">" arrives, and text before its end', () => {
    const seen: string[] = [];
    const s = new XmlScanner({
      open: (name) => void seen.push(`open ${name}`),
      text: (t) => void seen.push(`text ${t}`),
      close: () => void seen.push('close'),
    });
    const steps: Array<[string, string[]]> = [
      ['<a', []],
      [' k="1"', []],
      ['>', ['open a']],
      ['hello', ['open a', 'text hello']],
      [' <b/', ['open a', 'text hello', 'text  ']],
      ['>', ['open a', 'text hello', 'text  ', 'open b', 'close']],
      ['</a>', ['open a', 'text hello', 'text  ', 'open b', 'close', 'close']],
    ];
    for (const [chunk, after] of steps) {
      s.write(chunk);
      expect([chunk, seen]).toStrictEqual([chunk, after]);
    }
    s.close();
  });
});

describe('what the scanner refuses', () => {
  it.each<[string, string, string]>([
    [
      'a document type declaration (entities live there)',
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      'document type',
    ],
    ['a processing instruction', '<a><?php echo 1 ?></a>', 'processing instruction'],
    ['a declaration not at the start', ' <?xml version="1.0"?><a/>', 'not at the start'],
    ['a malformed declaration', '<?xml version="x"?><a/>', 'malformed XML declaration'],
    ['an undefined entity', '<a>&foo;</a>', 'undefined entity'],
    ['an entity without ;', '<a>&amp</a>', 'closing ";"'],
    ['a reference to a character XML cannot carry', '<a>&#0;</a>', 'cannot carry'],
    ['a bad character reference', '<a>&#xZZ;</a>', 'invalid character reference'],
    ['a control character', '<a>\u0001</a>', 'cannot carry'],
    ['a lone surrogate', '<a>\uD800</a>', 'cannot carry'],
    ['"]]>" in text', '<a>]]></a>', 'end of a CDATA section in text'],
    ['"--" in a comment', '<a><!-- a -- b --></a>', '"--"'],
    ['a mismatched closing tag', '<a></b>', 'does not match the open element'],
    ['a closing tag longer than the open one', '<a></ab>', 'does not match the open element'],
    ['a closing tag with nothing open', '</a>', 'no element open'],
    ['an unclosed element', '<a><b></b>', 'not closed at the end'],
    ['a second root', '<a/><b/>', 'more than one root'],
    ['text before the root', 'x<a/>', 'before the root'],
    ['text after the root', '<a/>x', 'after the root'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', 'CDATA section outside'],
    ['no root at all', '  ', 'no root element'],
    ['a duplicated attribute', '<a b="1" b="2"/>', 'duplicated attribute'],
    ['an unquoted attribute', '<a b=1/>', 'unquoted'],
    ['an attribute without a value', '<a b/>', 'without a value'],
    ['attributes not apart', '<a b="1"c="2"/>', 'invalid character in a tag'],
    ['"<" in an attribute value', '<a b="<"/>', 'less-than sign in an attribute'],
    ['a name starting with a digit', '<1a/>', 'tag name'],
    ['"/" not closing the tag', '<a/ >', 'a "/" inside a tag'],
    ['a document cut inside a tag', '<a><b c="', 'ends inside a tag'],
    ['an attribute without a name', '<a ="1"/>', 'invalid attribute name'],
    ['an unfinished declaration', '<?xml version="1.0"', 'unfinished XML declaration'],
    ['a closing tag with more than its name', '<a></a x>', 'invalid character in a closing tag'],
    ['a refused character in a comment', '<a><!-- \u0001 --></a>', 'cannot carry'],
    ['a refused character in CDATA', '<a><![CDATA[\u0001]]></a>', 'cannot carry'],
    ['a refused character in an attribute', '<a b="\u0001"/>', 'cannot carry'],
    ['another declaration', '<!ELEMENT a ANY><a/>', 'an invalid declaration'],
    ['a character reference with no digits', '<a>&#;</a>', 'invalid character reference'],
    ['a character reference of nine digits', '<a>&#x000000041;</a>', 'invalid character reference'],
  ])('%s', (_what, xml, detail) => {
    const got = outcome(xml);
    expect(typeof got).toBe('string');
    expect(got as string).toContain(detail);
    // The detail reaches the UI and the log: words only, none of the server's markup or names.
    expect(got as string).not.toMatch(/[<>]|\b(?:php|foo|ab)\b/);
  });

  it('refuses data after close(), by name', () => {
    const s = new XmlScanner({ open: () => {}, text: () => {}, close: () => {} });
    s.write('<a/>');
    s.close();
    expect(() => s.write('<b/>')).toThrow(
      expect.objectContaining({ name: 'XmlScanError', message: 'data after the end of the document' }),
    );
  });

  const XML_CHAR: ReadonlyArray<readonly [number, number]> = [
    [0x9, 0xa],
    [0xd, 0xd],
    [0x20, 0xd7ff],
    [0xe000, 0xfffd],
    [0x10000, 0x10ffff],
  ];
  it.each(
    XML_CHAR.flatMap(([lo, hi]) => [lo - 1, lo, hi, hi + 1]).map((cp) => [cp.toString(16).toUpperCase(), cp]),
  )('&#x%s; is a character XML can carry, or refused', (_hex, cp) => {
    const allowed = XML_CHAR.some(([lo, hi]) => cp >= lo && cp <= hi);
    const got = outcome(`<a>&#x${cp.toString(16)};&#${cp};</a>`);
    const ch = allowed ? String.fromCodePoint(cp) : '';
    expect(got).toStrictEqual(
      allowed
        ? ['open a []', `text ${JSON.stringify(ch + ch)}`, 'close']
        : expect.stringContaining('cannot carry'),
    );
  });
});

describe('chunk boundaries change nothing', () => {
  it.each([1, 2, 3, 7])('every edge case, in chunks of %i', (size) => {
    for (const xml of EDGES) sameInChunks(xml, size);
  });
});

describe('agrees with saxes', () => {
  it('on every edge case', () => {
    for (const xml of EDGES) agreesWithSaxes(xml);
  });
});
