/**
 * XML reading and writing for the simulator's EWS handlers: a strict, namespace-aware tree from
 * saxes (no DTD, no entity expansion) and small helpers that escape everything they write.
 */
import { SaxesParser } from 'saxes';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsd: 'http://www.w3.org/2001/XMLSchema',
} as const;

export interface XNode {
  /** Local name, without prefix. */
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes by local name. */
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parses a whole document. Throws XmlSyntaxError on anything not well-formed or on a DTD. */
export function parseXml(source: string): XNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: XNode = { local: '#document', uri: '', attrs: {}, children: [], text: '' };
  const stack: XNode[] = [root];
  let failure: XmlSyntaxError | undefined;
  const fail = (message: string): void => {
    failure ??= new XmlSyntaxError(message, parser.line, parser.column + 1);
  };
  parser.on('error', (err) => fail(err.message));
  parser.on('doctype', () => fail('DTD is prohibited in this XML document.'));
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
    }
    const node: XNode = { local: tag.local, uri: tag.uri, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    parent?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(source).close();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (failure) throw failure;
  const doc = root.children[0];
  if (!doc) throw new XmlSyntaxError('Root element is missing.', 1, 1);
  return doc;
}

export function child(node: XNode | undefined, local: string): XNode | undefined {
  return node?.children.find((c) => c.local === local);
}

export function children(node: XNode | undefined, local?: string): XNode[] {
  if (!node) return [];
  return local === undefined ? node.children : node.children.filter((c) => c.local === local);
}

/** Text of the descendant at the path (local names), trimmed; undefined when absent. */
export function textAt(node: XNode | undefined, ...path: string[]): string | undefined {
  let cur = node;
  for (const p of path) cur = child(cur, p);
  return cur ? cur.text.trim() : undefined;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text or an attribute value, and drops characters XML 1.0 cannot carry. */
export function esc(value: string | number | boolean): string {
  return (
    String(value)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)
  );
}

export type Attrs = Record<string, string | number | boolean | undefined>;

function attrText(attrs: Attrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out += ` ${k}="${esc(v)}"`;
  return out;
}

/** An element whose content is already XML (children built with el/leaf). */
export function el(name: string, attrs?: Attrs, ...content: (string | undefined | false)[]): string {
  const inner = content.filter((c): c is string => typeof c === 'string').join('');
  return inner === '' ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${inner}</${name}>`;
}

/** An element holding escaped text; omitted when the value is undefined. */
export function leaf(name: string, value: string | number | boolean | undefined, attrs?: Attrs): string {
  if (value === undefined) return '';
  return `<${name}${attrText(attrs)}>${esc(value)}</${name}>`;
}
