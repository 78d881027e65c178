/**
 * The fast readers (main/exchange/fast/) against the reference path (the generic tree and the
 * operations' tree readers): every hot operation run twice on the same bytes, once through a
 * caller that hands the fast readers to the SOAP reader as the real caller does and once through
 * one that builds the whole tree, must give identical typed results (key order included) — on the
 * recorded fixtures, on large answers from the built-in Exchange, and on answers written to
 * trip a hand-written reader. Bad input must fail the same way through both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EwsCaller } from '../../../../../main/exchange/caller';
import { getUserAvailability } from '../../../../../main/exchange/operations/availability';
import { findCalendarView, getCalendarItems } from '../../../../../main/exchange/operations/calendar';
import { findPeople, resolveNames } from '../../../../../main/exchange/operations/directory';
import { getImItemList } from '../../../../../main/exchange/operations/imList';
import { recordHotResponses, type HotResponses } from '../../../../bench/hot-responses';
import { fixture } from '../fixtures';
import { bothPaths, type Outcome } from './paths';

type Run = (caller: EwsCaller) => Promise<unknown>;

/** Both paths on the same bytes: the same outcome, key order too; how many items the fast one read. */
async function both(text: string, run: Run): Promise<{ reference: Outcome; fastItems: number }> {
  const { reference, fast, used } = await bothPaths(text, run);
  expect(fast).toStrictEqual(reference);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
  expect(used.typedCalls).toBeGreaterThan(0);
  return { reference, fastItems: used.items };
}

const availabilityOf =
  (mailboxes: readonly string[], start = '2026-11-25T00:00:00Z', end = '2026-11-26T00:00:00Z'): Run =>
  (c) =>
    getUserAvailability(c, { mailboxes, start, end });
const calendarView: Run = (c) =>
  findCalendarView(c, { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' });
const getItem: Run = (c) => getCalendarItems(c, [{ id: 'AAMkA1' }]);
const imList: Run = (c) => getImItemList(c);
const people: Run = (c) => findPeople(c, 'a');
const resolve: Run = (c) => resolveNames(c, 'a');

const okCount = (o: Outcome, count: (v: never) => number): number => ('ok' in o ? count(o.ok as never) : -1);

describe('fast readers on the recorded fixtures', () => {
  it('GetUserAvailability: events, merged view, working hours and the per-mailbox error', async () => {
    const r = await both(
      fixture('GetUserAvailability.xml'),
      availabilityOf(['a@x.test', 'b@x.test', 'c@x.test']),
    );
    expect(r.fastItems).toBeGreaterThan(0);
    expect(okCount(r.reference, (v: Array<{ events: unknown[] }>) => v[0]!.events.length)).toBeGreaterThan(0);
  });

  it('GetImItemList: groups, personas and members', async () => {
    const r = await both(fixture('GetImItemList.xml'), imList);
    expect(okCount(r.reference, (v: { personas: unknown[] }) => v.personas.length)).toBeGreaterThan(0);
    expect(r.fastItems).toBeGreaterThan(0);
  });

  it('FindPeople: personas and total', async () => {
    const r = await both(fixture('FindPeople.xml'), people);
    expect(okCount(r.reference, (v: { personas: unknown[] }) => v.personas.length)).toBeGreaterThan(0);
    expect(r.fastItems).toBeGreaterThan(0);
  });

  it('ResolveNames: one, several and no resolutions', async () => {
    for (const name of ['ResolveNames-single.xml', 'ResolveNames-multiple.xml', 'ResolveNames-none.xml']) {
      const r = await both(fixture(name), resolve);
      expect('ok' in r.reference).toBe(true);
      expect(r.fastItems).toBe(okCount(r.reference, (v: { resolutions: unknown[] }) => v.resolutions.length));
    }
  });

  it('ResolveNames: phone keys named like Object properties are unknown keys, not phone types', async () => {
    const hostile = fixture('ResolveNames-single.xml').replace(
      '<t:Entry Key="BusinessFax"/>',
      ['constructor', 'toString', '__proto__', 'hasOwnProperty']
        .map((key) => `<t:Entry Key="${key}">+1 425 555 0199</t:Entry>`)
        .join(''),
    );
    expect(hostile).toContain('Key="constructor"');
    const r = await both(hostile, resolve);
    expect(r.reference).toMatchObject({
      ok: {
        resolutions: [
          {
            contact: {
              phones: [
                { number: '+1 425 555 0110', type: 'Business' },
                { number: '+1 425 555 0111', type: 'Mobile' },
              ],
            },
          },
        ],
      },
    });
  });

  it('every answer the hot operations can get from the fixtures folder: the same result or the same error', async () => {
    const dir = join(import.meta.dirname, '../../../../fixtures/ews');
    const names = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const run of [availabilityOf(['a@x.test']), calendarView, getItem, imList, people, resolve])
        await both(text, run);
    }
  });
});

