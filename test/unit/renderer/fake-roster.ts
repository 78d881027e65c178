/**
 * An in-memory RosterApi for renderer tests: every channel of the contract, the event streams,
 * and knobs to script what main answers. Calls are vi.fn spies typed against RosterApi.
 */
import { vi } from 'vitest';
import type {
  Account,
  AddContactRequest,
  AppInfo,
  Contact,
  ContactList,
  DirectoryEntry,
  EventName,
  EventPayload,
  PresenceCard,
  PresenceSnapshot,
  Result,
  RosterApi,
  RosterError,
  SessionState,
  Settings,
  SignInRequest,
  ChannelRequest,
  ChannelResponse,
} from '../../../preload/contract';

export const demoAccount: Account = {
  email: 'ada.lovelace@contoso.example',
  displayName: 'Ada Lovelace',
  ewsUrl: 'https://127.0.0.1:4443/EWS/Exchange.asmx',
  serverVersion: 'Exchange2019',
  demo: true,
};

export const workAccount: Account = {
  email: 'jean.dupont@fabrikam.example',
  displayName: 'Jean Dupont',
  ewsUrl: 'https://mail.fabrikam.example/EWS/Exchange.asmx',
  serverVersion: 'Exchange2016',
  demo: false,
};

export const defaultSettings: Settings = {
  language: 'en',
  theme: 'system',
  showPhotos: true,
  rememberMe: true,
};

export const appInfo: AppInfo = {
  name: 'Roster',
  version: '0.1.0',
  shell: 'web',
  platform: 'linux',
  demo: false,
};

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: RosterError): Result<T> => ({ ok: false, error });

export type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void };
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

type Listeners = { [K in EventName]: Set<(payload: EventPayload<K>) => void> };

// ---------------------------------------------------------------------------------------------
// A small, realistic contact list and directory
// ---------------------------------------------------------------------------------------------

const person = (
  id: string,
  displayName: string,
  email: string,
  extra: Partial<Contact> & { groupIds: string[] },
): Contact => ({
  id,
  displayName,
  email,
  imAddress: email,
  phones: [],
  telephoneOnly: false,
  ...extra,
});

export function sampleContactList(): ContactList {
  const contacts: Contact[] = [
    person('p-helene', 'Hélène Dubois', 'helene.dubois@contoso.example', {
      title: 'Product manager',
      department: 'Marketing',
      office: 'Paris 3.12',
      company: 'Contoso',
      phones: [
        { kind: 'business', number: '+33 1 23 45 67 89' },
        { kind: 'mobile', number: '+33 6 12 34 56 78' },
      ],
      groupIds: ['g-fav', 'g-team'],
    }),
    person('p-bob', 'Bob Martin', 'bob.martin@contoso.example', {
      title: 'Engineer',
      department: 'Research',
      groupIds: ['g-team'],
    }),
    person('p-chloe', 'Chloé Zhang', 'chloe.zhang@contoso.example', {
      title: 'Designer',
      department: 'Design',
      groupIds: ['g-team'],
    }),
    person('p-anna', 'Anna Åberg', 'anna.aberg@contoso.example', {
      title: 'Accountant',
      department: 'Finance',
      groupIds: ['g-other'],
    }),
    {
      id: 'p-tel',
      displayName: '+1 425 555 0100',
      phones: [{ kind: 'other', number: '+1 425 555 0100' }],
      telephoneOnly: true,
      groupIds: ['g-other'],
    },
  ];
  return {
    groups: [
      { id: 'g-fav', name: 'Favorites', kind: 'favorites', memberIds: ['p-helene'] },
      { id: 'g-other', name: 'Other Contacts', kind: 'other', memberIds: ['p-anna', 'p-tel'] },
      { id: 'g-team', name: 'Team', kind: 'user', memberIds: ['p-bob', 'p-chloe', 'p-helene'] },
      {
        id: 'g-dl',
        name: 'All Marketing',
        kind: 'distribution',
        smtp: 'all.marketing@contoso.example',
        memberIds: [],
      },
    ],
    contacts,
    fetchedAt: '2026-11-25T02:00:00.000Z',
    fromCache: false,
    offline: false,
    limit: 1000,
  };
}

