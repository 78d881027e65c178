/** Availability and out of office: GetUserAvailability, GetUserOofSettings, GetMailTips. */
import type { BusyType, CalendarItem, OofSettings, Person } from '../org/types';
import { expandCalendar, type CalendarInstance } from '../org/recurrence';
import { encodeId } from './ids';
import { callNow } from './types';
import {
  EwsError,
  EwsFault,
  findPerson,
  headerTimeZone,
  messageText,
  singleResponse,
  statusXml,
  type RequestContext,
} from './soap';
import {
  DAY_NAMES,
  UTC,
  formatLocal,
  formatUtc,
  ianaZone,
  legacyFromIana,
  legacyTimeZoneXml,
  legacyZone,
  parseDateTime,
  readLegacyTimeZone,
  type Zone,
} from './tz';
import { NS, child, children, el, esc, leaf, textAt, type XNode } from './xml';

export const MAX_MAILBOXES = 100;
export const MAX_WINDOW_DAYS = 42;
const DAY_MS = 86400000;

const VIEWS = ['MergedOnly', 'FreeBusy', 'FreeBusyMerged', 'Detailed', 'DetailedMerged'] as const;
type View = (typeof VIEWS)[number];

const MERGED_DIGIT: Record<BusyType, number> = {
  Free: 0,
  WorkingElsewhere: 0,
  Tentative: 1,
  Busy: 2,
  OOF: 3,
  NoData: 4,
};

function mailboxErrorXml(code: string, exceptionType: string): string {
  return el(
    'm:ResponseMessage',
    { ResponseClass: 'Error' },
    statusXml(
      code,
      new EwsError(
        code,
        messageText(code),
        `<ExceptionType xmlns="${NS.e}">${esc(exceptionType)}</ExceptionType>`,
      ),
    ),
  );
}

/** The window's events: single items and every occurrence of a series (each under its own id). */
function activeItems(p: Person, fromMs: number, toMs: number): CalendarInstance[] {
  return expandCalendar(
    p.calendar.filter((c) => !c.isCancelled),
    fromMs,
    toMs,
  );
}

function workingHoursXml(p: Person, year: number): string {
  const wh = p.workingHours;
  const days = [...wh.days].sort((a, b) => a - b).map((d) => DAY_NAMES[d] ?? 'Sunday');
  return el(
    't:WorkingHours',
    undefined,
    legacyTimeZoneXml(legacyFromIana(wh.timeZone, year)),
    el(
      't:WorkingPeriodArray',
      undefined,
      el(
        't:WorkingPeriod',
        undefined,
        leaf('t:DayOfWeek', days.join(' ')),
        leaf('t:StartTimeInMinutes', wh.startMinutes),
        leaf('t:EndTimeInMinutes', wh.endMinutes),
      ),
    ),
  );
}

function mergedString(items: CalendarItem[], fromMs: number, toMs: number, interval: number): string {
  const step = interval * 60000;
  const slots = Math.ceil((toMs - fromMs) / step);
  const digits = new Uint8Array(slots);
  for (const c of items) {
    const s = Date.parse(c.start);
    const e = Date.parse(c.end);
    const d = MERGED_DIGIT[c.busyType];
    const first = Math.max(0, Math.floor((s - fromMs) / step));
    const last = Math.min(slots - 1, Math.ceil((e - fromMs) / step) - 1);
    for (let i = first; i <= last; i += 1) {
      const slotStart = fromMs + i * step;
      const slotEnd = Math.min(slotStart + step, toMs);
      if (s < slotEnd && e > slotStart && d > (digits[i] ?? 0)) digits[i] = d;
    }
  }
  return digits.join('');
}

function eventXml(
  c: CalendarInstance,
  zone: Zone,
  details: 'none' | 'limited' | 'full',
  owner: Person,
): string {
  let detailXml = '';
  if (details !== 'none') {
    const hide = details === 'limited' && c.isPrivate === true;
    detailXml = el(
      't:CalendarEventDetails',
      undefined,
      details === 'full' ? leaf('t:ID', encodeId('item', owner.id, c.id)) : '',
      hide ? '' : leaf('t:Subject', c.subject),
      hide ? '' : leaf('t:Location', c.location ?? ''),
      leaf('t:IsMeeting', c.isMeeting),
      leaf('t:IsRecurring', c.occurrence !== undefined),
      leaf('t:IsException', c.occurrence?.isException === true),
      leaf('t:IsReminderSet', false),
      leaf('t:IsPrivate', c.isPrivate === true),
    );
  }
  return el(
    't:CalendarEvent',
    undefined,
    leaf('t:StartTime', formatLocal(zone, Date.parse(c.start))),
    leaf('t:EndTime', formatLocal(zone, Date.parse(c.end))),
    leaf('t:BusyType', c.busyType),
    detailXml,
  );
}

