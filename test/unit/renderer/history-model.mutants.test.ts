/**
 * Conversation times on a clock far from UTC: the weekday, the date and the year are the viewer's,
 * so an instant that is still yesterday (or last year) in UTC is said on the viewer's own day.
 */
import { describe, expect, it } from 'vitest';
import { formatConversationDate, formatConversationTime } from '../../../renderer/history-model';
import type { Clockface } from '../../../renderer/presence-model';

/** A viewer in Tokyo (UTC+9) and one in New York in winter (UTC−5), both on a 24-hour clock. */
const tokyo: Clockface = { locale: 'en-GB', offset: () => 540 };
const newYork: Clockface = { locale: 'en-GB', offset: () => -300 };

describe('formatConversationTime on a clock ahead of or behind UTC', () => {
  const nowTokyo = Date.parse('2026-11-30T03:00:00.000Z'); // Monday 12:00 in Tokyo
  const nowNewYork = Date.parse('2026-11-30T15:00:00.000Z'); // Monday 10:00 in New York
  it.each<[string, Clockface, number, string, string]>([
    [
      'earlier this week: the weekday in Tokyo, though it is still the day before in UTC',
      tokyo,
      nowTokyo,
      '2026-11-25T20:00:00.000Z',
      'Thu 05:00',
    ],
    [
      'more than a week ago: the date in Tokyo, though it is still the day before in UTC',
      tokyo,
      nowTokyo,
      '2026-11-15T20:00:00.000Z',
      '16 Nov 05:00',
    ],
    [
      'New Year’s Day in Tokyo is this year, though it is still last year in UTC',
      tokyo,
      nowTokyo,
      '2025-12-31T20:00:00.000Z',
      '1 Jan 05:00',
    ],
    [
      'more than a week ago: the date in New York, though it is already the next day in UTC',
      newYork,
      nowNewYork,
      '2026-11-21T03:00:00.000Z',
      '20 Nov 22:00',
    ],
  ])('%s', (_name, face, now, at, expected) => {
    expect(formatConversationTime(Date.parse(at), now, face)).toBe(expected);
  });
});

describe('formatConversationDate on a clock ahead of UTC', () => {
  it('names the viewer’s day: 20:00 UTC on Monday is Tuesday 05:00 in Tokyo', () => {
    expect(formatConversationDate(Date.parse('2026-11-30T20:00:00.000Z'), tokyo)).toMatch(
      /^Tuesday,? 1 December 2026 05:00$/,
    );
  });
});