export const directory: DirectoryEntry[] = [
  {
    email: 'helene.dubois@contoso.example',
    displayName: 'Hélène Dubois',
    title: 'Product manager',
    department: 'Marketing',
    phones: [],
    isGroup: false,
  },
  {
    email: 'helmut.schmidt@contoso.example',
    displayName: 'Helmut Schmidt',
    title: 'Sales director',
    department: 'Sales',
    phones: [],
    isGroup: false,
  },
  {
    email: 'helga.berg@contoso.example',
    displayName: 'Helga Berg',
    title: 'Lawyer',
    department: 'Legal',
    phones: [],
    isGroup: false,
  },
  {
    email: 'all.marketing@contoso.example',
    displayName: 'All Marketing',
    phones: [],
    isGroup: true,
  },
];

const clone = <T>(value: T): T => structuredClone(value);
const notFound = (what: string): RosterError => ({ kind: 'not-found', message: `${what} was not found.` });

export type FakeRosterOptions = {
  session?: SessionState;
  settings?: Settings;
  /** What signIn answers (default: signed in as workAccount, with the three steps pushed first). */
  signIn?: (request: SignInRequest) => Promise<Result<SessionState>>;
  signInDemo?: () => Promise<Result<SessionState>>;
  vault?: 'os' | 'session';
  /** The contact list main holds (default: sampleContactList()). */
  contacts?: ContactList;
  /** Answers searchDirectory (default: the names in `directory` that contain the query, at once). */
  searchDirectory?: (query: string) => Promise<Result<ChannelResponse<'searchDirectory'>>>;
  /** Main's presence (default: nothing known yet, at 2026-11-30 10:00 UTC). */
  presence?: PresenceSnapshot;
  /** Whether the account may use the Help desk view (default: no). */
  helpdeskAllowed?: boolean;
  /** Answers verifyUcs (default: unavailable). */
  verifyUcs?: (request: ChannelRequest<'verifyUcs'>) => Promise<Result<ChannelResponse<'verifyUcs'>>>;
};

export type FakeRoster = ReturnType<typeof createFakeRoster>;

const notInThisTest = () => fail({ kind: 'unavailable', message: 'Not in this test.' });

