import { describe, expect, it, vi } from 'vitest';
import { createSessionService, type DemoProvider, type SessionDeps } from '../../../../main/services/session';
import { createMemoryVault } from '../../../../main/secrets/memory';
import { openAccountStore, openTrustStore } from '../../../../main/store/account';
import { createLogger } from '../../../../main/log/logger';
import { EwsError, errorFromResponseCode, toRosterError } from '../../../../main/exchange/errors';
import type { ExchangeClient, SignInOptions, SignInResult } from '../../../../main/exchange/client';
import type { SessionState } from '../../../../preload/contract';

const PASSWORD = 'Corr3ct-Horse';

const closed: string[] = [];
function fakeClient(email: string): ExchangeClient {
  const close = (): Promise<void> => {
    closed.push(email);
    return Promise.resolve();
  };
  return {
    email,
    ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
    authScheme: 'NTLM',
    close,
  } as unknown as ExchangeClient;
}

function setup(overrides: Partial<SessionDeps> = {}) {
  const states: SessionState[] = [];
  const connect = vi.fn((o: SignInOptions): Promise<SignInResult> => {
    o.onProgress?.('discovering');
    o.onProgress?.('authenticating');
    if (o.password !== PASSWORD)
      return Promise.reject(
        new EwsError('auth', 'The user name or password is incorrect.', { httpStatus: 401 }),
      );
    return Promise.resolve({
      client: fakeClient(o.email),
      account: {
        email: o.email,
        displayName: 'Alice Martin',
        ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
        serverVersion: '15.1.2507.6',
      },
    });
  });
  const deps: SessionDeps = {
    vault: createMemoryVault(),
    accounts: openAccountStore(null),
    trust: openTrustStore(null),
    log: createLogger(),
    connect,
    onChange: (s) => states.push(s),
    ...overrides,
  };
  return { deps, states, connect, session: createSessionService(deps) };
}

