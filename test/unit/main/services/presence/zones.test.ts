import { describe, expect, it } from 'vitest';
import {
  readAvailability,
  type AvailabilityTimeZone,
} from '../../../../../main/exchange/operations/availability';
import { parseSoapResponse } from '../../../../../main/exchange/soap';
import {
  legacyFromIana,
  legacyTimeZoneXml,
  type LegacyTimeZone,
} from '../../../../../main/exchange-sim/ews/tz';
import {
  ewsOffsetMinutes,
  ewsZone,
  fixedZone,
  ianaZone,
  isIanaZone,
  localDayNumber,
  localParts,
  observesDaylight,
  startOfLocalDay,
  transitionWallMs,
  utcFromLocal,
  workingHoursRule,
} from '../../../../../main/services/presence/zones';

const H = 3_600_000;
const M = 60_000;

/** The simulator's legacy zone in the client's shape (what readAvailability would give). */
function fromLegacy(l: LegacyTimeZone): AvailabilityTimeZone {
  const t = (x: NonNullable<LegacyTimeZone['standard']>) => {
    const [h = '0', m = '0', s = '0'] = x.time.split(':');
    return {
      biasMinutes: x.bias,
      timeMinutes: Number(h) * 60 + Number(m) + Number(s) / 60,
      dayOrder: x.dayOrder,
      month: x.month,
      dayOfWeek: x.dayOfWeek,
    };
  };
  const out: AvailabilityTimeZone = { biasMinutes: l.bias };
  if (l.standard) out.standard = t(l.standard);
  if (l.daylight) out.daylight = t(l.daylight);
  return out;
}

const PARIS: AvailabilityTimeZone = {
  biasMinutes: -60,
  standard: { biasMinutes: 0, timeMinutes: 180, dayOrder: 5, month: 10, dayOfWeek: 0 },
  daylight: { biasMinutes: -60, timeMinutes: 120, dayOrder: 5, month: 3, dayOfWeek: 0 },
};
const SYDNEY: AvailabilityTimeZone = {
  biasMinutes: -600,
  standard: { biasMinutes: 0, timeMinutes: 180, dayOrder: 1, month: 4, dayOfWeek: 0 },
  daylight: { biasMinutes: -60, timeMinutes: 120, dayOrder: 1, month: 10, dayOfWeek: 0 },
};
const NO_DST: AvailabilityTimeZone = {
  biasMinutes: -540,
  standard: { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 },
  daylight: { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 },
};

