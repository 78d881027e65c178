import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Language, Theme } from '../../preload/contract';
import { Dialog } from '../components/Dialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { Spinner } from '../components/Spinner';
import type { RosterError } from '../../preload/contract';
import { useRoster, useRosterStore } from '../stores';
import { FeaturesSection, HelpSection } from './Features';

type Props = { onClose: () => void };

/** Settings dialog: every change applies at once and is persisted by main (updateSettings). */
export function Settings({ onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useRoster((s) => s.settings);
  const error = useRoster((s) => s.settingsError);
  const appInfo = useRoster((s) => s.appInfo);
  const update = useRoster((s) => s.updateSettings);
  const reload = useRoster((s) => s.loadSettings);

  return (
    <Dialog title={t('settings.title')} closeLabel={t('settings.close')} onClose={onClose}>
      {error && <ErrorBanner error={error} />}
      {settings ? (
        <form className="form" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('settings.language')}</label>
            <select
              id={`${id}-language`}
              value={settings.language}
              onChange={(e) => {
                const parsed = Language.safeParse(e.target.value);
                if (parsed.success) void update({ language: parsed.data });
              }}
            >
              {Language.options.map((language) => (
                <option key={language} value={language} lang={language === 'system' ? undefined : language}>
                  {t(`settings.languages.${language}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-theme`}>{t('settings.theme')}</label>
            <select
              id={`${id}-theme`}
              value={settings.theme}
              onChange={(e) => {
                const parsed = Theme.safeParse(e.target.value);
                if (parsed.success) void update({ theme: parsed.data });
              }}
            >
              {Theme.options.map((theme) => (
                <option key={theme} value={theme}>
                  {t(`settings.themes.${theme}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--checkbox">
            <input
              id={`${id}-photos`}
              type="checkbox"
              checked={settings.showPhotos}
              onChange={(e) => void update({ showPhotos: e.target.checked })}
            />
            <label htmlFor={`${id}-photos`}>{t('settings.showPhotos')}</label>
          </div>
          <div className="field field--checkbox">
            <input
              id={`${id}-remember`}
              type="checkbox"
              checked={settings.rememberMe}
              aria-describedby={`${id}-remember-hint`}
              onChange={(e) => void update({ rememberMe: e.target.checked })}
            />
            <label htmlFor={`${id}-remember`}>{t('settings.rememberMe')}</label>
            <p id={`${id}-remember-hint`} className="field__hint">
              {t('settings.rememberMeHint')}
            </p>
          </div>
        </form>
      ) : !error ? (
        <p className="settings__loading">
          <Spinner />
        </p>
      ) : (
        <div className="settings__failed">
          <p>{t('settings.loadFailed')}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>
            {t('settings.retry')}
          </button>
        </div>
      )}
      <FeaturesSection />
      <HelpSection />
      <ResetDemo onDone={onClose} />
      {appInfo && (
        <p className="muted settings__version">
          {t('settings.version', { name: appInfo.name, version: appInfo.version })}
        </p>
      )}
    </Dialog>
  );
}

/**
 * "Reset the demo…" (issue 20 item 18), only when signed in to the demo: asks first, in place,
 * then main undoes every demo edit and signs in to the demo again.
 */
function ResetDemo({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const isDemo = useRoster((s) => s.session?.status === 'signed-in' && s.session.account.demo);
  const busy = useRoster((s) => s.sessionBusy);
  const reset = useRoster((s) => s.resetDemo);
  const store = useRosterStore();
  const [asking, setAsking] = useState(false);
  const [failed, setFailed] = useState<RosterError | null>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question: to "Reset the demo" when asked, back to "Reset the demo…" on Cancel.
  useEffect(() => {
    if (asking) yesRef.current?.focus();
    else if (asked.current) askRef.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!isDemo) return null;
  return (
    <section className="settings__demo" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="settings__section-title">
        {t('settings.demo')}
      </h3>
      {!asking ? (
        <button
          ref={askRef}
          type="button"
          className="button button--secondary"
          onClick={() => setAsking(true)}
        >
          {t('settings.resetDemo')}
        </button>
      ) : (
        <div role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('settings.resetDemoConfirm')}</p>
          {failed && <ErrorBanner error={failed} />}
          <div className="settings__demo-actions">
            <button
              ref={yesRef}
              type="button"
              className="button button--danger"
              disabled={busy}
              aria-busy={busy || undefined}
              onClick={() => {
                setFailed(null);
                void reset().then((ok) => {
                  if (ok) onDone();
                  else setFailed(store.getState().sessionError);
                });
              }}
            >
              {busy ? t('settings.resetDemoBusy') : t('settings.resetDemoYes')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => setAsking(false)}
            >
              {t('settings.resetDemoNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
