/**
 * THE one place that knows what a secret looks like. Everything the logger writes and
 * everything the diagnostics bundle will hold goes through `redact`.
 *
 * It returns a new value and never changes its input. It removes:
 * - values under secret-looking keys (password, passwd, pwd, secret, token, access_token,
 *   refresh_token, authorization, cookie, api_key, credentials…; any case, any nesting, in
 *   objects, arrays, Maps, Sets, Headers);
 * - in strings: `Authorization: …` / `Cookie: …` header lines, `Basic …` / `Bearer …` /
 *   `NTLM …` / `Negotiate …` tokens, `password=…` / `access_token=…` in URLs, query strings
 *   and form bodies, `"password": "…"` in JSON text, `user:password@` in URLs, and any secret
 *   registered with `registerSecret`;
 * - the user's home directory, written as `~`.
 *
 * It errs on the side of hiding: a log line that says `token: [REDACTED]` for something
 * harmless costs little; the other mistake costs a password.
 */
import { homedir } from 'node:os';

export const REDACTED = '[REDACTED]';

export interface RedactOptions {
  /** The home directory to replace with `~`; null leaves paths alone. Default: os.homedir(). */
  home?: string | null;
}

const SENSITIVE_KEY =
  /passw(?:or)?d|passwd|passphrase|secret|token|authori[sz]ation|cookie|apikey|credential|privatekey|sessionid|sessionkey|signature/;
const SENSITIVE_EXACT = new Set(['pass', 'pwd', 'pw', 'auth', 'sig']);
/** Keys that contain a sensitive word but hold nothing secret. */
const HARMLESS_KEY = new Set(['tokentype', 'tokenexpiresin', 'cookiepolicy']);

/** Whether a key (object property, header, query parameter) names a secret. */
export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  // Stryker disable next-line ConditionalExpression: an empty key fails both the exact set and the word pattern anyway
  if (k.length === 0 || HARMLESS_KEY.has(k)) return false;
  return SENSITIVE_EXACT.has(k) || SENSITIVE_KEY.test(k);
}

// ---- known secrets -------------------------------------------------------------------------

const knownSecrets = new Set<string>();

/**
 * Tells the redactor about a secret value (a password the user typed, a token just received)
 * so that it is hidden wherever it appears, even in a sentence with no key next to it.
 * Values shorter than 4 characters are ignored: hiding every "abc" would ruin the log and
 * hide nothing. Call `forgetSecret` on sign-out.
 */
export function registerSecret(value: string): void {
  // Stryker disable next-line ConditionalExpression: a non-string has no length, so the length test refuses it too
  if (typeof value === 'string' && value.length >= 4) knownSecrets.add(value);
}

export function forgetSecret(value: string): void {
  knownSecrets.delete(value);
}

// ---- strings -------------------------------------------------------------------------------

