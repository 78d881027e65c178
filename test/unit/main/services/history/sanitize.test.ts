import { describe, expect, it } from 'vitest';
import { hostileHtml, lyncTranscriptHtml } from '../../../../../main/exchange-sim/org/history';
import { htmlToInertText, transcriptEntries } from '../../../../../main/services/history/sanitize';

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
  ])('%s', (_name, html, text) => {
    expect(htmlToInertText(html)).toBe(text);
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
  ])('%s', (_name, html, entries) => {
    expect(transcriptEntries(html)).toEqual(entries);
  });
});
