/** Presence in words (English and French, the user's time format) and the availability order. */
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { PresenceInfo } from '../../../preload/contract';
import { en } from '../../../renderer/i18n/en';
import { fr } from '../../../renderer/i18n/fr';
import {
  availabilityRank,
  byAvailability,
  statusWords,
  theirClock,
  timeLocale,
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
});

describe('clock face', () => {
  it('uses the system locale when it speaks the chosen language, else the language', () => {
    expect(timeLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(timeLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(timeLocale('fr', ['en-US'])).toBe('fr');
  });
  it('tells their local time and offset', () => {
    expect(theirClock(p({ utcOffsetMinutes: 540 }), NOW, paris)).toBe('18:42 (UTC+09:00)');
    expect(theirClock(p({ utcOffsetMinutes: -300 }), NOW, paris)).toBe('04:42 (UTC−05:00)');
    expect(theirClock(p({}), NOW, paris)).toBeNull();
  });
});
