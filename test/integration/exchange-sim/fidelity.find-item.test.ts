/**
 * Fidelity: FindItem on the calendar without a CalendarView and on the contacts folders (paging,
 * restrictions, sort), AdditionalProperties on items (FieldURI, IndexedFieldURI, ExtendedFieldURI)
 * and CreateItem of a recurring series, driven by ews-javascript-api (a port of Microsoft's EWS
 * Managed API) where it has the call, and by request XML shaped like Microsoft's documentation
 * examples otherwise (fractional paging, MAPI tags by hand, recurrence patterns and errors), the
 * answers checked by structure. The seeded org: seed 1, 40 people, epoch Wednesday 2026-11-25.
 */
import { describe, expect, it } from 'vitest';
import {
  Appointment,
  AppointmentSchema,
  AppointmentType,
  AttendeeInfo,
  AvailabilityData,
  AvailabilityOptions,
  BasePropertySet,
  CalendarView,
  ComparisonMode,
  Contact,
  ContactSchema,
  ContainmentMode,
  DateTime,
  DayOfTheWeek,
  DefaultExtendedPropertySet,
  EmailAddressKey,
  ExchangeService,
  ExchangeVersion,
  ExtendedPropertyDefinition,
  Folder,
  FreeBusyViewType,
  type Item,
  ItemSchema,
  ItemView,
  LogicalOperator,
  MapiPropertyType,
  OffsetBasePoint,
  PhoneNumberKey,
  PropertySet,
  Recurrence,
  SearchFilter,
  SendInvitationsMode,
  SortDirection,
  TimeWindow,
  TimeZoneInfo,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { expandCalendar } from '../../../main/exchange-sim/org/recurrence';
import type { CalendarItem, ImPersona } from '../../../main/exchange-sim/org/types';
import {
  NS,
  at as nodeAt,
  child,
  children,
  parseXml,
  type XNode,
} from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const fx = useFidelitySim();
const { who, service } = fx;
const ALICE = 'alice@contoso.test';
const at = (iso: string): DateTime => new DateTime(Date.parse(iso));
const ms = (d: DateTime): number => d.TotalMilliSeconds;

/** Alice's calendar as FindItem lists it without a view: stored items, her cancelled meetings gone. */
function storedCalendar(): CalendarItem[] {
  const me = who(ALICE);
  return me.calendar.filter((c) => !(c.isCancelled && c.uid === c.id && c.organizer === me.smtp));
}

function personas(): ImPersona[] {
  return who(ALICE).imList.personas;
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'accent' });

function ids(items: Item[]): string[] {
  return items.map((i) => i.Id.UniqueId);
}

// ---------------------------------------------------------------- raw requests

function envelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:t="${NS.t}" xmlns:m="${NS.m}">` +
    `<soap:Header><t:RequestServerVersion Version="Exchange2013"/>${header}</soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** Posts a request body as alice; the single response message of the operation. */
async function post(body: string, header = ''): Promise<XNode> {
  const res = await fetch(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      authorization: `Basic ${Buffer.from(`${ALICE}:${who(ALICE).password}`).toString('base64')}`,
    },
    body: envelope(body, header),
  });
  expect(res.status).toBe(200);
  const env = parseXml(await res.text());
  expect(nodeAt(env, 'Header', 'ServerVersionInfo').uri).toBe(NS.t);
  const msgs = children(nodeAt(env, 'Body').children[0]?.children[0]);
  expect(msgs).toHaveLength(1);
  const msg = msgs[0];
  if (!msg) throw new Error('no response message');
  expect(msg.uri).toBe(NS.m);
  return msg;
}

const codeOf = (msg: XNode): string => child(msg, 'ResponseCode')?.text ?? '';

function findXml(folder: string, shape: string, rest = ''): string {
  return (
    `<m:FindItem Traversal="Shallow"><m:ItemShape>${shape}</m:ItemShape>${rest}` +
    `<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`
  );
}

// ---------------------------------------------------------------- calendar