export function getUserAvailability(ctx: RequestContext, req: XNode): string {
  const tzNode = child(req, 'TimeZone');
  // Exchange 2010+ clients put the zone in the SOAP header (TimeZoneContext) instead of the body.
  const headerZone = headerTimeZone(ctx);
  let zone: Zone = headerZone !== undefined && headerZone !== 'UTC' ? ianaZone(headerZone) : UTC;
  try {
    const legacy = readLegacyTimeZone(tzNode);
    if (legacy) zone = legacyZone(legacy);
  } catch {
    throw new EwsFault(
      'ErrorSchemaValidation',
      'The request failed schema validation: The TimeZone Bias is not valid.',
    );
  }
  const mailboxes = children(child(req, 'MailboxDataArray'), 'MailboxData');
  if (mailboxes.length === 0)
    throw new EwsFault('ErrorInvalidRequest', 'MailboxDataArray must contain at least one mailbox.');
  if (mailboxes.length > MAX_MAILBOXES) throw new EwsFault('ErrorIndividualMailboxLimitReached');

  const options = child(req, 'FreeBusyViewOptions');
  if (!options) {
    if (child(req, 'SuggestionsViewOptions'))
      throw new EwsFault('ErrorInvalidRequest', 'Suggestions are not supported by this server.');
    throw new EwsFault('ErrorInvalidRequest', 'FreeBusyViewOptions is required.');
  }
  const fromMs = parseDateTime(textAt(options, 'TimeWindow', 'StartTime') ?? '', zone);
  const toMs = parseDateTime(textAt(options, 'TimeWindow', 'EndTime') ?? '', zone);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw new EwsFault(
      'ErrorSchemaValidation',
      'The request failed schema validation: TimeWindow is not valid.',
    );
  }
  if (toMs <= fromMs) throw new EwsFault('ErrorInvalidTimeInterval');
  if (toMs - fromMs > MAX_WINDOW_DAYS * DAY_MS) throw new EwsFault('ErrorTimeIntervalTooBig');
  const interval = Number(textAt(options, 'MergedFreeBusyIntervalInMinutes') ?? 30);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw new EwsFault(
      'ErrorInvalidParameter',
      'MergedFreeBusyIntervalInMinutes must be between 5 and 1440.',
    );
  }
  const requested = (textAt(options, 'RequestedView') ?? 'Detailed') as View | 'None';
  if (!(VIEWS as readonly string[]).includes(requested)) throw new EwsFault('ErrorInvalidFreeBusyViewType');
  const view = requested as View;
  const year = new Date(fromMs).getUTCFullYear();

  const responses = mailboxes.map((md) => {
    const address = textAt(md, 'Email', 'Address') ?? '';
    const person = findPerson(ctx.call, address);
    if (!person) {
      return el(
        'm:FreeBusyResponse',
        undefined,
        mailboxErrorXml(
          'ErrorMailRecipientNotFound',
          'Microsoft.Exchange.InfoWorker.Common.Availability.MailRecipientNotFoundException',
        ),
        el('m:FreeBusyView', undefined, leaf('t:FreeBusyViewType', 'None')),
      );
    }
    const own = person.id === ctx.mailbox.id;
    // The calendar's Default permission for the requester: None refuses this mailbox only, free/busy
    // time only downgrades a detailed view (the answer says which view it really is).
    const sharing = own ? 'detailed' : (person.freeBusySharing ?? 'detailed');
    if (sharing === 'none') {
      return el(
        'm:FreeBusyResponse',
        undefined,
        mailboxErrorXml(
          'ErrorNoFreeBusyAccess',
          'Microsoft.Exchange.InfoWorker.Common.Availability.NoFreeBusyAccessException',
        ),
        el('m:FreeBusyView', undefined, leaf('t:FreeBusyViewType', 'None')),
      );
    }
    const granted: View =
      sharing === 'detailed'
        ? view
        : view === 'Detailed'
          ? 'FreeBusy'
          : view === 'DetailedMerged'
            ? 'FreeBusyMerged'
            : view;
    const items = activeItems(person, fromMs, toMs);
    const wantsDetails = granted === 'Detailed' || granted === 'DetailedMerged';
    const details: 'none' | 'limited' | 'full' = !wantsDetails ? 'none' : own ? 'full' : 'limited';
    const merged = granted === 'MergedOnly' || granted === 'FreeBusyMerged' || granted === 'DetailedMerged';
    const withEvents = granted !== 'MergedOnly';
    const fbView = el(
      'm:FreeBusyView',
      undefined,
      leaf('t:FreeBusyViewType', granted),
      merged ? leaf('t:MergedFreeBusy', mergedString(items, fromMs, toMs, interval)) : '',
      withEvents && items.length > 0
        ? el('t:CalendarEventArray', undefined, ...items.map((c) => eventXml(c, zone, details, person)))
        : '',
      workingHoursXml(person, year),
    );
    return el(
      'm:FreeBusyResponse',
      undefined,
      el('m:ResponseMessage', { ResponseClass: 'Success' }, statusXml('NoError')),
      fbView,
    );
  });
  return el(
    'm:GetUserAvailabilityResponse',
    { 'xmlns:m': NS.m, 'xmlns:t': NS.t },
    el('m:FreeBusyResponseArray', undefined, ...responses),
  );
}

