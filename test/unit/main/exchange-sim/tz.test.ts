import { describe, expect, it } from 'vitest';
import { localDate, offsetChanges, zoneOffsetMs, zonedToUtc } from '../../../../main/exchange-sim/org/tz';

const H = 3_600_000;

describe('time zone helpers', () => {
  it('converts wall-clock times to UTC on both sides of a DST change', () => {
    expect(new Date(zonedToUtc('Europe/Paris', 2026, 7, 1, 9, 0)).toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(new Date(zonedToUtc('Europe/Paris', 2026, 12, 1, 9, 0)).toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    expect(new Date(zonedToUtc('America/New_York', 2026, 11, 2, 9, 0)).toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
    expect(new Date(zonedToUtc('Australia/Sydney', 2026, 11, 25, 9, 0)).toISOString()).toBe(
      '2026-11-24T22:00:00.000Z',
    );
    // 02:30 does not exist in Paris on 2027-03-28: it moves forward an hour, as Exchange does.
    expect(new Date(zonedToUtc('Europe/Paris', 2027, 3, 28, 2, 30)).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('finds the exact instants where a zone changes offset', () => {
    const from = Date.UTC(2026, 8, 1);
    const to = Date.UTC(2027, 3, 30);
    expect(offsetChanges('Europe/Paris', from, to).map((t) => new Date(t).toISOString())).toEqual([
      '2026-10-25T01:00:00.000Z',
      '2027-03-28T01:00:00.000Z',
    ]);
    expect(offsetChanges('America/New_York', from, to).map((t) => new Date(t).toISOString())).toEqual([
      '2026-11-01T06:00:00.000Z',
      '2027-03-14T07:00:00.000Z',
    ]);
    expect(offsetChanges('Asia/Tokyo', from, to)).toEqual([]);
  });

  it('reports offsets and local dates', () => {
    expect(zoneOffsetMs('Asia/Dubai', Date.UTC(2026, 0, 1))).toBe(4 * H);
    expect(zoneOffsetMs('Europe/Moscow', Date.UTC(2026, 6, 1))).toBe(3 * H);
    expect(localDate('Asia/Tokyo', Date.UTC(2026, 10, 24, 20))).toEqual({
      y: 2026,
      month: 11,
      d: 25,
      weekday: 3,
    });
  });

  // Offsets are kept per UTC day, and per quarter hour on the day of a change: either side of the
  // change, on the same day and the days around it, the offset is the zone's.
  it.each([
    ['Europe/Paris', Date.UTC(2026, 9, 24, 23, 59), 2 * H],
    ['Europe/Paris', Date.UTC(2026, 9, 25, 0, 59), 2 * H],
    ['Europe/Paris', Date.UTC(2026, 9, 25, 1, 0), 1 * H],
    ['Europe/Paris', Date.UTC(2026, 9, 25, 23, 59), 1 * H],
    ['Europe/Paris', Date.UTC(2027, 2, 28, 0, 59), 1 * H],
    ['Europe/Paris', Date.UTC(2027, 2, 28, 1, 0), 2 * H],
    ['America/New_York', Date.UTC(2026, 10, 1, 5, 59), -4 * H],
    ['America/New_York', Date.UTC(2026, 10, 1, 6, 0), -5 * H],
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 29), 10.5 * H],
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30), 11 * H],
  ])('%s at %d is %d ms from UTC', (zone, at, offset) => {
    expect(zoneOffsetMs(zone, at)).toBe(offset);
  });
});
