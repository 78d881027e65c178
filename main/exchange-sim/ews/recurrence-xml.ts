/**
 * t:Recurrence on the wire, both ways: read from a CreateItem request into the simulator's
 * Recurrence (org/types.ts; org/recurrence.ts expands it), and written back in GetItem. Daily,
 * weekly, absolute and relative monthly patterns; NoEnd, EndDate and Numbered ranges. Yearly and
 * regenerating patterns are refused with ErrorUnsupportedRecurrence: this server keeps none.
 *
 * Pure.
 */
import { checkRecurrence } from '../org/recurrence';
import { zoneOffsetMs } from '../org/tz';
import type { DayOfWeekIndex, Recurrence, RecurrencePattern, RecurrenceRange } from '../org/types';
import { EwsError } from './soap';
import { el, leaf, textAt, type XNode } from './xml';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const dayName = (d: number): string => DAY_NAMES[d] ?? 'Sunday';

/** An xs:date with the zone's offset on that day, as Exchange writes range dates ("2026-10-05+02:00"). */
function zonedDate(date: string, zone: string): string {
  const minutes = Math.round(zoneOffsetMs(zone, Date.parse(`${date}T12:00:00Z`)) / 60000);
  if (minutes === 0) return `${date}Z`;
  const a = Math.abs(minutes);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  // Stryker disable next-line EqualityOperator: minutes is not 0 here (returned above)
  return `${date}${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** t:Recurrence: the pattern element then the range element (RecurrenceType). */
export function recurrenceXml(r: Recurrence, zone: string): string {
  const p = r.pattern;
  const interval = leaf('t:Interval', p.interval);
  const pattern =
    p.kind === 'Daily'
      ? el('t:DailyRecurrence', undefined, interval)
      : p.kind === 'Weekly'
        ? el(
            't:WeeklyRecurrence',
            undefined,
            interval,
            leaf(
              't:DaysOfWeek',
              [...p.daysOfWeek]
                .sort((a, b) => a - b)
                .map(dayName)
                .join(' '),
            ),
            leaf('t:FirstDayOfWeek', dayName(p.firstDayOfWeek ?? 0)),
          )
        : p.kind === 'AbsoluteMonthly'
          ? el('t:AbsoluteMonthlyRecurrence', undefined, interval, leaf('t:DayOfMonth', p.dayOfMonth))
          : el(
              't:RelativeMonthlyRecurrence',
              undefined,
              interval,
              leaf('t:DaysOfWeek', dayName(p.dayOfWeek)),
              leaf('t:DayOfWeekIndex', p.index),
            );
  const g = r.range;
  const start = leaf('t:StartDate', zonedDate(g.startDate, zone));
  const range =
    g.kind === 'EndDate'
      ? el('t:EndDateRecurrence', undefined, start, leaf('t:EndDate', zonedDate(g.endDate, zone)))
      : g.kind === 'Numbered'
        ? el('t:NumberedRecurrence', undefined, start, leaf('t:NumberOfOccurrences', g.count))
        : el('t:NoEndRecurrence', undefined, start);
  return el('t:Recurrence', undefined, pattern, range);
}

const PATTERNS = [
  'DailyRecurrence',
  'WeeklyRecurrence',
  'AbsoluteMonthlyRecurrence',
  'RelativeMonthlyRecurrence',
];
const UNSUPPORTED = [
  'AbsoluteYearlyRecurrence',
  'RelativeYearlyRecurrence',
  'DailyRegeneration',
  'WeeklyRegeneration',
  'MonthlyRegeneration',
  'YearlyRegeneration',
];
const RANGES = ['NoEndRecurrence', 'EndDateRecurrence', 'NumberedRecurrence'];
const INDEXES: readonly DayOfWeekIndex[] = ['First', 'Second', 'Third', 'Fourth', 'Last'];

const invalid = (why: string): EwsError => new EwsError('ErrorCalendarInvalidRecurrence', why);

/** A whole number from an element's text; NaN when it is not one. */
function whole(node: XNode, name: string): number {
  const t = textAt(node, name);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the pattern refuses an absent text ('undefined') as it does any other non-number
  return t !== undefined && /^\d{1,9}$/.test(t) ? Number(t) : Number.NaN;
}

/** An xs:date as the local date it names ("2026-10-05", "2026-10-05Z", "2026-10-05+02:00"). */
function localDate(text: string | undefined): string | undefined {
  // Stryker disable next-line MethodExpression,StringLiteral: textAt already trims, and the pattern refuses any stand-in for an absent text as it does the empty one
  const m = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(text?.trim() ?? '');
  return m?.[1];
}

function readDays(text: string | undefined): number[] | undefined {
  // Stryker disable next-line Regex,MethodExpression,ConditionalExpression,StringLiteral: textAt trims, so splitting at runs of blanks leaves no empty name for the filter to drop (nor does an absent text)
  const names = (text ?? '').split(/\s+/).filter((s) => s !== '');
  const days = names.map((n) => (DAY_NAMES as readonly string[]).indexOf(n));
  return days.length > 0 && days.every((d) => d >= 0) ? days : undefined;
}

function readPattern(node: XNode): RecurrencePattern | EwsError {
  const interval = whole(node, 'Interval');
  switch (node.local) {
    case 'DailyRecurrence':
      return { kind: 'Daily', interval };
    case 'WeeklyRecurrence': {
      const days = readDays(textAt(node, 'DaysOfWeek'));
      if (!days) return new EwsError('ErrorCalendarInvalidDayForWeeklyRecurrence');
      const first = textAt(node, 'FirstDayOfWeek');
      // Stryker disable next-line ConditionalExpression: readDays(undefined) is undefined too
      const firstDay = first !== undefined ? readDays(first)?.[0] : undefined;
      if (first !== undefined && firstDay === undefined)
        return invalid(`FirstDayOfWeek '${first}' is not a day.`);
      return firstDay !== undefined
        ? { kind: 'Weekly', interval, daysOfWeek: days, firstDayOfWeek: firstDay }
        : { kind: 'Weekly', interval, daysOfWeek: days };
    }
    case 'AbsoluteMonthlyRecurrence':
      return { kind: 'AbsoluteMonthly', interval, dayOfMonth: whole(node, 'DayOfMonth') };
    default: {
      const days = readDays(textAt(node, 'DaysOfWeek'));
      const index = INDEXES.find((i) => i === textAt(node, 'DayOfWeekIndex'));
      // Stryker disable next-line ConditionalExpression: a one-element list has its element (the second test is for the type)
      if (days?.length !== 1 || days[0] === undefined) {
        // Day, Weekday and WeekendDay name several days: not a pattern this server keeps.
        return new EwsError(
          'ErrorUnsupportedRecurrence',
          'This server keeps relative monthly patterns on one day of the week.',
        );
      }
      if (!index) return invalid('DayOfWeekIndex must be First, Second, Third, Fourth or Last.');
      return { kind: 'RelativeMonthly', interval, dayOfWeek: days[0], index };
    }
  }
}

function readRange(node: XNode): RecurrenceRange | EwsError {
  const startDate = localDate(textAt(node, 'StartDate'));
  if (startDate === undefined) return invalid('The range needs a StartDate.');
  if (node.local === 'NoEndRecurrence') return { kind: 'NoEnd', startDate };
  if (node.local === 'EndDateRecurrence') {
    const endDate = localDate(textAt(node, 'EndDate'));
    if (endDate === undefined) return invalid('EndDateRecurrence needs an EndDate.');
    return { kind: 'EndDate', startDate, endDate };
  }
  return { kind: 'Numbered', startDate, count: whole(node, 'NumberOfOccurrences') };
}

/** A t:Recurrence element as a sound Recurrence, or the error Exchange answers. */
export function readRecurrence(node: XNode): Recurrence | EwsError {
  const unsupported = node.children.find((c) => UNSUPPORTED.includes(c.local));
  if (unsupported)
    return new EwsError(
      'ErrorUnsupportedRecurrence',
      `This server keeps daily, weekly and monthly patterns, not ${unsupported.local}.`,
    );
  const patternNode = node.children.find((c) => PATTERNS.includes(c.local));
  const rangeNode = node.children.find((c) => RANGES.includes(c.local));
  if (!patternNode || !rangeNode) return invalid('A recurrence needs a pattern and a range.');
  const pattern = readPattern(patternNode);
  if (pattern instanceof EwsError) return pattern;
  const range = readRange(rangeNode);
  if (range instanceof EwsError) return range;
  try {
    return checkRecurrence({ pattern, range });
  } catch (err) {
    return invalid(err instanceof Error ? err.message : String(err));
  }
}
