/**
 * Fidelity: UpdateItem on calendar items, driven by ews-javascript-api (Appointment.Update) and by
 * documented request XML: field updates reach the attendees' copies when invitations are sent, the
 * ChangeKey decides NeverOverwrite / AutoResolve / AlwaysOverwrite, and a change to one occurrence
 * becomes an exception of its series.
 */
import { describe, expect, it } from 'vitest';
import {
  Appointment,
  AppointmentType,
  Contact,
  CalendarView,
  ConflictResolutionMode,
  DateTime,
  ItemId,
  PropertySet,
  SendInvitationsOrCancellationsMode,
  ServiceError,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { encodeChangeKey, encodeId } from '../../../main/exchange-sim/ews/ids';
import type { CalendarItem } from '../../../main/exchange-sim/org/types';
import {
  at,
  children,
  makeCall,
  makeOrg,
  message,
  code,
  send,
} from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const fx = useFidelitySim();
const { who, service } = fx;
const ALICE = 'alice@contoso.test';

/** One of alice's own single meetings with attendees. */
function aliceMeeting(): CalendarItem {
  const m = who(ALICE).calendar.find(
    (c) => c.isMeeting && c.uid === c.id && !c.recurrence && c.attendees.length > 0,
  );
  if (!m) throw new Error('alice organises no meeting');
  return m;
}

const idOf = (smtp: string, c: CalendarItem): ItemId => new ItemId(encodeId('item', who(smtp).id, c.id));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { ErrorCode?: number };
    return e.ErrorCode === undefined ? String(err) : (ServiceError[e.ErrorCode] ?? String(e.ErrorCode));
  }
  return 'NoError';
}

describe('UpdateItem through ews-javascript-api', () => {
  it('updates subject and location, and the attendees’ copies when invitations are sent', async () => {
    const m = aliceMeeting();
    const a = await Appointment.Bind(service(ALICE), idOf(ALICE, m), PropertySet.FirstClassProperties);
    a.Subject = 'Budget review (moved rooms)';
    a.Location = 'Room 9.01';
    await a.Update(
      ConflictResolutionMode.AlwaysOverwrite,
      SendInvitationsOrCancellationsMode.SendToAllAndSaveCopy,
    );
    const again = await Appointment.Bind(service(ALICE), idOf(ALICE, m), PropertySet.FirstClassProperties);
    expect(again.Subject).toBe('Budget review (moved rooms)');
    expect(again.Location).toBe('Room 9.01');
    const attendee = m.attendees[0];
    if (!attendee) throw new Error('no attendee');
    const copy = who(attendee.smtp).calendar.find((c) => c.uid === m.id);
    expect(copy?.subject).toBe('Budget review (moved rooms)');
    expect(copy?.location).toBe('Room 9.01');
  });

  it('refuses a stale ChangeKey with NeverOverwrite, accepts it with AutoResolve and AlwaysOverwrite', async () => {
    const m = aliceMeeting();
    const first = await Appointment.Bind(service(ALICE), idOf(ALICE, m), PropertySet.FirstClassProperties);
    const stale = await Appointment.Bind(service(ALICE), idOf(ALICE, m), PropertySet.FirstClassProperties);
    first.Subject = 'First writer';
    await first.Update(ConflictResolutionMode.AlwaysOverwrite, SendInvitationsOrCancellationsMode.SendToNone);
    stale.Subject = 'Second writer';
    expect(
      await codeOf(
        stale.Update(ConflictResolutionMode.NeverOverwrite, SendInvitationsOrCancellationsMode.SendToNone),
      ),
    ).toBe('ErrorIrresolvableConflict');
    expect(m.subject).toBe('First writer');
    expect(
      await codeOf(
        stale.Update(ConflictResolutionMode.AutoResolve, SendInvitationsOrCancellationsMode.SendToNone),
      ),
    ).toBe('NoError');
    expect(m.subject).toBe('Second writer');
  });

  it('moves one occurrence of a series: it becomes an exception, the series keeps the others', async () => {
    const s = service(ALICE);
    const view = await s.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(
        new DateTime(Date.parse('2026-11-30T00:00:00Z')),
        new DateTime(Date.parse('2026-12-01T00:00:00Z')),
      ),
    );
    const occ = view.Items.find((x) => x.Subject === 'Team stand-up');
    if (!occ) throw new Error('no stand-up on Monday');
    const a = await Appointment.Bind(s, occ.Id, PropertySet.FirstClassProperties);
    expect(a.AppointmentType).toBe(AppointmentType.Occurrence);
    a.Start = new DateTime(Date.parse('2026-11-30T13:00:00Z'));
    a.End = new DateTime(Date.parse('2026-11-30T13:15:00Z'));
    await a.Update(
      ConflictResolutionMode.AutoResolve,
      SendInvitationsOrCancellationsMode.SendToAllAndSaveCopy,
    );
    const after = await s.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(
        new DateTime(Date.parse('2026-11-30T00:00:00Z')),
        new DateTime(Date.parse('2026-12-01T00:00:00Z')),
      ),
    );
    const moved = after.Items.filter((x) => x.Subject === 'Team stand-up');
    expect(moved).toHaveLength(1);
    expect(moved[0]?.AppointmentType).toBe(AppointmentType.Exception);
    expect(moved[0]?.Start.TotalMilliSeconds).toBe(Date.parse('2026-11-30T13:00:00Z'));
    const master = who(ALICE).calendar.find((c) => c.subject === 'Team stand-up' && c.recurrence);
    expect(master?.modifiedOccurrences?.map((x) => x.start)).toContain('2026-11-30T13:00:00.000Z');
  });
});