/** `Authorization: …`, `Proxy-Authorization: …`, `Cookie: …`, `Set-Cookie: …` up to the end of the line. */
const HEADER_LINE =
  /\b((?:proxy-)?authorization|(?:set-)?cookie|x-api-key)(["']?[ \t]*:[ \t]*)("[^"\r\n]*"|'[^'\r\n]*'|[^\r\n]*)/gi;

/** `<scheme> <token>`: the token part of an Authorization value met outside a header line. */
const AUTH_SCHEME = /\b(Basic|Bearer|NTLM|Negotiate)(\s+)([A-Za-z0-9+/._~-]+=*)/g;

/** `scheme://user:password@host` */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#:@]*):([^\s/?#@]+)@/gi;

/**
 * `key=value`, `key: value`, `"key": "value"`: in query strings, form bodies, JSON text and prose.
 * The key is checked with isSensitiveKey in the replacer.
 */
const KEY_VALUE =
  /(?<![A-Za-z0-9_])(["']?)([A-Za-z][A-Za-z0-9_.-]*)\1([ \t]*[:=][ \t]*)(\[REDACTED\]|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|[^\s&,;"'<>)}\]]+)/g;

function looksLikeToken(scheme: string, token: string): boolean {
  if (scheme === 'Basic') {
    // Basic credentials are base64("user:password"): decode and look for the colon.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return token.length >= 16;
    return token.length >= 16 || Buffer.from(token, 'base64').toString('latin1').includes(':');
  }
  // "Bearer token expired", "NTLM handshake" are prose; real tokens are long or carry digits/symbols.
  return token.length >= 20 || (token.length >= 8 && /[0-9+/=._~-]/.test(token));
}

/**
 * Replaces the value of every sensitive `key=value` / `key: value`. A non-sensitive match gives
 * back everything after its key, so `failed: password=x` and `https://h/?token=x` are still seen
 * (a plain global replace would swallow them as the value of `failed` or `https`).
 */
function redactKeyValues(text: string): string {
  const re = new RegExp(KEY_VALUE.source, 'g');
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // Stryker disable next-line StringLiteral: these groups always take part in a match, so the defaults are never used
    const [whole, q = '', key = '', sep = ''] = m;
    // Stryker disable next-line StringLiteral: group 4 always takes part in a match
    let value = m[4] ?? '';
    // In a URL or form body (`=`), `#` starts the fragment; in prose (`:`), it may be part of a password.
    // Stryker disable next-line Regex,StringLiteral: an unquoted value holds no quote at all; split always gives a first part
    if (sep.includes('=') && !/^["']/.test(value)) value = value.split('#')[0] ?? '';
    // Stryker disable next-line ConditionalExpression: redacting [REDACTED] again writes the same text
    if (!isSensitiveKey(key) || value === REDACTED) {
      // Stryker disable next-line ArithmeticOperator: starting half a quote earlier rescans only the key's last character and its closing quote, where no key can start
      re.lastIndex = m.index + q.length * 2 + key.length;
      continue;
    }
    // Stryker disable next-line MethodExpression: a value that starts with a quote is a quoted value, which also ends with it
    const vq = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
    out += text.slice(last, m.index) + `${q}${key}${q}${sep}${vq}${REDACTED}${vq}`;
    // Stryker disable next-line StringLiteral: group 4 always takes part in a match
    last = m.index + whole.length - ((m[4] ?? '').length - value.length);
    re.lastIndex = last;
  }
  return out + text.slice(last);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function homePattern(home: string): RegExp {
  // Windows paths may be written with either separator and any case.
  const parts = home.split(/[\\/]+/).map(escapeRegExp);
  const body = parts.join('[\\\\/]+');
  const flags = /^[A-Za-z]:/.test(home) ? 'gi' : 'g';
  return new RegExp(`${body}(?=$|[\\\\/]|[^A-Za-z0-9_.-])`, flags);
}

function resolveHome(options: RedactOptions | undefined): string | null {
  if (options && options.home !== undefined) return options.home;
  try {
    return homedir();
  } catch {
    return null;
  }
}

/** A copy of `text` with every secret shape replaced by [REDACTED] and the home directory by `~`. */
export function redactString(text: string, options?: RedactOptions): string {
  let out = text;
  for (const secret of knownSecrets) {
    // Stryker disable next-line ConditionalExpression: split/join of a text without the secret gives the text back
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(HEADER_LINE, (_m, name: string, sep: string, value: string) => {
    const q = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
    return `${name}${sep}${q}${REDACTED}${q}`;
  });
  out = out.replace(AUTH_SCHEME, (m, scheme: string, space: string, token: string) =>
    looksLikeToken(scheme, token) ? `${scheme}${space}${REDACTED}` : m,
  );
  out = out.replace(URL_USERINFO, (_m, head: string) => `${head}:${REDACTED}@`);
  out = redactKeyValues(out);
  const home = resolveHome(options);
  // A home of "/" or "C:\" would turn every path into "~"; only real home folders count.
  if (home && home.replace(/[\\/]+$/, '').length > 3) {
    out = out.replace(homePattern(home.replace(/[\\/]+$/, '')), '~');
  }
  return out;
}

// ---- values --------------------------------------------------------------------------------

const MAX_DEPTH = 12;

/** What a sensitive key's value becomes: null, undefined and booleans say nothing secret and stay. */
function hideValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (value === '') return '';
  return REDACTED;
}

/**
 * A redacted copy of any value, for logs and diagnostics. Plain objects, arrays, Maps and Sets
 * keep their shape; an Error becomes a plain `{ name, message, stack, …own fields, cause }`;
 * a URL becomes its redacted string; Buffers and typed arrays become `[N bytes]`;
 * cycles become `[Circular]`.
 */
export function redact(value: unknown, options?: RedactOptions): unknown {
  const home = resolveHome(options);
  const opts: RedactOptions = { home };
  const seen = new WeakSet<object>();

  function walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return redactString(v, opts);
    if (typeof v !== 'object' || v === null) {
      return typeof v === 'function' ? `[Function ${v.name || 'anonymous'}]` : v;
    }
    if (seen.has(v)) return '[Circular]';
    if (depth > MAX_DEPTH) return '[Too deep]';
    if (v instanceof Date) return new Date(v.getTime());
    if (v instanceof URL) return redactString(v.href, opts);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `[${v.byteLength} bytes]`;
    if (v instanceof RegExp) return redactString(String(v), opts);
    seen.add(v);
    try {
      if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
      if (v instanceof Map) {
        const out = new Map<unknown, unknown>();
        for (const [k, item] of v) {
          // Stryker disable next-line ConditionalExpression,StringLiteral: walk of a string is redactString of it
          const key = typeof k === 'string' ? redactString(k, opts) : walk(k, depth + 1);
          out.set(key, typeof k === 'string' && isSensitiveKey(k) ? hideValue(item) : walk(item, depth + 1));
        }
        return out;
      }
      if (v instanceof Set) return new Set([...v].map((item) => walk(item, depth + 1)));
      // Stryker disable next-line ConditionalExpression,StringLiteral: Headers is always defined in the Node versions Roster runs on
      if (typeof Headers !== 'undefined' && v instanceof Headers) {
        const out: Record<string, unknown> = {};
        v.forEach((item, k) => {
          out[k] = isSensitiveKey(k) ? hideValue(item) : redactString(item, opts);
        });
        return out;
      }
      const out: Record<string, unknown> = {};
      if (v instanceof Error) {
        out.name = v.name;
        out.message = redactString(v.message, opts);
        if (v.stack !== undefined) out.stack = redactString(v.stack, opts);
      }
      for (const [k, item] of Object.entries(v)) {
        Object.defineProperty(out, k, {
          value: isSensitiveKey(k) ? hideValue(item) : walk(item, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      // Stryker disable next-line StringLiteral: an own enumerable cause was walked from the same value, so walking it again writes the same
      if (v instanceof Error && v.cause !== undefined && !('cause' in out))
        out.cause = walk(v.cause, depth + 1);
      return out;
    } finally {
      seen.delete(v);
    }
  }

  return walk(value, 0);
}
