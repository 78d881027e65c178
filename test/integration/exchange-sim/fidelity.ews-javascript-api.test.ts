/**
 * Fidelity: the built-in Exchange driven over HTTP by a third-party EWS client (ews-javascript-api
 * 0.15.3, a port of Microsoft's EWS Managed API). What this client can do against the simulator,
 * it can do against Exchange 2016; every answer below is parsed by the client, not by us.
 */
import { describe, expect, it } from 'vitest';
import {
  Appointment,
  AttendeeInfo,
  AvailabilityData,
  AvailabilityOptions,
  BasePropertySet,
  CalendarView,
  ConnectingIdType,
  DateTime,
  DeleteMode,
  ExchangeService,
  ExchangeVersion,
  FreeBusyViewType,
  ImpersonatedUserId,
  LegacyFreeBusyStatus,
  MeetingResponseType,
  MessageBody,
  BodyType,
  OofState,
  PropertySet,
  ResolveNameSearchLocation,
  SendCancellationsMode,
  SendInvitationsMode,
  ServiceError,
  TimeWindow,
  TimeZoneInfo,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { expandCalendar } from '../../../main/exchange-sim/org/recurrence';
import { EPOCH } from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const fx = useFidelitySim();
const { who, service } = fx;

const at = (iso: string): DateTime => new DateTime(Date.parse(iso));
const DAY = 86_400_000;
const epochMs = Date.parse(EPOCH);

/**
 * The error code the client saw: a response-message error arrives as ServiceResponseException
 * (ErrorCode); a SOAP fault as the library's SoapFaultDetails (ResponseCode).
 */
async function errorCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { ErrorCode?: number; ResponseCode?: number };
    const code = e.ResponseCode ?? e.ErrorCode;
    return code === undefined ? String(err) : (ServiceError[code] ?? String(code));
  }
  return 'no error';
}

