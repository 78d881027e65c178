/**
 * The session: signing in the way Outlook does (autodiscover, then authenticate), remembering
 * the account (its password only in the vault), signing in silently at the next start, and
 * signing out (forgetting the password and everything cached).
 *
 * One account at a time: once signed in as someone, every other account's password and caches
 * are forgotten (help-desk staff switch accounts all day, and the previous one must not stay on
 * the machine); signing out forgets every password in the vault and every cache.
 *
 * Every dependency is handed in; this module knows nothing of windows, IPC or the simulator.
 */
import type { RosterError, SessionState, SignInRequest, SignInStep } from '../../preload/contract';
import type { ExchangeClient, SignInOptions, SignInResult } from '../exchange/client';
import { serverTextOf } from '../exchange/errors';
import type { TransportOptions } from '../exchange/transport';
import { AppError, toRosterError } from '../errors';
import type { Logger } from '../log/logger';
import { registerSecret } from '../log/redact';
import type { Vault } from '../secrets/vault';
import type { AccountStore, RememberedAccount, TrustStore } from '../store/account';

export interface SessionService {
  state(): SessionState;
  /** The connected client, or null when signed out. */
  client(): ExchangeClient | null;
  signIn(request: SignInRequest): Promise<SessionState>;
  signInDemo(): Promise<SessionState>;
  /** At start: sign in silently when an account is remembered and its password is in the vault. */
  restore(): Promise<SessionState>;
  /** After an offline start: try to connect again now. */
  reconnect(): Promise<void>;
  signOut(): Promise<SessionState>;
  trustCertificate(host: string, fingerprint256: string): Promise<void>;
  /** How this account's server is reached (proxy, CAs, pins, the demo's DNS): for the diagnostics' check. */
  transportOptions(email: string): Promise<TransportOptions>;
  close(): Promise<void>;
}

/** The built-in Exchange, as the session sees it: an account, and how to reach its hosts. */
export interface DemoProvider {
  /** True when the address belongs to the built-in Exchange's organisation (a `.test` domain). */
  owns(email: string): boolean;
  /** Starts it if needed; the transport options that reach it (DNS override, its certificate). */
  transportOptions(): Promise<TransportOptions>;
  account(): Promise<{ email: string; password: string }>;
}

export interface SessionDeps {
  vault: Vault;
  accounts: AccountStore;
  trust: TrustStore;
  log: Logger;
  /** Signs in to Exchange (main/exchange's signIn; a fake in unit tests). */
  connect: (options: SignInOptions) => Promise<SignInResult>;
  demo?: DemoProvider;
  /**
   * Forget cached contacts, photos… of every account but `keep` (after signing in as `keep`), or
   * of every account when `keep` is omitted (sign-out).
   */
  clearCaches?: (keep?: string) => Promise<void>;
  onChange: (state: SessionState) => void;
  /** Called once signed in, before the state says so ("Loading contacts…"). */
  onSignedIn?: (client: ExchangeClient) => Promise<void>;
  /** At start with a remembered account: show what is cached while the connection is made. */
  onRestoring?: (email: string) => Promise<void>;
  /** A silent sign-in could not reach the server: the app stays open on its cache, read-only. */
  onOffline?: () => void;
  /** How long to wait before trying again after an offline start (default 30 s). */
  retryOfflineMs?: number;
  /** Base transport options (proxy, extra CA file) from settings. */
  transportOptions?: () => TransportOptions;
  /**
   * What the organisation's policy file decides, read at each sign-in: its server and method win
   * over the form's, its redirect hosts are allowed without asking. Not for the built-in demo.
   */
  policy?: () => SessionPolicy | null;
}

export interface SessionPolicy {
  ewsUrl?: string;
  authMethod?: NonNullable<SignInRequest['authMethod']>;
  allowRedirectHosts?: readonly string[];
}

const vaultKey = (email: string): string => email.trim().toLowerCase();

