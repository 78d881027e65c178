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
import { AppError } from './errors';
import { openPresenceAlertStore } from './store/presence-alerts';
import { openContactsSnapshot } from './store/contacts-snapshot';
import { signIn } from './exchange/client';
import { createDemoExchange, type DemoOptions } from './demo';
import { openAccountStore, openTrustStore } from './store/account';
import { removeAccountCaches } from './store/account-caches';
import { createLogger, type Logger } from './log/logger';
import { openVault } from './secrets/open';
import { createMemoryVault } from './secrets/memory';
import type { SafeStorageLike } from './secrets/safe-storage';
import type { Vault } from './secrets/vault';
import { join } from 'node:path';

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
  presence: PresenceService;
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
  const settings = await openSettingsStore(dataDir, (err) =>
    storeLog.warn('settings.json is unreadable or corrupt; defaults used', { err }),
  );
  const demo = options.demo === false ? null : createDemoExchange(dataDir, options.demo ?? {});
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
  const photos: PhotoService = createPhotoService({
    client: () => session.client(),
    cachedAccount: () => contacts.account(),
    dataDir,
    log: log.child('photos'),
  });
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
  });
  bus.subscribe((event, payload) => {
    if (event !== 'contactsChanged') return;
    const list = payload as EventPayload<'contactsChanged'>;
    people = presenceOrder(list);
    presence.peopleChanged();
  });
  const session: SessionService = createSessionService({
    vault,
    accounts: openAccountStore(dataDir, (err) =>
      storeLog.warn('account.json is unreadable or corrupt; no account remembered', { err }),
    ),
    trust: openTrustStore(dataDir, (err) =>
      storeLog.warn('trusted-certificates.json is unreadable or corrupt; no certificate pinned', { err }),
    ),
    log: log.child('session'),
    connect: signIn,
    ...(demo ? { demo } : {}),
    onChange: (state: SessionState) => bus.emit('sessionChanged', state),
    onSignedIn: async (client) => {
      await contacts.start(client);
      void presence.start(client.email).catch((err: unknown) => log.warn('presence did not start', { err }));
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

  const helpdesk: HelpdeskService = createHelpdeskService({ log });
  const signedInClient = () => {
    const client = session.client();
    if (!client) throw new AppError('auth', 'Sign in to use the help desk checks.', { code: 'SignedOut' });
    return client;
  };

  const meetingsNotYet = () =>
    new AppError('unavailable', 'Meeting scheduling is not available yet.', { code: 'NotYet' });

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
    // Meeting scheduling arrives with main/services/meetings (issue 18); until then the card's
    // action stays "Coming soon" and these answer `unavailable`.
    findMeetingTime: () => Promise.reject(meetingsNotYet()),
    checkMeetingTime: () => Promise.reject(meetingsNotYet()),
    getOnlineMeetingStatus: () =>
      Promise.resolve({ available: false, reason: 'Meeting scheduling is not available yet.' }),
    scheduleMeeting: () => Promise.reject(meetingsNotYet()),
    listUpcomingMeetings: () => Promise.reject(meetingsNotYet()),
    cancelMeeting: () => Promise.reject(meetingsNotYet()),
    declineMeeting: () => Promise.reject(meetingsNotYet()),
    getHelpdeskAccess: async () => {
      const client = session.client();
      return { allowed: client ? await helpdesk.canImpersonate(client) : false };
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
  };
  const router = createRouter(handlers, {
    onUnexpectedError: (channel, err) => {
      log.error('unexpected error', { channel, err });
      options.onUnexpectedError?.(channel, err);
    },
  });

  // Silent sign-in runs in the background: the window shows at once, with "Signing in…".
  if (options.restoreSession !== false && settings.get().rememberMe) {
    void session.restore().catch((err: unknown) => log.warn('restoring the session failed', { err }));
  }

  return {
    info,
    bus,
    router,
    settings,
    session,
    contacts,
    photos,
    presence,
    log,
    vault,
    close: async () => {
      presence.stop();
      await session.close();
      await demo?.close();
    },
  };
}