export function createFakeRoster(options: FakeRosterOptions = {}) {
  let session: SessionState = options.session ?? { status: 'signed-out' };
  let settings: Settings = options.settings ?? { ...defaultSettings };
  const vault = options.vault ?? 'os';
  const listeners: Listeners = {
    sessionChanged: new Set(),
    settingsChanged: new Set(),
    contactsChanged: new Set(),
    presenceChanged: new Set(),
    presenceAlert: new Set(),
    connectionLost: new Set(),
    helpdeskProgress: new Set(),
    meetingsChanged: new Set(),
  };
  let presence: PresenceSnapshot = clone(
    options.presence ?? {
      asOf: '2026-11-30T10:00:00.000Z',
      fetchedAt: null,
      stale: false,
      me: null,
      people: [],
      alerts: [],
    },
  );
  const presenceCard = (email: string): PresenceCard => {
    const info = presence.people.find((p) => p.email === email.toLowerCase()) ?? {
      email: email.toLowerCase(),
      state: 'unknown' as const,
      reason: 'not-loaded' as const,
      fetchedAt: null,
    };
    return {
      presence: info,
      blocks: [],
      window: { start: '2026-11-29T23:00:00.000Z', end: '2026-12-01T23:00:00.000Z' },
    };
  };
  let contacts: ContactList = clone(options.contacts ?? sampleContactList());
  let nextId = 1;

  function emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const listener of listeners[event]) listener(payload);
  }

  function setSession(next: SessionState): SessionState {
    session = next;
    emit('sessionChanged', next);
    return next;
  }

  async function walkSteps(email: string, account: Account): Promise<Result<SessionState>> {
    setSession({ status: 'signing-in', step: 'discovering', email });
    setSession({ status: 'signing-in', step: 'authenticating', email });
    setSession({ status: 'signing-in', step: 'loading', email });
    return Promise.resolve(ok(setSession({ status: 'signed-in', account, vault })));
  }

  /** Apply an edit to main's list; answer with the new list (and push it, as main does). */
  function change(mutate: (list: ContactList) => RosterError | void): Promise<Result<ContactList>> {
    const next = clone(contacts);
    const error = mutate(next);
    if (error) return Promise.resolve(fail(error));
    contacts = next;
    emit('contactsChanged', clone(contacts));
    return Promise.resolve(ok(clone(contacts)));
  }

  function link(list: ContactList, contactId: string, groupId: string): RosterError | void {
    const group = list.groups.find((g) => g.id === groupId);
    const contact = list.contacts.find((c) => c.id === contactId);
    if (!group || group.kind === 'distribution') return notFound('The group');
    if (!contact) return notFound('The contact');
    if (!group.memberIds.includes(contactId)) group.memberIds.push(contactId);
    if (!contact.groupIds.includes(groupId)) contact.groupIds.push(groupId);
  }

  /** Exchange's rule: out of its last group a contact goes to Other Contacts; out of that, away. */
  function unlink(list: ContactList, contactId: string, groupId: string, rehome = true): RosterError | void {
    const group = list.groups.find((g) => g.id === groupId);
    const contact = list.contacts.find((c) => c.id === contactId);
    if (!group || !contact) return notFound('The contact');
    group.memberIds = group.memberIds.filter((id) => id !== contactId);
    contact.groupIds = contact.groupIds.filter((id) => id !== groupId);
    if (contact.groupIds.length > 0) return;
    const other = list.groups.find((g) => g.kind === 'other');
    if (rehome && other && group !== other) {
      other.memberIds.push(contactId);
      contact.groupIds.push(other.id);
    } else list.contacts = list.contacts.filter((c) => c.id !== contactId);
  }

  function addContact(list: ContactList, request: AddContactRequest): RosterError | void {
    const groupId = request.groupId ?? list.groups.find((g) => g.kind === 'other')?.id ?? '';
    const source = request.source;
    let contact =
      source.kind === 'directory'
        ? list.contacts.find((c) => c.email?.toLowerCase() === source.email.toLowerCase())
        : undefined;
    if (!contact) {
      if (list.contacts.length >= list.limit)
        return { kind: 'bad-input', message: 'The contact list is full.' };
      const entry = source.kind === 'directory' ? directory.find((d) => d.email === source.email) : undefined;
      contact = {
        id: `p-new-${nextId++}`,
        displayName:
          source.displayName ??
          entry?.displayName ??
          (source.kind === 'directory'
            ? source.email
            : source.kind === 'im'
              ? source.imAddress
              : source.number),
        ...(source.kind === 'directory' ? { email: source.email, imAddress: source.email } : {}),
        ...(source.kind === 'im' ? { imAddress: source.imAddress } : {}),
        ...(entry?.title ? { title: entry.title } : {}),
        ...(entry?.department ? { department: entry.department } : {}),
        phones: source.kind === 'phone' ? [{ kind: 'other', number: source.number }] : [],
        telephoneOnly: source.kind === 'phone',
        groupIds: [],
      };
      list.contacts.push(contact);
    }
    return link(list, contact.id, groupId);
  }

  const defaultSearch = (query: string): Promise<Result<ChannelResponse<'searchDirectory'>>> => {
    const q = query.toLowerCase();
    const results = directory
      .filter((d) => d.displayName.toLowerCase().includes(q) || d.email.includes(q))
      .map((d) => {
        const known = contacts.contacts.find((c) => c.email === d.email);
        return known ? { ...d, contactId: known.id } : d;
      });
    return Promise.resolve(ok({ query, results, cancelled: false }));
  };

  const api = {
    getAppInfo: vi.fn<RosterApi['getAppInfo']>(() => Promise.resolve(ok(appInfo))),
    getSettings: vi.fn<RosterApi['getSettings']>(() => Promise.resolve(ok(settings))),
    updateSettings: vi.fn<RosterApi['updateSettings']>((patch) => {
      settings = { ...settings, ...patch };
      emit('settingsChanged', settings);
      return Promise.resolve(ok(settings));
    }),
    getSession: vi.fn<RosterApi['getSession']>(() => Promise.resolve(ok(session))),
    signIn: vi.fn<RosterApi['signIn']>((request) =>
      options.signIn
        ? options.signIn(request)
        : walkSteps(request.email, { ...workAccount, email: request.email }),
    ),
    signInDemo: vi.fn<RosterApi['signInDemo']>(() =>
      options.signInDemo ? options.signInDemo() : walkSteps(demoAccount.email, demoAccount),
    ),
    signOut: vi.fn<RosterApi['signOut']>(() => Promise.resolve(ok(setSession({ status: 'signed-out' })))),
    resetDemo: vi.fn<RosterApi['resetDemo']>(() =>
      Promise.resolve(ok(setSession({ status: 'signed-in', account: demoAccount, vault }))),
    ),
    trustCertificate: vi.fn<RosterApi['trustCertificate']>(() => Promise.resolve(ok({ trusted: true }))),

    getContactList: vi.fn<RosterApi['getContactList']>(() => Promise.resolve(ok(clone(contacts)))),
    refreshContactList: vi.fn<RosterApi['refreshContactList']>(() =>
      change((list) => {
        list.fromCache = false;
        list.offline = false;
      }),
    ),
    addContact: vi.fn<RosterApi['addContact']>((request) => change((list) => addContact(list, request))),
    removeContactFromGroup: vi.fn<RosterApi['removeContactFromGroup']>(({ contactId, groupId }) =>
      change((list) => unlink(list, contactId, groupId)),
    ),
    removeContact: vi.fn<RosterApi['removeContact']>(({ contactId }) =>
      change((list) => {
        const contact = list.contacts.find((c) => c.id === contactId);
        if (!contact) return notFound('The contact');
        for (const groupId of [...contact.groupIds]) unlink(list, contactId, groupId, false);
      }),
    ),
    moveContact: vi.fn<RosterApi['moveContact']>(({ contactId, fromGroupId, toGroupId, copy }) =>
      change(
        (list) =>
          link(list, contactId, toGroupId) ?? (copy ? undefined : unlink(list, contactId, fromGroupId)),
      ),
    ),
    createGroup: vi.fn<RosterApi['createGroup']>(({ name }) =>
      change((list) => {
        if (list.groups.some((g) => g.name === name.trim()))
          return { kind: 'bad-input', message: 'A group with this name already exists.' };
        list.groups.push({ id: `g-new-${nextId++}`, name: name.trim(), kind: 'user', memberIds: [] });
      }),
    ),
    renameGroup: vi.fn<RosterApi['renameGroup']>(({ groupId, name }) =>
      change((list) => {
        const group = list.groups.find((g) => g.id === groupId);
        if (!group) return notFound('The group');
        if (group.kind === 'favorites' || group.kind === 'other')
          return { kind: 'bad-input', message: 'This group cannot be renamed.' };
        group.name = name.trim();
      }),
    ),
    deleteGroup: vi.fn<RosterApi['deleteGroup']>(({ groupId }) =>
      change((list) => {
        const group = list.groups.find((g) => g.id === groupId);
        if (!group) return notFound('The group');
        for (const id of [...group.memberIds]) unlink(list, id, groupId);
        list.groups = list.groups.filter((g) => g.id !== groupId);
      }),
    ),
    addDistributionGroup: vi.fn<RosterApi['addDistributionGroup']>(({ email, displayName }) =>
      change((list) => {
        list.groups.push({
          id: `g-new-${nextId++}`,
          name: displayName ?? email,
          kind: 'distribution',
          smtp: email,
          memberIds: [],
        });
      }),
    ),
    expandGroup: vi.fn<RosterApi['expandGroup']>(({ groupId }) => {
      const group = contacts.groups.find((g) => g.id === groupId);
      if (!group || group.kind !== 'distribution') return Promise.resolve(fail(notFound('The group')));
      return Promise.resolve(ok({ members: directory.filter((d) => !d.isGroup).slice(0, 2) }));
    }),
    searchDirectory: vi.fn<RosterApi['searchDirectory']>(({ query }) =>
      (options.searchDirectory ?? defaultSearch)(query),
    ),
    getPresence: vi.fn<RosterApi['getPresence']>(() => Promise.resolve(ok(clone(presence)))),
    refreshPresence: vi.fn<RosterApi['refreshPresence']>(() => Promise.resolve(ok(clone(presence)))),
    watchPresence: vi.fn<RosterApi['watchPresence']>(({ emails }) =>
      Promise.resolve(ok({ watching: emails.length })),
    ),
    getPresenceCard: vi.fn<RosterApi['getPresenceCard']>(({ email }) =>
      Promise.resolve(ok(presenceCard(email))),
    ),
    setPresenceAlert: vi.fn<RosterApi['setPresenceAlert']>(({ email, on }) => {
      const e = email.toLowerCase();
      const alerts = presence.alerts.filter((a) => a !== e);
      if (on) alerts.push(e);
      presence = { ...presence, alerts };
      return Promise.resolve(ok({ alerts }));
    }),
    getHelpdeskAccess: vi.fn<RosterApi['getHelpdeskAccess']>(() =>
      Promise.resolve(ok({ allowed: options.helpdeskAllowed ?? false })),
    ),
    verifyUcs: vi.fn<RosterApi['verifyUcs']>((request) =>
      options.verifyUcs
        ? options.verifyUcs(request)
        : Promise.resolve(fail({ kind: 'unavailable', message: 'Not in this test.' })),
    ),
    findMeetingTime: vi.fn<RosterApi['findMeetingTime']>(() => Promise.resolve(notInThisTest())),
    checkMeetingTime: vi.fn<RosterApi['checkMeetingTime']>(() => Promise.resolve(notInThisTest())),
    getOnlineMeetingStatus: vi.fn<RosterApi['getOnlineMeetingStatus']>(() =>
      Promise.resolve(ok({ available: false })),
    ),
    scheduleMeeting: vi.fn<RosterApi['scheduleMeeting']>(() => Promise.resolve(notInThisTest())),
    listUpcomingMeetings: vi.fn<RosterApi['listUpcomingMeetings']>(() => Promise.resolve(notInThisTest())),
    cancelMeeting: vi.fn<RosterApi['cancelMeeting']>(() => Promise.resolve(notInThisTest())),
    declineMeeting: vi.fn<RosterApi['declineMeeting']>(() => Promise.resolve(notInThisTest())),
    on: <K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): (() => void) => {
      const set: Set<(payload: EventPayload<K>) => void> = listeners[event];
      set.add(listener);
      return () => set.delete(listener);
    },
  } satisfies RosterApi;

  return {
    api,
    emit,
    setSession,
    get settings(): Settings {
      return settings;
    },
    /** Main's current contact list. */
    get contacts(): ContactList {
      return contacts;
    },
    /** Replace main's presence and push it (a fetch answered, a boundary passed). */
    setPresence(next: PresenceSnapshot): void {
      presence = clone(next);
      emit('presenceChanged', clone(presence));
    },
    /** Replace main's list and push it (a refresh, going offline…). */
    setContacts(next: ContactList): void {
      contacts = clone(next);
      emit('contactsChanged', clone(contacts));
    },
    listenerCount: (event: EventName): number => listeners[event].size,
  };
}
