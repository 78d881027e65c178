import type { StoreApi } from 'zustand';
import type {
  AddContactRequest,
  ChannelResponse,
  Contact,
  ContactList,
  DirectoryEntry,
  Result,
  RosterApi,
  RosterError,
} from '../../preload/contract';
import {
  applyAddContact,
  applyCreateGroup,
  applyDeleteGroup,
  applyMoveContact,
  applyRemoveContact,
  applyRemoveFromGroup,
  applyRenameGroup,
  isFull,
} from '../contacts-model';
import type { Expansion, SortKey } from '../contacts-model';
import { call } from './call';

/** Codes the renderer itself gives to errors it raises before calling main (see errors.ts). */
export const CONTACT_LIMIT_CODE = 'ContactListFull';
export const READ_ONLY_CODE = 'ContactListOffline';

export type ContactsSlice = {
  /** null until getContactList answers (and after sign-out). */
  contactList: ContactList | null;
  /** Loading the list failed (nothing to show): see contactsError. */
  contactsLoadFailed: boolean;
  /** The last failed edit or load, explained by the contact pane; an edit is rolled back first. */
  contactsError: RosterError | null;
  /** The error is an edit main refused: the list was put back as it was. */
  contactsErrorUndone: boolean;
  /** Edits in flight (the list shows their optimistic result). */
  contactsPending: number;
  selectedContactId: string | null;
  /** A distribution-group member who is not in the list, shown on the card from the directory. */
  selectedMember: DirectoryEntry | null;
  contactFilter: string;
  contactSort: SortKey;
  /** Groups the user collapsed, by id. */
  collapsedGroups: ReadonlySet<string>;
  /** Distribution groups the user expanded, with their members once known. */
  expansions: ReadonlyMap<string, Expansion>;
  /** What the list should scroll into view after an edit (a new group, an added or moved contact). */
  contactReveal: Reveal | null;

  loadContacts: () => Promise<void>;
  refreshContacts: () => Promise<boolean>;
  resetContacts: () => void;
  selectContact: (id: string | null) => void;
  /** Open a distribution-group member's card (their contact's card when they are in the list). */
  selectMember: (entry: DirectoryEntry) => void;
  setContactFilter: (text: string) => void;
  setContactSort: (sort: SortKey) => void;
  toggleGroup: (groupId: string) => void;
  clearContactsError: () => void;

  addContact: (request: AddContactRequest) => Promise<boolean>;
  /** Create a group, then add the contact to it (the "New group…" choice of the add dialog). */
  addContactToNewGroup: (groupName: string, source: AddContactRequest['source']) => Promise<boolean>;
  removeContactFromGroup: (contactId: string, groupId: string) => Promise<boolean>;
  removeContact: (contactId: string) => Promise<boolean>;
  moveContact: (contactId: string, fromGroupId: string, toGroupId: string, copy: boolean) => Promise<boolean>;
  createGroup: (name: string) => Promise<boolean>;
  addDistributionGroup: (email: string, displayName?: string) => Promise<boolean>;
  renameGroup: (groupId: string, name: string) => Promise<boolean>;
  deleteGroup: (groupId: string) => Promise<boolean>;
  /** As-you-type directory search; the caller ignores cancelled and stale answers. */
  searchDirectory: (query: string) => Promise<Result<ChannelResponse<'searchDirectory'>>>;
};

export type Reveal = { groupId: string | null; contactId: string | null; seq: number };

type Set = StoreApi<ContactsSlice>['setState'];
type Get = StoreApi<ContactsSlice>['getState'];

const initialUi = {
  contactList: null,
  contactsLoadFailed: false,
  contactsError: null,
  contactsErrorUndone: false,
  contactsPending: 0,
  selectedContactId: null,
  selectedMember: null,
  contactFilter: '',
  collapsedGroups: new Set<string>(),
  expansions: new Map<string, Expansion>(),
  contactReveal: null,
} satisfies Partial<ContactsSlice>;

