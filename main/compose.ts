/**
 * The composition root: builds the service graph once, for both shells, the command line and
 * tests. Shells hand in what only they have (the shell name, the data folder, Electron's
 * safeStorage through the vault); everything else is built here.
 */
import type { AppInfo, EventPayload, SessionState } from '../preload/contract';
import { createEventBus, type EventBus } from './events';
import { createRouter, type Handlers, type Router } from './shells/router';
import { openSettingsStore, type SettingsStore } from './store/settings';
import { createSessionService, type SessionService } from './services/session';
import { createContactsService, type ContactsService } from './services/contacts';
import { createPhotoService, type PhotoService } from './services/photos';
import { createPresenceService, type PresencePerson, type PresenceService } from './services/presence';
import type { PresenceClock } from './services/presence/schedule';
import { createHelpdeskService, renderReportHtml, type HelpdeskService } from './services/helpdesk';
import { createMeetingsService, type MeetingsService } from './services/meetings';
import { createUcwaProviderFor } from './services/meetings/ucwa-provider';
import type { OnlineMeetingProvider } from './services/meetings/online';
import { AppError } from './errors';
import { openPresenceAlertStore } from './store/presence-alerts';
import { openContactsSnapshot } from './store/contacts-snapshot';
import { signIn, type ExchangeClient } from './exchange/client';
import { createDemoExchange, type DemoOptions } from './demo';
import { openAccountStore, openTrustStore } from './store/account';
import { removeAccountCaches } from './store/account-caches';
import { createLogger, type Logger } from './log/logger';
import { openVault } from './secrets/open';
import { createMemoryVault } from './secrets/memory';
import type { SafeStorageLike } from './secrets/safe-storage';
import type { Vault } from './secrets/vault';
import { join } from 'node:path';
import {
  createFeaturesService,
  gateHandlers,
  policyFilePath,
  type FeaturesService,
} from './services/features';
import { openOptInStore } from './store/feature-optins';
import {
  createDiagnosticsService,
  type AccountSummary,
  type DiagnosticsService,
} from './services/diagnostics';
import { createTransport } from './exchange/transport';
// Conversation history (issue 23)
import { createHistoryService, type HistoryService } from './services/history';
// Voice mail (issue 23)
import { createVoicemailService, type CallerContact, type VoicemailService } from './services/voicemail';
import { featureOff } from './services/features/channels';
import type { VoicemailAudioSource } from './shells/voicemail-route';

export interface ComposeOptions {
  shell: AppInfo['shell'];
  /** Where settings, caches and the demo Exchange live; null keeps everything in memory (tests). */
  dataDir: string | null;
  version: string;
  platform?: string;
  onUnexpectedError?: (channel: string, err: unknown) => void;
  /** Electron's safeStorage, handed in by the Electron shell only (main/ never imports electron). */
  safeStorage?: SafeStorageLike;
  /** A ready vault (tests); otherwise one is opened: safeStorage → OS keyring → this session only. */
  vault?: Vault;
  /** Also log to the console (development, the web shell). */
  logToConsole?: boolean;
  /** The built-in Exchange for demo mode (default on); false turns it off. */
  demo?: false | DemoOptions;
  /** Sign in silently at start when an account is remembered (default true). */
  restoreSession?: boolean;
  /** The clock presence runs on (tests and e2e fix it); the system clock otherwise. */
  clock?: PresenceClock;
  /**
   * The online-meeting provider for a signed-in client, made once per sign-in. Default: Lync's UCWA
   * on the same account; when it does not answer, the scheduler offers plain meetings.
   */
  onlineMeetings?: (client: ExchangeClient) => OnlineMeetingProvider;
  /**
   * The organisation's policy file; null for none. Default: ROSTER_POLICY or the system's place
   * (services/features/policy.ts) when there is a data folder, none for in-memory apps (tests).
   */
  policyPath?: string | null;
  /** How often the policy file is polled besides being watched (ms; 0: never). */
  policyPollMs?: number;
}

