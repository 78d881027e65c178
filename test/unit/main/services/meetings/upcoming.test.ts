/** Calendar items → the contract's Meeting: answers, organiser, and a join link that is only ever https. */
import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../../../../../main/exchange/operations/calendar';
import {
  joinLinkInBody,
  joinLinkOf,
  responseOf,
  toMeeting,
} from '../../../../../main/services/meetings/upcoming';

const ME = 'alice@contoso.test';

function item(over: Partial<CalendarItem> = {}): CalendarItem {
  return {
    id: 'AAMk1',
    changeKey: 'CK1',
    subject: 'Budget',
    start: '2026-11-30T14:00:00.000Z',
    end: '2026-11-30T15:00:00.000Z',
    isAllDay: false,
    required: [],
    optional: [],
    ...over,
  };
}

describe('responseOf', () => {
  it.each([
    ['Organizer', 'organizer'],
    ['Accept', 'accepted'],
    ['Tentative', 'tentative'],
    ['Decline', 'declined'],
    ['NoResponseReceived', 'no-response'],
    ['Unknown', 'unknown'],
    [undefined, 'unknown'],
    ['Something new', 'unknown'],
    // Names of Object's own properties are unknown answers like any other.
    ['constructor', 'unknown'],
    ['toString', 'unknown'],
    ['__proto__', 'unknown'],
  ] as const)('%s → %s', (ews, out) => expect(responseOf(ews)).toBe(out));
});

describe('toMeeting', () => {
  it('a meeting I organise: I am the organiser, each attendee has their answer', () => {
    const m = toMeeting(
      item({
        myResponse: 'Organizer',
        organizer: { email: 'Alice@contoso.test', name: 'Alice' },
        required: [{ email: 'bob@contoso.test', name: 'Bob', response: 'Accept' }],
        optional: [{ email: 'eve@contoso.test', response: 'Decline' }],
        location: 'Room 1',
      }),
      ME,
    );
    expect(m).toMatchObject({
      id: 'AAMk1',
      changeKey: 'CK1',
      isOrganizer: true,
      myResponse: 'organizer',
      organizer: { email: 'Alice@contoso.test', displayName: 'Alice' },
      location: 'Room 1',
      attendees: [
        { email: 'bob@contoso.test', displayName: 'Bob', required: true, response: 'accepted' },
        { email: 'eve@contoso.test', required: false, response: 'declined' },
      ],
      isRecurring: false,
      isCancelled: false,
    });
    expect(m.joinUrl).toBeUndefined();
  });

  it.each([
    ['NoResponseReceived', 'no-response'],
    ['Tentative', 'tentative'],
    ['Accept', 'accepted'],
  ] as const)('a meeting I was invited to, answered %s', (ews, mine) => {
    const m = toMeeting(item({ myResponse: ews, organizer: { email: 'bob@contoso.test' } }), ME);
    expect(m).toMatchObject({
      isOrganizer: false,
      myResponse: mine,
      organizer: { email: 'bob@contoso.test', displayName: 'bob@contoso.test' },
    });
  });

  it.each([
    ['my address, in another case and with spaces', { organizer: { email: ' ALICE@Contoso.test ' } }],
    ['no organiser named (my own item)', {}],
    [
      'Exchange says I organise it, under a shared address',
      { myResponse: 'Organizer', organizer: { email: 'team@contoso.test' } },
    ],
  ] as const)('I am the organiser: %s', (_what, over) => {
    const m = toMeeting(item({ myResponse: 'Unknown', ...over }), ME);
    expect([m.isOrganizer, m.myResponse]).toStrictEqual([true, 'organizer']);
  });

  it('has no change key or location when the item has none, rather than empty ones', () => {
    const m = toMeeting(item({ changeKey: '', location: '' }), ME);
    expect(Object.keys(m)).not.toContain('changeKey');
    expect(Object.keys(m)).not.toContain('location');
  });

  it('keeps recurring and cancelled flags', () => {
    expect(toMeeting(item({ isRecurring: true, isCancelled: true }), ME)).toMatchObject({
      isRecurring: true,
      isCancelled: true,
    });
  });
});

const A = (href: string, text = 'Join online meeting', extra = ''): string =>
  `<html><body><p>Agenda</p><a href="${href}"${extra}>${text}</a></body></html>`;

