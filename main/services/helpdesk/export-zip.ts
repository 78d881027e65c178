/**
 * Reads Lync Server's Export-CsUserData zip in memory and hands back DocItemSet.xml as text.
 * Nothing is ever written to disk. The zip is untrusted (a file someone attached to a ticket),
 * so every size is checked against a cap *before* anything is inflated:
 *
 * - the zip itself: at most MAX_ZIP_BYTES; ZIP64 and multi-disk archives are refused;
 * - at most MAX_ENTRIES entries; an encrypted entry (flag bit 0, or AES method 99) is refused;
 * - an entry name that climbs out of a folder (`..`, absolute, drive letter, NUL) marks the file as
 *   hostile and refuses it whole, even though nothing is extracted;
 * - the XML's declared size is at most MAX_XML_BYTES and at most MAX_RATIO times its compressed
 *   size (a zip bomb); inflating writes into a buffer of exactly the declared size plus one byte,
 *   so a header that lies cannot make it grow; the CRC-32 is then checked.
 */
import { crc32 } from 'node:zlib';
import { inflateSync } from 'fflate';

export const MAX_ZIP_BYTES = 32 * 1024 * 1024;
export const MAX_ENTRIES = 1000;
/** A 1,000-contact export is well under 1 MB of XML; a whole pool's export can be larger. */
export const MAX_XML_BYTES = 64 * 1024 * 1024;
/** XML compresses 10–30×; 200× is already suspicious, 1,000× is a bomb. */
export const MAX_RATIO = 1000;

export type ExportErrorCode =
  | 'too-large'
  | 'not-zip'
  | 'unsupported'
  | 'encrypted'
  | 'unsafe-path'
  | 'zip-bomb'
  | 'corrupt'
  | 'no-docitemset'
  | 'malformed-xml'
  | 'no-user';

/** A clear, human reason the export cannot be used; `code` for tests and JSON. */
export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(b: Uint8Array, v: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) if (v.getUint32(i, true) === EOCD) return i;
  return -1;
}

/** Whether an entry name could climb out of the folder it would be extracted into. */
export function isUnsafeEntryName(name: string): boolean {
  if (name.includes('\0')) return true;
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return true;
  return n.split('/').some((part) => part === '..');
}

function readCentralDirectory(b: Uint8Array): CentralEntry[] {
  if (b.length < 22) throw new ExportError('not-zip', 'The file is not a zip (too short).');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const end = findEndOfCentralDirectory(b, v);
  if (end < 0) throw new ExportError('not-zip', 'The file is not a zip (no zip directory at its end).');
  const disk = v.getUint16(end + 4, true);
  const count = v.getUint16(end + 10, true);
  const cdSize = v.getUint32(end + 12, true);
  const cdOffset = v.getUint32(end + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new ExportError('unsupported', 'The zip uses ZIP64, which an Export-CsUserData file never needs.');
  if (disk !== 0) throw new ExportError('unsupported', 'The zip is split over several files.');
  if (count > MAX_ENTRIES)
    throw new ExportError('too-large', `The zip holds ${count} entries; an export holds a handful.`);
  if (cdOffset + cdSize > end) throw new ExportError('corrupt', 'The zip directory points outside the file.');
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  const dec = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || v.getUint32(p, true) !== CENTRAL)
      throw new ExportError('corrupt', 'The zip directory is damaged.');
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    if (p + 46 + nameLen > end) throw new ExportError('corrupt', 'The zip directory is damaged.');
    entries.push({
      flags: v.getUint16(p + 8, true),
      method: v.getUint16(p + 10, true),
      crc: v.getUint32(p + 16, true),
      compressedSize: v.getUint32(p + 20, true),
      size: v.getUint32(p + 24, true),
      localOffset: v.getUint32(p + 42, true),
      name: dec.decode(b.subarray(p + 46, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function baseName(name: string): string {
  const n = name.replace(/\\/g, '/');
  return n.slice(n.lastIndexOf('/') + 1);
}

/** The text of DocItemSet.xml inside an Export-CsUserData zip, or an ExportError saying why not. */
export function readExportZip(bytes: Uint8Array): string {
  if (bytes.length > MAX_ZIP_BYTES)
    throw new ExportError(
      'too-large',
      `The file is ${Math.round(bytes.length / 1048576)} MB; an export for one user is far smaller (limit ${MAX_ZIP_BYTES / 1048576} MB).`,
    );
  const entries = readCentralDirectory(bytes);
  if (entries.some((e) => isUnsafeEntryName(e.name)))
    throw new ExportError(
      'unsafe-path',
      'The zip holds an entry whose name points outside its folder (".." or an absolute path): it is not an Export-CsUserData file and was not opened.',
    );
  if (entries.some((e) => (e.flags & 1) !== 0 || e.method === 99))
    throw new ExportError(
      'encrypted',
      'The zip is encrypted; Export-CsUserData writes plain zips. Export again without a password.',
    );
  const docs = entries.filter((e) => baseName(e.name).toLowerCase() === 'docitemset.xml');
  if (docs.length === 0)
    throw new ExportError(
      'no-docitemset',
      'The zip holds no DocItemSet.xml: it is not an Export-CsUserData file.',
    );
  if (docs.length > 1) throw new ExportError('corrupt', 'The zip holds more than one DocItemSet.xml.');
  const e = docs[0] as CentralEntry;
  if (e.method !== 0 && e.method !== 8)
    throw new ExportError(
      'unsupported',
      `DocItemSet.xml is compressed with method ${e.method}; only stored and deflated are read.`,
    );
  if (e.size > MAX_XML_BYTES)
    throw new ExportError(
      'too-large',
      `DocItemSet.xml would be ${Math.round(e.size / 1048576)} MB: too large.`,
    );
  if (e.method === 8 && e.size > Math.max(1, e.compressedSize) * MAX_RATIO)
    throw new ExportError(
      'zip-bomb',
      'DocItemSet.xml inflates to over 1,000 times its packed size: refused as a zip bomb.',
    );
  if (e.method === 0 && e.size !== e.compressedSize)
    throw new ExportError('corrupt', 'The zip is damaged (sizes disagree).');

  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = e.localOffset;
  if (lo + 30 > bytes.length || v.getUint32(lo, true) !== LOCAL)
    throw new ExportError('corrupt', 'The zip is damaged (entry header not found).');
  const start = lo + 30 + v.getUint16(lo + 26, true) + v.getUint16(lo + 28, true);
  if (start + e.compressedSize > bytes.length)
    throw new ExportError('corrupt', 'The zip is damaged (truncated).');
  const packed = bytes.subarray(start, start + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0) data = packed;
  else {
    try {
      data = inflateSync(packed, { out: new Uint8Array(e.size + 1) });
    } catch {
      throw new ExportError('corrupt', 'The zip is damaged (DocItemSet.xml does not inflate).');
    }
  }
  if (data.length !== e.size || crc32(data) !== e.crc)
    throw new ExportError('corrupt', 'The zip is damaged (DocItemSet.xml does not match its checksum).');
  // Windows tools may write UTF-16 with a byte-order mark; otherwise the XML is UTF-8.
  const encoding =
    data[0] === 0xff && data[1] === 0xfe
      ? 'utf-16le'
      : data[0] === 0xfe && data[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch {
    throw new ExportError('malformed-xml', 'DocItemSet.xml is not readable text.');
  }
}
