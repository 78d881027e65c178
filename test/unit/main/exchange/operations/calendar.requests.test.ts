/** Calendar operations: what each request says, and how a calendar item is read. */
import { describe, expect, it } from 'vitest';
import {
  cancelMeeting,
  createMeeting,
  deleteCalendarItem,
  findCalendarView,
  getCalendarItems,
  readCalendarItem,
} from '../../../../../main/exchange/operations/calendar';
import { child, parseXml, type XElement } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

const NS = 'xmlns="http://schemas.microsoft.com/exchange/services/2006/types"';
const item = (inner: string) => readCalendarItem(parseXml(`<CalendarItem ${NS}>${inner}</CalendarItem>`));
const kids = (e: XElement | undefined): [string, string][] =>
  (e?.children ?? []).map((c) => [c.name, c.text || JSON.stringify(c.attrs)]);

describe('readCalendarItem', () => {
  it('reads every field, times as UTC, attendees with their names and answers', () => {
    expect(
      item(
        '<ItemId Id="I" ChangeKey="K"/><Subject>Plan</Subject><Start>2026-12-01T09:00:00</Start><End>2026-12-01T10:00:00+01:00</End>' +
          '<IsAllDayEvent> true </IsAllDayEvent><Location> Room 1 </Location><LegacyFreeBusyStatus> Busy </LegacyFreeBusyStatus>' +
          '<IsMeeting>true</IsMeeting><IsCancelled>false</IsCancelled><MyResponseType> Organizer </MyResponseType>' +
          '<Organizer><Mailbox><Name> Ann </Name><EmailAddress> ann@x </EmailAddress></Mailbox></Organizer>' +
          '<RequiredAttendees><Attendee><Mailbox><Name>Bob</Name><EmailAddress>bob@x</EmailAddress></Mailbox><ResponseType>Accept</ResponseType></Attendee><Other/></RequiredAttendees>' +
          '<OptionalAttendees><Attendee><Mailbox><EmailAddress> cy@x </EmailAddress></Mailbox></Attendee></OptionalAttendees>' +
          '<Body BodyType="HTML">&lt;b&gt;x&lt;/b&gt;</Body><IsOnlineMeeting> true </IsOnlineMeeting><JoinOnlineMeetingUrl> https://meet/x </JoinOnlineMeetingUrl>',
      ),
    ).toEqual({
      id: 'I',
      changeKey: 'K',
      subject: 'Plan',
      start: '2026-12-01T09:00:00.000Z',
      end: '2026-12-01T09:00:00.000Z',
      isAllDay: true,
      location: 'Room 1',
      busyType: 'Busy',
      isMeeting: true,
      isCancelled: false,
      myResponse: 'Organizer',
      organizer: { name: 'Ann', email: 'ann@x' },
      required: [{ email: 'bob@x', name: 'Bob', response: 'Accept' }],
      optional: [{ email: 'cy@x' }],
      body: '<b>x</b>',
      isOnlineMeeting: true,
      joinOnlineMeetingUrl: 'https://meet/x',
    });
  });

  it('leaves out what the server did not send, and reads flags other than "true" as false', () => {
    expect(
      item('<IsMeeting>no</IsMeeting><IsCancelled> true </IsCancelled><IsOnlineMeeting/><Organizer/>'),
    ).toEqual({
      id: '',
      subject: '',
      start: '',
      end: '',
      isAllDay: false,
      isMeeting: false,
      isCancelled: true,
      isOnlineMeeting: false,
      required: [],
      optional: [],
    });
    expect(item('<Organizer><Mailbox/></Organizer><Location> </Location>')).toMatchObject({
      organizer: { email: '' },
    });
  });
});

