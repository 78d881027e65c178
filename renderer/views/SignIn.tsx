import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AuthMethod,
  MAX_EMAIL,
  MAX_EWS_URL,
  MAX_PASSWORD,
  MAX_USERNAME,
  SignInRequest,
  SignInStep,
} from '../../preload/contract';
import type { RosterError } from '../../preload/contract';
import { ErrorBanner } from '../components/ErrorBanner';
import { Steps } from '../components/Steps';
import { useRoster } from '../stores';

type Field = 'email' | 'password' | 'ewsUrl' | 'username';
type FieldErrors = Partial<Record<Field, true>>;

const FIELD_ORDER: readonly Field[] = ['email', 'password', 'ewsUrl', 'username'];

function isField(value: unknown): value is Field {
  return typeof value === 'string' && (FIELD_ORDER as readonly string[]).includes(value);
}

type Props = { onOpenSettings: () => void };

export function SignIn({ onOpenSettings }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const session = useRoster((s) => s.session);
  const error = useRoster((s) => s.sessionError);
  const busy = useRoster((s) => s.sessionBusy);
  const rememberSetting = useRoster((s) => s.settings?.rememberMe);
  const noKeystore = useRoster((s) => s.appInfo?.vault === 'session');
  const appName = useRoster((s) => s.appInfo?.name) ?? t('app.name');
  const signIn = useRoster((s) => s.signIn);
  const signInDemo = useRoster((s) => s.signInDemo);
  const trustCertificate = useRoster((s) => s.trustCertificate);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [advanced, setAdvanced] = useState(false);
  const [ewsUrl, setEwsUrl] = useState('');
  const [username, setUsername] = useState('');
  const [authMethod, setAuthMethod] = useState<AuthMethod>('auto');
  const [remember, setRemember] = useState<boolean | null>(null);
  const [invalid, setInvalid] = useState<FieldErrors>({});
  /** The field to focus after the next render (the first invalid one). */
  const [focusRequest, setFocusRequest] = useState<{ field: Field } | null>(null);
  const lastAttempt = useRef<'form' | 'demo'>('form');
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ewsUrlRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  const rememberMe = remember ?? rememberSetting ?? true;
  const signingIn = busy || session?.status === 'signing-in';
  const step: SignInStep = session?.status === 'signing-in' ? session.step : 'discovering';

  // Focus the first field when the screen appears.
  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!focusRequest) return;
    const refs = { email: emailRef, password: passwordRef, ewsUrl: ewsUrlRef, username: usernameRef };
    refs[focusRequest.field].current?.focus();
  }, [focusRequest]);

  /** Hosts outside the domain the user allowed autodiscover to send the password to, this attempt. */
  const allowedHosts = useRef<string[]>([]);

  function buildRequest(): SignInRequest {
    return {
      ...(allowedHosts.current.length ? { allowRedirectHosts: allowedHosts.current } : {}),
      email: email.trim(),
      password,
      authMethod,
      rememberMe,
      ...(ewsUrl.trim() ? { ewsUrl: ewsUrl.trim() } : {}),
      ...(username.trim() ? { username: username.trim() } : {}),
    };
  }

  async function submitForm() {
    const request = buildRequest();
    const parsed = SignInRequest.safeParse(request);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isField(field)) errors[field] = true;
      }
      setInvalid(errors);
      if (errors.ewsUrl || errors.username) setAdvanced(true);
      const first = FIELD_ORDER.find((f) => errors[f]);
      // The advanced fields may only just be shown: focus after the render.
      if (first) setFocusRequest({ field: first });
      return;
    }
    setInvalid({});
    lastAttempt.current = 'form';
    await signIn(request);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submitForm();
  }

  function onDemo() {
    lastAttempt.current = 'demo';
    void signInDemo();
  }

  function onAllowRedirect(host: string) {
    allowedHosts.current = [...new Set([...allowedHosts.current, host])];
    void submitForm();
  }

  async function onTrust(certificate: NonNullable<RosterError['certificate']>) {
    const trusted = await trustCertificate(certificate);
    if (!trusted) return;
    if (lastAttempt.current === 'demo') await signInDemo();
    else await submitForm();
  }

  const describedBy = (field: Field, hint?: string) =>
    [invalid[field] ? `${id}-${field}-error` : null, hint ?? null].filter(Boolean).join(' ') || undefined;

  const fieldError = (field: Field) =>
    invalid[field] ? (
      <p id={`${id}-${field}-error`} className="field__error">
        {t(`signIn.invalid.${field}`)}
      </p>
    ) : null;

  return (
    <div className="screen screen--sign-in">
      <header className="topbar">
        <span className="topbar__title">{appName}</span>
        <button type="button" className="button button--ghost" onClick={onOpenSettings}>
          {t('main.settings')}
        </button>
      </header>
      <main className="sign-in">
        <div className="card sign-in__card">
          <h1>{t('signIn.title')}</h1>
          <p className="muted">{t('signIn.intro')}</p>

          {error && !signingIn && (
            <ErrorBanner error={error} focusOnShow>
              {error.kind === 'tls' && error.certificate && (
                <CertificateDetails
                  certificate={error.certificate}
                  onTrust={() => error.certificate && void onTrust(error.certificate)}
                />
              )}
              {error.redirect && (
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => error.redirect && onAllowRedirect(error.redirect.host)}
                >
                  {t('signIn.allowRedirect', { host: error.redirect.host })}
                </button>
              )}
            </ErrorBanner>
          )}

          <form className="form" noValidate onSubmit={onSubmit} aria-busy={signingIn}>
            <fieldset className="form__fields" disabled={signingIn}>
              <div className="field">
                <label htmlFor={`${id}-email`}>{t('signIn.email')}</label>
                <input
                  ref={emailRef}
                  id={`${id}-email`}
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  spellCheck={false}
                  maxLength={MAX_EMAIL}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  aria-invalid={invalid.email ? true : undefined}
                  aria-describedby={describedBy('email')}
                  required
                />
                {fieldError('email')}
              </div>
              <div className="field">
                <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
                <input
                  ref={passwordRef}
                  id={`${id}-password`}
                  type="password"
                  autoComplete="current-password"
                  maxLength={MAX_PASSWORD}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  aria-invalid={invalid.password ? true : undefined}
                  aria-describedby={describedBy('password')}
                  required
                />
                {fieldError('password')}
              </div>

              <div className="disclosure">
                <button
                  type="button"
                  className="disclosure__toggle"
                  aria-expanded={advanced}
                  aria-controls={`${id}-advanced`}
                  onClick={() => setAdvanced((open) => !open)}
                >
                  <span className="disclosure__chevron" aria-hidden="true" />
                  {t('signIn.advanced')}
                </button>
                <div id={`${id}-advanced`} className="disclosure__panel" hidden={!advanced}>
                  <div className="field">
                    <label htmlFor={`${id}-ewsUrl`}>{t('signIn.ewsUrl')}</label>
                    <input
                      ref={ewsUrlRef}
                      id={`${id}-ewsUrl`}
                      type="url"
                      inputMode="url"
                      spellCheck={false}
                      placeholder="https://"
                      maxLength={MAX_EWS_URL}
                      value={ewsUrl}
                      onChange={(e) => setEwsUrl(e.target.value)}
                      aria-invalid={invalid.ewsUrl ? true : undefined}
                      aria-describedby={describedBy('ewsUrl', `${id}-ewsUrl-hint`)}
                    />
                    <p id={`${id}-ewsUrl-hint`} className="field__hint">
                      {t('signIn.ewsUrlHint')}
                    </p>
                    {fieldError('ewsUrl')}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-username`}>{t('signIn.username')}</label>
                    <input
                      ref={usernameRef}
                      id={`${id}-username`}
                      type="text"
                      autoComplete="off"
                      spellCheck={false}
                      maxLength={MAX_USERNAME}
                      value={username}
                      onChange={(e) => setUsername(e.target.value)}
                      aria-invalid={invalid.username ? true : undefined}
                      aria-describedby={describedBy('username', `${id}-username-hint`)}
                    />
                    <p id={`${id}-username-hint`} className="field__hint">
                      {t('signIn.usernameHint')}
                    </p>
                    {fieldError('username')}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-auth`}>{t('signIn.authMethod')}</label>
                    <select
                      id={`${id}-auth`}
                      value={authMethod}
                      onChange={(e) => {
                        const parsed = AuthMethod.safeParse(e.target.value);
                        if (parsed.success) setAuthMethod(parsed.data);
                      }}
                    >
                      {AuthMethod.options.map((method) => (
                        <option key={method} value={method}>
                          {t(`signIn.authMethods.${method}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              </div>

              <div className="field field--checkbox">
                <input
                  id={`${id}-remember`}
                  type="checkbox"
                  checked={rememberMe}
                  onChange={(e) => setRemember(e.target.checked)}
                  aria-describedby={noKeystore ? `${id}-remember-hint` : undefined}
                />
                <label htmlFor={`${id}-remember`}>{t('signIn.rememberMe')}</label>
              </div>
              {/* Said here, before the choice, not only in a banner after signing in. */}
              {noKeystore && (
                <p id={`${id}-remember-hint`} className="field__hint">
                  {t('signIn.rememberNoKeystore')}
                </p>
              )}

              <button type="submit" className="button button--primary button--wide">
                {t('signIn.submit')}
              </button>
            </fieldset>
          </form>

          {signingIn && (
            <Steps
              label={t('signIn.progress')}
              steps={SignInStep.options}
              current={step}
              text={(s) => t(`signIn.steps.${s}`)}
              doneText={t('signIn.stepDone')}
            />
          )}

          <div className="sign-in__demo">
            <p className="divider">
              <span>{t('signIn.or')}</span>
            </p>
            <button
              type="button"
              className="button button--secondary button--wide"
              onClick={onDemo}
              disabled={signingIn}
              aria-describedby={`${id}-demo-hint`}
            >
              {t('signIn.demo')}
            </button>
            <p id={`${id}-demo-hint`} className="field__hint">
              {t('signIn.demoHint')}
            </p>
          </div>
        </div>
      </main>
    </div>
  );
}

function CertificateDetails({
  certificate,
  onTrust,
}: {
  certificate: NonNullable<RosterError['certificate']>;
  onTrust: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="certificate">
      <dl className="certificate__facts">
        <dt>{t('errors.tls.host')}</dt>
        <dd>{certificate.host}</dd>
        {certificate.subject && (
          <>
            <dt>{t('errors.tls.subject')}</dt>
            <dd>{certificate.subject}</dd>
          </>
        )}
        <dt>{t('errors.tls.fingerprint')}</dt>
        <dd className="certificate__fingerprint">{certificate.fingerprint256}</dd>
      </dl>
      <button type="button" className="button button--danger" onClick={onTrust}>
        {t('signIn.trust')}
      </button>
    </div>
  );
}
