/** Text from the server made safe to show: one rule for every name and label the client reads. */

/** Longest name or label kept from the server (the contract's limit for names the user types). */
export const MAX_TEXT_LENGTH = 256;

// Bidi embeddings, overrides and isolates (an unbalanced U+202E turns `gnp.exe` into `exe.png` and
// spills onto the text after it), zero-width spaces and the BOM: dropped. ZWJ and ZWNJ stay
// (emoji sequences, Persian and Indic scripts need them).
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/g;
// C0 and C1 controls (tab and new line included): a space.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/**
 * A name or label as the server sent it, made safe to show: invisible direction and zero-width
 * characters removed, controls made spaces, whitespace collapsed, at most MAX_TEXT_LENGTH
 * characters (a 10,000-letter name is cut). Markup stays text: nothing here is ever HTML.
 */
export function cleanText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(INVISIBLE, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  if (t.length <= MAX_TEXT_LENGTH) return t;
  // Cut on a code point boundary, never between the halves of a surrogate pair.
  return `${Array.from(t.slice(0, MAX_TEXT_LENGTH + 1))
    .slice(0, MAX_TEXT_LENGTH - 1)
    .join('')}…`;
}
