import { describe, expect, it } from 'vitest';
import type { EwsCall } from '../../../../../main/exchange-sim/ews/types';
import { at, child, children, code, makeCall, makeOrg, message, names, person, send } from './helpers';
import { expandCalendar } from '../../../../../main/exchange-sim/org/recurrence';

interface MeetingOptions {
  mode?: string | null;
  subject?: string;
  start?: string;
  end?: string;
  extra?: string;
  attendees?: string[];
}

function createXml(o: MeetingOptions = {}): string {
  const mode = o.mode === undefined ? 'SendToAllAndSaveCopy' : o.mode;
  const attendees = (o.attendees ?? ['bob@contoso.test'])
    .map((a) => `<t:Attendee><t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox></t:Attendee>`)
    .join('');
  return (
    `<m:CreateItem${mode === null ? '' : ` SendMeetingInvitations="${mode}"`}><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items><t:CalendarItem>` +
    `<t:Subject>${o.subject ?? 'Plan'}</t:Subject><t:Body BodyType="HTML">&lt;p&gt;Agenda&lt;/p&gt;</t:Body>` +
    `<t:Start>${o.start ?? '2026-12-02T10:00:00Z'}</t:Start><t:End>${o.end ?? '2026-12-02T11:00:00Z'}</t:End><t:Location>Room 7</t:Location>` +
    (attendees ? `<t:RequiredAttendees>${attendees}</t:RequiredAttendees>` : '') +
    `${o.extra ?? ''}</t:CalendarItem></m:Items></m:CreateItem>`
  );
}

async function create(call: EwsCall, o: MeetingOptions = {}): Promise<{ id: string; changeKey: string }> {
  const msg = message((await send(call, createXml(o))).body);
  expect(code(msg)).toBe('NoError');
  const id = at(msg, 'Items', 'CalendarItem', 'ItemId');
  return { id: id.attrs.Id ?? '', changeKey: id.attrs.ChangeKey ?? '' };
}

const getItem = (id: string, shape: string, extra = ''): string =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${shape}</t:BaseShape>${extra}</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

