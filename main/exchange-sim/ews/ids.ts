/**
 * Opaque, EWS-looking identifiers. An id on the wire is base64 of a small binary record naming
 * the kind of object, the mailbox that holds it and the org's own id for it; a change key is
 * base64 of a kind tag and the stored change key. Clients must treat both as opaque.
 */
export type IdKind = 'item' | 'contact' | 'persona' | 'group' | 'folder';

const KIND_TAG: Record<IdKind, number> = {
  item: 0x46,
  contact: 0x43,
  persona: 0x50,
  group: 0x47,
  folder: 0x01,
};
const MAGIC = Buffer.from([0x00, 0x00, 0x03, 0x24]);

export interface DecodedId {
  kind: IdKind;
  owner: string;
  id: string;
}

export function encodeId(kind: IdKind, owner: string, id: string): string {
  const body = Buffer.from(`${owner}\u0000${id}`, 'utf8');
  return Buffer.concat([MAGIC, Buffer.from([KIND_TAG[kind]]), body]).toString('base64');
}

/** Undefined for anything this server did not issue (ErrorInvalidIdMalformed for the caller). */
export function decodeId(wire: string): DecodedId | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(wire)) return undefined;
  const buf = Buffer.from(wire, 'base64');
  if (buf.length < 6 || !buf.subarray(0, 4).equals(MAGIC)) return undefined;
  const tag = buf[4];
  const kind = (Object.keys(KIND_TAG) as IdKind[]).find((k) => KIND_TAG[k] === tag);
  if (!kind) return undefined;
  const rest = buf.subarray(5).toString('utf8');
  const sep = rest.indexOf('\u0000');
  if (sep <= 0) return undefined;
  return { kind, owner: rest.slice(0, sep), id: rest.slice(sep + 1) };
}

export function encodeChangeKey(kind: IdKind, changeKey: string): string {
  return Buffer.concat([Buffer.from([0x10, KIND_TAG[kind], 0, 0]), Buffer.from(changeKey, 'utf8')]).toString(
    'base64',
  );
}

export function decodeChangeKey(wire: string): string | undefined {
  const buf = Buffer.from(wire, 'base64');
  if (buf.length < 4 || buf[0] !== 0x10) return undefined;
  return buf.subarray(4).toString('utf8');
}

let counter = 0;
/** A fresh internal id (unique within the process and across restarts). */
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Next change key after a stored one (numeric when it was, else a fresh counter). */
export function nextChangeKey(current: string): string {
  const n = Number.parseInt(current, 10);
  return Number.isFinite(n) ? String(n + 1) : '1';
}
