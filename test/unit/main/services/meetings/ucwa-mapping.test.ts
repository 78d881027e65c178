/** Lync's Meeting Options → UCWA's myOnlineMeeting, and UCWA's answer → the provider-neutral meeting. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../main/errors';
import type { OnlineMeetingRequest } from '../../../../../main/services/meetings/online';
import {
  EXPIRY_AFTER_END_MS,
  toMyOnlineMeetingInput,
  toOnlineMeeting,
  toSipUri,
} from '../../../../../main/services/meetings/ucwa-mapping';

const START = Date.parse('2026-12-01T09:00:00Z');
const base: OnlineMeetingRequest = {
  subject: '  Revue budgétaire ',
  attendees: ['marie@contoso.com'],
  startMs: START,
  endMs: START + 1_800_000,
  access: 'same-enterprise',
  lobbyBypassForPhoneUsers: false,
  presenters: 'organizer',
  presenterEmails: [],
};
const map = (over: Partial<OnlineMeetingRequest>) =>
  toMyOnlineMeetingInput({ ...base, ...over }, 'jean@contoso.com');

describe('toMyOnlineMeetingInput', () => {
  it.each([
    ['everyone', 'Everyone'],
    ['same-enterprise', 'SameEnterprise'],
    ['invited', 'Invited'],
    ['locked', 'Locked'],
  ] as const)('access %s → accessLevel %s', (access, level) => {
    expect(map({ access }).accessLevel).toBe(level);
  });

  it.each([
    ['everyone', [], 'Everyone', []],
    ['same-enterprise', [], 'SameEnterprise', []],
    ['organizer', ['marie@contoso.com'], 'Disabled', []],
    [
      'people-i-choose',
      ['marie@contoso.com', 'sip:paul@contoso.com'],
      'Disabled',
      ['sip:marie@contoso.com', 'sip:paul@contoso.com'],
    ],
  ] as const)(
    'presenters %s (chosen %j) → %s, leaders %j',
    (presenters, presenterEmails, assignment, leaders) => {
      const input = map({ presenters, presenterEmails });
      expect(input.automaticLeaderAssignment).toBe(assignment);
      expect(input.leaders).toEqual(leaders);
    },
  );

  it.each([
    [true, 'Enabled'],
    [false, 'Disabled'],
  ] as const)('lobby bypass for phone users %s → %s', (on, value) => {
    expect(map({ lobbyBypassForPhoneUsers: on }).lobbyBypassForPhoneUsers).toBe(value);
  });

  it('attendees become SIP URIs, once each, without the organizer', () => {
    expect(
      map({
        attendees: ['marie@contoso.com', 'sip:Marie@contoso.com', 'Jean@Contoso.com', 'sip:paul@contoso.com'],
      }).attendees,
    ).toEqual(['sip:marie@contoso.com', 'sip:paul@contoso.com']);
  });

  it('trims the subject, lets phone users in, keeps the link a fortnight after the end', () => {
    expect(map({})).toEqual({
      subject: 'Revue budgétaire',
      accessLevel: 'SameEnterprise',
      automaticLeaderAssignment: 'Disabled',
      attendees: ['sip:marie@contoso.com'],
      leaders: [],
      entryExitAnnouncement: 'Disabled',
      lobbyBypassForPhoneUsers: 'Disabled',
      phoneUserAdmission: 'Enabled',
      expirationTime: new Date(START + 1_800_000 + EXPIRY_AFTER_END_MS).toISOString(),
    });
  });

  it.each([
    ['a subject over 256 characters', { subject: 'x'.repeat(257) }, 'SubjectTooLong'],
    ['an end before the start', { endMs: START - 1 }, 'BadTimes'],
    ['an end that is not a number', { endMs: Number.NaN }, 'BadTimes'],
    ['an attendee that is not an address', { attendees: ['Marie Curie'] }, 'BadAddress'],
    [
      'a presenter with a space',
      { presenters: 'people-i-choose' as const, presenterEmails: ['a b@contoso.com'] },
      'BadAddress',
    ],
  ])('refuses %s (bad-input %s)', (_name, over, code) => {
    let caught: unknown;
    try {
      map(over);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ kind: 'bad-input', code });
  });

  it.each([
    [
      'a subject over 256 characters',
      { subject: 'x'.repeat(257) },
      'The subject is longer than 256 characters.',
    ],
    ['an end at the start', { endMs: START }, 'The meeting must end after it starts.'],
    ['a start that is not a number', { startMs: Number.NaN }, 'The meeting must end after it starts.'],
    ['an end at infinity', { endMs: Number.POSITIVE_INFINITY }, 'The meeting must end after it starts.'],
    [
      'a long non-address, cut in the message',
      { attendees: [` sip:${'n'.repeat(100)} `] },
      `“${'n'.repeat(80)}” is not an address.`,
    ],
  ])('refuses %s, saying why', (_name, over, message) => {
    expect(() => map(over)).toThrow(message);
  });

  it('accepts a subject of exactly 256 characters, trimmed first', () => {
    expect(map({ subject: ` ${'x'.repeat(256)} ` }).subject).toBe('x'.repeat(256));
  });

  it.each([
    ['marie.curie@contoso.com', 'sip:marie.curie@contoso.com'],
    ['SIP:marie@a-b.c-d.com', 'sip:marie@a-b.c-d.com'],
  ])('toSipUri(%j) → %j', (address, want) => {
    expect(toSipUri(address)).toBe(want);
  });

  it.each([
    'marie',
    'marie@',
    'marie@contoso',
    '@contoso.com',
    'marie@contoso.',
    'ma<rie@contoso.com',
    'marie@conto so.com',
    'x marie@contoso.com',
  ])('toSipUri refuses %j', (address) => {
    expect(() => toSipUri(address)).toThrow(/is not an address/);
  });

  it('toSipUri keeps an existing sip: prefix', () => {
    expect(toSipUri(' sip:marie@contoso.com ')).toBe('sip:marie@contoso.com');
  });
});

describe('toOnlineMeeting', () => {
  const meeting = {
    id: 'F3K8PZ2Q',
    joinUrl: 'https://meet.contoso.com/jean/F3K8PZ2Q',
    onlineMeetingUri: 'sip:jean@contoso.com;gruu;opaque=app:conf:focus:id:F3K8PZ2Q',
    conferenceId: '4417206',
    expiresMs: START + EXPIRY_AFTER_END_MS,
    attendees: [],
    leaders: [],
  };
  const dialIn = {
    conferenceId: '1111111',
    regions: [{ name: 'Paris', number: '+33 1 99 00 12 34', languages: ['fr-FR'] }],
  };

  it('with dial-in: the meeting’s own conference id and the numbers by region', () => {
    expect(toOnlineMeeting(meeting, dialIn)).toEqual({
      id: 'F3K8PZ2Q',
      joinUrl: 'https://meet.contoso.com/jean/F3K8PZ2Q',
      conferenceUri: 'sip:jean@contoso.com;gruu;opaque=app:conf:focus:id:F3K8PZ2Q',
      expiresMs: START + EXPIRY_AFTER_END_MS,
      dialIn: { conferenceId: '4417206', numbers: [{ region: 'Paris', number: '+33 1 99 00 12 34' }] },
    });
  });

  it('the dial-in resource’s conference id when the meeting has none', () => {
    const { conferenceId: _none, ...bare } = meeting;
    expect(toOnlineMeeting(bare, dialIn).dialIn?.conferenceId).toBe('1111111');
  });

  it.each([
    ['no dial-in resource', undefined],
    ['no regions', { conferenceId: '1', regions: [] }],
  ])('no dialIn with %s', (_name, d) => {
    expect(toOnlineMeeting(meeting, d)).not.toHaveProperty('dialIn');
  });
});
