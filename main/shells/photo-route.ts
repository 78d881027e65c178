/**
 * The photo route both shells serve, shell-neutral: `GET ./photo/<encoded e-mail>?size=HR96x96`
 * (contract.photoUrl) → status, headers, body. The web shell calls it after its cookie and Host
 * checks; the Electron shell from its app protocol handler. No photo (signed out included): 204,
 * an answer rather than a failure, so a page of people without photos does not log one failed
 * request each (the <img> shows the initials all the same); no photo service: 404; the photo
 * service failing: 503.
 */
import { MAX_EMAIL, PhotoSize } from '../../preload/contract';
import type { PhotoService } from '../services/photos';

export const PHOTO_PREFIX = '/photo/';
/** How long the renderer may reuse a photo without asking (it revalidates with the ETag after). */
export const PHOTO_MAX_AGE_S = 3600;
const EMAIL = /^[^\s@/\\<>"]+@[^\s@/\\<>"]+\.[^\s@/\\<>"]+$/;

export interface PhotoRouteAnswer {
  status: 200 | 204 | 304 | 400 | 404 | 405 | 503;
  headers: Record<string, string>;
  body?: Buffer;
}

export const isPhotoPath = (pathname: string): boolean => pathname.startsWith(PHOTO_PREFIX);

function plain(status: PhotoRouteAnswer['status'], text: string): PhotoRouteAnswer {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: Buffer.from(`${text}\n`),
  };
}

export async function photoRoute(
  photos: PhotoService | null | undefined,
  request: { method?: string; pathname: string; search: string; ifNoneMatch?: string | null },
  /** Told when the photo service fails (a disk or network fault): the answer is then 503. */
  onError?: (err: unknown) => void,
): Promise<PhotoRouteAnswer> {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  if (!isPhotoPath(request.pathname)) return plain(404, 'Not found');
  const raw = request.pathname.slice(PHOTO_PREFIX.length);
  let email: string;
  try {
    email = decodeURIComponent(raw);
  } catch {
    return plain(400, 'Bad address');
  }
  if (email.length === 0 || email.length > MAX_EMAIL || !EMAIL.test(email)) return plain(400, 'Bad address');
  const size = PhotoSize.safeParse(new URLSearchParams(request.search).get('size'));
  if (!size.success) return plain(400, 'Bad size');
  if (!photos) return plain(404, 'Not found');

  let answer: Awaited<ReturnType<PhotoService['serve']>>;
  try {
    answer = await photos.serve(email, size.data, request.ifNoneMatch ?? undefined);
  } catch (err) {
    // An answer, not a rejection: neither shell's handler has to know the service can fail, and
    // the renderer shows the initials as for a missing photo. Our words only, never the error's.
    onError?.(err);
    return plain(503, 'Photo unavailable');
  }
  if (answer.status === 404) {
    return { status: 204, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } };
  }
  const headers: Record<string, string> = {
    'cache-control': `private, max-age=${PHOTO_MAX_AGE_S}`,
    'x-content-type-options': 'nosniff',
  };
  if (answer.etag) headers.etag = answer.etag;
  if (answer.status === 304) return { status: 304, headers };
  headers['content-type'] = answer.contentType ?? 'application/octet-stream';
  const body = answer.body ?? Buffer.alloc(0);
  headers['content-length'] = String(body.length);
  return { status: 200, headers, ...(method === 'HEAD' ? {} : { body }) };
}
