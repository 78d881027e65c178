import { describe, expect, it } from 'vitest';
import { hostileHtml, lyncTranscriptHtml } from '../../../../../main/exchange-sim/org/history';
import {
  htmlToInertText,
  MAX_TEXT_LENGTH,
  transcriptEntries,
} from '../../../../../main/services/history/sanitize';

/**
 * Nothing of the hostile markup survives: no element, handler, code-running scheme or remote
 * address. (Text the sender escaped, like "&lt;script&gt;", stays as the characters it was.)
 */
function expectInert(text: string): void {
  expect(text).not.toMatch(/<\s*(img|iframe|object|a|style)\b/i);
  expect(text).not.toMatch(/javascript:/i);
  expect(text).not.toMatch(/evil\.example/i);
  expect(text).not.toMatch(/onerror|onload/i);
  expect(text).not.toMatch(/document\.cookie/i);
}

describe('htmlToInertText', () => {
  it.each([
    ['plain text', 'hello', 'hello'],
    [
      'block elements end lines',
      '<div>one</div><div>two</div><p>three</p>four<br>five',
      'one\ntwo\nthree\nfour\nfive',
    ],
    ['inline elements join', '<b>bold</b> and <i>italic</i>', 'bold and italic'],
    [
      'entities decoded after tags are gone',
      '&lt;b&gt;not bold&lt;/b&gt; &amp; &#233;&#x2603;',
      '<b>not bold</b> & é☃',
    ],
    ['script text dropped', 'a<script>alert(1)</script>b', 'ab'],
    ['unclosed script swallows the rest', 'a<script>alert(1)', 'a'],
    ['style and head dropped', '<head><title>t</title></head><style>p{}</style>text', 'text'],
    ['link keeps its words, not its target', '<a href="javascript:alert(1)">click</a>', 'click'],
    ['image dropped with its handlers', 'x<img src="https://evil.example/a.gif" onerror="steal()">y', 'xy'],
    ['quoted > inside an attribute stays in the tag', '<img alt="a>b" onerror="x()">z', 'z'],
    ['a > single-quoted in an attribute stays in the tag', "<img alt='a>b' onerror='x()'>z", 'z'],
    [
      'frames and objects dropped',
      '<iframe src="https://evil.example"></iframe><object data="x"></object>ok',
      'ok',
    ],
    ['comments dropped', 'a<!-- <script>x</script> -->b', 'ab'],
    ['a lone < is text', 'a < b', 'a < b'],
    ['control and bidi override characters removed', 'ab\u0007c\u202Edef', 'abcdef'],
    ['spaces and blank lines collapse', '<div>  a \u00a0 b </div><div></div><div>c</div>', 'a b\nc'],
    ['unknown entity kept as written', '&bogus; &#xD800;', '&bogus;'],
    ['CDATA dropped', 'a<![CDATA[<b>x</b>]]>b', 'ab'],
    ['an unclosed comment swallows the rest', 'a<!-- b', 'a'],
    ['an unclosed CDATA swallows the rest', 'a<![CDATA[ b', 'a'],
    ['declarations and processing instructions dropped', '<!DOCTYPE html><?xml version="1.0"?>t', 't'],
    ['a stray closing tag of a dropped element', 'a</script>b', 'ab'],
    ['a > quoted in a script’s attribute', '<script data-x="a>b">alert(1)</script>ok', 'ok'],
    ["a > single-quoted in a script's attribute", "<script data-x='a>b'>alert(1)</script>ok", 'ok'],
    ['a closing tag with spaces', '<script>x</script >ok', 'ok'],
    ['upper-case dropped elements', '<SCRIPT>x</SCRIPT><Style>p{}</STYLE>ok', 'ok'],
    ['a longer name is not a dropped element', '<scripty>kept</scripty>', 'kept'],
    ['svg and its text dropped', 'a<svg><text>drawn</text></svg>b', 'ab'],
    ['closing and self-closing blocks end lines', 'a</p>b<br/>c<BR>d', 'a\nb\nc\nd'],
    ['a name with a colon is a tag', '<o:p>x</o:p>y', 'xy'],
    ['numeric entities in both forms and cases', '&#x41;&#X42;&#67;', 'ABC'],
    ['named entities in any case', '&AMP; &Eacute;t&eacute; &hellip;', '& été …'],
    ['a non-breaking space is a space', 'a&nbsp;&nbsp;b', 'a b'],
    ['code points that are not characters dropped', '[&#0;][&#x110000;][&#xDFFF;][&#55296;]', '[][][][]'],
    ['the edges of the valid code points', '&#xD7FF;&#xE000;&#1114111;', '\ud7ff\ue000\u{10ffff}'],
    ['too short or too long a reference stays', '&a; &#12345678; &abcdefghi;', '&a; &#12345678; &abcdefghi;'],
    ['a tab is a space, CR LF one line break', 'a\tb\r\nc', 'a b\nc'],
  ])('%s', (_name, html, text) => {
    expect(htmlToInertText(html)).toBe(text);
  });

  it('keeps at most MAX_TEXT_LENGTH characters, with an ellipsis when cut', () => {
    expect(htmlToInertText('x'.repeat(MAX_TEXT_LENGTH))).toBe('x'.repeat(MAX_TEXT_LENGTH));
    expect(htmlToInertText('x'.repeat(MAX_TEXT_LENGTH + 1))).toBe(`${'x'.repeat(MAX_TEXT_LENGTH)}…`);
  });

  it('reads text up to four times that before cutting it to the limit', () => {
    expect(htmlToInertText('x'.repeat(MAX_TEXT_LENGTH * 4 + 10))).toBe(`${'x'.repeat(MAX_TEXT_LENGTH)}…`);
  });

  it('reads no markup past four times that: a comment closing beyond it swallows the rest', () => {
    const closing = `<!--${' '.repeat(MAX_TEXT_LENGTH * 4 - 6)}-->`;
    expect(htmlToInertText(`${closing}visible`)).toBe('');
    expect(htmlToInertText(`<!--${' '.repeat(100)}-->visible`)).toBe('visible');
  });

  it('renders the seeded hostile conversation inert, keeping what was said', () => {
    const text = htmlToInertText(hostileHtml({ name: 'Mallory' }, Date.UTC(2026, 10, 24, 14, 0), 'UTC'));
    expectInert(text);
    expect(text).toBe('Mallory [2:00 PM]:\nLook at this here\n<script>this stays text</script>');
  });
});

