import { describe, expect, it } from 'vitest';
import { photoCheck, type HeldEntry } from '../../../../main/services/photo-freshness';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;
const rules = (checkedThisRun: boolean) => ({
  now: NOW,
  revalidateAfterMs: 12 * HOUR,
  negativeTtlMs: HOUR,
  checkedThisRun,
});

describe('photoCheck: when a held photo is shown without asking Exchange', () => {
  const cases: Array<[string, HeldEntry | null, boolean, 'use' | 'ask']> = [
    ['nothing held: ask', null, false, 'ask'],
    ['nothing held, even if confirmed this start: ask', null, true, 'ask'],
    [
      'a photo held from an earlier start, checked a minute ago: ask (a 304 if unchanged)',
      { kind: 'photo', checkedAt: NOW - 60_000 },
      false,
      'ask',
    ],
    ['a photo confirmed this start: use', { kind: 'photo', checkedAt: NOW - 60_000 }, true, 'use'],
    [
      'a photo confirmed this start, 12 h ago to the millisecond: ask',
      { kind: 'photo', checkedAt: NOW - 12 * HOUR },
      true,
      'ask',
    ],
    [
      'a photo confirmed this start, just under 12 h ago: use',
      { kind: 'photo', checkedAt: NOW - 12 * HOUR + 1 },
      true,
      'use',
    ],
    [
      '"no photo" from an earlier start, under an hour ago: use',
      { kind: 'none', checkedAt: NOW - HOUR + 1 },
      false,
      'use',
    ],
    ['"no photo", an hour ago: ask', { kind: 'none', checkedAt: NOW - HOUR }, false, 'ask'],
    [
      '"no photo" confirmed this start, over an hour ago: ask',
      { kind: 'none', checkedAt: NOW - 2 * HOUR },
      true,
      'ask',
    ],
  ];
  it.each(cases)('%s', (_name, held, confirmed, want) => {
    expect(photoCheck(held, rules(confirmed))).toBe(want);
  });
});
