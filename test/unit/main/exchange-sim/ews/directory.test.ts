import { describe, expect, it } from 'vitest';
import type { Person } from '../../../../../main/exchange-sim/org/types';
import {
  at,
  child,
  children,
  code,
  makeCall,
  makeOrg,
  message,
  names,
  person,
  send,
  single,
} from './helpers';

const resolve = (entry: string, full = true): string =>
  `<m:ResolveNames ReturnFullContactData="${full}" SearchScope="ActiveDirectory"><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`;

function resolvedAddresses(msg: ReturnType<typeof message>): string[] {
  return children(at(msg, 'ResolutionSet'), 'Resolution').map((r) => at(r, 'Mailbox', 'EmailAddress').text);
}

describe('ResolveNames', () => {
  it('resolves by prefix of given name, surname, display name and address', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'alice@contoso.test');
    const helene = person(org, 'helene.dubois@contoso.test');
    for (const q of [
      helene.givenName,
      helene.surname.slice(0, 4),
      `${helene.givenName} ${helene.surname.slice(0, 2)}`,
      'helene.dub',
    ]) {
      const msg = message((await send(call, resolve(q))).body);
      expect(resolvedAddresses(msg), q).toContain(helene.smtp);
    }
  });

  it('folds accents: "Helene" finds "Hélène"', async () => {
    const org = makeOrg();
    const msg = message((await send(makeCall(org, 'alice@contoso.test'), resolve('Helene Dub'))).body);
    expect(resolvedAddresses(msg)).toEqual(['helene.dubois@contoso.test']);
    expect(msg.attrs.ResponseClass).toBe('Success');
  });

  it('gives full contact data in schema order when asked', async () => {
    const org = makeOrg();
    const bob = person(org, 'bob@contoso.test');
    const msg = message((await send(makeCall(org, 'alice@contoso.test'), resolve(bob.smtp))).body);
    const contact = at(msg, 'ResolutionSet', 'Resolution', 'Contact');
    expect(names(contact)).toEqual([
      'DisplayName',
      'GivenName',
      'CompanyName',
      'EmailAddresses',
      'PhoneNumbers',
      'ContactSource',
      'Department',
      'JobTitle',
      'OfficeLocation',
      'Surname',
    ]);
    expect(at(contact, 'JobTitle').text).toBe(bob.title);
    expect(children(at(contact, 'PhoneNumbers')).map((e) => e.attrs.Key)).toEqual([
      'BusinessPhone',
      'MobilePhone',
    ]);
    const without = message((await send(makeCall(org, 'alice@contoso.test'), resolve(bob.smtp, false))).body);
    expect(child(at(without, 'ResolutionSet', 'Resolution'), 'Contact')).toBeUndefined();
  });

  it('several matches: Warning ErrorNameResolutionMultipleResults with every candidate', async () => {
    const org = makeOrg();
    const msg = message((await send(makeCall(org, 'alice@contoso.test'), resolve('a'))).body);
    expect(msg.attrs.ResponseClass).toBe('Warning');
    expect(code(msg)).toBe('ErrorNameResolutionMultipleResults');
    expect(names(msg).slice(0, 4)).toEqual([
      'MessageText',
      'ResponseCode',
      'DescriptiveLinkKey',
      'ResolutionSet',
    ]);
    expect(resolvedAddresses(msg).length).toBeGreaterThan(1);
  });

  it('no match: Error ErrorNameResolutionNoResults without a resolution set', async () => {
    const msg = message((await send(makeCall(makeOrg(), 'alice@contoso.test'), resolve('Zzyzx'))).body);
    expect(msg.attrs.ResponseClass).toBe('Error');
    expect(code(msg)).toBe('ErrorNameResolutionNoResults');
    expect(child(msg, 'ResolutionSet')).toBeUndefined();
  });

  it('returns at most 100 resolutions and says the set is incomplete', async () => {
    const org = makeOrg();
    const template = person(org, 'dave@contoso.test');
    for (let i = 0; i < 120; i += 1) {
      const clone: Person = {
        ...structuredClone(template),
        id: `clone-${i}`,
        smtp: `zed${i}@contoso.test`,
        aliases: [],
        upn: `zed${i}@contoso.test`,
        samAccountName: `CONTOSO\\zed${i}`,
        displayName: `Zed Clone ${i}`,
        givenName: 'Zed',
        surname: `Clone${i}`,
      };
      org.people.push(clone);
    }
    const msg = message((await send(makeCall(org, 'alice@contoso.test'), resolve('Zed'))).body);
    const set = at(msg, 'ResolutionSet');
    expect(children(set)).toHaveLength(100);
    expect(set.attrs).toMatchObject({ TotalItemsInView: '100', IncludesLastItemInRange: 'false' });
  });

  it('resolves a distribution group as a PublicDL mailbox', async () => {
    const org = makeOrg();
    const dl = org.groups[0];
    if (!dl) throw new Error('no group');
    const msg = message((await send(makeCall(org, 'alice@contoso.test'), resolve(dl.smtp))).body);
    expect(at(msg, 'ResolutionSet', 'Resolution', 'Mailbox', 'MailboxType').text).toBe('PublicDL');
  });
});

