import { describe, expect, it } from 'vitest';
import type { VoicemailEntry } from '../../../preload/contract';
import {
  callerName,
  clockDuration,
  focusAfterDelete,
  previewOf,
  spokenDuration,
  unheardByEmail,
  whenLabel,
  withUnread,
  without,
} from '../../../renderer/voicemail-model';

/** A `t` that writes the key and its values, so a test sees which words were chosen. */
const t = (key: string, values?: Record<string, string | number>): string =>
  values ? `${key}(${Object.values(values).join(',')})` : key;

const entry = (over: Partial<VoicemailEntry> & { id: string }): VoicemailEntry => ({
  caller: { name: 'Bob Martin', email: 'bob@contoso.example' },
  at: '2026-11-30T09:00:00.000Z',
  unread: true,
  ...over,
});

describe('callerName', () => {
  it.each([
    [
      'the contact’s name first',
      { name: 'BOB', contact: { email: 'b@x', displayName: 'Bob Martin' } },
      'Bob Martin',
    ],
    ['the server’s name', { name: 'Chloé Zhang' }, 'Chloé Zhang'],
    [
      'the server’s name when the contact’s is blank, trimmed',
      { name: ' Chloé Zhang ', contact: { email: 'c@x', displayName: ' ' } },
      'Chloé Zhang',
    ],
    ['the contact’s name trimmed', { name: '', contact: { email: 'b@x', displayName: ' Bob ' } }, 'Bob'],
    ['the number trimmed', { name: '', phone: ' +1 425 ' }, '+1 425'],
    ['the number when the name is blank', { name: '  ', phone: '+1 425 555 0142' }, '+1 425 555 0142'],
    ['"unknown" when there is nothing', { name: '' }, 'voicemail.unknownCaller'],
    ['"unknown" when only spaces', { name: ' ', phone: ' ' }, 'voicemail.unknownCaller'],
  ])('%s', (_n, caller, name) => {
    expect(callerName(entry({ id: 'a', caller }), t)).toBe(name);
  });
});

describe('durations', () => {
  it.each([
    [0, '0:00', 'voicemail.seconds(0)'],
    [7, '0:07', 'voicemail.seconds(7)'],
    [59.6, '1:00', 'voicemail.minutes(1)'],
    [65, '1:05', 'voicemail.minutes(1) voicemail.seconds(5)'],
    [720, '12:00', 'voicemail.minutes(12)'],
    [-3, '0:00', 'voicemail.seconds(0)'],
  ])('%s s → %s, said "%s"', (seconds, clock, spoken) => {
    expect(clockDuration(seconds)).toBe(clock);
    expect(spokenDuration(seconds, t)).toBe(spoken);
  });
});

describe('previewOf', () => {
  it.each([
    ['nothing', undefined, undefined],
    ['blank', '  \n ', undefined],
    ['short text, spaces folded', ' Call  me\nback ', 'Call me back'],
    ['exactly the limit', 'a'.repeat(20), 'a'.repeat(20)],
    ['cut at a word', 'one two three four five six', 'one two three four…'],
    ['one long word cut hard', 'x'.repeat(30), `${'x'.repeat(20)}…`],
    ['a space early in the text is no place to cut', `ab ${'x'.repeat(30)}`, `ab ${'x'.repeat(17)}…`],
    [
      'cut at the last space, no space left before the ellipsis',
      'aaaaaaaaaaaaa bb  cc dd',
      'aaaaaaaaaaaaa bb cc…',
    ],
  ])('%s', (_n, text, preview) => {
    expect(previewOf(text, 20)).toBe(preview);
  });
});

describe('unheardByEmail', () => {
  it('counts unheard voice mails per contact, by lower-case address, ignoring heard and unknown callers', () => {
    const counts = unheardByEmail([
      entry({
        id: '1',
        caller: { name: 'Bob', contact: { email: 'Bob@Contoso.example', displayName: 'Bob' } },
      }),
      entry({
        id: '2',
        caller: { name: 'Bob', contact: { email: 'bob@contoso.example', displayName: 'Bob' } },
      }),
      entry({
        id: '3',
        unread: false,
        caller: { name: 'Bob', contact: { email: 'bob@contoso.example', displayName: 'Bob' } },
      }),
      entry({ id: '4', caller: { name: 'Ann', email: 'ann@contoso.example' } }), // not a contact
      entry({ id: '5', caller: { name: '+1 425', phone: '+1 425' } }),
      entry({
        id: '6',
        caller: { name: 'Bob', contact: { email: ' bob@contoso.example ', displayName: 'Bob' } },
      }),
      entry({ id: '7', caller: { name: 'Nobody', contact: { email: ' ', displayName: 'Nobody' } } }),
    ]);
    expect([...counts]).toEqual([['bob@contoso.example', 3]]);
  });
});

describe('list changes', () => {
  const list = [entry({ id: 'a' }), entry({ id: 'b', unread: false }), entry({ id: 'c' })];

  it('marks one entry and keeps the others as they were (same objects)', () => {
    const next = withUnread(list, 'a', false);
    expect(next.map((e) => e.unread)).toEqual([false, false, true]);
    expect(next[1]).toBe(list[1]);
    expect(withUnread(list, 'b', false)[1]).toBe(list[1]); // no change, same object
    expect(withUnread(list, 'zz', false)).toEqual(list);
  });

  it('drops a deleted entry', () => {
    expect(without(list, 'b').map((e) => e.id)).toEqual(['a', 'c']);
    expect(without(list, 'zz')).toHaveLength(3);
  });

  it.each([
    [0, 2, 0],
    [1, 2, 1],
    [2, 2, 1],
    [0, 0, null],
    [5, 3, 2],
    [-1, 3, 0],
  ])('after deleting #%i with %i left, focus goes to %s', (index, remaining, focus) => {
    expect(focusAfterDelete(index, remaining)).toBe(focus);
  });
});

describe('whenLabel', () => {
  const face = { locale: 'en-GB', offset: () => 60 }; // UTC+1
  const now = Date.parse('2026-11-30T12:00:00.000Z');

  it.each([
    ['today: the time alone', '2026-11-30T08:05:00.000Z', '09:05'],
    ['today in the viewer’s zone though yesterday in UTC', '2026-11-29T23:30:00.000Z', '00:30'],
    ['another day: the day too', '2026-11-28T08:05:00.000Z', 'Saturday 28 Nov 09:05'],
  ])('%s', (_n, at, label) => {
    expect(whenLabel(Date.parse(at), now, face)).toBe(label);
  });
});
