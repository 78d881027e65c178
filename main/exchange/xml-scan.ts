/**
 * A strict, streaming scanner for the XML that EWS sends (issue 22): elements, attributes, text,
 * CDATA sections and comments, the XML declaration, and the five predefined entities and character
 * references. A document type declaration (and so any entity it could declare) and processing
 * instructions are refused; so is everything XML 1.0 calls not well-formed that the subset can
 * hold: mismatched or unclosed tags, a second root, text outside the root, a duplicated or unquoted
 * attribute, `<` in an attribute value, an unknown entity, `]]>` in text, `--` in a comment, a
 * character XML cannot carry. Namespaces are not resolved here (names are passed as sent).
 *
 * Written for EWS rather than taken from a library: saxes (strict, the reader before this one)
 * reads every character through a state machine, and was most of the time of a call that Roster
 * reads straight into typed results. Here text and attribute values are cut out of the chunk with
 * `indexOf`, and only markup is walked character by character. `test/unit/main/exchange/
 * xml-scan.test.ts` checks it against saxes event for event on the recorded answers, on bad input
 * and on thousands of damaged copies.
 */

/** What the scanner reports, in document order. */
export interface XmlScanHandler {
  /**
   * An element opens. `attrs` is a dictionary without a prototype (or a shared frozen empty one),
   * by the names as sent, values with entities decoded and whitespace normalised as XML requires.
   */
  open(name: string, attrs: Readonly<Record<string, string>>): void;
  /** Character data inside the root (CDATA included), in one or more pieces. */
  text(text: string): void;
  /** The innermost open element closes (also right after `open` for `<a/>`). */
  close(): void;
}

/**
 * The document is not well-formed XML, or uses what this scanner refuses. The message is the detail
 * in words, never the server's own bytes (no names, no markup: it reaches the UI and the log).
 */
export class XmlScanError extends Error {
  override name = 'XmlScanError';
}

const EMPTY_ATTRS: Readonly<Record<string, string>> = Object.freeze(
  Object.create(null) as Record<string, string>,
);

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

/**
 * Characters in text that need a second look: entities, line ends, `]]>`, characters XML cannot
 * carry, and surrogates (a lone one is refused).
 */
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[&\r\]\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** The same for an attribute value (`<` refused, literal whitespace normalised; `]]>` is allowed there). */
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL = /[&<\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const REFUSED_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_ENDS = /\r\n?/g;
const ATTR_WHITESPACE = /\r\n|[\r\n\t]/g;
const XML_DECL =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>$/;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** XML 1.0 NameStartChar, for one UTF-16 unit (a high surrogate stands for a plane 1–14 character). */
function isNameStart(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0xd800 && c <= 0xdb7f)
  );
}

