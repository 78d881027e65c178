/**
 * Opaque, EWS-looking identifiers. An id on the wire is base64 of a small binary record naming
 * the kind of object, the mailbox that holds it and the org's own id for it; a change key is
 * base64 of a kind tag and the stored change key. Clients must treat both as opaque.
 */
export type IdKind = 'item' | 'contact' | 'persona' | 'group' | 'folder' | 'attachment';

const KIND_TAG: Record<IdKind, number> = {
  item: 0x46,
  contact: 0x43,
  persona: 0x50,
  group: 0x47,
  folder: 0x01,
  attachment: 0x41,
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

/**
 * The id formats ConvertId speaks (IdFormatType). The simulator's ids are one record (kind, owner,
 * object) in several wrappings: EwsId is the one it issues; EwsLegacyId is the Exchange 2007 RTM
 * form; EntryId / HexEntryId are a MAPI entry id (flags, provider uid, then the record) in base64
 * or upper-case hex; StoreId and OwaId wrap the entry id again. Each decodes only what its encoder
 * wrote, so a client's dummy or foreign id is malformed, as on Exchange.
 */
export const ID_FORMATS = ['EwsId', 'EwsLegacyId', 'EntryId', 'HexEntryId', 'OwaId', 'StoreId'] as const;
export type IdFormat = (typeof ID_FORMATS)[number];

export function isIdFormat(s: string): s is IdFormat {
  return (ID_FORMATS as readonly string[]).includes(s);
}

const LEGACY_MAGIC = Buffer.from([0x00, 0x00, 0x02, 0x18]);
/** The provider uid of the simulator's mailbox store in its entry ids (any fixed 16 bytes). */
const STORE_PROVIDER = Buffer.from('5ce1a0c27b3e4d1f9a6b2c8d0e4f6a1b', 'hex');
const STORE_ID_TAG = 0x0b;
const OWA_ID_TAG = 0x4f;

function recordBytes(d: DecodedId): Buffer {
  return Buffer.concat([Buffer.from([KIND_TAG[d.kind]]), Buffer.from(`${d.owner}\u0000${d.id}`, 'utf8')]);
}

function readRecord(buf: Buffer): DecodedId | undefined {
  if (buf.length < 3) return undefined;
  const kind = (Object.keys(KIND_TAG) as IdKind[]).find((k) => KIND_TAG[k] === buf[0]);
  if (!kind) return undefined;
  const rest = buf.subarray(1).toString('utf8');
  const sep = rest.indexOf('\u0000');
  if (sep <= 0 || sep === rest.length - 1) return undefined;
  return { kind, owner: rest.slice(0, sep), id: rest.slice(sep + 1) };
}

function entryIdBytes(d: DecodedId): Buffer {
  return Buffer.concat([Buffer.alloc(4), STORE_PROVIDER, recordBytes(d)]);
}

function readEntryId(buf: Buffer): DecodedId | undefined {
  if (buf.length < 21 || buf.readUInt32BE(0) !== 0 || !buf.subarray(4, 20).equals(STORE_PROVIDER))
    return undefined;
  return readRecord(buf.subarray(20));
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function fromBase64(wire: string): Buffer | undefined {
  return BASE64.test(wire) ? Buffer.from(wire, 'base64') : undefined;
}

/** An id in the given format. */
export function encodeIdAs(format: IdFormat, d: DecodedId): string {
  switch (format) {
    case 'EwsId':
      return encodeId(d.kind, d.owner, d.id);
    case 'EwsLegacyId':
      return Buffer.concat([LEGACY_MAGIC, recordBytes(d)]).toString('base64');
    case 'EntryId':
      return entryIdBytes(d).toString('base64');
    case 'HexEntryId':
      return entryIdBytes(d).toString('hex').toUpperCase();
    case 'StoreId':
      return Buffer.concat([Buffer.from([STORE_ID_TAG, 0x00]), entryIdBytes(d)]).toString('base64');
    case 'OwaId':
      return Buffer.concat([Buffer.from([OWA_ID_TAG]), entryIdBytes(d)]).toString('base64url');
  }
}

/** The record inside an id of the given format; undefined when it is not one this server wrote. */
export function decodeIdAs(format: IdFormat, wire: string): DecodedId | undefined {
  const w = wire.trim();
  if (w === '') return undefined;
  switch (format) {
    case 'EwsId':
      return decodeId(w);
    case 'EwsLegacyId': {
      const buf = fromBase64(w);
      return buf && buf.subarray(0, 4).equals(LEGACY_MAGIC) ? readRecord(buf.subarray(4)) : undefined;
    }
    case 'EntryId': {
      const buf = fromBase64(w);
      return buf ? readEntryId(buf) : undefined;
    }
    case 'HexEntryId':
      return /^(?:[0-9A-Fa-f]{2})+$/.test(w) ? readEntryId(Buffer.from(w, 'hex')) : undefined;
    case 'StoreId': {
      const buf = fromBase64(w);
      return buf && buf[0] === STORE_ID_TAG && buf[1] === 0 ? readEntryId(buf.subarray(2)) : undefined;
    }
    case 'OwaId': {
      if (!BASE64URL.test(w)) return undefined;
      const buf = Buffer.from(w, 'base64url');
      return buf[0] === OWA_ID_TAG ? readEntryId(buf.subarray(1)) : undefined;
    }
  }
}
