/**
 * availability.ts as it reads a GetUserAvailability answer from the tree (no fast reader): each
 * event's fields (trimmed, flags, defaults), the views' working hours and zone rules, answers
 * missing or out of place; and the request's batching and options, the merge of windows, the
 * out-of-office answers without the optional parts.
 */
import { describe, expect, it } from 'vitest';
import {
  AVAILABILITY_MAX_RESPONSE_BYTES,
  getOofMailTips,
  getUserAvailability,
  getUserOofSettings,
  readAvailability,
  splitWindow,
  transitionFromTexts,
  utcFromEws,
} from '../../../../../main/exchange/operations/availability';
import { parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { M, T } from './envelope';

const SOAP = 'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"';
const soapBody = (inner: string): string => `<s:Envelope ${SOAP}><s:Body>${inner}</s:Body></s:Envelope>`;
const OK = '<ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>';

/** A GetUserAvailabilityResponse holding the given FreeBusyResponseArray children. */
function response(inner: string): string {
  return `<GetUserAvailabilityResponse xmlns="${M}" xmlns:t="${T}"><FreeBusyResponseArray>${inner}</FreeBusyResponseArray></GetUserAvailabilityResponse>`;
}
const freeBusy = (view: string): string =>
  `<FreeBusyResponse>${OK}<FreeBusyView>${view}</FreeBusyView></FreeBusyResponse>`;
const read = (inner: string, mailboxes: string[]) => readAvailability(parseXml(response(inner)), mailboxes);
const event = (inner: string): string => `<t:CalendarEvent>${inner}</t:CalendarEvent>`;

describe('readAvailability: events', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'every detail, padded with blanks',
      event(
        '<t:StartTime>2026-11-25T09:00:00</t:StartTime><t:EndTime>2026-11-25T10:00:00</t:EndTime><t:BusyType> Tentative </t:BusyType>' +
          '<t:CalendarEventDetails><t:Subject> Review </t:Subject><t:Location> Room 1 </t:Location><t:IsMeeting> true </t:IsMeeting>' +
          '<t:IsPrivate> true </t:IsPrivate><t:IsRecurring> true </t:IsRecurring><t:IsException> true </t:IsException></t:CalendarEventDetails>',
      ),
      {
        start: '2026-11-25T09:00:00.000Z',
        end: '2026-11-25T10:00:00.000Z',
        busyType: 'Tentative',
        subject: 'Review',
        location: 'Room 1',
        isMeeting: true,
        isPrivate: true,
        isRecurring: true,
        isException: true,
      },
    ],
    [
      'no busy type and no details: busy, nothing more',
      event('<t:StartTime>2026-11-25T09:00:00Z</t:StartTime><t:EndTime>2026-11-25T10:00:00Z</t:EndTime>'),
      { start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T10:00:00.000Z', busyType: 'Busy' },
    ],
    ['no times at all', event('<t:BusyType>Free</t:BusyType>'), { start: '', end: '', busyType: 'Free' }],
    [
      'blank details and false flags',
      event(
        '<t:StartTime>2026-11-25T09:00:00Z</t:StartTime><t:EndTime>2026-11-25T10:00:00Z</t:EndTime><t:BusyType>Busy</t:BusyType>' +
          '<t:CalendarEventDetails><t:Subject> </t:Subject><t:Location/><t:IsMeeting> false </t:IsMeeting><t:IsPrivate>false</t:IsPrivate>' +
          '<t:IsRecurring>false</t:IsRecurring><t:IsException>false</t:IsException></t:CalendarEventDetails>',
      ),
      {
        start: '2026-11-25T09:00:00.000Z',
        end: '2026-11-25T10:00:00.000Z',
        busyType: 'Busy',
        isMeeting: false,
        isPrivate: false,
      },
    ],
    [
      'empty details',
      event(
        '<t:StartTime>2026-11-25T09:00:00Z</t:StartTime><t:EndTime>2026-11-25T10:00:00Z</t:EndTime><t:CalendarEventDetails/>',
      ),
      { start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T10:00:00.000Z', busyType: 'Busy' },
    ],
  ])('%s', (_name, xml, expected) => {
    const [a] = read(
      freeBusy(
        `<t:MergedFreeBusy> 02 </t:MergedFreeBusy><t:CalendarEventArray>${xml}<t:Other/></t:CalendarEventArray>`,
      ),
      ['a@x'],
    );
    expect(a).toStrictEqual({ email: 'a@x', merged: '02', events: [expected] });
  });
});

