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
}

export interface RosterApp {
  info: AppInfo;
  bus: EventBus;
  router: Router;
  settings: SettingsStore;
  session: SessionService;
  log: Logger;
  vault: Vault;
  close(): Promise<void>;
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
  const settings = await openSettingsStore(dataDir);
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
  const router = createRouter(handlers, {
    onUnexpectedError: (channel, err) => {
      log.error('unexpected error', { channel, err });
      options.onUnexpectedError?.(channel, err);
    },
  });

  return {
    info,
    bus,
    router,
    settings,
    session,
    log,
    vault,
    close: () => Promise.resolve(),
  };
}