describe('createMeeting', () => {
  const created = envelope(
    'CreateItem',
    '<m:Items><t:CalendarItem><t:ItemId Id="N" ChangeKey="C"/></t:CalendarItem></m:Items>',
  );

  it('sends the invitations from my calendar, in the schema’s order, once only', async () => {
    const { caller, calls } = fakeCaller(created);
    const id = await createMeeting(caller, {
      subject: 'Plan',
      body: '<p>hi</p>',
      start: '2026-12-01T09:00:00+01:00',
      end: '2026-12-01T09:30:00Z',
      location: 'Room',
      required: ['a@x', 'b@x'],
      optional: ['c@x'],
    });
    expect(id).toEqual({ id: 'N', changeKey: 'C' });
    const body = calls[0]!.body;
    expect(calls[0]!.action).toBe('CreateItem');
    expect(calls[0]!.options?.idempotent).toBe(false);
    expect(body.attrs).toEqual({ SendMeetingInvitations: 'SendToAllAndSaveCopy' });
    expect(child(child(body, 'SavedItemFolderId'), 'DistinguishedFolderId')?.attrs).toEqual({
      Id: 'calendar',
    });
    const cal = child(child(body, 'Items'), 'CalendarItem');
    expect(kids(cal).map(([n]) => n)).toEqual([
      'Subject',
      'Body',
      'Start',
      'End',
      'Location',
      'RequiredAttendees',
      'OptionalAttendees',
    ]);
    expect(child(cal, 'Body')?.attrs).toEqual({ BodyType: 'HTML' });
    expect(child(cal, 'Start')?.text).toBe('2026-12-01T08:00:00.000Z');
    expect(child(cal, 'End')?.text).toBe('2026-12-01T09:30:00.000Z');
    expect(
      child(cal, 'RequiredAttendees')?.children.map((a) => child(child(a, 'Mailbox'), 'EmailAddress')?.text),
    ).toEqual(['a@x', 'b@x']);
  });

  it('leaves out the body, location and empty attendee lists when not given', async () => {
    const { caller, calls } = fakeCaller(created);
    await createMeeting(caller, {
      subject: 'S',
      start: '2026-12-01T09:00:00Z',
      end: '2026-12-01T09:01:00Z',
      required: [],
      optional: [],
    });
    expect(kids(child(child(calls[0]!.body, 'Items'), 'CalendarItem')).map(([n]) => n)).toEqual([
      'Subject',
      'Start',
      'End',
    ]);
  });

  it.each([
    ['ends when it starts', '2026-12-01T09:00:00Z'],
    ['ends before it starts', '2026-12-01T08:59:59Z'],
    ['has no valid end', 'soon'],
  ])('refuses a meeting that %s, before calling', async (_what, end) => {
    const { caller, calls } = fakeCaller(created);
    await expect(
      createMeeting(caller, { subject: 'S', start: '2026-12-01T09:00:00Z', end, required: ['a@x'] }),
    ).rejects.toMatchObject({ kind: 'bad-input', code: 'ErrorCalendarEndDateIsEarlierThanStartDate' });
    expect(calls).toEqual([]);
  });
});

describe('findCalendarView', () => {
  it('asks my calendar between two instants, up to 1000 by default, and reads calendar items only', async () => {
    const { caller, calls } = fakeCaller(
      envelope(
        'FindItem',
        '<m:RootFolder IncludesLastItemInRange="false"><t:Items><t:CalendarItem><t:ItemId Id="A"/><t:Subject>S</t:Subject></t:CalendarItem><t:Message/></t:Items></m:RootFolder>',
      ),
    );
    const r = await findCalendarView(caller, {
      start: '2026-12-01T00:00:00+01:00',
      end: '2026-12-02T00:00:00Z',
    });
    expect(r.includesLastItemInRange).toBe(false);
    expect(r.items.map((i) => [i.id, i.subject])).toEqual([['A', 'S']]);
    const body = calls[0]!.body;
    expect(body.attrs).toEqual({ Traversal: 'Shallow' });
    expect(child(child(body, 'ItemShape'), 'BaseShape')?.text).toBe('IdOnly');
    expect(
      child(child(body, 'ItemShape'), 'AdditionalProperties')?.children.map((f) => f.attrs.FieldURI),
    ).toEqual([
      'item:Subject',
      'calendar:Start',
      'calendar:End',
      'calendar:Location',
      'calendar:LegacyFreeBusyStatus',
      'calendar:IsAllDayEvent',
      'calendar:IsMeeting',
      'calendar:IsCancelled',
      'calendar:Organizer',
      'calendar:MyResponseType',
      'calendar:IsRecurring',
      'calendar:CalendarItemType',
    ]);
    expect(child(body, 'CalendarView')?.attrs).toEqual({
      MaxEntriesReturned: '1000',
      StartDate: '2026-11-30T23:00:00.000Z',
      EndDate: '2026-12-02T00:00:00.000Z',
    });
    expect(child(child(body, 'ParentFolderIds'), 'DistinguishedFolderId')?.attrs).toEqual({ Id: 'calendar' });
  });

  it('takes a smaller page, and reads an empty answer as complete', async () => {
    const { caller, calls } = fakeCaller(envelope('FindItem', '<m:RootFolder/>'));
    expect(
      await findCalendarView(caller, { start: '2026-12-01T00:00:00Z', end: '2026-12-02T00:00:00Z', max: 5 }),
    ).toEqual({
      items: [],
      includesLastItemInRange: true,
    });
    expect(child(calls[0]!.body, 'CalendarView')?.attrs.MaxEntriesReturned).toBe('5');
  });
});

