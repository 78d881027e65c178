/**
 * Voice-mail items → what the app shows: the caller (resolved to a contact by e-mail address,
 * else by phone number), time, duration, the transcription Exchange UM put in the body, read
 * state; and the audio check before bytes go to the renderer.
 */
import type { MailSummary } from '../../exchange/operations/mail';

export interface CallerContact {
  email: string;
  displayName: string;
  phones: readonly string[];
}

export interface Caller {
  name: string;
  email?: string;
  phone?: string;
  /** The contact this caller is, when one matched. */
  contact?: { email: string; displayName: string };
}

export interface VoicemailEntry {
  id: string;
  changeKey?: string;
  caller: Caller;
  /** ISO instant. */
  at: string;
  durationSeconds?: number;
  /** The start of UM's transcription, when it made one. */
  transcription?: string;
  unread: boolean;
}

export interface VoicemailPage {
  entries: VoicemailEntry[];
  total: number;
  nextOffset?: number;
}

/** Digits of a phone number, the last MATCH_DIGITS of which identify it (country codes vary). */
const MATCH_DIGITS = 9;
const MIN_DIGITS = 7;

export function phoneKey(phone: string): string | undefined {
  const digits = phone.replace(/^tel:/i, '').replace(/[^0-9]/g, '');
  return digits.length >= MIN_DIGITS ? digits.slice(-MATCH_DIGITS) : undefined;
}

/** The contact a caller is: same address first, else the same phone number; none when ambiguous. */
export function resolveCaller(
  from: { name: string; email?: string },
  phone: string | undefined,
  contacts: readonly CallerContact[],
): Caller {
  const caller: Caller = { name: from.name };
  if (from.email) caller.email = from.email;
  if (phone) caller.phone = phone;
  const email = from.email?.trim().toLowerCase();
  let match = email ? contacts.find((c) => c.email.trim().toLowerCase() === email) : undefined;
  if (!match) {
    const key = phone ? phoneKey(phone) : undefined;
    const byPhone = key ? contacts.filter((c) => c.phones.some((p) => phoneKey(p) === key)) : [];
    if (byPhone.length === 1) match = byPhone[0];
  }
  if (match) caller.contact = { email: match.email, displayName: match.displayName };
  return caller;
}

/** Exchange UM's "Voice Mail Preview:" text, without the sentence UM adds after it. */
export function transcriptionOf(preview: string | undefined): string | undefined {
  const m = /Voice Mail Preview:\s*([\s\S]*?)\s*(?:You received a voice mail\b[\s\S]*)?$/i.exec(
    preview ?? '',
  );
  const text = m?.[1]?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** Seconds from PidTagVoiceMessageDuration, else from UM's subject "(23 seconds)". */
export function durationOf(item: Pick<MailSummary, 'durationSeconds' | 'subject'>): number | undefined {
  if (item.durationSeconds !== undefined) return item.durationSeconds;
  const m = /\((\d{1,5}) seconds?\)\s*$/i.exec(item.subject);
  return m ? Number(m[1]) : undefined;
}

export function toVoicemailEntry(item: MailSummary, contacts: readonly CallerContact[]): VoicemailEntry {
  const entry: VoicemailEntry = {
    id: item.id,
    caller: resolveCaller(item.from ?? { name: item.callerPhone ?? '' }, item.callerPhone, contacts),
    at: item.received,
    unread: !item.isRead,
  };
  if (item.changeKey) entry.changeKey = item.changeKey;
  const seconds = durationOf(item);
  if (seconds !== undefined) entry.durationSeconds = seconds;
  const transcription = transcriptionOf(item.preview);
  if (transcription) entry.transcription = transcription;
  return entry;
}

export type AudioType = 'audio/wav' | 'audio/mpeg' | 'audio/ogg' | 'audio/x-ms-wma';

/**
 * The audio format the bytes really are (by their header), whatever the server called them:
 * only these reach the renderer's player.
 */
export function sniffAudio(bytes: Uint8Array): AudioType | undefined {
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (bytes.length >= 4 && ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (bytes.length >= 3 && ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg';
  const asf = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11];
  if (bytes.length >= 8 && asf.every((b, i) => bytes[i] === b)) return 'audio/x-ms-wma';
  return undefined;
}
