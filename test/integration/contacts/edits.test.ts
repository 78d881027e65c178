/** The contact list against the built-in Exchange: load, every edit and its failures. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactList, Group } from '../../../preload/contract';
import type { ExchangeClient } from '../../../main/exchange/client';
import { EwsError } from '../../../main/exchange/errors';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { ALICE, makeService, operations, signInAlice, startSim, type Harness } from './helpers';

let sim: ExchangeSimHandle;
let client: ExchangeClient;
let h: Harness;

const groupNamed = (l: ContactList, name: string): Group => {
  const g = l.groups.find((x) => x.name === name);
  if (!g) throw new Error(`no group ${name}`);
  return g;
};
const withoutTimes = (l: ContactList): Omit<ContactList, 'fetchedAt'> => {
  const { fetchedAt: _ignored, ...rest } = l;
  return rest;
};

beforeAll(async () => {
  sim = await startSim(60);
  client = await signInAlice(sim);
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(async () => {
  h = makeService(client);
  await h.service.start(client);
  sim.control.clearRequestLog();
});

describe('loading the list', () => {
  it('maps groups in server order with their kinds, and contacts with their fields', async () => {
    const list = await h.service.getContactList();
    const alice = sim.control.person(ALICE.smtp);
    const serverGroups = alice?.imList.groups ?? [];
    expect(list.groups.map((g) => g.name)).toEqual(serverGroups.map((g) => g.displayName));
    const kinds: Record<string, Group['kind']> = {
      Favorites: 'favorites',
      OtherContacts: 'other',
      Normal: 'user',
      DistributionGroup: 'distribution',
    };
    expect(list.groups.map((g) => g.kind)).toEqual(serverGroups.map((g) => kinds[g.type]));
    expect(list.contacts).toHaveLength(alice?.imList.personas.length ?? -1);
    expect(list.fromCache).toBe(false);
    expect(list.offline).toBe(false);
    expect(list.limit).toBe(1000);
    expect(list.fetchedAt).not.toBeNull();

    // A contact who is an org person carries the directory's fields.
    const person = sim.org.people.find(
      (p) => p.title && p.businessPhone && p.mobilePhone && list.contacts.some((c) => c.email === p.smtp),
    );
    if (!person) throw new Error('no org person in the list');
    const contact = list.contacts.find((c) => c.email === person.smtp);
    expect(contact).toMatchObject({
      displayName: person.displayName,
      imAddress: person.sip.replace(/^sip:/i, ''),
      title: person.title,
      department: person.department,
      company: person.company,
      telephoneOnly: false,
    });
    expect(contact?.phones[0]).toEqual({ kind: 'business', number: person.businessPhone });
    expect(contact?.phones).toContainEqual({ kind: 'mobile', number: person.mobilePhone });

    // Members and groupIds agree, and match the server's membership count for each group.
    for (const [i, g] of list.groups.entries()) {
      expect(g.memberIds).toHaveLength(serverGroups[i]?.memberIds.length ?? -1);
      for (const id of g.memberIds) expect(list.contacts.find((c) => c.id === id)?.groupIds).toContain(g.id);
    }
    for (const c of list.contacts) expect(c.groupIds.length).toBeGreaterThan(0);
    expect(h.events.at(-1)).toEqual(list);
  });
});

describe('groups', () => {
  it('creates, renames and deletes a group; each answer is what a refresh shows', async () => {
    const created = await h.service.createGroup({ name: 'Project Lumière' });
    const g = groupNamed(created, 'Project Lumière');
    expect(g.kind).toBe('user');
    expect(withoutTimes(await h.service.refreshContactList())).toEqual(withoutTimes(created));
    expect(h.events.at(-1)?.groups.some((x) => x.id === g.id)).toBe(true);

    const renamed = await h.service.renameGroup({ groupId: g.id, name: 'Projet Lumière' });
    expect(renamed.groups.find((x) => x.id === g.id)?.name).toBe('Projet Lumière');
    expect(withoutTimes(await h.service.refreshContactList())).toEqual(withoutTimes(renamed));

    const deleted = await h.service.deleteGroup({ groupId: g.id });
    expect(deleted.groups.some((x) => x.id === g.id)).toBe(false);
    expect(withoutTimes(await h.service.refreshContactList())).toEqual(withoutTimes(deleted));
  });

  it('deleting a group keeps its contacts, as its confirmation says: those in no other group go to Other Contacts', async () => {
    const before = await h.service.getContactList();
    const other = before.groups.find((g) => g.kind === 'other');
    const [only, shared] = before.contacts.filter((c) => c.email !== undefined);
    if (!other || !only || !shared) throw new Error('the list has too few contacts');
    const g = groupNamed(await h.service.createGroup({ name: 'Short-lived' }), 'Short-lived');
    await h.service.addContact({ groupId: g.id, source: { kind: 'directory', email: only.email ?? '' } });
    await h.service.addContact({ groupId: g.id, source: { kind: 'directory', email: shared.email ?? '' } });
    // `only` now lives in Short-lived alone; `shared` keeps its groups from before.
    for (const from of only.groupIds)
      await h.service.removeContactFromGroup({ contactId: only.id, groupId: from });
    const ready = await h.service.refreshContactList();
    expect(ready.contacts.find((c) => c.id === only.id)?.groupIds).toEqual([g.id]);

    await h.service.deleteGroup({ groupId: g.id });
    // The server's list, fetched afresh: nobody was removed with the group.
    const after = await h.service.refreshContactList();
    expect(after.contacts.map((c) => c.id).sort()).toEqual(ready.contacts.map((c) => c.id).sort());
    expect(after.contacts.find((c) => c.id === only.id)?.groupIds).toEqual([other.id]);
    expect(after.contacts.find((c) => c.id === shared.id)?.groupIds.sort()).toEqual(
      [...shared.groupIds].sort(),
    );
  });

  it('refuses renaming or deleting Favorites and Other Contacts before any call', async () => {
    const list = await h.service.getContactList();
    const fav = list.groups.find((g) => g.kind === 'favorites');
    const other = list.groups.find((g) => g.kind === 'other');
    sim.control.clearRequestLog();
    await expect(h.service.renameGroup({ groupId: fav?.id ?? '', name: 'Best' })).rejects.toMatchObject({
      kind: 'bad-input',
    });
    await expect(h.service.deleteGroup({ groupId: other?.id ?? '' })).rejects.toMatchObject({
      kind: 'bad-input',
    });
    expect(operations(sim)).toEqual([]);
  });

  it('deleting a group that no longer exists fails with the server’s error kind', async () => {
    const created = await h.service.createGroup({ name: 'Ephemeral' });
    const g = groupNamed(created, 'Ephemeral');
    const stale = makeService(client);
    await stale.service.start(client); // still knows the group
    await h.service.deleteGroup({ groupId: g.id });
    await expect(stale.service.deleteGroup({ groupId: g.id })).rejects.toMatchObject({
      kind: 'bad-input',
      code: 'ErrorInvalidImGroupId',
    });
  });

  it('a duplicate group name is refused by the server as bad input', async () => {
    await h.service.createGroup({ name: 'Twice' });
    await expect(h.service.createGroup({ name: 'twice' })).rejects.toMatchObject({
      kind: 'bad-input',
      code: 'ErrorImGroupDisplayNameAlreadyExists',
    });
  });
});

describe('contacts', () => {
  it('adds a directory person already in the list to a new group without a new contact', async () => {
    const before = await h.service.getContactList();
    const member = before.contacts.find((c) => c.email !== undefined);
    const g = groupNamed(await h.service.createGroup({ name: 'Marketing friends' }), 'Marketing friends');
    sim.control.clearRequestLog();
    const after = await h.service.addContact({
      groupId: g.id,
      source: { kind: 'directory', email: member?.email ?? '' },
    });
    expect(operations(sim)).toEqual(['AddImContactToGroup', 'GetImItemList']);
    expect(after.contacts).toHaveLength(before.contacts.length);
    expect(groupNamed(after, 'Marketing friends').memberIds).toEqual([member?.id]);
    expect(after.contacts.find((c) => c.id === member?.id)?.groupIds).toContain(g.id);
  });

  it('adds a new directory person, an IM address and a phone number', async () => {
    // Someone from the directory who is not in the list (any list member, taken out first).
    const initial = await h.service.getContactList();
    const victim = initial.contacts.find((c) => c.email !== undefined);
    const stranger = sim.org.people.find((p) => p.smtp === victim?.email);
    if (!victim || !stranger) throw new Error('no directory person in the list');
    const before = await h.service.removeContact({ contactId: victim.id });
    const g = groupNamed(await h.service.createGroup({ name: 'New people' }), 'New people');

    const a = await h.service.addContact({
      groupId: g.id,
      source: { kind: 'directory', email: stranger.smtp },
    });
    const added = a.contacts.find((c) => c.email === stranger.smtp);
    expect(added?.displayName).toBe(stranger.displayName);
    expect(added?.groupIds).toEqual([g.id]);
    expect(a.contacts).toHaveLength(before.contacts.length + 1);

    const b = await h.service.addContact({
      source: { kind: 'im', imAddress: 'sip:partner@fabrikam.example' },
    });
    const partner = b.contacts.find((c) => c.imAddress === 'partner@fabrikam.example');
    expect(partner?.groupIds).toEqual([b.groups.find((x) => x.kind === 'other')?.id]);

    const c = await h.service.addContact({
      groupId: g.id,
      source: { kind: 'phone', number: '+1 425 555 0199' },
    });
    const phone = c.contacts.find((x) =>
      x.phones.some((p) => p.number.replace(/[^0-9+]/g, '') === '+14255550199'),
    );
    expect(phone?.telephoneOnly).toBe(true);
    expect(phone?.email).toBeUndefined();
    expect(c.contacts).toHaveLength(b.contacts.length + 1);
    expect(phone?.groupIds).toEqual([g.id]);
  });

  it('refuses an add beyond the 1,000-contact limit before the call', async () => {
    const personas = sim.control.person(ALICE.smtp)?.imList.personas ?? [];
    const extra = 1000 - personas.length;
    sim.control.mutate(() => {
      for (let i = 0; i < extra; i++)
        personas.push({
          id: `filler-${i}`,
          displayName: `Filler ${i}`,
          imAddress: `sip:filler${i}@example.invalid`,
        });
    });
    try {
      const full = await h.service.refreshContactList();
      expect(full.contacts).toHaveLength(1000);
      sim.control.clearRequestLog();
      await expect(
        h.service.addContact({ source: { kind: 'im', imAddress: 'one.more@example.invalid' } }),
      ).rejects.toMatchObject({ kind: 'bad-input', code: 'ContactListFull' });
      await expect(
        h.service.addContact({ source: { kind: 'phone', number: '+33 1 23 45 67 89' } }),
      ).rejects.toMatchObject({
        kind: 'bad-input',
      });
      expect(operations(sim)).toEqual([]);
    } finally {
      sim.control.mutate(() => personas.splice(personas.length - extra, extra));
    }
  });

  it('moves and copies a contact between groups', async () => {
    const list = await h.service.createGroup({ name: 'Move target' });
    const to = groupNamed(list, 'Move target');
    const from = list.groups.find((g) => g.kind === 'user' && g.memberIds.length > 0 && g.id !== to.id);
    const contactId = from?.memberIds[0] ?? '';
    const copied = await h.service.moveContact({
      contactId,
      fromGroupId: from?.id ?? '',
      toGroupId: to.id,
      copy: true,
    });
    expect(copied.contacts.find((c) => c.id === contactId)?.groupIds).toEqual(
      expect.arrayContaining([from?.id, to.id]),
    );

    const to2 = groupNamed(await h.service.createGroup({ name: 'Move target 2' }), 'Move target 2');
    const moved = await h.service.moveContact({
      contactId,
      fromGroupId: to.id,
      toGroupId: to2.id,
      copy: false,
    });
    const groups = moved.contacts.find((c) => c.id === contactId)?.groupIds ?? [];
    expect(groups).toContain(to2.id);
    expect(groups).not.toContain(to.id);
  });

  it('rolls a move back when taking the contact out of the source group fails', async () => {
    const list = await h.service.createGroup({ name: 'Rollback target' });
    const to = groupNamed(list, 'Rollback target');
    const from = list.groups.find((g) => g.kind === 'user' && g.memberIds.length > 0 && g.id !== to.id);
    const contactId = from?.memberIds[0] ?? '';
    const failing: ExchangeClient = {
      ...client,
      removeImContactFromGroup: (c, g, o) =>
        g === from?.id
          ? Promise.reject(new EwsError('throttled', 'Exchange is busy.', { code: 'ErrorServerBusy' }))
          : client.removeImContactFromGroup(c, g, o),
    };
    h.setClient(failing);
    sim.control.clearRequestLog();
    await expect(
      h.service.moveContact({ contactId, fromGroupId: from?.id ?? '', toGroupId: to.id, copy: false }),
    ).rejects.toMatchObject({ kind: 'throttled' });
    expect(operations(sim)).toEqual(['AddImContactToGroup', 'RemoveImContactFromGroup']);
    h.setClient(client);
    const after = await h.service.refreshContactList();
    expect(groupNamed(after, 'Rollback target').memberIds).toEqual([]);
    expect(after.groups.find((g) => g.id === from?.id)?.memberIds).toContain(contactId);
  });

  it('removes a contact from a group, then from the list', async () => {
    const list = await h.service.getContactList();
    const c = list.contacts.find((x) => x.groupIds.length >= 2) ?? list.contacts[0];
    const gid = c?.groupIds[0] ?? '';
    const a = await h.service.removeContactFromGroup({ contactId: c?.id ?? '', groupId: gid });
    expect(a.groups.find((g) => g.id === gid)?.memberIds).not.toContain(c?.id);
    const b = await h.service.removeContact({ contactId: c?.id ?? '' });
    expect(b.contacts.some((x) => x.id === c?.id)).toBe(false);
    expect(b.contacts).toHaveLength(list.contacts.length - 1);
  });

  it('an unknown contact id fails with the server’s error kind', async () => {
    const list = await h.service.getContactList();
    const c = list.contacts[0];
    await h.service.removeContact({ contactId: c?.id ?? '' });
    await expect(h.service.removeContact({ contactId: c?.id ?? '' })).rejects.toMatchObject({
      kind: 'bad-input',
    });
  });
});

describe('distribution groups', () => {
  it('adds one, expands it into directory entries, refuses contacts in it, removes it', async () => {
    const dl = sim.org.groups[0];
    if (!dl) throw new Error('the org has no distribution group');
    const a = await h.service.addDistributionGroup({ email: dl.smtp });
    const g = a.groups.find(
      (x) => x.kind === 'distribution' && x.smtp?.toLowerCase() === dl.smtp.toLowerCase(),
    );
    expect(g?.name).toBe(dl.displayName);
    const { members } = await h.service.expandGroup({ groupId: g?.id ?? '' });
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((m) => m.email.includes('@'))).toBe(true);
    sim.control.clearRequestLog();
    await expect(
      h.service.addContact({ groupId: g?.id ?? '', source: { kind: 'im', imAddress: 'x@example.invalid' } }),
    ).rejects.toMatchObject({ kind: 'bad-input' });
    expect(operations(sim)).toEqual([]);
    const b = await h.service.deleteGroup({ groupId: g?.id ?? '' });
    expect(b.groups.some((x) => x.id === g?.id)).toBe(false);
  });
});
