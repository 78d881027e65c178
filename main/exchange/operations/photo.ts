/** GetUserPhoto: REST (bytes + ETag, If-None-Match) and SOAP (base64) forms. */
import type { CallOptions, EwsCaller } from '../caller';
import { EwsError, errorFromHttpStatus } from '../errors';
import { formatSize } from '../transport';
import { childText, el, findFirst, responseMessages, responseMessageError } from '../soap';

export type PhotoSize =
  | 'HR48x48'
  | 'HR64x64'
  | 'HR96x96'
  | 'HR120x120'
  | 'HR240x240'
  | 'HR360x360'
  | 'HR432x432'
  | 'HR504x504'
  | 'HR648x648';

export type PhotoResult =
  | { status: 'ok'; bytes: Buffer; etag?: string; contentType: string }
  | { status: 'not-modified' }
  | { status: 'none' };

export interface PhotoOptions extends CallOptions {
  size?: PhotoSize;
  /** ETag of the copy held; a 304 answer gives `not-modified`. */
  etag?: string;
  /** Largest photo accepted, default 5 MB; a bigger answer is aborted while it streams. */
  maxBytes?: number;
}

export const DEFAULT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const startsWith = (b: Uint8Array, at: number, bytes: readonly number[]): boolean =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Image type from the first bytes (JPEG, PNG, GIF, WebP), or undefined when they are not an image we accept. */
export function sniffImageType(b: Uint8Array): string | undefined {
  if (startsWith(b, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, 0, ascii('GIF8'))) return 'image/gif';
  if (startsWith(b, 0, ascii('RIFF')) && startsWith(b, 8, ascii('WEBP'))) return 'image/webp';
  return undefined;
}

function tooLarge(max: number): EwsError {
  return new EwsError(
    'server',
    `The photo is larger than the ${formatSize(max)} allowed; it was not downloaded and is shown as no photo.`,
    {
      code: 'PhotoTooLarge',
    },
  );
}

function notImage(): EwsError {
  return new EwsError(
    'server',
    'The server sent something that is not a picture as a photo; it is shown as no photo.',
    {
      code: 'NotAnImage',
    },
  );
}

export function photoRestUrl(ewsUrl: string, email: string, size: PhotoSize): string {
  const base = ewsUrl.replace(/\/+$/, '');
  return `${base}/s/GetUserPhoto?email=${encodeURIComponent(email)}&size=${size}`;
}

/** REST form: GET …/s/GetUserPhoto?email=…&size=… */
export async function getUserPhoto(
  ews: EwsCaller,
  email: string,
  options: PhotoOptions = {},
): Promise<PhotoResult> {
  const size = options.size ?? 'HR648x648';
  const max = options.maxBytes ?? DEFAULT_PHOTO_MAX_BYTES;
  const headers: Record<string, string> = { accept: 'image/*' };
  if (options.etag) headers['if-none-match'] = options.etag;
  const res = await ews.get(photoRestUrl(ews.ewsUrl, email, size), headers, options);
  if (res.status === 304) {
    await res.discard();
    return { status: 'not-modified' };
  }
  if (res.status === 404 || res.status === 204) {
    await res.discard();
    return { status: 'none' };
  }
  if (res.status !== 200) {
    await res.discard();
    throw errorFromHttpStatus(res.status, res.url);
  }
  const declared = Number(res.header('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.discard();
    throw tooLarge(max);
  }
  let bytes: Buffer;
  try {
    bytes = await res.bytes(max);
  } catch (err) {
    if (err instanceof EwsError && err.code === 'ResponseTooLarge') throw tooLarge(max);
    throw err;
  }
  if (bytes.length === 0) return { status: 'none' };
  const sniffed = sniffImageType(bytes);
  if (!sniffed) throw notImage();
  const out: PhotoResult = { status: 'ok', bytes, contentType: sniffed };
  const etag = res.header('etag');
  if (etag) out.etag = etag;
  return out;
}

const NO_PHOTO_CODES = new Set([
  'ErrorItemNotFound',
  'ErrorNonExistentMailbox',
  'ErrorMailRecipientNotFound',
]);

/** SOAP form: m:GetUserPhoto → m:HasChanged / m:PictureData. */
export async function getUserPhotoSoap(
  ews: EwsCaller,
  email: string,
  options: PhotoOptions = {},
): Promise<PhotoResult> {
  const max = options.maxBytes ?? DEFAULT_PHOTO_MAX_BYTES;
  const body = el(
    'm:GetUserPhoto',
    null,
    el('m:Email', null, email),
    el('m:SizeRequested', null, options.size ?? 'HR648x648'),
  );
  // The photo comes base64-encoded (4 bytes per 3) inside the envelope.
  const r = await ews.soap('GetUserPhoto', body, {
    maxResponseBytes: Math.ceil((max * 4) / 3) + 64 * 1024,
    ...options,
  });
  const msg = responseMessages(r.body)[0];
  if (msg && msg.responseClass === 'Error') {
    if (NO_PHOTO_CODES.has(msg.code)) return { status: 'none' };
    throw responseMessageError(msg);
  }
  const resp = findFirst(r.body, 'GetUserPhotoResponse') ?? r.body;
  if (childText(resp, 'HasChanged')?.trim() === 'false') return { status: 'not-modified' };
  const data = (childText(resp, 'PictureData') ?? '').replace(/\s+/g, '');
  if (!data) return { status: 'none' };
  if (Math.floor((data.length * 3) / 4) > max) throw tooLarge(max);
  const bytes = Buffer.from(data, 'base64');
  const sniffed = sniffImageType(bytes);
  if (!sniffed) throw notImage();
  return { status: 'ok', bytes, contentType: sniffed };
}