describe('fast readers on large answers from the built-in Exchange', () => {
  let hot: HotResponses;
  beforeAll(async () => {
    hot = await recordHotResponses();
  }, 120_000);

  it('GetUserAvailability, 100 mailboxes over six weeks', async () => {
    const a = hot.availability;
    const r = await both(a.text, availabilityOf(a.request.mailboxes, a.request.start, a.request.end));
    const events = okCount(r.reference, (v: Array<{ events: unknown[] }>) =>
      v.reduce((n, m) => n + m.events.length, 0),
    );
    expect(events).toBeGreaterThan(1000);
    // One free/busy view per mailbox, its events, merged string and working hours read fast.
    expect(r.fastItems).toBe(a.request.mailboxes.length);
    const hours = okCount(r.reference, (v: Array<{ workingHours?: unknown }>) =>
      v.reduce((n, m) => n + (m.workingHours ? 1 : 0), 0),
    );
    expect(hours).toBe(a.request.mailboxes.length);
  });

  it('FindItem CalendarView, a full page of 1,000 items', async () => {
    const r = await both(hot.calendarView.text, calendarView);
    expect(okCount(r.reference, (v: { items: unknown[] }) => v.items.length)).toBe(1000);
    expect(r.fastItems).toBe(1000);
  });

  it('GetItem, 50 items with bodies and attendees', async () => {
    const r = await both(hot.getItem.text, (c) => getCalendarItems(c, hot.getItem.ids));
    expect(okCount(r.reference, (v: unknown[]) => v.length)).toBe(50);
    expect(r.fastItems).toBe(50);
  });

  it('GetImItemList, ~1,000 personas in groups', async () => {
    const r = await both(hot.imItemList.text, imList);
    expect(okCount(r.reference, (v: { personas: unknown[] }) => v.personas.length)).toBeGreaterThan(900);
  });

  it('ResolveNames with full contact data', async () => {
    const r = await both(hot.resolveNames.text, resolve);
    expect(okCount(r.reference, (v: { resolutions: unknown[] }) => v.resolutions.length)).toBeGreaterThan(10);
  });

  it('FindPeople, a directory page', async () => {
    const r = await both(hot.findPeople.text, people);
    expect(okCount(r.reference, (v: { personas: unknown[] }) => v.personas.length)).toBeGreaterThan(50);
  });
});

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;

