/**
 * calendar.ts as it reads from the tree (no fast reader), field by field with toStrictEqual: what
 * is trimmed, what is left out when absent, the series fields, recurrence ranges it refuses; and
 * the operation names, options and messages the request tests leave open.
 */
import { describe, expect, it } from 'vitest';
import {
  calendarItemType,
  cancelMeeting,
  createMeeting,
  deleteCalendarItem,
  findCalendarView,
  getCalendarItems,
  readCalendarItem,
  readDeletedOccurrences,
  readModifiedOccurrences,
  readRecurrence,
  respondToMeeting,
  type MeetingAnswer,
} from '../../../../../main/exchange/operations/calendar';
import { fastCalendarItems } from '../../../../../main/exchange/fast/calendar';
import { child, parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

const NS = 'xmlns="http://schemas.microsoft.com/exchange/services/2006/types"';
const item = (inner: string) => readCalendarItem(parseXml(`<CalendarItem ${NS}>${inner}</CalendarItem>`));
const recurrence = (inner: string) => readRecurrence(parseXml(`<Recurrence ${NS}>${inner}</Recurrence>`));

describe('readCalendarItem', () => {
  it('reads an empty item as its defaults, nothing more', () => {
    expect(item('')).toStrictEqual({
      id: '',
      subject: '',
      start: '',
      end: '',
      isAllDay: false,
      required: [],
      optional: [],
    });
  });

  it('trims what it reads, and leaves out blank fields', () => {
    expect(
      item(
        '<ItemId Id="A"/><Location> </Location><LegacyFreeBusyStatus> Busy </LegacyFreeBusyStatus><IsMeeting> true </IsMeeting>' +
          '<Organizer><Mailbox><EmailAddress> o@x </EmailAddress><Name> </Name></Mailbox></Organizer>' +
          '<MyResponseType> Accept </MyResponseType><JoinOnlineMeetingUrl> https://join.x/1 </JoinOnlineMeetingUrl>' +
          '<RequiredAttendees><Attendee><Mailbox><EmailAddress> a@x </EmailAddress><Name> Ann </Name></Mailbox><ResponseType> Tentative </ResponseType></Attendee>' +
          '<Attendee/><Other/></RequiredAttendees>' +
          '<CalendarItemType> Occurrence </CalendarItemType><IsRecurring> true </IsRecurring>',
      ),
    ).toStrictEqual({
      id: 'A',
      subject: '',
      start: '',
      end: '',
      isAllDay: false,
      busyType: 'Busy',
      isMeeting: true,
      organizer: { email: 'o@x' },
      myResponse: 'Accept',
      joinOnlineMeetingUrl: 'https://join.x/1',
      required: [{ email: 'a@x', name: 'Ann', response: 'Tentative' }, { email: '' }],
      optional: [],
      itemType: 'Occurrence',
      isRecurring: true,
    });
  });

  it.each<[string, string, boolean | undefined]>([
    ['true', '<IsRecurring> true </IsRecurring>', true],
    ['false', '<IsRecurring>false</IsRecurring>', false],
    ['absent', '', undefined],
  ])('IsRecurring %s', (_name, xml, isRecurring) => {
    expect(item(xml).isRecurring).toBe(isRecurring);
  });

  it.each<[string, string, string | undefined]>([
    [
      'OriginalStart before RecurrenceId',
      '<OriginalStart>2026-12-01T09:00:00Z</OriginalStart><RecurrenceId>2026-12-02T09:00:00Z</RecurrenceId>',
      '2026-12-01T09:00:00.000Z',
    ],
    [
      'RecurrenceId without OriginalStart',
      '<RecurrenceId>2026-12-02T09:00:00Z</RecurrenceId>',
      '2026-12-02T09:00:00.000Z',
    ],
    ['neither', '', undefined],
  ])('an original start: %s', (_name, xml, originalStart) => {
    expect(item(xml).originalStart).toBe(originalStart);
  });

  it('refuses an unknown kind of item, saying so', () => {
    expect(() => calendarItemType('Bogus')).toThrow(
      expect.objectContaining({
        kind: 'server',
        message: 'The server sent a calendar item of an unknown kind.',
        code: 'ErrorSchemaValidation',
      }) as Error,
    );
  });
});

describe('occurrence lists', () => {
  it('reads modified occurrences only, an empty one as empty times', () => {
    expect(
      readModifiedOccurrences(
        parseXml(`<ModifiedOccurrences ${NS}><Occurrence/><Other/></ModifiedOccurrences>`),
      ),
    ).toStrictEqual([{ id: '', start: '', end: '', originalStart: '' }]);
  });

  it('reads deleted occurrences only, one without a start as empty', () => {
    expect(
      readDeletedOccurrences(
        parseXml(
          `<DeletedOccurrences ${NS}><DeletedOccurrence><Start>2026-12-01T09:00:00Z</Start></DeletedOccurrence><DeletedOccurrence/><Other/></DeletedOccurrences>`,
        ),
      ),
    ).toStrictEqual(['2026-12-01T09:00:00.000Z', '']);
  });
});

describe('readRecurrence', () => {
  const noEnd = '<NoEndRecurrence><StartDate>2027-01-05</StartDate></NoEndRecurrence>';

  it('reads a pattern with only an interval as that, nothing more', () => {
    expect(recurrence(`<DailyRecurrence><Interval>2</Interval></DailyRecurrence>${noEnd}`)).toStrictEqual({
      pattern: { kind: 'Daily', interval: 2 },
      range: { kind: 'NoEnd', startDate: '2027-01-05' },
    });
  });

  it('trims every text of a pattern, and splits days at any blanks', () => {
    expect(
      recurrence(
        '<RelativeYearlyRecurrence><DaysOfWeek> Monday  Friday </DaysOfWeek><FirstDayOfWeek> Monday </FirstDayOfWeek>' +
          '<DayOfWeekIndex> First </DayOfWeekIndex><Month> May </Month></RelativeYearlyRecurrence>' +
          '<Other/><NoEndRecurrence><StartDate> 2027-01-05+01:00 </StartDate></NoEndRecurrence>',
      ),
    ).toStrictEqual({
      pattern: {
        kind: 'RelativeYearly',
        daysOfWeek: ['Monday', 'Friday'],
        firstDayOfWeek: 'Monday',
        dayOfWeekIndex: 'First',
        month: 'May',
      },
      range: { kind: 'NoEnd', startDate: '2027-01-05' },
    });
  });

  it.each<[string, string]>([
    ['a range without a start', '<NoEndRecurrence/>'],
    [
      'a start with text before the date',
      '<NoEndRecurrence><StartDate>x2027-01-05</StartDate></NoEndRecurrence>',
    ],
    [
      'an end date range without its end',
      '<EndDateRecurrence><StartDate>2027-01-05</StartDate></EndDateRecurrence>',
    ],
    ['a range of an unknown kind', '<OtherRecurrence><StartDate>2027-01-05</StartDate></OtherRecurrence>'],
  ])('reads no recurrence from %s', (_name, range) => {
    expect(recurrence(`<DailyRecurrence><Interval>1</Interval></DailyRecurrence>${range}`)).toBeUndefined();
  });
});

describe('the requests', () => {
  it('names FindItem, reads the fast way, and reads an answer without a root folder as complete and empty', async () => {
    const { caller, calls } = fakeCaller(envelope('FindItem', ''));
    expect(
      await findCalendarView(caller, { start: '2026-12-01T00:00:00Z', end: '2026-12-02T00:00:00Z' }),
    ).toStrictEqual({ items: [], includesLastItemInRange: true });
    expect(calls[0]!.action).toBe('FindItem');
    expect(calls[0]!.options?.typed).toBe(fastCalendarItems);
  });

  it('names GetItem and reads the fast way; an answer without the item says the meeting was not found', async () => {
    const { caller, calls } = fakeCaller(envelope('GetItem', '<m:Items/>'));
    await expect(getCalendarItems(caller, [{ id: 'A' }])).rejects.toMatchObject({
      message: 'The meeting was not found.',
    });
    expect(calls[0]!.action).toBe('GetItem');
    expect(calls[0]!.options?.typed).toBe(fastCalendarItems);
  });

  it.each<[string, (c: ReturnType<typeof fakeCaller>['caller']) => Promise<void>, string]>([
    ['cancel', (c) => cancelMeeting(c, { id: 'A' }), 'CreateItem'],
    ['delete', (c) => deleteCalendarItem(c, { id: 'A' }), 'DeleteItem'],
  ])('%s names %s', async (_what, run, action) => {
    const { caller, calls } = fakeCaller(envelope(action, ''));
    await run(caller);
    expect(calls[0]!.action).toBe(action);
  });

  it('sends no optional attendees when none are given', async () => {
    const { caller, calls } = fakeCaller(
      envelope('CreateItem', '<m:Items><t:CalendarItem><t:ItemId Id="N"/></t:CalendarItem></m:Items>'),
    );
    await createMeeting(caller, {
      subject: 'S',
      start: '2026-12-01T09:00:00Z',
      end: '2026-12-01T10:00:00Z',
      required: ['a@x'],
    });
    const created = child(child(calls[0]!.body, 'Items'), 'CalendarItem');
    expect(created?.children.map((c) => c.name)).toStrictEqual([
      'Subject',
      'Start',
      'End',
      'RequiredAttendees',
    ]);
  });

  it('says why it refuses a meeting that ends before it starts', async () => {
    const { caller } = fakeCaller(envelope('CreateItem', ''));
    await expect(
      createMeeting(caller, {
        subject: 'S',
        start: '2026-12-01T10:00:00Z',
        end: '2026-12-01T09:00:00Z',
        required: [],
      }),
    ).rejects.toMatchObject({ message: 'The meeting must end after it starts.' });
  });

  it('sends an answer’s message as an HTML body', async () => {
    const { caller, calls } = fakeCaller(envelope('CreateItem', ''));
    await respondToMeeting(caller, { id: 'A' }, 'accept', 'See you');
    const accept = child(child(calls[0]!.body, 'Items'), 'AcceptItem');
    expect(child(accept, 'Body')?.attrs).toStrictEqual({ BodyType: 'HTML' });
  });

  it('refuses an answer that is none of accept, tentative or decline, asking nothing', async () => {
    const { caller, calls } = fakeCaller(envelope('CreateItem', ''));
    await expect(
      respondToMeeting(caller, { id: 'A' }, 'maybe' as string as MeetingAnswer),
    ).rejects.toMatchObject({
      kind: 'bad-input',
      message: 'Unknown answer to a meeting: maybe.',
    });
    expect(calls).toHaveLength(0);
  });
});
