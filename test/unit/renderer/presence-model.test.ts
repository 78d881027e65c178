/** Presence in words (English and French, the user's time format) and the availability order. */
import { createInstance } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import type { PresenceInfo } from '../../../preload/contract';
import { en } from '../../../renderer/i18n/en';
import { fr } from '../../../renderer/i18n/fr';
import {
  availabilityRank,
  byAvailability,
  dateFormat,
  formatDay,
  formatTime,
  localDayNumber,
  reasonLabel,
  stateLabel,
  statusWords,
  theirClock,
  timeLocale,
  viewerOffset,
} from '../../../renderer/presence-model';
import type { Clockface, Translate } from '../../../renderer/presence-model';

function translator(lng: 'en' | 'fr'): Translate {
  const i18n = createInstance();
  void i18n.init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  const tr = i18n.t.bind(i18n) as unknown as Translate;
  return (key, values) => tr(key, values ?? {});
}

/** A viewer in Paris in winter (UTC+1), on a 24-hour clock. */
const paris: Clockface = { locale: 'en-GB', offset: () => 60 };
const parisFr: Clockface = { locale: 'fr-FR', offset: () => 60 };
const us: Clockface = { locale: 'en-US', offset: () => -300 };
const NOW = Date.parse('2026-11-30T09:42:00Z'); // Monday 10:42 in Paris

const p = (over: Partial<PresenceInfo>): PresenceInfo => ({
  email: 'x@contoso.test',
  state: 'available',
  fetchedAt: null,
  ...over,
});

describe('status words', () => {
  const t = translator('en');
  const tf = translator('fr');
  it.each([
    ['available, nothing later today', p({}), paris, t, 'Available'],
    ['free until the next meeting today', p({ until: '2026-11-30T13:00:00Z' }), paris, t, 'Free until 14:00'],
    [
      'in a meeting until',
      p({ state: 'busy', until: '2026-11-30T14:30:00Z' }),
      paris,
      t,
      'In a meeting until 15:30',
    ],
    [
      'in a meeting until, US clock',
      p({ state: 'busy', until: '2026-11-30T14:30:00Z' }),
      us,
      t,
      'In a meeting until 9:30 AM',
    ],
    [
      'in a meeting past midnight names the day',
      p({ state: 'busy', until: '2026-12-01T08:00:00Z' }),
      paris,
      t,
      'In a meeting until Tue 09:00',
    ],
    [
      'out of office until a date',
      p({ state: 'oof', until: '2026-12-07T07:00:00Z' }),
      paris,
      t,
      'Out of office until Monday 7 Dec',
    ],
    [
      'off work, their clock differs',
      p({ state: 'off-work', until: '2026-11-30T13:00:00Z', untilUtcOffsetMinutes: -300 }),
      paris,
      t,
      'Off work, back 08:00 their time — 14:00 yours',
    ],
    [
      'off work, same clock',
      p({ state: 'off-work', until: '2026-12-01T07:00:00Z', untilUtcOffsetMinutes: 60 }),
      paris,
      t,
      'Off work, back Tue 08:00',
    ],
    ['in a meeting, end unknown', p({ state: 'busy' }), paris, t, 'In a meeting'],
    ['out of office, end unknown', p({ state: 'oof' }), paris, t, 'Out of office'],
    ['off work, back unknown', p({ state: 'off-work' }), paris, t, 'Off work'],
    [
      'off work, their clock not known: said once, on mine',
      p({ state: 'off-work', until: '2026-11-30T13:00:00Z' }),
      paris,
      t,
      'Off work, back 14:00',
    ],
    [
      'off work, same clock, on the viewer’s day (their offset said as mine)',
      p({ state: 'off-work', until: '2026-11-30T13:00:00Z', untilUtcOffsetMinutes: 60 }),
      paris,
      t,
      'Off work, back 14:00',
    ],
    [
      'off work, their clock on another day than mine names their day',
      p({ state: 'off-work', until: '2026-11-30T22:30:00Z', untilUtcOffsetMinutes: 540 }),
      paris,
      t,
      'Off work, back Tue 07:30 their time — 23:30 yours',
    ],
    ['unknown', p({ state: 'unknown', reason: 'not-shared' }), paris, t, 'Status unknown'],
    ['not read yet', p({ state: 'unknown', reason: 'not-loaded' }), paris, t, 'Checking availability…'],
    [
      'French: en réunion jusqu’à',
      p({ state: 'busy', until: '2026-11-30T14:30:00Z' }),
      parisFr,
      tf,
      'En réunion jusqu’à 15:30',
    ],
    ['French: libre jusqu’à', p({ until: '2026-11-30T13:00:00Z' }), parisFr, tf, 'Libre jusqu’à 14:00'],
    [
      'French: absent jusqu’au',
      p({ state: 'oof', until: '2026-12-07T07:00:00Z' }),
      parisFr,
      tf,
      'Absent du bureau jusqu’au lundi 7 déc.',
    ],
  ])('%s', (_name, info, face, tr, words) => {
    expect(statusWords(info, NOW, face, tr)).toBe(words);
  });
});