describe('ewsZone against Intl', () => {
  const zones = [
    'Europe/Paris',
    'America/New_York',
    'Asia/Tokyo',
    'Australia/Sydney',
    'America/Sao_Paulo',
    'Asia/Kolkata',
    'Europe/London',
  ];
  it.each(zones)('%s: the 2026 rule gives the Intl offset every 47 minutes of 2026', (name) => {
    const ews = ewsZone(fromLegacy(legacyFromIana(name, 2026)));
    const iana = ianaZone(name);
    const wrong: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 47 * M) {
      if (ews.offsetMinutes(t) !== iana.offsetMinutes(t)) wrong.push(new Date(t).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it.each(['Europe/Paris', 'America/New_York', 'Australia/Sydney'])(
    '%s: exact to the minute around each 2026 change',
    (name) => {
      const ews = ewsZone(fromLegacy(legacyFromIana(name, 2026)));
      const iana = ianaZone(name);
      let changes = 0;
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += H) {
        if (iana.offsetMinutes(t) === iana.offsetMinutes(t + H)) continue;
        changes += 1;
        for (let u = t; u <= t + H; u += M) expect(ews.offsetMinutes(u)).toBe(iana.offsetMinutes(u));
      }
      expect(changes).toBe(2);
    },
  );
});

describe('from the wire to offsets', () => {
  it.each(['Australia/Sydney', 'America/New_York', 'Asia/Tokyo'])(
    '%s: the zone the simulator writes, read by the client, gives the Intl offset all 2026',
    (name) => {
      const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetUserAvailabilityResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:FreeBusyResponseArray><m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage><m:FreeBusyView><t:WorkingHours>${legacyTimeZoneXml(legacyFromIana(name, 2026))}<t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>Monday</t:DayOfWeek><t:StartTimeInMinutes>480</t:StartTimeInMinutes><t:EndTimeInMinutes>1020</t:EndTimeInMinutes></t:WorkingPeriod></t:WorkingPeriodArray></t:WorkingHours></m:FreeBusyView></m:FreeBusyResponse></m:FreeBusyResponseArray></m:GetUserAvailabilityResponse></s:Body></s:Envelope>`;
      const wh = readAvailability(parseSoapResponse(xml).body, ['x@contoso.test'])[0]!.workingHours!;
      const ews = ewsZone(wh.timeZone);
      const iana = ianaZone(name);
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 61 * M)
        expect(ews.offsetMinutes(t)).toBe(iana.offsetMinutes(t));
    },
  );
});

describe('ewsOffsetMinutes on the change days', () => {
  it('Paris: 29 March 2026 01:00 UTC goes to +120, 25 October 01:00 UTC back to +60', () => {
    expect(ewsOffsetMinutes(PARIS, Date.UTC(2026, 2, 29, 0, 59))).toBe(60);
    expect(ewsOffsetMinutes(PARIS, Date.UTC(2026, 2, 29, 1, 0))).toBe(120);
    expect(ewsOffsetMinutes(PARIS, Date.UTC(2026, 9, 25, 0, 59))).toBe(120);
    expect(ewsOffsetMinutes(PARIS, Date.UTC(2026, 9, 25, 1, 0))).toBe(60);
    expect(ewsOffsetMinutes(PARIS, Date.UTC(2026, 6, 1))).toBe(120);
    expect(ewsOffsetMinutes(PARIS, Date.UTC(2026, 0, 1))).toBe(60);
  });

  it('Sydney (daylight month after standard month): daylight across New Year', () => {
    // Daylight ends Sunday 5 April 2026 03:00 AEDT = 4 April 16:00 UTC.
    expect(ewsOffsetMinutes(SYDNEY, Date.UTC(2026, 3, 4, 15, 59))).toBe(660);
    expect(ewsOffsetMinutes(SYDNEY, Date.UTC(2026, 3, 4, 16, 0))).toBe(600);
    // Daylight starts Sunday 4 October 2026 02:00 AEST = 3 October 16:00 UTC.
    expect(ewsOffsetMinutes(SYDNEY, Date.UTC(2026, 9, 3, 15, 59))).toBe(600);
    expect(ewsOffsetMinutes(SYDNEY, Date.UTC(2026, 9, 3, 16, 0))).toBe(660);
    expect(ewsOffsetMinutes(SYDNEY, Date.UTC(2026, 11, 31, 20))).toBe(660);
    expect(ewsOffsetMinutes(SYDNEY, Date.UTC(2027, 0, 1, 2))).toBe(660);
  });

  it('a zone without daylight saving is its bias all year, however it is written', () => {
    expect(observesDaylight(NO_DST)).toBe(false);
    expect(observesDaylight({ biasMinutes: 300 })).toBe(false);
    expect(observesDaylight(PARIS)).toBe(true);
    expect(observesDaylight({ ...PARIS, daylight: { ...PARIS.daylight!, biasMinutes: 0 } })).toBe(false);
    for (const m of [0, 3, 6, 9, 11]) {
      expect(ewsOffsetMinutes(NO_DST, Date.UTC(2026, m, 15))).toBe(540);
      expect(ewsOffsetMinutes({ biasMinutes: 300 }, Date.UTC(2026, m, 15))).toBe(-300);
      expect(
        ewsOffsetMinutes(
          { biasMinutes: -330, standard: { ...NO_DST.standard!, biasMinutes: 0 } },
          Date.UTC(2026, m, 15),
        ),
      ).toBe(330);
    }
  });

  it('transitionWallMs: DayOrder 1-4 counts weekdays, 5 is the last', () => {
    const t = { biasMinutes: 0, timeMinutes: 120, month: 3, dayOfWeek: 0 };
    expect(new Date(transitionWallMs({ ...t, dayOrder: 2 }, 2026)).toISOString()).toBe(
      '2026-03-08T02:00:00.000Z',
    );
    expect(new Date(transitionWallMs({ ...t, dayOrder: 1 }, 2026)).toISOString()).toBe(
      '2026-03-01T02:00:00.000Z',
    );
    expect(new Date(transitionWallMs({ ...t, dayOrder: 5 }, 2026)).toISOString()).toBe(
      '2026-03-29T02:00:00.000Z',
    );
    expect(new Date(transitionWallMs({ ...t, dayOrder: 4, dayOfWeek: 6 }, 2026)).toISOString()).toBe(
      '2026-03-28T02:00:00.000Z',
    );
  });
});

describe('ianaZone and fixedZone', () => {
  it('reads Intl offsets, with a name', () => {
    const ny = ianaZone('America/New_York');
    expect(ny.name).toBe('America/New_York');
    expect(ny.offsetMinutes(Date.UTC(2026, 2, 8, 6, 59))).toBe(-300);
    expect(ny.offsetMinutes(Date.UTC(2026, 2, 8, 7, 0))).toBe(-240);
    expect(ny.offsetMinutes(Date.UTC(2026, 10, 1, 5, 59))).toBe(-240);
    expect(ny.offsetMinutes(Date.UTC(2026, 10, 1, 6, 0))).toBe(-300);
    expect(ianaZone('Asia/Kolkata').offsetMinutes(0)).toBe(330);
    expect(ianaZone('Asia/Kathmandu').offsetMinutes(Date.UTC(2026, 0, 1))).toBe(345);
    expect(() => ianaZone('Mars/Olympus')).toThrow(RangeError);
    expect(isIanaZone('Mars/Olympus')).toBe(false);
    expect(isIanaZone('Asia/Tokyo')).toBe(true);
  });

  it('fixedZone never moves', () => {
    const z = fixedZone(-210);
    expect(z.offsetMinutes(0)).toBe(-210);
    expect(z.offsetMinutes(Date.UTC(2026, 6, 1))).toBe(-210);
    expect(z.name).toBeUndefined();
    expect(fixedZone(60, 'CET').name).toBe('CET');
  });
});

describe('local wall clock', () => {
  const paris = ewsZone(PARIS);
  const ny = ianaZone('America/New_York');

  it('localParts reads the date, weekday and minutes of the day', () => {
    expect(localParts(paris, Date.UTC(2026, 2, 29, 1, 30))).toMatchObject({
      year: 2026,
      month: 3,
      day: 29,
      weekday: 0,
      minutes: 3 * 60 + 30,
    });
    expect(localParts(ny, Date.UTC(2027, 0, 1, 3))).toMatchObject({
      year: 2026,
      month: 12,
      day: 31,
      weekday: 4,
      minutes: 22 * 60,
    });
    expect(localDayNumber(ny, Date.UTC(2027, 0, 1, 3))).toBe(localDayNumber(ny, Date.UTC(2026, 11, 31, 5)));
    expect(localDayNumber(ny, Date.UTC(2027, 0, 1, 5))).toBe(
      localDayNumber(ny, Date.UTC(2026, 11, 31, 5)) + 1,
    );
  });

  it('utcFromLocal: plain times, skipped times move forward, repeated times take the first', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(iso(utcFromLocal(paris, 2026, 3, 29, 60))).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(utcFromLocal(paris, 2026, 3, 29, 150))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 → 03:30
    expect(iso(utcFromLocal(paris, 2026, 3, 29, 180))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(utcFromLocal(paris, 2026, 10, 25, 150))).toBe('2026-10-25T00:30:00.000Z'); // the first 02:30
    expect(iso(utcFromLocal(paris, 2026, 10, 25, 180))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(utcFromLocal(ny, 2026, 3, 8, 150))).toBe('2026-03-08T07:30:00.000Z'); // 02:30 → 03:30 EDT
    expect(iso(utcFromLocal(ny, 2026, 11, 1, 90))).toBe('2026-11-01T05:30:00.000Z'); // first 01:30 (EDT)
    expect(iso(utcFromLocal(ny, 2026, 11, 1, 24 * 60))).toBe('2026-11-02T05:00:00.000Z');
    expect(iso(utcFromLocal(ianaZone('Asia/Tokyo'), 2026, 1, 1, 0))).toBe('2025-12-31T15:00:00.000Z');
  });

  it('startOfLocalDay: midnight of a 23-hour and a 25-hour day', () => {
    const mar29 = startOfLocalDay(paris, Date.UTC(2026, 2, 29, 12));
    expect(startOfLocalDay(paris, Date.UTC(2026, 2, 29, 12), 1) - mar29).toBe(23 * 3_600_000);
    const oct25 = startOfLocalDay(paris, Date.UTC(2026, 9, 25, 12));
    expect(startOfLocalDay(paris, Date.UTC(2026, 9, 25, 12), 1) - oct25).toBe(25 * 3_600_000);
    expect(new Date(oct25).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('round-trips every quarter hour of the Paris and New York change weeks', () => {
    for (const [zone, start] of [
      [paris, Date.UTC(2026, 2, 26)],
      [paris, Date.UTC(2026, 9, 22)],
      [ny, Date.UTC(2026, 2, 5)],
      [ny, Date.UTC(2026, 9, 29)],
    ] as const) {
      for (let t = start; t < start + 7 * 86_400_000; t += 15 * M) {
        const p = localParts(zone, t);
        const back = utcFromLocal(zone, p.year, p.month, p.day, p.minutes);
        // A repeated hour maps back to its first occurrence, one hour earlier.
        expect([t, t - H]).toContain(back);
        expect(localParts(zone, back).minutes).toBe(p.minutes);
      }
    }
  });
});

describe('workingHoursRule', () => {
  it('turns day names into numbers and the zone rule into a Zone', () => {
    const rule = workingHoursRule({
      biasMinutes: -60,
      timeZone: PARIS,
      days: ['Friday', 'Monday', 'Tuesday', 'Holiday'],
      startMinutes: 480,
      endMinutes: 1020,
    });
    expect(rule.days).toEqual([1, 2, 5]);
    expect([rule.startMinutes, rule.endMinutes]).toEqual([480, 1020]);
    expect(rule.zone.offsetMinutes(Date.UTC(2026, 6, 1))).toBe(120);
    const all = (days: string[]) =>
      workingHoursRule({ biasMinutes: 0, timeZone: { biasMinutes: 0 }, days, startMinutes: 0, endMinutes: 0 })
        .days;
    expect(all(['Weekday'])).toEqual([1, 2, 3, 4, 5]);
    expect(all(['WeekendDay', 'Monday'])).toEqual([0, 1, 6]);
    expect(all(['Day'])).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(all([])).toEqual([]);
    // Names of Object's own properties are unknown day names, dropped like "Holiday".
    expect(all(['constructor', 'toString', '__proto__', 'Monday'])).toEqual([1]);
  });
});

describe('the yearly rule at its edges (issue 24)', () => {
  const rule = (
    over: Partial<NonNullable<AvailabilityTimeZone['standard']>>,
  ): NonNullable<AvailabilityTimeZone['standard']> => ({
    biasMinutes: 0,
    timeMinutes: 120,
    dayOrder: 5,
    month: 3,
    dayOfWeek: 0,
    ...over,
  });

  it.each<[string, AvailabilityTimeZone, boolean]>([
    [
      'Paris',
      { biasMinutes: -60, standard: rule({ month: 10 }), daylight: rule({ biasMinutes: -60 }) },
      true,
    ],
    ['only a standard rule', { biasMinutes: -60, standard: rule({ month: 10 }) }, false],
    ['only a daylight rule', { biasMinutes: -60, daylight: rule({ biasMinutes: -60 }) }, false],
    [
      'standard month 0',
      { biasMinutes: -60, standard: rule({ month: 0 }), daylight: rule({ biasMinutes: -60 }) },
      false,
    ],
    [
      'daylight month 0',
      { biasMinutes: -60, standard: rule({ month: 10 }), daylight: rule({ month: 0, biasMinutes: -60 }) },
      false,
    ],
    [
      'standard day order 0',
      { biasMinutes: -60, standard: rule({ month: 10, dayOrder: 0 }), daylight: rule({ biasMinutes: -60 }) },
      false,
    ],
    [
      'daylight day order 0',
      { biasMinutes: -60, standard: rule({ month: 10 }), daylight: rule({ dayOrder: 0, biasMinutes: -60 }) },
      false,
    ],
    [
      'standard in January',
      { biasMinutes: -60, standard: rule({ month: 1 }), daylight: rule({ month: 7, biasMinutes: -60 }) },
      true,
    ],
    [
      'daylight in January',
      { biasMinutes: -60, standard: rule({ month: 7 }), daylight: rule({ month: 1, biasMinutes: -60 }) },
      true,
    ],
    [
      'both changes on the same rule',
      { biasMinutes: -60, standard: rule({}), daylight: rule({ biasMinutes: -60 }) },
      false,
    ],
    [
      'same month and weekday, another day order',
      { biasMinutes: -60, standard: rule({ dayOrder: 2 }), daylight: rule({ biasMinutes: -60 }) },
      true,
    ],
    [
      'same month and day order, another weekday',
      { biasMinutes: -60, standard: rule({ dayOfWeek: 6 }), daylight: rule({ biasMinutes: -60 }) },
      true,
    ],
  ])('observesDaylight: %s', (_name, tz, observes) => {
    expect(observesDaylight(tz)).toBe(observes);
  });

  it('a rule that does not observe daylight is its standard bias all year, even with a daylight bias written', () => {
    const tz: AvailabilityTimeZone = {
      biasMinutes: -60,
      standard: rule({ month: 0, dayOrder: 0, biasMinutes: -30 }),
      daylight: rule({ month: 0, dayOrder: 0, biasMinutes: -60 }),
    };
    for (const m of [0, 3, 6, 9, 11]) expect(ewsOffsetMinutes(tz, Date.UTC(2026, m, 15))).toBe(90);
  });

  it('the standard bias adds to the zone bias, with and without daylight saving', () => {
    expect(ewsOffsetMinutes({ biasMinutes: -300, standard: rule({ month: 0, biasMinutes: -30 }) }, 0)).toBe(
      330,
    );
    const tz: AvailabilityTimeZone = {
      biasMinutes: -60,
      standard: rule({ month: 10, biasMinutes: -15 }),
      daylight: rule({ biasMinutes: -60 }),
    };
    expect(ewsOffsetMinutes(tz, Date.UTC(2026, 0, 15))).toBe(75);
    expect(ewsOffsetMinutes(tz, Date.UTC(2026, 6, 15))).toBe(120);
  });

  it('reads the year on the person’s clock: daylight starting on 1 January 2027 (a Friday) is on at 05:00 that day', () => {
    // UTC+10; daylight from the first Friday of January, 00:00, to the first Sunday of July.
    const tz: AvailabilityTimeZone = {
      biasMinutes: -600,
      standard: rule({ month: 7, dayOrder: 1, timeMinutes: 180 }),
      daylight: rule({ month: 1, dayOrder: 1, dayOfWeek: 5, timeMinutes: 0, biasMinutes: -60 }),
    };
    // 2027-01-01 05:00 local (UTC+10) is 2026-12-31 19:00 UTC.
    expect(ewsOffsetMinutes(tz, Date.UTC(2026, 11, 31, 19))).toBe(660);
    expect(ewsOffsetMinutes(tz, Date.UTC(2026, 11, 31, 13, 59))).toBe(600);
  });

  it('a daylight period that ends the instant it starts is empty: standard time all year', () => {
    // In February 2026 the 4th and the last Sunday are both the 22nd: daylight starts at 02:00
    // standard time (01:00 UTC) and standard starts at 03:00 daylight time, the same instant.
    const tz: AvailabilityTimeZone = {
      biasMinutes: -60,
      standard: rule({ month: 2, dayOrder: 5, timeMinutes: 180 }),
      daylight: rule({ month: 2, dayOrder: 4, timeMinutes: 120, biasMinutes: -60 }),
    };
    for (const t of [Date.UTC(2026, 0, 15), Date.UTC(2026, 1, 22, 1), Date.UTC(2026, 6, 15)])
      expect(ewsOffsetMinutes(tz, t)).toBe(60);
  });

  it('transitionWallMs: the last Saturday is counted back from the month’s last day', () => {
    const t = { biasMinutes: 0, timeMinutes: 60, month: 3, dayOfWeek: 6, dayOrder: 5 };
    expect(new Date(transitionWallMs(t, 2026)).toISOString()).toBe('2026-03-28T01:00:00.000Z');
    expect(new Date(transitionWallMs({ ...t, dayOfWeek: 2 }, 2026)).toISOString()).toBe(
      '2026-03-31T01:00:00.000Z',
    );
  });

  it('an IANA offset read at an instant with seconds is still whole minutes of that zone', () => {
    expect(ianaZone('Asia/Tokyo').offsetMinutes(Date.UTC(2026, 0, 1, 0, 0, 45, 500))).toBe(540);
    expect(ianaZone('America/New_York').offsetMinutes(Date.UTC(2026, 0, 1, 0, 0, 59))).toBe(-300);
  });

  it('fixedZone has a name key only when given one, and keeps its offset with one', () => {
    expect(Object.keys(fixedZone(-210))).toStrictEqual(['offsetMinutes']);
    const cet = fixedZone(60, 'CET');
    expect(Object.keys(cet)).toStrictEqual(['name', 'offsetMinutes']);
    expect(cet.offsetMinutes(Date.UTC(2026, 6, 1))).toBe(60);
  });
});