describe('ews-javascript-api against the simulator', () => {
  it('reads ServerVersionInfo as Exchange 2016 sends it', async () => {
    const s = service('alice@contoso.test');
    await s.ResolveName('bob', ResolveNameSearchLocation.DirectoryOnly, false);
    expect(s.ServerInfo.MajorVersion).toBe(15);
    expect(s.ServerInfo.MinorVersion).toBe(1);
    expect(s.ServerInfo.VersionString).toBe('V2017_07_11');
  });

  describe('ResolveNames', () => {
    it('resolves one person with full contact data', async () => {
      const bob = who('bob@contoso.test');
      const r = await service('alice@contoso.test').ResolveName(
        'bob@contoso.test',
        ResolveNameSearchLocation.DirectoryOnly,
        true,
      );
      expect(r.Count).toBe(1);
      const hit = r._getItem(0);
      expect(hit.Mailbox.Address).toBe(bob.smtp);
      expect(hit.Mailbox.Name).toBe(bob.displayName);
      expect(hit.Contact.JobTitle).toBe(bob.title);
      expect(hit.Contact.Department).toBe(bob.department);
      expect(hit.Contact.Surname).toBe(bob.surname);
    });

    it('returns every candidate of an ambiguous name (Warning, not an error)', async () => {
      const given = who('helene.dubois@contoso.test').givenName.slice(0, 1);
      const r = await service('alice@contoso.test').ResolveName(
        given,
        ResolveNameSearchLocation.DirectoryOnly,
        false,
      );
      expect(r.Count).toBeGreaterThan(1);
      const addresses = Array.from({ length: r.Count }, (_, i) => r._getItem(i).Mailbox.Address);
      expect(new Set(addresses).size).toBe(addresses.length);
    });

    it('returns nothing for a name nobody has', async () => {
      const r = await service('alice@contoso.test').ResolveName(
        'Zzyzx Qwvb',
        ResolveNameSearchLocation.DirectoryOnly,
        false,
      );
      expect(r.Count).toBe(0);
    });
  });

  it('expands a distribution group into its members', async () => {
    const dl = fx.sim.org.groups[0];
    if (!dl) throw new Error('org has no group');
    const res = await service('alice@contoso.test').ExpandGroup(dl.smtp);
    expect(res.Members.map((m) => m.Address.toLowerCase())).toEqual(dl.members.map((m) => m.toLowerCase()));
  });

  describe('GetUserAvailability', () => {
    it('gives detailed events, working hours, and a per-mailbox error in request order', async () => {
      const bob = who('bob@contoso.test');
      const from = epochMs;
      const to = epochMs + 7 * DAY;
      const options = new AvailabilityOptions();
      options.RequestedFreeBusyView = FreeBusyViewType.DetailedMerged;
      options.MergedFreeBusyInterval = 30;
      const res = await service('alice@contoso.test').GetUserAvailability(
        [new AttendeeInfo('nobody@contoso.test'), new AttendeeInfo(bob.smtp)],
        new TimeWindow(new DateTime(from), new DateTime(to)),
        AvailabilityData.FreeBusy,
        options,
      );
      const missing = res.AttendeesAvailability.__thisIndexer(0);
      expect(ServiceError[missing.ErrorCode]).toBe('ErrorMailRecipientNotFound');
      const avail = res.AttendeesAvailability.__thisIndexer(1);
      expect(ServiceError[avail.ErrorCode]).toBe('NoError');
      // Bob's recurring series (his 1:1 with alice, a monthly reminder) count once per occurrence.
      const expected = expandCalendar(
        bob.calendar.filter((c) => !c.isCancelled),
        from,
        to,
      )
        .map((c) => Date.parse(c.start))
        .sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(0);
      expect(avail.CalendarEvents.map((e) => e.StartTime.TotalMilliSeconds)).toEqual(expected);
      expect(avail.CalendarEvents.every((e) => e.Details !== null && e.Details !== undefined)).toBe(true);
      expect(avail.MergedFreeBusyStatus.length).toBe((7 * 24 * 60) / 30);
      expect(avail.WorkingHours.StartTime.TotalMinutes).toBe(bob.workingHours.startMinutes);
      expect(avail.WorkingHours.DaysOfTheWeek.length).toBe(bob.workingHours.days.length);
    });

    it('speaks the client time zone (TimeZoneContext header) on both sides of a DST change', async () => {
      const bob = who('bob@contoso.test');
      const instants = ['2026-03-27T08:00:00.000Z', '2026-03-30T08:00:00.000Z'];
      fx.sim.control.mutate(() => {
        bob.calendar = bob.calendar.filter((c) => !c.id.startsWith('dst-'));
        for (const [i, start] of instants.entries()) {
          bob.calendar.push({
            id: `dst-${i}`,
            changeKey: '1',
            uid: `dst-${i}`,
            subject: `DST ${i}`,
            start,
            end: new Date(Date.parse(start) + 3_600_000).toISOString(),
            timeZone: 'Europe/Paris',
            isAllDay: false,
            busyType: 'Busy',
            isMeeting: false,
            isCancelled: false,
            organizer: bob.smtp,
            attendees: [],
            created: start,
          });
        }
      });
      const paris = new ExchangeService(
        ExchangeVersion.Exchange2013,
        TimeZoneInfo.FindSystemTimeZoneById('Romance Standard Time'),
      );
      paris.Credentials = new WebCredentials('alice@contoso.test', who('alice@contoso.test').password);
      paris.Url = new Uri(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`);
      const options = new AvailabilityOptions();
      options.RequestedFreeBusyView = FreeBusyViewType.Detailed;
      const res = await paris.GetUserAvailability(
        [new AttendeeInfo(bob.smtp)],
        new TimeWindow(at('2026-03-26T00:00:00Z'), at('2026-04-01T00:00:00Z')),
        AvailabilityData.FreeBusy,
        options,
      );
      const events = res.AttendeesAvailability.__thisIndexer(0).CalendarEvents.filter((e) =>
        e.Details?.Subject.startsWith('DST'),
      );
      expect(events.map((e) => e.StartTime.TotalMilliSeconds)).toEqual(instants.map((i) => Date.parse(i)));
    });

    it('refuses a window longer than 42 days', async () => {
      const code = await errorCodeOf(
        service('alice@contoso.test').GetUserAvailability(
          [new AttendeeInfo('bob@contoso.test')],
          new TimeWindow(new DateTime(epochMs), new DateTime(epochMs + 43 * DAY)),
          AvailabilityData.FreeBusy,
        ),
      );
      expect(code).toBe('ErrorTimeIntervalTooBig');
    });
  });

  describe('GetUserOofSettings and impersonation', () => {
    it('reads my own out-of-office settings', async () => {
      const bob = who('bob@contoso.test');
      const oof = await service(bob.smtp).GetUserOofSettings(bob.smtp);
      expect(OofState[oof.State]).toBe(bob.oof.state);
      expect(oof.InternalReply.Message).toBe(bob.oof.internalReply);
    });

    it('reads another mailbox only through impersonation by an account allowed to impersonate', async () => {
      const bob = who('bob@contoso.test');
      const helpdesk = service('helpdesk@contoso.test');
      helpdesk.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, bob.smtp);
      const oof = await helpdesk.GetUserOofSettings(bob.smtp);
      expect(OofState[oof.State]).toBe(bob.oof.state);

      expect(await errorCodeOf(service('helpdesk@contoso.test').GetUserOofSettings(bob.smtp))).toBe(
        'ErrorAccessDenied',
      );
      const alice = service('alice@contoso.test');
      alice.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, bob.smtp);
      expect(await errorCodeOf(alice.GetUserOofSettings(bob.smtp))).toBe('ErrorImpersonateUserDenied');
      helpdesk.ImpersonatedUserId = new ImpersonatedUserId(
        ConnectingIdType.SmtpAddress,
        'ghost@contoso.test',
      );
      expect(await errorCodeOf(helpdesk.GetUserOofSettings('ghost@contoso.test'))).toBe(
        'ErrorNonExistentMailbox',
      );
    });
  });

  describe('meetings', () => {
    const start = new Date(epochMs + 3 * DAY + 7 * 3_600_000).toISOString();
    const end = new Date(epochMs + 3 * DAY + 8 * 3_600_000).toISOString();

    async function bobsCopies(subject: string): Promise<Appointment[]> {
      const found = await service('bob@contoso.test').FindAppointments(
        WellKnownFolderName.Calendar,
        new CalendarView(at(start).AddDays(-1), at(end).AddDays(1)),
      );
      return found.Items.filter((a) => a.Subject.endsWith(subject));
    }

    async function createMeeting(subject: string): Promise<Appointment> {
      const appt = new Appointment(service('alice@contoso.test'));
      appt.Subject = subject;
      appt.Body = new MessageBody(BodyType.Text, 'Agenda: the roster.');
      appt.Location = 'Room 1';
      appt.Start = at(start);
      appt.End = at(end);
      appt.RequiredAttendees.Add('bob@contoso.test');
      appt.OptionalAttendees.Add('dave@contoso.test');
      await appt.Save(SendInvitationsMode.SendToAllAndSaveCopy);
      return appt;
    }

    it('creates a meeting whose invitation lands in the attendee calendar', async () => {
      const appt = await createMeeting('Roster sync A');
      expect(appt.Id.UniqueId).toMatch(/^[A-Za-z0-9+/=]+$/);

      const copies = await bobsCopies('Roster sync A');
      expect(copies).toHaveLength(1);
      const copy = copies[0];
      if (!copy) throw new Error('no copy');
      expect(copy.Start.TotalMilliSeconds).toBe(Date.parse(start));
      expect(copy.End.TotalMilliSeconds).toBe(Date.parse(end));
      expect(copy.Organizer.Address).toBe('alice@contoso.test');
      expect(LegacyFreeBusyStatus[copy.LegacyFreeBusyStatus]).toBe('Tentative');
      expect(MeetingResponseType[copy.MyResponseType]).toBe('NoResponseReceived');
      expect(copy.IsMeeting).toBe(true);

      const full = await Appointment.Bind(
        service('alice@contoso.test'),
        appt.Id,
        new PropertySet(BasePropertySet.FirstClassProperties),
      );
      expect(full.Subject).toBe('Roster sync A');
      expect(full.Location).toBe('Room 1');
      expect(full.RequiredAttendees.GetEnumerator().map((a) => a.Address)).toEqual(['bob@contoso.test']);
      expect(full.OptionalAttendees.GetEnumerator().map((a) => a.Address)).toEqual(['dave@contoso.test']);
      expect(MeetingResponseType[full.MyResponseType]).toBe('Organizer');
    });

    it('cancels a meeting: attendees keep a cancelled copy, the organiser none', async () => {
      const appt = await createMeeting('Roster sync B');
      // appt.CancelMeeting() sends exactly this; the library (0.15.3) then fails to build its
      // CalendarActionResults from the empty m:Items Exchange answers, so the request is sent here.
      const res = await fetch(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          authorization: `Basic ${Buffer.from(`alice@contoso.test:${who('alice@contoso.test').password}`).toString('base64')}`,
        },
        body:
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
          '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header><soap:Body>' +
          '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:CancelCalendarItem>' +
          `<t:ReferenceItemId Id="${appt.Id.UniqueId}" ChangeKey="${appt.Id.ChangeKey}"/>` +
          '<t:NewBodyContent BodyType="HTML">Sorry.</t:NewBodyContent></t:CancelCalendarItem></m:Items></m:CreateItem>' +
          '</soap:Body></soap:Envelope>',
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('ResponseClass="Success"');
      const copies = await bobsCopies('Roster sync B');
      expect(copies).toHaveLength(1);
      expect(copies[0]?.IsCancelled).toBe(true);
      const mine = await service('alice@contoso.test').FindAppointments(
        WellKnownFolderName.Calendar,
        new CalendarView(at(start), at(end)),
      );
      expect(mine.Items.filter((a) => a.Subject === 'Roster sync B')).toHaveLength(0);
    });

    it('deletes with or without cancellations as asked', async () => {
      const quiet = await createMeeting('Roster sync C');
      await quiet.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToNone);
      expect((await bobsCopies('Roster sync C')).map((a) => a.IsCancelled)).toEqual([false]);

      const loud = await createMeeting('Roster sync D');
      await loud.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToAllAndSaveCopy);
      expect((await bobsCopies('Roster sync D')).map((a) => a.IsCancelled)).toEqual([true]);
    });

    it('refuses a calendar view longer than two years', async () => {
      const code = await errorCodeOf(
        service('alice@contoso.test').FindAppointments(
          WellKnownFolderName.Calendar,
          new CalendarView(new DateTime(epochMs), new DateTime(epochMs + 800 * DAY)),
        ),
      );
      expect(code).toBe('ErrorCalendarViewRangeTooBig');
    });

    it('honours MaxEntriesReturned', async () => {
      const view = new CalendarView(new DateTime(epochMs - 14 * DAY), new DateTime(epochMs + 14 * DAY), 3);
      const res = await service('alice@contoso.test').FindAppointments(WellKnownFolderName.Calendar, view);
      expect(res.Items).toHaveLength(3);
      expect(res.MoreAvailable).toBe(true);
    });
  });

  it('surfaces ErrorServerBusy with its back-off to the client', async () => {
    fx.sim.control.setFaults({ serverBusyRate: 1, serverBusyBackOffMs: 1234 });
    try {
      let caught: unknown;
      try {
        await service('alice@contoso.test').ResolveName(
          'bob',
          ResolveNameSearchLocation.DirectoryOnly,
          false,
        );
      } catch (err) {
        caught = err;
      }
      const e = caught as {
        ResponseCode?: number;
        HttpStatusCode?: number;
        ErrorDetails?: { get(k: string): unknown };
      };
      expect(e.ResponseCode !== undefined ? ServiceError[e.ResponseCode] : String(caught)).toBe(
        'ErrorServerBusy',
      );
      expect(e.HttpStatusCode).toBe(500);
      expect(String(e.ErrorDetails?.get('BackOffMilliseconds'))).toBe('1234');
    } finally {
      fx.sim.control.resetFaults();
    }
  });
});
