import { describe, expect, it } from 'vitest';
import type { ContactList, Result } from '../../../preload/contract';
import { connectRosterStore, createRosterStore } from '../../../renderer/stores';
import { CONTACT_LIMIT_CODE, READ_ONLY_CODE } from '../../../renderer/stores/contacts';
import { createFakeRoster, deferred, fail, sampleContactList, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';

async function signedInStore(options: FakeRosterOptions = {}) {
  const roster = createFakeRoster({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    ...options,
  });
  const store = createRosterStore(roster.api);
  const disconnect = connectRosterStore(store, roster.api);
  await expect.poll(() => store.getState().contactList).not.toBeNull();
  return { roster, store, disconnect };
}

const groupNames = (list: ContactList | null) => list?.groups.map((g) => g.name);

describe('contacts slice', () => {
  it('loads the list once signed in and forgets it on sign-out', async () => {
    const { roster, store } = await signedInStore();
    expect(roster.api.getContactList).toHaveBeenCalledTimes(1);
    store.getState().selectContact('p-bob');
    store.getState().setContactFilter('bob');
    await store.getState().signOut();
    expect(store.getState().contactList).toBeNull();
    expect(store.getState().selectedContactId).toBeNull();
    expect(store.getState().contactFilter).toBe('');
  });

  it('checks the 1,000-contact limit before calling main', async () => {
    const full = sampleContactList();
    full.limit = full.contacts.length;
    const { roster, store } = await signedInStore({ contacts: full });
    const added = await store
      .getState()
      .addContact({ source: { kind: 'im', imAddress: 'zoe@fabrikam.example' } });
    expect(added).toBe(false);
    expect(roster.api.addContact).not.toHaveBeenCalled();
    expect(store.getState().contactsError?.code).toBe(CONTACT_LIMIT_CODE);
  });

  it('refuses edits while offline without calling main', async () => {
    const { roster, store } = await signedInStore({ contacts: { ...sampleContactList(), offline: true } });
    expect(await store.getState().createGroup('New')).toBe(false);
    expect(roster.api.createGroup).not.toHaveBeenCalled();
    expect(store.getState().contactsError?.code).toBe(READ_ONLY_CODE);
    expect(groupNames(store.getState().contactList)).not.toContain('New');
  });

  it('a list main pushes during a failing edit is kept (no rollback over newer news)', async () => {
    const answer = deferred<Result<ContactList>>();
    const { roster, store } = await signedInStore();
    roster.api.renameGroup.mockImplementationOnce(() => answer.promise);
    const pending = store.getState().renameGroup('g-team', 'Équipe');
    expect(groupNames(store.getState().contactList)).toContain('Équipe');
    const pushed = sampleContactList();
    pushed.groups = pushed.groups.filter((g) => g.id !== 'g-dl');
    roster.setContacts(pushed);
    answer.resolve(fail({ kind: 'throttled', message: 'busy', retryAfterMs: 2000 }));
    expect(await pending).toBe(false);
    expect(groupNames(store.getState().contactList)).toEqual(['Favorites', 'Other Contacts', 'Team']);
    expect(store.getState().contactsErrorUndone).toBe(false);
    expect(store.getState().contactsError?.kind).toBe('throttled');
  });

  it('a rejected bridge call is rolled back as an error value', async () => {
    const { roster, store } = await signedInStore();
    roster.api.deleteGroup.mockRejectedValueOnce(new Error('socket closed'));
    expect(await store.getState().deleteGroup('g-team')).toBe(false);
    expect(groupNames(store.getState().contactList)).toContain('Team');
    expect(store.getState().contactsError?.kind).toBe('unavailable');
    expect(store.getState().contactsErrorUndone).toBe(true);
  });

  it('selects and reveals the contact it added', async () => {
    const { store } = await signedInStore();
    expect(
      await store.getState().addContact({
        groupId: 'g-team',
        source: { kind: 'directory', email: 'helga.berg@contoso.example' },
      }),
    ).toBe(true);
    const helga = store.getState().contactList?.contacts.find((c) => c.displayName === 'Helga Berg');
    expect(helga?.groupIds).toEqual(['g-team']);
    expect(store.getState().selectedContactId).toBe(helga?.id);
    expect(store.getState().contactReveal).toMatchObject({ groupId: 'g-team', contactId: helga?.id });
  });
});
