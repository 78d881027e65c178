/**
 * The EWS client against the built-in Exchange: sign-in through autodiscover (DNS override), NTLM
 * and Basic, certificate trust, and every operation family on real wire traffic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ExchangeClient } from '../../../main/exchange';
import { EwsError } from '../../../main/exchange/errors';
import { createTransport, type TransportOptions } from '../../../main/exchange/transport';
import { DEMO_ACCOUNTS, startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim';

let sim: ExchangeSimHandle;
let transportOptions: TransportOptions;
const alice = DEMO_ACCOUNTS.alice;

beforeAll(async () => {
  sim = await startExchangeSim({ size: 60 });
  const https = new URL(sim.httpsUrl!);
  const http = new URL(sim.httpUrl!);
  const to = { host: '127.0.0.1', httpsPort: Number(https.port), httpPort: Number(http.port) };
  const names = [
    'contoso.test',
    'autodiscover.contoso.test',
    'mail.contoso.test',
    'fabrikam.test',
    'autodiscover.fabrikam.test',
  ];
  transportOptions = {
    proxy: false,
    ca: sim.certificatePem!,
    resolve: Object.fromEntries(names.map((n) => [n, to])),
  };
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

describe('sign-in against the built-in Exchange', () => {
  it.each([
    ['ntlm', 'NTLM'],
    ['basic', 'Basic'],
    ['auto', 'NTLM'], // the built-in Exchange offers NTLM first
  ] as const)('autodiscovers and signs in with %s (%s)', async (authMethod, scheme) => {
    const steps: string[] = [];
    const { client, account, autodiscover } = await signIn({
      email: alice.smtp,
      password: alice.password,
      authMethod,
      transportOptions,
      onProgress: (s) => steps.push(s),
    });
    try {
      expect(steps).toEqual(['discovering', 'authenticating']);
      expect(account.email.toLowerCase()).toBe(alice.smtp);
      expect(account.displayName).toBe(alice.displayName);
      expect(account.ewsUrl).toMatch(/^https:\/\/[^/]+\/EWS\/Exchange\.asmx$/i);
      expect(account.serverVersion).toMatch(/^15\.\d+\.\d+/);
      expect(autodiscover?.attempts.length).toBeGreaterThan(0);
      expect(client.authScheme).toBe(scheme);
    } finally {
      await client.close();
    }
  });

  it('follows redirectAddr from the secondary domain', async () => {
    const { client, account, autodiscover } = await signIn({
      email: 'alice@fabrikam.test',
      username: alice.smtp,
      password: alice.password,
      transportOptions,
    });
    await client.close();
    expect(account.email.toLowerCase()).toBe(alice.smtp);
    expect(autodiscover?.attempts.some((a) => a.outcome === 'redirectAddr')).toBe(true);
  });

  it('DOMAIN\\user form works for NTLM', async () => {
    const me = sim.control.person(alice.smtp)!;
    const { client } = await signIn({
      email: alice.smtp,
      password: alice.password,
      username: me.samAccountName,
      authMethod: 'ntlm',
      transportOptions,
    });
    await client.close();
  });

  it('a wrong password is an auth error', async () => {
    await expect(
      signIn({ email: alice.smtp, password: 'nope', authMethod: 'ntlm', transportOptions }),
    ).rejects.toMatchObject({ kind: 'auth' });
  });

  it('the simulator certificate is refused until trusted, with its fingerprint', async () => {
    const { ca: _ca, ...untrusted } = transportOptions;
    const e = await signIn({
      email: alice.smtp,
      password: alice.password,
      transportOptions: untrusted,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EwsError);
    expect((e as EwsError).kind).toBe('tls');
    const fp = (e as EwsError).certificate!.fingerprint256;
    expect(fp.replace(/:/g, '')).toBe(sim.fingerprint256!.replace(/:/g, '').toUpperCase());
    const transport = createTransport({
      ...untrusted,
      pinnedCertificates: { [(e as EwsError).certificate!.host]: [fp] },
    });
    // the refusal names the first host tried; pin that certificate for every name the sim serves
    for (const h of Object.keys(untrusted.resolve ?? {})) transport.trustCertificate(h, fp);
    const { client } = await signIn({ email: alice.smtp, password: alice.password, transport });
    await client.close();
    await transport.close();
  });
});

describe('operations against the built-in Exchange', () => {
  let client: ExchangeClient;
  beforeAll(async () => {
    ({ client } = await signIn({ email: alice.smtp, password: alice.password, transportOptions }));
  });
  afterAll(async () => {
    await client?.close();
  });

  it('reads the IM list and changes groups', async () => {
    const list = await client.getImItemList();
    expect(list.groups.length).toBeGreaterThan(0);
    expect(list.personas.length).toBeGreaterThan(0);
    const known = new Set(list.personas.map((p) => p.id));
    for (const g of list.groups) {
      expect(g.memberPersonaIds.length).toBe(g.memberIds.length);
      for (const m of g.memberPersonaIds) expect(known.has(m)).toBe(true);
    }
    const g = await client.addImGroup('Roster <test> & co');
    expect(g.name).toBe('Roster <test> & co');
    await client.setImGroup(g.id, 'Renamed');
    const after = await client.getImItemList();
    expect(after.groups.find((x) => x.id === g.id)?.name).toBe('Renamed');
    await client.removeImGroup(g.id);
    expect((await client.getImItemList()).groups.some((x) => x.id === g.id)).toBe(false);
  });

  it('adds and removes contacts and distribution groups', async () => {
    const g = await client.addImGroup('Roster contacts test');
    const other = sim.org.people.find((p) => !p.isDemoAccount && p.sip)!;
    const added = await client.addNewImContactToGroup({
      imAddress: `sip:${other.sip.replace(/^sip:/, '')}`,
      displayName: other.displayName,
      groupId: g.id,
    });
    expect(added.id).not.toBe('');
    let list = await client.getImItemList();
    expect(list.groups.find((x) => x.id === g.id)?.memberPersonaIds).toContain(added.id);
    // Exchange (and the simulator) name the group type by its item class, not 'Favorites'.
    const favorites = list.groups.find((x) => x.type === 'IPM.DistList.MOC.Favorites');
    expect(favorites, 'every mailbox has a Favorites group').toBeDefined();
    const favoritesId = favorites!.id;
    const contactId = added.contactIds[0] ?? added.id;
    await client.addImContactToGroup(contactId, favoritesId);
    list = await client.getImItemList();
    expect(list.groups.find((x) => x.id === favoritesId)?.memberPersonaIds).toContain(added.id);
    await client.removeImContactFromGroup(contactId, favoritesId);
    list = await client.getImItemList();
    expect(list.groups.find((x) => x.id === favoritesId)?.memberPersonaIds).not.toContain(added.id);
    expect(list.groups.find((x) => x.id === g.id)?.memberPersonaIds).toContain(added.id);
    await client.removeContactFromImList(contactId);
    list = await client.getImItemList();
    expect(list.personas.some((p) => p.id === added.id)).toBe(false);
    await client.removeImGroup(g.id);
    const dg = sim.org.groups[0];
    expect(dg, 'the organisation has distribution groups').toBeDefined();
    const dgGroup = await client.addDistributionGroupToImList({
      smtpAddress: dg!.smtp,
      displayName: dg!.displayName,
    });
    expect(dgGroup.smtp?.toLowerCase()).toBe(dg!.smtp.toLowerCase());
    list = await client.getImItemList();
    expect(list.groups.some((x) => x.id === dgGroup.id)).toBe(true);
    await client.removeDistributionGroupFromImList(dgGroup.id);
    list = await client.getImItemList();
    expect(list.groups.some((x) => x.id === dgGroup.id)).toBe(false);
    await client.setImListMigrationCompleted(true);
  });

  it('resolves names, finds people, expands a group', async () => {
    const other = sim.org.people.find((p) => !p.isDemoAccount)!;
    const r = await client.resolveNames(other.smtp);
    expect(r.resolutions[0]?.mailbox.address.toLowerCase()).toBe(other.smtp.toLowerCase());
    const found = await client.findPeople(other.surname);
    expect(
      found.personas.some((p) => p.emails.some((e) => e.address.toLowerCase() === other.smtp.toLowerCase())),
    ).toBe(true);
    const dg = sim.org.groups[0];
    expect(dg, 'the organisation has distribution groups').toBeDefined();
    const ex = await client.expandDL(dg!.smtp);
    expect(ex.members.length).toBe(dg!.members.length);
    expect((await client.resolveNames('zzzz-nobody-zzzz')).resolutions).toEqual([]);
  });

  it('gets photos with ETag round trip, and none for a person without one', async () => {
    const withPhoto = sim.org.people.find((p) => p.photo)!;
    const first = await client.getUserPhoto(withPhoto.smtp, { size: 'HR96x96' });
    expect(first.status).toBe('ok');
    const etag = first.status === 'ok' ? first.etag : undefined;
    expect(etag, 'the simulator sends an ETag with a photo').toBeTruthy();
    expect(await client.getUserPhoto(withPhoto.smtp, { size: 'HR96x96', etag })).toEqual({
      status: 'not-modified',
    });
    expect(await client.getUserPhoto(DEMO_ACCOUNTS.helpdesk.smtp)).toEqual({ status: 'none' });
    const soap = await client.getUserPhotoSoap(withPhoto.smtp, { size: 'HR48x48' });
    expect(soap.status).toBe('ok');
  });

  it('reads availability and out-of-office, creates and cancels a meeting', async () => {
    const people = sim.org.people.slice(0, 5).map((p) => p.smtp);
    const start = new Date(sim.org.epoch);
    const end = new Date(start.getTime() + 2 * 86_400_000);
    const av = await client.getUserAvailability({
      mailboxes: people,
      start: start.toISOString(),
      end: end.toISOString(),
    });
    expect(av.map((a) => a.email)).toEqual(people);
    expect(av.every((a) => a.error || a.merged.length > 0)).toBe(true);
    const oof = await client.getUserOofSettings();
    expect(['Disabled', 'Enabled', 'Scheduled']).toContain(oof.state);
    const id = await client.createMeeting({
      subject: 'Roster integration',
      body: '<p>hello</p>',
      start: new Date(end.getTime() + 3_600_000).toISOString(),
      end: new Date(end.getTime() + 5_400_000).toISOString(),
      required: [people[1]!],
    });
    expect(id.id).not.toBe('');
    const view = await client.findCalendarView({
      start: end.toISOString(),
      end: new Date(end.getTime() + 86_400_000).toISOString(),
    });
    expect(view.items.some((i) => i.subject === 'Roster integration')).toBe(true);
    await client.cancelMeeting(view.items.find((i) => i.subject === 'Roster integration')!);
  });
});
