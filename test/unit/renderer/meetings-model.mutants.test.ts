import { describe, expect, it } from 'vitest';
import { fromWall, gridColumns, overlaps } from '../../../renderer/meetings-model';

const at = (iso: string): number => Date.parse(iso);
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
const day = { start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' };

describe('two slots overlap', () => {
  const slot = (start: string, end: string) => ({
    start: at(`2026-12-01T${start}:00Z`),
    end: at(`2026-12-01T${end}:00Z`),
  });
  it.each([
    ['when one starts inside the other', slot('10:00', '11:00'), slot('10:30', '11:30'), true],
    ['when one holds the other', slot('09:00', '12:00'), slot('10:00', '10:30'), true],
    ['not when the first ends as the second starts', slot('10:00', '11:00'), slot('11:00', '12:00'), false],
    ['not when the first starts as the second ends', slot('11:00', '12:00'), slot('10:00', '11:00'), false],
    ['not when the first is wholly before', slot('08:00', '09:00'), slot('10:00', '11:00'), false],
    ['not when the first is wholly after', slot('12:00', '13:00'), slot('10:00', '11:00'), false],
  ])('%s', (_name, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });
});

it('working hours whose start cannot be read count as none: 08:00 to 18:00', () => {
  const columns = gridColumns(day, [
    { workingHours: [{ start: 'not a date', end: '2026-12-01T17:00:00.000Z' }] },
  ]);
  expect(columns).toHaveLength(20);
  expect(hhmm(columns[0]?.start ?? 0)).toBe('08:00');
});

describe('my wall clock, more', () => {
  const paris = (ms: number): number =>
    // Europe/Paris in 2026: UTC+2 from 29 March 01:00 UTC to 25 October 01:00 UTC, else UTC+1.
    ms >= at('2026-03-29T01:00:00Z') && ms < at('2026-10-25T01:00:00Z') ? 120 : 60;

  it('01:30 on the night of the spring change is still winter time', () => {
    const ms = fromWall('2026-03-29', '01:30', paris);
    expect(ms).toBe(at('2026-03-29T00:30:00.000Z'));
  });

  it.each([
    ['a five-digit year', '12026-12-01', '10:00'],
    ['a date followed by more', '2026-12-011', '10:00'],
    ['a three-digit hour', '2026-12-01', '110:00'],
    ['a time followed by more', '2026-12-01', '10:005'],
  ])('%s is not a date and a time', (_name, date, time) => {
    expect(fromWall(date, time, () => 0)).toBeNull();
  });
});

describe('my wall clock refuses what is not on any calendar or clock', () => {
  it.each([
    ['31 February', '2026-02-31', '10:00'],
    ['29 February in a common year', '2026-02-29', '10:00'],
    ['month 13', '2026-13-01', '10:00'],
    ['day 0', '2026-12-00', '10:00'],
    ['25 o’clock', '2026-12-01', '25:00'],
    ['minute 60', '2026-12-01', '10:60'],
  ])('%s', (_name, date, time) => {
    expect(fromWall(date, time, () => 0)).toBeNull();
  });

  it('takes the last day of a month and a leap day, at the day’s edges', () => {
    expect(fromWall('2028-02-29', '00:00', () => 0)).toBe(at('2028-02-29T00:00:00Z'));
    expect(fromWall('2026-12-31', '23:59', () => 60)).toBe(at('2026-12-31T22:59:00Z'));
  });
});
