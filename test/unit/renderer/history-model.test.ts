/**
 * Conversation history (issue 23) in words and in order: kinds, who, when (in the viewer's format
 * and zone, injected), a row's text, and how pages join.
 */
import { describe, expect, it } from 'vitest';
import type { ConversationKind, ConversationSummary } from '../../../preload/contract';
import {
  appendPage,
  formatConversationDate,
  formatConversationTime,
  isMissed,
  kindLabel,
  LOAD_AHEAD,
  participantsText,
  rowText,
  wantsNextPage,
} from '../../../renderer/history-model';
import type { Clockface, Translate } from '../../../renderer/presence-model';

/** Keys and values as text, so a table can read what was asked for. */
const t: Translate = (key, values) =>
  values
    ? `${key}(${Object.entries(values)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')})`
    : key;

const uk: Clockface = { locale: 'en-GB', offset: () => 0 };
const us: Clockface = { locale: 'en-US', offset: () => 0 };
const paris: Clockface = { locale: 'fr-FR', offset: () => 60 };

function entry(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'c-1',
    kind: 'im',
    subject: 'Hi',
    at: '2026-11-30T09:00:00.000Z',
    participants: [{ name: 'Bob Martin', email: 'bob@contoso.example' }],
    preview: 'Hi, do you have a minute?',
    unread: false,
    ...over,
  };
}

describe('kinds', () => {
  it.each<[ConversationKind, boolean]>([
    ['im', false],
    ['missed-im', true],
    ['call', false],
    ['missed-call', true],
    ['conference', false],
    ['other', false],
  ])('%s is missed: %s', (kind, missed) => {
    expect(isMissed(kind)).toBe(missed);
    expect(kindLabel(kind, t)).toBe(`history.kinds.${kind}`);
  });
});

describe('formatConversationTime', () => {
  const now = Date.parse('2026-11-30T15:00:00.000Z'); // a Monday
  it.each<[string, Clockface, string, string]>([
    ['today: the time only (24 h)', uk, '2026-11-30T09:05:00.000Z', '09:05'],
    ['today: the time only (12 h)', us, '2026-11-30T09:05:00.000Z', '9:05 AM'],
    ['yesterday: the weekday', uk, '2026-11-29T18:30:00.000Z', 'Sun 18:30'],
    ['six days ago: the weekday', uk, '2026-11-24T08:00:00.000Z', 'Tue 08:00'],
    ['a week ago: the date', uk, '2026-11-23T08:00:00.000Z', '23 Nov 08:00'],
    ['last year: the date with the year', uk, '2025-12-24T08:00:00.000Z', '24 Dec 2025 08:00'],
    ['in French, in Paris', paris, '2026-11-20T08:00:00.000Z', '20 nov. 09:00'],
    ['later than now (a clock ahead): the date', uk, '2026-12-01T08:00:00.000Z', '1 Dec 08:00'],
  ])('%s', (_name, face, at, expected) => {
    expect(formatConversationTime(Date.parse(at), now, face)).toBe(expected);
  });

  it('counts days on the viewer’s clock, not UTC’s: 23:30 UTC is already tomorrow in Paris', () => {
    const lateUtc = Date.parse('2026-11-29T23:30:00.000Z');
    expect(formatConversationTime(lateUtc, Date.parse('2026-11-30T10:00:00.000Z'), paris)).toBe('00:30');
    expect(formatConversationTime(lateUtc, Date.parse('2026-11-30T10:00:00.000Z'), uk)).toBe('Sun 23:30');
  });

  it('the year is the viewer’s: just after midnight on New Year’s Day in Paris, December is last year', () => {
    const newYear = Date.parse('2025-12-31T23:30:00.000Z'); // 00:30 on 1 January 2026 in Paris
    expect(formatConversationTime(Date.parse('2025-12-20T08:00:00.000Z'), newYear, paris)).toBe(
      '20 déc. 2025 09:00',
    );
  });

  it('the full date for the open conversation', () => {
    expect(formatConversationDate(Date.parse('2026-11-30T09:05:00.000Z'), uk)).toMatch(
      /^Monday,? 30 November 2026 09:05$/,
    );
  });
});

describe('participantsText', () => {
  const p = (...names: string[]) => entry({ participants: names.map((name) => ({ name })) });
  it.each<[string, ConversationSummary, string]>([
    ['no one', p(), 'history.people.none'],
    ['one person', p('Bob'), 'Bob'],
    ['two', p('Bob', 'Chloé'), 'history.people.two(first=Bob,second=Chloé)'],
    ['four', p('Bob', 'Chloé', 'Anna', 'Hélène'), 'history.people.many(first=Bob,second=Chloé,count=2)'],
    ['names are trimmed', p(' Bob ', 'Chloé'), 'history.people.two(first=Bob,second=Chloé)'],
    [
      'three: the first two and one other',
      p('Bob', 'Chloé', 'Anna'),
      'history.people.many(first=Bob,second=Chloé,count=1)',
    ],
    [
      'someone with neither name nor address is left out',
      entry({ participants: [{ name: ' ' }, { name: 'Bob' }] }),
      'Bob',
    ],
    [
      'a blank name falls back to the address',
      entry({ participants: [{ name: ' ', email: 'x@y.z' }] }),
      'x@y.z',
    ],
  ])('%s', (_name, e, expected) => {
    expect(participantsText(e, t)).toBe(expected);
  });
});

describe('rowText', () => {
  it('is the preview, or the subject when there is none', () => {
    expect(rowText(entry())).toBe('Hi, do you have a minute?');
    expect(rowText(entry({ preview: ' Call me ' }))).toBe('Call me');
    expect(rowText(entry({ preview: '  ', subject: ' Missed call from Bob ' }))).toBe('Missed call from Bob');
  });
});

describe('appendPage', () => {
  const a = entry({ id: 'a' });
  const b = entry({ id: 'b' });
  const c = entry({ id: 'c' });
  it('adds the new rows after the old, keeps the total and the next offset', () => {
    expect(appendPage([a], { entries: [b, c], total: 5, nextOffset: 3 })).toEqual({
      rows: [a, b, c],
      total: 5,
      nextOffset: 3,
    });
  });
  it('drops a row already shown (an item arrived meanwhile and shifted the pages)', () => {
    expect(appendPage([a, b], { entries: [b, c], total: 3 })).toEqual({ rows: [a, b, c], total: 3 });
  });
  it('has no next offset on the last page', () => {
    expect('nextOffset' in appendPage([], { entries: [a], total: 1 })).toBe(false);
  });
});

describe('wantsNextPage', () => {
  it.each<[string, number, number, boolean, boolean]>([
    ['far from the end', 10, 100, true, false],
    ['just inside the look-ahead', 100 - LOAD_AHEAD, 100, true, true],
    ['just outside the look-ahead', 100 - LOAD_AHEAD - 1, 100, true, false],
    ['at the end, nothing more', 99, 100, false, false],
    ['nothing drawn yet', -1, 0, true, false],
  ])('%s', (_name, last, rows, hasMore, expected) => {
    expect(wantsNextPage(last, rows, hasMore)).toBe(expected);
  });
});