describe('getCalendarItems', () => {
  it('asks all properties with an HTML body by id and change key, one item per answer', async () => {
    const { caller, calls } = fakeCaller(
      envelope(
        'GetItem',
        '<m:Items><t:CalendarItem><t:ItemId Id="A"/><t:Subject>S</t:Subject></t:CalendarItem></m:Items>',
      ),
    );
    const items = await getCalendarItems(caller, [{ id: 'A', changeKey: 'K' }]);
    expect(items.map((i) => i.subject)).toEqual(['S']);
    const body = calls[0]!.body;
    expect(kids(child(body, 'ItemShape'))).toEqual([
      ['BaseShape', 'AllProperties'],
      ['BodyType', 'HTML'],
    ]);
    expect(child(child(body, 'ItemIds'), 'ItemId')?.attrs).toEqual({ Id: 'A', ChangeKey: 'K' });
  });

  it('says not found for an answer without a calendar item, and passes an error on', async () => {
    await expect(
      getCalendarItems(fakeCaller(envelope('GetItem', '<m:Items/>')).caller, [{ id: 'A' }]),
    ).rejects.toMatchObject({
      kind: 'not-found',
      code: 'ErrorItemNotFound',
    });
    await expect(
      getCalendarItems(fakeCaller(envelope('GetItem', '', 'Error', 'ErrorAccessDenied')).caller, [
        { id: 'A' },
      ]),
    ).rejects.toMatchObject({ code: 'ErrorAccessDenied' });
  });
});

describe('cancelMeeting and deleteCalendarItem', () => {
  it('cancel tells the attendees, with an optional message, once only', async () => {
    const { caller, calls } = fakeCaller(envelope('CreateItem', ''));
    await cancelMeeting(caller, { id: 'A', changeKey: 'K' }, 'Sorry');
    expect(calls[0]!.body.attrs).toEqual({ MessageDisposition: 'SendAndSaveCopy' });
    expect(calls[0]!.options?.idempotent).toBe(false);
    const cancel = child(child(calls[0]!.body, 'Items'), 'CancelCalendarItem');
    expect(kids(cancel)).toEqual([
      ['NewBodyContent', 'Sorry'],
      ['ReferenceItemId', JSON.stringify({ Id: 'A', ChangeKey: 'K' })],
    ]);
    expect(child(cancel, 'NewBodyContent')?.attrs).toEqual({ BodyType: 'HTML' });
    const bare = fakeCaller(envelope('CreateItem', ''));
    await cancelMeeting(bare.caller, { id: 'A' });
    expect(kids(child(child(bare.calls[0]!.body, 'Items'), 'CancelCalendarItem')).map(([n]) => n)).toEqual([
      'ReferenceItemId',
    ]);
  });

  it('delete moves the item to Deleted Items and sends the cancellations', async () => {
    const { caller, calls } = fakeCaller(envelope('DeleteItem', ''));
    await deleteCalendarItem(caller, { id: 'A', changeKey: 'K' });
    expect(calls[0]!.body.attrs).toEqual({
      DeleteType: 'MoveToDeletedItems',
      SendMeetingCancellations: 'SendToAllAndSaveCopy',
    });
    expect(child(child(calls[0]!.body, 'ItemIds'), 'ItemId')?.attrs).toEqual({ Id: 'A', ChangeKey: 'K' });
  });

  it.each([
    ['cancel', (c: Parameters<typeof cancelMeeting>[0]) => cancelMeeting(c, { id: 'A' }), 'CreateItem'],
    ['delete', (c: Parameters<typeof cancelMeeting>[0]) => deleteCalendarItem(c, { id: 'A' }), 'DeleteItem'],
  ])('%s passes the server’s refusal on', async (_what, run, op) => {
    await expect(
      run(fakeCaller(envelope(op, '', 'Error', 'ErrorItemNotFound')).caller),
    ).rejects.toMatchObject({
      code: 'ErrorItemNotFound',
    });
  });
});