describe('UpdateItem on an IM-list contact', () => {
  it('renames a contact through ews-javascript-api and refuses a stale ChangeKey with NeverOverwrite', async () => {
    const persona = who(ALICE).imList.personas[0];
    if (!persona) throw new Error('alice has no contact');
    const id = new ItemId(encodeId('contact', who(ALICE).id, persona.id));
    const c = await Contact.Bind(service(ALICE), id, PropertySet.FirstClassProperties);
    const stale = await Contact.Bind(service(ALICE), id, PropertySet.FirstClassProperties);
    c.DisplayName = 'Renamed by the user';
    await c.Update(ConflictResolutionMode.AutoResolve);
    expect(persona.displayName).toBe('Renamed by the user');
    stale.DisplayName = 'Stale rename';
    expect(await codeOf(stale.Update(ConflictResolutionMode.NeverOverwrite))).toBe(
      'ErrorIrresolvableConflict',
    );
    expect(persona.displayName).toBe('Renamed by the user');
  });
});

describe('UpdateItem, documented request XML', () => {
  const update = (id: string, changeKey: string, updates: string, conflict = 'AlwaysOverwrite'): string =>
    `<m:UpdateItem ConflictResolution="${conflict}" SendMeetingInvitationsOrCancellations="SendToNone" MessageDisposition="SaveOnly">` +
    `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}" ChangeKey="${changeKey}"/><t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

  it('appends to the body, deletes the location, and refuses what it cannot do with the documented codes', async () => {
    const org = makeOrg();
    const call = makeCall(org, ALICE);
    const m = org.people.find((p) => p.smtp === ALICE)?.calendar.find((c) => c.isMeeting && !c.recurrence);
    if (!m) throw new Error('no meeting');
    const id = encodeId('item', call.caller.id, m.id);
    const ck = () => encodeChangeKey('item', m.changeKey);
    const ok = message(
      (
        await send(
          call,
          update(
            id,
            ck(),
            '<t:AppendToItemField><t:FieldURI FieldURI="item:Body"/><t:CalendarItem><t:Body BodyType="HTML">&lt;p&gt;Dial-in added&lt;/p&gt;</t:Body></t:CalendarItem></t:AppendToItemField>' +
              '<t:DeleteItemField><t:FieldURI FieldURI="calendar:Location"/></t:DeleteItemField>',
          ),
        )
      ).body,
    );
    expect(code(ok)).toBe('NoError');
    expect(children(at(ok, 'Items'))[0]?.local).toBe('CalendarItem');
    expect(at(ok, 'ConflictResults', 'Count').text).toBe('0');
    expect(m.body?.endsWith('<p>Dial-in added</p>')).toBe(true);
    expect(m.location).toBe('');

    const cases: [string, string, string][] = [
      [
        'a property it does not update',
        '<t:SetItemField><t:FieldURI FieldURI="item:Importance"/><t:CalendarItem><t:Importance>High</t:Importance></t:CalendarItem></t:SetItemField>',
        'ErrorInvalidPropertySet',
      ],
      [
        'two properties in one SetItemField',
        '<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>a</t:Subject><t:Location>b</t:Location></t:CalendarItem></t:SetItemField>',
        'ErrorIncorrectUpdatePropertyCount',
      ],
      [
        'deleting the subject',
        '<t:DeleteItemField><t:FieldURI FieldURI="item:Subject"/></t:DeleteItemField>',
        'ErrorInvalidPropertyDelete',
      ],
      [
        'appending to the location',
        '<t:AppendToItemField><t:FieldURI FieldURI="calendar:Location"/><t:CalendarItem><t:Location>x</t:Location></t:CalendarItem></t:AppendToItemField>',
        'ErrorInvalidPropertyAppend',
      ],
      [
        'an end before the start',
        '<t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>2000-01-01T00:00:00Z</t:End></t:CalendarItem></t:SetItemField>',
        'ErrorCalendarEndDateIsEarlierThanStartDate',
      ],
    ];
    for (const [name, updates, want] of cases) {
      const msg = message((await send(call, update(id, ck(), updates))).body);
      expect(`${name}: ${code(msg) ?? ''}`).toBe(`${name}: ${want}`);
    }
    const noKey = message(
      (
        await send(
          call,
          update(
            id,
            '',
            '<t:DeleteItemField><t:FieldURI FieldURI="calendar:Location"/></t:DeleteItemField>',
            'NeverOverwrite',
          ),
        )
      ).body,
    );
    expect(code(noKey)).toBe('ErrorChangeKeyRequiredForWriteOperations');
  });
});