function oofActive(oof: OofSettings, nowMs: number): boolean {
  if (oof.state === 'Enabled') return true;
  if (oof.state !== 'Scheduled' || !oof.start || !oof.end) return false;
  return nowMs >= Date.parse(oof.start) && nowMs < Date.parse(oof.end);
}

function durationXml(oof: OofSettings, tag: string): string {
  if (!oof.start || !oof.end) return '';
  return el(
    tag,
    undefined,
    leaf('t:StartTime', formatUtc(Date.parse(oof.start))),
    leaf('t:EndTime', formatUtc(Date.parse(oof.end))),
  );
}

export function getUserOofSettings(ctx: RequestContext, req: XNode): string {
  const address = textAt(req, 'Mailbox', 'Address') ?? '';
  const wrap = (message: string, payload = ''): string =>
    el('m:GetUserOofSettingsResponse', { 'xmlns:m': NS.m, 'xmlns:t': NS.t }, message, payload);
  const person = findPerson(ctx.call, address);
  if (!person) {
    const err = new EwsError('ErrorMailRecipientNotFound');
    return wrap(el('m:ResponseMessage', { ResponseClass: 'Error' }, statusXml(err.code, err)));
  }
  if (person.id !== ctx.mailbox.id) {
    const err = new EwsError('ErrorAccessDenied');
    return wrap(el('m:ResponseMessage', { ResponseClass: 'Error' }, statusXml(err.code, err)));
  }
  const oof = person.oof;
  const settings = el(
    't:OofSettings',
    { xmlns: NS.t },
    leaf('OofState', oof.state),
    leaf('ExternalAudience', oof.externalAudience),
    oof.start && oof.end
      ? el(
          'Duration',
          undefined,
          leaf('StartTime', formatUtc(Date.parse(oof.start))),
          leaf('EndTime', formatUtc(Date.parse(oof.end))),
        )
      : '',
    el('InternalReply', undefined, leaf('Message', oof.internalReply)),
    el('ExternalReply', undefined, leaf('Message', oof.externalReply)),
  );
  return wrap(
    el('m:ResponseMessage', { ResponseClass: 'Success' }, statusXml('NoError')),
    settings + leaf('m:AllowExternalOof', 'All'),
  );
}

export function getMailTips(ctx: RequestContext, req: XNode): string {
  const wanted = (textAt(req, 'MailTipsRequested') ?? '').split(/\s+/);
  const wantsOof = wanted.includes('OutOfOfficeMessage') || wanted.includes('All');
  const recipients = children(child(req, 'Recipients'), 'Mailbox');
  const now = callNow(ctx.call);
  const messages = recipients.map((r) => {
    const address = textAt(r, 'EmailAddress') ?? '';
    const person = findPerson(ctx.call, address);
    const recipientXml = el(
      't:RecipientAddress',
      undefined,
      leaf('t:Name', person?.displayName ?? ''),
      leaf('t:EmailAddress', person?.smtp ?? address),
      leaf('t:RoutingType', 'SMTP'),
    );
    let tips: string;
    if (!person) {
      tips = recipientXml + el('t:PendingMailTips') + leaf('t:InvalidRecipient', true);
    } else {
      let oofXml = '';
      if (wantsOof) {
        const active = oofActive(person.oof, now);
        oofXml = el(
          't:OutOfOffice',
          undefined,
          el(
            't:ReplyBody',
            undefined,
            active ? leaf('t:Message', person.oof.internalReply) : el('t:Message'),
          ),
          active && person.oof.state === 'Scheduled' ? durationXml(person.oof, 't:Duration') : '',
        );
      }
      tips = recipientXml + el('t:PendingMailTips') + oofXml;
    }
    return el(
      'm:MailTipsResponseMessageType',
      { ResponseClass: 'Success' },
      statusXml('NoError'),
      el('m:MailTips', undefined, tips),
    );
  });
  return singleResponse('GetMailTips', el('m:ResponseMessages', undefined, ...messages));
}
