/** Free/busy (GetUserAvailability, batched), my out-of-office (GetUserOofSettings), others' (GetMailTips). */
import type { CallOptions, EwsCaller } from '../caller';
import { EwsError, toRosterError, type PlainError } from '../errors';
import {
  child,
  childText,
  el,
  findFirst,
  readResponseMessage,
  responseMessageError,
  type XElement,
} from '../soap';
import { FAST_FREE_BUSY_VIEW, fastFreeBusyViews } from '../fast/availability';

export type BusyType = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

export interface CalendarEvent {
  /** ISO-8601 UTC. */
  start: string;
  end: string;
  busyType: BusyType;
  subject?: string;
  location?: string;
  isMeeting?: boolean;
  isPrivate?: boolean;
  /** One occurrence of a recurring series; isException when it was moved or edited. Absent when false. */
  isRecurring?: boolean;
  isException?: boolean;
}

/** One yearly change of a SerializableTimeZone (t:StandardTime or t:DaylightTime). */
export interface TimeZoneTransition {
  /** Minutes added to the zone's Bias in this period (0 for standard, -60 for daylight, usually). */
  biasMinutes: number;
  /** Local wall time of the change (EWS Time "02:00:00"), in minutes after midnight. */
  timeMinutes: number;
  /** 1-4: that occurrence of the weekday in the month; 5: the last one; 0: no transition. */
  dayOrder: number;
  /** 1-12; 0: no transition. */
  month: number;
  /** 0 = Sunday … 6 = Saturday. */
  dayOfWeek: number;
  /** The year the rule was taken from, when the server says (optional in EWS). */
  year?: number;
}

/** A SerializableTimeZone: UTC = local + biasMinutes + the current period's biasMinutes. */
export interface AvailabilityTimeZone {
  biasMinutes: number;
  standard?: TimeZoneTransition;
  daylight?: TimeZoneTransition;
}

export interface WorkingHours {
  /** Minutes to add to local time to get UTC (EWS Bias) for the standard period. */
  biasMinutes: number;
  /** The person's full zone rule (services/presence/zones.ts ewsZone turns it into offsets). */
  timeZone: AvailabilityTimeZone;
  days: string[];
  startMinutes: number;
  endMinutes: number;
}

export interface MailboxAvailability {
  email: string;
  /** Present when this mailbox failed (others still answer). */
  error?: PlainError;
  /** One digit per interval (0 free, 1 tentative, 2 busy, 3 OOF, 4 no data), windows joined in order. */
  merged: string;
  events: CalendarEvent[];
  workingHours?: WorkingHours;
}

export interface AvailabilityRequest {
  mailboxes: readonly string[];
  /** ISO-8601 instants. */
  start: string;
  end: string;
  intervalMinutes?: number;
  view?: 'MergedOnly' | 'FreeBusy' | 'FreeBusyMerged' | 'Detailed' | 'DetailedMerged';
}

export const MAX_MAILBOXES = 100;
export const MAX_DAYS = 42;
const DAY = 86_400_000;

/** "2026-11-25T09:00:00" (server time in the UTC zone we asked for) → ISO UTC. */
export function utcFromEws(s: string): string {
  const t = s.trim();
  // Stryker disable next-line Regex: in an xs:dateTime (all EWS sends) a Z or an offset can stand only at the end
  const withZone = /([zZ]|[+-]\d\d:\d\d)$/.test(t) ? t : `${t}Z`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? t : d.toISOString();
}

