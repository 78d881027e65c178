/**
 * The scanner EWS answers are read with (main/exchange/xml-scan.ts): what it reports for XML as
 * Exchange writes it, what it refuses, that chunk boundaries change nothing, and that it agrees
 * with saxes (the strict parser it replaced) event for event on the recorded answers, the bad-input
 * corpus and thousands of damaged copies of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlScanError, XmlScanner } from '../../../../main/exchange/xml-scan';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');

/** Events as one line each; adjacent text pieces joined (how text is cut is not part of the contract). */
type Events = string[];

function scan(xml: string, chunk = 0): Events {
  const out: Events = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const s = new XmlScanner({
    open(name, attrs) {
      flush();
      out.push(`open ${name} ${JSON.stringify(Object.entries(attrs))}`);
    },
    text(t) {
      text += t;
    },
    close() {
      flush();
      out.push('close');
    },
  });
  if (chunk > 0) for (let i = 0; i < xml.length; i += chunk) s.write(xml.slice(i, i + chunk));
  else s.write(xml);
  s.close();
  return out;
}

/** The scanner's outcome: its events, or `error: <detail>`. */
function outcome(xml: string, chunk = 0): Events | string {
  try {
    return scan(xml, chunk);
  } catch (err) {
    if (!(err instanceof XmlScanError)) throw err;
    return `error: ${err.message}`;
  }
}

/** saxes with the policy Roster read it with: DTDs and processing instructions refused. */
function saxesOutcome(xml: string): Events | 'error' {
  const out: Events = [];
  let depth = 0;
  let text = '';
  const flush = (): void => {
    if (text) out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('doctype', () => {
    throw new Error('doctype');
  });
  p.on('processinginstruction', () => {
    throw new Error('processing instruction');
  });
  p.on('opentag', (tag) => {
    flush();
    depth++;
    out.push(`open ${tag.name} ${JSON.stringify(Object.entries(tag.attributes))}`);
  });
  const add = (t: string): void => {
    if (depth > 0) text += t;
  };
  p.on('text', add);
  p.on('cdata', add);
  p.on('closetag', () => {
    flush();
    depth--;
    out.push('close');
  });
  try {
    p.write(xml).close();
  } catch {
    return 'error';
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every recorded answer and every file of the bad-input corpus. */
function corpus(): string[] {
  const out: string[] = [];
  for (const dir of ['ews', 'bad', 'ews-codes'])
    for (const f of readdirSync(join(FIXTURES, dir)))
      if (f.endsWith('.xml')) out.push(readFileSync(join(FIXTURES, dir, f), 'utf8'));
  return out;
}

/** Small documents at the edges of the grammar. */
const EDGES = [
  '<a/>',
  '<a></a>',
  ' <a/> ',
  '\uFEFF<a/>',
  '<?xml version="1.0"?><a/>',
  '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<a/>',
  '<?xml version="2.0"?><a/>',
  ' <?xml version="1.0"?><a/>',
  '<?xml version="1.0"?>',
  '<a>x</a>y',
  'x<a/>',
  '<a/><b/>',
  '<a><b></a>',
  '<a></b>',
  '</a>',
  '<a>text',
  '<a',
  '',
  '<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;</a>',
  '<a>&#0;</a>',
  '<a>&#xD800;</a>',
  '<a>&#12345678901;</a>',
  '<a>&#x;</a>',
  '<a>&foo;</a>',
  '<a>&AMP;</a>',
  '<a>& b</a>',
  '<a b="1" b="2"/>',
  '<a b=1/>',
  '<a b="<"/>',
  '<a b>',
  '<a b="1"c="2"/>',
  '<a b = "1" />',
  `<a b="'" c='"'/>`,
  '<a b="x\ny\tz\r\nw&#10;&#9;"/>',
  '<a>x\r\ny\rz</a>',
  '<a>]]></a>',
  '<a>]]&gt;</a>',
  '<a><![CDATA[<b>&amp;]]>y]]></a>',
  '<![CDATA[x]]><a/>',
  '<!--c--><a><!----></a><!-- after -->',
  '<a><!-- a -- b --></a>',
  '<a><!--x--->y</a>',
  '<!DOCTYPE a><a/>',
  '<a><?php echo 1 ?></a>',
  '<?xml-stylesheet href="x"?><a/>',
  '<a\u0001/>',
  '<a>\u0001</a>',
  '<a>\uFFFE</a>',
  '<a b="\u0000"/>',
  '<é/>',
  '<\uD83D\uDE00/>',
  '<a>\uD83D\uDE00</a>',
  '<a:b:c/>',
  '<1a/>',
  '<a/ >',
  '<a></a >',
  '<a></ a>',
  '<a></a\n>',
  '<a xmlns:x="u" x:y="z"><x:b/></a>',
  '<a>\t\n </a>',
  '<constructor __proto__="x" toString="y"/>',
];

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
  ])('%s', (_what, xml, detail) => {
    const got = outcome(xml);
    expect(typeof got).toBe('string');
    expect(got as string).toContain(detail);
    // The detail reaches the UI and the log: words only, none of the server's markup or names.
    expect(got as string).not.toMatch(/[<>]|\b(?:php|foo|ab)\b/);
  });

  it('refuses data after close()', () => {
    const s = new XmlScanner({ open: () => {}, text: () => {}, close: () => {} });
    s.write('<a/>');
    s.close();
    expect(() => s.write('<b/>')).toThrow(XmlScanError);
  });
});