describe('session', () => {
  it('signs in with visible steps and remembers the password in the vault only', async () => {
    const { session, states, deps } = setup();
    const final = await session.signIn({ email: 'alice@contoso.test', password: PASSWORD });
    expect(final).toMatchObject({
      status: 'signed-in',
      account: { displayName: 'Alice Martin', demo: false },
      vault: 'session',
    });
    expect(states.map((s) => (s.status === 'signing-in' ? s.step : s.status))).toEqual([
      'discovering',
      'authenticating',
      'loading',
      'signed-in',
    ]);
    expect(await deps.vault.get('alice@contoso.test')).toBe(PASSWORD);
    const remembered = await deps.accounts.load();
    expect(remembered).toMatchObject({ email: 'alice@contoso.test', authMethod: 'auto', ewsUrlGiven: false });
    expect(JSON.stringify(remembered)).not.toContain(PASSWORD);
  });

  it('names a wrong password and stays signed out, remembering nothing', async () => {
    const { session, states, deps } = setup();
    await expect(session.signIn({ email: 'alice@contoso.test', password: 'nope' })).rejects.toMatchObject({
      kind: 'auth',
    });
    // The error went back to the call that asked; the state keeps none, so a reload of the window
    // (a new reader) does not show it again before any new attempt.
    expect(states.at(-1)).toEqual({ status: 'signed-out' });
    expect(session.state()).toEqual({ status: 'signed-out' });
    expect(await deps.accounts.load()).toBeNull();
    expect(await deps.vault.get('alice@contoso.test')).toBeNull();
  });

  it("shows our words for a server's error and keeps the server's text, cut short, in the log only", async () => {
    const huge = `SERVER-TEXT ${'x'.repeat(5 * 1024 * 1024)}`;
    const { session, states, deps } = setup({
      connect: () => Promise.reject(errorFromResponseCode('ErrorInternalServerError', huge)),
    });
    const thrown: unknown = await session
      .signIn({ email: 'alice@contoso.test', password: PASSWORD })
      .catch((err: unknown) => err);
    expect(thrown).toMatchObject({ kind: 'server' });
    expect(states.at(-1)?.status).toBe('signed-out');
    // What the router sends back to the window.
    const shown = JSON.stringify(toRosterError(thrown));
    expect(shown).not.toContain('SERVER-TEXT');
    expect(shown.length).toBeLessThan(500);
    const logged = deps.log.recent().find((e) => e.msg === 'sign-in failed');
    expect(logged?.data).toMatchObject({ code: 'ErrorInternalServerError' });
    const text = (logged?.data as { serverText?: string }).serverText;
    expect(text?.startsWith('SERVER-TEXT xxx')).toBe(true);
    expect(text?.length).toBeLessThanOrEqual(501);
  });

  it('signs in silently at the next start from the remembered account and the vault', async () => {
    const first = setup();
    await first.session.signIn({
      email: 'alice@contoso.test',
      password: PASSWORD,
      username: 'CONTOSO\\alice',
      authMethod: 'ntlm',
    });
    const second = setup({ vault: first.deps.vault, accounts: first.deps.accounts });
    const restored = await second.session.restore();
    expect(restored.status).toBe('signed-in');
    expect(second.connect).toHaveBeenCalledWith(
      expect.objectContaining({
        email: 'alice@contoso.test',
        password: PASSWORD,
        username: 'CONTOSO\\alice',
        authMethod: 'ntlm',
      }),
    );
  });

  it('does not remember when asked not to, and restore then does nothing', async () => {
    const first = setup();
    await first.session.signIn({ email: 'alice@contoso.test', password: PASSWORD, rememberMe: false });
    expect(first.session.state()).toMatchObject({ status: 'signed-in', vault: 'session' });
    const second = setup({ vault: first.deps.vault, accounts: first.deps.accounts });
    expect((await second.session.restore()).status).toBe('signed-out');
    expect(second.connect).not.toHaveBeenCalled();
  });

  it('sign-out forgets the password, the account and the caches, and closes the client', async () => {
    const clearCaches = vi.fn(() => Promise.resolve());
    const { session, deps } = setup({ clearCaches });
    await session.signIn({ email: 'alice@contoso.test', password: PASSWORD });
    closed.length = 0;
    expect((await session.signOut()).status).toBe('signed-out');
    expect(await deps.vault.get('alice@contoso.test')).toBeNull();
    expect(await deps.accounts.load()).toBeNull();
    expect(clearCaches).toHaveBeenCalled();
    expect(closed).toEqual(['alice@contoso.test']);
    expect(session.client()).toBeNull();
  });

  it('falls back to this session only when the vault refuses, and says so', async () => {
    const vault = createMemoryVault();
    vault.set = () => Promise.reject(new Error('keyring locked'));
    const { session } = setup({ vault: Object.assign(vault, { kind: 'os' as const }) });
    expect(await session.signIn({ email: 'alice@contoso.test', password: PASSWORD })).toMatchObject({
      vault: 'session',
    });
  });

  it('a demo-domain address signed in with a password to another server is not a demo account', async () => {
    const demo: DemoProvider = {
      owns: (e) => e.endsWith('@contoso.test'),
      transportOptions: () =>
        Promise.resolve({
          resolve: { 'mail.contoso.test': { host: '127.0.0.1', port: 8443 } },
          ca: 'DEMO-PEM',
        }),
      account: () => Promise.resolve({ email: 'alice@contoso.test', password: PASSWORD }),
    };
    const { session, connect, deps } = setup({ demo });
    // `npm run exchange` on its own, its EWS URL typed in Advanced: the same domain, not the demo.
    connect.mockImplementationOnce((o) =>
      Promise.resolve({
        client: fakeClient(o.email),
        account: {
          email: o.email,
          displayName: 'Alice Martin',
          ewsUrl: 'https://127.0.0.1:8443/EWS/Exchange.asmx',
          serverVersion: '15.1.2507.6',
        },
      }),
    );
    const state = await session.signIn({
      email: 'alice@contoso.test',
      password: PASSWORD,
      ewsUrl: 'https://127.0.0.1:8443/EWS/Exchange.asmx',
    });
    expect(state).toMatchObject({ status: 'signed-in', account: { demo: false } });
    expect(await deps.accounts.load()).toMatchObject({ demo: false });
    // Through the demo's own names, it is the demo.
    expect(await session.signIn({ email: 'alice@contoso.test', password: PASSWORD })).toMatchObject({
      account: { demo: true },
    });
  });

  it('passes trusted certificates and the demo routes to the connection, and tells a demo account apart', async () => {
    const demo: DemoProvider = {
      owns: (e) => e.endsWith('@contoso.test'),
      transportOptions: () =>
        Promise.resolve({
          resolve: {
            'contoso.test': { host: '127.0.0.1', port: 8443 },
            'mail.contoso.test': { host: '127.0.0.1', port: 8443 },
          },
          ca: 'DEMO-PEM',
        }),
      account: () => Promise.resolve({ email: 'alice@contoso.test', password: PASSWORD }),
    };
    const { session, connect } = setup({ demo });
    await session.trustCertificate('mail.example.com', 'AB:CD');
    const state = await session.signInDemo();
    expect(state).toMatchObject({ status: 'signed-in', account: { demo: true } });
    const options = connect.mock.calls[0]![0];
    expect(options.transportOptions).toMatchObject({
      resolve: { 'contoso.test': { host: '127.0.0.1', port: 8443 } },
      ca: ['DEMO-PEM'],
      pinnedCertificates: { 'mail.example.com': ['AB:CD'] },
    });
  });

  it('sends the password to a host outside the domain only once the user allows that host', async () => {
    const OUTSIDE = {
      host: 'autodiscover.hosting.example',
      url: 'https://autodiscover.hosting.example/autodiscover/autodiscover.xml',
      reason: 'redirect-url' as const,
    };
    const { session, deps } = setup({
      connect: async (o) => {
        if (!(await o.confirmRedirect?.(OUTSIDE))) {
          throw new EwsError('auth', 'Autodiscover pointed outside contoso.test.', {
            code: 'AutodiscoverRedirectRefused',
            redirectHost: OUTSIDE.host,
          });
        }
        return {
          client: fakeClient(o.email),
          account: {
            email: o.email,
            displayName: 'Alice Martin',
            ewsUrl: 'https://mail.hosting.example/EWS/Exchange.asmx',
            serverVersion: '15.1',
          },
        };
      },
    });
    await expect(session.signIn({ email: 'alice@contoso.test', password: PASSWORD })).rejects.toMatchObject({
      code: 'AutodiscoverRedirectRefused',
    });
    expect(session.state()).toEqual({ status: 'signed-out' });
    const ok = await session.signIn({
      email: 'alice@contoso.test',
      password: PASSWORD,
      allowRedirectHosts: ['Autodiscover.Hosting.example'],
    });
    expect(ok.status).toBe('signed-in');
    // Remembered, so the next start's silent sign-in does not stop at the same question.
    expect(await deps.accounts.load()).toMatchObject({
      allowRedirectHosts: ['autodiscover.hosting.example'],
    });
  });

  describe('the next start, opened from the cache', () => {
    async function remembered() {
      const first = setup();
      await first.session.signIn({ email: 'alice@contoso.test', password: PASSWORD });
      return first.deps;
    }

    it('is signed in at once with the remembered name and shows the cache before the server answers', async () => {
      const deps = await remembered();
      let answer: (r: SignInResult) => void = () => undefined;
      const order: string[] = [];
      const { session, states } = setup({
        vault: deps.vault,
        accounts: deps.accounts,
        onRestoring: (email) => Promise.resolve(void order.push(`cache ${email}`)),
        onSignedIn: () => Promise.resolve(void order.push('connected')),
        connect: (o) => {
          order.push('connecting');
          return new Promise((resolve) => {
            answer = (r) => resolve(r);
            void o;
          });
        },
      });
      const restoring = session.restore();
      await expect.poll(() => order).toEqual(['cache alice@contoso.test', 'connecting']);
      expect(session.state()).toMatchObject({
        status: 'signed-in',
        account: { displayName: 'Alice Martin' },
      });
      expect(states.some((st) => st.status === 'signing-in')).toBe(false);
      answer({
        client: fakeClient('alice@contoso.test'),
        account: {
          email: 'alice@contoso.test',
          displayName: 'Alice Martin',
          ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
          serverVersion: '15.1',
        },
      });
      await restoring;
      expect(order).toEqual(['cache alice@contoso.test', 'connecting', 'connected']);
      expect(session.client()).not.toBeNull();
    });

    it('stays open read-only when the server cannot be reached, and connects when it comes back', async () => {
      const deps = await remembered();
      let reachable = false;
      const onOffline = vi.fn();
      const { session } = setup({
        vault: deps.vault,
        accounts: deps.accounts,
        onOffline,
        retryOfflineMs: 20,
        connect: (o) =>
          reachable
            ? Promise.resolve({
                client: fakeClient(o.email),
                account: {
                  email: o.email,
                  displayName: 'Alice Martin',
                  ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
                  serverVersion: '15.1',
                },
              })
            : Promise.reject(
                new EwsError('network', 'Exchange cannot be reached.', { code: 'ECONNREFUSED' }),
              ),
      });
      expect((await session.restore()).status).toBe('signed-in');
      expect(onOffline).toHaveBeenCalled();
      expect(session.client()).toBeNull();
      reachable = true;
      await expect.poll(() => session.client() !== null, { timeout: 2000 }).toBe(true);
      await session.close();
    });

    it('goes to the sign-in screen, naming the problem, when the remembered password no longer works', async () => {
      const deps = await remembered();
      const { session } = setup({
        vault: deps.vault,
        accounts: deps.accounts,
        connect: () =>
          Promise.reject(
            new EwsError('auth', 'The user name or password is incorrect.', { httpStatus: 401 }),
          ),
      });
      expect(await session.restore()).toMatchObject({ status: 'signed-out', lastError: { kind: 'auth' } });
    });
  });
});