describe('fast readers on answers written to trip a hand-written reader', () => {
  // Second copies of an element (the first wins), text beside child elements (dropped), CDATA and
  // entities, prefixed and namespace attributes, unknown elements with look-alike children,
  // whitespace, empty elements, odd timestamps (30 February, offsets, none).
  const item = (extra: string): string =>
    `<t:CalendarItem><t:ItemId x:Id="p" Id="AAMk&amp;1" xmlns:x="urn:x" ChangeKey=""/><t:ItemId Id="second"/>` +
    `<t:Subject> <![CDATA[Plan <b>]]> &amp; review </t:Subject><t:Subject>second</t:Subject>` +
    `<t:Start>2026-02-30T09:00:00</t:Start><t:End> 2026-11-25T10:00:00+01:00 </t:End>` +
    `<t:IsAllDayEvent>true<t:x/></t:IsAllDayEvent><t:Location>  </t:Location>` +
    `<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress> a@x.test </t:EmailAddress><t:EmailAddress>no</t:EmailAddress></t:Mailbox>` +
    `<t:Mailbox><t:Name>second</t:Name></t:Mailbox><t:ResponseType>Accept</t:ResponseType></t:Attendee><t:Other><t:Mailbox/></t:Other><t:Attendee/></t:RequiredAttendees>` +
    `<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>ignored@x.test</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>` +
    `<t:Organizer><t:Mailbox><t:Name>Org</t:Name></t:Mailbox></t:Organizer><t:IsMeeting> true </t:IsMeeting><t:IsCancelled/>` +
    `<t:Wrapper><t:Subject>nested</t:Subject></t:Wrapper>${extra}</t:CalendarItem>`;

  it('FindItem', async () => {
    const text = envelope(
      `<m:FindItemResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
        `<m:RootFolder IncludesLastItemInRange="false"><t:Items>${item('<t:Body>b&lt;p&gt;</t:Body>')}<t:Message/>${item('')}<t:CalendarItem/></t:Items></m:RootFolder>` +
        `</m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>`,
    );
    const r = await both(text, calendarView);
    expect(okCount(r.reference, (v: { items: unknown[] }) => v.items.length)).toBe(3);
  });

  it('FindItem and GetItem: my answer, the online meeting and a series (its rare parts read as a tree)', async () => {
    const series =
      `<t:MyResponseType> Accept </t:MyResponseType><t:MyResponseType>Decline</t:MyResponseType><t:IsOnlineMeeting> true </t:IsOnlineMeeting>` +
      `<t:JoinOnlineMeetingUrl> https://meet.x.test/a?b=1&amp;c=2 </t:JoinOnlineMeetingUrl><t:CalendarItemType> RecurringMaster </t:CalendarItemType>` +
      `<t:IsRecurring>true</t:IsRecurring><t:RecurrenceId>2026-11-25T09:00:00Z</t:RecurrenceId>` +
      `<t:Recurrence><t:Other/><t:WeeklyRecurrence p:x="1" xmlns:p="urn:p"><t:Interval> 2 </t:Interval><t:DaysOfWeek>Monday  Friday</t:DaysOfWeek>text<t:FirstDayOfWeek>Sunday</t:FirstDayOfWeek></t:WeeklyRecurrence>` +
      `<t:NumberedRecurrence><t:StartDate>2026-11-02+01:00</t:StartDate><t:NumberOfOccurrences>10</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>` +
      `<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence></t:Recurrence>` +
      `<t:FirstOccurrence><t:ItemId x:Id="o1" xmlns:x="urn:x" ChangeKey="k"/><t:Start>2026-11-02T09:00:00</t:Start><t:End>2026-11-02T10:00:00Z</t:End><t:OriginalStart> 2026-11-02T09:00:00Z</t:OriginalStart></t:FirstOccurrence>` +
      `<t:LastOccurrence/><t:ModifiedOccurrences><t:Occurrence><t:ItemId Id="m1"/><t:Start>2026-11-09T11:00:00Z</t:Start></t:Occurrence><t:Other/><t:Occurrence/></t:ModifiedOccurrences>` +
      `<t:DeletedOccurrences><t:DeletedOccurrence><t:Start>2026-11-16T09:00:00Z</t:Start></t:DeletedOccurrence><t:DeletedOccurrence><![CDATA[x]]></t:DeletedOccurrence></t:DeletedOccurrences>`;
    const occurrence =
      `<t:CalendarItemType>Occurrence</t:CalendarItemType><t:IsRecurring> false</t:IsRecurring><t:IsOnlineMeeting/><t:JoinOnlineMeetingUrl> </t:JoinOnlineMeetingUrl>` +
      `<t:OriginalStart/><t:RecurrenceId>2026-11-25T09:00:00Z</t:RecurrenceId><t:ModifiedOccurrences/><t:Recurrence><t:WeeklyRecurrence/></t:Recurrence>`;
    const items = `${item(series)}${item(occurrence)}${item('<t:MyResponseType> </t:MyResponseType><t:OriginalStart>2026-02-30T09:00:00</t:OriginalStart>')}`;
    const find = envelope(
      `<m:FindItemResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
        `<m:RootFolder><t:Items>${items}</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>`,
    );
    const r = await both(find, calendarView);
    expect(r.fastItems).toBe(3);
    const first = 'ok' in r.reference ? (r.reference.ok as { items: unknown[] }).items[0] : undefined;
    expect(first).toMatchObject({
      myResponse: 'Accept',
      itemType: 'RecurringMaster',
      recurrence: { range: { count: 10 } },
    });
    const get = (inner: string): string =>
      envelope(
        `<m:GetItemResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
          `<m:Items>${inner}</m:Items></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>`,
      );
    expect((await both(get(item(series)), getItem)).fastItems).toBe(1);
    // An unknown kind of item is refused the same way, when the item is read.
    const unknown = await both(get(item('<t:CalendarItemType>Sometimes</t:CalendarItemType>')), getItem);
    expect(unknown.reference).toMatchObject({ error: { kind: 'server', code: 'ErrorSchemaValidation' } });
    const later = find.replace('<t:CalendarItemType> RecurringMaster', '<t:CalendarItemType>Sometimes');
    expect((await both(later, calendarView)).reference).toMatchObject({
      error: { code: 'ErrorSchemaValidation' },
    });
  });

  it('GetImItemList and FindPeople: name fallbacks, every phone list and e-mails from Emails1-3, de-duplicated', async () => {
    const persona = (inner: string): string => `<t:Persona><t:PersonaId Id="P"/>${inner}</t:Persona>`;
    const phones =
      `<t:OtherTelephones><t:V><t:Value><t:Number>+1 555</t:Number></t:Value></t:V></t:OtherTelephones>` +
      `<t:PhoneNumbers><t:PhoneNumber><t:Number> +2 </t:Number><t:Type>Mobile</t:Type></t:PhoneNumber><t:Entry Key="HomePhone">+3</t:Entry><t:Entry>+4</t:Entry>` +
      `<t:Entry p:Key="Pager" xmlns:p="urn:p"><t:Number/>+5</t:Entry><t:Entry Key="">+6</t:Entry><t:Entry Key="Car">+1 555</t:Entry><t:Entry Key="x"><t:y/>+7</t:Entry></t:PhoneNumbers>` +
      `<t:PhoneNumber><t:Number>+3</t:Number></t:PhoneNumber><t:Pagers><t:V><t:Value><t:Number>+8</t:Number><t:Type> </t:Type></t:Value></t:V></t:Pagers>` +
      `<t:BusinessPhoneNumbers2><t:V><t:Value><t:Number>+9</t:Number></t:Value><t:Value><t:Number>+10</t:Number></t:Value></t:V><t:V/></t:BusinessPhoneNumbers2>`;
    const emails =
      `<t:Emails2><t:V><t:Value><t:EmailAddress>two@x.test</t:EmailAddress><t:Name> Two </t:Name></t:Value></t:V><t:V/></t:Emails2>` +
      `<t:Emails1><t:V><t:Value><t:EmailAddress>ONE@x.test</t:EmailAddress></t:Value><t:Value><t:EmailAddress>no@x.test</t:EmailAddress></t:Value></t:V>` +
      `<t:V><t:EmailAddress>bare@x.test</t:EmailAddress></t:V><t:V><t:Value><t:EmailAddress>two@X.test</t:EmailAddress></t:Value></t:V></t:Emails1>` +
      `<t:EmailAddresses><t:Address><t:EmailAddress>one@x.test</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Address></t:EmailAddresses>`;
    const personas = [
      persona(
        `<t:FileAs>File, As</t:FileAs><t:DisplayNameLastFirst> </t:DisplayNameLastFirst><t:DisplayNameFirstLast>First Last</t:DisplayNameFirstLast>${phones}${emails}`,
      ),
      persona(
        `<t:DisplayName> </t:DisplayName><t:FileAs>File&#9;As</t:FileAs><t:DisplayNames><t:V><t:Value>Ignored</t:Value></t:V></t:DisplayNames>`,
      ),
      persona(
        `<t:DisplayNames><t:V><t:Value> </t:Value></t:V><t:V>Plain&#x200B;</t:V><t:V><t:Value>Later</t:Value></t:V></t:DisplayNames><t:Surname>S</t:Surname>`,
      ),
      persona(`<t:DisplayNames>Own text</t:DisplayNames>`),
      persona(`<t:Surname> Surname </t:Surname><t:GivenName>Given</t:GivenName>${emails}`),
      persona(`<t:Surname>Only</t:Surname><t:GivenName> </t:GivenName>`),
      persona(`<t:GivenName/>${emails}`),
      persona(phones),
    ].join('');
    const im = envelope(
      `<m:GetImItemListResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode>` +
        `<m:ImItemList><t:Groups/><t:Personas>${personas}</t:Personas></m:ImItemList></m:GetImItemListResponse>`,
    );
    const r = await both(im, imList);
    expect(r.fastItems).toBe(8);
    const firstName =
      'ok' in r.reference
        ? (r.reference.ok as { personas: Array<{ displayName: string }> }).personas[0]
        : undefined;
    expect(firstName?.displayName).toBe('First Last');
    const fp = envelope(
      `<m:FindPeopleResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode>` +
        `<m:People>${personas}</m:People></m:FindPeopleResponse>`,
    );
    expect((await both(fp, people)).fastItems).toBe(8);
  });

  it('GetUserAvailability', async () => {
    const event = (extra: string): string =>
      `<t:CalendarEvent><t:StartTime>2026-11-25T09:00:00Z</t:StartTime><t:StartTime>x</t:StartTime><t:EndTime>2028-02-29T23:59:59.5</t:EndTime>` +
      `<t:BusyType> </t:BusyType><t:CalendarEventDetails><t:Subject>a<![CDATA[b]]></t:Subject><t:IsPrivate>false</t:IsPrivate></t:CalendarEventDetails>` +
      `<t:CalendarEventDetails><t:Location>second</t:Location></t:CalendarEventDetails>${extra}</t:CalendarEvent>`;
    const text = envelope(
      `<m:GetUserAvailabilityResponse xmlns:m="${M}" xmlns:t="${T}"><m:FreeBusyResponseArray><m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"/>` +
        `<m:FreeBusyView><t:MergedFreeBusy>012</t:MergedFreeBusy><t:CalendarEventArray>${event('')}<t:CalendarEvent/>${event('<t:BusyType>Free</t:BusyType>')}</t:CalendarEventArray></m:FreeBusyView>` +
        `</m:FreeBusyResponse></m:FreeBusyResponseArray></m:GetUserAvailabilityResponse>`,
    );
    const r = await both(text, availabilityOf(['a@x.test', 'b@x.test']));
    expect(r.fastItems).toBe(1);
    expect(okCount(r.reference, (v: Array<{ events: unknown[] }>) => v[0]!.events.length)).toBe(3);
  });

  it('GetUserAvailability: working hours, time zone rules and the merged string, odd shapes included', async () => {
    const rule = (name: string, inner: string): string => `<t:${name}>${inner}</t:${name}>`;
    const usual = `<t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek>`;
    const period = (days: string, start = '480', end = '1020'): string =>
      `<t:WorkingPeriod><t:DayOfWeek>${days}</t:DayOfWeek><t:StartTimeInMinutes>${start}</t:StartTimeInMinutes><t:EndTimeInMinutes>${end}</t:EndTimeInMinutes></t:WorkingPeriod>`;
    const views = [
      // The usual view, Year given, an event after the hours.
      `<t:FreeBusyViewType>DetailedMerged</t:FreeBusyViewType><t:MergedFreeBusy> 0120 </t:MergedFreeBusy><t:WorkingHours><t:TimeZone><t:Bias>-60</t:Bias>` +
        `${rule('StandardTime', `${usual}<t:Year>2026</t:Year>`)}${rule('DaylightTime', '<t:Bias>-60</t:Bias><t:Time>2:30</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek> Sunday </t:DayOfWeek>')}</t:TimeZone>` +
        `<t:WorkingPeriodArray>${period('Monday  Tuesday\nFriday')}${period('Saturday')}</t:WorkingPeriodArray></t:WorkingHours>` +
        `<t:CalendarEventArray><t:CalendarEvent><t:StartTime>2026-11-25T09:00:00</t:StartTime><t:EndTime>2026-11-25T09:30:00.250Z</t:EndTime><t:BusyType>OOF</t:BusyType></t:CalendarEvent></t:CalendarEventArray>`,
      // No TimeZone; a second WorkingHours, TimeZone and rule (the first wins); odd numbers and names.
      `<t:WorkingHours><t:WorkingPeriodArray>${period(' ', 'x', ' 60 ')}</t:WorkingPeriodArray></t:WorkingHours>` +
        `<t:WorkingHours><t:TimeZone><t:Bias>5</t:Bias></t:TimeZone><t:WorkingPeriodArray>${period('Sunday')}</t:WorkingPeriodArray></t:WorkingHours>`,
      `<t:WorkingHours><t:TimeZone><t:Bias> 300 </t:Bias>${rule('DaylightTime', '<t:Bias>x</t:Bias><t:Time>25</t:Time><t:DayOfWeek>Funday</t:DayOfWeek><t:Year> </t:Year>')}` +
        `${rule('DaylightTime', usual)}<t:StandardTime/></t:TimeZone><t:TimeZone><t:Bias>1</t:Bias></t:TimeZone>` +
        `<t:WorkingPeriodArray><t:Other>${period('Monday')}</t:Other>${period('Tuesday')}</t:WorkingPeriodArray></t:WorkingHours>`,
      // A working period outside its array (not the schema's place: no working hours), a leaf
      // with a child element (its text is ''), text and CDATA beside elements, entities.
      `<t:MergedFreeBusy>0<![CDATA[1]]>2&#50;</t:MergedFreeBusy><t:MergedFreeBusy>9</t:MergedFreeBusy><t:WorkingHours>${period('Monday')}<t:TimeZone>${rule('StandardTime', usual)}</t:TimeZone></t:WorkingHours>`,
      `<t:MergedFreeBusy>01<t:x/>2</t:MergedFreeBusy><t:WorkingHours>text<t:TimeZone><t:Bias>60<t:x/></t:Bias>${rule('StandardTime', '<t:Time>01:00<t:x/></t:Time><t:Month>4</t:Month>')}</t:TimeZone>` +
        `<t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>Monday<t:x/></t:DayOfWeek><t:DayOfWeek>Tuesday</t:DayOfWeek></t:WorkingPeriod></t:WorkingPeriodArray></t:WorkingHours>`,
      // Events: a second array (ignored), one outside any array, one nested in another.
      `<t:CalendarEvent><t:StartTime>2026-11-25T01:00:00</t:StartTime></t:CalendarEvent><t:CalendarEventArray><t:CalendarEvent><t:StartTime>2026-11-25T02:00:00</t:StartTime>` +
        `<t:CalendarEvent><t:StartTime>2026-11-25T03:00:00</t:StartTime></t:CalendarEvent></t:CalendarEvent><t:Other/><t:CalendarEvent><t:BusyType>Free</t:BusyType></t:CalendarEvent></t:CalendarEventArray>` +
        `<t:CalendarEventArray><t:CalendarEvent><t:StartTime>2026-11-25T04:00:00</t:StartTime></t:CalendarEvent></t:CalendarEventArray>`,
      // Empty.
      '',
    ];
    const responses = views
      .map(
        (v, i) =>
          `<m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>` +
          (i === views.length - 1
            ? '<m:FreeBusyView/>'
            : `<m:FreeBusyView>${v}</m:FreeBusyView><m:FreeBusyView><t:MergedFreeBusy>4</t:MergedFreeBusy></m:FreeBusyView>`) +
          `</m:FreeBusyResponse>`,
      )
      .join('');
    const text = envelope(
      `<m:GetUserAvailabilityResponse xmlns:m="${M}" xmlns:t="${T}"><m:FreeBusyResponseArray>${responses}` +
        `<m:FreeBusyResponse><m:ResponseMessage ResponseClass="Error"><m:ResponseCode>ErrorMailRecipientNotFound</m:ResponseCode></m:ResponseMessage><m:FreeBusyView><t:MergedFreeBusy>1</t:MergedFreeBusy></m:FreeBusyView></m:FreeBusyResponse>` +
        `<m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"/></m:FreeBusyResponse>` +
        `</m:FreeBusyResponseArray></m:GetUserAvailabilityResponse>`,
    );
    const mailboxes = [...views.keys(), 'error', 'no view', 'missing'].map((i) => `m${i}@x.test`);
    const r = await both(text, availabilityOf(mailboxes));
    expect(r.fastItems).toBe(views.length * 2);
    const got = 'ok' in r.reference ? (r.reference.ok as Array<Record<string, unknown>>) : [];
    expect(got.map((m) => ('workingHours' in m ? 1 : 0))).toEqual([1, 1, 1, 0, 1, 0, 0, 0, 0, 0]);
    expect(got[0]).toMatchObject({
      merged: '0120',
      workingHours: {
        biasMinutes: -60,
        days: ['Monday', 'Tuesday', 'Friday'],
        timeZone: { standard: { year: 2026, timeMinutes: 180 }, daylight: { timeMinutes: 150 } },
      },
    });
    expect(got[5]).toMatchObject({ events: [{}, {}] });
  });

  it('GetImItemList and FindPeople personas', async () => {
    const persona =
      `<t:Persona><t:PersonaId Id="P1"/><t:PersonaId Id="P2"/><t:DisplayName> </t:DisplayName>` +
      `<t:EmailAddress><t:EmailAddress> A@x.test</t:EmailAddress><t:Name>A&#x202E;gnp</t:Name></t:EmailAddress>` +
      `<t:EmailAddresses><t:EmailAddress><t:EmailAddress>a@X.test</t:EmailAddress></t:EmailAddress><t:Other><t:EmailAddress>b@x.test</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Other><t:EmailAddress/></t:EmailAddresses>` +
      `<t:MobilePhones><t:PhoneNumberAttributedValue><t:Value><t:Number>+1 2</t:Number></t:Value></t:PhoneNumberAttributedValue></t:MobilePhones>` +
      `<t:BusinessPhoneNumbers><t:X><t:Value><t:Number> </t:Number></t:Value></t:X><t:X><t:Value><t:Number>+3</t:Number><t:Type>Work</t:Type></t:Value><t:Value><t:Number>+4</t:Number></t:Value></t:X></t:BusinessPhoneNumbers>` +
      `<t:PhoneNumber><t:Number>+5</t:Number></t:PhoneNumber>` +
      `<t:Title>  </t:Title><t:Titles><t:StringAttributedValue><t:Value> </t:Value></t:StringAttributedValue><t:V>plain</t:V><t:V>later</t:V></t:Titles>` +
      `<t:Departments><t:A><t:Value/>text</t:A><t:A>Sales<t:x/></t:A><t:A><t:Value>Eng</t:Value></t:A></t:Departments>` +
      `<t:ImAddress>sip:a@x.test</t:ImAddress><t:ImAddresses><t:V>sip:b@x.test</t:V></t:ImAddresses>` +
      `<t:Attributions><t:Attribution><t:SourceId Id="C1"/><t:SourceId Id="C2"/></t:Attribution><t:Attribution><t:SourceId x:Id="C3" xmlns:x="urn:x"/></t:Attribution><t:Attribution/></t:Attributions>` +
      `</t:Persona>`;
    const bare = `<t:Persona><t:EmailAddresses><t:EmailAddress><t:EmailAddress>only@x.test</t:EmailAddress></t:EmailAddress></t:EmailAddresses><t:PhoneNumber><t:Number>+6</t:Number><t:Type>Home</t:Type></t:PhoneNumber></t:Persona>`;
    const group =
      `<t:ImGroup><t:DisplayName>Team&#9;A</t:DisplayName><t:GroupType> </t:GroupType><t:ExchangeStoreId Id="G1" ChangeKey="K"/>` +
      `<t:MemberCorrelationKey><t:ItemId Id="C1"/><t:ItemId Id=""/><t:Other Id="P2"/></t:MemberCorrelationKey><t:MemberCorrelationKey><t:ItemId Id="ignored"/></t:MemberCorrelationKey>` +
      `<t:SmtpAddress> dl@x.test </t:SmtpAddress></t:ImGroup>`;
    const im = envelope(
      `<m:GetImItemListResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode>` +
        `<m:ImItemList><t:Groups>${group}<t:ImGroup/></t:Groups><t:Personas>${persona}${bare}${persona}</t:Personas></m:ImItemList></m:GetImItemListResponse>`,
    );
    const im1 = await both(im, imList);
    expect(im1.fastItems).toBe(5);
    const fp = envelope(
      `<m:FindPeopleResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode>` +
        `<m:People>${persona}${bare}</m:People><m:TotalNumberOfPeopleInView>2</m:TotalNumberOfPeopleInView></m:FindPeopleResponse>`,
    );
    const fp1 = await both(fp, people);
    expect(fp1.fastItems).toBe(2);
  });

  it('ResolveNames', async () => {
    const resolution =
      `<t:Resolution><t:Mailbox><t:Name> A&#x200B;da </t:Name><t:EmailAddress> a@x.test </t:EmailAddress><t:EmailAddress>b</t:EmailAddress><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>` +
      `<t:Contact><t:DisplayName>Ada</t:DisplayName><t:DisplayName>second</t:DisplayName><t:JobTitle> </t:JobTitle>` +
      `<t:EmailAddresses><t:Entry Key="EmailAddress1">SMTP:a@x.test</t:Entry><t:Entry>sip:b@x.test</t:Entry><t:Entry Key="x"> </t:Entry><t:Other p:Key="y" xmlns:p="urn:p">c@x.test<t:x/></t:Other></t:EmailAddresses>` +
      `<t:PhoneNumbers><t:Entry Key="MobilePhone">+1</t:Entry><t:Entry Key="Pager">+2</t:Entry><t:Entry Key="BusinessPhone2"> +3 </t:Entry></t:PhoneNumbers>` +
      `<t:ImAddresses><t:Entry Key="ImAddress1">sip:a@x.test</t:Entry></t:ImAddresses></t:Contact></t:Resolution>`;
    const text = envelope(
      `<m:ResolveNamesResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:ResolveNamesResponseMessage ResponseClass="Warning"><m:ResponseCode>ErrorNameResolutionMultipleResults</m:ResponseCode>` +
        `<m:ResolutionSet IncludesLastItemInRange="false">${resolution}<t:Resolution/><t:Other/>${resolution}</m:ResolutionSet></m:ResolveNamesResponseMessage></m:ResponseMessages></m:ResolveNamesResponse>`,
    );
    const r = await both(text, resolve);
    expect(r.fastItems).toBe(3);
  });
});

describe('bad input through the fast readers', () => {
  it('every file of the bad-input corpus fails (or reads) exactly as through the tree', async () => {
    const dir = join(import.meta.dirname, '../../../../fixtures/bad');
    const names = readdirSync(dir).filter((f) => f.endsWith('.xml') || f.endsWith('.html'));
    expect(names.length).toBeGreaterThan(5);
    const bad = [
      ...names.map((n) => readFileSync(join(dir, n), 'utf8')),
      fixture('billion-laughs.xml'),
      fixture('malformed.xml'),
    ];
    let errors = 0;
    for (const text of bad)
      for (const run of [availabilityOf(['a@x.test']), calendarView, getItem, imList, people, resolve]) {
        const r = await both(text, run);
        if ('error' in r.reference) errors++;
      }
    expect(errors).toBeGreaterThan(bad.length * 3);
  });

  it('a DTD, an entity bomb and a truncated item inside a fast-read element are refused', async () => {
    const items = (inner: string): string =>
      `<m:FindItemResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">` +
      `<m:RootFolder><t:Items>${inner}</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>`;
    const cases = [
      `<!DOCTYPE x [<!ENTITY a "aaaa">]>${envelope(items('<t:CalendarItem><t:Subject>&a;</t:Subject></t:CalendarItem>'))}`,
      envelope(items('<t:CalendarItem><t:Subject>&unknown;</t:Subject></t:CalendarItem>')),
      envelope(items('<t:CalendarItem><t:Subject>cut')),
      envelope(items(`<t:CalendarItem>${'<t:x>'.repeat(250)}${'</t:x>'.repeat(250)}</t:CalendarItem>`)),
      envelope(items('<t:CalendarItem><t:Subject>a</t:Start></t:CalendarItem>')),
    ];
    for (const text of cases) {
      const r = await both(text, calendarView);
      expect(r.reference).toMatchObject({ error: { kind: 'server', code: 'MalformedResponse' } });
    }
  });
});