/** XML 1.0 NameChar. */
function isNameChar(c: number): boolean {
  if (c < 0x80)
    return (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      c === 0x3a ||
      c === 0x2d ||
      c === 0x2e
    );
  return isNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/**
 * The end of the name starting at `i` (== i when there is none there). A high surrogate must be
 * followed by a low one; at the end of the buffer the name may go on in the next chunk (the caller
 * sees `end === n` and waits).
 */
function nameEnd(s: string, i: number, n: number): number {
  if (i >= n) return i;
  let c = s.charCodeAt(i);
  if (!isNameStart(c)) return i;
  let j = i;
  for (;;) {
    if (c >= 0xd800 && c <= 0xdbff) {
      if (j + 1 >= n) return n;
      const low = s.charCodeAt(j + 1);
      if (low < 0xdc00 || low > 0xdfff) return j;
      j += 2;
    } else j++;
    if (j >= n) return n;
    c = s.charCodeAt(j);
    if (!isNameChar(c)) return j;
  }
}

function fail(detail: string): never {
  throw new XmlScanError(detail);
}

/** A character reference's code point, if XML may carry it. */
function charRef(body: string): string {
  const hex = body.charCodeAt(1) === 0x78; // #x…
  const digits = body.slice(hex ? 2 : 1);
  if (digits.length === 0 || !(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits) || digits.length > 8)
    fail('invalid character reference');
  const cp = Number.parseInt(digits, hex ? 16 : 10);
  if (!(
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  ))
    fail('a character reference to a character XML cannot carry');
  return String.fromCodePoint(cp);
}

/** Replaces the predefined entities and character references; anything else is refused. */
function decodeEntities(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp + 1);
    // Stryker disable next-line EqualityOperator: semi is found after amp, so it is never 0
    if (semi < 0) fail('an entity without its closing ";"');
    const body = s.slice(amp + 1, semi);
    let ch: string;
    switch (body) {
      case 'amp':
        ch = '&';
        break;
      case 'lt':
        ch = '<';
        break;
      case 'gt':
        ch = '>';
        break;
      case 'quot':
        ch = '"';
        break;
      case 'apos':
        ch = "'";
        break;
      default:
        if (body.charCodeAt(0) !== 0x23) fail('an undefined entity');
        ch = charRef(body);
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + s.slice(from);
}

/** `\r\n` and a lone `\r` become `\n`, as XML reads line ends in text and CDATA. */
function lineEnds(raw: string): string {
  return raw.includes('\r') ? raw.replace(LINE_ENDS, '\n') : raw;
}

/** Text as XML defines it: line ends normalised, entities decoded, refused characters refused. */
function textValue(raw: string): string {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: a short cut only: the checks below give the same text
  if (!TEXT_SPECIAL.test(raw)) return raw;
  if (REFUSED_CHAR.test(raw)) fail('a character XML cannot carry');
  if (raw.includes(']]>')) fail('the end of a CDATA section in text');
  // Stryker disable next-line ConditionalExpression,StringLiteral: a short cut only: replacing no line end changes nothing
  let t = lineEnds(raw);
  // Stryker disable next-line ConditionalExpression,StringLiteral: a short cut only: decoding text without & changes nothing
  if (t.includes('&')) t = decodeEntities(t);
  return t;
}

/** An attribute value: `<` refused, literal whitespace becomes spaces, then entities decoded. */
function attrValue(raw: string): string {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: a short cut only: the checks below give the same value
  if (!ATTR_SPECIAL.test(raw)) return raw;
  if (raw.includes('<')) fail('a less-than sign in an attribute value');
  if (REFUSED_CHAR.test(raw)) fail('a character XML cannot carry');
  const t = raw.replace(ATTR_WHITESPACE, ' ');
  // Stryker disable next-line ConditionalExpression,StringLiteral: a short cut only: decoding a value without & changes nothing
  return t.includes('&') ? decodeEntities(t) : t;
}

/**
 * Names seen lately, by a hash of their length and three of their characters. A document repeats a
 * few dozen names thousands of times: handing out one string per name saves a copy per element,
 * and the consumers' Map lookups reuse the hash V8 keeps on the string.
 */
const NAMES: (string | undefined)[] = new Array<string | undefined>(1024);

function intern(s: string, a: number, b: number): string {
  const len = b - a;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: which names are kept is speed only
  if (len > 64) return s.slice(a, b);
  // Stryker disable next-line ArithmeticOperator: any hash finds the names; a worse one only finds them less often
  const h = (len * 31 + s.charCodeAt(a) * 7 + s.charCodeAt(b - 1) * 3 + s.charCodeAt(a + (len >> 1))) & 1023;
  const known = NAMES[h];
  // Stryker disable next-line ConditionalExpression: not finding a kept name is speed only (it is cut out again)
  if (known !== undefined && known.length === len && s.startsWith(known, a)) return known;
  const name = s.slice(a, b);
  NAMES[h] = name;
  return name;
}

/** Unfinished markup longer than this is tried again only when the buffer has doubled. */
const LONG_MARKUP = 4096;

/** Markup that is not complete in the buffer yet: wait for more. */
const MORE = -1;

export class XmlScanner {
  /** What the last write could not finish: an incomplete tag, or the end of a text. */
  private pending = '';
  /** Try the pending markup again once the buffer is this long (0: at the next chunk). */
  private retryAt = 0;
  /** Names of the open elements, innermost last. */
  private readonly stack: string[] = [];
  private sawRoot = false;
  /** Nothing read yet: a byte-order mark or the XML declaration may come. */
  private atStart = true;
  private done = false;

  constructor(private readonly on: XmlScanHandler) {}

  write(chunk: string): void {
    if (this.done) fail('data after the end of the document');
    const pending = this.pending;
    if (pending.length === 0) return this.run(chunk, 0, false);
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: when to try unfinished markup again is speed only (at close() everything is read)
    if (pending.length + chunk.length < this.retryAt) {
      this.pending = pending + chunk;
      return;
    }
    // Joining the last chunk's unfinished end to this whole chunk would copy the chunk (a string
    // made of two is flattened when searched). Finish that end with the chunk's head instead, up to
    // its first `<` (a tag's `>` or a text's end comes before it), then go on in the chunk itself.
    const lt = chunk.indexOf('<');
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: joining in full is the slow way to the same events
    if (lt < 0 || this.atStart) return this.run(pending + chunk, 0, false);
    const head = pending + chunk.slice(0, lt + 1);
    this.run(head, 0, false);
    const rest = this.pending;
    const from = head.length - rest.length - pending.length;
    this.pending = '';
    // What is left starts inside the chunk: read on from there. Otherwise the unfinished markup
    // runs past that `<` (a comment, a CDATA section): join in full.
    if (from >= 0) this.run(chunk, from, false);
    else this.run(rest + chunk.slice(lt + 1), 0, false);
  }

  /** The end of the document: anything unfinished is an error. */
  close(): void {
    if (this.done) return;
    this.done = true;
    this.run(this.pending, 0, true);
    if (this.stack.length > 0) fail('an element not closed at the end of the document');
    if (!this.sawRoot) fail('no root element');
  }

  private run(s: string, from: number, final: boolean): void {
    const n = s.length;
    let i = from;
    if (this.atStart && n > 0) {
      if (s.charCodeAt(0) === 0xfeff) i = 1;
      if (n - i < 6 && !final && '<?xml '.startsWith(s.slice(i))) {
        this.pending = s;
        return;
      }
      this.atStart = false;
      if (s.startsWith('<?xml', i) && isSpace(s.charCodeAt(i + 5))) {
        const end = s.indexOf('?>', i);
        if (end < 0) {
          if (final) fail('unfinished XML declaration');
          this.atStart = true;
          this.pending = s;
          this.retryLater(n);
          return;
        }
        if (!XML_DECL.test(s.slice(i, end + 2))) fail('a malformed XML declaration');
        i = end + 2;
      }
    }
    this.retryAt = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt !== i) {
        if (lt < 0 && !final) {
          i = this.textTail(s, i, n);
          break;
        }
        this.text(s.slice(i, lt < 0 ? n : lt));
        if (lt < 0) {
          i = n;
          break;
        }
        i = lt;
      }
      let next: number;
      if (i + 1 >= n) next = MORE;
      else {
        const c = s.charCodeAt(i + 1);
        if (c === SLASH) next = this.closeTag(s, i, n);
        else if (c === BANG) next = this.bang(s, i, n);
        else if (c === QUESTION) next = this.instruction(s, i, n);
        else next = this.openTag(s, i, n);
      }
      if (next === MORE) {
        if (final) fail('the document ends inside a tag');
        this.retryLater(n - i);
        break;
      }
      i = next;
    }
    this.pending = i >= n ? '' : s.slice(i);
  }

  /**
   * Unfinished markup of this length waits: a long one (a tag, comment, CDATA section or the
   * declaration) is tried again only once the buffer doubled, which keeps reading it linear; a
   * short one at the next chunk.
   */
  private retryLater(length: number): void {
    // Stryker disable next-line ArithmeticOperator,ConditionalExpression,EqualityOperator: when to try again is speed only (at close() everything is read)
    this.retryAt = length > LONG_MARKUP ? length * 2 : 0;
  }

  /**
   * Text running to the end of the buffer: hand over what is certain and keep the end that the
   * next chunk could change (an unfinished `&…;`, a `\r` before `\n`, `]` or `]]` before `>`, half a surrogate pair).
   */
  private textTail(s: string, i: number, n: number): number {
    let cut = n;
    // An entity is at most 10 characters (`&#x10FFFF;`): a longer one without `;` is an error now.
    const amp = s.lastIndexOf('&', n - 1);
    if (amp >= i && n - amp <= 12 && s.indexOf(';', amp) < 0) cut = amp;
    while (cut > i && n - cut < 3) {
      const c = s.charCodeAt(cut - 1);
      if (c !== 0x5d && c !== 0x0d && (c < 0xd800 || c > 0xdbff)) break;
      cut--;
    }
    if (cut > i) this.text(s.slice(i, cut));
    return cut;
  }

  private text(raw: string): void {
    if (this.stack.length === 0) {
      for (let k = 0; k < raw.length; k++)
        if (!isSpace(raw.charCodeAt(k)))
          fail(this.sawRoot ? 'text after the root element' : 'text before the root element');
      return;
    }
    this.on.text(textValue(raw));
  }

  private openTag(s: string, i: number, n: number): number {
    const start = i + 1;
    const end = nameEnd(s, start, n);
    if (end >= n) return MORE;
    if (end === start) fail('an invalid character where a tag name should start');
    const name = intern(s, start, end);
    let attrs = EMPTY_ATTRS;
    let j = end;
    for (;;) {
      if (j >= n) return MORE;
      let c = s.charCodeAt(j);
      if (c === GT || c === SLASH) {
        if (c === SLASH) {
          if (j + 1 >= n) return MORE;
          if (s.charCodeAt(j + 1) !== GT) fail('a "/" inside a tag');
        }
        if (this.stack.length === 0 && this.sawRoot) fail('more than one root element');
        this.sawRoot = true;
        this.stack.push(name);
        this.on.open(name, attrs);
        if (c === SLASH) {
          this.stack.pop();
          this.on.close();
          return j + 2;
        }
        return j + 1;
      }
      if (!isSpace(c)) fail('an invalid character in a tag');
      do j++;
      while (j < n && isSpace(s.charCodeAt(j)));
      if (j >= n) return MORE;
      c = s.charCodeAt(j);
      if (c === GT || c === SLASH) continue;
      const aEnd = nameEnd(s, j, n);
      if (aEnd >= n) return MORE;
      if (aEnd === j) fail('an invalid attribute name');
      const aName = intern(s, j, aEnd);
      j = aEnd;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return MORE;
      if (s.charCodeAt(j) !== EQUALS) fail('an attribute without a value');
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return MORE;
      const q = s.charCodeAt(j);
      if (q !== QUOT && q !== APOS) fail('an unquoted attribute value');
      const close = s.indexOf(q === QUOT ? '"' : "'", j + 1);
      if (close < 0) return MORE;
      const value = attrValue(s.slice(j + 1, close));
      if (attrs === EMPTY_ATTRS) attrs = Object.create(null) as Record<string, string>;
      else if (aName in attrs) fail('a duplicated attribute');
      (attrs as Record<string, string>)[aName] = value;
      j = close + 1;
    }
  }

  private closeTag(s: string, i: number, n: number): number {
    const open = this.stack;
    const top = open[open.length - 1];
    const start = i + 2;
    if (top === undefined) {
      if (nameEnd(s, start, n) >= n) return MORE;
      fail('a closing tag with no element open');
    }
    let j = start + top.length;
    if (j >= n) {
      // Not enough to tell: wait, unless what is there already differs.
      if (top.startsWith(s.slice(start, n))) return MORE;
      fail('a closing tag that does not match the open element');
    }
    if (!s.startsWith(top, start) || isNameChar(s.charCodeAt(j)))
      fail('a closing tag that does not match the open element');
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (j >= n) return MORE;
    if (s.charCodeAt(j) !== GT) fail('an invalid character in a closing tag');
    open.pop();
    this.on.close();
    return j + 1;
  }

  /** `<!--…-->`, `<![CDATA[…]]>`; `<!DOCTYPE` and any other declaration refused. */
  private bang(s: string, i: number, n: number): number {
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('--', i + 4);
      if (end < 0 || end + 2 >= n) return MORE;
      if (s.charCodeAt(end + 2) !== GT) fail('"--" inside a comment');
      if (REFUSED_CHAR.test(s.slice(i + 4, end))) fail('a character XML cannot carry');
      return end + 3;
    }
    if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      if (end < 0) return MORE;
      if (this.stack.length === 0) fail('a CDATA section outside the root element');
      const raw = s.slice(i + 9, end);
      if (REFUSED_CHAR.test(raw)) fail('a character XML cannot carry');
      this.on.text(lineEnds(raw));
      return end + 3;
    }
    if (n - i < 9) {
      const head = s.slice(i, n);
      if ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head) || '<!DOCTYPE'.startsWith(head))
        return MORE;
    }
    if (s.startsWith('<!DOCTYPE', i)) fail('a document type declaration is not allowed');
    return fail('an invalid declaration');
  }

  /** `<?…?>`: the XML declaration is only allowed first (read in run()); nothing else is allowed. */
  private instruction(s: string, i: number, n: number): number {
    const end = nameEnd(s, i + 2, n);
    if (end >= n) return MORE;
    const target = s.slice(i + 2, end);
    if (target.toLowerCase() === 'xml') fail('an XML declaration that is not at the start');
    return fail('processing instruction');
  }
}