export function createSessionService(deps: SessionDeps): SessionService {
  const log = deps.log;
  let state: SessionState = { status: 'signed-out' };
  let current: ExchangeClient | null = null;
  let attempt = 0;
  /** The remembered sign-in, kept while the app runs on its cache and retries. */
  let pending: (SignInRequest & { authMethod: NonNullable<SignInRequest['authMethod']> }) | null = null;
  let pendingDemo = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const clearRetry = (): void => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };
  function scheduleRetry(): void {
    clearRetry();
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void service.reconnect();
    }, deps.retryOfflineMs ?? 30_000);
    retryTimer.unref?.();
  }

  const set = (next: SessionState): SessionState => {
    state = next;
    deps.onChange(state);
    return state;
  };

  async function transportFor(email: string): Promise<TransportOptions> {
    const base = deps.transportOptions?.() ?? {};
    const pins = await deps.trust.pins();
    const demo = deps.demo?.owns(email) ? await deps.demo.transportOptions() : {};
    const ca = [base.ca, demo.ca].flat().filter((c): c is string => typeof c === 'string');
    return {
      ...base,
      ...demo,
      ...(ca.length ? { ca } : {}),
      pinnedCertificates: { ...base.pinnedCertificates, ...pins },
    };
  }

  async function dropClient(): Promise<void> {
    const c = current;
    current = null;
    if (c) await c.close().catch((err: unknown) => log.warn('closing the client failed', { err }));
  }

  /** Every account with a saved password, as the vault lists it (none when it cannot say). */
  async function vaultAccounts(): Promise<string[]> {
    return deps.vault.accounts().catch((err: unknown) => {
      log.warn('listing the vault failed', { err });
      return [];
    });
  }

  async function forget(accounts: Iterable<string>): Promise<void> {
    for (const a of accounts)
      await deps.vault.delete(a).catch((err: unknown) => log.warn('vault delete failed', { err }));
  }

  /** Signed in as `email`: nothing of any other account stays behind. */
  async function forgetOtherAccounts(email: string): Promise<void> {
    const keep = vaultKey(email);
    const remembered = await deps.accounts.load();
    const others = new Set(await vaultAccounts());
    if (remembered) others.add(vaultKey(remembered.email));
    others.delete(keep);
    if (others.size)
      log.info('signed in as another account: forgetting the previous ones', { count: others.size });
    await forget(others);
    await deps
      .clearCaches?.(keep)
      .catch((err: unknown) => log.warn('clearing other accounts’ caches failed', { err }));
  }

  /**
   * A demo account is one the built-in Exchange answered for: a demo-domain address sent to
   * another server (an EWS URL typed by hand, `npm run exchange` on its own) is a real sign-in.
   */
  async function servedByDemo(email: string, ewsUrl: string): Promise<boolean> {
    if (!deps.demo?.owns(email)) return false;
    const { resolve } = await deps.demo.transportOptions();
    let host: string;
    try {
      host = new URL(ewsUrl).hostname.toLowerCase();
    } catch {
      return false;
    }
    return Object.keys(resolve ?? {}).some((name) => name.toLowerCase() === host);
  }

  async function connectWith(
    request: SignInRequest & { authMethod: NonNullable<SignInRequest['authMethod']> },
    opts: { remember: boolean; demo: boolean; silent: boolean; background?: boolean },
  ): Promise<SessionState> {
    const mine = ++attempt;
    const email = request.email.trim();
    const givenEwsUrl = Boolean(request.ewsUrl);
    const managed = opts.demo ? null : (deps.policy?.() ?? null);
    if (managed?.ewsUrl || managed?.authMethod) {
      request = {
        ...request,
        ...(managed.ewsUrl ? { ewsUrl: managed.ewsUrl } : {}),
        ...(managed.authMethod ? { authMethod: managed.authMethod } : {}),
      };
      log.info('server settings from the policy', {
        ewsUrl: managed.ewsUrl ?? null,
        authMethod: managed.authMethod ?? null,
      });
    }
    const userHosts = new Set((request.allowRedirectHosts ?? []).map((h) => h.trim().toLowerCase()));
    const policyHosts = new Set((managed?.allowRedirectHosts ?? []).map((h) => h.trim().toLowerCase()));
    const allowedHosts = new Set([...userHosts, ...policyHosts]);
    registerSecret(request.password);
    // In the background (opened from the cache) the window stays as it is while we connect.
    if (!opts.background)
      set({ status: 'signing-in', step: request.ewsUrl ? 'authenticating' : 'discovering', email });
    const onProgress = (step: SignInStep): void => {
      const same = state.status === 'signing-in' && state.step === step;
      if (mine === attempt && !same && !opts.background) set({ status: 'signing-in', step, email });
    };
    try {
      await dropClient();
      const result = await deps.connect({
        email,
        password: request.password,
        authMethod: request.authMethod,
        ...(request.username ? { username: request.username } : {}),
        ...(request.ewsUrl ? { ewsUrl: request.ewsUrl } : {}),
        transportOptions: await transportFor(email),
        // Only hosts the user allowed when asked (the sign-in screen names the host).
        confirmRedirect: (q) => {
          const host = q.host.toLowerCase();
          const ok = allowedHosts.has(host);
          if (ok)
            log.info(
              userHosts.has(host)
                ? 'autodiscover redirect allowed by the user'
                : 'autodiscover redirect allowed by the policy',
              { host: q.host, reason: q.reason },
            );
          return Promise.resolve(ok);
        },
        onProgress,
        onAutodiscoverAttempt: (a) => log.info('autodiscover attempt', { ...a }),
      });
      const demo = opts.demo && (await servedByDemo(email, result.account.ewsUrl));
      if (mine !== attempt) {
        await result.client.close();
        return state;
      }
      current = result.client;
      clearRetry();
      if (!opts.background) pending = null;
      log.info('signed in', {
        email: result.account.email,
        ewsUrl: result.account.ewsUrl,
        scheme: result.client.authScheme,
      });

      await forgetOtherAccounts(email);
      let vaultKind: 'os' | 'session' = deps.vault.kind;
      if (opts.remember) {
        try {
          await deps.vault.set(vaultKey(email), request.password);
        } catch (err) {
          log.warn('the vault refused the password; it is kept for this session only', { err });
          vaultKind = 'session';
        }
        const remembered: RememberedAccount = {
          email,
          authMethod: request.authMethod,
          ewsUrl: result.account.ewsUrl,
          ewsUrlGiven: givenEwsUrl,
          demo,
          displayName: result.account.displayName,
          serverVersion: result.account.serverVersion,
          ...(userHosts.size ? { allowRedirectHosts: [...userHosts] } : {}),
          ...(request.username ? { username: request.username } : {}),
        };
        await deps.accounts.save(remembered);
      } else {
        await deps.accounts.clear();
        await deps.vault.delete(vaultKey(email)).catch(() => undefined);
        vaultKind = 'session';
      }

      if (!opts.background) set({ status: 'signing-in', step: 'loading', email });
      if (deps.onSignedIn) {
        try {
          await deps.onSignedIn(result.client);
        } catch (err) {
          log.warn('loading after sign-in failed', { err }); // shown by the feature itself
        }
      }
      return set({
        status: 'signed-in',
        account: { ...result.account, demo },
        vault: vaultKind,
      });
    } catch (err) {
      const error: RosterError = toRosterError(err);
      log.warn(opts.silent ? 'silent sign-in failed' : 'sign-in failed', {
        email,
        kind: error.kind,
        code: error.code,
        // The server's own words (truncated), for the log and diagnostics only.
        serverText: serverTextOf(err),
      });
      const unreachable = error.kind === 'network' || error.kind === 'throttled' || error.kind === 'server';
      if (opts.background && unreachable && mine === attempt) {
        // Opened from the cache and the server cannot be reached: stay open, read-only, and retry.
        deps.onOffline?.();
        scheduleRetry();
        throw err;
      }
      // A failure the user asked for is answered to that call: it is not kept in the state, or the
      // next reader (a reload of the window) would show it again before any new attempt. Only a
      // silent attempt's failure (the start's sign-in with a remembered password) stays for the UI.
      if (mine === attempt)
        set(opts.silent ? { status: 'signed-out', lastError: error } : { status: 'signed-out' });
      throw err;
    }
  }

  const service: SessionService = {
    state: () => state,
    client: () => current,

    signIn: (request) =>
      connectWith(
        { ...request, authMethod: request.authMethod ?? 'auto' },
        {
          remember: request.rememberMe ?? true,
          demo: deps.demo?.owns(request.email) ?? false,
          silent: false,
        },
      ),

    async signInDemo() {
      if (!deps.demo) throw new AppError('unavailable', 'The demo is not available in this build.');
      const { email, password } = await deps.demo.account();
      return connectWith(
        { email, password, authMethod: 'auto' },
        { remember: true, demo: true, silent: false },
      );
    },

    async restore() {
      const remembered = await deps.accounts.load();
      if (!remembered) return state;
      const password = await deps.vault.get(vaultKey(remembered.email)).catch((err: unknown) => {
        log.warn('could not read the remembered password', { err });
        return null;
      });
      if (!password) return state;
      pending = {
        email: remembered.email,
        password,
        authMethod: remembered.authMethod,
        ...(remembered.username ? { username: remembered.username } : {}),
        ...(remembered.ewsUrlGiven && remembered.ewsUrl ? { ewsUrl: remembered.ewsUrl } : {}),
        ...(remembered.allowRedirectHosts ? { allowRedirectHosts: remembered.allowRedirectHosts } : {}),
      };
      pendingDemo = remembered.demo;
      // Open at once from what is cached, as Outlook does, when we know who this is; connect behind.
      const background = Boolean(remembered.displayName && remembered.ewsUrl);
      if (background) {
        set({
          status: 'signed-in',
          account: {
            email: remembered.email,
            displayName: remembered.displayName ?? remembered.email,
            ewsUrl: remembered.ewsUrl ?? '',
            serverVersion: remembered.serverVersion ?? '',
            demo: remembered.demo,
          },
          vault: deps.vault.kind,
        });
        await deps
          .onRestoring?.(remembered.email)
          .catch((err: unknown) => log.warn('showing the cache failed', { err }));
      }
      try {
        return await connectWith(pending, {
          remember: true,
          demo: remembered.demo,
          silent: true,
          background,
        });
      } catch {
        return state; // offline: still open on the cache; otherwise the sign-in screen shows lastError
      }
    },

    async reconnect() {
      if (!pending || current || state.status !== 'signed-in') return;
      clearRetry();
      await connectWith(pending, { remember: true, demo: pendingDemo, silent: true, background: true }).catch(
        () => undefined,
      );
    },

    async signOut() {
      attempt++;
      pending = null;
      clearRetry();
      const remembered = await deps.accounts.load();
      const email = state.status === 'signed-in' ? state.account.email : remembered?.email;
      await dropClient();
      if (email)
        await deps.vault
          .delete(vaultKey(email))
          .catch((err: unknown) => log.warn('vault delete failed', { err }));
      if (remembered && remembered.email !== email)
        await deps.vault.delete(vaultKey(remembered.email)).catch(() => undefined);
      // And whatever else is in the vault: accounts signed in before, in this run or an earlier one.
      await forget(await vaultAccounts());
      await deps.accounts.clear();
      await deps.clearCaches?.();
      log.info('signed out');
      return set({ status: 'signed-out' });
    },

    async trustCertificate(host, fingerprint256) {
      await deps.trust.trust(host, fingerprint256);
      log.info('certificate trusted by the user', { host, fingerprint256 });
    },

    transportOptions: (email) => transportFor(email),

    close: async () => {
      clearRetry();
      await dropClient();
    },
  };
  return service;
}