describe('sort by availability', () => {
  it('puts available people first, then by how soon each becomes free, unknown last, names kept in order', () => {
    const list = [
      p({ email: 'a', state: 'unknown' }),
      p({ email: 'b', state: 'busy', until: '2026-11-30T16:00:00Z' }),
      p({ email: 'c', state: 'available' }),
      p({ email: 'd', state: 'oof', until: '2026-12-07T07:00:00Z' }),
      p({ email: 'e', state: 'busy', until: '2026-11-30T10:30:00Z' }),
      p({ email: 'f', state: 'available', until: '2026-11-30T13:00:00Z' }),
      p({ email: 'g', state: 'off-work' }),
    ];
    expect(byAvailability(list, (x) => x).map((x) => x.email)).toEqual(['c', 'f', 'e', 'b', 'd', 'g', 'a']);
    expect(availabilityRank(undefined)).toEqual(availabilityRank(p({ state: 'unknown' })));
  });

  it.each([
    ['available', p({}), [0, 0]],
    [
      'busy until an instant: that instant',
      p({ state: 'busy', until: '2026-11-30T16:00:00Z' }),
      [1, Date.parse('2026-11-30T16:00:00Z')],
    ],
    ['busy, end unknown: after every known end', p({ state: 'busy' }), [1, Number.MAX_SAFE_INTEGER]],
    [
      'busy until something that is not a date: the same',
      p({ state: 'busy', until: 'soon' }),
      [1, Number.MAX_SAFE_INTEGER],
    ],
    ['unknown', p({ state: 'unknown' }), [2, 0]],
  ] as const)('rank: %s', (_name, info, rank) => {
    expect(availabilityRank(info)).toEqual(rank);
  });
});

describe('clock face', () => {
  it('uses the system locale when it speaks the chosen language, else the language', () => {
    expect(timeLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(timeLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(timeLocale('fr', ['en-US'])).toBe('fr');
    expect(timeLocale('EN-us', ['fr-FR', 'EN-GB'])).toBe('EN-GB');
    expect(timeLocale('', ['en-GB'])).toBe('');
  });
  it('tells their local time and offset', () => {
    expect(theirClock(p({ utcOffsetMinutes: 540 }), NOW, paris)).toBe('18:42 (UTC+09:00)');
    expect(theirClock(p({ utcOffsetMinutes: -300 }), NOW, paris)).toBe('04:42 (UTC−05:00)');
    expect(theirClock(p({ utcOffsetMinutes: 0 }), NOW, paris)).toBe('09:42 (UTC+00:00)');
    expect(theirClock(p({ utcOffsetMinutes: 330 }), NOW, paris)).toBe('15:12 (UTC+05:30)');
    expect(theirClock(p({ utcOffsetMinutes: -570 }), NOW, paris)).toBe('00:12 (UTC−09:30)');
    expect(theirClock(p({}), NOW, paris)).toBeNull();
  });
});

describe('formatters', () => {
  it('one formatter per locale and style, made once and reused', () => {
    expect(dateFormat('en-GB', 'time')).toBe(dateFormat('en-GB', 'time'));
    expect(dateFormat('en-GB', 'day')).not.toBe(dateFormat('en-GB', 'time'));
    expect(dateFormat('en-US', 'time')).not.toBe(dateFormat('en-GB', 'time'));
  });
  it.each([
    ['en-GB', 'time', '08:05'],
    ['en-US', 'time', '8:05 AM'],
    ['de-DE', 'time', '08:05'],
    ['en-GB', 'weekday', 'Tue'],
    ['en-GB', 'date', '1 Dec'],
    ['en-GB', 'dateYear', '1 Dec 2026'],
  ] as const)('%s %s', (locale, style, text) => {
    expect(dateFormat(locale, style).format(new Date('2026-12-01T08:05:00Z'))).toBe(text);
  });
  it('says a time in UTC after the offset is applied, whatever the machine’s zone', () => {
    expect(formatTime(Date.parse('2026-12-01T08:05:00Z'), paris)).toBe('09:05');
    expect(formatTime(Date.parse('2026-12-01T08:05:00Z'), paris, -300)).toBe('03:05');
    expect(formatDay(Date.parse('2026-12-01T23:30:00Z'), paris)).toBe('Wednesday 2 Dec');
  });
  it('a day number changes at the viewer’s midnight, not UTC’s', () => {
    const lateUtc = Date.parse('2026-11-30T23:30:00Z');
    expect(localDayNumber(lateUtc, 60)).toBe(localDayNumber(lateUtc, 0) + 1);
    expect(localDayNumber(Date.parse('2026-11-30T00:00:00Z'), 0)).toBe(
      Date.parse('2026-11-30T00:00:00Z') / 86_400_000,
    );
    expect(localDayNumber(Date.parse('2026-11-30T23:59:59Z'), 0)).toBe(
      Date.parse('2026-11-30T00:00:00Z') / 86_400_000,
    );
  });
  it('the viewer’s offset is the machine zone’s, east positive', () => {
    // Date reports the zone west positive (New York in summer: 240, Kolkata: -330). Stubbed rather
    // than set through TZ: a test runner in worker threads does not see TZ change.
    const zone = vi.spyOn(Date.prototype, 'getTimezoneOffset');
    try {
      zone.mockReturnValueOnce(240);
      expect(viewerOffset(Date.parse('2026-07-01T12:00:00Z'))).toBe(-240);
      zone.mockReturnValueOnce(-330);
      expect(viewerOffset(Date.parse('2026-07-01T12:00:00Z'))).toBe(330);
    } finally {
      zone.mockRestore();
    }
  });
  it('the state and reason names', () => {
    const t = translator('en');
    expect(stateLabel('busy', t)).toBe('In a meeting');
    expect(reasonLabel('not-loaded', t)).toBe(t('presence.reason.not-loaded'));
    expect(reasonLabel(undefined, t)).toBe(t('presence.reason.error'));
    expect(reasonLabel(undefined, t)).not.toBe('presence.reason.error');
  });
});
