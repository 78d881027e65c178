/**
 * User photos, SOAP (GetUserPhoto) and REST (GET …/s/GetUserPhoto?email=&size=). Exchange serves
 * the largest size it holds that is not bigger than the one asked for; the simulator resizes the
 * stored original with sharp (aspect ratio kept, never enlarged) and caches each result per
 * (person, photo version, size). ETag/If-None-Match make a repeat request cheap.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Person } from '../org/types';
import { renderPhoto } from '../org/photo';
import { EXCHANGE2013, EwsError, EwsFault, findPerson, singleResponse, type RequestContext } from './soap';
import type { EwsCall, EwsHttpResponse } from './types';
import { leaf, textAt, type XNode } from './xml';

export const PHOTO_SIZES = [48, 64, 96, 120, 240, 360, 432, 504, 648] as const;
export const DEFAULT_REST_SIZE = 'HR96x96';

export function parsePhotoSize(value: string | null | undefined): number | undefined {
  const m = /^HR(\d+)x(\d+)$/.exec(value ?? '');
  if (!m || m[1] !== m[2]) return undefined;
  const n = Number(m[1]);
  return (PHOTO_SIZES as readonly number[]).includes(n) ? n : undefined;
}

export interface ServedPhoto {
  bytes: Uint8Array;
  etag: string;
  contentType: string;
  /** Edge of the square box the photo was fitted in. */
  box: number;
}

const cache = new Map<string, ServedPhoto>();
const MAX_CACHE_ENTRIES = 2000;

/** The box Exchange would serve for a request: the largest stored size ≤ requested. */
export function servedBox(requested: number, originalWidth: number, originalHeight: number): number {
  const largest = Math.max(originalWidth, originalHeight);
  const held = PHOTO_SIZES.filter((s) => s <= largest);
  const fits = held.filter((s) => s <= requested);
  return fits[fits.length - 1] ?? Math.min(requested, largest);
}

export async function servePhoto(
  call: EwsCall,
  person: Person,
  requested: number,
): Promise<ServedPhoto | undefined> {
  const spec = person.photo;
  if (!spec) return undefined;
  const box = servedBox(requested, spec.width, spec.height);
  const key = `${call.org.seed}|${person.id}|${spec.version}|${spec.seed}|${box}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const original = await (call.renderPhoto ?? renderPhoto)(spec, person);
  const out = await sharp(original)
    .resize({ width: box, height: box, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toBuffer();
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const etag = `"${createHash('sha1').update(`${person.id}|${spec.version}|${spec.seed}|${box}`).digest('hex').slice(0, 32)}"`;
  const served: ServedPhoto = { bytes, etag, contentType: 'image/jpeg', box };
  cache.set(key, served);
  if (cache.size > MAX_CACHE_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return served;
}

export function clearServedPhotoCache(): void {
  cache.clear();
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag || `"${v}"` === etag;
  });
}

/** SOAP GetUserPhoto. Returns the response body and extra HTTP headers (ETag). */
export async function getUserPhoto(
  ctx: RequestContext,
  req: XNode,
): Promise<{ body: string; headers: Record<string, string> }> {
  if (ctx.rank < EXCHANGE2013) throw new EwsFault('ErrorIncorrectSchemaVersion');
  const email = textAt(req, 'Email') ?? '';
  const sizeText = textAt(req, 'SizeRequested') ?? '';
  const size = parsePhotoSize(sizeText);
  if (size === undefined) {
    throw new EwsFault(
      'ErrorSchemaValidation',
      `The request failed schema validation: The 'SizeRequested' element is invalid - The value '${sizeText}' is invalid according to its datatype.`,
    );
  }
  const person = findPerson(ctx.call, email);
  // Exchange answers an address with no mailbox with HTTP 500.
  if (!person) throw new EwsFault('ErrorNonExistentMailbox');
  const served = await servePhoto(ctx.call, person, size);
  if (!served)
    return { body: singleResponse('GetUserPhoto', '', new EwsError('ErrorItemNotFound')), headers: {} };
  const headers = { etag: served.etag };
  if (etagMatches(ctx.call.headers['if-none-match'], served.etag)) {
    return { body: singleResponse('GetUserPhoto', leaf('m:HasChanged', false)), headers };
  }
  const payload =
    leaf('m:HasChanged', true) + leaf('m:PictureData', Buffer.from(served.bytes).toString('base64'));
  return { body: singleResponse('GetUserPhoto', payload), headers };
}

function plain(status: number, text: string): EwsHttpResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

/** REST GetUserPhoto: image bytes, ETag, 304 on a matching If-None-Match, 404 without a photo. */
export async function restPhoto(call: EwsCall, query: URLSearchParams): Promise<EwsHttpResponse> {
  const email = query.get('email');
  if (!email) return plain(400, 'The email parameter is required.');
  const size = parsePhotoSize(query.get('size') ?? DEFAULT_REST_SIZE);
  if (size === undefined) return plain(400, 'The size parameter is not a valid photo size.');
  const person = findPerson(call, email);
  if (!person) return plain(404, 'Not found');
  const served = await servePhoto(call, person, size);
  if (!served) return plain(404, 'Not found');
  const headers = { etag: served.etag, 'cache-control': 'private, max-age=86400' };
  if (etagMatches(call.headers['if-none-match'], served.etag)) return { status: 304, headers, body: '' };
  return { status: 200, headers: { ...headers, 'content-type': served.contentType }, body: served.bytes };
}
