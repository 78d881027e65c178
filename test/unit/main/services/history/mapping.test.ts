import { describe, expect, it } from 'vitest';
import type { MailSummary } from '../../../../../main/exchange/operations/mail';
import {
  conversationKind,
  involves,
  participantsOf,
  previewLine,
  toHistoryEntry,
} from '../../../../../main/services/history/mapping';

const me = { email: 'alice@contoso.test', displayName: 'Alice Martin' };

function summary(over: Partial<MailSummary>): MailSummary {
  return {
    id: 'id1',
    itemClass: 'IPM.Note.Microsoft.Conversation',
    subject: 'Hi',
    received: '2026-11-24T09:00:00.000Z',
    displayTo: 'Alice Martin',
    isRead: true,
    hasAttachments: false,
    from: { name: 'Bob Kelly', email: 'bob@contoso.test' },
    ...over,
  };
}

describe('conversationKind', () => {
  it.each([
    ['IPM.Note.Microsoft.Conversation', 1, 'im'],
    ['IPM.Note.Microsoft.Conversation', 3, 'conference'],
    ['ipm.note.microsoft.conversation', 1, 'im'],
    ['IPM.Note.Microsoft.Missed', 1, 'missed-im'],
    ['IPM.Note.Microsoft.Conversation.Voice', 1, 'call'],
    ['IPM.Note.Microsoft.Missed.Voice', 1, 'missed-call'],
    ['IPM.Note', 1, 'other'],
    ['IPM.Note.Microsoft.ConversationX', 1, 'other'],
  ] as const)('%s with %i other people is %s', (cls, n, kind) => {
    expect(conversationKind(cls, n)).toBe(kind);
  });
});

describe('participantsOf', () => {
  it.each([
    ['sender and me', summary({}), [{ name: 'Bob Kelly', email: 'bob@contoso.test' }]],
    [
      'my conference: the DisplayTo names',
      summary({
        from: { name: 'Alice Martin', email: 'alice@contoso.test' },
        displayTo: 'Bob Kelly; Dave Thompson',
      }),
      [{ name: 'Bob Kelly' }, { name: 'Dave Thompson' }],
    ],
    [
      'no sender',
      summary({ from: undefined, displayTo: 'Alice Martin; Hélène Dubois' }),
      [{ name: 'Hélène Dubois' }],
    ],
    [
      'duplicates once',
      summary({ displayTo: 'bob@contoso.test; Alice Martin' }),
      [{ name: 'Bob Kelly', email: 'bob@contoso.test' }],
    ],
  ])('%s', (_n, item, people) => {
    expect(participantsOf(item, me)).toEqual(people);
  });
});

describe('previewLine', () => {
  it.each([
    [undefined, ''],
    ['  one\n two  ', 'one two'],
    ['word '.repeat(50), `${'word '.repeat(32).trim()}…`],
  ])('%j → %j', (text, line) => {
    expect(previewLine(text)).toBe(line);
  });
});

describe('toHistoryEntry and involves', () => {
  it('maps a missed IM to an unread row with the sender', () => {
    const e = toHistoryEntry(
      summary({ itemClass: 'IPM.Note.Microsoft.Missed', isRead: false, preview: 'Lunch?' }),
      me,
    );
    expect(e).toMatchObject({
      kind: 'missed-im',
      unread: true,
      preview: 'Lunch?',
      participants: [{ name: 'Bob Kelly' }],
    });
    expect(involves(e, { email: 'BOB@contoso.test' })).toBe(true);
    expect(involves(e, { email: 'dave@contoso.test', displayName: 'Dave Thompson' })).toBe(false);
  });

  it('finds a conference participant known only by name', () => {
    const e = toHistoryEntry(
      summary({ from: { name: 'Alice Martin', email: me.email }, displayTo: 'Bob Kelly; Dave Thompson' }),
      me,
    );
    expect(e.kind).toBe('conference');
    expect(involves(e, { email: 'dave@contoso.test', displayName: 'Dave Thompson' })).toBe(true);
  });
});
