/** The simulator's UCWA side as pure functions: routing, meeting validation, tickets by the sim clock. */
import { describe, expect, it } from 'vitest';
import type { AuthResult } from '../../../../main/exchange-sim/auth/index';
import {
  createOnlineMeeting,
  createUcwaState,
  handleUcwa,
  ucwaRoute,
  type UcwaRequest,
} from '../../../../main/exchange-sim/lync/ucwa';
import { DEMO_ACCOUNTS, generateOrg } from '../../../../main/exchange-sim/org/generate';

const org = generateOrg({ seed: 3, size: 12, epoch: '2026-11-25T00:00:00Z' });
const alice = org.people.find((p) => p.smtp === DEMO_ACCOUNTS.alice.smtp)!;
const NOW = Date.parse('2026-11-25T09:00:00Z');

describe('ucwaRoute', () => {
  it.each([
    ['/autodiscover/autodiscoverservice.svc/root', 'ucwa.root'],
    ['/autodiscover/autodiscoverservice.svc/root/oauth/user', 'ucwa.user'],
    ['/webticket/oauthtoken', 'ucwa.token'],
    ['/ucwa/oauth/v1/applications', 'ucwa.applications'],
    ['/ucwa/oauth/v1/applications/a1', 'ucwa.application'],
    ['/ucwa/oauth/v1/applications/a1/onlinemeetings/myonlinemeetings', 'myOnlineMeetings'],
    ['/ucwa/oauth/v1/applications/a1/onlinemeetings/myonlinemeetings/abc', 'myOnlineMeeting'],
    ['/ucwa/oauth/v1/applications/a1/onlinemeetings/phonedialininformation', 'phoneDialInInformation'],
    ['/ews/exchange.asmx', undefined],
    ['/autodiscover/autodiscover.xml', undefined],
  ])('%s → %s', (path, route) => {
    expect(ucwaRoute(path)).toBe(route);
  });
});

describe('createOnlineMeeting validates as UCWA documents', () => {
  const create = (body: unknown) =>
    createOnlineMeeting(alice, 'app', JSON.stringify(body), org.domain, new Map(), () => NOW);
  it.each([
    ['accessLevel', { accessLevel: 'Anyone' }],
    ['automaticLeaderAssignment', { automaticLeaderAssignment: 'Organizer' }],
    ['entryExitAnnouncement', { entryExitAnnouncement: 'On' }],
    ['lobbyBypassForPhoneUsers', { lobbyBypassForPhoneUsers: true }],
    ['leaders', { leaders: ['not an address'] }],
    ['attendees', { attendees: 'sip:bob@contoso.test' }],
    ['expirationTime', { expirationTime: '2026-11-25T08:59:59Z' }],
    ['subject', { subject: 'x'.repeat(257) }],
  ])('refuses a bad %s with 400 BadRequest', (field, body) => {
    const r = create(body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'BadRequest' });
    expect(r.body).toContain(field);
  });
  it('keeps what was sent and fills the documented defaults', () => {
    const r = create({ subject: 'S', attendees: ['bob@contoso.test'], entryExitAnnouncement: 'Enabled' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      subject: 'S',
      attendees: ['sip:bob@contoso.test'],
      leaders: [],
      accessLevel: 'SameEnterprise',
      automaticLeaderAssignment: 'SameEnterprise',
      entryExitAnnouncement: 'Enabled',
      lobbyBypassForPhoneUsers: 'Disabled',
      expirationTime: new Date(NOW + 365 * 86_400_000).toISOString(),
      rel: 'myOnlineMeeting',
    });
  });
});

describe('tickets expire by the simulator clock', () => {
  it('a ticket works until expires_in has passed on the sim clock, then the user resource challenges again', () => {
    let now = NOW;
    const state = createUcwaState();
    const req = (over: Partial<UcwaRequest>): UcwaRequest => ({
      method: 'GET',
      path: '/',
      query: new URLSearchParams(),
      body: '',
      baseUrl: 'https://lyncweb.contoso.test',
      authorization: undefined,
      org,
      state,
      now: () => now,
      tokenLifetimeSeconds: 600,
      authenticate: (): AuthResult => ({ ok: false, challenges: ['NTLM'] }),
      ...over,
    });
    const issued = handleUcwa(
      req({
        method: 'POST',
        path: '/WebTicket/oauthtoken',
        body: new URLSearchParams({
          grant_type: 'password',
          username: alice.smtp,
          password: alice.password,
        }).toString(),
      }),
    )!;
    const token = (JSON.parse(issued.body) as { access_token: string; expires_in: number }).access_token;
    const user = () =>
      handleUcwa(
        req({
          path: '/Autodiscover/AutodiscoverService.svc/root/oauth/user',
          authorization: `Bearer ${token}`,
        }),
      )!.status;
    expect(user()).toBe(200);
    now += 599_000;
    expect(user()).toBe(200);
    now += 1_000;
    expect(user()).toBe(401);
    // The windows grant without the EWS side's sign-in answers that sign-in's challenge.
    const windows = handleUcwa(
      req({ method: 'POST', path: '/WebTicket/oauthtoken', body: 'grant_type=urn:microsoft.rtc:windows' }),
    )!;
    expect(windows.status).toBe(401);
    expect(windows.headers['www-authenticate']).toEqual(['NTLM']);
  });
});
