/** UCWA's JSON readers against the documented answers, and what a hostile answer turns into. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../../main/exchange/errors';
import { toDialIn, toMeeting } from '../../../../../main/exchange/ucwa';
import {
  ApplicationResource,
  DialInResource,
  MeetingResource,
  RootResource,
  TokenAnswer,
  TokenError,
  UcwaErrorBody,
  UserResource,
  readJson,
  tryReadJson,
} from '../../../../../main/exchange/ucwa/wire';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../../../fixtures/ucwa', name), 'utf8');

const badAnswer = (fn: () => unknown): EwsError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof EwsError) return err;
    throw err;
  }
  throw new Error('expected an EwsError');
};

describe('reading the documented answers', () => {
  it('discovery root: the user link', () => {
    const root = readJson(fixture('root.json'), RootResource, 'root');
    expect(root._links.user.href).toBe(
      'https://lyncweb.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com',
    );
  });

  it('user resource: applications, or a redirect to another pool', () => {
    expect(readJson(fixture('user.json'), UserResource, 'user')._links.applications?.href).toBe(
      'https://lyncweb.contoso.com/ucwa/oauth/v1/applications',
    );
    const moved = readJson(fixture('user-redirect.json'), UserResource, 'user');
    expect(moved._links.applications).toBeUndefined();
    expect(moved._links.redirect?.href).toBe(
      'https://lyncweb2.contoso.com/Autodiscover/AutodiscoverService.svc/root',
    );
  });

  it('web ticket and its refusal', () => {
    expect(readJson(fixture('token.json'), TokenAnswer, 'token')).toEqual({
      access_token: 'cwt=AAEBHAEFAAAAAAAFFQAAAExampleTicketNotARealOne',
      expires_in: 28_799,
      ms_rtc_identityscope: 'local',
      token_type: 'Bearer',
    });
    expect(tryReadJson(fixture('token-error.json'), TokenError)?.error).toBe('invalid_grant');
  });

  it('application: the online meeting links among everything else it embeds', () => {
    const app = readJson(fixture('application.json'), ApplicationResource, 'application');
    expect(app._links.self.href).toBe('/ucwa/oauth/v1/applications/105');
    expect(app._embedded.onlineMeetings._links).toEqual({
      myOnlineMeetings: { href: '/ucwa/oauth/v1/applications/105/onlineMeetings/myOnlineMeetings' },
      phoneDialInInformation: {
        href: '/ucwa/oauth/v1/applications/105/onlineMeetings/phoneDialInInformation',
      },
    });
  });

  it('myOnlineMeeting → the meeting the provider maps', () => {
    expect(toMeeting(readJson(fixture('my-online-meeting.json'), MeetingResource, 'meeting'))).toEqual({
      id: 'F3K8PZ2Q',
      joinUrl: 'https://meet.contoso.com/jean/F3K8PZ2Q',
      onlineMeetingUri: 'sip:jean@contoso.com;gruu;opaque=app:conf:focus:id:F3K8PZ2Q',
      conferenceId: '4417206',
      expiresMs: Date.parse('2026-12-16T10:30:00Z'),
      subject: 'Revue budgétaire',
      accessLevel: 'Invited',
      automaticLeaderAssignment: 'Disabled',
      lobbyBypassForPhoneUsers: 'Enabled',
      attendees: ['sip:marie@contoso.com', 'sip:paul@contoso.com'],
      leaders: ['sip:marie@contoso.com'],
    });
  });

  it('phoneDialInInformation → conference id and numbers by region', () => {
    expect(toDialIn(readJson(fixture('phone-dial-in.json'), DialInResource, 'dial-in'))).toEqual({
      conferenceId: '4417206',
      defaultRegion: 'Paris',
      regions: [
        { name: 'Paris', number: '+33 1 99 00 12 34', languages: ['fr-FR', 'en-US'] },
        { name: 'New York', number: '+1 212 555 0142', languages: ['en-US'] },
      ],
    });
  });

  it('error body: code and subcode', () => {
    expect(tryReadJson(fixture('error.json'), UcwaErrorBody)).toMatchObject({
      code: 'BadRequest',
      subcode: 'InvalidRequestBody',
    });
  });
});

describe('hostile or malformed answers are errors, never crashes', () => {
  const meeting = JSON.parse(fixture('my-online-meeting.json')) as Record<string, unknown>;
  const withMeeting = (patch: Record<string, unknown>): string => JSON.stringify({ ...meeting, ...patch });

  it.each([
    ['a javascript: join link', withMeeting({ joinUrl: 'javascript:alert(1)' }), 'joinUrl'],
    ['an http join link', withMeeting({ joinUrl: 'http://meet.contoso.com/jean/F3K8PZ2Q' }), 'joinUrl'],
    ['no join link', withMeeting({ joinUrl: undefined }), 'joinUrl'],
    ['an id with a path in it', withMeeting({ onlineMeetingId: '../../applications' }), 'onlineMeetingId'],
    ['attendees that are not strings', withMeeting({ attendees: [{ uri: 'x' }] }), 'attendees'],
    ['a date that is not one', withMeeting({ expirationTime: 'soon' }), 'expirationTime'],
    ['an array instead of an object', '[]', '(root)'],
    ['null', 'null', '(root)'],
  ])('meeting with %s', (_name, text, where) => {
    const err = badAnswer(() => readJson(text, MeetingResource, 'the new meeting'));
    expect(err.kind).toBe('server');
    expect(err.code).toBe('UcwaBadAnswer');
    expect(err.message).toContain('the new meeting');
    expect(err.serverText).toContain(where);
  });

  it.each([
    ['not JSON', '<html>Service Unavailable</html>'],
    ['a truncated body', '{"access_token":"cwt=1","expires_in":'],
    ['a MAC token', JSON.stringify({ access_token: 'x', expires_in: 60, token_type: 'mac' })],
    ['a negative lifetime', JSON.stringify({ access_token: 'x', expires_in: -5, token_type: 'Bearer' })],
    ['an empty ticket', JSON.stringify({ access_token: '', expires_in: 60, token_type: 'Bearer' })],
  ])('ticket answer that is %s', (_name, text) => {
    expect(badAnswer(() => readJson(text, TokenAnswer, 'the sign-in ticket')).code).toBe('UcwaBadAnswer');
  });

  it('a lifetime sent as a string is still read as seconds', () => {
    expect(
      readJson(
        JSON.stringify({ access_token: 'x', expires_in: '3600', token_type: 'bearer' }),
        TokenAnswer,
        't',
      ).expires_in,
    ).toBe(3600);
  });

  it('a root without a user link, or a user resource with neither link', () => {
    expect(badAnswer(() => readJson('{"_links":{"self":{"href":"/"}}}', RootResource, 'r')).code).toBe(
      'UcwaBadAnswer',
    );
    expect(badAnswer(() => readJson('{"_links":{"xframe":{"href":"/x"}}}', UserResource, 'u')).code).toBe(
      'UcwaBadAnswer',
    );
  });

  it('tryReadJson gives undefined for an unreadable error body', () => {
    expect(tryReadJson('<html/>', UcwaErrorBody)).toBeUndefined();
  });
});

// Issue 24: what the log and the caller learn from a bad answer.
describe('what a bad answer says', () => {
  const meeting = JSON.parse(fixture('my-online-meeting.json')) as Record<string, unknown>;
  it('not JSON: the parser’s error is the cause', () => {
    const err = badAnswer(() => readJson('{oops', MeetingResource, 'the meeting'));
    expect(err.serverText).toBe('not JSON');
    expect(err.cause).toBeInstanceOf(SyntaxError);
    expect(err.message).toBe(
      'The Lync server sent an answer Roster cannot use (the meeting). Try again later; if it keeps happening, tell your IT department.',
    );
  });
  it('a nested field is named by its whole path', () => {
    const text = JSON.stringify({ ...meeting, attendees: ['sip:a@x', 7] });
    expect(badAnswer(() => readJson(text, MeetingResource, 'm')).serverText).toMatch(/^attendees\.1: /);
  });
  it('a schema refusal is not an error with a cause', () => {
    expect(badAnswer(() => readJson('[]', MeetingResource, 'm')).cause).toBeUndefined();
  });
  it.each([
    [
      'a join link that is not an address',
      { joinUrl: 'meet dot contoso' },
      'joinUrl: is not an https address',
    ],
    ['an expiry that is not a date', { expirationTime: 'never' }, 'expirationTime: is not a date'],
  ])('%s says why', (_name, patch, why) => {
    const text = JSON.stringify({ ...meeting, ...patch });
    expect(badAnswer(() => readJson(text, MeetingResource, 'm')).serverText).toBe(why);
  });
  it('token_type Bearer in any case', () => {
    const text = JSON.stringify({ access_token: 'x', expires_in: 60, token_type: 'BEARER' });
    expect(readJson(text, TokenAnswer, 't').token_type).toBe('BEARER');
    const mac = JSON.stringify({ access_token: 'x', expires_in: 60, token_type: 'mac' });
    expect(badAnswer(() => readJson(mac, TokenAnswer, 't')).serverText).toBe(
      'token_type: token_type is not Bearer',
    );
  });
  it('a user resource with neither link says so', () => {
    expect(badAnswer(() => readJson('{"_links":{}}', UserResource, 'u')).serverText).toBe(
      '(root): neither an applications nor a redirect link',
    );
    expect(
      readJson('{"_links":{"redirect":{"href":"https://x/"}}}', UserResource, 'u')._links.redirect?.href,
    ).toBe('https://x/');
  });
});
