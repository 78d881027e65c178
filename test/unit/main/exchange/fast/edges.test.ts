/**
 * Small edges of the fast readers (main/exchange/fast/), one per test: each answer is written by
 * hand inside its test, run through the fast readers and through the tree (the same typed result,
 * key order included, as equivalence.test.ts checks on large answers) and then checked against the
 * exact value the edge must give, so a change that moves both paths the same way is caught too.
 */
import { describe, expect, it } from 'vitest';
import type { EwsCaller } from '../../../../../main/exchange/caller';
import { getUserAvailability } from '../../../../../main/exchange/operations/availability';
import { findCalendarView, getCalendarItems } from '../../../../../main/exchange/operations/calendar';
import { findPeople, resolveNames } from '../../../../../main/exchange/operations/directory';
import { getImItemList } from '../../../../../main/exchange/operations/imList';
import { bothPaths, type Outcome } from './paths';

/**
 * Both paths on the same bytes must give the same outcome (key order too) and the fast one must
 * have read `items` items; the reference outcome is returned for the exact checks.
 */
async function both<T>(text: string, run: (c: EwsCaller) => Promise<T>, items: number): Promise<Outcome> {
  const { reference, fast, used } = await bothPaths(text, run);
  expect(fast).toStrictEqual(reference);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
  expect(used.items).toBe(items);
  return reference;
}

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;

// ---------------------------------------------------------------------------------------------
// GetUserAvailability (fast/availability.ts)

/** One mailbox's answer with this m:FreeBusyView content, in the default namespace as Exchange writes it. */
const availability = (view: string): string =>
  envelope(
    `<GetUserAvailabilityResponse xmlns="${M}"><FreeBusyResponseArray><FreeBusyResponse>` +
      `<ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>` +
      `<FreeBusyView><FreeBusyViewType xmlns="${T}">DetailedMerged</FreeBusyViewType>${view}</FreeBusyView>` +
      `</FreeBusyResponse></FreeBusyResponseArray></GetUserAvailabilityResponse>`,
  );

/** Events in a t:CalendarEventArray. */
const events = (inner: string): string => `<CalendarEventArray xmlns="${T}">${inner}</CalendarEventArray>`;

/** One t:CalendarEvent, 09:00-10:00 Busy, with this t:CalendarEventDetails content (none: no details). */
const calendarEvent = (details?: string): string =>
  `<CalendarEvent><StartTime>2026-11-25T09:00:00</StartTime><EndTime>2026-11-25T10:00:00</EndTime><BusyType>Busy</BusyType>` +
  (details === undefined ? '' : `<CalendarEventDetails>${details}</CalendarEventDetails>`) +
  `</CalendarEvent>`;