describe('FindItem on the calendar without a CalendarView', () => {
  it('pages through the items as stored, a series as its master (ews-javascript-api ItemView)', async () => {
    const stored = storedCalendar();
    const masters = stored.filter((c) => c.recurrence).length;
    expect(masters).toBeGreaterThan(0);
    const seen: Item[] = [];
    let offset = 0;
    let pages = 0;
    for (;;) {
      const view = new ItemView(7, offset);
      view.PropertySet = new PropertySet(BasePropertySet.IdOnly, [
        ItemSchema.Subject,
        AppointmentSchema.AppointmentType,
        AppointmentSchema.Start,
      ]);
      const res = await service(ALICE).FindItems(WellKnownFolderName.Calendar, view);
      expect(res.TotalCount).toBe(stored.length);
      seen.push(...res.Items);
      pages += 1;
      if (!res.MoreAvailable) break;
      expect(res.NextPageOffset).toBe(offset + 7);
      offset = res.NextPageOffset;
    }
    expect(pages).toBe(Math.ceil(stored.length / 7));
    expect(new Set(ids(seen)).size).toBe(stored.length);
    const types = seen.map((i) => (i as Appointment).AppointmentType);
    expect(types.filter((t) => t === AppointmentType.RecurringMaster)).toHaveLength(masters);
    expect(types.filter((t) => t === AppointmentType.Occurrence || t === AppointmentType.Exception)).toEqual(
      [],
    );
  });

  it('pages from the End', async () => {
    const total = storedCalendar().length;
    const view = new ItemView(4, 0, OffsetBasePoint.End);
    view.OrderBy.Add(AppointmentSchema.Start, SortDirection.Ascending);
    const last = await service(ALICE).FindItems(WellKnownFolderName.Calendar, view);
    const all = await service(ALICE).FindItems(
      WellKnownFolderName.Calendar,
      (() => {
        const v = new ItemView(1000);
        v.OrderBy.Add(AppointmentSchema.Start, SortDirection.Ascending);
        return v;
      })(),
    );
    expect(last.TotalCount).toBe(total);
    expect(ids(last.Items)).toEqual(ids(all.Items).slice(-4));
    expect(last.MoreAvailable).toBe(true);
  });

  it('sorts on Start both ways', async () => {
    const starts = async (dir: SortDirection): Promise<number[]> => {
      const view = new ItemView(1000);
      view.PropertySet = new PropertySet(BasePropertySet.IdOnly, [AppointmentSchema.Start]);
      view.OrderBy.Add(AppointmentSchema.Start, dir);
      return (await service(ALICE).FindItems(WellKnownFolderName.Calendar, view)).Items.map((a) =>
        ms((a as Appointment).Start),
      );
    };
    const asc = await starts(SortDirection.Ascending);
    expect(asc).toHaveLength(storedCalendar().length);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await starts(SortDirection.Descending)).toEqual([...asc].reverse());
  });

  const from = '2026-11-23T00:00:00Z';
  const to = '2026-11-28T00:00:00Z';
  const inWeek = (c: CalendarItem): boolean =>
    Date.parse(c.start) >= Date.parse(from) && Date.parse(c.start) < Date.parse(to);
  /** A subject of alice's that is not the stand-up's (read inside the tests: the simulator runs then). */
  const someSubject = (): string =>
    storedCalendar()
      .map((c) => c.subject)
      .find((s) => !s.includes('stand-up')) ?? '';

  it.each<[string, () => SearchFilter, (c: CalendarItem) => boolean]>([
    [
      'IsGreaterThanOrEqualTo and IsLessThan on Start (And)',
      () =>
        new SearchFilter.SearchFilterCollection(LogicalOperator.And, [
          new SearchFilter.IsGreaterThanOrEqualTo(AppointmentSchema.Start, at(from)),
          new SearchFilter.IsLessThan(AppointmentSchema.Start, at(to)),
        ]),
      inWeek,
    ],
    [
      'IsGreaterThan and IsLessThanOrEqualTo on End',
      () =>
        new SearchFilter.SearchFilterCollection(LogicalOperator.And, [
          new SearchFilter.IsGreaterThan(AppointmentSchema.End, at(from)),
          new SearchFilter.IsLessThanOrEqualTo(AppointmentSchema.End, at(to)),
        ]),
      (c) => Date.parse(c.end) > Date.parse(from) && Date.parse(c.end) <= Date.parse(to),
    ],
    [
      'Not Contains (Substring, IgnoreCase) on Subject',
      () =>
        new SearchFilter.Not(
          new SearchFilter.ContainsSubstring(
            ItemSchema.Subject,
            'STAND-UP',
            ContainmentMode.Substring,
            ComparisonMode.IgnoreCase,
          ),
        ),
      (c) => !c.subject.toLowerCase().includes('stand-up'),
    ],
    [
      'Or of IsEqualTo on Subject',
      () =>
        new SearchFilter.SearchFilterCollection(LogicalOperator.Or, [
          new SearchFilter.IsEqualTo(ItemSchema.Subject, someSubject().toUpperCase()),
          new SearchFilter.IsEqualTo(ItemSchema.Subject, 'No such meeting'),
        ]),
      (c) => c.subject.toLowerCase() === someSubject().toLowerCase(),
    ],
    [
      'IsNotEqualTo on Subject',
      () => new SearchFilter.IsNotEqualTo(ItemSchema.Subject, someSubject()),
      (c) => c.subject.toLowerCase() !== someSubject().toLowerCase(),
    ],
    [
      'IsEqualTo on ItemClass',
      () => new SearchFilter.IsEqualTo(ItemSchema.ItemClass, 'IPM.Appointment'),
      () => true,
    ],
    [
      'Exists on Location',
      () => new SearchFilter.Exists(AppointmentSchema.Location),
      (c) => c.location !== undefined,
    ],
    [
      'Contains (Prefixed, Exact) on Subject',
      () =>
        new SearchFilter.ContainsSubstring(
          ItemSchema.Subject,
          someSubject().slice(0, 4),
          ContainmentMode.Prefixed,
          ComparisonMode.Exact,
        ),
      (c) => c.subject.startsWith(someSubject().slice(0, 4)),
    ],
    [
      'IsGreaterThanOrEqualTo on DateTimeReceived',
      () => new SearchFilter.IsGreaterThanOrEqualTo(ItemSchema.DateTimeReceived, at(from)),
      (c) => Date.parse(c.created) >= Date.parse(from),
    ],
  ])('restricts with %s', async (_name, filter, keep) => {
    const expected = storedCalendar().filter(keep);
    const view = new ItemView(1000);
    view.PropertySet = new PropertySet(BasePropertySet.IdOnly, [ItemSchema.Subject]);
    const res = await service(ALICE).FindItems(WellKnownFolderName.Calendar, filter(), view);
    expect(res.TotalCount).toBe(expected.length);
    expect(res.Items.map((i) => i.Subject).sort()).toEqual(expected.map((c) => c.subject).sort());
  });

  it('the week restriction finds something and leaves something out (the table above can fail)', () => {
    const n = storedCalendar().filter(inWeek).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(storedCalendar().length);
  });

  it('pages by fraction: NumeratorOffset and AbsoluteDenominator (documented request)', async () => {
    const total = storedCalendar().length;
    const msg = await post(
      findXml(
        'calendar',
        '<t:BaseShape>IdOnly</t:BaseShape>',
        '<m:FractionalPageItemView MaxEntriesReturned="3" Numerator="1" Denominator="2" BasePoint="Beginning"/>',
      ),
    );
    expect(msg.local).toBe('FindItemResponseMessage');
    expect(msg.attrs.ResponseClass).toBe('Success');
    const root = nodeAt(msg, 'RootFolder');
    const start = Math.floor(total / 2);
    expect(root.attrs).toEqual({
      NumeratorOffset: String(start + 3),
      AbsoluteDenominator: String(total),
      IncludesLastItemInRange: String(start + 3 >= total),
      TotalItemsInView: String(total),
    });
    const items = children(nodeAt(root, 'Items'));
    expect(items.map((i) => i.local)).toEqual(['CalendarItem', 'CalendarItem', 'CalendarItem']);
    expect(items.map((i) => child(i, 'ItemId')?.attrs.Id).every((id) => (id ?? '') !== '')).toBe(true);
  });

  it('reads a date without an offset in the request time zone (TimeZoneContext)', async () => {
    const paris = new Date(Date.parse('2026-11-25T00:00:00Z') - 3_600_000); // Paris midnight, UTC
    const msg = await post(
      findXml(
        'calendar',
        '<t:BaseShape>IdOnly</t:BaseShape>',
        '<m:IndexedPageItemView MaxEntriesReturned="1000" Offset="0" BasePoint="Beginning"/>' +
          '<m:Restriction><t:IsGreaterThanOrEqualTo><t:FieldURI FieldURI="calendar:Start"/>' +
          '<t:FieldURIOrConstant><t:Constant Value="2026-11-25T00:00:00"/></t:FieldURIOrConstant>' +
          '</t:IsGreaterThanOrEqualTo></m:Restriction>',
      ),
      '<t:TimeZoneContext><t:TimeZoneDefinition Id="Romance Standard Time"/></t:TimeZoneContext>',
    );
    const expected = storedCalendar().filter((c) => Date.parse(c.start) >= paris.getTime()).length;
    expect(nodeAt(msg, 'RootFolder').attrs.TotalItemsInView).toBe(String(expected));
  });

  it.each<[string, string, string]>([
    [
      'an unknown property in a restriction',
      '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="contacts:GivenName"/><t:FieldURIOrConstant><t:Constant Value="x"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>',
      'ErrorUnsupportedPathForQuery',
    ],
    [
      'Contains on a date',
      '<m:Restriction><t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="calendar:Start"/><t:Constant Value="2026"/></t:Contains></m:Restriction>',
      'ErrorContainsFilterWrongType',
    ],
    [
      'a bad fraction',
      '<m:FractionalPageItemView MaxEntriesReturned="3" Numerator="3" Denominator="2" BasePoint="Beginning"/>',
      'ErrorInvalidFractionalPagingParameters',
    ],
    [
      'an unsortable property',
      '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="calendar:RequiredAttendees"/></t:FieldOrder></m:SortOrder>',
      'ErrorUnsupportedPathForSortGroup',
    ],
    [
      'a restriction with a CalendarView',
      '<m:CalendarView StartDate="2026-11-23T00:00:00Z" EndDate="2026-11-28T00:00:00Z"/>' +
        '<m:Restriction><t:Exists><t:FieldURI FieldURI="calendar:Location"/></t:Exists></m:Restriction>',
      'ErrorInvalidRestriction',
    ],
    [
      'a sort order with a CalendarView',
      '<m:CalendarView StartDate="2026-11-23T00:00:00Z" EndDate="2026-11-28T00:00:00Z"/>' +
        '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Subject"/></t:FieldOrder></m:SortOrder>',
      'ErrorInvalidRestriction',
    ],
  ])('refuses %s with its own code', async (_name, rest, code) => {
    const msg = await post(findXml('calendar', '<t:BaseShape>IdOnly</t:BaseShape>', rest));
    expect(msg.attrs.ResponseClass).toBe('Error');
    expect(codeOf(msg)).toBe(code);
  });
});

