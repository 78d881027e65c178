/**
 * Mappings between the EWS client's answers, the rule table's shapes and the contract: pure, so
 * tests read them like tables. The only place a per-mailbox availability error becomes a reason.
 */
import type { PresenceInfo, PresenceReason, ScheduleBlock } from '../../../preload/contract';
import type { MailboxAvailability, OofSettings, OofTip } from '../../exchange/operations/availability';
import type { AutoReplies, PersonSchedule, Presence, ScheduleEvent, UnknownReason, Zone } from './types';
import { workingSpans } from './rules';
import { startOfLocalDay, workingHoursRule } from './zones';

/**
 * The window one fetch covers: from the viewer's local midnight today to the end of tomorrow, so
 * "free until", "in a meeting until" and the next free slot are all known without asking again.
 */
export function fetchWindow(nowMs: number, viewer: Zone): { fromMs: number; toMs: number } {
  // zones.ts already turns a local midnight into an instant, DST days included.
  return { fromMs: startOfLocalDay(viewer, nowMs), toMs: startOfLocalDay(viewer, nowMs, 2) };
}

/**
 * Exchange's per-mailbox errors → why presence is unknown. Not shared (the calendar owner gave us
 * no free/busy rights) and not found (no such mailbox, or a contact outside the organisation)
 * are named on the card; anything else is an error, never a guess.
 */
export function reasonFor(code: string | undefined, kind: string | undefined): UnknownReason {
  switch (code) {
    case 'ErrorNoFreeBusyAccess':
    case 'ErrorFreeBusyGenerationFailed':
    case 'ErrorAccessDenied':
      return 'not-shared';
    case 'ErrorMailRecipientNotFound':
    case 'ErrorNonExistentMailbox':
    case 'ErrorInvalidSmtpAddress':
    case 'ErrorNotFound':
      return 'not-found';
    default:
      return kind === 'not-found' ? 'not-found' : 'error';
  }
}

/** One mailbox's answer → what the rule table needs. */
export function toSchedule(m: MailboxAvailability, window: { fromMs: number; toMs: number }): PersonSchedule {
  const base = { fromMs: window.fromMs, toMs: window.toMs };
  if (m.error) return { ...base, events: [], unknown: reasonFor(m.error.code, m.error.kind) };
  const events: ScheduleEvent[] = [];
  for (const e of m.events) {
    const startMs = Date.parse(e.start);
    const endMs = Date.parse(e.end);
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) continue;
    const ev: ScheduleEvent = { startMs, endMs, busyType: e.busyType };
    // A private meeting's subject is not ours to show, even when the server sends "Private".
    if (e.subject && !e.isPrivate) ev.subject = e.subject;
    if (e.location && !e.isPrivate) ev.location = e.location;
    if (e.isPrivate) ev.isPrivate = true;
    events.push(ev);
  }
  events.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const out: PersonSchedule = { ...base, events };
  // No events and an all-"no data" merged string: the server has nothing for this person.
  if (events.length === 0 && /^4+$/.test(m.merged)) out.unknown = 'no-data';
  if (m.workingHours) out.workingHours = workingHoursRule(m.workingHours);
  return out;
}

/** My own automatic replies (GetUserOofSettings), at an instant. */
export function myAutoReplies(s: OofSettings, nowMs: number): AutoReplies {
  const reply = s.internalReply.trim() || undefined;
  if (s.state === 'Enabled') return { active: true, ...(reply ? { reply } : {}) };
  if (s.state === 'Scheduled' && s.start && s.end) {
    const startMs = Date.parse(s.start);
    const endMs = Date.parse(s.end);
    if (nowMs >= startMs && nowMs < endMs)
      return { active: true, untilMs: endMs, ...(reply ? { reply } : {}) };
    // Stryker disable next-line EqualityOperator: at nowMs === startMs the test above has already answered "on"
    if (nowMs < startMs) return { active: false, ...(reply ? { reply } : {}) };
  }
  return { active: false };
}

/** Someone else's automatic replies (GetMailTips): a reply is only returned while it is on. */
export function tipAutoReplies(t: OofTip): AutoReplies | undefined {
  if (t.error) return undefined;
  if (!t.reply) return { active: false };
  const untilMs = t.end ? Date.parse(t.end) : Number.NaN;
  return { active: true, reply: t.reply, ...(Number.isFinite(untilMs) ? { untilMs } : {}) };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The rule table's answer → the contract's shape (ISO times, offsets for "their time"). */
export function toPresenceInfo(
  email: string,
  p: Presence,
  schedule: PersonSchedule | undefined,
  nowMs: number,
  fetchedAtMs: number | null,
): PresenceInfo {
  const info: PresenceInfo = {
    email,
    state: p.state,
    fetchedAt: fetchedAtMs === null ? null : iso(fetchedAtMs),
  };
  if (p.untilMs !== undefined) info.until = iso(p.untilMs);
  if (p.subject) info.subject = p.subject;
  if (p.tentative)
    info.tentative = {
      start: iso(p.tentative.startMs),
      end: iso(p.tentative.endMs),
      ...(p.tentative.subject ? { subject: p.tentative.subject } : {}),
    };
  if (p.nextFree) info.nextFree = { start: iso(p.nextFree.startMs), end: iso(p.nextFree.endMs) };
  if (p.reason) info.reason = p.reason satisfies PresenceReason;
  if (p.oofReply) info.oofReply = p.oofReply;
  const zone = schedule?.workingHours?.zone;
  if (zone) {
    info.utcOffsetMinutes = zone.offsetMinutes(nowMs);
    if (p.untilMs !== undefined) info.untilUtcOffsetMinutes = zone.offsetMinutes(p.untilMs);
  }
  return info;
}

/** The card's strip: the schedule's blocks clipped to the window. */
export function toBlocks(s: PersonSchedule): ScheduleBlock[] {
  return s.events
    .filter((e) => e.endMs > s.fromMs && e.startMs < s.toMs)
    .map((e) => ({
      start: iso(Math.max(e.startMs, s.fromMs)),
      end: iso(Math.min(e.endMs, s.toMs)),
      busyType: e.busyType,
      ...(e.subject ? { subject: e.subject } : {}),
      ...(e.location ? { location: e.location } : {}),
    }));
}

/** Their working hours on the local day of an instant (UTC span), for the card's strip. */
export function workingHoursOn(
  s: PersonSchedule,
  atMs: number,
): { startMs: number; endMs: number } | undefined {
  const wh = s.workingHours;
  if (!wh) return undefined;
  return workingSpans(wh, startOfLocalDay(wh.zone, atMs), startOfLocalDay(wh.zone, atMs, 1))[0];
}