describe('readAvailability: views and answers', () => {
  it('reads a view without merged text, events or working hours as empty', () => {
    expect(read(freeBusy(''), ['a@x'])).toStrictEqual([{ email: 'a@x', merged: '', events: [] }]);
  });

  it('reads working hours with their zone rules', () => {
    const rule = (name: string, bias: string, day: string) =>
      `<t:${name}><t:Bias>${bias}</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>${day}</t:DayOfWeek></t:${name}>`;
    const [a] = read(
      freeBusy(
        '<t:WorkingHours><t:TimeZone><t:Bias>-60</t:Bias>' +
          rule('StandardTime', '0', 'Sunday') +
          rule('DaylightTime', '-60', 'Saturday') +
          '</t:TimeZone><t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>Monday Friday</t:DayOfWeek>' +
          '<t:StartTimeInMinutes>480</t:StartTimeInMinutes><t:EndTimeInMinutes>1020</t:EndTimeInMinutes></t:WorkingPeriod></t:WorkingPeriodArray></t:WorkingHours>',
      ),
      ['a@x'],
    );
    const transition = (biasMinutes: number, dayOfWeek: number) => ({
      biasMinutes,
      timeMinutes: 120,
      dayOrder: 5,
      month: 10,
      dayOfWeek,
    });
    expect(a).toStrictEqual({
      email: 'a@x',
      merged: '',
      events: [],
      workingHours: {
        biasMinutes: -60,
        timeZone: { biasMinutes: -60, standard: transition(0, 0), daylight: transition(-60, 6) },
        days: ['Monday', 'Friday'],
        startMinutes: 480,
        endMinutes: 1020,
      },
    });
  });

  it('says which mailboxes got no answer, and skips what is not a FreeBusyResponse', () => {
    expect(
      read(`<Other/>${freeBusy('<t:MergedFreeBusy>0</t:MergedFreeBusy>')}`, ['a@x', 'b@x']),
    ).toStrictEqual([
      { email: 'a@x', merged: '0', events: [] },
      {
        email: 'b@x',
        merged: '',
        events: [],
        error: {
          kind: 'server',
          message: 'Exchange did not answer for this mailbox.',
          code: 'MissingResponse',
        },
      },
    ]);
  });

  it('reads an answer without a response array as no answer for anyone', () => {
    const r = readAvailability(parseXml(`<GetUserAvailabilityResponse xmlns="${M}"/>`), ['a@x']);
    expect(r.map((m) => m.error?.code)).toStrictEqual(['MissingResponse']);
  });
});

describe('zone rule texts', () => {
  it.each<[string, Parameters<typeof transitionFromTexts>[0], Record<string, number>]>([
    ['a time with minutes and no seconds', { time: '02:30' }, { timeMinutes: 150 }],
    ['a time with text before it reads as midnight', { time: 'at 02:00' }, { timeMinutes: 0 }],
    ['a day name padded with blanks', { dayOfWeek: ' Monday ' }, { dayOfWeek: 1 }],
    ['a year', { year: ' 2026 ' }, { year: 2026 }],
  ])('%s', (_name, texts, part) => {
    expect(transitionFromTexts(texts)).toMatchObject(part);
  });
});

describe('utcFromEws and splitWindow', () => {
  it('keeps text that is no time as it is', () => {
    expect(utcFromEws(' soon ')).toBe('soon');
  });

  it('says why it refuses a window that ends before it starts', () => {
    expect(() => splitWindow('2026-11-25T10:00:00Z', '2026-11-25T09:00:00Z')).toThrow(
      'The end of the time window must be after its start.',
    );
  });
});

describe('getUserAvailability', () => {
  const window = { start: '2026-11-25T00:00:00Z', end: '2026-11-26T00:00:00Z' };

  it('asks nothing for no mailboxes', async () => {
    const { caller, calls } = fakeCaller(soapBody(response('')));
    expect(await getUserAvailability(caller, { mailboxes: [], ...window })).toStrictEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('sends exactly 100 mailboxes in one request, with the size cap', async () => {
    const mailboxes = Array.from({ length: 100 }, (_, i) => `m${i}@x`);
    const { caller, calls } = fakeCaller(soapBody(response(mailboxes.map(() => freeBusy('')).join(''))));
    const r = await getUserAvailability(caller, { mailboxes, ...window });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.options?.maxResponseBytes).toBe(AVAILABILITY_MAX_RESPONSE_BYTES);
    expect(r[99]).toStrictEqual({ email: 'm99@x', merged: '', events: [] });
  });
});

describe('getUserOofSettings and getOofMailTips without the optional parts', () => {
  it('reads settings from an answer without a ResponseMessage', async () => {
    const { caller } = fakeCaller(
      soapBody(
        `<GetUserOofSettingsResponse xmlns="${M}"><OofSettings xmlns="${T}"><OofState>Enabled</OofState></OofSettings></GetUserOofSettingsResponse>`,
      ),
    );
    expect(await getUserOofSettings(caller)).toStrictEqual({
      state: 'Enabled',
      externalAudience: 'None',
      internalReply: '',
      externalReply: '',
    });
  });

  it('reads a tip without an out-of-office part as no reply, and trims the address, from an answer with no overall class', async () => {
    const { caller } = fakeCaller(
      soapBody(
        `<m:GetMailTipsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>` +
          '<m:MailTipsResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:MailTips>' +
          '<t:RecipientAddress><t:EmailAddress> Ann@x </t:EmailAddress></t:RecipientAddress></m:MailTips></m:MailTipsResponseMessageType>' +
          '</m:ResponseMessages></m:GetMailTipsResponse>',
      ),
    );
    expect(await getOofMailTips(caller, ['ann@x'])).toStrictEqual([{ email: 'Ann@x' }]);
  });
});