// ---------------------------------------------------------------- contacts

describe('FindItem on the contacts folders', () => {
  const contactView = (size = 1000, offset = 0, base = OffsetBasePoint.Beginning): ItemView => {
    const v = new ItemView(size, offset, base);
    v.PropertySet = new PropertySet(BasePropertySet.FirstClassProperties);
    return v;
  };

  it('lists the IM list contacts in Lync Contacts (quickcontacts) as t:Contact, by display name', async () => {
    const list = personas();
    expect(list.length).toBeGreaterThan(3);
    const res = await service(ALICE).FindItems(WellKnownFolderName.QuickContacts, contactView());
    expect(res.TotalCount).toBe(list.length);
    expect(res.Items.every((i) => i instanceof Contact)).toBe(true);
    const names = res.Items.map((c) => (c as Contact).DisplayName);
    expect(names).toEqual(list.map((p) => p.displayName).sort(byName));
    const withMail = res.Items.map((c) => c as Contact).find((c) =>
      c.EmailAddresses.Contains(EmailAddressKey.EmailAddress1),
    );
    expect(withMail?.EmailAddresses._getItem(EmailAddressKey.EmailAddress1).Address).toMatch(/@/);
  });

  it.each([
    ['Calendar', WellKnownFolderName.Calendar],
    ['Lync Contacts', WellKnownFolderName.QuickContacts],
    ['My Contacts', WellKnownFolderName.MyContacts],
    ['Contacts', WellKnownFolderName.Contacts],
  ])('GetFolder TotalCount of %s is what FindItem lists', async (_name, folder) => {
    const f = await Folder.Bind(service(ALICE), folder);
    const res = await service(ALICE).FindItems(folder, new ItemView(1));
    expect(f.TotalCount).toBe(res.TotalCount);
  });

  it('shows the same contacts in the My Contacts search folder, and none in Contacts itself', async () => {
    const mine = await service(ALICE).FindItems(WellKnownFolderName.MyContacts, contactView());
    expect(mine.TotalCount).toBe(personas().length);
    const own = await service(ALICE).FindItems(WellKnownFolderName.Contacts, contactView());
    expect(own.TotalCount).toBe(0);
    expect(own.MoreAvailable).toBe(false);
  });

  it('pages from the Beginning and from the End', async () => {
    const total = personas().length;
    const first = await service(ALICE).FindItems(WellKnownFolderName.QuickContacts, contactView(3, 0));
    expect(first.Items).toHaveLength(3);
    expect(first.NextPageOffset).toBe(3);
    expect(first.MoreAvailable).toBe(true);
    const last = await service(ALICE).FindItems(
      WellKnownFolderName.QuickContacts,
      contactView(3, 0, OffsetBasePoint.End),
    );
    const names = personas()
      .map((p) => p.displayName)
      .sort(byName);
    expect(last.Items.map((c) => (c as Contact).DisplayName)).toEqual(names.slice(total - 3));
    expect(last.TotalCount).toBe(total);
  });

  const person = (p: ImPersona) => fx.sim.org.people.find((x) => x.smtp === p.smtp);

  it.each<[string, () => SearchFilter, (p: ImPersona) => boolean]>([
    [
      'Contains (Prefixed, IgnoreCase) on DisplayName',
      () =>
        new SearchFilter.ContainsSubstring(
          ContactSchema.DisplayName,
          (personas()[0]?.displayName ?? '').slice(0, 2).toLowerCase(),
          ContainmentMode.Prefixed,
          ComparisonMode.IgnoreCase,
        ),
      (p) =>
        p.displayName.toLowerCase().startsWith((personas()[0]?.displayName ?? '').slice(0, 2).toLowerCase()),
    ],
    [
      'IsEqualTo on GivenName',
      () => new SearchFilter.IsEqualTo(ContactSchema.GivenName, person(personas()[1]!)?.givenName ?? ''),
      (p) => person(p)?.givenName?.toLowerCase() === person(personas()[1]!)?.givenName.toLowerCase(),
    ],
    [
      'IsEqualTo on Surname',
      () => new SearchFilter.IsEqualTo(ContactSchema.Surname, person(personas()[2]!)?.surname ?? ''),
      (p) => person(p)?.surname.toLowerCase() === person(personas()[2]!)?.surname.toLowerCase(),
    ],
    [
      'Contains (Substring) on CompanyName',
      () =>
        new SearchFilter.ContainsSubstring(
          ContactSchema.CompanyName,
          'contoso',
          ContainmentMode.Substring,
          ComparisonMode.IgnoreCase,
        ),
      (p) => (person(p)?.company ?? '').toLowerCase().includes('contoso'),
    ],
    [
      'IsEqualTo on EmailAddress1 (IndexedFieldURI)',
      () => new SearchFilter.IsEqualTo(ContactSchema.EmailAddress1, personas()[3]?.smtp ?? ''),
      (p) => p.smtp?.toLowerCase() === personas()[3]?.smtp?.toLowerCase(),
    ],
    [
      'Exists on EmailAddress1',
      () => new SearchFilter.Exists(ContactSchema.EmailAddress1),
      (p) => p.smtp !== undefined,
    ],
    [
      'Not IsEqualTo on ItemClass',
      () => new SearchFilter.Not(new SearchFilter.IsEqualTo(ItemSchema.ItemClass, 'IPM.Contact')),
      () => false,
    ],
  ])('restricts with %s', async (_name, filter, keep) => {
    const expected = personas().filter(keep);
    const res = await service(ALICE).FindItems(WellKnownFolderName.QuickContacts, filter(), contactView());
    expect(res.TotalCount).toBe(expected.length);
    expect(res.Items.map((c) => (c as Contact).DisplayName)).toEqual(
      expected.map((p) => p.displayName).sort(byName),
    );
  });

  it('restricts and sorts as documented: IndexedFieldURI Contains, Surname descending', async () => {
    const msg = await post(
      findXml(
        'quickcontacts',
        '<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="contacts:Surname"/>' +
          '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/></t:AdditionalProperties>',
        '<m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>' +
          '<m:Restriction><t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">' +
          '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>' +
          '<t:Constant Value="@CONTOSO.test"/></t:Contains></m:Restriction>' +
          '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="contacts:Surname"/></t:FieldOrder></m:SortOrder>',
      ),
    );
    expect(codeOf(msg)).toBe('NoError');
    const expected = personas().filter((p) => p.smtp?.endsWith('@contoso.test'));
    expect(expected.length).toBeGreaterThan(1);
    const items = children(nodeAt(msg, 'RootFolder', 'Items'));
    expect(items).toHaveLength(expected.length);
    for (const c of items) {
      expect(c.local).toBe('Contact');
      // Only the asked properties, in schema order.
      expect(c.children.map((x) => x.local)).toEqual(['ItemId', 'EmailAddresses', 'Surname']);
      expect(children(child(c, 'EmailAddresses')).map((e) => e.attrs.Key)).toEqual(['EmailAddress1']);
    }
    const surnames = items.map((c) => child(c, 'Surname')?.text ?? '');
    expect(surnames).toEqual([...surnames].sort(byName).reverse());
  });
});

