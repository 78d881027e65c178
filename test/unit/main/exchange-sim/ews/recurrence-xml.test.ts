import { describe, expect, it } from 'vitest';
import { readRecurrence, recurrenceXml } from '../../../../../main/exchange-sim/ews/recurrence-xml';
import { EwsError } from '../../../../../main/exchange-sim/ews/soap';
import { parseXml } from '../../../../../main/exchange-sim/ews/xml';
import type { Recurrence } from '../../../../../main/exchange-sim/org/types';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const read = (inner: string): Recurrence | string => {
  const r = readRecurrence(parseXml(`<t:Recurrence xmlns:t="${T}">${inner}</t:Recurrence>`));
  return r instanceof EwsError ? r.code : r;
};
const noEnd = '<t:NoEndRecurrence><t:StartDate>2027-01-05</t:StartDate></t:NoEndRecurrence>';

describe('readRecurrence', () => {
  it.each<[string, string, Recurrence]>([
    [
      'daily, no end',
      `<t:DailyRecurrence><t:Interval>2</t:Interval></t:DailyRecurrence>${noEnd}`,
      { pattern: { kind: 'Daily', interval: 2 }, range: { kind: 'NoEnd', startDate: '2027-01-05' } },
    ],
    [
      'weekly with a first day, end date with offsets',
      '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Tuesday Thursday</t:DaysOfWeek><t:FirstDayOfWeek>Monday</t:FirstDayOfWeek></t:WeeklyRecurrence>' +
        '<t:EndDateRecurrence><t:StartDate>2027-01-05+01:00</t:StartDate><t:EndDate>2027-02-01Z</t:EndDate></t:EndDateRecurrence>',
      {
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [2, 4], firstDayOfWeek: 1 },
        range: { kind: 'EndDate', startDate: '2027-01-05', endDate: '2027-02-01' },
      },
    ],
    [
      'weekly without a first day',
      `<t:WeeklyRecurrence><t:Interval>3</t:Interval><t:DaysOfWeek>Sunday</t:DaysOfWeek></t:WeeklyRecurrence>${noEnd}`,
      {
        pattern: { kind: 'Weekly', interval: 3, daysOfWeek: [0] },
        range: { kind: 'NoEnd', startDate: '2027-01-05' },
      },
    ],
    [
      'absolute monthly, numbered',
      '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2027-01-05</t:StartDate><t:NumberOfOccurrences>10</t:NumberOfOccurrences></t:NumberedRecurrence>',
      {
        pattern: { kind: 'AbsoluteMonthly', interval: 1, dayOfMonth: 31 },
        range: { kind: 'Numbered', startDate: '2027-01-05', count: 10 },
      },
    ],
    [
      'relative monthly',
      `<t:RelativeMonthlyRecurrence><t:Interval>2</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>${noEnd}`,
      {
        pattern: { kind: 'RelativeMonthly', interval: 2, dayOfWeek: 5, index: 'Last' },
        range: { kind: 'NoEnd', startDate: '2027-01-05' },
      },
    ],
  ])('reads %s', (_name, xml, expected) => {
    expect(read(xml)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    [
      'a yearly pattern',
      `<t:AbsoluteYearlyRecurrence><t:DayOfMonth>5</t:DayOfMonth><t:Month>May</t:Month></t:AbsoluteYearlyRecurrence>${noEnd}`,
      'ErrorUnsupportedRecurrence',
    ],
    [
      'a regenerating pattern',
      `<t:DailyRegeneration><t:Interval>1</t:Interval></t:DailyRegeneration>${noEnd}`,
      'ErrorUnsupportedRecurrence',
    ],
    [
      'relative monthly on Weekday',
      `<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Weekday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>${noEnd}`,
      'ErrorUnsupportedRecurrence',
    ],
    [
      'relative monthly without an index',
      `<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek><t:DayOfWeekIndex>Fifth</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>${noEnd}`,
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'weekly on no day',
      `<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek/></t:WeeklyRecurrence>${noEnd}`,
      'ErrorCalendarInvalidDayForWeeklyRecurrence',
    ],
    [
      'weekly on a non-day',
      `<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Moonday</t:DaysOfWeek></t:WeeklyRecurrence>${noEnd}`,
      'ErrorCalendarInvalidDayForWeeklyRecurrence',
    ],
    [
      'a bad first day',
      `<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek><t:FirstDayOfWeek>Day</t:FirstDayOfWeek></t:WeeklyRecurrence>${noEnd}`,
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'interval 0',
      `<t:DailyRecurrence><t:Interval>0</t:Interval></t:DailyRecurrence>${noEnd}`,
      'ErrorCalendarInvalidRecurrence',
    ],
    ['interval missing', `<t:DailyRecurrence/>${noEnd}`, 'ErrorCalendarInvalidRecurrence'],
    [
      'day of month 32',
      `<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>32</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>${noEnd}`,
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'no range',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    ['no pattern', noEnd, 'ErrorCalendarInvalidRecurrence'],
    [
      'a start that is not a date',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NoEndRecurrence><t:StartDate>soon</t:StartDate></t:NoEndRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'a start that is no calendar date',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NoEndRecurrence><t:StartDate>2027-02-30</t:StartDate></t:NoEndRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'an end date range without its end',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:EndDateRecurrence><t:StartDate>2027-01-05</t:StartDate></t:EndDateRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      'an end before the start',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:EndDateRecurrence><t:StartDate>2027-01-05</t:StartDate><t:EndDate>2027-01-04</t:EndDate></t:EndDateRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
    [
      '1000 occurrences',
      '<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:NumberedRecurrence><t:StartDate>2027-01-05</t:StartDate><t:NumberOfOccurrences>1000</t:NumberOfOccurrences></t:NumberedRecurrence>',
      'ErrorCalendarInvalidRecurrence',
    ],
  ])('refuses %s', (_name, xml, code) => {
    expect(read(xml)).toBe(code);
  });

  it('reads back what recurrenceXml writes', () => {
    const r: Recurrence = {
      pattern: { kind: 'Weekly', interval: 2, daysOfWeek: [1, 3], firstDayOfWeek: 1 },
      range: { kind: 'EndDate', startDate: '2027-03-01', endDate: '2027-06-30' },
    };
    const xml = recurrenceXml(r, 'Europe/Paris');
    expect(xml).toContain('<t:StartDate>2027-03-01+01:00</t:StartDate>');
    expect(xml).toContain('<t:EndDate>2027-06-30+02:00</t:EndDate>');
    expect(readRecurrence(parseXml(xml.replace('<t:Recurrence>', `<t:Recurrence xmlns:t="${T}">`)))).toEqual(
      r,
    );
  });
});
