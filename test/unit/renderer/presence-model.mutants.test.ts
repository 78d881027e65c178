/** Times on a 24-hour clock that counts 1–24 (hour cycle h24): hours written with two digits. */
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../../renderer/presence-model';
import type { Clockface } from '../../../renderer/presence-model';

/** A UK viewer whose system asks for the 1–24 hour cycle (the Unicode extension -u-hc-h24). */
const h24: Clockface = { locale: 'en-GB-u-hc-h24', offset: () => 0 };

describe('formatTime on an h24 clock', () => {
  it('writes a morning hour with two digits, like other 24-hour clocks (08:05, not 8:05)', () => {
    expect(formatTime(Date.parse('2026-12-01T08:05:00Z'), h24)).toBe('08:05');
  });
});
