/**
 * Conversation History items → what the app shows: the kind Lync recorded (by item class and the
 * number of people), who took part, when, and a one-line preview.
 */
import type { MailSummary } from '../../exchange/operations/mail';

export type ConversationKind = 'im' | 'missed-im' | 'call' | 'missed-call' | 'conference' | 'other';

export interface Participant {
  name: string;
  email?: string;
}

export interface HistoryEntry {
  id: string;
  changeKey?: string;
  kind: ConversationKind;
  subject: string;
  /** ISO instant. */
  at: string;
  participants: Participant[];
  preview: string;
  unread: boolean;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
  nextOffset?: number;
}

/** Longest preview shown in a list row. */
export const PREVIEW_LENGTH = 160;

/**
 * Item class → kind. Lync writes IPM.Note.Microsoft.Conversation for IM and conferences (told apart
 * by the number of other people), ….Missed for missed IMs and the ….Voice variants for calls.
 * Classes are compared case-insensitively, as Exchange does.
 */
export function conversationKind(itemClass: string, otherPeople: number): ConversationKind {
  const c = itemClass.trim().toLowerCase();
  if (c === 'ipm.note.microsoft.missed.voice' || c.startsWith('ipm.note.microsoft.missed.voice.'))
    return 'missed-call';
  if (c === 'ipm.note.microsoft.missed' || c.startsWith('ipm.note.microsoft.missed.')) return 'missed-im';
  if (c === 'ipm.note.microsoft.conversation.voice' || c.startsWith('ipm.note.microsoft.conversation.voice.'))
    return 'call';
  if (c === 'ipm.note.microsoft.conversation' || c.startsWith('ipm.note.microsoft.conversation.'))
    return otherPeople > 1 ? 'conference' : 'im';
  return 'other';
}

export interface Me {
  email: string;
  displayName?: string;
}

/**
 * The people in a conversation other than me: the sender and the DisplayTo names (FindItem gives
 * names only there, so I am recognised by name as well as by address).
 */
export function participantsOf(item: MailSummary, me: Me): Participant[] {
  const myEmail = me.email.trim().toLowerCase();
  const myName = me.displayName?.trim().toLowerCase();
  const out: Participant[] = [];
  const seen = new Set<string>();
  const add = (p: Participant): void => {
    const key = (p.email ?? p.name).trim().toLowerCase();
    if (key === '' || seen.has(key)) return;
    if (p.email?.toLowerCase() === myEmail || (myName && p.name.trim().toLowerCase() === myName)) return;
    seen.add(key);
    out.push(p);
  };
  if (item.from)
    add(item.from.email ? { name: item.from.name, email: item.from.email } : { name: item.from.name });
  for (const name of item.displayTo.split(';')) add({ name: name.trim() });
  return out;
}

/** One line of text, cut at a word near PREVIEW_LENGTH. */
export function previewLine(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= PREVIEW_LENGTH) return flat;
  const cut = flat.slice(0, PREVIEW_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > PREVIEW_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function toHistoryEntry(item: MailSummary, me: Me): HistoryEntry {
  const participants = participantsOf(item, me);
  const entry: HistoryEntry = {
    id: item.id,
    kind: conversationKind(item.itemClass, participants.length),
    subject: item.subject.trim(),
    at: item.received,
    participants,
    preview: previewLine(item.preview),
    unread: !item.isRead,
  };
  if (item.changeKey) entry.changeKey = item.changeKey;
  return entry;
}

/** Did this person take part (by address, or by name when the server gave only names)? */
export function involves(entry: HistoryEntry, who: { email: string; displayName?: string }): boolean {
  const email = who.email.trim().toLowerCase();
  const name = who.displayName?.trim().toLowerCase();
  return entry.participants.some(
    (p) =>
      p.email?.toLowerCase() === email ||
      (name !== undefined && name !== '' && p.name.toLowerCase() === name),
  );
}
