/**
 * EWS timestamps read by slicing (main/exchange/fast/time.ts): which strings take the fast path,
 * and that whatever takes it gives exactly what utcFromEws gives. A string that should take the
 * fast path but does not still gets the right answer (from utcFromEws), only slower, so the fast
 * path's own decision is what these tables check.
 */
import { describe, expect, it } from 'vitest';
import { fastShape, fastUtc } from '../../../../../main/exchange/fast/time';
import { utcFromEws } from '../../../../../main/exchange/operations/availability';

/** Strings Exchange sends, and what they read as. */
const FAST: Array<[string, string]> = [
  ['2026-11-25T09:00:00', '2026-11-25T09:00:00.000Z'],
  ['2026-11-25T09:00:00Z', '2026-11-25T09:00:00.000Z'],
  ['2026-11-25T09:00:00z', '2026-11-25T09:00:00.000Z'],
  ['2026-11-25T09:00:00.250', '2026-11-25T09:00:00.250Z'],
  ['2026-11-25T09:00:00.250Z', '2026-11-25T09:00:00.250Z'],
  ['2026-11-25T09:00:00.999z', '2026-11-25T09:00:00.999Z'],
  ['2026-11-25T09:00:00.000Z', '2026-11-25T09:00:00.000Z'],
  // Every field at its bounds.
  ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
  ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  ['2026-01-31T00:00:00', '2026-01-31T00:00:00.000Z'],
  ['2026-04-30T00:00:00', '2026-04-30T00:00:00.000Z'],
  ['2026-10-31T00:00:00', '2026-10-31T00:00:00.000Z'],
  ['2026-11-30T19:09:08', '2026-11-30T19:09:08.000Z'],
  ['2026-02-28T00:00:00', '2026-02-28T00:00:00.000Z'],
  // Leap years: every fourth, not every hundredth, every four hundredth.
  ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
];

/** Strings that are not that shape: they go to utcFromEws (which may read them or give them back). */
const SLOW: Array<[string, string]> = [
  ['empty', ''],
  ['an offset', '2026-11-25T09:00:00+01:00'],
  ['a date only', '2026-11-25'],
  ['a space for the T', '2026-11-25 09:00:00'],
  ['a slash for a dash', '2026/11-25T09:00:00'],
  ['a slash for the second dash', '2026-11/25T09:00:00'],
  ['a dot for a colon', '2026-11-25T09.00:00'],
  ['a dot for the second colon', '2026-11-25T09:00.00'],
  ['a comma before the milliseconds', '2026-11-25T09:00:00,250Z'],
  ['two digits of milliseconds and a zone', '2026-11-25T09:00:00.25Z'],
  ['a letter in the milliseconds', '2026-11-25T09:00:00.2x5'],
  ['a letter in the year', '2o26-11-25T09:00:00'],
  ['a colon in the month (the digit after 9)', '2026-1:-25T09:00:00'],
  ['a slash in the day (the character before 0)', '2026-11-2/T09:00:00'],
  ['a letter in the hour', '2026-11-25T0x:00:00'],
  ['a letter in the minute', '2026-11-25T09:0x:00'],
  ['a letter in the second', '2026-11-25T09:00:0x'],
  ['a year before 1970', '1969-12-31T23:59:59Z'],
  ['month 0', '2026-00-10T00:00:00'],
  ['month 13', '2026-13-10T00:00:00'],
  ['day 0', '2026-11-00T00:00:00'],
  ['31 November', '2026-11-31T00:00:00'],
  ['32 January', '2026-01-32T00:00:00'],
  ['31 April', '2026-04-31T00:00:00'],
  ['29 February in a common year', '2026-02-29T00:00:00'],
  ['29 February in a century year', '2100-02-29T00:00:00'],
  ['hour 24', '2026-11-25T24:00:00'],
  ['minute 60', '2026-11-25T09:60:00'],
  ['second 60 (a leap second)', '2026-11-25T09:00:60'],
  ['a trailing space', '2026-11-25T09:00:00 '],
  ['a leading space', ' 2026-11-25T09:00:00'],
  ['a trailing letter other than Z', '2026-11-25T09:00:00X'],
  ['seconds cut short', '2026-11-25T09:00:0'],
  ['milliseconds cut short, no zone', '2026-11-25T09:00:00.25'],
  ['four digits of milliseconds', '2026-11-25T09:00:00.2500'],
];

describe('fastShape: the shapes read by slicing', () => {
  it.each(FAST)('%s reads as %s, as utcFromEws reads it', (text, iso) => {
    expect(fastShape(text)).toBe(iso);
    expect(utcFromEws(text)).toBe(iso);
  });

  it.each(SLOW)('%s is left to utcFromEws: %j', (_why, text) => {
    expect(fastShape(text)).toBeNull();
  });
});

describe('fastUtc: always utcFromEws’s answer', () => {
  it.each([...FAST.map(([t]) => t), ...SLOW.map(([, t]) => t)])('%j', (text) => {
    expect(fastUtc(text)).toBe(utcFromEws(text));
  });

  it('reads an offset through utcFromEws, as UTC', () => {
    expect(fastUtc('2026-11-25T09:00:00+01:00')).toBe('2026-11-25T08:00:00.000Z');
  });
});
