/**
 * The composition root: builds the service graph once, for both shells, the command line and
 * tests. Shells hand in what only they have (the shell name, the data folder, Electron's
 * safeStorage through the vault); everything else is built here.
 */
import type { AppInfo, SessionState } from '../preload/contract';
import { createEventBus, type EventBus } from './events';
import { createRouter, type Handlers, type Router } from './shells/router';
import { openSettingsStore, type SettingsStore } from './store/settings';
import { createSessionService, type SessionService } from './services/session';
import { AppError } from './errors';

export interface ComposeOptions {
  shell: AppInfo['shell'];
  /** Where settings, caches and the demo Exchange live; null keeps everything in memory (tests). */
  dataDir: string | null;
  version: string;
  platform?: string;
  onUnexpectedError?: (channel: string, err: unknown) => void;
  /** Electron's safeStorage, handed in by the Electron shell only (main/ never imports electron). */
  safeStorage?: SafeStorageLike;
}

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface RosterApp {
  info: AppInfo;
  bus: EventBus;
  router: Router;
  settings: SettingsStore;
  session: SessionService;
  close(): Promise<void>;
}

export async function composeApp(options: ComposeOptions): Promise<RosterApp> {
  const bus = createEventBus();
  const settings = await openSettingsStore(options.dataDir);
  const session = createSessionService({
    onChange: (state: SessionState) => bus.emit('sessionChanged', state),
  });
  const info: AppInfo = {
    name: 'Roster',
    version: options.version,
    shell: options.shell,
    platform: options.platform ?? process.platform,
    demo: false,
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
    trustCertificate: () =>
      Promise.reject(new AppError('unavailable', 'Certificate trust arrives with sign-in.')),
  };
  const routerOptions = options.onUnexpectedError ? { onUnexpectedError: options.onUnexpectedError } : {};
  const router = createRouter(handlers, routerOptions);

  return {
    info,
    bus,
    router,
    settings,
    session,
    close: () => Promise.resolve(),
  };
}
