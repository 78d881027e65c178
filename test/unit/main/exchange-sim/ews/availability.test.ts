import { describe, expect, it } from 'vitest';
import type { CalendarItem, Org } from '../../../../../main/exchange-sim/org/types';
import { at, child, children, faultCode, makeCall, makeOrg, names, person, send } from './helpers';

const UTC_TZ =
  '<t:TimeZone><t:Bias>0</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime><t:DaylightTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';
/** Central European time as Windows publishes it: UTC+1, summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00. */
const PARIS_TZ =
  '<t:TimeZone><t:Bias>-60</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime><t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';

function availability(
  tz: string,
  addresses: string[],
  start: string,
  end: string,
  view = 'DetailedMerged',
  interval = 30,
): string {
  const boxes = addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType><t:ExcludeConflicts>false</t:ExcludeConflicts></t:MailboxData>`,
    )
    .join('');
  return (
    `<m:GetUserAvailabilityRequest>${tz}<m:MailboxDataArray>${boxes}</m:MailboxDataArray>` +
    `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow>` +
    `<t:MergedFreeBusyIntervalInMinutes>${interval}</t:MergedFreeBusyIntervalInMinutes><t:RequestedView>${view}</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>`
  );
}

function item(
  id: string,
  start: string,
  end: string,
  busyType: CalendarItem['busyType'],
  extra: Partial<CalendarItem> = {},
): CalendarItem {
  return {
    id,
    changeKey: '1',
    uid: id,
    subject: `Subject ${id}`,
    location: `Room ${id}`,
    start,
    end,
    timeZone: 'UTC',
    isAllDay: false,
    busyType,
    isMeeting: false,
    isCancelled: false,
    organizer: 'bob@contoso.test',
    attendees: [],
    created: start,
    ...extra,
  };
}

function withBobCalendar(items: CalendarItem[]): Org {
  const org = makeOrg();
  person(org, 'bob@contoso.test').calendar = items;
  return org;
}

describe('GetUserAvailability', () => {
  it('merges busy types into one digit per interval', async () => {
    const org = withBobCalendar([
      item('a', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', 'Busy'),
      item('b', '2026-12-01T10:00:00.000Z', '2026-12-01T10:30:00.000Z', 'Tentative'),
      item('c', '2026-12-01T12:00:00.000Z', '2026-12-01T13:00:00.000Z', 'OOF'),
      item('d', '2026-12-01T11:00:00.000Z', '2026-12-01T11:30:00.000Z', 'Busy', { isCancelled: true }),
    ]);
    const a = await send(
      makeCall(org, 'alice@contoso.test'),
      availability(UTC_TZ, ['bob@contoso.test'], '2026-12-01T09:00:00', '2026-12-01T13:00:00'),
    );
    const view = at(a.body, 'FreeBusyResponseArray', 'FreeBusyResponse', 'FreeBusyView');
    expect(names(view)).toEqual(['FreeBusyViewType', 'MergedFreeBusy', 'CalendarEventArray', 'WorkingHours']);
    expect(at(view, 'MergedFreeBusy').text).toBe('22100033');
    expect(children(at(view, 'CalendarEventArray'))).toHaveLength(3);
  });

  it('writes times in the request time zone, right on both sides of a DST change', async () => {
    const org = withBobCalendar([
      item('winter', '2026-03-27T08:00:00.000Z', '2026-03-27T09:00:00.000Z', 'Busy'),
      item('summer', '2026-03-30T08:00:00.000Z', '2026-03-30T09:00:00.000Z', 'Busy'),
      item('outside', '2026-03-25T22:30:00.000Z', '2026-03-25T22:45:00.000Z', 'Busy'),
    ]);
    // The window is local: 2026-03-26T00:00 Paris is 2026-03-25T23:00Z, so the 22:30Z item is outside.
    const a = await send(
      makeCall(org, 'alice@contoso.test'),
      availability(PARIS_TZ, ['bob@contoso.test'], '2026-03-26T00:00:00', '2026-04-01T00:00:00', 'Detailed'),
    );
    const events = children(
      at(a.body, 'FreeBusyResponseArray', 'FreeBusyResponse', 'FreeBusyView', 'CalendarEventArray'),
    );
    expect(events.map((e) => [at(e, 'StartTime').text, at(e, 'EndTime').text])).toEqual([
      ['2026-03-27T09:00:00', '2026-03-27T10:00:00'],
      ['2026-03-30T10:00:00', '2026-03-30T11:00:00'],
    ]);
  });

  it('without a t:TimeZone in the body, uses the TimeZoneContext header as Exchange 2010+ does', async () => {
    const org = withBobCalendar([
      item('summer', '2026-07-01T08:00:00.000Z', '2026-07-01T09:00:00.000Z', 'Busy'),
    ]);
    const header =
      '<t:TimeZoneContext><t:TimeZoneDefinition Id="Romance Standard Time"/></t:TimeZoneContext>';
    const a = await send(
      makeCall(org, 'alice@contoso.test'),
      availability('', ['bob@contoso.test'], '2026-07-01T00:00:00', '2026-07-02T00:00:00', 'FreeBusy'),
      { header },
    );
    const ev = at(
      a.body,
      'FreeBusyResponseArray',
      'FreeBusyResponse',
      'FreeBusyView',
      'CalendarEventArray',
      'CalendarEvent',
    );
    expect(at(ev, 'StartTime').text).toBe('2026-07-01T10:00:00');
  });

  it('publishes the person’s working hours with their own time zone rule', async () => {
    const org = makeOrg();
    const alice = person(org, 'alice@contoso.test');
    const a = await send(
      makeCall(org, 'bob@contoso.test'),
      availability(UTC_TZ, [alice.smtp], '2026-12-01T00:00:00', '2026-12-02T00:00:00', 'FreeBusy'),
    );
    const wh = at(a.body, 'FreeBusyResponseArray', 'FreeBusyResponse', 'FreeBusyView', 'WorkingHours');
    const tz = at(wh, 'TimeZone');
    expect(at(tz, 'Bias').text).toBe('-60');
    expect(
      ['Bias', 'Time', 'DayOrder', 'Month', 'DayOfWeek'].map((n) => at(tz, 'DaylightTime', n).text),
    ).toEqual(['-60', '02:00:00', '5', '3', 'Sunday']);
    expect(
      ['Bias', 'Time', 'DayOrder', 'Month', 'DayOfWeek'].map((n) => at(tz, 'StandardTime', n).text),
    ).toEqual(['0', '03:00:00', '5', '10', 'Sunday']);
    const period = at(wh, 'WorkingPeriodArray', 'WorkingPeriod');
    expect(at(period, 'StartTimeInMinutes').text).toBe(String(alice.workingHours.startMinutes));
    expect(at(period, 'DayOfWeek').text.split(' ')).toHaveLength(alice.workingHours.days.length);
  });

  it('shapes each view: FreeBusy has no details and no merged string; MergedOnly no events', async () => {
    const org = withBobCalendar([item('a', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', 'Busy')]);
    const call = makeCall(org, 'alice@contoso.test');
    const fb = at(
      (
        await send(
          call,
          availability(
            UTC_TZ,
            ['bob@contoso.test'],
            '2026-12-01T00:00:00',
            '2026-12-02T00:00:00',
            'FreeBusy',
          ),
        )
      ).body,
      'FreeBusyResponseArray',
      'FreeBusyResponse',
      'FreeBusyView',
    );
    expect(names(fb)).toEqual(['FreeBusyViewType', 'CalendarEventArray', 'WorkingHours']);
    expect(child(at(fb, 'CalendarEventArray', 'CalendarEvent'), 'CalendarEventDetails')).toBeUndefined();
    const merged = at(
      (
        await send(
          call,
          availability(
            UTC_TZ,
            ['bob@contoso.test'],
            '2026-12-01T00:00:00',
            '2026-12-02T00:00:00',
            'MergedOnly',
            60,
          ),
        )
      ).body,
      'FreeBusyResponseArray',
      'FreeBusyResponse',
      'FreeBusyView',
    );
    expect(names(merged)).toEqual(['FreeBusyViewType', 'MergedFreeBusy', 'WorkingHours']);
    expect(at(merged, 'MergedFreeBusy').text).toHaveLength(24);
  });

  it('hides subject and location of others’ private items, shows my own with an ID', async () => {
    const org = withBobCalendar([
      item('p', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', 'Busy', { isPrivate: true }),
    ]);
    const req = availability(
      UTC_TZ,
      ['bob@contoso.test'],
      '2026-12-01T00:00:00',
      '2026-12-02T00:00:00',
      'Detailed',
    );
    const details = (a: Awaited<ReturnType<typeof send>>): string[] =>
      names(
        at(
          a.body,
          'FreeBusyResponseArray',
          'FreeBusyResponse',
          'FreeBusyView',
          'CalendarEventArray',
          'CalendarEvent',
          'CalendarEventDetails',
        ),
      );
    expect(details(await send(makeCall(org, 'alice@contoso.test'), req))).toEqual([
      'IsMeeting',
      'IsRecurring',
      'IsException',
      'IsReminderSet',
      'IsPrivate',
    ]);
    expect(details(await send(makeCall(org, 'bob@contoso.test'), req)).slice(0, 3)).toEqual([
      'ID',
      'Subject',
      'Location',
    ]);
  });

  it('answers each mailbox in request order, with its own error', async () => {
    const org = makeOrg();
    const a = await send(
      makeCall(org, 'alice@contoso.test'),
      availability(
        UTC_TZ,
        ['bob@contoso.test', 'ghost@contoso.test', 'dave@contoso.test'],
        '2026-12-01T00:00:00',
        '2026-12-02T00:00:00',
      ),
    );
    const responses = children(at(a.body, 'FreeBusyResponseArray'));
    expect(responses.map((r) => at(r, 'ResponseMessage').attrs.ResponseClass)).toEqual([
      'Success',
      'Error',
      'Success',
    ]);
    const err = at(responses[1] ?? responses[0]!, 'ResponseMessage');
    expect(names(err)).toEqual(['MessageText', 'ResponseCode', 'DescriptiveLinkKey', 'MessageXml']);
    expect(at(err, 'ResponseCode').text).toBe('ErrorMailRecipientNotFound');
    expect(at(responses[1]!, 'FreeBusyView', 'FreeBusyViewType').text).toBe('None');
  });

  it('refuses more than 100 mailboxes, more than 42 days, a reversed window and the None view', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const many = Array.from({ length: 101 }, () => 'bob@contoso.test');
    expect(
      faultCode(await send(call, availability(UTC_TZ, many, '2026-12-01T00:00:00', '2026-12-02T00:00:00'))),
    ).toBe('ErrorIndividualMailboxLimitReached');
    expect(
      (await send(call, availability(UTC_TZ, many.slice(1), '2026-12-01T00:00:00', '2026-12-02T00:00:00')))
        .status,
    ).toBe(200);
    expect(
      faultCode(
        await send(
          call,
          availability(UTC_TZ, ['bob@contoso.test'], '2026-12-01T00:00:00', '2027-01-12T00:00:01'),
        ),
      ),
    ).toBe('ErrorTimeIntervalTooBig');
    expect(
      (
        await send(
          call,
          availability(UTC_TZ, ['bob@contoso.test'], '2026-12-01T00:00:00', '2027-01-12T00:00:00'),
        )
      ).status,
    ).toBe(200);
    expect(
      faultCode(
        await send(
          call,
          availability(UTC_TZ, ['bob@contoso.test'], '2026-12-02T00:00:00', '2026-12-01T00:00:00'),
        ),
      ),
    ).toBe('ErrorInvalidTimeInterval');
    expect(
      faultCode(
        await send(
          call,
          availability(UTC_TZ, ['bob@contoso.test'], '2026-12-01T00:00:00', '2026-12-02T00:00:00', 'None'),
        ),
      ),
    ).toBe('ErrorInvalidFreeBusyViewType');
  });
});

describe('GetUserOofSettings', () => {
  const oof = (smtp: string): string =>
    `<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>${smtp}</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>`;

  it('gives my own settings with their duration in UTC', async () => {
    const org = makeOrg();
    const bob = person(org, 'bob@contoso.test');
    const a = await send(makeCall(org, bob.smtp), oof(bob.smtp));
    expect(names(a.body)).toEqual(['ResponseMessage', 'OofSettings', 'AllowExternalOof']);
    const s = at(a.body, 'OofSettings');
    expect(names(s)).toEqual(['OofState', 'ExternalAudience', 'Duration', 'InternalReply', 'ExternalReply']);
    expect(at(s, 'OofState').text).toBe('Scheduled');
    expect(at(s, 'Duration', 'StartTime').text).toBe(bob.oof.start?.replace('.000Z', 'Z'));
    expect(at(s, 'InternalReply', 'Message').text).toBe(bob.oof.internalReply);
  });

  it('refuses another mailbox (ErrorAccessDenied) and an unknown one', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(at((await send(call, oof('bob@contoso.test'))).body, 'ResponseMessage', 'ResponseCode').text).toBe(
      'ErrorAccessDenied',
    );
    expect(
      at((await send(call, oof('ghost@contoso.test'))).body, 'ResponseMessage', 'ResponseCode').text,
    ).toBe('ErrorMailRecipientNotFound');
  });
});

describe('GetMailTips', () => {
  const tips = (to: string): string =>
    `<m:GetMailTips><m:SendingAs><t:EmailAddress>alice@contoso.test</t:EmailAddress></m:SendingAs><m:Recipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></m:Recipients><m:MailTipsRequested>OutOfOfficeMessage</m:MailTipsRequested></m:GetMailTips>`;

  it('gives a scheduled reply with its duration only while it is active', async () => {
    const org = makeOrg();
    const bob = person(org, 'bob@contoso.test');
    const call = makeCall(org, 'alice@contoso.test');
    bob.oof = {
      ...bob.oof,
      state: 'Scheduled',
      start: new Date(Date.now() - 3_600_000).toISOString(),
      end: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const on = at(
      (await send(call, tips(bob.smtp))).body,
      'ResponseMessages',
      'MailTipsResponseMessageType',
      'MailTips',
      'OutOfOffice',
    );
    expect(at(on, 'ReplyBody', 'Message').text).toBe(bob.oof.internalReply);
    expect(child(on, 'Duration')).toBeDefined();
    bob.oof = {
      ...bob.oof,
      start: new Date(Date.now() + 3_600_000).toISOString(),
      end: new Date(Date.now() + 7_200_000).toISOString(),
    };
    const off = at(
      (await send(call, tips(bob.smtp))).body,
      'ResponseMessages',
      'MailTipsResponseMessageType',
      'MailTips',
      'OutOfOffice',
    );
    expect(at(off, 'ReplyBody', 'Message').text).toBe('');
    expect(child(off, 'Duration')).toBeUndefined();
  });

  it('marks an unknown recipient invalid', async () => {
    const a = await send(makeCall(makeOrg(), 'alice@contoso.test'), tips('ghost@contoso.test'));
    expect(
      at(a.body, 'ResponseMessages', 'MailTipsResponseMessageType', 'MailTips', 'InvalidRecipient').text,
    ).toBe('true');
  });
});
