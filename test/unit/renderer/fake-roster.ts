/**
 * An in-memory RosterApi for renderer tests: every channel of the contract, the event streams,
 * and knobs to script what main answers. Calls are vi.fn spies typed against RosterApi.
 */
import { vi } from 'vitest';
import type {
  Account,
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
  FeatureId,
  FeaturesSnapshot,
} from '../../../preload/contract';
import { AppError, toRosterError } from '../../../main/errors';
import { resolveFeatures } from '../../../main/services/features/precedence';
import { FEATURES } from '../../../main/services/features/registry';
import {
  fullListError,
  sameGroupError,
  specialGroupError,
  targetGroupError,
} from '../../../main/services/contacts/rules';
import {
  applyAddContact,
  applyCreateGroup,
  applyDeleteGroup,
  applyMoveContact,
  applyRemoveContact,
  applyRemoveFromGroup,
  applyRenameGroup,
  isPending,
} from '../../../renderer/contacts-model';

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
  /** What main answers to createGroup when the server refuses it (e.g. a name already taken). */
  createGroupError?: RosterError;
  /** Whether the account may use the Help desk view (default: no). */
  helpdeskAllowed?: boolean;
  /** Answers verifyUcs (default: unavailable). */
  verifyUcs?: (request: ChannelRequest<'verifyUcs'>) => Promise<Result<ChannelResponse<'verifyUcs'>>>;
  /** Main's features (default: every feature on, by default: featuresSnapshot()). */
  features?: FeaturesSnapshot;
  /**
   * What main's meetings service answers, channel by channel (default: unavailable, as main does
   * until the service lands; getOnlineMeetingStatus: not available). No rules here: each answer is
   * the test's, and the calls are recorded on the spies.
   */
  meetings?: Partial<{
    [K in MeetingChannel]: (request: ChannelRequest<K>) => Promise<Result<ChannelResponse<K>>>;
  }>;
  // Conversation history (issue 23)
  /**
   * What main's history service answers, channel by channel. No rules here (no paging, no search,
   * no matching of people): each answer is the test's, and the calls are recorded on the spies.
   * Default: an empty folder, and "not found" for a conversation opened.
   */
  history?: Partial<{
    [K in HistoryChannel]: (request: ChannelRequest<K>) => Promise<Result<ChannelResponse<K>>>;
  }>;
  // Voice mail (issue 23)
  /**
   * What main's voice-mail service answers, channel by channel (default: an empty mailbox for
   * listVoicemail, unavailable for the rest). No rules here: each answer is the test's.
   */
  voicemail?: Partial<{
    [K in VoicemailChannel]: (request: ChannelRequest<K>) => Promise<Result<ChannelResponse<K>>>;
  }>;
};

// Conversation history (issue 23)
export type HistoryChannel = 'listHistory' | 'searchHistory' | 'openConversation' | 'recentConversations';
// Voice mail (issue 23)
export type VoicemailChannel = 'listVoicemail' | 'setVoicemailRead' | 'deleteVoicemail';

export type MeetingChannel =
  | 'findMeetingTime'
  | 'checkMeetingTime'
  | 'getOnlineMeetingStatus'
  | 'scheduleMeeting'
  | 'listUpcomingMeetings'
  | 'cancelMeeting'
  | 'declineMeeting';

export type FakeRoster = ReturnType<typeof createFakeRoster>;

/**
 * Main's feature states, by main's own rule (precedence.ts) over main's registry, except that every
 * feature is on by default unless `off` names it; `policy` ones are decided by the policy (on
 * unless `off` names them). Pilot flags, switches and reasons are main's.
 */
