/**
 * SOAP 1.1 for EWS: an XML writer that keeps every string as text, and a strict streaming reader
 * (xml-scan.ts) that refuses DTDs and entity declarations. The parser choice stays behind this module.
 */
import { EwsError, errorFromResponseCode, isResponseCode } from './errors';
import { XmlScanner, type XmlScanHandler } from './xml-scan';

export const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS_TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const NS_MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
/** SOAP 1.2's envelope namespace: EWS never answers in it, so an answer in it is not trusted. */
export const NS_SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** Markup that is already XML. Only `el()` and `rawXml()` make one; a plain string is text. */
export class XmlFragment {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

export type XmlChild = XmlFragment | string | number | boolean | null | undefined | readonly XmlChild[];
export type XmlAttrs = Record<string, string | number | boolean | null | undefined>;

// Characters XML 1.0 cannot carry at all: dropped rather than sent.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function writeChildren(children: readonly XmlChild[], out: string[]): void {
  for (const c of children) {
    if (c === null || c === undefined) continue;
    if (c instanceof XmlFragment) out.push(c.xml);
    else if (Array.isArray(c)) writeChildren(c, out);
    else out.push(escapeText(String(c)));
  }
}

/** `<name attrs>children</name>`; attribute values and string children are escaped. */
export function el(name: string, attrs?: XmlAttrs | null, ...children: XmlChild[]): XmlFragment {
  if (!NAME.test(name)) throw new EwsError('bad-input', 'Invalid XML element name.', { code: 'XmlName' });
  let s = `<${name}`;
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined) continue;
      if (!NAME.test(k)) throw new EwsError('bad-input', 'Invalid XML attribute name.', { code: 'XmlName' });
      s += ` ${k}="${escapeAttr(String(v))}"`;
    }
  }
  const out: string[] = [];
  writeChildren(children, out);
  if (out.length === 0) return new XmlFragment(`${s}/>`);
  return new XmlFragment(`${s}>${out.join('')}</${name}>`);
}

/** Join fragments without a wrapping element. */
export function frag(...children: XmlChild[]): XmlFragment {
  const out: string[] = [];
  writeChildren(children, out);
  return new XmlFragment(out.join(''));
}

export interface EnvelopeOptions {
  /** Default `Exchange2013`. */
  requestServerVersion?: string;
  /** Act as this mailbox (ApplicationImpersonation role needed). */
  impersonateSmtp?: string;
}

