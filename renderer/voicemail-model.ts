/**
 * Voice mail as the renderer shows it (issue 23): who called, for how long, the unheard count per
 * contact for the missed-call badge, and the list after a change. Pure functions of the contract's
 * VoicemailEntry, so tests read them like tables; main decides what is read and what exists.
 */
import type { VoicemailEntry } from '../preload/contract';
import { formatDay, formatTime, localDayNumber, type Clockface, type Translate } from './presence-model';

/** The preview's longest length in the list (the whole transcription is in the row's tooltip). */
export const PREVIEW_CHARS = 140;

/** Who called: the contact's name, else the name the server gave, else the number, else "Unknown caller". */
export function callerName(entry: VoicemailEntry, t: Translate): string {
  const name =
    entry.caller.contact?.displayName.trim() || entry.caller.name.trim() || entry.caller.phone?.trim();
  return name || t('voicemail.unknownCaller');
}

/** "0:07", "1:05", "12:00": how a player writes a length. */
export function clockDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The length in words, for screen readers and the tooltip ("1 minute 5 seconds"). */
export function spokenDuration(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  if (minutes === 0) return t('voicemail.seconds', { count: rest });
  if (rest === 0) return t('voicemail.minutes', { count: minutes });
  return `${t('voicemail.minutes', { count: minutes })} ${t('voicemail.seconds', { count: rest })}`;
}

/** The transcription cut at a word near PREVIEW_CHARS, with an ellipsis when cut. */
export function previewOf(text: string | undefined, max = PREVIEW_CHARS): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Unheard voice mails per contact (lower-case address): the missed-call badge's number. */
export function unheardByEmail(entries: readonly VoicemailEntry[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const email = e.caller.contact?.email.trim().toLowerCase();
    if (!e.unread || !email) continue;
    out.set(email, (out.get(email) ?? 0) + 1);
  }
  return out;
}

/** The list once main said an entry is heard (or not). */
export function withUnread(
  entries: readonly VoicemailEntry[],
  id: string,
  unread: boolean,
): VoicemailEntry[] {
  return entries.map((e) => (e.id === id && e.unread !== unread ? { ...e, unread } : e));
}

/** The list without a deleted entry. */
export function without(entries: readonly VoicemailEntry[], id: string): VoicemailEntry[] {
  return entries.filter((e) => e.id !== id);
}

/**
 * Where focus goes after deleting the entry at `index` of a list now `remaining` long: the entry
 * that took its place, else the one before, else nothing (the heading).
 */
export function focusAfterDelete(index: number, remaining: number): number | null {
  if (remaining <= 0) return null;
  return Math.min(Math.max(index, 0), remaining - 1);
}

/** When it came, in the viewer's format: the time today ("15:30"), else the day too ("Monday 2 Dec 15:30"). */
export function whenLabel(ms: number, nowMs: number, face: Clockface): string {
  const time = formatTime(ms, face);
  const sameDay = localDayNumber(ms, face.offset(ms)) === localDayNumber(nowMs, face.offset(nowMs));
  return sameDay ? time : `${formatDay(ms, face)} ${time}`;
}