// ---------------------------------------------------------------- additional properties

const PR_SUBJECT = new ExtendedPropertyDefinition(0x0037, MapiPropertyType.String);
const PR_MESSAGE_CLASS = new ExtendedPropertyDefinition(0x001a, MapiPropertyType.String);
const PR_DISPLAY_NAME = new ExtendedPropertyDefinition(0x3001, MapiPropertyType.String);
const BUSY_STATUS = new ExtendedPropertyDefinition(
  DefaultExtendedPropertySet.Appointment,
  0x8205,
  MapiPropertyType.Integer,
);
const NOT_THERE = new ExtendedPropertyDefinition(
  DefaultExtendedPropertySet.PublicStrings,
  'RosterNoSuchProperty',
  MapiPropertyType.String,
);

function extended(item: Item): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const p of item.ExtendedProperties.GetEnumerator()) {
    const d = p.PropertyDefinition;
    out.set(d.Tag !== null && d.Tag !== undefined ? `tag:${d.Tag}` : `id:${d.Id ?? d.Name}`, p.Value);
  }
  return out;
}

describe('AdditionalProperties on items', () => {
  it('GetItem on a calendar item: MAPI tags and a named property, an unknown one absent (ews-javascript-api)', async () => {
    const item = storedCalendar().find((c) => c.busyType === 'Busy' && !c.recurrence);
    if (!item) throw new Error('no busy item');
    const found = await service(ALICE).FindItems(
      WellKnownFolderName.Calendar,
      new SearchFilter.IsEqualTo(ItemSchema.Subject, item.subject),
      new ItemView(1),
    );
    const id = found.Items[0]?.Id;
    if (!id) throw new Error('not found');
    const a = await Appointment.Bind(
      service(ALICE),
      id,
      new PropertySet(BasePropertySet.IdOnly, [
        ItemSchema.Subject,
        PR_SUBJECT,
        PR_MESSAGE_CLASS,
        BUSY_STATUS,
        NOT_THERE,
      ]),
    );
    expect(a.Subject).toBe(item.subject);
    const ext = extended(a);
    expect(ext.get(`tag:${0x37}`)).toBe(item.subject);
    expect(ext.get(`tag:${0x1a}`)).toBe('IPM.Appointment');
    expect(Number(ext.get(`id:${0x8205}`))).toBe(2);
    expect(ext.size).toBe(3);
  });

  it('FindItem on contacts: the IndexedFieldURI entry and PR_DISPLAY_NAME, nothing else (ews-javascript-api)', async () => {
    const view = new ItemView(1000);
    view.PropertySet = new PropertySet(BasePropertySet.IdOnly, [
      ContactSchema.EmailAddress1,
      PR_DISPLAY_NAME,
    ]);
    const res = await service(ALICE).FindItems(WellKnownFolderName.QuickContacts, view);
    expect(res.TotalCount).toBe(personas().length);
    const names = res.Items.map((c) => extended(c).get(`tag:${0x3001}`));
    expect([...names].sort()).toEqual(
      personas()
        .map((p) => p.displayName)
        .sort(),
    );
    const smtp = res.Items.flatMap((c) => {
      const out = { outValue: null as { Address: string } | null };
      return (c as Contact).EmailAddresses.TryGetValue(EmailAddressKey.EmailAddress1, out as never) &&
        out.outValue
        ? [out.outValue.Address]
        : [];
    });
    expect(smtp.sort()).toEqual(
      personas()
        .flatMap((p) => (p.smtp ? [p.smtp] : []))
        .sort(),
    );
  });

  it('honours IdOnly, Default and AllProperties with ExtendedFieldURI by tag and by set GUID (documented request)', async () => {
    const shape = (base: string): string =>
      `<t:BaseShape>${base}</t:BaseShape><t:AdditionalProperties>` +
      '<t:ExtendedFieldURI PropertyTag="0x001A" PropertyType="String"/>' +
      '<t:ExtendedFieldURI PropertySetId="00062002-0000-0000-C000-000000000046" PropertyId="33293" PropertyType="SystemTime"/>' +
      '<t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="NoSuch" PropertyType="String"/>' +
      '</t:AdditionalProperties>';
    const all = storedCalendar();
    const item = all.find(
      (c) => all.filter((x) => x.subject.toLowerCase() === c.subject.toLowerCase()).length === 1,
    );
    if (!item) throw new Error('no item with a subject of its own');
    const view =
      '<m:IndexedPageItemView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>' +
      `<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="item:Subject"/><t:FieldURIOrConstant><t:Constant Value="${item.subject.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>`;
    const counts: Record<string, number> = {};
    for (const base of ['IdOnly', 'Default', 'AllProperties']) {
      const msg = await post(findXml('calendar', shape(base), view));
      expect(codeOf(msg)).toBe('NoError');
      const ci = nodeAt(msg, 'RootFolder', 'Items', 'CalendarItem');
      const props = children(ci, 'ExtendedProperty');
      expect(props.map((p) => child(p, 'ExtendedFieldURI')?.attrs)).toEqual([
        { PropertyTag: '0x001A', PropertyType: 'String' },
        {
          PropertySetId: '00062002-0000-0000-C000-000000000046',
          PropertyId: '33293',
          PropertyType: 'SystemTime',
        },
      ]);
      expect(props.map((p) => child(p, 'Value')?.text)).toEqual([
        'IPM.Appointment',
        new Date(Date.parse(item.start)).toISOString().slice(0, 19) + 'Z',
      ]);
      // ExtendedProperty sits after HasAttachments and before LastModifiedTime (ItemType).
      const order = ci.children.map((c) => c.local);
      const ext = order.indexOf('ExtendedProperty');
      // Where the shape has them: HasAttachments before it, Start after it (-1: not in this shape).
      const before = order.indexOf('HasAttachments');
      const after = order.indexOf('Start');
      expect([before < ext, after === -1 || after > ext]).toEqual([true, true]);
      counts[base] = ci.children.length;
    }
    expect(counts.IdOnly).toBe(3);
    expect(counts.Default).toBeGreaterThan(counts.IdOnly ?? 0);
    expect(counts.AllProperties).toBeGreaterThan(counts.Default ?? 0);
  });

  it('GetItem on a contact: IdOnly plus DisplayName, the MobilePhone entry and PR_GIVEN_NAME (ews-javascript-api)', async () => {
    const list = await service(ALICE).FindItems(WellKnownFolderName.QuickContacts, new ItemView(1000));
    const people = fx.sim.org.people;
    const target = list.Items.map((c) => c as Contact).find((c) => {
      const p = personas().find((x) => x.displayName === c.DisplayName);
      return people.find((x) => x.smtp === p?.smtp)?.mobilePhone !== undefined;
    });
    if (!target) throw new Error('no contact with a mobile number');
    const persona = personas().find((x) => x.displayName === target.DisplayName);
    const person = people.find((x) => x.smtp === persona?.smtp);
    const givenName = new ExtendedPropertyDefinition(0x3a06, MapiPropertyType.String);
    const c = await Contact.Bind(
      service(ALICE),
      target.Id,
      new PropertySet(BasePropertySet.IdOnly, [
        ContactSchema.DisplayName,
        ContactSchema.MobilePhone,
        givenName,
      ]),
    );
    expect(c.DisplayName).toBe(persona?.displayName);
    expect(c.PhoneNumbers._getItem(PhoneNumberKey.MobilePhone)).toBe(person?.mobilePhone);
    expect(c.PhoneNumbers.Contains(PhoneNumberKey.BusinessPhone)).toBe(false);
    expect(extended(c).get(`tag:${0x3a06}`)).toBe(person?.givenName);
  });

  it('refuses a malformed ExtendedFieldURI', async () => {
    const msg = await post(
      findXml(
        'calendar',
        '<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:ExtendedFieldURI PropertyTag="0x0037" PropertyId="1" PropertyType="String"/></t:AdditionalProperties>',
      ),
    );
    expect(codeOf(msg)).toBe('ErrorInvalidExtendedProperty');
  });
});

