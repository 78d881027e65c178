/**
 * Fidelity: recurring series in the built-in Exchange, read by a third-party EWS client
 * (ews-javascript-api, a port of Microsoft's EWS Managed API) and by Roster's own client. The
 * seeded org (seed 1, 40 people, epoch Wednesday 2026-11-25) gives alice a weekday stand-up at
 * 09:15 Paris since early October (across the 25 October clock change) with one occurrence moved
 * and one deleted, a weekly 1:1 with bob with no end, a monthly business review and dave a daily
 * on-call handover.
 */
import { describe, expect, it } from 'vitest';
import {
  Appointment,
  AppointmentType,
  AttendeeInfo,
  AvailabilityData,
  AvailabilityOptions,
  CalendarView,
  DateTime,
  DeleteMode,
  FreeBusyViewType,
  ItemId,
  PropertySet,
  Recurrence,
  SendCancellationsMode,
  TimeWindow,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { createExchangeClient, type ExchangeClient } from '../../../main/exchange';
import { encodeId } from '../../../main/exchange-sim/ews/ids';
import type { CalendarItem } from '../../../main/exchange-sim/org/types';
import { useFidelitySim } from './fidelity-sim';

const fx = useFidelitySim();
const { who, service } = fx;

function client(smtp: string): ExchangeClient {
  return createExchangeClient({
    ewsUrl: `${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    email: smtp,
    credentials: { method: 'basic', username: smtp, password: who(smtp).password },
    transportOptions: { proxy: false },
    // Demo mode's loopback http, as the app's own demo uses it.
    auth: { allowBasicOverHttp: true },
    retry: { maxAttempts: 1 },
  });
}

/** The stored series (master) in `smtp`'s calendar with that subject. */
function master(smtp: string, subject: string): CalendarItem {
  const m = who(smtp).calendar.find((c) => c.subject === subject && c.recurrence);
  if (!m) throw new Error(`no series "${subject}" for ${smtp}`);
  return m;
}

const wireId = (owner: string, item: CalendarItem): string => encodeId('item', who(owner).id, item.id);
const at = (iso: string): DateTime => new DateTime(Date.parse(iso));
const paris = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const parisTime = (ms: number): string => paris.format(ms);
const ALICE = 'alice@contoso.test';

async function calendarView(smtp: string, from: string, to: string): Promise<Appointment[]> {
  const res = await service(smtp).FindAppointments(
    WellKnownFolderName.Calendar,
    new CalendarView(at(from), at(to)),
  );
  return res.Items;
}

describe('recurring series through ews-javascript-api', () => {
  it('CalendarView expands the stand-up into weekday occurrences, each with its own id', async () => {
    const items = (await calendarView(ALICE, '2026-11-23T00:00:00Z', '2026-12-05T00:00:00Z')).filter((a) =>
      a.Subject.startsWith('Team stand-up'),
    );
    // Two working weeks, less the deleted Wednesday 2 December.
    expect(items).toHaveLength(9);
    expect(items.every((a) => a.IsRecurring)).toBe(true);
    expect(new Set(items.map((a) => a.Id.UniqueId)).size).toBe(9);
    expect(items.map((a) => parisTime(a.Start.TotalMilliSeconds))).toEqual([
      'Mon 09:15',
      'Tue 09:15',
      'Wed 09:15',
      'Thu 11:45',
      'Fri 09:15',
      'Mon 09:15',
      'Tue 09:15',
      'Thu 09:15',
      'Fri 09:15',
    ]);
    const moved = items[3];
    expect(moved?.AppointmentType).toBe(AppointmentType.Exception);
    expect(moved?.Subject).toBe('Team stand-up (after the all-hands)');
    expect(moved?.Location).toBe('Room 4.12');
    expect(items.filter((a) => a.AppointmentType === AppointmentType.Occurrence)).toHaveLength(8);
  });

  it('keeps the 09:15 Paris stand-up at 09:15 Paris across the October clock change', async () => {
    const items = (await calendarView(ALICE, '2026-10-19T00:00:00Z', '2026-10-31T00:00:00Z')).filter(
      (a) => a.Subject === 'Team stand-up',
    );
    expect(items).toHaveLength(10);
    expect(new Set(items.map((a) => parisTime(a.Start.TotalMilliSeconds).slice(4)))).toEqual(
      new Set(['09:15']),
    );
    const utc = items.map((a) => new Date(a.Start.TotalMilliSeconds).toISOString().slice(11, 16));
    expect(utc.slice(0, 5)).toEqual(['07:15', '07:15', '07:15', '07:15', '07:15']);
    expect(utc.slice(5)).toEqual(['08:15', '08:15', '08:15', '08:15', '08:15']);
  });

  it('GetItem of a master gives its weekly pattern, end date, first and last, modified and deleted occurrences', async () => {
    const m = master(ALICE, 'Team stand-up');
    const a = await Appointment.Bind(
      service(ALICE),
      new ItemId(wireId(ALICE, m)),
      PropertySet.FirstClassProperties,
    );
    expect(a.AppointmentType).toBe(AppointmentType.RecurringMaster);
    const r = a.Recurrence;
    expect(r).toBeInstanceOf(Recurrence.WeeklyPattern);
    const weekly = r as InstanceType<typeof Recurrence.WeeklyPattern>;
    expect(weekly.DaysOfTheWeek.Count).toBe(5);
    expect(Number(weekly.Interval)).toBe(1);
    expect(r.HasEnd).toBe(true);
    expect(r.StartDate.ToISOString().slice(0, 10)).toBe('2026-10-14');
    expect(r.EndDate?.ToISOString().slice(0, 10)).toBe('2027-01-20');
    expect(a.FirstOccurrence.Start.TotalMilliSeconds).toBe(Date.parse(m.start));
    expect(parisTime(a.LastOccurrence.Start.TotalMilliSeconds)).toBe('Wed 09:15');
    expect(a.ModifiedOccurrences.Count).toBe(1);
    const mod = a.ModifiedOccurrences._getItem(0);
    expect(parisTime(mod.OriginalStart.TotalMilliSeconds)).toBe('Thu 09:15');
    expect(parisTime(mod.Start.TotalMilliSeconds)).toBe('Thu 11:45');
    expect(a.DeletedOccurrences.Count).toBe(1);
    expect(new Date(a.DeletedOccurrences._getItem(0).OriginalStart.TotalMilliSeconds).toISOString()).toBe(
      '2026-12-02T08:15:00.000Z',
    );
  });

  it('reads a series with no end, a numbered monthly one and a daily one', async () => {
    const oneToOne = await Appointment.Bind(
      service(ALICE),
      new ItemId(wireId(ALICE, master(ALICE, '1:1 Alice / Bob'))),
      PropertySet.FirstClassProperties,
    );
    expect(oneToOne.Recurrence).toBeInstanceOf(Recurrence.WeeklyPattern);
    expect(oneToOne.Recurrence.HasEnd).toBe(false);
    expect(oneToOne.LastOccurrence).toBeFalsy();

    const organizer = master('helene.dubois@contoso.test', 'Monthly business review');
    const review = await Appointment.Bind(
      service('helene.dubois@contoso.test'),
      new ItemId(wireId('helene.dubois@contoso.test', organizer)),
      PropertySet.FirstClassProperties,
    );
    expect(review.Recurrence).toBeInstanceOf(Recurrence.RelativeMonthlyPattern);
    expect(review.Recurrence.NumberOfOccurrences).toBe(12);

    const handover = await Appointment.Bind(
      service('dave@contoso.test'),
      new ItemId(wireId('dave@contoso.test', master('dave@contoso.test', 'On-call handover'))),
      PropertySet.FirstClassProperties,
    );
    expect(handover.Recurrence).toBeInstanceOf(Recurrence.DailyPattern);
    expect(handover.DeletedOccurrences.Count).toBe(1);
  });

  it('binds to an occurrence by index and back to its master', async () => {
    const m = master(ALICE, 'Team stand-up');
    const third = await Appointment.BindToOccurrence(service(ALICE), new ItemId(wireId(ALICE, m)), 3);
    expect(third.AppointmentType).toBe(AppointmentType.Occurrence);
    expect(parisTime(third.Start.TotalMilliSeconds)).toBe('Fri 09:15');
    const back = await Appointment.BindToRecurringMaster(service(ALICE), third.Id);
    expect(back.Id.UniqueId).toBe(wireId(ALICE, m));
    await expect(
      Appointment.BindToOccurrence(service(ALICE), new ItemId(wireId(ALICE, m)), 999),
    ).rejects.toBeTruthy();
  });

  it('GetUserAvailability lists the occurrences as recurring, the moved one as an exception', async () => {
    const options = new AvailabilityOptions();
    options.RequestedFreeBusyView = FreeBusyViewType.Detailed;
    const res = await service(ALICE).GetUserAvailability(
      [new AttendeeInfo(ALICE)],
      new TimeWindow(at('2026-11-23T00:00:00Z'), at('2026-11-28T00:00:00Z')),
      AvailabilityData.FreeBusy,
      options,
    );
    const events = res.AttendeesAvailability.__thisIndexer(0).CalendarEvents.filter((e) =>
      e.Details?.Subject.startsWith('Team stand-up'),
    );
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.Details.IsRecurring)).toBe(true);
    expect(events.map((e) => e.Details.IsException)).toEqual([false, false, false, true, false]);
  });

  it('deletes one occurrence: gone from the view, listed in the master and in the attendee copies', async () => {
    const m = master(ALICE, 'Team stand-up');
    const before = await calendarView(ALICE, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z');
    const monday = before.find((a) => a.Subject === 'Team stand-up');
    if (!monday) throw new Error('no Monday stand-up');
    await monday.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToAllAndSaveCopy);
    const after = await calendarView(ALICE, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(after.some((a) => a.Subject === 'Team stand-up')).toBe(false);
    expect(m.deletedOccurrences).toContain('2026-11-30T08:15:00.000Z');
    const attendee = m.attendees[0];
    if (!attendee) throw new Error('the stand-up has no attendee');
    const copy = who(attendee.smtp).calendar.find((c) => c.uid === m.id);
    expect(copy?.deletedOccurrences).toContain('2026-11-30T08:15:00.000Z');
  });
});

describe('recurring series through Roster’s client', () => {
  it('reads occurrences in a calendar view and the master’s recurrence', async () => {
    const c = client(ALICE);
    try {
      const view = await c.findCalendarView({ start: '2026-11-26T00:00:00Z', end: '2026-11-27T00:00:00Z' });
      const standUp = view.items.find((i) => i.subject.startsWith('Team stand-up'));
      expect(standUp).toMatchObject({
        itemType: 'Exception',
        isRecurring: true,
        start: '2026-11-26T10:45:00.000Z',
      });
      const single = view.items.find((i) => !i.isRecurring);
      expect(single?.itemType).toBe('Single');
      const m = master(ALICE, 'Team stand-up');
      const [read] = await c.getCalendarItems([{ id: wireId(ALICE, m) }]);
      expect(read).toMatchObject({
        itemType: 'RecurringMaster',
        isRecurring: true,
        recurrence: {
          pattern: {
            kind: 'Weekly',
            interval: 1,
            daysOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
            firstDayOfWeek: 'Monday',
          },
          range: { kind: 'EndDate', startDate: '2026-10-14', endDate: '2027-01-20' },
        },
        firstOccurrence: { start: m.start },
        modifiedOccurrences: [
          { originalStart: '2026-11-26T08:15:00.000Z', start: '2026-11-26T10:45:00.000Z' },
        ],
      });
      expect(read?.deletedOccurrences).toContain('2026-12-02T08:15:00.000Z');
    } finally {
      await c.close();
    }
  });

  it('sees occurrences in GetUserAvailability, flagged recurring', async () => {
    const c = client(ALICE);
    try {
      const [mine] = await c.getUserAvailability({
        mailboxes: [ALICE],
        start: '2026-11-26T00:00:00Z',
        end: '2026-11-27T00:00:00Z',
      });
      const standUp = mine?.events.find((e) => e.subject?.startsWith('Team stand-up'));
      expect(standUp).toMatchObject({
        isRecurring: true,
        isException: true,
        start: '2026-11-26T10:45:00.000Z',
      });
    } finally {
      await c.close();
    }
  });
});
