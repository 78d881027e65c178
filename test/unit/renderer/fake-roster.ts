/**
 * An in-memory RosterApi for renderer tests: every channel of the contract, the event streams,
 * and knobs to script what main answers. Calls are vi.fn spies typed against RosterApi.
 */
import { vi } from 'vitest';
import type {
  Account,
  AppInfo,
  EventName,
  EventPayload,
  Result,
  RosterApi,
  RosterError,
  SessionState,
  Settings,
  SignInRequest,
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

export type FakeRosterOptions = {
  session?: SessionState;
  settings?: Settings;
  /** What signIn answers (default: signed in as workAccount, with the three steps pushed first). */
  signIn?: (request: SignInRequest) => Promise<Result<SessionState>>;
  signInDemo?: () => Promise<Result<SessionState>>;
  vault?: 'os' | 'session';
};

export type FakeRoster = ReturnType<typeof createFakeRoster>;

export function createFakeRoster(options: FakeRosterOptions = {}) {
  let session: SessionState = options.session ?? { status: 'signed-out' };
  let settings: Settings = options.settings ?? { ...defaultSettings };
  const vault = options.vault ?? 'os';
  const listeners: Listeners = { sessionChanged: new Set(), settingsChanged: new Set() };

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
    trustCertificate: vi.fn<RosterApi['trustCertificate']>(() => Promise.resolve(ok({ trusted: true }))),
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
    listenerCount: (event: EventName): number => listeners[event].size,
  };
}