// ---------------------------------------------------------------- CreateItem with a recurrence

function parisService(): ExchangeService {
  const s = new ExchangeService(
    ExchangeVersion.Exchange2013,
    TimeZoneInfo.FindSystemTimeZoneById('Romance Standard Time'),
  );
  s.Credentials = new WebCredentials(ALICE, who(ALICE).password);
  s.Url = new Uri(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`);
  return s;
}

const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

async function occurrences(
  subject: string,
  fromIso: string,
  toIso: string,
  owner = ALICE,
): Promise<Appointment[]> {
  const res = await service(owner).FindAppointments(
    WellKnownFolderName.Calendar,
    new CalendarView(at(fromIso), at(toIso)),
  );
  return res.Items.filter((a) => a.Subject === subject);
}

describe('CreateItem of a recurring series', () => {
  it('a weekly Tuesday/Thursday series of 6 (ews-javascript-api): CalendarView expands it, GetItem gives it back, availability shows it', async () => {
    const s = parisService();
    const appt = new Appointment(s);
    appt.Subject = 'Design review (series)';
    // 14:00 Paris on Tuesday 1 December.
    appt.Start = at('2026-12-01T13:00:00Z');
    appt.End = at('2026-12-01T14:00:00Z');
    // The typings offer only the bare constructors: the pattern is set up property by property.
    const weekly = new Recurrence.WeeklyPattern();
    weekly.StartDate = appt.Start.Date;
    weekly.Interval = 1;
    weekly.DaysOfTheWeek.AddRange([DayOfTheWeek.Tuesday, DayOfTheWeek.Thursday]);
    weekly.NumberOfOccurrences = 6;
    appt.Recurrence = weekly;
    appt.RequiredAttendees.Add('dave@contoso.test');
    await appt.Save(WellKnownFolderName.Calendar, SendInvitationsMode.SendToAllAndSaveCopy);

    const found = await occurrences('Design review (series)', '2026-11-30T00:00:00Z', '2026-12-31T00:00:00Z');
    expect(found.map((a) => parisClock.format(ms(a.Start)))).toEqual([
      'Tue 01, 14:00',
      'Thu 03, 14:00',
      'Tue 08, 14:00',
      'Thu 10, 14:00',
      'Tue 15, 14:00',
      'Thu 17, 14:00',
    ]);
    expect(found.every((a) => a.AppointmentType === AppointmentType.Occurrence)).toBe(true);
    // The attendee's copy is the same series.
    const davesCopy = await occurrences(
      'Design review (series)',
      '2026-11-30T00:00:00Z',
      '2026-12-31T00:00:00Z',
      'dave@contoso.test',
    );
    expect(davesCopy.map((a) => ms(a.Start))).toEqual(found.map((a) => ms(a.Start)));
    expect(new Set(found.map((a) => a.Id.UniqueId)).size).toBe(6);

    const master = await Appointment.Bind(
      s,
      appt.Id,
      new PropertySet(BasePropertySet.FirstClassProperties, [AppointmentSchema.Recurrence]),
    );
    expect(master.AppointmentType).toBe(AppointmentType.RecurringMaster);
    expect(master.Recurrence).toBeInstanceOf(Recurrence.WeeklyPattern);
    expect(master.Recurrence.NumberOfOccurrences).toBe(6);

    const options = new AvailabilityOptions();
    options.RequestedFreeBusyView = FreeBusyViewType.Detailed;
    const avail = await service('bob@contoso.test').GetUserAvailability(
      [new AttendeeInfo(ALICE)],
      new TimeWindow(at('2026-11-30T00:00:00Z'), at('2026-12-21T00:00:00Z')),
      AvailabilityData.FreeBusy,
      options,
    );
    const events = avail.AttendeesAvailability.__thisIndexer(0).CalendarEvents.filter(
      (e) => e.Details?.Subject === 'Design review (series)',
    );
    expect(events.map((e) => e.StartTime.TotalMilliSeconds)).toEqual(found.map((a) => ms(a.Start)));
  });

  it('a daily series with an end date keeps its wall-clock time across nothing but its own days', async () => {
    const appt = new Appointment(parisService());
    appt.Subject = 'Daily check-in (series)';
    appt.Start = at('2026-12-07T08:30:00Z');
    appt.End = at('2026-12-07T08:45:00Z');
    const daily = new Recurrence.DailyPattern();
    daily.StartDate = appt.Start.Date;
    daily.Interval = 2;
    daily.EndDate = at('2026-12-13T12:00:00Z').Date;
    appt.Recurrence = daily;
    await appt.Save(WellKnownFolderName.Calendar, SendInvitationsMode.SendToNone);
    const found = await occurrences(
      'Daily check-in (series)',
      '2026-12-01T00:00:00Z',
      '2026-12-31T00:00:00Z',
    );
    expect(found.map((a) => parisClock.format(ms(a.Start)))).toEqual([
      'Mon 07, 09:30',
      'Wed 09, 09:30',
      'Fri 11, 09:30',
      'Sun 13, 09:30',
    ]);
  });

  const createXml = (subject: string, recurrence: string): string =>
    '<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId>' +
    `<m:Items><t:CalendarItem><t:Subject>${subject}</t:Subject>` +
    '<t:Start>2027-01-05T10:00:00</t:Start><t:End>2027-01-05T11:00:00</t:End>' +
    `<t:Recurrence>${recurrence}</t:Recurrence>` +
    '<t:StartTimeZone Id="Romance Standard Time"/></t:CalendarItem></m:Items></m:CreateItem>';

  it.each<[string, string, string[], string[]]>([
    [
      'AbsoluteMonthly, no end',
      '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
        '<t:NoEndRecurrence><t:StartDate>2027-01-05+01:00</t:StartDate></t:NoEndRecurrence>',
      // The 31st, or the month's last day (the Start moves to the first occurrence).
      ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30'],
      ['AbsoluteMonthlyRecurrence', 'NoEndRecurrence'],
    ],
    [
      'RelativeMonthly, numbered',
      '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2027-01-05</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
      ['2027-01-29', '2027-02-26', '2027-03-26'],
      ['RelativeMonthlyRecurrence', 'NumberedRecurrence'],
    ],
  ])(
    '%s (documented request): stored as a series, Start on the first occurrence, 10:00 Paris each time',
    async (name, recurrence, days, elements) => {
      const subject = `Monthly ${name}`;
      const msg = await post(createXml(subject, recurrence));
      expect(msg.local).toBe('CreateItemResponseMessage');
      expect(codeOf(msg)).toBe('NoError');
      const id = nodeAt(msg, 'Items', 'CalendarItem', 'ItemId').attrs.Id ?? '';
      const stored = who(ALICE).calendar.find((c) => c.subject === subject);
      expect(stored?.recurrence).toBeDefined();
      const shown = expandCalendar(
        [stored!],
        Date.parse('2027-01-01T00:00:00Z'),
        Date.parse('2027-05-01T00:00:00Z'),
      );
      expect(shown.map((c) => c.start.slice(0, 10))).toEqual(days);
      expect(shown.every((c) => parisClock.format(Date.parse(c.start)).endsWith('10:00'))).toBe(true);
      const get = await post(
        '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
          '<t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:Recurrence"/><t:FieldURI FieldURI="calendar:CalendarItemType"/>' +
          `</t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
      );
      const ci = nodeAt(get, 'Items', 'CalendarItem');
      expect(child(ci, 'CalendarItemType')?.text).toBe('RecurringMaster');
      expect(child(ci, 'Start')?.text?.slice(0, 10)).toBe(days[0]);
      expect(children(child(ci, 'Recurrence')).map((c) => c.local)).toEqual(elements);
    },
  );

  it.each<[string, string, string]>([
    [
      'a yearly pattern',
      '<t:AbsoluteYearlyRecurrence><t:DayOfMonth>5</t:DayOfMonth><t:Month>January</t:Month></t:AbsoluteYearlyRecurrence><t:NoEndRecurrence><t:StartDate>2027-01-05</t:StartDate></t:NoEndRecurrence>',
      'ErrorUnsupportedRecurrence',
    ],
    [
      'a weekly pattern without days',
      '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek></t:DaysOfWeek></t:WeeklyRecurrence><t:NoEndRecurrence><t:StartDate>2027-01-05</t:StartDate></t:NoEndRecurrence>',
      'ErrorCalendarInvalidDayForWeeklyRecurrence',
    ],
    [
      'an interval of 0',
      '<t:DailyRecurrence><t:Interval>0</t:Interval></t:DailyRecurrence><t:NoEndRecurrence><t:StartDate>2027-01-05</t:StartDate></t:NoEndRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'an end date before the start',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:EndDateRecurrence><t:StartDate>2027-01-05</t:StartDate><t:EndDate>2027-01-01</t:EndDate></t:EndDateRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'a range with no occurrence',
      '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence><t:EndDateRecurrence><t:StartDate>2027-01-05</t:StartDate><t:EndDate>2027-01-07</t:EndDate></t:EndDateRecurrence>',
      'ErrorRecurrenceHasNoOccurrence',
    ],
  ])('refuses %s', async (name, recurrence, code) => {
    const before = who(ALICE).calendar.length;
    const msg = await post(createXml(`Refused ${name}`, recurrence));
    expect(msg.attrs.ResponseClass).toBe('Error');
    expect(codeOf(msg)).toBe(code);
    expect(who(ALICE).calendar.length).toBe(before);
  });
});
