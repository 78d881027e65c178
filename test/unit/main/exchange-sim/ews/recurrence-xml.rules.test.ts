/**
 * recurrence-xml.ts, the rules the round-trip tests (recurrence-xml.test.ts) leave open: the exact
 * t:Recurrence written for every pattern and range (days in order, the zone's offset on range
 * dates), the whole numbers and dates a request may hold, and what each refusal says.
 */
import { describe, expect, it } from 'vitest';
import { readRecurrence, recurrenceXml } from '../../../../../main/exchange-sim/ews/recurrence-xml';
import { EwsError } from '../../../../../main/exchange-sim/ews/soap';
import { parseXml } from '../../../../../main/exchange-sim/ews/xml';
import type { Recurrence } from '../../../../../main/exchange-sim/org/types';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

/** The recurrence read, or the refusal as "code: message". */
function read(inner: string): Recurrence | string {
  const r = readRecurrence(parseXml(`<t:Recurrence xmlns:t="${T}">${inner}</t:Recurrence>`));
  return r instanceof EwsError ? `${r.code}: ${r.message}` : r;
}

const daily = (interval = '1'): string =>
  `<t:DailyRecurrence><t:Interval>${interval}</t:Interval></t:DailyRecurrence>`;
const noEnd = (start = '2027-01-05'): string =>
  `<t:NoEndRecurrence><t:StartDate>${start}</t:StartDate></t:NoEndRecurrence>`;
const weekly = (days: string, first?: string): string =>
  `<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>${days}</t:DaysOfWeek>` +
  (first === undefined ? '' : `<t:FirstDayOfWeek>${first}</t:FirstDayOfWeek>`) +
  '</t:WeeklyRecurrence>';

describe('recurrenceXml', () => {
  it.each<[string, Recurrence, string, string]>([
    [
      'daily with no end, in a zone at UTC',
      { pattern: { kind: 'Daily', interval: 1 }, range: { kind: 'NoEnd', startDate: '2027-01-05' } },
      'UTC',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
        '<t:NoEndRecurrence><t:StartDate>2027-01-05Z</t:StartDate></t:NoEndRecurrence>',
    ],
    [
      'weekly, days in week order, Sunday first when none is named',
      {
        pattern: { kind: 'Weekly', interval: 2, daysOfWeek: [5, 1, 3] },
        range: { kind: 'NoEnd', startDate: '2027-01-05' },
      },
      'UTC',
      '<t:WeeklyRecurrence><t:Interval>2</t:Interval><t:DaysOfWeek>Monday Wednesday Friday</t:DaysOfWeek>' +
        '<t:FirstDayOfWeek>Sunday</t:FirstDayOfWeek></t:WeeklyRecurrence>' +
        '<t:NoEndRecurrence><t:StartDate>2027-01-05Z</t:StartDate></t:NoEndRecurrence>',
    ],
    [
      'absolute monthly, numbered, in a zone behind UTC',
      {
        pattern: { kind: 'AbsoluteMonthly', interval: 1, dayOfMonth: 31 },
        range: { kind: 'Numbered', startDate: '2027-01-05', count: 10 },
      },
      'America/New_York',
      '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2027-01-05-05:00</t:StartDate><t:NumberOfOccurrences>10</t:NumberOfOccurrences></t:NumberedRecurrence>',
    ],
    [
      'relative monthly with an end date, in a zone half an hour off',
      {
        pattern: { kind: 'RelativeMonthly', interval: 3, dayOfWeek: 5, index: 'Last' },
        range: { kind: 'EndDate', startDate: '2027-01-05', endDate: '2027-12-31' },
      },
      'Asia/Kolkata',
      '<t:RelativeMonthlyRecurrence><t:Interval>3</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
        '<t:EndDateRecurrence><t:StartDate>2027-01-05+05:30</t:StartDate><t:EndDate>2027-12-31+05:30</t:EndDate></t:EndDateRecurrence>',
    ],
  ])('%s', (_name, r, zone, inner) => {
    expect(recurrenceXml(r, zone)).toBe(`<t:Recurrence>${inner}</t:Recurrence>`);
  });

  it('writes a day number outside the week as Sunday', () => {
    const r: Recurrence = {
      pattern: { kind: 'RelativeMonthly', interval: 1, dayOfWeek: 9, index: 'First' },
      range: { kind: 'NoEnd', startDate: '2027-01-05' },
    };
    expect(recurrenceXml(r, 'UTC')).toContain('<t:DaysOfWeek>Sunday</t:DaysOfWeek>');
  });

  it('does not reorder the days of the recurrence it writes', () => {
    const r: Recurrence = {
      pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [5, 1] },
      range: { kind: 'NoEnd', startDate: '2027-01-05' },
    };
    recurrenceXml(r, 'UTC');
    expect(r.pattern).toStrictEqual({ kind: 'Weekly', interval: 1, daysOfWeek: [5, 1] });
  });
});

