/**
 * The voice-mail audio route both shells serve, shell-neutral: `GET ./voicemail/<encoded item
 * id>/audio` (contract.voicemailAudioUrl) → status, headers, body. The web shell calls it after
 * its cookie and Host checks; the Electron shell from its app protocol handler. The <audio>
 * element plays the recording from here: never a file path, never base64 in a JSON answer.
 *
 * The bytes are the service's (size-capped before decoding, their format sniffed from their own
 * header); this route serves only the audio types a browser plays, whatever the server called
 * them, and says "no-store": a recording is not kept in the browser's cache.
 */
import { MAX_VOICEMAIL_ID } from '../../preload/contract';
import { MAX_ATTACHMENT_BYTES } from '../exchange/operations/mail';
import { toRosterError } from '../errors';
import type { VoicemailAudio } from '../services/voicemail';

export const VOICEMAIL_PREFIX = '/voicemail/';
const SUFFIX = '/audio';

/** The only content types the route answers with (the sniffed type, never the server's word). */
export const PLAYABLE_AUDIO: ReadonlySet<string> = new Set([
  'audio/wav',
  'audio/x-wav',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
]);

/** What the route needs: the recording of one voice mail (null: voice mail is off). */
export interface VoicemailAudioSource {
  audio(id: string): Promise<VoicemailAudio>;
}

export type VoicemailRouteStatus = 200 | 206 | 400 | 401 | 404 | 405 | 413 | 415 | 416 | 502 | 503;

export interface VoicemailRouteAnswer {
  status: VoicemailRouteStatus;
  headers: Record<string, string>;
  body?: Buffer;
}

export const isVoicemailPath = (pathname: string): boolean => pathname.startsWith(VOICEMAIL_PREFIX);

const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

function plain(status: VoicemailRouteStatus, text: string): VoicemailRouteAnswer {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...BASE_HEADERS },
    body: Buffer.from(`${text}\n`),
  };
}

/** The item id in `/voicemail/<id>/audio`, or null when the path is not one. */
export function voicemailIdOf(pathname: string): string | null {
  if (!isVoicemailPath(pathname) || !pathname.endsWith(SUFFIX)) return null;
  const raw = pathname.slice(VOICEMAIL_PREFIX.length, pathname.length - SUFFIX.length);
  // An id is one path segment: its own slashes arrive encoded (%2F). An empty one fails the blank test below.
  if (raw.includes('/')) return null;
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (id.trim() === '' || id.length > MAX_VOICEMAIL_ID) return null;
  if ([...id].some((c) => c.charCodeAt(0) < 0x20)) return null;
  return id;
}

/** A service failure → the answer the player gets (our words only, never the error's). */
function failure(err: unknown, onError?: (err: unknown) => void): VoicemailRouteAnswer {
  const e = toRosterError(err);
  if (e.code === 'AttachmentTooLarge') return plain(413, 'The recording is too large to play here');
  if (e.code === 'AttachmentTypeRefused') return plain(415, 'The recording is not in a format Roster plays');
  switch (e.kind) {
    case 'auth':
      return plain(401, 'Sign in to play voice mail');
    case 'not-found':
    case 'bad-input':
      return plain(404, 'No such voice mail');
    case 'unavailable':
      return plain(404, 'Voice mail is turned off');
    case 'network':
    case 'throttled':
      onError?.(err);
      return plain(503, 'Voice mail unavailable');
    default:
      onError?.(err);
      return plain(502, 'The mail server did not give the recording');
  }
}

export async function voicemailRoute(
  voicemail: VoicemailAudioSource | null | undefined,
  /** `range`: the Range header, which Chromium's media player sends (bytes=0- first) and needs answered. */
  request: { method?: string; pathname: string; range?: string | null },
  /** Told when the service fails for a reason other than the request's own (a network fault). */
  onError?: (err: unknown) => void,
): Promise<VoicemailRouteAnswer> {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  if (!isVoicemailPath(request.pathname)) return plain(404, 'Not found');
  const id = voicemailIdOf(request.pathname);
  if (id === null) return plain(400, 'Bad voice mail id');
  if (!voicemail) return plain(404, 'Voice mail is turned off');

  let audio: VoicemailAudio;
  try {
    audio = await voicemail.audio(id);
  } catch (err) {
    return failure(err, onError);
  }
  if (audio.bytes.length > MAX_ATTACHMENT_BYTES) return plain(413, 'The recording is too large to play here');
  if (!PLAYABLE_AUDIO.has(audio.contentType))
    return plain(415, 'The recording is not in a format Roster plays');
  const whole = Buffer.from(audio.bytes.buffer, audio.bytes.byteOffset, audio.bytes.byteLength);
  const headers: Record<string, string> = {
    'content-type': audio.contentType,
    'accept-ranges': 'bytes',
    ...BASE_HEADERS,
  };
  let status: VoicemailRouteStatus = 200;
  let body = whole;
  if (request.range) {
    const span = byteRange(request.range, whole.length);
    if (span === 'unsatisfiable')
      return { status: 416, headers: { ...BASE_HEADERS, 'content-range': `bytes */${whole.length}` } };
    if (span) {
      status = 206;
      body = whole.subarray(span.start, span.end + 1);
      headers['content-range'] = `bytes ${span.start}-${span.end}/${whole.length}`;
    }
  }
  headers['content-length'] = String(body.length);
  return { status, headers, ...(method === 'HEAD' ? {} : { body }) };
}

/**
 * One `bytes=` range of a body `size` long (RFC 9110 §14.1.2): `start-`, `start-end` or `-suffix`;
 * null for a header this route ignores (several ranges, another unit: the whole body answers).
 */
export function byteRange(
  header: string,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  // end is at most size - 1, so a start at or past the end of the body (start >= size) fails this too.
  if (end < start) return 'unsatisfiable';
  return { start, end };
}
