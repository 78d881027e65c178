import { describe, expect, it } from 'vitest';
import {
  getUserAvailability,
  readAvailability,
  splitWindow,
} from '../../../../../main/exchange/operations/availability';
import {
  cancelMeeting,
  createMeeting,
  findCalendarView,
} from '../../../../../main/exchange/operations/calendar';
import { parseSoapResponse } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

describe('GetUserAvailability', () => {
  it('reads events, merged view, working hours and per-mailbox errors', async () => {
    const { caller, calls } = fakeCaller(fixture('GetUserAvailability.xml'));
    const r = await getUserAvailability(caller, {
      mailboxes: ['adele.vance@contoso.test', 'gone@contoso.test'],
      start: '2026-11-25T00:00:00Z',
      end: '2026-11-26T00:00:00Z',
    });
    expect(calls).toHaveLength(1);
    const opts = calls[0]!.body.children.find((c) => c.name === 'FreeBusyViewOptions')!;
    expect(opts.children[0]!.children.map((c) => c.text)).toEqual([
      '2026-11-25T00:00:00',
      '2026-11-26T00:00:00',
    ]);
    expect(r[0]).toEqual({
      email: 'adele.vance@contoso.test',
      merged: '0022000',
      events: [
        {
          start: '2026-11-25T09:00:00.000Z',
          end: '2026-11-25T10:00:00.000Z',
          busyType: 'Busy',
          subject: 'Budget review',
          location: 'Room 12 & Teams',
          isMeeting: true,
          isPrivate: false,
        },
      ],
      workingHours: {
        biasMinutes: -60,
        timeZone: {
          biasMinutes: -60,
          standard: { biasMinutes: 0, timeMinutes: 180, dayOrder: 5, month: 10, dayOfWeek: 0 },
          daylight: { biasMinutes: -60, timeMinutes: 120, dayOrder: 5, month: 3, dayOfWeek: 0 },
        },
        days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
        startMinutes: 480,
        endMinutes: 1020,
      },
    });
    expect(r[1]).toMatchObject({
      email: 'gone@contoso.test',
      error: { kind: 'not-found', code: 'ErrorMailRecipientNotFound' },
      events: [],
    });
  });

  it('reads a zone without daylight saving, a Year, seconds and a missing DaylightTime', () => {
    const view = (tz: string): string =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetUserAvailabilityResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:FreeBusyResponseArray><m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage><m:FreeBusyView><t:FreeBusyViewType>Detailed</t:FreeBusyViewType><t:WorkingHours>${tz}<t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>Sunday Saturday</t:DayOfWeek><t:StartTimeInMinutes>540</t:StartTimeInMinutes><t:EndTimeInMinutes>1080</t:EndTimeInMinutes></t:WorkingPeriod></t:WorkingPeriodArray></t:WorkingHours></m:FreeBusyView></m:FreeBusyResponse></m:FreeBusyResponseArray></m:GetUserAvailabilityResponse></s:Body></s:Envelope>`;
    const read = (tz: string) =>
      readAvailability(parseSoapResponse(view(tz)).body, ['x@contoso.test'])[0]!.workingHours;
    expect(
      read(
        '<t:TimeZone><t:Bias>-540</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime><t:DaylightTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>',
      ),
    ).toEqual({
      biasMinutes: -540,
      timeZone: {
        biasMinutes: -540,
        standard: { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 },
        daylight: { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 },
      },
      days: ['Sunday', 'Saturday'],
      startMinutes: 540,
      endMinutes: 1080,
    });
    expect(
      read(
        '<t:TimeZone><t:Bias>-600</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:30</t:Time><t:DayOrder>1</t:DayOrder><t:Month>4</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek><t:Year>2026</t:Year></t:StandardTime></t:TimeZone>',
      )?.timeZone,
    ).toEqual({
      biasMinutes: -600,
      standard: { biasMinutes: 0, timeMinutes: 180.5, dayOrder: 1, month: 4, dayOfWeek: 0, year: 2026 },
    });
  });

  it('splits into ≤100 mailboxes × ≤42 days per request', async () => {
    const { caller, calls } = fakeCaller(fixture('GetUserAvailability.xml'));
    const mailboxes = Array.from({ length: 150 }, (_, i) => `p${i}@contoso.test`);
    await getUserAvailability(caller, {
      mailboxes,
      start: '2026-11-01T00:00:00Z',
      end: '2026-12-21T00:00:00Z',
    });
    expect(calls).toHaveLength(4);
    for (const c of calls) {
      const n = c.body.children.find((x) => x.name === 'MailboxDataArray')!.children.length;
      expect(n).toBeLessThanOrEqual(100);
      const [s, e] = c.body.children
        .find((x) => x.name === 'FreeBusyViewOptions')!
        .children[0]!.children.map((x) => Date.parse(`${x.text}Z`));
      expect((e! - s!) / 86_400_000).toBeLessThanOrEqual(42);
    }
    expect(splitWindow('2026-11-01T00:00:00Z', '2026-12-21T00:00:00Z').map((w) => w.end)).toEqual([
      '2026-12-13T00:00:00.000Z',
      '2026-12-21T00:00:00.000Z',
    ]);
    expect(() => splitWindow('2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z')).toThrow();
  });
});

describe('calendar requests', () => {
  const ok = (inner: string): string =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:CreateItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse></s:Body></s:Envelope>`;

  it('CreateItem sends invitations to all and returns the id', async () => {
    const { caller, calls } = fakeCaller(
      ok('<m:Items><t:CalendarItem><t:ItemId Id="AAMkCal1=" ChangeKey="DwAAAB"/></t:CalendarItem></m:Items>'),
    );
    const id = await createMeeting(caller, {
      subject: 'Sync <weekly>',
      body: '<p>Agenda</p>',
      start: '2026-11-26T09:00:00Z',
      end: '2026-11-26T09:30:00Z',
      required: ['lee.gu@contoso.test'],
      optional: ['megan.bowen@contoso.test'],
    });
    expect(id).toEqual({ id: 'AAMkCal1=', changeKey: 'DwAAAB' });
    const b = calls[0]!.body;
    expect(b.attrs.SendMeetingInvitations).toBe('SendToAllAndSaveCopy');
    const item = b.children[1]!.children[0]!;
    expect(item.children.map((c) => c.name)).toEqual([
      'Subject',
      'Body',
      'Start',
      'End',
      'RequiredAttendees',
      'OptionalAttendees',
    ]);
    expect(item.children[0]!.text).toBe('Sync <weekly>');
    expect(item.children[1]!.text).toBe('<p>Agenda</p>');
    await expect(
      createMeeting(caller, {
        subject: 'x',
        start: '2026-11-26T10:00:00Z',
        end: '2026-11-26T09:00:00Z',
        required: [],
      }),
    ).rejects.toMatchObject({ kind: 'bad-input' });
  });

  it('CancelCalendarItem references the meeting', async () => {
    const { caller, calls } = fakeCaller(ok(''));
    await cancelMeeting(caller, { id: 'AAMkCal1=', changeKey: 'DwAAAB' }, 'Sorry');
    const cancel = calls[0]!.body.children[0]!.children[0]!;
    expect(cancel.name).toBe('CancelCalendarItem');
    expect(cancel.children.map((c) => c.name)).toEqual(['NewBodyContent', 'ReferenceItemId']);
  });

  it('FindItem CalendarView reads items', async () => {
    const { caller, calls } = fakeCaller(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:RootFolder TotalItemsInView="1" IncludesLastItemInRange="true"><t:Items><t:CalendarItem><t:ItemId Id="C1" ChangeKey="K1"/><t:Subject>Stand-up</t:Subject><t:Start>2026-11-25T08:00:00Z</t:Start><t:End>2026-11-25T08:15:00Z</t:End><t:IsAllDayEvent>false</t:IsAllDayEvent><t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus><t:Location>Online</t:Location><t:Organizer><t:Mailbox><t:Name>Lee Gu</t:Name><t:EmailAddress>lee.gu@contoso.test</t:EmailAddress></t:Mailbox></t:Organizer></t:CalendarItem></t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>`,
    );
    const r = await findCalendarView(caller, { start: '2026-11-25T00:00:00Z', end: '2026-11-26T00:00:00Z' });
    expect(calls[0]!.body.children.find((c) => c.name === 'CalendarView')!.attrs).toMatchObject({
      StartDate: '2026-11-25T00:00:00.000Z',
      MaxEntriesReturned: '1000',
    });
    expect(r.items).toEqual([
      {
        id: 'C1',
        changeKey: 'K1',
        subject: 'Stand-up',
        start: '2026-11-25T08:00:00.000Z',
        end: '2026-11-25T08:15:00.000Z',
        isAllDay: false,
        busyType: 'Busy',
        location: 'Online',
        organizer: { email: 'lee.gu@contoso.test', name: 'Lee Gu' },
        required: [],
        optional: [],
      },
    ]);
  });
});
