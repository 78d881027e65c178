import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result, RosterError, SessionState } from '../../../preload/contract';
import { App } from '../../../renderer/App';
import { appInfo, createFakeRoster, deferred, fail, ok, workAccount } from './fake-roster';
import { fromMain, renderApp } from './render';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0'),
).join(':');

async function signInScreen(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp(options);
  await screen.findByRole('heading', { name: 'Sign in to Exchange' });
  return rendered;
}

function fillAndSubmit(email = 'jean.dupont@fabrikam.example', password = 'correct horse') {
  fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

function failingWith(error: RosterError) {
  return () => Promise.resolve(fail<SessionState>(error));
}

describe('sign-in screen', () => {
  it('moves focus to the e-mail field when it appears', async () => {
    await signInScreen();
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail address'));
  });

  it('submits the entered values, advanced ones included, and shows each step', async () => {
    const answer = deferred<Result<SessionState>>();
    const { roster } = await signInScreen({ signIn: () => answer.promise });

    fireEvent.click(screen.getByRole('button', { name: 'Advanced' }));
    expect(screen.getByRole('button', { name: 'Advanced' }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.change(screen.getByLabelText('Server URL (EWS)'), {
      target: { value: 'https://mail.fabrikam.example/EWS/Exchange.asmx' },
    });
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'FABRIKAM\\jdupont' } });
    fireEvent.change(screen.getByLabelText('Sign-in method'), { target: { value: 'ntlm' } });
    fireEvent.click(screen.getByLabelText('Remember me'));
    fillAndSubmit();

    expect(roster.api.signIn).toHaveBeenCalledWith({
      email: 'jean.dupont@fabrikam.example',
      password: 'correct horse',
      ewsUrl: 'https://mail.fabrikam.example/EWS/Exchange.asmx',
      username: 'FABRIKAM\\jdupont',
      authMethod: 'ntlm',
      rememberMe: false,
    });

    const progress = await screen.findByRole('list', { name: 'Sign-in progress' });
    expect(progress.getAttribute('aria-live')).toBe('polite');
    expect(within(progress).getByText('Finding your server…')).toBeTruthy();

    const email = 'jean.dupont@fabrikam.example';
    await fromMain(() => roster.setSession({ status: 'signing-in', step: 'authenticating', email }));
    expect(within(progress).getByText('Signing in…')).toBeTruthy();
    await fromMain(() => roster.setSession({ status: 'signing-in', step: 'loading', email }));
    expect(within(progress).getByText('Loading contacts…')).toBeTruthy();

    await act(async () => {
      answer.resolve(ok(roster.setSession({ status: 'signed-in', account: workAccount, vault: 'os' })));
      await answer.promise;
    });
    expect(await screen.findByText('Jean Dupont')).toBeTruthy();
  });

  it('sends only e-mail, password and defaults when Advanced is left alone', async () => {
    const { roster } = await signInScreen();
    fillAndSubmit('ada@contoso.example', 'pw');
    expect(roster.api.signIn).toHaveBeenCalledWith({
      email: 'ada@contoso.example',
      password: 'pw',
      authMethod: 'auto',
      rememberMe: true,
    });
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('explains invalid fields next to them without calling main, focusing the first', async () => {
    const { roster } = await signInScreen();
    fillAndSubmit('not-an-address', '');
    expect(roster.api.signIn).not.toHaveBeenCalled();
    expect(screen.getByText('Enter your e-mail address, like name@example.com.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    const email = screen.getByLabelText('E-mail address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
  });

  it('opens Advanced and points at a server URL that is not http(s)', async () => {
    const { roster } = await signInScreen();
    fireEvent.click(screen.getByRole('button', { name: 'Advanced' }));
    fireEvent.change(screen.getByLabelText('Server URL (EWS)'), { target: { value: 'ftp://mail.example' } });
    fillAndSubmit();
    expect(roster.api.signIn).not.toHaveBeenCalled();
    expect(screen.getByText('Enter a full address that starts with https://')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Server URL (EWS)'));
  });

  it('the demo button signs in to the demo', async () => {
    const { roster } = await signInScreen();
    fireEvent.click(screen.getByRole('button', { name: 'Try the demo' }));
    expect(roster.api.signInDemo).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();
    expect(screen.getByText('Demo')).toBeTruthy();
  });

  describe('names each failure in words a user can act on, and focuses it', () => {
    const cases: Array<[string, RosterError, string, string]> = [
      [
        'auth',
        { kind: 'auth', message: 'The user name or password is incorrect.', code: '401' },
        'Wrong e-mail address or password',
        'Check them and try again.',
      ],
      [
        'network ENOTFOUND',
        {
          kind: 'network',
          message: 'getaddrinfo ENOTFOUND autodiscover.fabrikam.example',
          code: 'ENOTFOUND',
        },
        'We couldn’t find your server',
        'enter it under Advanced',
      ],
      [
        'autodiscover failure',
        { kind: 'not-found', message: 'Autodiscover found no server.', code: 'AutodiscoverFailed' },
        'We couldn’t find your server',
        'Check your e-mail address.',
      ],
      [
        'network refused',
        { kind: 'network', message: 'connect ECONNREFUSED 10.0.0.1:443', code: 'ECONNREFUSED' },
        'Can’t reach the server',
        'The server didn’t answer.',
      ],
      [
        'no network',
        { kind: 'network', message: 'network is unreachable', code: 'ENETUNREACH' },
        'No network connection',
        'Connect to a network',
      ],
      [
        'throttled',
        { kind: 'throttled', message: 'The server is busy.', code: 'ErrorServerBusy', retryAfterMs: 30_000 },
        'The server is busy',
        'Please wait 30 seconds, then try again.',
      ],
      [
        'throttled without a wait',
        { kind: 'throttled', message: 'The server is busy.' },
        'The server is busy',
        'Please wait a moment, then try again.',
      ],
      [
        'no mailbox',
        { kind: 'not-found', message: 'No mailbox.', code: 'ErrorNonExistentMailbox' },
        'No mailbox for this address',
        'Check it and try again.',
      ],
      [
        'server',
        { kind: 'server', message: 'ErrorInternalServerError', code: 'ErrorInternalServerError' },
        'The server reported a problem',
        'Details: ErrorInternalServerError',
      ],
      [
        'bad-input',
        { kind: 'bad-input', message: 'email: invalid' },
        'Some details aren’t valid',
        'Check what you entered',
      ],
      [
        'unavailable',
        { kind: 'unavailable', message: 'Not in this shell.' },
        'Not available',
        'This isn’t available right now.',
      ],
    ];

    it.each(cases)('%s', async (_name, error, title, body) => {
      await signInScreen({ signIn: failingWith(error) });
      fillAndSubmit();
      const alert = await screen.findByRole('alert');
      expect(within(alert).getByText(title)).toBeTruthy();
      expect(alert.textContent).toContain(body);
      expect(document.activeElement).toBe(alert);
      // The form is usable again.
      expect(screen.getByRole('button', { name: 'Sign in' }).closest('fieldset')?.disabled).toBe(false);
    });

    it("an attempt's failure stays shown when main's signed-out push arrives after the answer", async () => {
      const { roster } = await signInScreen({
        signIn: failingWith({ kind: 'auth', message: 'The user name or password is incorrect.' }),
      });
      fillAndSubmit();
      expect(await screen.findByText('Wrong e-mail address or password')).toBeTruthy();
      await fromMain(() => roster.setSession({ status: 'signed-out' }));
      expect(screen.getByText('Wrong e-mail address or password')).toBeTruthy();
    });

    it('a failure main pushes as lastError on the session stream shows too', async () => {
      const { roster } = await signInScreen();
      await fromMain(() =>
        roster.setSession({
          status: 'signed-out',
          lastError: { kind: 'auth', message: 'Remembered password expired.' },
        }),
      );
      expect(await screen.findByText('Wrong e-mail address or password')).toBeTruthy();
    });
  });

  it('an untrusted certificate shows its host and fingerprint; trusting it calls main and retries', async () => {
    const tls: RosterError = {
      kind: 'tls',
      message: 'self-signed certificate',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      certificate: {
        host: 'mail.fabrikam.example',
        fingerprint256: FINGERPRINT,
        subject: 'CN=mail.fabrikam.example',
      },
    };
    let attempts = 0;
    const { roster } = await signInScreen({
      signIn: () => {
        attempts += 1;
        return Promise.resolve(
          attempts === 1
            ? fail<SessionState>(tls)
            : ok<SessionState>({ status: 'signed-in', account: workAccount, vault: 'os' }),
        );
      },
    });
    fillAndSubmit();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This server’s certificate isn’t trusted')).toBeTruthy();
    expect(within(alert).getAllByText('mail.fabrikam.example').length).toBeGreaterThan(0);
    expect(within(alert).getByText(FINGERPRINT)).toBeTruthy();
    expect(roster.api.trustCertificate).not.toHaveBeenCalled();

    fireEvent.click(within(alert).getByRole('button', { name: 'Trust this certificate and retry' }));
    expect(await screen.findByText('Jean Dupont')).toBeTruthy();
    expect(roster.api.trustCertificate).toHaveBeenCalledWith({
      host: 'mail.fabrikam.example',
      fingerprint256: FINGERPRINT,
    });
    expect(roster.api.signIn).toHaveBeenCalledTimes(2);
    expect(roster.api.signIn.mock.calls[1]?.[0]).toMatchObject({ email: 'jean.dupont@fabrikam.example' });
  });

  it('autodiscover pointing outside the domain names the host; the password goes there only once allowed', async () => {
    const redirect: RosterError = {
      kind: 'auth',
      message: 'Autodiscover pointed to autodiscover.hosting.example, outside fabrikam.example.',
      code: 'AutodiscoverRedirectRefused',
      redirect: { host: 'autodiscover.hosting.example' },
    };
    let attempts = 0;
    const { roster } = await signInScreen({
      signIn: () => {
        attempts += 1;
        return Promise.resolve(
          attempts === 1
            ? fail<SessionState>(redirect)
            : ok<SessionState>({ status: 'signed-in', account: workAccount, vault: 'os' }),
        );
      },
    });
    fillAndSubmit();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your settings are on another server')).toBeTruthy();
    expect(within(alert).getByText(/autodiscover\.hosting\.example, which is outside/)).toBeTruthy();
    expect(roster.api.signIn.mock.calls[0]?.[0]).not.toHaveProperty('allowRedirectHosts');

    fireEvent.click(
      within(alert).getByRole('button', { name: 'Allow autodiscover.hosting.example and retry' }),
    );
    expect(await screen.findByText('Jean Dupont')).toBeTruthy();
    expect(roster.api.signIn.mock.calls[1]?.[0]).toMatchObject({
      email: 'jean.dupont@fabrikam.example',
      allowRedirectHosts: ['autodiscover.hosting.example'],
    });
  });

  it('a rejected bridge call becomes an error on screen, not a crash', async () => {
    await signInScreen({ signIn: () => Promise.reject(new Error('socket closed')) });
    fillAndSubmit();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not available')).toBeTruthy();
  });

  it('says at “Remember me”, before signing in, when there is no keystore to remember the password in', async () => {
    const roster = createFakeRoster();
    roster.api.getAppInfo.mockResolvedValue(ok({ ...appInfo, vault: 'session' }));
    render(<App api={roster.api} />);
    await screen.findByRole('heading', { name: 'Sign in to Exchange' });
    const remember = screen.getByLabelText('Remember me');
    await waitFor(() =>
      expect(document.getElementById(remember.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'This system has no keystore: your password can be kept only until you quit, so you will sign in again next time.',
      ),
    );
  });

  it('says nothing more at “Remember me” when the system keystore keeps the password', async () => {
    const roster = createFakeRoster();
    roster.api.getAppInfo.mockResolvedValue(ok({ ...appInfo, vault: 'os' }));
    render(<App api={roster.api} />);
    await screen.findByRole('heading', { name: 'Sign in to Exchange' });
    await waitFor(() => expect(roster.api.getAppInfo).toHaveBeenCalled());
    expect(screen.getByLabelText('Remember me').getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByText(/no keystore/)).toBeNull();
  });
});