describe('chunk boundaries change nothing', () => {
  it.each([1, 2, 3, 7, 64, 4096])('every edge case and recorded answer, in chunks of %i', (size) => {
    for (const xml of [...EDGES, ...corpus()]) {
      const whole = outcome(xml);
      const chunked = outcome(xml, size);
      // A refusal stays a refusal (its detail may differ: a chunk can end before the worst is seen).
      const refused = typeof whole === 'string';
      expect([xml, refused ? typeof chunked : chunked]).toStrictEqual([xml, refused ? 'string' : whole]);
    }
  });
});

describe('agrees with saxes', () => {
  function agree(xml: string): void {
    const ours = outcome(xml);
    // saxes reads a lone high surrogate and the "<" after it as one character of text: a bug
    // there, not a difference to keep. Such input is refused here.
    const expected = LONE_SURROGATE.test(xml) ? 'error' : saxesOutcome(xml);
    expect([xml, typeof ours === 'string' ? 'error' : ours]).toStrictEqual([xml, expected]);
  }

  it('on every edge case and recorded answer', () => {
    const all = [...EDGES, ...corpus()];
    expect(all.length).toBeGreaterThan(80);
    for (const xml of all) agree(xml);
  });

  it('on 20,000 damaged copies of them (seeded, so a failure can be replayed)', () => {
    let seed = 20261130;
    const rnd = (k: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % k;
    };
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '\r',
      ']',
      '!',
      '-',
      '?',
      'a',
      ':',
      '#',
    ];
    pieces.push(
      'x',
      '\u0001',
      '\uD800',
      'é',
      '[',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '&amp;',
      '&#',
      '<?',
      '<!DOCTYPE',
    );
    const sources = [...EDGES, ...corpus()].filter((x) => x.length < 20_000);
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      let xml = sources[rnd(sources.length)]!;
      for (let e = 1 + rnd(3); e > 0; e--) {
        const at = rnd(xml.length + 1);
        const op = rnd(3);
        const piece = pieces[rnd(pieces.length)]!;
        if (op === 0) xml = xml.slice(0, at) + xml.slice(at + 1 + rnd(4));
        else if (op === 1) xml = xml.slice(0, at) + piece + xml.slice(at);
        else xml = xml.slice(0, at) + piece + xml.slice(at + 1);
      }
      if (typeof outcome(xml) !== 'string') accepted++;
      agree(xml);
    }
    // Both outcomes were exercised: some copies still well-formed, most not.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(19_000);
  });
});