describe('session: the organisation’s policy', () => {
  const policy = {
    ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
    authMethod: 'ntlm' as const,
    allowRedirectHosts: ['Autodiscover.Hosting.example'],
  };

  it('signs in to the policy’s server with its method, whatever the form said', async () => {
    const { session, connect, deps } = setup({ policy: () => policy });
    await session.signIn({
      email: 'alice@contoso.test',
      password: PASSWORD,
      ewsUrl: 'https://elsewhere.example/EWS/Exchange.asmx',
      authMethod: 'basic',
    });
    expect(connect.mock.calls[0]?.[0]).toMatchObject({ ewsUrl: policy.ewsUrl, authMethod: 'ntlm' });
    await session.signIn({ email: 'alice@contoso.test', password: PASSWORD });
    expect(connect.mock.calls[1]?.[0]).toMatchObject({ ewsUrl: policy.ewsUrl });
    // Remembered as not typed by the user: a later policy without a server goes back to autodiscover.
    expect(await deps.accounts.load()).toMatchObject({ ewsUrlGiven: false });
  });

  it('lets autodiscover send the password to the policy’s redirect hosts without asking', async () => {
    const { session, connect } = setup({ policy: () => ({ allowRedirectHosts: policy.allowRedirectHosts }) });
    await session.signIn({ email: 'alice@contoso.test', password: PASSWORD });
    const ask = connect.mock.calls[0]?.[0].confirmRedirect;
    expect(ask).toBeDefined();
    await expect(
      ask?.({ host: 'autodiscover.hosting.example', url: 'https://x', reason: 'srv' }),
    ).resolves.toBe(true);
    await expect(ask?.({ host: 'evil.example', url: 'https://x', reason: 'srv' })).resolves.toBe(false);
  });

  it('leaves the built-in demo alone', async () => {
    const demo: DemoProvider = {
      owns: () => true,
      transportOptions: () => Promise.resolve({}),
      account: () => Promise.resolve({ email: 'alice@contoso.test', password: PASSWORD }),
    };
    const { session, connect } = setup({ policy: () => policy, demo });
    await session.signInDemo();
    expect(connect.mock.calls[0]?.[0].ewsUrl).toBeUndefined();
  });
});
