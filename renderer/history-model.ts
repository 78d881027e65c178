/**
 * Conversation history (issue 23) in words and in order: pure functions of the contract's
 * ConversationSummary, the language and the viewer's clock, so tests read them like tables. Main
 * reads the folder and turns every body into text; the renderer only says it.
 */
import type { ConversationKind, ConversationSummary, HistoryPage } from '../preload/contract';
import type { Clockface, Translate } from './presence-model';
import { dateFormat, formatTime, localDayNumber } from './presence-model';

/** A missed IM or call: said in words on every row (never by colour alone). */
export function isMissed(kind: ConversationKind): boolean {
  return kind === 'missed-im' || kind === 'missed-call';
}

/** The kind's name, e.g. "Missed call" (keys under history.kinds). */
export function kindLabel(kind: ConversationKind, t: Translate): string {
  return t(`history.kinds.${kind}`);
}

/**
 * When a conversation happened, as short as still clear: today a time ("15:30"), in the past
 * week the weekday and time ("Tue 15:30"), before that the date and time ("2 Nov 15:30"), and
 * the year too when it is not this year's.
 */
export function formatConversationTime(ms: number, nowMs: number, face: Clockface): string {
  const off = face.offset(ms);
  const time = formatTime(ms, face, off);
  const days = localDayNumber(nowMs, face.offset(nowMs)) - localDayNumber(ms, off);
  const shifted = new Date(ms + off * 60_000);
  if (days === 0) return time;
  if (days > 0 && days < 7) {
    return `${dateFormat(face.locale, 'weekday').format(shifted)} ${time}`;
  }
  const sameYear =
    shifted.getUTCFullYear() === new Date(nowMs + face.offset(nowMs) * 60_000).getUTCFullYear();
  const date = dateFormat(face.locale, sameYear ? 'date' : 'dateYear').format(shifted);
  return `${date} ${time}`;
}

/** The full date and time, for the open conversation's heading and a row's tooltip. */
export function formatConversationDate(ms: number, face: Clockface): string {
  const off = face.offset(ms);
  const date = dateFormat(face.locale, 'longDate').format(new Date(ms + off * 60_000));
  return `${date} ${formatTime(ms, face, off)}`;
}

/** Who took part besides me: "Bob", "Bob and Chloé", "Bob, Chloé and 2 others", or "No one else". */
export function participantsText(entry: Pick<ConversationSummary, 'participants'>, t: Translate): string {
  const names = entry.participants.map((p) => p.name.trim() || p.email || '').filter((n) => n !== '');
  const [first, second] = names;
  if (first === undefined) return t('history.people.none');
  if (second === undefined) return first;
  if (names.length === 2) return t('history.people.two', { first, second });
  return t('history.people.many', { first, second, count: names.length - 2 });
}

/** The row's one line of text: the preview, or the subject when the server gave no preview. */
export function rowText(entry: Pick<ConversationSummary, 'preview' | 'subject'>): string {
  return entry.preview.trim() || entry.subject.trim();
}

/** What the list holds after another page: the rows so far, then the page's new ones (by id). */
export function appendPage(
  rows: readonly ConversationSummary[],
  page: HistoryPage,
): { rows: ConversationSummary[]; total: number; nextOffset?: number } {
  const seen = new Set(rows.map((r) => r.id));
  const merged = [...rows, ...page.entries.filter((e) => !seen.has(e.id))];
  return page.nextOffset === undefined
    ? { rows: merged, total: page.total }
    : { rows: merged, total: page.total, nextOffset: page.nextOffset };
}

/** Rows from the end at which the next page is asked for (the list is scrolled near its end). */
export const LOAD_AHEAD = 10;

/** Whether the drawn rows reach close enough to the end to ask for the next page. */
export function wantsNextPage(lastDrawnIndex: number, rows: number, hasMore: boolean): boolean {
  return hasMore && rows > 0 && lastDrawnIndex >= rows - LOAD_AHEAD;
}