describe('the join link', () => {
  it.each([
    [
      'our own mark, with the id',
      A('https://meet.contoso.test/alice/X1', 'anything', ' data-roster-online-meeting="X1"'),
      { url: 'https://meet.contoso.test/alice/X1', onlineMeetingId: 'X1' },
    ],
    [
      'a Lync invitation ("Join Lync Meeting")',
      A('https://lync.contoso.test/meet/alice/9', 'Join Lync Meeting'),
      { url: 'https://lync.contoso.test/meet/alice/9' },
    ],
    [
      'a French one',
      A('https://conf.contoso.test/x', 'Rejoindre la réunion Skype'),
      { url: 'https://conf.contoso.test/x' },
    ],
    [
      'a meet.* host, whatever the text',
      A('https://meet.contoso.test/bob/Q', 'click'),
      { url: 'https://meet.contoso.test/bob/Q' },
    ],
    [
      'Teams',
      A('https://teams.microsoft.com/l/meetup-join/19%3a1', 'here'),
      { url: 'https://teams.microsoft.com/l/meetup-join/19%3a1' },
    ],
    [
      'entities in the href',
      A('https://meet.contoso.test/a?x=1&amp;y=2'),
      { url: 'https://meet.contoso.test/a?x=1&y=2' },
    ],
    [
      'an entity named like an Object property, kept as written',
      A('https://meet.contoso.test/a?x=1&constructor;y=2'),
      { url: 'https://meet.contoso.test/a?x=1&constructor;y=2' },
    ],
    [
      'words split by a tag broken over two lines, as Outlook writes them',
      A('https://conf.contoso.test/x', 'Join <span\nstyle="color:blue">online meeting</span>'),
      { url: 'https://conf.contoso.test/x' },
    ],
  ])('is found: %s', (_name, body, link) => {
    expect(joinLinkInBody(body)).toEqual(link);
  });

  it.each([
    ['javascript:', A('javascript:alert(1)')],
    ['javascript: hidden by entities', A('jav&#x61;script&colon;alert(1)')],
    ['javascript: with a tab', A('java\tscript:alert(1)')],
    ['data:', A('data:text/html,<script>1</script>')],
    ['http (unencrypted)', A('http://meet.contoso.test/alice/X')],
    ['credentials in the link', A('https://user:pw@meet.contoso.test/x')],
    ['an ordinary link', A('https://intranet.contoso.test/budget.xlsx', 'the figures')],
    ['no body', undefined],
  ])('is refused: %s', (_name, body) => {
    expect(joinLinkInBody(body)).toBeUndefined();
  });

  it.each([
    ['a single-quoted href', "<a href='https://meet.x/1'>x</a>", { url: 'https://meet.x/1' }],
    ['an unquoted href', '<a class=j href=https://meet.x/2>x</a>', { url: 'https://meet.x/2' }],
    ['spaces around =', '<a href = "https://meet.x/3">x</a>', { url: 'https://meet.x/3' }],
    ['an upper-case tag and attribute', '<A HREF="https://meet.x/4">x</A >', { url: 'https://meet.x/4' }],
    [
      'a data-href is not the href',
      '<a data-href="https://meet.x/5" href="https://meet.x/6">x</a>',
      { url: 'https://meet.x/6' },
    ],
    [
      'the link text inside markup, with entities',
      '<a href="https://conf.x/7"><span>Join</span>&nbsp;<b>Teams</b> meeting</a>',
      { url: 'https://conf.x/7' },
    ],
    [
      'our mark wins over an earlier join link',
      `${A('https://meet.x/first', 'Join meeting')}${A('https://conf.x/ours', 'x', " data-roster-online-meeting=' M1 '")}`,
      { url: 'https://conf.x/ours', onlineMeetingId: 'M1' },
    ],
    [
      'the first join link, not a later one',
      `${A('https://intranet.x/doc', 'the doc')}${A('https://meet.x/a', 'x')}${A('https://join.x/b', 'x')}`,
      { url: 'https://meet.x/a' },
    ],
    [
      'an empty mark is no mark',
      A('https://meet.x/8', 'x', ' data-roster-online-meeting="  "'),
      { url: 'https://meet.x/8' },
    ],
    ['a lyncweb host', A('https://lyncweb.x/9', 'x'), { url: 'https://lyncweb.x/9' }],
    ['a join host', A('https://JOIN.x/10', 'x'), { url: 'https://join.x/10' }],
  ])('reads %s', (_name, body, link) => {
    expect(joinLinkInBody(body)).toEqual(link);
  });

  it.each([
    ['a host only containing "meet"', A('https://premeet.x/1', 'x')],
    ['a "meet." deeper in the host', A('https://www.meet.x/1', 'x')],
    ['"join" without a meeting word', A('https://conf.x/1', 'Join us for lunch')],
    ['a meeting word without "join"', A('https://conf.x/1', 'Teams meeting notes')],
    ['a path only ending in meetup-join', A('https://conf.x/meetup-join', 'x')],
    ['an anchor without href', '<a name="meet">Join meeting</a>'],
    ['an empty body', ''],
  ])('finds nothing in %s', (_name, body) => {
    expect(joinLinkInBody(body)).toBeUndefined();
  });

  it('prefers Exchange’s own field, and keeps our id when the body has the same link', () => {
    const body = A('https://meet.contoso.test/alice/X1', 'x', ' data-roster-online-meeting="X1"');
    expect(joinLinkOf({ joinOnlineMeetingUrl: 'https://meet.contoso.test/alice/X1', body })).toEqual({
      url: 'https://meet.contoso.test/alice/X1',
      onlineMeetingId: 'X1',
    });
    expect(joinLinkOf({ joinOnlineMeetingUrl: 'https://meet.contoso.test/other', body })).toEqual({
      url: 'https://meet.contoso.test/other',
    });
  });

  it('takes Exchange’s field when the body has no link at all', () => {
    expect(joinLinkOf({ joinOnlineMeetingUrl: 'https://meet.contoso.test/alice/X1' })).toStrictEqual({
      url: 'https://meet.contoso.test/alice/X1',
    });
  });

  it('falls back to the body when the field is not https', () => {
    expect(
      joinLinkOf({ joinOnlineMeetingUrl: 'javascript:alert(1)', body: A('https://meet.contoso.test/b') }),
    ).toEqual({
      url: 'https://meet.contoso.test/b',
    });
  });

  it('toMeeting carries only the safe link', () => {
    expect(toMeeting(item({ body: A('javascript:alert(1)') }), ME).joinUrl).toBeUndefined();
    expect(toMeeting(item({ body: A('https://meet.contoso.test/b') }), ME).joinUrl).toBe(
      'https://meet.contoso.test/b',
    );
  });
});
