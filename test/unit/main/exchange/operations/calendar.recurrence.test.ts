import { describe, expect, it } from 'vitest';
import {
  getCalendarItems,
  readRecurrence,
  type CalendarRecurrence,
} from '../../../../../main/exchange/operations/calendar';
import { parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** The t:Recurrence element of a parsed snippet. */
function recurrence(inner: string): CalendarRecurrence | undefined {
  return readRecurrence(parseXml(`<t:Recurrence ${T}>${inner}</t:Recurrence>`));
}

describe('readRecurrence (table of the documented forms)', () => {
  const from = '<t:NoEndRecurrence><t:StartDate>2026-10-05+02:00</t:StartDate></t:NoEndRecurrence>';
  const cases: [string, string, CalendarRecurrence | undefined][] = [
    [
      'daily, no end',
      `<t:DailyRecurrence><t:Interval>2</t:Interval></t:DailyRecurrence>${from}`,
      { pattern: { kind: 'Daily', interval: 2 }, range: { kind: 'NoEnd', startDate: '2026-10-05' } },
    ],
    [
      'weekly on two days, ended by date',
      '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday Wednesday</t:DaysOfWeek><t:FirstDayOfWeek>Monday</t:FirstDayOfWeek></t:WeeklyRecurrence>' +
        '<t:EndDateRecurrence><t:StartDate>2026-10-05Z</t:StartDate><t:EndDate>2026-12-31-05:00</t:EndDate></t:EndDateRecurrence>',
      {
        pattern: {
          kind: 'Weekly',
          interval: 1,
          daysOfWeek: ['Monday', 'Wednesday'],
          firstDayOfWeek: 'Monday',
        },
        range: { kind: 'EndDate', startDate: '2026-10-05', endDate: '2026-12-31' },
      },
    ],
    [
      'monthly on a day of the month, numbered',
      '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>28</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2026-10-01</t:StartDate><t:NumberOfOccurrences>12</t:NumberOfOccurrences></t:NumberedRecurrence>',
      {
        pattern: { kind: 'AbsoluteMonthly', interval: 1, dayOfMonth: 28 },
        range: { kind: 'Numbered', startDate: '2026-10-01', count: 12 },
      },
    ],
    [
      'monthly on the last Friday',
      `<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>${from}`,
      {
        pattern: { kind: 'RelativeMonthly', interval: 1, daysOfWeek: ['Friday'], dayOfWeekIndex: 'Last' },
        range: { kind: 'NoEnd', startDate: '2026-10-05' },
      },
    ],
    [
      'yearly on a date',
      `<t:AbsoluteYearlyRecurrence><t:DayOfMonth>14</t:DayOfMonth><t:Month>February</t:Month></t:AbsoluteYearlyRecurrence>${from}`,
      {
        pattern: { kind: 'AbsoluteYearly', dayOfMonth: 14, month: 'February' },
        range: { kind: 'NoEnd', startDate: '2026-10-05' },
      },
    ],
    [
      'a task regeneration pattern (not a calendar series)',
      `<t:DailyRegeneration><t:Interval>1</t:Interval></t:DailyRegeneration>${from}`,
      undefined,
    ],
    [
      'an element named like an Object property is no pattern',
      `<t:constructor><t:Interval>1</t:Interval></t:constructor>${from}`,
      undefined,
    ],
    [
      'a pattern without a range',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>',
      undefined,
    ],
    [
      'a numbered range without its count',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NumberedRecurrence><t:StartDate>2026-10-01</t:StartDate></t:NumberedRecurrence>',
      undefined,
    ],
  ];
  it.each(cases)('%s', (_name, inner, want) => {
    expect(recurrence(inner)).toEqual(want);
  });
});

describe('GetItem of a recurring master (documented shape)', () => {
  it('reads the series: type, pattern and range, first and last, modified and deleted occurrences', async () => {
    const { caller } = fakeCaller(fixture('GetItem-RecurringMaster.xml'));
    const [item] = await getCalendarItems(caller, [{ id: 'AAMkADSeriesMaster=' }]);
    expect(item).toMatchObject({
      id: 'AAMkADSeriesMaster=',
      subject: 'Weekly status',
      itemType: 'RecurringMaster',
      isRecurring: true,
      recurrence: {
        pattern: {
          kind: 'Weekly',
          interval: 1,
          daysOfWeek: ['Tuesday', 'Thursday'],
          firstDayOfWeek: 'Sunday',
        },
        range: { kind: 'EndDate', startDate: '2026-10-06', endDate: '2026-12-17' },
      },
      firstOccurrence: {
        id: 'AAMkADOccurrence1=',
        start: '2026-10-06T14:00:00.000Z',
        originalStart: '2026-10-06T14:00:00.000Z',
      },
      lastOccurrence: { id: 'AAMkADOccurrence21=', start: '2026-12-17T15:00:00.000Z' },
      modifiedOccurrences: [
        {
          id: 'AAMkADOccurrence4=',
          changeKey: 'DwAAABYAAAB',
          start: '2026-10-15T17:00:00.000Z',
          end: '2026-10-15T17:30:00.000Z',
          originalStart: '2026-10-15T14:00:00.000Z',
        },
      ],
      deletedOccurrences: ['2026-11-26T15:00:00.000Z'],
    });
  });

  it('refuses a CalendarItemType outside the schema instead of guessing', async () => {
    const xml = fixture('GetItem-RecurringMaster.xml').replace('>RecurringMaster<', '>Recurring<');
    const { caller } = fakeCaller(xml);
    await expect(getCalendarItems(caller, [{ id: 'AAMkADSeriesMaster=' }])).rejects.toMatchObject({
      kind: 'server',
    });
  });
});
