/**
 * Links a meeting may carry: only https, with no user name or password in them, ever reach the
 * invitation, the upcoming list or the shell's "open in browser". Pure.
 */

/** The link as a clean https URL string, or undefined (javascript:, http:, data:, credentials, junk). */
export function safeHttpsUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  // Browsers drop tabs and newlines inside a URL: "java\tscript:" is javascript:. So does URL().
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname) return undefined;
  return url.href;
}

/** The few entities an HTML attribute or text may use for a link (named ones and numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return codePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return codePoint(parseInt(lower.slice(1), 10), whole);
    return NAMED.get(lower) ?? whole;
  });
}

const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['colon', ':'],
  ['tab', '\t'],
  ['newline', '\n'],
]);

function codePoint(n: number, fallback: string): string {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}
