import { describe, expect, it } from 'vitest';
import { decodeEntities, safeHttpsUrl } from '../../../../../main/services/meetings/links';

describe('safeHttpsUrl: only clean https links reach an invitation or the browser', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['https://meet.contoso.com/alice/ABC123', 'https://meet.contoso.com/alice/ABC123'],
    ['  https://meet.contoso.com/x  ', 'https://meet.contoso.com/x'],
    ['\u00a0https://meet.contoso.com/x\u00a0', 'https://meet.contoso.com/x'],
    ['HTTPS://Meet.Contoso.com/x', 'https://meet.contoso.com/x'],
    ['https://meet.contoso.com', 'https://meet.contoso.com/'],
    ['http://meet.contoso.com/x', undefined],
    ['javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['https://user@meet.contoso.com/x', undefined],
    ['https://:secret@meet.contoso.com/x', undefined],
    ['https://user:secret@meet.contoso.com/x', undefined],
    ['not a url', undefined],
    ['//meet.contoso.com/x', undefined],
  ])('%j → %j', (raw, want) => {
    expect(safeHttpsUrl(raw)).toBe(want);
  });
});

describe('decodeEntities: what an attribute or link text may encode', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;', 'a & b <c> "d" \'e\''],
    ['AT&AMP;T', 'AT&T'],
    ['x&nbsp;y', 'x\u00a0y'],
    ['javascript&colon;alert(1)', 'javascript:alert(1)'],
    ['java&tab;script&newline;', 'java\tscript\n'],
    ['&#106;&#97;', 'ja'],
    ['&#x6A;&#X61;', 'ja'],
    ['&#x3a', ':'],
    ['&amp', '&'],
    ['&unknown; stays', '&unknown; stays'],
    ['&#0; stays', '&#0; stays'],
    ['&#x110000; stays', '&#x110000; stays'],
    ['&#x10FFFF;', '\u{10ffff}'],
    ['&#1114112; stays', '&#1114112; stays'],
  ])('%j → %j', (s, want) => {
    expect(decodeEntities(s)).toBe(want);
  });
});