export function featuresSnapshot(
  options: { off?: readonly FeatureId[]; policy?: readonly FeatureId[]; ring?: string | null } = {},
): FeaturesSnapshot {
  const on = (id: FeatureId) => !options.off?.includes(id);
  const registry = FEATURES.map((def) => ({ ...def, default: on(def.id) }));
  const policy = Object.fromEntries((options.policy ?? []).map((id) => [id, on(id)]));
  return {
    features: resolveFeatures(registry, { policy, allowOptIn: true, optIns: {} }),
    ring: options.ring ?? null,
    policy: options.policy?.length
      ? { status: 'applied', file: '/etc/roster/policy.json' }
      : { status: 'none' },
  };
}

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
    featuresChanged: new Set(),
    // Voice mail (issue 23)
    voicemailChanged: new Set(),
  };
  let features: FeaturesSnapshot = clone(options.features ?? featuresSnapshot());
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

  /**
   * Apply an edit to main's list; answer with the new list (and push it, as main does). The fake
   * has no rules of its own: refusals are main's (main/services/contacts/rules.ts) and the list's
   * changes are the renderer model's (renderer/contacts-model.ts), so a test of the view checks the
   * app's one copy of each rule.
   */
  function change(
    refusal: AppError | RosterError | null | undefined,
    next: (list: ContactList) => ContactList,
  ): Promise<Result<ContactList>> {
    if (refusal) return Promise.resolve(fail(refusal instanceof AppError ? toRosterError(refusal) : refusal));
    contacts = next(clone(contacts));
    emit('contactsChanged', clone(contacts));
    return Promise.resolve(ok(clone(contacts)));
  }

  const missingContact = (id: string) =>
    contacts.contacts.some((c) => c.id === id) ? null : notFound('The contact');
  const missingGroup = (id: string) =>
    contacts.groups.some((g) => g.id === id) ? null : notFound('The group');

  /** What the server answers for a new contact: a real id, and the directory's details. */
  function settleNewContacts(list: ContactList): ContactList {
    const ids = new Map<string, string>();
    const contactsNow = list.contacts.map((c) => {
      if (!isPending(c.id)) return c;
      const id = `p-new-${nextId++}`;
      ids.set(c.id, id);
      const entry = directory.find((d) => c.email !== undefined && d.email === c.email);
      return {
        ...c,
        id,
        ...(entry ? { displayName: c.displayName === c.email ? entry.displayName : c.displayName } : {}),
        ...(c.email ? { imAddress: c.email } : {}),
        ...(entry?.title ? { title: entry.title } : {}),
        ...(entry?.department ? { department: entry.department } : {}),
      };
    });
    const groups = list.groups.map((g) => ({ ...g, memberIds: g.memberIds.map((m) => ids.get(m) ?? m) }));
    return { ...list, contacts: contactsNow, groups };
  }

  function settleNewGroups(list: ContactList): ContactList {
    return {
      ...list,
      groups: list.groups.map((g) => (isPending(g.id) ? { ...g, id: `g-new-${nextId++}` } : g)),
    };
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
      change(null, (list) => ({ ...list, fromCache: false, offline: false })),
    ),
    addContact: vi.fn<RosterApi['addContact']>((request) => {
      const source = request.source;
      const known =
        source.kind === 'directory' &&
        contacts.contacts.some((c) => c.email?.toLowerCase() === source.email.toLowerCase());
      return change(
        (request.groupId ? missingGroup(request.groupId) : null) ??
          targetGroupError(contacts, request.groupId) ??
          (known ? null : fullListError(contacts)),
        (list) => settleNewContacts(applyAddContact(list, request)),
      );
    }),
    removeContactFromGroup: vi.fn<RosterApi['removeContactFromGroup']>(({ contactId, groupId }) =>
      change(missingContact(contactId) ?? missingGroup(groupId), (list) =>
        applyRemoveFromGroup(list, contactId, groupId),
      ),
    ),
    removeContact: vi.fn<RosterApi['removeContact']>(({ contactId }) =>
      change(missingContact(contactId), (list) => applyRemoveContact(list, contactId)),
    ),
    moveContact: vi.fn<RosterApi['moveContact']>(({ contactId, fromGroupId, toGroupId, copy }) =>
      change(
        missingContact(contactId) ??
          missingGroup(toGroupId) ??
          sameGroupError(fromGroupId, toGroupId) ??
          targetGroupError(contacts, toGroupId),
        (list) => applyMoveContact(list, contactId, fromGroupId, toGroupId, copy ?? false),
      ),
    ),
    createGroup: vi.fn<RosterApi['createGroup']>(({ name }) =>
      change(options.createGroupError ?? null, (list) => settleNewGroups(applyCreateGroup(list, name))),
    ),
    renameGroup: vi.fn<RosterApi['renameGroup']>(({ groupId, name }) =>
      change(missingGroup(groupId) ?? specialGroupError(contacts, groupId, 'renamed'), (list) =>
        applyRenameGroup(list, groupId, name),
      ),
    ),
    deleteGroup: vi.fn<RosterApi['deleteGroup']>(({ groupId }) =>
      change(missingGroup(groupId) ?? specialGroupError(contacts, groupId, 'deleted'), (list) =>
        applyDeleteGroup(list, groupId),
      ),
    ),
    addDistributionGroup: vi.fn<RosterApi['addDistributionGroup']>(({ email, displayName }) =>
      change(null, (list) => ({
        ...list,
        groups: [
          ...list.groups,
          {
            id: `g-new-${nextId++}`,
            name: displayName ?? email,
            kind: 'distribution',
            smtp: email,
            memberIds: [],
          },
        ],
      })),
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
    findMeetingTime: vi.fn<RosterApi['findMeetingTime']>((request) =>
      options.meetings?.findMeetingTime
        ? options.meetings.findMeetingTime(request)
        : Promise.resolve(notInThisTest()),
    ),
    checkMeetingTime: vi.fn<RosterApi['checkMeetingTime']>((request) =>
      options.meetings?.checkMeetingTime
        ? options.meetings.checkMeetingTime(request)
        : Promise.resolve(notInThisTest()),
    ),
    getOnlineMeetingStatus: vi.fn<RosterApi['getOnlineMeetingStatus']>((request) =>
      options.meetings?.getOnlineMeetingStatus
        ? options.meetings.getOnlineMeetingStatus(request ?? {})
        : Promise.resolve(ok({ available: false })),
    ),
    scheduleMeeting: vi.fn<RosterApi['scheduleMeeting']>((request) =>
      options.meetings?.scheduleMeeting
        ? options.meetings.scheduleMeeting(request)
        : Promise.resolve(notInThisTest()),
    ),
    listUpcomingMeetings: vi.fn<RosterApi['listUpcomingMeetings']>((request) =>
      options.meetings?.listUpcomingMeetings
        ? options.meetings.listUpcomingMeetings(request ?? {})
        : Promise.resolve(notInThisTest()),
    ),
    cancelMeeting: vi.fn<RosterApi['cancelMeeting']>((request) =>
      options.meetings?.cancelMeeting
        ? options.meetings.cancelMeeting(request)
        : Promise.resolve(notInThisTest()),
    ),
    declineMeeting: vi.fn<RosterApi['declineMeeting']>((request) =>
      options.meetings?.declineMeeting
        ? options.meetings.declineMeeting(request)
        : Promise.resolve(notInThisTest()),
    ),
    getFeatures: vi.fn<RosterApi['getFeatures']>(() => Promise.resolve(ok(clone(features)))),
    setFeatureOptIn: vi.fn<RosterApi['setFeatureOptIn']>(({ id, on }) => {
      const current = features.features.find((f) => f.id === id);
      const def = FEATURES.find((d) => d.id === id);
      if (!current?.canOptIn || !def)
        return Promise.resolve(
          fail({ kind: 'unavailable', message: 'Your organisation’s policy decides this feature.' }),
        );
      // The user's choice, as main's precedence rule states it.
      const [chosen] = resolveFeatures([def], { policy: {}, allowOptIn: true, optIns: { [id]: on } });
      features = {
        ...features,
        features: features.features.map((f) => (f.id === id && chosen ? chosen : f)),
      };
      emit('featuresChanged', clone(features));
      return Promise.resolve(ok(clone(features)));
    }),
    saveDiagnostics: vi.fn<RosterApi['saveDiagnostics']>(() =>
      Promise.resolve(
        ok({ fileName: 'roster-diagnostics.zip', base64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', bytes: 22 }),
      ),
    ),
    // Conversation history (issue 23)
    listHistory: vi.fn<RosterApi['listHistory']>((request) =>
      options.history?.listHistory
        ? options.history.listHistory(request ?? {})
        : Promise.resolve(ok({ entries: [], total: 0 })),
    ),
    searchHistory: vi.fn<RosterApi['searchHistory']>((request) =>
      options.history?.searchHistory
        ? options.history.searchHistory(request)
        : Promise.resolve(ok({ entries: [], total: 0 })),
    ),
    openConversation: vi.fn<RosterApi['openConversation']>((request) =>
      options.history?.openConversation
        ? options.history.openConversation(request)
        : Promise.resolve(fail(notFound('The conversation'))),
    ),
    recentConversations: vi.fn<RosterApi['recentConversations']>((request) =>
      options.history?.recentConversations
        ? options.history.recentConversations(request)
        : Promise.resolve(ok({ entries: [] })),
    ),
    // Voice mail (issue 23)
    listVoicemail: vi.fn<RosterApi['listVoicemail']>((request) =>
      options.voicemail?.listVoicemail
        ? options.voicemail.listVoicemail(request ?? {})
        : Promise.resolve(ok({ entries: [], total: 0 })),
    ),
    setVoicemailRead: vi.fn<RosterApi['setVoicemailRead']>((request) =>
      options.voicemail?.setVoicemailRead
        ? options.voicemail.setVoicemailRead(request)
        : Promise.resolve(notInThisTest()),
    ),
    deleteVoicemail: vi.fn<RosterApi['deleteVoicemail']>((request) =>
      options.voicemail?.deleteVoicemail
        ? options.voicemail.deleteVoicemail(request)
        : Promise.resolve(notInThisTest()),
    ),
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
    /** Replace main's features and push them (the policy file changed). */
    setFeatures(next: FeaturesSnapshot): void {
      features = clone(next);
      emit('featuresChanged', clone(features));
    },
  };
}
