import { describe, expect, it } from 'vitest';
import {
  formatLocal,
  ianaOffsetMinutes,
  ianaZone,
  legacyFromIana,
  legacyOffsetMinutes,
  parseDateTime,
  UTC,
} from '../../../../../main/exchange-sim/ews/tz';

describe('legacy (Windows-style) time zones', () => {
  it('derives the yearly rule Exchange publishes from an IANA zone', () => {
    expect(legacyFromIana('America/New_York', 2026)).toEqual({
      bias: 300,
      standard: { bias: 0, time: '02:00:00', dayOrder: 1, month: 11, dayOfWeek: 0 },
      daylight: { bias: -60, time: '02:00:00', dayOrder: 2, month: 3, dayOfWeek: 0 },
    });
    // Southern hemisphere: daylight time starts in October.
    const sydney = legacyFromIana('Australia/Sydney', 2026);
    expect(sydney.bias).toBe(-600);
    expect(sydney.daylight).toMatchObject({ month: 10, dayOrder: 1, time: '02:00:00', bias: -60 });
    expect(sydney.standard).toMatchObject({ month: 4, dayOrder: 1, time: '03:00:00' });
    // No DST: both periods equal.
    const tokyo = legacyFromIana('Asia/Tokyo', 2026);
    expect(tokyo.bias).toBe(-540);
    expect(tokyo.daylight?.bias).toBe(tokyo.standard?.bias);
  });

  it('agrees with Intl at every hour of a year, both hemispheres', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'Australia/Sydney']) {
      const rule = legacyFromIana(zone, 2026);
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        if (legacyOffsetMinutes(rule, t) !== ianaOffsetMinutes(zone, t))
          throw new Error(`${zone} differs at ${new Date(t).toISOString()}`);
      }
    }
  });

  it('parses wall-clock times in a zone and writes them back', () => {
    const paris = ianaZone('Europe/Paris');
    expect(new Date(parseDateTime('2026-03-29T01:30:00', paris)).toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(new Date(parseDateTime('2026-03-29T03:30:00', paris)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(parseDateTime('2026-07-01T12:00:00+02:00', UTC)).toISOString()).toBe(
      '2026-07-01T10:00:00.000Z',
    );
    expect(formatLocal(paris, Date.UTC(2026, 6, 1, 10))).toBe('2026-07-01T12:00:00');
    expect(Number.isNaN(parseDateTime('tomorrow', UTC))).toBe(true);
  });
});