export interface RosterApp {
  info: AppInfo;
  bus: EventBus;
  router: Router;
  settings: SettingsStore;
  session: SessionService;
  contacts: ContactsService;
  /** Contact photos for the shells' photo routes. */
  photos: PhotoService;
  /** Voice-mail recordings for the shells' audio routes (refused while the feature is off). */
  voicemail: VoicemailAudioSource;
  presence: PresenceService;
  meetings: MeetingsService;
  features: FeaturesService;
  diagnostics: DiagnosticsService;
  log: Logger;
  vault: Vault;
  close(): Promise<void>;
}

/**
 * The people whose presence is fetched, in the order the list first shows them (groups in server
 * order, each group's members by name, as the renderer's default sort), so the first batch of
 * 100 is the first screenful.
 */
export function presenceOrder(list: EventPayload<'contactsChanged'>): PresencePerson[] {
  const byId = new Map(list.contacts.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const out: PresencePerson[] = [];
  const add = (c: (typeof list.contacts)[number] | undefined): void => {
    if (!c?.email || seen.has(c.id)) return;
    seen.add(c.id);
    out.push({ email: c.email, displayName: c.displayName });
  };
  for (const g of list.groups)
    g.memberIds
      .map((id) => byId.get(id))
      .filter((c) => c !== undefined)
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .forEach(add);
  list.contacts.forEach(add);
  return out;
}

export async function composeApp(options: ComposeOptions): Promise<RosterApp> {
  const { dataDir } = options;
  const log = createLogger({
    ...(dataDir ? { file: join(dataDir, 'logs', 'roster.log') } : {}),
    console: options.logToConsole ?? false,
  });
  const vault =
    options.vault ??
    (dataDir
      ? await openVault({ dataDir, safeStorage: options.safeStorage ?? null, log: log.child('vault') })
      : createMemoryVault());
  const bus = createEventBus();
  const storeLog = log.child('store');
  const ewsLog = log.child('ews');
  const settings = await openSettingsStore(dataDir, (err) =>
    storeLog.warn('settings.json is unreadable or corrupt; defaults used', { err }),
  );
  const demo = options.demo === false ? null : createDemoExchange(dataDir, options.demo ?? {});
  const featuresLog = log.child('features');
  const features: FeaturesService = createFeaturesService({
    policyPath: options.policyPath !== undefined ? options.policyPath : dataDir ? policyFilePath() : null,
    optIns: await openOptInStore(dataDir, (err) =>
      storeLog.warn('features.json is unreadable or corrupt; no pilot choice remembered', { err }),
    ),
    log: featuresLog,
    emit: (snapshot) => bus.emit('featuresChanged', snapshot),
    ...(options.policyPollMs !== undefined ? { pollMs: options.policyPollMs } : {}),
  });
  await features.start();
  const contactsLog = log.child('contacts');
  const contacts: ContactsService = createContactsService({
    client: () => session.client(),
    snapshots: openContactsSnapshot(dataDir, (_email, err) =>
      contactsLog.warn('the contact list snapshot is unreadable; ignored', { err }),
    ),
    emit: (list) => bus.emit('contactsChanged', list),
    log: contactsLog,
    reconnect: () => session.reconnect(),
  });
  const photoService: PhotoService = createPhotoService({
    client: () => session.client(),
    cachedAccount: () => contacts.account(),
    dataDir,
    log: log.child('photos'),
  });
  // Photos turned off: the photo route answers "no photo" (the <img> shows the initials).
  const photos: PhotoService = {
    ...photoService,
    serve: (email, size, ifNoneMatch) =>
      features.isOn('photos')
        ? photoService.serve(email, size, ifNoneMatch)
        : Promise.resolve({ status: 404 }),
  };
  let people: PresencePerson[] = [];
  const presence: PresenceService = createPresenceService({
    client: () => session.client(),
    people: () => people,
    emit: (snapshot) => bus.emit('presenceChanged', snapshot),
    alert: (a) => bus.emit('presenceAlert', a),
    alerts: openPresenceAlertStore(dataDir, (err) =>
      log.child('presence').warn('the alert tags file is unreadable; ignored', { err }),
    ),
    log: log.child('presence'),
    ...(options.clock ? { clock: options.clock } : {}),
    refreshIntervalMs: () => {
      const minutes = features.policy()?.presence?.refreshMinutes;
      return minutes ? minutes * 60_000 : undefined;
    },
  });
  bus.subscribe((event, payload) => {
    if (event !== 'contactsChanged') return;
    const list = payload as EventPayload<'contactsChanged'>;
    people = presenceOrder(list);
    presence.peopleChanged();
  });
  const accounts = openAccountStore(dataDir, (err) =>
    storeLog.warn('account.json is unreadable or corrupt; no account remembered', { err }),
  );
  const session: SessionService = createSessionService({
    vault,
    accounts,
    trust: openTrustStore(dataDir, (err) =>
      storeLog.warn('trusted-certificates.json is unreadable or corrupt; no certificate pinned', { err }),
    ),
    log: log.child('session'),
    // Each EWS call leaves one line in the log: operation, status, duration, retries, never a body.
    connect: (o) =>
      signIn({
        ...o,
        onRequest: (summary) =>
          summary.ok ? ewsLog.info('ews request', summary) : ewsLog.warn('ews request failed', summary),
      }),
    ...(demo ? { demo } : {}),
    policy: () => {
      const p = features.policy();
      if (!p) return null;
      return {
        ...(p.server?.ewsUrl ? { ewsUrl: p.server.ewsUrl } : {}),
        ...(p.server?.authMethod ? { authMethod: p.server.authMethod } : {}),
        ...(p.autodiscover ? { allowRedirectHosts: p.autodiscover.allowRedirectHosts } : {}),
      };
    },
    onChange: (state: SessionState) => bus.emit('sessionChanged', state),
    onSignedIn: async (client) => {
      await contacts.start(client);
      if (features.isOn('presence'))
        void presence
          .start(client.email)
          .catch((err: unknown) => log.warn('presence did not start', { err }));
    },
    onRestoring: (email) => contacts.showCached(email),
    onOffline: () => contacts.setOffline(),
    clearCaches: async (keep) => {
      // The account the list is shown for goes first (its running writes finish, none follow) …
      const shown = contacts.account();
      if (keep === undefined || shown !== keep.trim().toLowerCase()) {
        presence.stop();
        const email = (await contacts.clear()) ?? (keep === undefined ? session.client()?.email : null);
        if (email) await photos.clear(email);
      }
      // … then every account folder on disk, including those left by earlier runs.
      if (dataDir) await removeAccountCaches(dataDir, keep);
    },
  });
  const info: AppInfo = {
    name: 'Roster',
    version: options.version,
    shell: options.shell,
    platform: options.platform ?? process.platform,
    demo: false,
    vault: vault.kind,
  };

  // A policy that changes while the app runs applies at once: presence stops or starts with its flag.
  let presenceOn = features.isOn('presence');
  features.onChange(() => {
    const on = features.isOn('presence');
    if (on === presenceOn) return;
    presenceOn = on;
    const client = session.client();
    if (!on) presence.stop();
    else if (client)
      void presence.start(client.email).catch((err: unknown) => log.warn('presence did not start', { err }));
  });

  const helpdesk: HelpdeskService = createHelpdeskService({ log });

  const diagnostics: DiagnosticsService = createDiagnosticsService({
    info: () => info,
    features: () => features.snapshot(),
    settings: () => settings.get(),
    account: async (): Promise<AccountSummary | null> => {
      const remembered = await accounts.load().catch(() => null);
      const state = session.state();
      const client = session.client();
      if (state.status === 'signed-in')
        return {
          email: state.account.email,
          ewsUrl: state.account.ewsUrl,
          serverVersion: state.account.serverVersion,
          demo: state.account.demo,
          ...(remembered ? { authMethod: remembered.authMethod } : {}),
          ...(client ? { authScheme: client.authScheme } : {}),
          signedIn: client !== null,
        };
      if (!remembered) return null;
      return {
        email: remembered.email,
        authMethod: remembered.authMethod,
        demo: remembered.demo,
        ...(remembered.ewsUrl ? { ewsUrl: remembered.ewsUrl } : {}),
        ...(remembered.serverVersion ? { serverVersion: remembered.serverVersion } : {}),
        signedIn: false,
      };
    },
    sender: async (account) => {
      const transport = createTransport({
        ...(await session.transportOptions(account.email)),
        timeoutMs: 10_000,
      });
      return { sender: transport, close: () => transport.close() };
    },
    logDir: dataDir ? join(dataDir, 'logs') : null,
    log: log.child('diagnostics'),
    recentLog: () => log.recent(),
  });
  const signedInClient = () => {
    const client = session.client();
    if (!client) throw new AppError('auth', 'Sign in to use the help desk checks.', { code: 'SignedOut' });
    return client;
  };

  const meetings: MeetingsService = createMeetingsService({
    client: () => session.client(),
    // Lync's UCWA on the same account; when discovery finds no Lync, the form offers a plain meeting.
    onlineMeetings:
      options.onlineMeetings ??
      ((client) => createUcwaProviderFor(client, client.signInCredentials(), { log: log.child('ucwa') })),
    displayName: (email) => {
      const e = email.toLowerCase();
      const state = session.state();
      if (state.status === 'signed-in' && state.account.email.toLowerCase() === e)
        return state.account.displayName;
      return people.find((p) => p.email.toLowerCase() === e)?.displayName;
    },
    emit: () => bus.emit('meetingsChanged', {}),
    refreshPresence: () => presence.refresh('calendar'),
    log: log.child('meetings'),
    ...(options.clock ? { clock: options.clock } : {}),
  });

  // Conversation history (issue 23): the signed-in mailbox's Conversation History folder, read-only.
  const history: HistoryService = createHistoryService({
    client: () => session.client(),
    me: () => {
      const state = session.state();
      return state.status === 'signed-in'
        ? { email: state.account.email, displayName: state.account.displayName }
        : null;
    },
  });
  // Voice mail (issue 23): callers are named from the contact list shown now (none signed out),
  // read when voice mail is listed rather than copied at every change of the list.
  const voicemailService: VoicemailService = createVoicemailService({
    client: () => session.client(),
    contacts: (): CallerContact[] =>
      (contacts.shown()?.contacts ?? []).flatMap((c) =>
        c.email
          ? [{ email: c.email, displayName: c.displayName, phones: c.phones.map((p) => p.number) }]
          : [],
      ),
  });
  const voicemailAudio: VoicemailAudioSource = {
    audio: (id) =>
      features.isOn('voicemail') ? voicemailService.audio(id) : Promise.reject(featureOff('voicemail')),
  };

  const handlers: Handlers = {
    getAppInfo: () => Promise.resolve(info),
    getSettings: () => Promise.resolve(settings.get()),
    updateSettings: async (patch) => {
      const next = await settings.update(patch);
      bus.emit('settingsChanged', next);
      return next;
    },
    getSession: () => Promise.resolve(session.state()),
    signIn: (req) => session.signIn(req),
    signInDemo: () => session.signInDemo(),
    signOut: () => session.signOut(),
    resetDemo: async () => {
      const now = session.state();
      // Only the built-in Exchange's data can be reset; a real mailbox is never touched.
      if (!demo || now.status !== 'signed-in' || !now.account.demo)
        throw new AppError('bad-input', 'Only the demo can be reset: sign in to the demo first.', {
          code: 'NotDemo',
        });
      await session.signOut(); // every cache of the demo account goes with it
      await demo.reset();
      log.info('the demo was reset');
      return session.signInDemo();
    },
    trustCertificate: async ({ host, fingerprint256 }) => {
      await session.trustCertificate(host, fingerprint256);
      return { trusted: true };
    },
    getContactList: () => contacts.getContactList(),
    refreshContactList: () => contacts.refreshContactList(),
    addContact: (req) => contacts.addContact(req),
    removeContactFromGroup: (req) => contacts.removeContactFromGroup(req),
    removeContact: (req) => contacts.removeContact(req),
    moveContact: (req) => contacts.moveContact(req),
    createGroup: (req) => contacts.createGroup(req),
    renameGroup: (req) => contacts.renameGroup(req),
    deleteGroup: (req) => contacts.deleteGroup(req),
    addDistributionGroup: (req) => contacts.addDistributionGroup(req),
    expandGroup: (req) => contacts.expandGroup(req),
    searchDirectory: (req) => contacts.searchDirectory(req),
    getPresence: () => Promise.resolve(presence.snapshot()),
    refreshPresence: (req) => presence.refresh(req.reason),
    watchPresence: (req) => Promise.resolve({ watching: presence.watch(req.emails) }),
    getPresenceCard: (req) => presence.card(req.email),
    setPresenceAlert: async (req) => ({ alerts: await presence.setAlert(req.email, req.on) }),
    findMeetingTime: (req) => meetings.findTime(req),
    checkMeetingTime: (req) => meetings.checkTime(req),
    getOnlineMeetingStatus: () => meetings.onlineStatus(),
    scheduleMeeting: (req) => meetings.schedule(req),
    listUpcomingMeetings: (req) => meetings.upcoming(req),
    cancelMeeting: (req) => meetings.cancel(req),
    declineMeeting: (req) => meetings.decline(req),
    getHelpdeskAccess: async () => {
      const client = session.client();
      if (!client) return { allowed: false };
      // The policy turning the view on shows it to every account (issue 19's pilot-policy switch).
      if (features.state('helpdesk').source === 'policy') return { allowed: true };
      return { allowed: await helpdesk.canImpersonate(client) };
    },
    verifyUcs: async (req) => {
      let done = 0;
      let total = req.users.length;
      const report = await helpdesk.verifyWith(
        signedInClient(),
        req.users.map((u) =>
          u.export
            ? {
                email: u.email,
                export: { file: u.export.file, bytes: Buffer.from(u.export.base64, 'base64') },
              }
            : { email: u.email },
        ),
        {
          onProgress: (p) => {
            if (p.type === 'started') total = p.total;
            if (p.type === 'check')
              bus.emit('helpdeskProgress', { user: p.user, done, total, check: p.check });
            if (p.type === 'done') {
              done = p.done;
              bus.emit('helpdeskProgress', { user: p.user, done, total, verdict: p.report.verdict });
            }
          },
        },
      );
      return { report, html: renderReportHtml(report) };
    },
    getFeatures: () => Promise.resolve(features.snapshot()),
    saveDiagnostics: async () => {
      const { fileName, bytes } = await diagnostics.bundle();
      return { fileName, base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length };
    },
    setFeatureOptIn: (req) => features.setOptIn(req.id, req.on),
    // Conversation history (issue 23): gated by the 'history' feature in gateHandlers below.
    listHistory: (req) => history.list(req),
    searchHistory: ({ text, ...page }) => history.search(text, page),
    openConversation: (req) => history.open(req.id),
    recentConversations: async ({ email, displayName, max }) => ({
      entries: await history.recentWith(displayName ? { email, displayName } : { email }, max),
    }),
    // Voice mail (issue 23)
    listVoicemail: (req) => voicemailService.list(req),
    setVoicemailRead: async (req) => {
      await voicemailService.setRead(req.id, req.read);
      bus.emit('voicemailChanged', {});
      return { id: req.id, unread: !req.read };
    },
    deleteVoicemail: async (req) => {
      await voicemailService.remove(req.id);
      bus.emit('voicemailChanged', {});
      return { deleted: true as const };
    },
  };
  // A turned-off feature's channels answer `unavailable` (or "not allowed"), decided here once.
  const router = createRouter(
    gateHandlers(handlers, (id) => features.isOn(id)),
    {
      onUnexpectedError: (channel, err) => {
        log.error('unexpected error', { channel, err });
        options.onUnexpectedError?.(channel, err);
      },
    },
  );

  // Silent sign-in runs in the background: the window shows at once, with "Signing in…".
  const restoring =
    options.restoreSession !== false && settings.get().rememberMe
      ? session.restore().catch((err: unknown) => log.warn('restoring the session failed', { err }))
      : Promise.resolve();
  // Nobody signed in: the sign-in screen shows, and "Try the demo" is one click away. Its code
  // (the built-in Exchange, ~0.5–1 s to load from source) is loaded meanwhile, not at the click.
  if (demo)
    void restoring
      .then(() => (session.state().status === 'signed-out' ? demo.prepare() : undefined))
      .catch((err: unknown) => log.warn('the demo could not be prepared', { err }));

  return {
    info,
    bus,
    router,
    settings,
    session,
    contacts,
    photos,
    voicemail: voicemailAudio,
    presence,
    meetings,
    features,
    diagnostics,
    log,
    vault,
    close: async () => {
      features.close();
      presence.stop();
      try {
        await session.close();
      } finally {
        // The demo Exchange saves its last edits on close, whatever the session did.
        await demo?.close();
      }
    },
  };
}
