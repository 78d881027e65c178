/**
 * Server side of NTLM as IIS speaks it: type 1 → type 2 (random challenge, target info) → type 3,
 * accepting NTLMv2 only (LM and NTLMv1 are refused, as a hardened Exchange does).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import md4 from 'js-md4';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');

export const NTLM_FLAGS = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  EXTENDED_SESSION_SECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  KEY_128: 0x20000000,
  KEY_56: 0x80000000,
} as const;

export interface NtlmServerNames {
  /** NetBIOS domain, e.g. CONTOSO. */
  netbiosDomain: string;
  /** NetBIOS computer name, e.g. MAIL. */
  netbiosComputer: string;
  dnsDomain: string;
  dnsComputer: string;
}

export interface Type3Message {
  flags: number;
  lmResponse: Buffer;
  ntResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
}

function isNtlm(buf: Buffer, type: number): boolean {
  return buf.length >= 12 && buf.subarray(0, 8).equals(SIGNATURE) && buf.readUInt32LE(8) === type;
}

/** The base64 payload of an `Authorization: NTLM …` (or `Negotiate` wrapping raw NTLM) header. */
export function ntlmPayload(header: string): Buffer | null {
  const m = /^(?:NTLM|Negotiate)\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m?.[1]) return null;
  const buf = Buffer.from(m[1], 'base64');
  return buf.subarray(0, 8).equals(SIGNATURE) ? buf : null;
}

export function messageType(buf: Buffer): number {
  return buf.length >= 12 ? buf.readUInt32LE(8) : 0;
}

export function isType1(buf: Buffer): boolean {
  return isNtlm(buf, 1);
}

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** Windows FILETIME (100 ns since 1601) as 8 little-endian bytes. */
export function fileTime(ms: number): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE((BigInt(ms) + 11_644_473_600_000n) * 10_000n, 0);
  return buf;
}

/** A type 2 (CHALLENGE) message; `challenge` is 8 random bytes the verifier needs again. */
export function createType2(
  names: NtlmServerNames,
  challenge: Buffer = randomBytes(8),
  nowMs = Date.now(),
): Buffer {
  const target = Buffer.from(names.netbiosDomain, 'utf16le');
  const info = Buffer.concat([
    avPair(2, Buffer.from(names.netbiosDomain, 'utf16le')),
    avPair(1, Buffer.from(names.netbiosComputer, 'utf16le')),
    avPair(4, Buffer.from(names.dnsDomain, 'utf16le')),
    avPair(3, Buffer.from(names.dnsComputer, 'utf16le')),
    avPair(5, Buffer.from(names.dnsDomain, 'utf16le')),
    avPair(7, fileTime(nowMs)),
    avPair(0, Buffer.alloc(0)),
  ]);
  const flags =
    NTLM_FLAGS.UNICODE |
    NTLM_FLAGS.REQUEST_TARGET |
    NTLM_FLAGS.NTLM |
    NTLM_FLAGS.ALWAYS_SIGN |
    NTLM_FLAGS.TARGET_TYPE_DOMAIN |
    NTLM_FLAGS.EXTENDED_SESSION_SECURITY |
    NTLM_FLAGS.TARGET_INFO |
    NTLM_FLAGS.VERSION |
    NTLM_FLAGS.KEY_128 |
    NTLM_FLAGS.KEY_56;
  const header = Buffer.alloc(56);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(target.length, 12);
  header.writeUInt16LE(target.length, 14);
  header.writeUInt32LE(56, 16);
  header.writeUInt32LE(flags >>> 0, 20);
  challenge.copy(header, 24);
  header.writeUInt16LE(info.length, 40);
  header.writeUInt16LE(info.length, 42);
  header.writeUInt32LE(56 + target.length, 44);
  // Version: Windows Server 2016 (10.0.14393), NTLM revision 15.
  header.writeUInt8(10, 48);
  header.writeUInt8(0, 49);
  header.writeUInt16LE(14393, 50);
  header.writeUInt8(15, 55);
  return Buffer.concat([header, target, info]);
}

function secBuf(buf: Buffer, at: number): Buffer {
  const len = buf.readUInt16LE(at);
  const off = buf.readUInt32LE(at + 4);
  if (len === 0) return Buffer.alloc(0);
  if (off + len > buf.length) throw new Error('NTLM field outside the message');
  return buf.subarray(off, off + len);
}

export function parseType3(buf: Buffer): Type3Message {
  if (!isNtlm(buf, 3) || buf.length < 52) throw new Error('not an NTLM type 3 message');
  const flags = buf.length >= 64 ? buf.readUInt32LE(60) : NTLM_FLAGS.UNICODE;
  const enc: BufferEncoding = flags & NTLM_FLAGS.UNICODE ? 'utf16le' : 'latin1';
  return {
    flags,
    lmResponse: secBuf(buf, 12),
    ntResponse: secBuf(buf, 20),
    domain: secBuf(buf, 28).toString(enc),
    user: secBuf(buf, 36).toString(enc),
    workstation: secBuf(buf, 44).toString(enc),
  };
}

export function ntHash(password: string): Buffer {
  return Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
}

/**
 * True when the type 3 answer proves knowledge of `password` for this challenge with NTLMv2.
 * NTLMv1 (a 24-byte NT response) and anonymous answers are refused.
 */
export function verifyNtlmV2(msg: Type3Message, challenge: Buffer, password: string): boolean {
  if (msg.ntResponse.length <= 24) return false;
  const proof = msg.ntResponse.subarray(0, 16);
  const blob = msg.ntResponse.subarray(16);
  if (blob.length < 28 || blob[0] !== 1 || blob[1] !== 1) return false;
  // NTOWFv2 is keyed by the user and domain exactly as the client sent them (user upper-cased).
  const ntowf = createHmac('md5', ntHash(password))
    .update(Buffer.from(msg.user.toUpperCase() + msg.domain, 'utf16le'))
    .digest();
  const expected = createHmac('md5', ntowf)
    .update(Buffer.concat([challenge, blob]))
    .digest();
  return timingSafeEqual(expected, proof);
}
