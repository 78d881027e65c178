/** The limit constants are the ones the schemas enforce: at the limit accepted, one over refused. */
import { describe, expect, it } from 'vitest';
import {
  channels,
  MAX_DISPLAY_NAME,
  MAX_EMAIL,
  MAX_EWS_URL,
  MAX_GROUP_NAME,
  MAX_IM_ADDRESS,
  MAX_PASSWORD,
  MAX_PHONE_NUMBER,
  MAX_SEARCH_QUERY,
  MAX_USERNAME,
  MAX_VOICEMAIL_ID,
  MAX_VOICEMAIL_PAGE,
} from '../../../preload/contract';

const email = (n: number): string => `${'a'.repeat(n - '@contoso.test'.length)}@contoso.test`;
const url = (n: number): string =>
  `https://mail.contoso.test/${'a'.repeat(n - 'https://mail.contoso.test/'.length)}`;

describe('contract limits', () => {
  const cases: [string, number, (n: number) => unknown, (req: unknown) => boolean][] = [
    [
      'search query',
      MAX_SEARCH_QUERY,
      (n) => ({ query: 'a'.repeat(n) }),
      (r) => channels.searchDirectory.request.safeParse(r).success,
    ],
    [
      'group name',
      MAX_GROUP_NAME,
      (n) => ({ name: 'a'.repeat(n) }),
      (r) => channels.createGroup.request.safeParse(r).success,
    ],
    [
      'sign-in e-mail',
      MAX_EMAIL,
      (n) => ({ email: email(n), password: 'x' }),
      (r) => channels.signIn.request.safeParse(r).success,
    ],
    [
      'password',
      MAX_PASSWORD,
      (n) => ({ email: 'a@contoso.test', password: 'p'.repeat(n) }),
      (r) => channels.signIn.request.safeParse(r).success,
    ],
    [
      'server URL',
      MAX_EWS_URL,
      (n) => ({ email: 'a@contoso.test', password: 'x', ewsUrl: url(n) }),
      (r) => channels.signIn.request.safeParse(r).success,
    ],
    [
      'user name',
      MAX_USERNAME,
      (n) => ({ email: 'a@contoso.test', password: 'x', username: 'u'.repeat(n) }),
      (r) => channels.signIn.request.safeParse(r).success,
    ],
    [
      'IM address',
      MAX_IM_ADDRESS,
      (n) => ({ source: { kind: 'im', imAddress: email(n) } }),
      (r) => channels.addContact.request.safeParse(r).success,
    ],
    [
      'phone number',
      MAX_PHONE_NUMBER,
      (n) => ({ source: { kind: 'phone', number: `+${'1'.repeat(n - 1)}` } }),
      (r) => channels.addContact.request.safeParse(r).success,
    ],
    [
      'display name',
      MAX_DISPLAY_NAME,
      (n) => ({ email: 'a@contoso.test', displayName: 'd'.repeat(n) }),
      (r) => channels.addDistributionGroup.request.safeParse(r).success,
    ],
    // Voice mail (issue 23)
    [
      'voice-mail page',
      MAX_VOICEMAIL_PAGE,
      (n) => ({ offset: 0, max: n }),
      (r) => channels.listVoicemail.request.safeParse(r).success,
    ],
    [
      'voice-mail id',
      MAX_VOICEMAIL_ID,
      (n) => ({ id: 'v'.repeat(n), read: true }),
      (r) => channels.setVoicemailRead.request.safeParse(r).success,
    ],
  ];
  for (const [name, max, request, accepted] of cases) {
    it(`${name}: ${max} accepted, ${max + 1} refused`, () => {
      expect(accepted(request(max))).toBe(true);
      expect(accepted(request(max + 1))).toBe(false);
    });
  }
});