/** A complete SOAP request: RequestServerVersion (and ExchangeImpersonation) in the header. */
export function buildEnvelope(body: XmlFragment, options: EnvelopeOptions = {}): string {
  const header = el(
    'soap:Header',
    null,
    el('t:RequestServerVersion', { Version: options.requestServerVersion ?? 'Exchange2013' }),
    options.impersonateSmtp
      ? el(
          't:ExchangeImpersonation',
          null,
          el('t:ConnectingSID', null, el('t:PrimarySmtpAddress', null, options.impersonateSmtp)),
        )
      : null,
  );
  const env = el(
    'soap:Envelope',
    { 'xmlns:soap': NS_SOAP, 'xmlns:t': NS_TYPES, 'xmlns:m': NS_MESSAGES },
    header,
    el('soap:Body', null, body),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${env.xml}`;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** A compact element: local name (prefix stripped), attributes by local name, text, children. */
export interface XElement {
  name: string;
  attrs: Record<string, string>;
  children: XElement[];
  text: string;
  /**
   * Namespace URI, resolved only for the envelope's top levels (Envelope; Header and Body; their
   * children), where it decides whether the answer is trusted. Deeper elements leave it unset.
   */
  ns?: string;
  /**
   * Set on an element read by an ItemReader (see TypedElements): the value it made, and which
   * reader made it. Such an element keeps no children: it stands in the tree where it was sent.
   */
  value?: unknown;
  readBy?: object;
}

/** Depth (0 = root) down to which element namespaces are resolved. */
const NS_DEPTH = 2;

const MAX_DEPTH = 200;
/**
 * Elements a tree may hold at once. Every operation's answer is also capped in bytes (caller.ts),
 * but a byte cap alone does not bound memory: `<x/>` is 4 bytes and a node ~70 bytes of heap, so
 * a 60 MB answer of tiny elements took ~1 GB of heap. The largest legitimate answers Roster reads
 * whole hold far fewer (FindPeople, 1,000 personas: ~40,000; availability, 100 people × 42 days:
 * ~250,000), so 500,000 bounds the tree at ~40 MB. Elements handed to a collector are dropped as
 * they close and do not count.
 */
export const MAX_XML_ELEMENTS = 500_000;
/** No EWS element has more than a handful of attributes. */
const MAX_ATTRIBUTES = 64;
/** Shared empties: most elements have no attributes, leaves have no children (never mutated). */
const NO_ATTRS: Record<string, string> = Object.freeze({});
const NO_CHILDREN: XElement[] = Object.freeze([]) as unknown as XElement[];

/** Element and attribute names repeat: intern them so a tree holds one copy of each. */
const names = new Map<string, string>();
function localName(qname: string): string {
  let n = names.get(qname);
  if (n === undefined) {
    const i = qname.indexOf(':');
    n = i < 0 ? qname : qname.slice(i + 1);
    if (names.size < 10_000) names.set(qname, n);
  }
  return n;
}

/** A parser's or our own detail, short: it may quote the server's bytes (a 10,000-letter name). */
function shortDetail(detail: string): string {
  return detail.length > 100 ? `${detail.slice(0, 100)}…` : detail;
}

function malformed(detail: string, cause?: unknown): EwsError {
  return new EwsError(
    'server',
    `Exchange sent a malformed response (${shortDetail(detail)}). Try again later; if it keeps happening, tell your IT department.`,
    {
      code: 'MalformedResponse',
      cause,
    },
  );
}

function tooComplex(): EwsError {
  return new EwsError(
    'server',
    `Exchange sent an answer with more than ${MAX_XML_ELEMENTS.toLocaleString('en')} parts, more than any answer this app asks for can hold, so it was not read. Try again later; if it keeps happening, tell your IT department.`,
    { code: 'ResponseTooComplex' },
  );
}

/** A failure met while reading: ours as it is, the scanner's (or anything else) as a malformed answer. */
function asMalformed(err: unknown): EwsError {
  if (err instanceof EwsError) return err;
  return malformed(err instanceof Error ? err.message.split('\n')[0]! : 'parse error', err);
}

/** Elements in a subtree, the root included. */
function countElements(e: XElement): number {
  let n = 1;
  for (const c of e.children) n += countElements(c);
  return n;
}

/** Incremental reader: feed text chunks, then `close()` returns the root element. */
/**
 * Elements handed over as soon as they close, then dropped from the tree: a large list is read
 * into typed results while it streams instead of being kept whole (local name → callback).
 */
export type XmlCollectors = Readonly<Record<string, (e: XElement) => void>>;

/**
 * Reads one element and everything inside it straight into a typed value, from the tokenizer's
 * events, without building its subtree (main/exchange/fast/). One reader serves every element of
 * its name in one document, one after the other.
 */
export interface ItemReader {
  /** Who made the value (XElement.readBy), so an operation knows what it may cast it to. */
  readonly spec: object;
  /** An element opens: the item's own first, then each one inside it. Names are as sent (prefixed). */
  open(qname: string, attrs: Readonly<Record<string, string>>): void;
  text(t: string): void;
  /** An element closes; the item's own last. */
  close(): void;
  /** The item's value, once its element closed. */
  result(): unknown;
}

/** Local name → the reader for elements of that name (below the root), for one document. */
export type TypedElements = Readonly<Record<string, ItemReader>>;

export class XmlTreeReader {
  private readonly parser: XmlScanner;
  private readonly stack: XElement[] = [];
  /** In-scope prefix → URI ('' the default) of each open element down to NS_DEPTH. */
  private readonly scopes: Record<string, string>[] = [];
  private root: XElement | undefined;
  private failed: EwsError | undefined;
  /** Elements in the tree now (collected ones leave it). */
  private held = 0;
  /** The item being read by a typed reader, its stand-in node, and how deep inside it we are. */
  private item: ItemReader | undefined;
  private itemNode: XElement | undefined;
  private itemDepth = 0;

  constructor(collect?: XmlCollectors, typed?: TypedElements) {
    const open = (qname: string, a: Readonly<Record<string, string>>): void => {
      const stack = this.stack;
      if (this.itemDepth > 0) {
        if (stack.length + this.itemDepth >= MAX_DEPTH) throw malformed('nesting too deep');
        this.itemDepth++;
        this.item!.open(qname, a);
        return;
      }
      if (stack.length >= MAX_DEPTH) throw malformed('nesting too deep');
      if (++this.held > MAX_XML_ELEMENTS) throw tooComplex();
      let attrs = NO_ATTRS;
      let count = 0;
      const depth = stack.length;
      const scope: Record<string, string> | undefined =
        depth <= NS_DEPTH ? { ...this.scopes[depth - 1] } : undefined;
      for (const k in a) {
        if (++count > MAX_ATTRIBUTES) throw malformed('too many attributes');
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (scope) scope[k === 'xmlns' ? '' : k.slice(6)] = a[k]!;
          continue;
        }
        if (attrs === NO_ATTRS) attrs = {};
        attrs[localName(k)] = a[k]!;
      }
      const node: XElement = { name: localName(qname), attrs, children: NO_CHILDREN, text: '' };
      if (scope) {
        const colon = qname.indexOf(':');
        const uri = scope[colon < 0 ? '' : qname.slice(0, colon)];
        if (uri !== undefined) node.ns = uri;
        this.scopes.push(scope);
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        if (parent.children === NO_CHILDREN) {
          parent.children = [node];
          parent.text = ''; // an element with children keeps no text (whitespace between tags)
        } else parent.children.push(node);
        // Stryker disable next-line ConditionalExpression,StringLiteral: the scanner refuses a second root itself, before its open reaches here (kept as defence)
      } else if (this.root) throw malformed('more than one root element');
      else this.root = node;
      const reader = typed && parent && Object.hasOwn(typed, node.name) ? typed[node.name] : undefined;
      if (reader) {
        if (scope) this.scopes.pop();
        this.item = reader;
        this.itemNode = node;
        this.itemDepth = 1;
        reader.open(qname, a);
        return;
      }
      stack.push(node); // the scanner sends close for self-closing tags too
    };
    // Text of an element that has children is dropped (see close): do not hold it meanwhile.
    const addText = (t: string): void => {
      if (this.itemDepth > 0) return this.item!.text(t);
      const top = this.stack[this.stack.length - 1];
      if (top && top.children === NO_CHILDREN) top.text += t;
    };
    const close = (): void => {
      if (this.itemDepth > 0) {
        this.item!.close();
        if (--this.itemDepth === 0) {
          const node = this.itemNode!;
          node.value = this.item!.result();
          node.readBy = this.item!.spec;
          this.item = this.itemNode = undefined;
          // A collector takes typed items too (the stand-in is the last child of its parent).
          const take = collect && Object.hasOwn(collect, node.name) ? collect[node.name] : undefined;
          if (take) {
            take(node);
            this.stack[this.stack.length - 1]!.children.pop();
            this.held--;
          }
        }
        return;
      }
      const stack = this.stack;
      const node = stack.pop();
      if (!node) return;
      if (stack.length <= NS_DEPTH) this.scopes.pop();
      if (node.children !== NO_CHILDREN) node.text = '';
      // Own keys only: an element named `constructor` or `toString` is data, not a collector.
      const take = collect && Object.hasOwn(collect, node.name) ? collect[node.name] : undefined;
      const parent = stack[stack.length - 1];
      if (take && parent) {
        take(node);
        parent.children.pop(); // it is the last child: drop it so it can be collected
        this.held -= countElements(node);
      }
    };
    const handler: XmlScanHandler = { open, text: addText, close };
    this.parser = new XmlScanner(handler);
  }

  write(chunk: string): void {
    if (this.failed) throw this.failed;
    try {
      this.parser.write(chunk);
    } catch (err) {
      this.failed = asMalformed(err);
      throw this.failed;
    }
  }

  close(): XElement {
    if (this.failed) throw this.failed;
    try {
      this.parser.close();
    } catch (err) {
      throw asMalformed(err);
    }
    // Stryker disable next-line ConditionalExpression,StringLiteral,BooleanLiteral: the scanner's close() refuses a document without a root itself (kept as defence)
    if (!this.root) throw malformed('empty document');
    return this.root;
  }
}

/** Parse a whole XML document into a compact tree (strict; DTDs refused). */
export function parseXml(text: string, collect?: XmlCollectors, typed?: TypedElements): XElement {
  const r = new XmlTreeReader(collect, typed);
  r.write(text);
  return r.close();
}

/** Parse an XML document arriving in chunks (a response body) without joining it first. */
export async function parseXmlStream(
  chunks: AsyncIterable<Uint8Array | string>,
  collect?: XmlCollectors,
  typed?: TypedElements,
): Promise<XElement> {
  const r = new XmlTreeReader(collect, typed);
  const dec = new TextDecoder('utf-8');
  for await (const c of chunks) r.write(typeof c === 'string' ? c : dec.decode(c, { stream: true }));
  const tail = dec.decode();
  if (tail) r.write(tail);
  return r.close();
}

// Navigation helpers (local names) -------------------------------------------------------------

export function child(e: XElement | undefined, name: string): XElement | undefined {
  if (!e) return undefined;
  for (const c of e.children) if (c.name === name) return c;
  return undefined;
}

export function childrenNamed(e: XElement | undefined, name: string): XElement[] {
  if (!e) return [];
  return e.children.filter((c) => c.name === name);
}

/** Text of a direct child, or undefined when absent. */
export function childText(e: XElement | undefined, name: string): string | undefined {
  const c = child(e, name);
  return c ? c.text : undefined;
}

/** Follow a path of direct children. */
export function path(e: XElement | undefined, ...names: string[]): XElement | undefined {
  let cur = e;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/** First descendant (depth first) with this name, the element itself included. */
export function findFirst(e: XElement | undefined, name: string): XElement | undefined {
  if (!e) return undefined;
  if (e.name === name) return e;
  for (const c of e.children) {
    const f = findFirst(c, name);
    if (f) return f;
  }
  return undefined;
}

// SOAP responses --------------------------------------------------------------------------------

export interface ServerVersionInfo {
  majorVersion: number;
  minorVersion: number;
  majorBuildNumber: number;
  minorBuildNumber: number;
  /** e.g. `V2018_01_08` or `Exchange2013_SP1`. */
  version?: string;
}

export function formatServerVersion(v: ServerVersionInfo | undefined): string | undefined {
  if (!v) return undefined;
  return `${v.majorVersion}.${v.minorVersion}.${v.majorBuildNumber}.${v.minorBuildNumber}`;
}

export interface SoapResponse {
  serverVersion?: ServerVersionInfo;
  /** The first element inside soap:Body (e.g. m:GetImItemListResponse). */
  body: XElement;
}

function int(s: string | undefined): number {
  const n = Number.parseInt(s ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function readServerVersion(header: XElement | undefined): ServerVersionInfo | undefined {
  const v = child(header, 'ServerVersionInfo');
  if (!v) return undefined;
  const out: ServerVersionInfo = {
    majorVersion: int(v.attrs.MajorVersion),
    minorVersion: int(v.attrs.MinorVersion),
    majorBuildNumber: int(v.attrs.MajorBuildNumber),
    minorBuildNumber: int(v.attrs.MinorBuildNumber),
  };
  if (v.attrs.Version) out.version = v.attrs.Version;
  return out;
}

/** SOAP 1.1's own fault codes (and 1.2's names for them): they say who failed, not what. */
const SOAP_FAULT_CODES: ReadonlySet<string> = new Set([
  'Client',
  'Server',
  'VersionMismatch',
  'MustUnderstand',
  'Sender',
  'Receiver',
]);

/** SOAP Fault → EwsError (the EWS ResponseCode in the detail picks the kind). */
export function faultToError(fault: XElement, httpStatus?: number): EwsError {
  const faultString = childText(fault, 'faultstring')?.trim();
  const detail = child(fault, 'detail');
  // The EWS code in the detail (e:ResponseCode, or m:ErrorCode on the faults Exchange raises
  // before it reads the request, e.g. access refused), else the fault code without its prefix;
  // never SOAP's own fault codes (Client, Server…: they name no EWS error) and never text that is
  // not a code (it would become part of the message and the log).
  const faultCode = childText(fault, 'faultcode')?.trim();
  const candidates = [
    childText(detail, 'ResponseCode')?.trim(),
    childText(detail, 'ErrorCode')?.trim(),
    faultCode,
  ];
  const found = candidates
    .map((c) => (c === undefined ? undefined : c.slice(c.lastIndexOf(':') + 1)))
    .find((c) => isResponseCode(c) && !SOAP_FAULT_CODES.has(c));
  if (found === undefined && faultCode?.endsWith('Client'))
    return new EwsError('bad-input', 'Exchange refused the request as invalid. (SoapFault)', {
      code: 'SoapFault',
      httpStatus,
      ...(faultString ? { serverText: faultString } : {}),
    });
  const code = found ?? 'SoapFault';
  // Exchange throttles with a fault (ErrorServerBusy, HTTP 500) whose detail carries how long to
  // wait: <t:MessageXml><t:Value Name="BackOffMilliseconds">…</t:Value></t:MessageXml>.
  let retryAfterMs: number | undefined;
  for (const v of child(detail, 'MessageXml')?.children ?? []) {
    if (v.name === 'Value' && v.attrs.Name === 'BackOffMilliseconds') {
      const n = Number.parseInt(v.text, 10);
      if (Number.isFinite(n) && n >= 0) retryAfterMs = n;
    }
  }
  return errorFromResponseCode(code, faultString ?? childText(detail, 'Message'), {
    httpStatus,
    retryAfterMs,
  });
}

/**
 * Root must be a SOAP 1.1 Envelope whose Header and Body are SOAP 1.1's and whose answer is in
 * the EWS messages namespace (a Fault in SOAP's); anything else (SOAP 1.2, another service's XML,
 * a proxy's page dressed as SOAP) is not read as Exchange's answer. A Fault becomes an EwsError.
 */
export function readSoapResponse(root: XElement, httpStatus?: number): SoapResponse {
  if (root.name !== 'Envelope') throw malformed('not a SOAP envelope');
  if (root.ns !== NS_SOAP)
    throw malformed(root.ns === NS_SOAP12 ? 'a SOAP 1.2 envelope, not SOAP 1.1' : 'not a SOAP 1.1 envelope');
  const header = child(root, 'Header');
  const body = child(root, 'Body');
  if (header && header.ns !== NS_SOAP) throw malformed('SOAP header outside the SOAP 1.1 namespace');
  if (!body) throw malformed('no SOAP body');
  if (body.ns !== NS_SOAP) throw malformed('SOAP body outside the SOAP 1.1 namespace');
  const first = body.children[0];
  if (!first) throw malformed('empty SOAP body');
  if (first.name === 'Fault') {
    if (first.ns !== NS_SOAP) throw malformed('a fault outside the SOAP 1.1 namespace');
    throw faultToError(first, httpStatus);
  }
  if (first.ns !== NS_MESSAGES) throw malformed('an answer outside the EWS messages namespace');
  const serverVersion = readServerVersion(header);
  return serverVersion ? { serverVersion, body: first } : { body: first };
}

export function parseSoapResponse(
  text: string,
  httpStatus?: number,
  collect?: XmlCollectors,
  typed?: TypedElements,
): SoapResponse {
  return readSoapResponse(parseXml(text, collect, typed), httpStatus);
}

export interface ResponseMessageInfo {
  responseClass: 'Success' | 'Warning' | 'Error';
  code: string;
  text?: string;
  backOffMs?: number;
  /** The m:…ResponseMessage element, for the operation to read its payload. */
  element: XElement;
}

/** Reads ResponseClass / ResponseCode / MessageText / MessageXml (BackOffMilliseconds). */
export function readResponseMessage(e: XElement): ResponseMessageInfo {
  const cls = e.attrs.ResponseClass;
  // The schema's enumeration is closed: any other value (or none) is not a success.
  if (cls !== 'Success' && cls !== 'Warning' && cls !== 'Error')
    throw malformed(
      cls === undefined ? 'a response message without ResponseClass' : 'an unknown ResponseClass',
    );
  const responseClass = cls;
  const sent = childText(e, 'ResponseCode')?.trim();
  const code =
    sent === undefined
      ? responseClass === 'Success'
        ? 'NoError'
        : 'ErrorInternalServerError'
      : isResponseCode(sent)
        ? sent
        : 'UnrecognisedResponseCode';
  const info: ResponseMessageInfo = { responseClass, code, element: e };
  const text = childText(e, 'MessageText');
  if (text !== undefined) info.text = text.trim();
  const mx = child(e, 'MessageXml');
  if (mx) {
    for (const v of mx.children) {
      if (v.name === 'Value' && v.attrs.Name === 'BackOffMilliseconds') {
        const n = Number.parseInt(v.text, 10);
        if (Number.isFinite(n) && n >= 0) info.backOffMs = n;
      }
    }
  }
  return info;
}

/** The response messages of a body (…Response/ResponseMessages/*, or the body itself if it is one). */
export function responseMessages(body: XElement): ResponseMessageInfo[] {
  const container = child(body, 'ResponseMessages');
  if (container) return container.children.map(readResponseMessage);
  if ('ResponseClass' in body.attrs) return [readResponseMessage(body)];
  const rm = child(body, 'ResponseMessage');
  return rm ? [readResponseMessage(rm)] : [];
}

export function responseMessageError(info: ResponseMessageInfo): EwsError {
  return errorFromResponseCode(info.code, info.text, { retryAfterMs: info.backOffMs });
}

/** Throws for an Error response message; Warnings pass unless `strictWarnings`. */
export function ensureSuccess(
  info: ResponseMessageInfo,
  options: { allowCodes?: readonly string[] } = {},
): ResponseMessageInfo {
  if (info.responseClass === 'Error' && !(options.allowCodes ?? []).includes(info.code))
    throw responseMessageError(info);
  return info;
}

/** The single response message of a body, checked. */
export function singleResponse(
  body: XElement,
  options: { allowCodes?: readonly string[] } = {},
): ResponseMessageInfo {
  const all = responseMessages(body);
  const first = all[0];
  if (!first) throw malformed('no response message');
  return ensureSuccess(first, options);
}
