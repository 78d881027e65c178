/**
 * The SyncState of SyncFolderItems / SyncFolderHierarchy: opaque base64 to clients, as Exchange's
 * is. Inside: which mailbox and which sync scope (a folder's items, or a folder hierarchy) it is
 * for, and how far into that scope's change journal the client has got, sealed with an HMAC under
 * a key the server instance draws at start. A state from another run, another mailbox, another
 * folder, or any edited or made-up bytes does not verify and is refused
 * (ErrorInvalidSyncStateData), never read as a position.
 *
 * Pure: the key is handed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a client stands in one journal. */
export interface SyncPosition {
  /** The mailbox's person id. */
  mailbox: string;
  /** The journal: "items:<folder>" or "hierarchy:<folder>". */
  scope: string;
  /** The journal's sequence number the client has seen everything up to (0 = nothing yet). */
  seq: number;
}

/** "RSS" and a format version. */
const MAGIC = Buffer.from([0x52, 0x53, 0x53, 0x01]);
const MAC_BYTES = 16;
const SEQ_BYTES = 4;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function mac(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest().subarray(0, MAC_BYTES);
}

export function encodeSyncState(key: Uint8Array, pos: SyncPosition): string {
  // Out of 0…2³²-1, Buffer's own check throws a RangeError.
  if (!Number.isInteger(pos.seq)) throw new RangeError(`sync sequence out of range: ${pos.seq}`);
  if (pos.mailbox.includes('\u0000')) throw new RangeError('mailbox id holds a NUL');
  const seq = Buffer.alloc(SEQ_BYTES);
  seq.writeUInt32BE(pos.seq);
  // Stryker disable next-line StringLiteral: Buffer.from reads a string as UTF-8 when no encoding is named
  const data = Buffer.concat([MAGIC, seq, Buffer.from(`${pos.mailbox}\u0000${pos.scope}`, 'utf8')]);
  return Buffer.concat([data, mac(key, data)]).toString('base64');
}

/** The position a state holds; undefined for anything this key did not seal. */
export function decodeSyncState(key: Uint8Array, wire: string): SyncPosition | undefined {
  const w = wire.trim();
  if (!BASE64.test(w) || w.length % 4 !== 0) return undefined;
  const buf = Buffer.from(w, 'base64');
  const header = MAGIC.length + SEQ_BYTES;
  // The shortest sealed state: a one-character mailbox and scope and the NUL between them.
  // Stryker disable next-line ArithmeticOperator: a shorter sealed state fails the name check below all the same
  if (buf.length < header + 3 + MAC_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = buf.subarray(0, buf.length - MAC_BYTES);
  const given = buf.subarray(buf.length - MAC_BYTES);
  if (!timingSafeEqual(given, mac(key, data))) return undefined;
  const names = data.subarray(header).toString('utf8');
  const sep = names.indexOf('\u0000');
  if (sep <= 0 || sep === names.length - 1) return undefined;
  return {
    mailbox: names.slice(0, sep),
    scope: names.slice(sep + 1),
    seq: data.readUInt32BE(MAGIC.length),
  };
}