const calendarView = (start: string, end: string, max = ''): string =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:CalendarView${max ? ` MaxEntriesReturned="${max}"` : ''} StartDate="${start}" EndDate="${end}"/><m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>`;

const cancelXml = (id: string, changeKey: string, disposition: string | null = 'SendAndSaveCopy'): string =>
  `<m:CreateItem${disposition ? ` MessageDisposition="${disposition}"` : ''}><m:Items><t:CancelCalendarItem><t:ReferenceItemId Id="${id}" ChangeKey="${changeKey}"/></t:CancelCalendarItem></m:Items></m:CreateItem>`;

const deleteXml = (id: string, cancellations: string | null): string =>
  `<m:DeleteItem DeleteType="MoveToDeletedItems"${cancellations ? ` SendMeetingCancellations="${cancellations}"` : ''}><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`;

function copiesOf(call: EwsCall, smtp: string, subject: string): number {
  return person(call.org, smtp).calendar.filter((c) => c.subject.endsWith(subject)).length;
}

describe('CreateItem (calendar)', () => {
  it('requires SendMeetingInvitations', async () => {
    const msg = message(
      (await send(makeCall(makeOrg(), 'alice@contoso.test'), createXml({ mode: null }))).body,
    );
    expect(msg.attrs.ResponseClass).toBe('Error');
    expect(code(msg)).toBe('ErrorSendMeetingInvitationsRequired');
  });

  it('puts a tentative copy in each attendee calendar unless told SendToNone', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    await create(call, { subject: 'Quiet', mode: 'SendToNone' });
    expect(copiesOf(call, 'bob@contoso.test', 'Quiet')).toBe(0);
    expect(copiesOf(call, 'alice@contoso.test', 'Quiet')).toBe(1);
    await create(call, {
      subject: 'Loud',
      mode: 'SendOnlyToAll',
      attendees: ['bob@contoso.test', 'dave@contoso.test', 'outsider@example.org'],
    });
    expect(copiesOf(call, 'bob@contoso.test', 'Loud')).toBe(1);
    expect(copiesOf(call, 'dave@contoso.test', 'Loud')).toBe(1);
    expect(person(call.org, 'bob@contoso.test').calendar.find((c) => c.subject === 'Loud')?.busyType).toBe(
      'Tentative',
    );
  });

  it('reads wall-clock Start/End in StartTimeZone', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    await create(call, {
      subject: 'Zoned',
      start: '2026-07-01T09:00:00',
      end: '2026-07-01T10:00:00',
      extra: '<t:StartTimeZone Id="Pacific Standard Time"/>',
    });
    const item = person(call.org, 'alice@contoso.test').calendar.find((c) => c.subject === 'Zoned');
    expect(item?.start).toBe('2026-07-01T16:00:00.000Z');
    expect(item?.timeZone).toBe('America/Los_Angeles');
  });

  it('refuses an end before the start and a non-calendar folder', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(
      code(
        message(
          (await send(call, createXml({ start: '2026-12-02T11:00:00Z', end: '2026-12-02T10:00:00Z' }))).body,
        ),
      ),
    ).toBe('ErrorCalendarEndDateIsEarlierThanStartDate');
    const inbox = createXml().replace('Id="calendar"', 'Id="inbox"');
    expect(code(message((await send(call, inbox)).body))).toBe(
      'ErrorCannotCreateCalendarItemInNonCalendarFolder',
    );
  });

  it('keeps IsOnlineMeeting and OnlineMeetingSettings, returned by GetItem AllProperties', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const { id } = await create(call, {
      subject: 'Online',
      extra:
        '<t:IsOnlineMeeting>true</t:IsOnlineMeeting><t:OnlineMeetingSettings><t:LobbyBypass>EnabledForGatewayParticipants</t:LobbyBypass><t:AccessLevel>Internal</t:AccessLevel><t:Presenters>Everyone</t:Presenters></t:OnlineMeetingSettings>',
    });
    const item = at(message((await send(call, getItem(id, 'AllProperties'))).body), 'Items', 'CalendarItem');
    expect(at(item, 'IsOnlineMeeting').text).toBe('true');
    expect(names(at(item, 'OnlineMeetingSettings'))).toEqual(['LobbyBypass', 'AccessLevel', 'Presenters']);
    expect(at(item, 'OnlineMeetingSettings', 'AccessLevel').text).toBe('Internal');
  });
});

describe('GetItem shapes', () => {
  it('IdOnly, Default and AllProperties give growing property sets in schema order', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const { id } = await create(call, { subject: 'Shapes' });
    const item = async (shape: string, extra = ''): Promise<string[]> =>
      names(at(message((await send(call, getItem(id, shape, extra))).body), 'Items', 'CalendarItem'));
    expect(await item('IdOnly')).toEqual(['ItemId']);
    expect(
      await item(
        'IdOnly',
        '<t:AdditionalProperties><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties>',
      ),
    ).toEqual(['ItemId', 'Subject', 'Start']);
    const def = await item('Default');
    expect(def).toContain('Start');
    expect(def).not.toContain('Body');
    const all = await item('AllProperties');
    expect(all).toEqual(expect.arrayContaining(['Body', 'RequiredAttendees', 'Organizer', 'MyResponseType']));
    expect(all.indexOf('Subject')).toBeLessThan(all.indexOf('Start'));
    expect(all.indexOf('Start')).toBeLessThan(all.indexOf('Organizer'));
  });

  it('gives a text body when asked for Text', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const { id } = await create(call);
    const item = at(
      message((await send(call, getItem(id, 'AllProperties', '<t:BodyType>Text</t:BodyType>'))).body),
      'Items',
      'CalendarItem',
    );
    expect(at(item, 'Body').attrs.BodyType).toBe('Text');
    expect(at(item, 'Body').text).toBe('Agenda');
  });

  it('refuses malformed, foreign and vanished ids with Exchange’s codes', async () => {
    const org = makeOrg();
    const alice = makeCall(org, 'alice@contoso.test');
    const { id } = await create(alice);
    expect(code(message((await send(alice, getItem('garbage!', 'IdOnly'))).body))).toBe(
      'ErrorInvalidIdMalformed',
    );
    expect(code(message((await send(alice, getItem('', 'IdOnly'))).body))).toBe('ErrorInvalidIdEmpty');
    expect(code(message((await send(makeCall(org, 'bob@contoso.test'), getItem(id, 'IdOnly'))).body))).toBe(
      'ErrorAccessDenied',
    );
    await send(alice, deleteXml(id, 'SendToNone'));
    expect(code(message((await send(alice, getItem(id, 'IdOnly'))).body))).toBe('ErrorItemNotFound');
  });

  it('escapes a hostile subject', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const { id } = await create(call, { subject: '&lt;img src=x onerror=alert(1)&gt; &amp;' });
    const res = await send(call, getItem(id, 'Default'));
    expect(res.raw).not.toContain('<img');
    expect(at(message(res.body), 'Items', 'CalendarItem', 'Subject').text).toBe(
      '<img src=x onerror=alert(1)> &',
    );
  });
});

describe('FindItem CalendarView', () => {
  it('returns the items overlapping the range, by start, capped by MaxEntriesReturned', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'alice@contoso.test');
    const alice = person(org, 'alice@contoso.test');
    const from = Date.parse(org.epoch) - 7 * 86_400_000;
    const to = Date.parse(org.epoch) + 7 * 86_400_000;
    // Recurring series count once per occurrence in the range.
    const expected = expandCalendar(alice.calendar, from, to).length;
    expect(expected).toBeGreaterThan(
      alice.calendar.filter((c) => Date.parse(c.end) > from && Date.parse(c.start) < to).length,
    );
    const all = message(
      (await send(call, calendarView(new Date(from).toISOString(), new Date(to).toISOString()))).body,
    );
    const items = children(at(all, 'RootFolder', 'Items'));
    expect(items).toHaveLength(expected);
    const starts = items.map((i) => Date.parse(at(i, 'Start').text));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(at(all, 'RootFolder').attrs.IncludesLastItemInRange).toBe('true');
    const capped = message(
      (await send(call, calendarView(new Date(from).toISOString(), new Date(to).toISOString(), '2'))).body,
    );
    expect(children(at(capped, 'RootFolder', 'Items'))).toHaveLength(2);
    expect(at(capped, 'RootFolder').attrs.IncludesLastItemInRange).toBe('false');
  });

  it('refuses a range over two years, a reversed range and properties FindItem cannot give', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(
      code(message((await send(call, calendarView('2026-01-01T00:00:00Z', '2028-01-03T00:00:00Z'))).body)),
    ).toBe('ErrorCalendarViewRangeTooBig');
    expect(
      code(message((await send(call, calendarView('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z'))).body)),
    ).toBe('ErrorCalendarEndDateIsEarlierThanStartDate');
    const withBody = calendarView('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z').replace(
      '<t:BaseShape>Default</t:BaseShape>',
      '<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties>',
    );
    expect(code(message((await send(call, withBody)).body))).toBe('ErrorInvalidPropertyRequest');
  });

  it('refuses someone else’s calendar without delegate rights', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const other = calendarView('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z').replace(
      '<t:DistinguishedFolderId Id="calendar"/>',
      '<t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>',
    );
    expect(code(message((await send(call, other)).body))).toBe('ErrorAccessDenied');
  });
});

describe('cancelling and deleting meetings', () => {
  it('CancelCalendarItem cancels attendee copies and removes the organiser item', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const { id, changeKey } = await create(call, { subject: 'Doomed' });
    const msg = message((await send(call, cancelXml(id, changeKey))).body);
    expect(code(msg)).toBe('NoError');
    expect(children(at(msg, 'Items'))).toHaveLength(0);
    const copy = person(call.org, 'bob@contoso.test').calendar.find((c) => c.subject.endsWith('Doomed'));
    expect(copy).toMatchObject({ isCancelled: true, subject: 'Canceled: Doomed', busyType: 'Free' });
    expect(copiesOf(call, 'alice@contoso.test', 'Doomed')).toBe(0);
  });

  it('refuses a stale change key, a missing MessageDisposition, and a non-organiser', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'alice@contoso.test');
    const { id, changeKey } = await create(call, { subject: 'Kept' });
    const stale = Buffer.from([0x10, 0x46, 0, 0, ...Buffer.from('999')]).toString('base64');
    expect(code(message((await send(call, cancelXml(id, stale))).body))).toBe('ErrorIrresolvableConflict');
    expect(code(message((await send(call, cancelXml(id, changeKey, null))).body))).toBe(
      'ErrorMessageDispositionRequired',
    );
    const bobCall = makeCall(org, 'bob@contoso.test');
    const bobCopy = at(
      message((await send(bobCall, calendarView('2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'))).body),
      'RootFolder',
      'Items',
    );
    const copyId = children(bobCopy).find((i) => at(i, 'Subject').text === 'Kept');
    const ref = copyId && at(copyId, 'ItemId');
    expect(
      code(message((await send(bobCall, cancelXml(ref?.attrs.Id ?? '', ref?.attrs.ChangeKey ?? ''))).body)),
    ).toBe('ErrorCalendarIsNotOrganizer');
    expect(copiesOf(call, 'bob@contoso.test', 'Kept')).toBe(1);
  });

  it('DeleteItem needs SendMeetingCancellations and honours it', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    const a = await create(call, { subject: 'Gone quietly' });
    expect(code(message((await send(call, deleteXml(a.id, null))).body))).toBe(
      'ErrorSendMeetingCancellationsRequired',
    );
    expect(code(message((await send(call, deleteXml(a.id, 'SendToNone'))).body))).toBe('NoError');
    expect(
      person(call.org, 'bob@contoso.test').calendar.find((c) => c.subject === 'Gone quietly')?.isCancelled,
    ).toBe(false);
    const b = await create(call, { subject: 'Gone loudly' });
    await send(call, deleteXml(b.id, 'SendToAllAndSaveCopy'));
    expect(
      person(call.org, 'bob@contoso.test').calendar.find((c) => c.subject.endsWith('Gone loudly'))
        ?.isCancelled,
    ).toBe(true);
    expect(code(message((await send(call, deleteXml(b.id, 'SendToNone'))).body))).toBe('ErrorItemNotFound');
  });

  it('an attendee deleting a copy touches nobody else', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'alice@contoso.test');
    await create(call, { subject: 'Mine', attendees: ['bob@contoso.test', 'dave@contoso.test'] });
    const bobCall = makeCall(org, 'bob@contoso.test');
    const items = at(
      message((await send(bobCall, calendarView('2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'))).body),
      'RootFolder',
      'Items',
    );
    const mine = children(items).find((i) => at(i, 'Subject').text === 'Mine');
    expect(mine && child(mine, 'MyResponseType')?.text).toBe('NoResponseReceived');
    await send(bobCall, deleteXml((mine && at(mine, 'ItemId').attrs.Id) ?? '', 'SendToAllAndSaveCopy'));
    expect(copiesOf(call, 'bob@contoso.test', 'Mine')).toBe(0);
    expect(person(org, 'dave@contoso.test').calendar.find((c) => c.subject === 'Mine')?.isCancelled).toBe(
      false,
    );
    expect(copiesOf(call, 'alice@contoso.test', 'Mine')).toBe(1);
  });
});