function ewsLocal(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/** Windows of at most 42 days covering [start, end). */
export function splitWindow(
  start: string,
  end: string,
  maxDays = MAX_DAYS,
): Array<{ start: string; end: string }> {
  const s = new Date(start).getTime();
  const e = new Date(end).getTime();
  if (!(e > s))
    throw new EwsError('bad-input', 'The end of the time window must be after its start.', {
      code: 'ErrorInvalidTimeInterval',
    });
  const out: Array<{ start: string; end: string }> = [];
  for (let t = s; t < e; t += maxDays * DAY)
    out.push({
      start: new Date(t).toISOString(),
      end: new Date(Math.min(e, t + maxDays * DAY)).toISOString(),
    });
  return out;
}

function utcZone() {
  const rule = (name: string) =>
    el(
      `t:${name}`,
      null,
      el('t:Bias', null, 0),
      el('t:Time', null, '00:00:00'),
      el('t:DayOrder', null, 1),
      el('t:Month', null, 1),
      el('t:DayOfWeek', null, 'Sunday'),
    );
  return el('t:TimeZone', null, el('t:Bias', null, 0), rule('StandardTime'), rule('DaylightTime'));
}

function readEvent(e: XElement): CalendarEvent {
  const out: CalendarEvent = {
    start: utcFromEws(childText(e, 'StartTime') ?? ''),
    end: utcFromEws(childText(e, 'EndTime') ?? ''),
    busyType: (childText(e, 'BusyType')?.trim() as BusyType | undefined) ?? 'Busy',
  };
  const d = child(e, 'CalendarEventDetails');
  // Stryker disable next-line ConditionalExpression: without details every read below finds nothing and sets nothing
  if (d) {
    const subject = childText(d, 'Subject')?.trim();
    if (subject) out.subject = subject;
    const location = childText(d, 'Location')?.trim();
    if (location) out.location = location;
    const isMeeting = childText(d, 'IsMeeting');
    if (isMeeting !== undefined) out.isMeeting = isMeeting.trim() === 'true';
    const isPrivate = childText(d, 'IsPrivate');
    if (isPrivate !== undefined) out.isPrivate = isPrivate.trim() === 'true';
    // Set only when true, so a single item reads as it always has.
    if (childText(d, 'IsRecurring')?.trim() === 'true') out.isRecurring = true;
    if (childText(d, 'IsException')?.trim() === 'true') out.isException = true;
  }
  return out;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** An integer field; absent or unreadable reads as 0. */
function intOf(s: string | undefined): number {
  // Stryker disable next-line MethodExpression,StringLiteral: parseInt skips leading blanks and stops at trailing ones, and '' reads 0 as '0' does (NaN || 0)
  return Number.parseInt(s?.trim() ?? '0', 10) || 0;
}

/** "02:00:00" → 120; an unreadable time reads as midnight. */
function minutesOfTime(s: string | undefined): number {
  // Stryker disable next-line StringLiteral: any stand-in for an absent time fails the pattern as '' does
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(s ?? '');
  if (!m) return 0;
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

/** The texts of a t:StandardTime or t:DaylightTime (each its first child of that name). */
export interface TransitionTexts {
  bias?: string | undefined;
  time?: string | undefined;
  dayOrder?: string | undefined;
  month?: string | undefined;
  dayOfWeek?: string | undefined;
  year?: string | undefined;
}

/** One yearly change from its texts (the tree reader and the fast reader both end here). */
export function transitionFromTexts(t: TransitionTexts): TimeZoneTransition {
  const out: TimeZoneTransition = {
    biasMinutes: intOf(t.bias),
    timeMinutes: minutesOfTime(t.time),
    dayOrder: intOf(t.dayOrder),
    month: intOf(t.month),
    // Stryker disable next-line StringLiteral: a name found nowhere is -1, which Math.max makes Sunday (0) all the same
    dayOfWeek: Math.max(0, DAY_NAMES.indexOf(t.dayOfWeek?.trim() ?? 'Sunday')),
  };
  // Stryker disable next-line MethodExpression,StringLiteral: parseInt skips leading blanks, and any stand-in for an absent year is NaN as '' is
  const year = Number.parseInt(t.year?.trim() ?? '', 10);
  if (Number.isFinite(year)) out.year = year;
  return out;
}

function readTransition(t: XElement | undefined): TimeZoneTransition | undefined {
  if (!t) return undefined;
  return transitionFromTexts({
    bias: childText(t, 'Bias'),
    time: childText(t, 'Time'),
    dayOrder: childText(t, 'DayOrder'),
    month: childText(t, 'Month'),
    dayOfWeek: childText(t, 'DayOfWeek'),
    year: childText(t, 'Year'),
  });
}

/**
 * Working hours from a t:TimeZone's Bias and rules (undefined: no TimeZone) and the first
 * t:WorkingPeriod's texts.
 */
export function workingHoursFromTexts(
  tz:
    | {
        bias: string | undefined;
        standard: TimeZoneTransition | undefined;
        daylight: TimeZoneTransition | undefined;
      }
    | undefined,
  period: { days: string | undefined; start: string | undefined; end: string | undefined },
): WorkingHours {
  const timeZone: AvailabilityTimeZone = { biasMinutes: intOf(tz?.bias) };
  if (tz?.standard) timeZone.standard = tz.standard;
  if (tz?.daylight) timeZone.daylight = tz.daylight;
  return {
    biasMinutes: timeZone.biasMinutes,
    timeZone,
    // Stryker disable next-line Regex: filter(Boolean) drops the empty names that splitting at each single blank leaves
    days: (period.days ?? '').split(/\s+/).filter(Boolean),
    // Stryker disable next-line StringLiteral: '' reads 0 as '0' does (NaN || 0)
    startMinutes: Number.parseInt(period.start ?? '0', 10) || 0,
    // Stryker disable next-line StringLiteral: '' reads 0 as '0' does (NaN || 0)
    endMinutes: Number.parseInt(period.end ?? '0', 10) || 0,
  };
}

/**
 * t:WorkingHours as the schema has it (types.xsd, WorkingHours: a TimeZone, then a
 * WorkingPeriodArray of WorkingPeriod): the zone and the first working period; none without one.
 */
function readWorkingHours(w: XElement | undefined): WorkingHours | undefined {
  const period = child(child(w, 'WorkingPeriodArray'), 'WorkingPeriod');
  if (!period) return undefined;
  const tz = child(w, 'TimeZone');
  return workingHoursFromTexts(
    tz
      ? {
          bias: childText(tz, 'Bias'),
          standard: readTransition(child(tz, 'StandardTime')),
          daylight: readTransition(child(tz, 'DaylightTime')),
        }
      : undefined,
    {
      days: childText(period, 'DayOfWeek'),
      start: childText(period, 'StartTimeInMinutes'),
      end: childText(period, 'EndTimeInMinutes'),
    },
  );
}

/** What one m:FreeBusyView holds for a MailboxAvailability. */
export interface FreeBusyViewValue {
  merged: string;
  events: CalendarEvent[];
  workingHours?: WorkingHours;
}

function readFreeBusyView(view: XElement | undefined): FreeBusyViewValue {
  const out: FreeBusyViewValue = {
    merged: childText(view, 'MergedFreeBusy')?.trim() ?? '',
    // Stryker disable next-line ArrayDeclaration: the name filter below drops any stand-in that is no element
    events: (child(view, 'CalendarEventArray')?.children ?? [])
      .filter((c) => c.name === 'CalendarEvent')
      .map(readEvent),
  };
  const wh = readWorkingHours(child(view, 'WorkingHours'));
  // Stryker disable next-line ConditionalExpression: readAvailability copies workingHours only when set, so an undefined one never reaches a caller
  if (wh) out.workingHours = wh;
  return out;
}

/** Views the fast reader read (main/exchange/fast/) come as they are; others from the tree. */
const readView = (view: XElement | undefined): FreeBusyViewValue =>
  (view && FAST_FREE_BUSY_VIEW.take(view)) ?? readFreeBusyView(view);

/** One response body → one entry per mailbox, in request order. */
export function readAvailability(body: XElement, mailboxes: readonly string[]): MailboxAvailability[] {
  const array = findFirst(body, 'FreeBusyResponseArray');
  // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
  const responses = (array?.children ?? []).filter((c) => c.name === 'FreeBusyResponse');
  return mailboxes.map((email, i) => {
    const r = responses[i];
    const out: MailboxAvailability = { email, merged: '', events: [] };
    if (!r) {
      out.error = {
        kind: 'server',
        message: 'Exchange did not answer for this mailbox.',
        code: 'MissingResponse',
      };
      return out;
    }
    const rmEl = child(r, 'ResponseMessage');
    const rm = rmEl ? readResponseMessage(rmEl) : undefined;
    if (rm && rm.responseClass === 'Error') {
      out.error = toRosterError(responseMessageError(rm));
      return out;
    }
    const view = readView(child(r, 'FreeBusyView'));
    out.merged = view.merged;
    out.events = view.events;
    if (view.workingHours) out.workingHours = view.workingHours;
    return out;
  });
}

/**
 * The largest GetUserAvailability answer accepted: 100 mailboxes × 42 days of detailed calendar
 * events (~600 bytes each) fits well within 32 MB.
 */
export const AVAILABILITY_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** GetUserAvailability for any number of mailboxes and any window: batches of ≤100 × ≤42 days. */
export async function getUserAvailability(
  ews: EwsCaller,
  req: AvailabilityRequest,
  options?: CallOptions,
): Promise<MailboxAvailability[]> {
  const windows = splitWindow(req.start, req.end);
  const merged = new Map<string, MailboxAvailability>();
  const order = [...new Set(req.mailboxes)];
  for (const e of order) merged.set(e, { email: e, merged: '', events: [] });
  const batches: string[][] = [];
  for (let i = 0; i < order.length; i += MAX_MAILBOXES) batches.push(order.slice(i, i + MAX_MAILBOXES));
  const jobs = batches.flatMap((batch) => windows.map((w) => ({ batch, w })));
  const results = await Promise.all(
    jobs.map(async ({ batch, w }) => {
      const body = el(
        'm:GetUserAvailabilityRequest',
        null,
        utcZone(),
        el(
          'm:MailboxDataArray',
          null,
          batch.map((address) =>
            el(
              't:MailboxData',
              null,
              el('t:Email', null, el('t:Address', null, address)),
              el('t:AttendeeType', null, 'Required'),
              el('t:ExcludeConflicts', null, 'false'),
            ),
          ),
        ),
        el(
          't:FreeBusyViewOptions',
          null,
          el(
            't:TimeWindow',
            null,
            el('t:StartTime', null, ewsLocal(w.start)),
            el('t:EndTime', null, ewsLocal(w.end)),
          ),
          el('t:MergedFreeBusyIntervalInMinutes', null, req.intervalMinutes ?? 30),
          el('t:RequestedView', null, req.view ?? 'DetailedMerged'),
        ),
      );
      const r = await ews.soap('GetUserAvailability', body, {
        maxResponseBytes: AVAILABILITY_MAX_RESPONSE_BYTES,
        typed: fastFreeBusyViews,
        ...options,
      });
      return readAvailability(r.body, batch);
    }),
  );
  // jobs are batch-major, window-minor: windows of a batch arrive in time order
  for (const part of results)
    for (const m of part) {
      const acc = merged.get(m.email)!;
      if (m.error) acc.error ??= m.error;
      acc.merged += m.merged;
      acc.events.push(...m.events);
      if (m.workingHours) acc.workingHours ??= m.workingHours;
    }
  return order.map((e) => merged.get(e)!);
}

export interface OofSettings {
  state: 'Disabled' | 'Enabled' | 'Scheduled';
  externalAudience: 'None' | 'Known' | 'All';
  start?: string;
  end?: string;
  internalReply: string;
  externalReply: string;
}

export async function getUserOofSettings(
  ews: EwsCaller,
  smtp?: string,
  options?: CallOptions,
): Promise<OofSettings> {
  const body = el(
    'm:GetUserOofSettingsRequest',
    null,
    el('t:Mailbox', null, el('t:Address', null, smtp ?? ews.smtp)),
  );
  const r = await ews.soap('GetUserOofSettings', body, options);
  const rm = child(r.body, 'ResponseMessage');
  if (rm) {
    const info = readResponseMessage(rm);
    if (info.responseClass === 'Error') throw responseMessageError(info);
  }
  const s = findFirst(r.body, 'OofSettings');
  const duration = child(s, 'Duration');
  const out: OofSettings = {
    state: (childText(s, 'OofState')?.trim() as OofSettings['state'] | undefined) ?? 'Disabled',
    externalAudience:
      (childText(s, 'ExternalAudience')?.trim() as OofSettings['externalAudience'] | undefined) ?? 'None',
    internalReply: childText(child(s, 'InternalReply'), 'Message') ?? '',
    externalReply: childText(child(s, 'ExternalReply'), 'Message') ?? '',
  };
  const st = childText(duration, 'StartTime');
  const en = childText(duration, 'EndTime');
  if (st) out.start = utcFromEws(st);
  if (en) out.end = utcFromEws(en);
  return out;
}

export interface OofTip {
  email: string;
  /** The reply while it is active; absent when the person is not away. */
  reply?: string;
  start?: string;
  end?: string;
  error?: PlainError;
}

/** Others' out-of-office replies (MailTips OutOfOfficeMessage). */
export async function getOofMailTips(
  ews: EwsCaller,
  recipients: readonly string[],
  options?: CallOptions,
): Promise<OofTip[]> {
  const body = el(
    'm:GetMailTips',
    null,
    el('m:SendingAs', null, el('t:EmailAddress', null, ews.smtp)),
    el(
      'm:Recipients',
      null,
      recipients.map((r) => el('t:Mailbox', null, el('t:EmailAddress', null, r))),
    ),
    el('m:MailTipsRequested', null, 'OutOfOfficeMessage'),
  );
  const r = await ews.soap('GetMailTips', body, options);
  if ('ResponseClass' in r.body.attrs) {
    const top = readResponseMessage(r.body);
    if (top.responseClass === 'Error') throw responseMessageError(top);
  }
  const container = child(r.body, 'ResponseMessages');
  // Stryker disable next-line ArrayDeclaration: without a container every recipient is answered { email } before msgs is read
  const msgs = container ? container.children.map(readResponseMessage) : [];
  return recipients.map((email, i) => {
    const m = msgs[i];
    if (!m || !container) return { email };
    if (m.responseClass === 'Error') return { email, error: toRosterError(responseMessageError(m)) };
    const tips = child(m.element, 'MailTips');
    const oof = child(tips, 'OutOfOffice');
    const reply = childText(child(oof, 'ReplyBody'), 'Message')?.trim();
    const out: OofTip = {
      email: childText(child(tips, 'RecipientAddress'), 'EmailAddress')?.trim() || email,
    };
    if (reply) {
      out.reply = reply;
      const d = child(oof, 'Duration');
      const s = childText(d, 'StartTime');
      const e = childText(d, 'EndTime');
      if (s) out.start = utcFromEws(s);
      if (e) out.end = utcFromEws(e);
    }
    return out;
  });
}
