/** Test helpers for the simulator's EWS handlers: a small generated org, envelopes, parsed answers. */
import { expect } from 'vitest';
import { generateOrg } from '../../../../../main/exchange-sim/org/generate';
import type { Org, Person } from '../../../../../main/exchange-sim/org/types';
import { handleEwsSoap } from '../../../../../main/exchange-sim/ews/index';
import type { EwsCall } from '../../../../../main/exchange-sim/ews/types';
import { NS, child, children, parseXml, type XNode } from '../../../../../main/exchange-sim/ews/xml';

export { NS, child, children, parseXml, type XNode };

export const EPOCH = '2026-11-25T00:00:00.000Z';

let cached: string | undefined;
/** A fresh copy of the 40-person org (seed 1) for each test that mutates it. */
export function makeOrg(): Org {
  cached ??= JSON.stringify(generateOrg({ seed: 1, size: 40, epoch: EPOCH }));
  return JSON.parse(cached) as Org;
}

export function person(org: Org, smtp: string): Person {
  const p = org.people.find((x) => x.smtp === smtp);
  if (!p) throw new Error(`no ${smtp}`);
  return p;
}

export function makeCall(org: Org, smtp: string, headers: Record<string, string> = {}): EwsCall {
  return { org, caller: person(org, smtp), baseUrl: 'http://127.0.0.1:1', headers };
}

export interface EnvelopeOptions {
  version?: string | null;
  header?: string;
}

export function envelope(bodyXml: string, opts: EnvelopeOptions = {}): string {
  const version = opts.version === undefined ? 'Exchange2013' : opts.version;
  const rsv = version === null ? '' : `<t:RequestServerVersion Version="${version}"/>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:t="${NS.t}" xmlns:m="${NS.m}">` +
    `<soap:Header>${rsv}${opts.header ?? ''}</soap:Header><soap:Body>${bodyXml}</soap:Body></soap:Envelope>`
  );
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  raw: string;
  /** The first element inside s:Body. */
  body: XNode;
}

export async function send(call: EwsCall, bodyXml: string, opts: EnvelopeOptions = {}): Promise<Answer> {
  return sendRaw(call, envelope(bodyXml, opts));
}

export async function sendRaw(call: EwsCall, xml: string): Promise<Answer> {
  const res = await handleEwsSoap(call, xml);
  const raw = typeof res.body === 'string' ? res.body : Buffer.from(res.body).toString('utf8');
  const doc = parseXml(raw);
  const body = child(doc, 'Body')?.children[0];
  if (!body) throw new Error(`no body element in ${raw}`);
  return { status: res.status, headers: res.headers, raw, body };
}

/** The path of local names from `node` down, failing loudly when a step is missing. */
export function at(node: XNode, ...path: string[]): XNode {
  let cur = node;
  for (const p of path) {
    const next = child(cur, p);
    if (!next)
      throw new Error(`missing ${p} under ${cur.local}: has ${cur.children.map((c) => c.local).join(',')}`);
    cur = next;
  }
  return cur;
}

/** The one response message of a batch-shaped answer (m:ResponseMessages/m:*ResponseMessage). */
export function message(body: XNode, index = 0): XNode {
  const msgs = children(at(body, 'ResponseMessages'));
  const m = msgs[index];
  if (!m) throw new Error('no response message');
  return m;
}

export function code(node: XNode): string | undefined {
  return child(node, 'ResponseCode')?.text;
}

/** The e:ResponseCode of a SOAP fault (HTTP 500). */
export function faultCode(a: Answer): string | undefined {
  expect(a.status).toBe(500);
  expect(a.body.local).toBe('Fault');
  return child(at(a.body, 'detail'), 'ResponseCode')?.text;
}

/** m:<Op>Response of a single-message (2013) operation: its ResponseClass and code. */
export function single(a: Answer): { cls: string | undefined; code: string | undefined } {
  return { cls: a.body.attrs.ResponseClass, code: child(a.body, 'ResponseCode')?.text };
}

export function names(node: XNode | undefined): string[] {
  return node ? node.children.map((c) => c.local) : [];
}