/** The contact an add request produced, found in main's answer. */
function addedContact(list: ContactList, request: AddContactRequest): Contact | undefined {
  const source = request.source;
  const same = (a: string | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();
  const digits = (n: string) => n.replace(/[^\d+]/g, '');
  return list.contacts.find((c) =>
    source.kind === 'directory'
      ? same(c.email, source.email)
      : source.kind === 'im'
        ? same(c.imAddress, source.imAddress.replace(/^sip:/i, ''))
        : c.phones.some((p) => digits(p.number) === digits(source.number)),
  );
}

/** The selection survives a new list only if the contact is still in it. */
function keepSelection(get: Get, list: ContactList): { selectedContactId: string | null } {
  const id = get().selectedContactId;
  return { selectedContactId: id && list.contacts.some((c) => c.id === id) ? id : null };
}

export function createContactsSlice(api: RosterApi) {
  return (set: Set, get: Get): ContactsSlice => {
    function accept(list: ContactList): void {
      set({ contactList: list, contactsLoadFailed: false, ...keepSelection(get, list) });
    }

    /**
     * An optimistic edit: show `apply(list)` at once, ask main, take main's list when it agrees,
     * roll back (unless something newer replaced the list meanwhile) and explain when it refuses.
     */
    function reveal(groupId: string | null, contactId: string | null): void {
      set((s) => ({ contactReveal: { groupId, contactId, seq: (s.contactReveal?.seq ?? 0) + 1 } }));
    }

    async function edit(
      apply: (list: ContactList) => ContactList,
      run: () => Promise<Result<ContactList>>,
      after?: (list: ContactList) => void,
    ): Promise<boolean> {
      const before = get().contactList;
      if (!before) return false;
      if (before.offline) {
        set({
          contactsErrorUndone: false,
          contactsError: {
            kind: 'network',
            code: READ_ONLY_CODE,
            message: 'You are offline: the contact list is read-only.',
          },
        });
        return false;
      }
      const optimistic = apply(before);
      set((s) => ({
        contactList: optimistic,
        contactsError: null,
        contactsErrorUndone: false,
        contactsPending: s.contactsPending + 1,
      }));
      const result = await call(run);
      set((s) => ({ contactsPending: s.contactsPending - 1 }));
      if (result.ok) {
        accept(result.value);
        after?.(result.value);
        return true;
      }
      const undone = get().contactList === optimistic;
      if (undone) set({ contactList: before, ...keepSelection(get, before) });
      set({ contactsError: result.error, contactsErrorUndone: undone });
      return false;
    }

    function limitReached(list: ContactList): boolean {
      if (!isFull(list)) return false;
      set({
        contactsErrorUndone: false,
        contactsError: {
          kind: 'bad-input',
          code: CONTACT_LIMIT_CODE,
          message: `The contact list is full (${list.limit} contacts).`,
        },
      });
      return true;
    }

    return {
      ...initialUi,
      contactSort: 'group',

      loadContacts: async () => {
        const result = await call(() => api.getContactList());
        if (result.ok) {
          accept(result.value);
          set({ contactsError: null });
        } else set({ contactsLoadFailed: get().contactList === null, contactsError: result.error });
      },
      refreshContacts: async () => {
        const result = await call(() => api.refreshContactList());
        if (result.ok) {
          accept(result.value);
          set({ contactsError: null });
          return true;
        }
        set({ contactsError: result.error });
        return false;
      },
      resetContacts: () => set({ ...initialUi, collapsedGroups: new Set(), expansions: new Map() }),
      selectContact: (id) => set({ selectedContactId: id, selectedMember: null }),
      selectMember: (entry) => {
        const inList = get().contactList?.contacts.find(
          (c) =>
            c.id === entry.contactId || (!!c.email && c.email.toLowerCase() === entry.email.toLowerCase()),
        );
        set(
          inList
            ? { selectedContactId: inList.id, selectedMember: null }
            : { selectedContactId: null, selectedMember: entry },
        );
      },
      setContactFilter: (text) => set({ contactFilter: text }),
      setContactSort: (sort) => set({ contactSort: sort }),
      clearContactsError: () => set({ contactsError: null, contactsErrorUndone: false }),

      toggleGroup: (groupId) => {
        const group = get().contactList?.groups.find((g) => g.id === groupId);
        if (!group) return;
        if (group.kind !== 'distribution') {
          const collapsed = new Set(get().collapsedGroups);
          if (collapsed.has(groupId)) collapsed.delete(groupId);
          else collapsed.add(groupId);
          set({ collapsedGroups: collapsed });
          return;
        }
        const expansions = new Map(get().expansions);
        if (expansions.has(groupId)) {
          expansions.delete(groupId);
          set({ expansions });
          return;
        }
        expansions.set(groupId, { status: 'loading' });
        set({ expansions });
        void call(() => api.expandGroup({ groupId })).then((result) => {
          // Collapsed again meanwhile: forget the answer.
          if (!get().expansions.has(groupId)) return;
          const next = new Map(get().expansions);
          next.set(
            groupId,
            result.ok ? { status: 'loaded', members: result.value.members } : { status: 'failed' },
          );
          set({ expansions: next, ...(result.ok ? {} : { contactsError: result.error }) });
        });
      },

      addContact: (request) => {
        const list = get().contactList;
        if (list && !list.offline && limitReached(list)) return Promise.resolve(false);
        return edit(
          (l) => applyAddContact(l, request),
          () => api.addContact(request),
          (l) => {
            const contact = addedContact(l, request);
            const groupId = request.groupId ?? l.groups.find((g) => g.kind === 'other')?.id ?? null;
            if (!contact) return;
            set({ selectedContactId: contact.id, selectedMember: null });
            reveal(groupId, contact.id);
          },
        );
      },
      addContactToNewGroup: async (groupName, source) => {
        const list = get().contactList;
        if (list && !list.offline && limitReached(list)) return false;
        const name = groupName.trim();
        const existing = list?.groups.find((g) => g.kind !== 'distribution' && g.name === name);
        if (!existing) {
          const created = await get().createGroup(name);
          if (!created) return false;
        }
        const group = get().contactList?.groups.find((g) => g.kind !== 'distribution' && g.name === name);
        if (!group) return false;
        return get().addContact({ groupId: group.id, source });
      },
      removeContactFromGroup: (contactId, groupId) =>
        edit(
          (l) => applyRemoveFromGroup(l, contactId, groupId),
          () => api.removeContactFromGroup({ contactId, groupId }),
        ),
      removeContact: (contactId) =>
        edit(
          (l) => applyRemoveContact(l, contactId),
          () => api.removeContact({ contactId }),
        ),
      moveContact: (contactId, fromGroupId, toGroupId, copy) =>
        edit(
          (l) => applyMoveContact(l, contactId, fromGroupId, toGroupId, copy),
          () => api.moveContact({ contactId, fromGroupId, toGroupId, copy }),
          () => reveal(toGroupId, contactId),
        ),
      createGroup: (name) =>
        edit(
          (l) => applyCreateGroup(l, name),
          () => api.createGroup({ name: name.trim() }),
          (l) => {
            const group = l.groups.find((g) => g.kind === 'user' && g.name === name.trim());
            if (group) reveal(group.id, null);
          },
        ),
      addDistributionGroup: (email, displayName) =>
        edit(
          (l) => l,
          () => api.addDistributionGroup(displayName ? { email, displayName } : { email }),
        ),
      renameGroup: (groupId, name) =>
        edit(
          (l) => applyRenameGroup(l, groupId, name),
          () => api.renameGroup({ groupId, name: name.trim() }),
          () => reveal(groupId, null),
        ),
      deleteGroup: (groupId) =>
        edit(
          (l) => applyDeleteGroup(l, groupId),
          () => api.deleteGroup({ groupId }),
        ),
      searchDirectory: (query) => call(() => api.searchDirectory({ query })),
    };
  };
}

/** Follow main's contact stream. Returns the unsubscribe function. */
export function connectContacts(api: RosterApi, set: Set, get: Get): () => void {
  return api.on('contactsChanged', (list) => {
    // Main's word wins: an edit in flight that fails later will not roll back over this list.
    set({ contactList: list, contactsLoadFailed: false, ...keepSelection(get, list) });
  });
}