describe('readRecurrence: what it reads', () => {
  it.each<[string, string, Recurrence]>([
    [
      'weekly without a first day has none',
      weekly('Monday') + noEnd(),
      {
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [1] },
        range: { kind: 'NoEnd', startDate: '2027-01-05' },
      },
    ],
    [
      'days separated by several blanks',
      weekly('Monday   Friday') + noEnd(),
      {
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [1, 5] },
        range: { kind: 'NoEnd', startDate: '2027-01-05' },
      },
    ],
  ])('%s', (_name, xml, expected) => {
    expect(read(xml)).toStrictEqual(expected);
  });
});

describe('readRecurrence: what a refusal says', () => {
  it.each<[string, string, string]>([
    [
      'an interval with a sign',
      daily('+2') + noEnd(),
      'ErrorCalendarInvalidRecurrence: Interval must be 1..999, got NaN',
    ],
    [
      'an interval in hex',
      daily('0x2') + noEnd(),
      'ErrorCalendarInvalidRecurrence: Interval must be 1..999, got NaN',
    ],
    [
      'an interval with an exponent',
      daily('2e1') + noEnd(),
      'ErrorCalendarInvalidRecurrence: Interval must be 1..999, got NaN',
    ],
    [
      'a weekly day list with one non-day',
      weekly('Monday Moonday') + noEnd(),
      'ErrorCalendarInvalidDayForWeeklyRecurrence: ' +
        new EwsError('ErrorCalendarInvalidDayForWeeklyRecurrence').message,
    ],
    [
      'a first day that is no day',
      weekly('Monday', 'Day') + noEnd(),
      "ErrorCalendarInvalidRecurrence: FirstDayOfWeek 'Day' is not a day.",
    ],
    [
      'relative monthly on two days',
      '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday Friday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
        noEnd(),
      'ErrorUnsupportedRecurrence: This server keeps relative monthly patterns on one day of the week.',
    ],
    [
      'relative monthly without an index',
      '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek></t:RelativeMonthlyRecurrence>' +
        noEnd(),
      'ErrorCalendarInvalidRecurrence: DayOfWeekIndex must be First, Second, Third, Fourth or Last.',
    ],
    [
      'a start with text before it',
      daily() + noEnd('x2027-01-05'),
      'ErrorCalendarInvalidRecurrence: The range needs a StartDate.',
    ],
    [
      'a start with a time',
      daily() + noEnd('2027-01-05T10:00:00'),
      'ErrorCalendarInvalidRecurrence: The range needs a StartDate.',
    ],
    [
      'an end date range without its end',
      daily() + '<t:EndDateRecurrence><t:StartDate>2027-01-05</t:StartDate></t:EndDateRecurrence>',
      'ErrorCalendarInvalidRecurrence: EndDateRecurrence needs an EndDate.',
    ],
    [
      'a range with a start that is no date, behind a sound pattern',
      daily() +
        '<t:NumberedRecurrence><t:StartDate>soon</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
      'ErrorCalendarInvalidRecurrence: The range needs a StartDate.',
    ],
    [
      'a yearly pattern',
      '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Monday</t:DaysOfWeek></t:RelativeYearlyRecurrence>' +
        noEnd(),
      'ErrorUnsupportedRecurrence: This server keeps daily, weekly and monthly patterns, not RelativeYearlyRecurrence.',
    ],
    ['no range', daily(), 'ErrorCalendarInvalidRecurrence: A recurrence needs a pattern and a range.'],
    ['no pattern', noEnd(), 'ErrorCalendarInvalidRecurrence: A recurrence needs a pattern and a range.'],
  ])('%s', (_name, xml, said) => {
    expect(read(xml)).toBe(said);
  });
});