describe('transcriptEntries', () => {
  const at = Date.UTC(2026, 10, 24, 9, 15);
  it('groups Lync lines under each speaker and time', () => {
    const html = lyncTranscriptHtml(
      [
        { speaker: { name: 'Bob Kelly' }, at, text: 'Hi, do you have a minute?' },
        { speaker: { name: 'Alice Martin' }, at: at + 60_000, text: 'Sure' },
      ],
      'UTC',
    );
    expect(transcriptEntries(html)).toEqual([
      { speaker: 'Bob Kelly', time: '9:15 AM', text: 'Hi, do you have a minute?' },
      { speaker: 'Alice Martin', time: '9:16 AM', text: 'Sure' },
    ]);
  });

  it.each([
    ['text without a speaker line', '<div>just text</div>', [{ text: 'just text' }]],
    [
      'a 24-hour time',
      '<div>Anne [14:02]:</div><div>bonjour</div>',
      [{ speaker: 'Anne', time: '14:02', text: 'bonjour' }],
    ],
    ['brackets that are not a time stay text', '<div>[draft]: x</div>', [{ text: '[draft]: x' }]],
    ['nothing at all', '', []],
    ['only dropped markup', '<script>x</script>', []],
    [
      'text before the first speaker, then several lines under one',
      'hello<br>Anne [9.15]:<br>one<br>two<br>Bob [9h15]:<br>Cleo [9:15:30 p.m.]:<br>three',
      [
        { text: 'hello' },
        { speaker: 'Anne', time: '9.15', text: 'one\ntwo' },
        { speaker: 'Bob', time: '9h15', text: '' },
        { speaker: 'Cleo', time: '9:15:30 p.m.', text: 'three' },
      ],
    ],
  ])('%s', (_name, html, entries) => {
    expect(transcriptEntries(html)).toEqual(entries);
  });
});