describe('ExpandDL', () => {
  const expand = (smtp: string): string =>
    `<m:ExpandDL><m:Mailbox><t:EmailAddress>${smtp}</t:EmailAddress></m:Mailbox></m:ExpandDL>`;

  it('lists members in order, nested groups as PublicDL', async () => {
    const org = makeOrg();
    const pilot = org.groups.find((g) => g.smtp === 'roster-pilot@contoso.test');
    if (!pilot) throw new Error('no pilot group');
    const msg = message((await send(makeCall(org, 'alice@contoso.test'), expand(pilot.smtp))).body);
    expect(msg.attrs.ResponseClass).toBe('Success');
    const mailboxes = children(at(msg, 'DLExpansion'), 'Mailbox');
    expect(mailboxes.map((m) => at(m, 'EmailAddress').text)).toEqual(pilot.members);
    const nested = mailboxes.find((m) => at(m, 'EmailAddress').text === 'dl-support@contoso.test');
    expect(nested && at(nested, 'MailboxType').text).toBe('PublicDL');
    expect(at(msg, 'DLExpansion').attrs.TotalItemsInView).toBe(String(pilot.members.length));
  });

  it('an unknown group is ErrorNameResolutionNoResults', async () => {
    const msg = message(
      (await send(makeCall(makeOrg(), 'alice@contoso.test'), expand('nope@contoso.test'))).body,
    );
    expect(code(msg)).toBe('ErrorNameResolutionNoResults');
  });
});

describe('FindPeople', () => {
  const find = (view: string, parent = '<t:DistinguishedFolderId Id="directory"/>', query = ''): string =>
    `<m:FindPeople><m:PersonaShape><t:BaseShape>Default</t:BaseShape></m:PersonaShape>${view}<m:ParentFolderId>${parent}</m:ParentFolderId>${query ? `<m:QueryString>${query}</m:QueryString>` : ''}</m:FindPeople>`;

  it('pages from the beginning and from the end', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'alice@contoso.test');
    const all = await send(
      call,
      find('<m:IndexedPageItemView BasePoint="Beginning" MaxEntriesReturned="1000" Offset="0"/>'),
    );
    const ids = children(at(all.body, 'People')).map((p) => at(p, 'PersonaId').attrs.Id);
    expect(ids).toHaveLength(org.people.length);
    const last = await send(
      call,
      find('<m:IndexedPageItemView BasePoint="End" MaxEntriesReturned="3" Offset="0"/>'),
    );
    expect(children(at(last.body, 'People')).map((p) => at(p, 'PersonaId').attrs.Id)).toEqual(ids.slice(-3));
  });

  it('returns the persona fields a contact card needs', async () => {
    const org = makeOrg();
    const bob = person(org, 'bob@contoso.test');
    const a = await send(
      makeCall(org, 'alice@contoso.test'),
      find(
        '<m:IndexedPageItemView BasePoint="Beginning" MaxEntriesReturned="10" Offset="0"/>',
        undefined,
        'Bob Kel',
      ),
    );
    const p = at(a.body, 'People', 'Persona');
    expect(at(p, 'DisplayName').text).toBe(bob.displayName);
    expect(at(p, 'Title').text).toBe(bob.title);
    expect(at(p, 'Department').text).toBe(bob.department);
    expect(at(p, 'EmailAddress', 'EmailAddress').text).toBe(bob.smtp);
  });

  it('refuses bad paging and a missing view', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(
      single(
        await send(
          call,
          find('<m:IndexedPageItemView BasePoint="Beginning" MaxEntriesReturned="10" Offset="-1"/>'),
        ),
      ).code,
    ).toBe('ErrorInvalidIndexedPagingParameters');
    expect(single(await send(call, find(''))).code).toBe('ErrorInvalidRequest');
  });

  it('searches the mailbox contacts (the IM list personas) by default', async () => {
    const org = makeOrg();
    const alice = person(org, 'alice@contoso.test');
    const a = await send(
      makeCall(org, 'alice@contoso.test'),
      find(
        '<m:IndexedPageItemView BasePoint="Beginning" MaxEntriesReturned="1000" Offset="0"/>',
        '<t:DistinguishedFolderId Id="contacts"/>',
      ),
    );
    expect(at(a.body, 'TotalNumberOfPeopleInView').text).toBe(String(alice.imList.personas.length));
    const wrong = await send(
      makeCall(org, 'alice@contoso.test'),
      find(
        '<m:IndexedPageItemView BasePoint="Beginning" MaxEntriesReturned="1" Offset="0"/>',
        '<t:DistinguishedFolderId Id="inbox"/>',
      ),
    );
    expect(single(wrong).code).toBe('ErrorFolderNotFound');
  });
});
