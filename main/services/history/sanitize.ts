/**
 * A conversation's HTML body (as Lync writes it, or as anyone could) → inert plain text. Nothing
 * of the HTML survives but its text: no element, no attribute (so no script, no event handler, no
 * remote image, style or frame, no link target), and the text of script, style, head, frames and
 * embedded objects is dropped with them. The renderer shows the result as text, never as HTML.
 *
 * Lync heads each message with a "Name [time]:" line; `transcriptEntries` groups the text under
 * those lines so the view can show who said what and when.
 */

/** Elements dropped with everything inside them. */
const DROPPED = [
  'script',
  'style',
  'head',
  'title',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'noembed',
  'template',
  'svg',
  'math',
  'xml',
];
/** Elements that end a line of text. */
const BLOCK = /^(br|p|div|li|tr|h[1-6]|table|blockquote|hr|pre|ul|ol|dd|dt|section|article|header|footer)$/i;

/** Longest text kept from one body (a day-long conference is far shorter). */
export const MAX_TEXT_LENGTH = 200_000;

const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['eacute', 'é'],
  ['egrave', 'è'],
  ['agrave', 'à'],
  ['ccedil', 'ç'],
  ['rsquo', '’'],
  ['lsquo', '‘'],
  ['hellip', '…'],
  ['ndash', '–'],
  ['mdash', '—'],
]);

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return NAMED.get(ref.toLowerCase()) ?? whole;
  });
}

/**
 * Control characters (but tab and newline) and the bidirectional overrides that can make text
 * read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Plain text of an HTML body, one line per block, blank lines and runs of spaces collapsed. */
export function htmlToInertText(html: string): string {
  let s = html.slice(0, MAX_TEXT_LENGTH * 4);
  s = s.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/<!\[CDATA\[[\s\S]*?(\]\]>|$)/g, '');
  for (const name of DROPPED) {
    // An element never closed swallows the rest, as a browser would treat it.
    s = s.replace(
      new RegExp(`<${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*>[\\s\\S]*?(?:<\\/${name}\\s*>|$)`, 'gi'),
      '',
    );
    s = s.replace(new RegExp(`<\\/?${name}\\b[^>]*>`, 'gi'), '');
  }
  s = s.replace(/<[!?][^>]*>/g, '');
  s = s.replace(/<\/?([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g, (_tag, name: string) =>
    BLOCK.test(name) ? '\n' : '',
  );
  // A "<" left over opened no tag (a lone "<" in text): it stays as text, which is inert.
  s = decodeEntities(s).replace(UNSAFE_CHARS, '');
  const lines = s
    .split(/\r?\n/)
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
  const text = lines.join('\n');
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

export interface TranscriptEntry {
  /** Absent for text before the first speaker line (or a body without any). */
  speaker?: string;
  /** As Lync wrote it, in the sender's locale ("9:15 AM", "14:02"). */
  time?: string;
  text: string;
}

const SPEAKER_LINE = /^(.{1,200}?) \[([0-9]{1,2}[:.h][0-9]{2}(?::[0-9]{2})?(?: ?[AaPp]\.? ?[Mm]\.?)?)\]:$/;

/** The body's text grouped under Lync's "Name [time]:" lines. */
export function transcriptEntries(html: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  let current: TranscriptEntry | undefined;
  for (const line of htmlToInertText(html).split('\n')) {
    if (line === '') continue;
    const m = SPEAKER_LINE.exec(line);
    if (m) {
      // Stryker disable next-line StringLiteral: both groups always match when the line does; the fallbacks only satisfy the type
      current = { speaker: m[1] ?? '', time: m[2] ?? '', text: '' };
      entries.push(current);
      continue;
    }
    if (!current) {
      current = { text: '' };
      entries.push(current);
    }
    current.text = current.text === '' ? line : `${current.text}\n${line}`;
  }
  return entries;
}