const NINE = { start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T10:00:00.000Z', busyType: 'Busy' };

const freeBusy = (c: EwsCaller) =>
  getUserAvailability(c, {
    mailboxes: ['a@x.test'],
    start: '2026-11-25T00:00:00Z',
    end: '2026-11-26T00:00:00Z',
  });

describe('GetUserAvailability edges', () => {
  it('padded subject, location and flags are trimmed; the flags read true', async () => {
    const text = availability(
      events(
        calendarEvent(
          `<ID>00A1</ID><Subject>  Budget review </Subject><Location>\n Room 12 &amp; Teams\t</Location>` +
            `<IsMeeting> true </IsMeeting><IsRecurring> true</IsRecurring><IsException>true\n</IsException>` +
            `<IsReminderSet>true</IsReminderSet><IsPrivate> true </IsPrivate>`,
        ),
      ),
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [
            {
              ...NINE,
              subject: 'Budget review',
              location: 'Room 12 & Teams',
              isMeeting: true,
              isPrivate: true,
              isRecurring: true,
              isException: true,
            },
          ],
        },
      ],
    });
  });

  it('plain "true" flags read true, plain "false" ones false (recurring and exception then absent)', async () => {
    const text = availability(
      events(
        calendarEvent(
          `<Subject>S</Subject><IsMeeting>false</IsMeeting><IsRecurring>false</IsRecurring><IsException>false</IsException><IsPrivate>true</IsPrivate>`,
        ) +
          calendarEvent(
            `<IsMeeting>true</IsMeeting><IsRecurring>true</IsRecurring><IsException>true</IsException><IsPrivate>false</IsPrivate>`,
          ),
      ),
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [
            { ...NINE, subject: 'S', isMeeting: false, isPrivate: true },
            { ...NINE, isMeeting: true, isPrivate: false, isRecurring: true, isException: true },
          ],
        },
      ],
    });
  });

  it('empty flags read false (IsMeeting, IsPrivate) or stay absent (IsRecurring, IsException)', async () => {
    const text = availability(
      events(
        calendarEvent(
          `<IsMeeting/><IsRecurring></IsRecurring><IsException> </IsException><IsPrivate></IsPrivate>`,
        ) + calendarEvent(`<IsMeeting> </IsMeeting><IsPrivate>\n</IsPrivate>`),
      ),
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [
            { ...NINE, isMeeting: false, isPrivate: false },
            { ...NINE, isMeeting: false, isPrivate: false },
          ],
        },
      ],
    });
  });

  it('details with no subject, location or flags, and an event without details: only times and busy type', async () => {
    const text = availability(
      events(calendarEvent('<ID>00A1</ID><IsReminderSet>true</IsReminderSet>') + calendarEvent()),
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [{ email: 'a@x.test', merged: '', events: [NINE, NINE] }],
    });
  });

  it('an empty or blank subject and location are left out', async () => {
    const text = availability(
      events(
        calendarEvent(`<Subject/><Location></Location><IsPrivate>false</IsPrivate>`) +
          calendarEvent(`<Subject> \n </Subject><Location>\t</Location>`) +
          calendarEvent(`<Subject><![CDATA[ ]]></Subject><Location>x</Location>`),
      ),
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [{ ...NINE, isPrivate: false }, NINE, { ...NINE, location: 'x' }],
        },
      ],
    });
  });

  it('the first details element is read, a second one ignored', async () => {
    const text = availability(
      events(
        `<CalendarEvent><StartTime>2026-11-25T09:00:00</StartTime><EndTime>2026-11-25T10:00:00</EndTime>` +
          `<CalendarEventDetails><Subject>one</Subject></CalendarEventDetails>` +
          `<CalendarEventDetails><Subject>two</Subject><IsPrivate>true</IsPrivate></CalendarEventDetails><BusyType> Tentative </BusyType></CalendarEvent>`,
      ),
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [{ email: 'a@x.test', merged: '', events: [{ ...NINE, busyType: 'Tentative', subject: 'one' }] }],
    });
  });

  it('no busy type reads Busy; no times read as empty strings', async () => {
    const text = availability(events(`<CalendarEvent><CalendarEventDetails/></CalendarEvent>`));
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [{ email: 'a@x.test', merged: '', events: [{ start: '', end: '', busyType: 'Busy' }] }],
    });
  });

  it('no working hours: no workingHours key; merged string trimmed', async () => {
    const text = availability(`<MergedFreeBusy xmlns="${T}"> 0220 </MergedFreeBusy>`);
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [{ email: 'a@x.test', merged: '0220', events: [] }],
    });
  });

  it('working hours without a working period are none', async () => {
    const text = availability(
      `<WorkingHours xmlns="${T}"><TimeZone><Bias>-60</Bias></TimeZone><WorkingPeriodArray/></WorkingHours>`,
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [{ email: 'a@x.test', merged: '', events: [] }],
    });
  });

  it('a time zone without Bias or rules reads bias 0 and no rules; a period with no fields reads empty', async () => {
    const text = availability(
      `<WorkingHours xmlns="${T}"><TimeZone><StandardTime/></TimeZone><WorkingPeriodArray><WorkingPeriod/></WorkingPeriodArray></WorkingHours>`,
    );
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [],
          workingHours: {
            biasMinutes: 0,
            timeZone: {
              biasMinutes: 0,
              standard: { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 },
            },
            days: [],
            startMinutes: 0,
            endMinutes: 0,
          },
        },
      ],
    });
  });

  it('only a daylight rule, no time zone at all, and the first working period of two', async () => {
    const period = (days: string, start: string): string =>
      `<WorkingPeriod><DayOfWeek>${days}</DayOfWeek><StartTimeInMinutes>${start}</StartTimeInMinutes><EndTimeInMinutes>1020</EndTimeInMinutes></WorkingPeriod>`;
    const one = `<WorkingHours xmlns="${T}"><TimeZone><Bias> 300 </Bias><DaylightTime><Bias>-60</Bias><Time>02:00:00</Time><DayOrder>2</DayOrder><Month>3</Month><DayOfWeek>Sunday</DayOfWeek><Year>2007</Year></DaylightTime></TimeZone><WorkingPeriodArray>${period('Monday Friday', '480')}${period('Saturday', '600')}</WorkingPeriodArray></WorkingHours>`;
    const text = availability(one);
    expect(await both(text, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [],
          workingHours: {
            biasMinutes: 300,
            timeZone: {
              biasMinutes: 300,
              daylight: {
                biasMinutes: -60,
                timeMinutes: 120,
                dayOrder: 2,
                month: 3,
                dayOfWeek: 0,
                year: 2007,
              },
            },
            days: ['Monday', 'Friday'],
            startMinutes: 480,
            endMinutes: 1020,
          },
        },
      ],
    });
    const none = availability(
      `<WorkingHours xmlns="${T}"><WorkingPeriodArray>${period('Tuesday', '540')}</WorkingPeriodArray></WorkingHours>`,
    );
    expect(await both(none, freeBusy, 1)).toStrictEqual({
      ok: [
        {
          email: 'a@x.test',
          merged: '',
          events: [],
          workingHours: {
            biasMinutes: 0,
            timeZone: { biasMinutes: 0 },
            days: ['Tuesday'],
            startMinutes: 540,
            endMinutes: 1020,
          },
        },
      ],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// FindItem / GetItem calendar items (fast/calendar.ts, fast/time.ts)

const findItem = (items: string): string =>
  envelope(
    `<m:FindItemResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:RootFolder TotalItemsInView="1" IncludesLastItemInRange="true"><t:Items>${items}</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>`,
  );
const getItemAnswer = (item: string): string =>
  envelope(
    `<m:GetItemResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:Items>${item}</m:Items></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>`,
  );
const calendarView = (c: EwsCaller) =>
  findCalendarView(c, { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' });
const getOne = (c: EwsCaller) => getCalendarItems(c, [{ id: 'AAMkA1' }]);

/** The item the fast reader must give for one whose only elements are `inner`. */
const bareItem = { id: '', subject: '', start: '', end: '', isAllDay: false, required: [], optional: [] };

describe('FindItem and GetItem calendar item edges', () => {
  it('an empty item: every required field at its default, no optional key', async () => {
    const r = await both(findItem('<t:CalendarItem/>'), calendarView, 1);
    expect(r).toStrictEqual({ ok: { items: [bareItem], includesLastItemInRange: true } });
  });

  it('ItemId: an empty ChangeKey is left out, a prefixed Id read, a second ItemId ignored', async () => {
    const text = findItem(
      `<t:CalendarItem><t:ItemId Id="A1" ChangeKey=""/><t:ItemId Id="A2" ChangeKey="K2"/></t:CalendarItem>` +
        `<t:CalendarItem><t:ItemId p:Id="B1" xmlns:p="urn:p" ChangeKey="KB"/></t:CalendarItem><t:CalendarItem><t:ItemId ChangeKey="KC"/></t:CalendarItem>`,
    );
    expect(await both(text, calendarView, 3)).toStrictEqual({
      ok: {
        items: [
          { ...bareItem, id: 'A1' },
          { ...bareItem, id: 'B1', changeKey: 'KB' },
          { ...bareItem, changeKey: 'KC' },
        ],
        includesLastItemInRange: true,
      },
    });
  });

  it('booleans with spaces read true, empty ones false; blank strings are left out; the subject is kept as sent', async () => {
    const text = findItem(
      `<t:CalendarItem><t:Subject> Plan </t:Subject><t:Start>2026-11-25T09:00:00Z</t:Start><t:End>2026-11-25T10:00:00.500</t:End>` +
        `<t:IsAllDayEvent> true </t:IsAllDayEvent><t:Location> </t:Location><t:LegacyFreeBusyStatus> Tentative </t:LegacyFreeBusyStatus>` +
        `<t:IsMeeting>\ntrue\n</t:IsMeeting><t:IsCancelled/><t:MyResponseType>\t</t:MyResponseType><t:IsOnlineMeeting> true</t:IsOnlineMeeting>` +
        `<t:JoinOnlineMeetingUrl>  </t:JoinOnlineMeetingUrl><t:IsRecurring>true </t:IsRecurring><t:CalendarItemType> Occurrence </t:CalendarItemType></t:CalendarItem>` +
        `<t:CalendarItem><t:IsAllDayEvent>false</t:IsAllDayEvent><t:LegacyFreeBusyStatus/><t:IsMeeting>false</t:IsMeeting><t:IsCancelled> true </t:IsCancelled>` +
        `<t:IsOnlineMeeting/><t:IsRecurring/><t:MyResponseType> Accept </t:MyResponseType><t:JoinOnlineMeetingUrl> https://x.test/j </t:JoinOnlineMeetingUrl><t:Location> R1 </t:Location></t:CalendarItem>`,
    );
    expect(await both(text, calendarView, 2)).toStrictEqual({
      ok: {
        items: [
          {
            id: '',
            subject: ' Plan ',
            start: '2026-11-25T09:00:00.000Z',
            end: '2026-11-25T10:00:00.500Z',
            isAllDay: true,
            required: [],
            optional: [],
            busyType: 'Tentative',
            isMeeting: true,
            isCancelled: false,
            isOnlineMeeting: true,
            itemType: 'Occurrence',
            isRecurring: true,
          },
          {
            ...bareItem,
            location: 'R1',
            isMeeting: false,
            isCancelled: true,
            myResponse: 'Accept',
            isOnlineMeeting: false,
            joinOnlineMeetingUrl: 'https://x.test/j',
            isRecurring: false,
          },
        ],
        includesLastItemInRange: true,
      },
    });
  });

  it('attendees and organizer: missing mailbox, blank name, padded response, a second mailbox ignored', async () => {
    const text = findItem(
      `<t:CalendarItem><t:Organizer><t:Mailbox><t:Name> </t:Name></t:Mailbox></t:Organizer>` +
        `<t:RequiredAttendees><t:Attendee><t:ResponseType> Decline </t:ResponseType></t:Attendee>` +
        `<t:Attendee><t:Mailbox><t:Name> Bo </t:Name><t:EmailAddress> b@x.test </t:EmailAddress></t:Mailbox><t:Mailbox><t:Name>No</t:Name></t:Mailbox><t:ResponseType/></t:Attendee></t:RequiredAttendees>` +
        `<t:OptionalAttendees><t:Attendee><t:Mailbox><t:EmailAddress>c@x.test</t:EmailAddress><t:Name/></t:Mailbox></t:Attendee></t:OptionalAttendees></t:CalendarItem>` +
        `<t:CalendarItem><t:Organizer/><t:OptionalAttendees/></t:CalendarItem>` +
        `<t:CalendarItem><t:Organizer><t:Mailbox><t:EmailAddress> o@x.test</t:EmailAddress><t:Name>Org</t:Name></t:Mailbox></t:Organizer></t:CalendarItem>`,
    );
    expect(await both(text, calendarView, 3)).toStrictEqual({
      ok: {
        items: [
          {
            ...bareItem,
            required: [
              { email: '', response: 'Decline' },
              { email: 'b@x.test', name: 'Bo' },
            ],
            optional: [{ email: 'c@x.test' }],
            organizer: { email: '' },
          },
          bareItem,
          { ...bareItem, organizer: { email: 'o@x.test', name: 'Org' } },
        ],
        includesLastItemInRange: true,
      },
    });
  });

  it('GetItem: an empty body is kept as an empty string; RecurrenceId stands in for a missing OriginalStart', async () => {
    const text = getItemAnswer(
      `<t:CalendarItem><t:ItemId Id="AAMkA1"/><t:Body BodyType="HTML"/><t:RecurrenceId>2026-11-25T09:00:00</t:RecurrenceId></t:CalendarItem>`,
    );
    expect(await both(text, getOne, 1)).toStrictEqual({
      ok: [{ ...bareItem, id: 'AAMkA1', body: '', originalStart: '2026-11-25T09:00:00.000Z' }],
    });
    const empty = getItemAnswer(
      `<t:CalendarItem><t:OriginalStart/><t:RecurrenceId>2026-11-25T09:00:00Z</t:RecurrenceId><t:Body> a </t:Body></t:CalendarItem>`,
    );
    expect(await both(empty, getOne, 1)).toStrictEqual({
      ok: [{ ...bareItem, body: ' a ', originalStart: '' }],
    });
  });

  it('an unknown calendar item type fails the same way through both paths', async () => {
    const r = await both(
      findItem('<t:CalendarItem><t:CalendarItemType>Weird</t:CalendarItemType></t:CalendarItem>'),
      calendarView,
      1,
    );
    expect(r).toMatchObject({ error: { kind: 'server', code: 'ErrorSchemaValidation' } });
  });

  it('timestamps: impossible dates, leap years, offsets, lower-case letters, short and padded forms read as utcFromEws does', async () => {
    // [as sent, as read]: Exchange's usual shapes are sliced; others go through Date, which rolls
    // an impossible day over into the next month and leaves what it cannot read as sent.
    const cases: Array<[string, string]> = [
      ['2026-11-25T09:00:00', '2026-11-25T09:00:00.000Z'],
      ['2026-02-29T09:00:00', '2026-03-01T09:00:00.000Z'],
      ['2026-02-30T09:00:00', '2026-03-02T09:00:00.000Z'],
      ['2026-04-31T09:00:00', '2026-05-01T09:00:00.000Z'],
      ['2100-02-29T09:00:00', '2100-03-01T09:00:00.000Z'],
      ['2000-02-29T09:00:00Z', '2000-02-29T09:00:00.000Z'],
      ['2024-02-29T09:00:00z', '2024-02-29T09:00:00.000Z'],
      ['1969-12-31T23:59:59Z', '1969-12-31T23:59:59.000Z'],
      ['2026-11-25T24:00:00', '2026-11-26T00:00:00.000Z'],
      ['2026-11-25T09:60:00', '2026-11-25T09:60:00'],
      ['2026-11-25T09:00:60Z', '2026-11-25T09:00:60Z'],
      ['2026-11-25T09:00:00.5Z', '2026-11-25T09:00:00.500Z'],
      ['2026-11-25T09:00:00.12Z', '2026-11-25T09:00:00.120Z'],
      ['2026-11-25T09:00:00.123', '2026-11-25T09:00:00.123Z'],
      ['2026-11-25T09:00:00.1a3Z', '2026-11-25T09:00:00.1a3Z'],
      ['2026-11-25T09:00:00,123Z', '2026-11-25T09:00:00,123Z'],
      ['2026-11-25T09:00:00+02:00', '2026-11-25T07:00:00.000Z'],
      [' 2026-11-25T09:00:00 ', '2026-11-25T09:00:00.000Z'],
      ['2026-11-25t09:00:00', '2026-11-25T09:00:00.000Z'],
      ['x026-11-25T09:00:00', 'x026-11-25T09:00:00'],
      ['2026-13-01T09:00:00', '2026-13-01T09:00:00'],
      ['nonsense', 'nonsense'],
    ];
    const item = ([start]: [string, string]): string =>
      `<t:CalendarItem><t:Start>${start}</t:Start></t:CalendarItem>`;
    const r = await both(findItem(cases.map(item).join('')), calendarView, cases.length);
    const got = (r as { ok: { items: Array<{ start: string }> } }).ok.items.map((i) => i.start);
    expect(got).toStrictEqual(cases.map(([, read]) => read));
  });
});

// ---------------------------------------------------------------------------------------------
// ResolveNames (fast/directory.ts)

const resolveAnswer = (resolutions: string): string =>
  envelope(
    `<m:ResolveNamesResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:ResolveNamesResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:ResolutionSet TotalItemsInView="1" IncludesLastItemInRange="true">${resolutions}</m:ResolutionSet></m:ResolveNamesResponseMessage></m:ResponseMessages></m:ResolveNamesResponse>`,
  );
const resolve = (c: EwsCaller) => resolveNames(c, 'a');

describe('ResolveNames edges', () => {
  it('no mailbox, an empty mailbox, and blank mailbox fields', async () => {
    const text = resolveAnswer(
      `<t:Resolution/><t:Resolution><t:Mailbox/></t:Resolution>` +
        `<t:Resolution><t:Mailbox><t:Name> </t:Name><t:EmailAddress>  </t:EmailAddress><t:RoutingType/><t:MailboxType> Mailbox </t:MailboxType></t:Mailbox></t:Resolution>` +
        `<t:Resolution><t:Mailbox><t:Name> Ada </t:Name><t:EmailAddress> a@x.test </t:EmailAddress><t:RoutingType> SMTP </t:RoutingType><t:EmailAddress>b@x.test</t:EmailAddress></t:Mailbox><t:Mailbox><t:Name>second</t:Name></t:Mailbox></t:Resolution>`,
    );
    expect(await both(text, resolve, 4)).toStrictEqual({
      ok: {
        resolutions: [
          { mailbox: { address: '' } },
          { mailbox: { address: '' } },
          { mailbox: { address: '', mailboxType: 'Mailbox' } },
          { mailbox: { address: 'a@x.test', name: 'Ada', routingType: 'SMTP' } },
        ],
        ambiguous: false,
        includesLastItemInRange: true,
      },
    });
  });

  it('contact: empty lists, entries without Key or text, smtp/sip prefixes, blank and repeated fields', async () => {
    const text = resolveAnswer(
      `<t:Resolution><t:Contact/></t:Resolution>` +
        `<t:Resolution><t:Mailbox><t:EmailAddress>a@x.test</t:EmailAddress></t:Mailbox><t:Contact><t:DisplayName> Ada L </t:DisplayName><t:DisplayName>second</t:DisplayName>` +
        `<t:GivenName/><t:Surname> </t:Surname><t:JobTitle>Eng</t:JobTitle><t:CompanyName>Co</t:CompanyName><t:Department>D</t:Department><t:OfficeLocation>12</t:OfficeLocation>` +
        `<t:EmailAddresses><t:Entry Key="EmailAddress1">SMTP:a@x.test</t:Entry><t:Entry Key="EmailAddress2"> </t:Entry><t:Entry>sip:b@x.test</t:Entry><t:Entry Key="EmailAddress3"/></t:EmailAddresses>` +
        `<t:PhoneNumbers><t:Entry Key="BusinessPhone"> +1 </t:Entry><t:Entry>+2</t:Entry><t:Entry Key="MobilePhone"/><t:Entry Key="HomePhone2">+3<t:x/></t:Entry><t:Entry Key="Pager">+4</t:Entry><t:Entry Key="HomePhone">+5</t:Entry></t:PhoneNumbers>` +
        `<t:ImAddresses><t:Entry Key="ImAddress1"> sip:a@x.test </t:Entry><t:Entry Key="ImAddress2"/></t:ImAddresses></t:Contact></t:Resolution>`,
    );
    expect(await both(text, resolve, 2)).toStrictEqual({
      ok: {
        resolutions: [
          { mailbox: { address: '' }, contact: { emails: [], imAddresses: [], phones: [] } },
          {
            mailbox: { address: 'a@x.test' },
            contact: {
              emails: ['a@x.test', 'b@x.test'],
              imAddresses: ['sip:a@x.test'],
              phones: [
                { number: '+1', type: 'Business' },
                { number: '+5', type: 'Home' },
              ],
              displayName: 'Ada L',
              title: 'Eng',
              department: 'D',
              company: 'Co',
              office: '12',
            },
          },
        ],
        ambiguous: false,
        includesLastItemInRange: true,
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Personas and IM groups (fast/persona.ts)

const imAnswer = (groups: string, personas: string): string =>
  envelope(
    `<m:GetImItemListResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:ImItemList><t:Groups>${groups}</t:Groups><t:Personas>${personas}</t:Personas></m:ImItemList></m:GetImItemListResponse>`,
  );
const peopleAnswer = (personas: string, total = ''): string =>
  envelope(
    `<m:FindPeopleResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:People>${personas}</m:People>${total}</m:FindPeopleResponse>`,
  );
const imList = (c: EwsCaller) => getImItemList(c);
const people = (c: EwsCaller) => findPeople(c, 'a');
const barePersona = { id: '', displayName: '', emails: [], phones: [], contactIds: [] };

describe('persona and IM group edges', () => {
  it('an empty persona and an empty group: defaults only', async () => {
    const r = await both(imAnswer('<t:ImGroup/>', '<t:Persona/>'), imList, 2);
    expect(r).toStrictEqual({
      ok: {
        groups: [{ id: '', name: '', type: 'Normal', memberIds: [], memberPersonaIds: [] }],
        personas: [barePersona],
      },
    });
  });

  it('group: padded type and smtp, an empty ChangeKey, member keys without Id', async () => {
    const group =
      `<t:ImGroup><t:DisplayName> Team </t:DisplayName><t:GroupType> Favorites </t:GroupType><t:ExchangeStoreId Id="G1" ChangeKey=""/>` +
      `<t:MemberCorrelationKey><t:ItemId Id="C1"/><t:ItemId/><t:ItemId Id=""/><t:Other Id="P9"/></t:MemberCorrelationKey><t:SmtpAddress> </t:SmtpAddress></t:ImGroup>` +
      `<t:ImGroup><t:GroupType> </t:GroupType><t:ExchangeStoreId Id="G2" ChangeKey="K"/><t:SmtpAddress> dl@x.test </t:SmtpAddress></t:ImGroup>`;
    const persona = `<t:Persona><t:PersonaId Id="P1"/><t:DisplayName>Ann</t:DisplayName><t:Attributions><t:Attribution><t:SourceId Id="C1"/></t:Attribution></t:Attributions></t:Persona>`;
    expect(await both(imAnswer(group, persona), imList, 3)).toStrictEqual({
      ok: {
        groups: [
          { id: 'G1', name: 'Team', type: 'Favorites', memberIds: ['C1', 'P9'], memberPersonaIds: ['P1'] },
          {
            id: 'G2',
            name: '',
            type: 'Normal',
            memberIds: [],
            memberPersonaIds: [],
            changeKey: 'K',
            smtp: 'dl@x.test',
          },
        ],
        personas: [{ ...barePersona, id: 'P1', displayName: 'Ann', contactIds: ['C1'] }],
      },
    });
  });

  it('names: blank fields fall through to the next, then DisplayNames, then given and surname, then the e-mail', async () => {
    const personas = [
      `<t:Persona><t:DisplayName> </t:DisplayName><t:DisplayNameFirstLast/><t:DisplayNameLastFirst> Last, First </t:DisplayNameLastFirst><t:FileAs>F</t:FileAs></t:Persona>`,
      `<t:Persona><t:DisplayNames><t:StringAttributedValue><t:Value> </t:Value></t:StringAttributedValue><t:StringAttributedValue><t:Value>Named</t:Value></t:StringAttributedValue></t:DisplayNames></t:Persona>`,
      `<t:Persona><t:GivenName> </t:GivenName><t:Surname> Only </t:Surname></t:Persona>`,
      `<t:Persona><t:GivenName>G</t:GivenName><t:Surname>S</t:Surname></t:Persona>`,
      `<t:Persona><t:EmailAddress><t:EmailAddress> e@x.test </t:EmailAddress><t:Name> </t:Name><t:RoutingType/></t:EmailAddress></t:Persona>`,
    ].join('');
    expect(
      await both(
        peopleAnswer(personas, '<m:TotalNumberOfPeopleInView> 5 </m:TotalNumberOfPeopleInView>'),
        people,
        5,
      ),
    ).toStrictEqual({
      ok: {
        personas: [
          { ...barePersona, displayName: 'Last, First' },
          { ...barePersona, displayName: 'Named' },
          { ...barePersona, displayName: 'Only' },
          { ...barePersona, displayName: 'G S' },
          { ...barePersona, displayName: 'e@x.test', emails: [{ address: 'e@x.test' }] },
        ],
        total: 5,
      },
    });
  });

  it('e-mails: duplicates by case dropped, entries without an address skipped, Emails1..3 values read', async () => {
    const persona =
      `<t:Persona><t:EmailAddress><t:EmailAddress>A@x.test</t:EmailAddress><t:Name>Ann</t:Name><t:RoutingType> SMTP </t:RoutingType></t:EmailAddress>` +
      `<t:EmailAddresses><t:Address><t:EmailAddress>a@X.test</t:EmailAddress></t:Address><t:Address><t:Name>no address</t:Name></t:Address><t:Address><t:EmailAddress>b@x.test</t:EmailAddress></t:Address></t:EmailAddresses>` +
      `<t:Emails2><t:EmailAddressAttributedValue><t:Value><t:EmailAddress>c@x.test</t:EmailAddress></t:Value><t:Value><t:EmailAddress>skip@x.test</t:EmailAddress></t:Value></t:EmailAddressAttributedValue>` +
      `<t:EmailAddressAttributedValue/></t:Emails2><t:Emails1><t:V><t:Value><t:EmailAddress>B@x.test</t:EmailAddress></t:Value></t:V></t:Emails1></t:Persona>`;
    expect(await both(peopleAnswer(persona), people, 1)).toStrictEqual({
      ok: {
        personas: [
          {
            ...barePersona,
            displayName: 'A@x.test',
            emails: [
              { address: 'A@x.test', name: 'Ann', routingType: 'SMTP' },
              { address: 'b@x.test' },
              { address: 'c@x.test' },
            ],
          },
        ],
      },
    });
  });

  it('phones: list kinds, a Type overriding the kind, PhoneNumbers entries by Key or Type, the single PhoneNumber, duplicates dropped', async () => {
    const value = (number: string, type = ''): string =>
      `<t:PhoneNumberAttributedValue><t:Value><t:Number>${number}</t:Number>${type}</t:Value></t:PhoneNumberAttributedValue>`;
    const persona =
      `<t:Persona><t:PhoneNumber><t:Number> +9 </t:Number></t:PhoneNumber>` +
      `<t:PhoneNumbers><t:Entry Key="Fax">+7</t:Entry><t:PhoneNumber><t:Number>+8</t:Number><t:Type> Car </t:Type></t:PhoneNumber><t:Entry> </t:Entry><t:Entry>+6</t:Entry></t:PhoneNumbers>` +
      `<t:MobilePhones>${value(' +2 ')}${value('+1')}</t:MobilePhones>` +
      `<t:BusinessPhoneNumbers>${value('+1', '<t:Type> </t:Type>')}${value(' ')}<t:PhoneNumberAttributedValue/></t:BusinessPhoneNumbers>` +
      `<t:Pagers>${value('+3', '<t:Type>Beeper</t:Type>')}</t:Pagers></t:Persona>`;
    expect(await both(peopleAnswer(persona), people, 1)).toStrictEqual({
      ok: {
        personas: [
          {
            ...barePersona,
            phones: [
              { number: '+1', type: 'Business' },
              { number: '+2', type: 'Mobile' },
              { number: '+3', type: 'Beeper' },
              { number: '+7', type: 'Fax' },
              { number: '+8', type: 'Car' },
              { number: '+6', type: 'OtherTelephone' },
              { number: '+9', type: 'Business' },
            ],
          },
        ],
      },
    });
  });

  it('valued fields: the single form first, else the first clean attributed value; attributions without Id skipped', async () => {
    const persona =
      `<t:Persona><t:PersonaId Id="P1"/><t:PersonaId Id="P2"/><t:Title> </t:Title><t:Titles><t:V><t:Value/></t:V><t:V> Boss </t:V><t:V>Later</t:V></t:Titles>` +
      `<t:Department>Dept</t:Department><t:Departments><t:V><t:Value>Other</t:Value></t:V></t:Departments>` +
      `<t:CompanyNames><t:V><t:Value> Co </t:Value></t:V></t:CompanyNames><t:OfficeLocations/><t:ImAddresses><t:V><t:Value>sip:a@x.test</t:Value></t:V></t:ImAddresses>` +
      `<t:Attributions><t:Attribution><t:SourceId/></t:Attribution><t:Attribution><t:SourceId Id=""/></t:Attribution><t:Attribution><t:SourceId Id="S2"/><t:SourceId Id="S3"/></t:Attribution><t:Attribution/></t:Attributions></t:Persona>`;
    expect(await both(peopleAnswer(persona), people, 1)).toStrictEqual({
      ok: {
        personas: [
          {
            ...barePersona,
            id: 'P1',
            contactIds: ['S2'],
            imAddress: 'sip:a@x.test',
            title: 'Boss',
            department: 'Dept',
            company: 'Co',
          },
        ],
      },
    });
  });
});
