import { useTranslation } from 'react-i18next';

/** Shown instead of the app when window.roster is missing (no preload, no web bridge). */
export function MissingBridge() {
  const { t } = useTranslation();
  return (
    <main className="splash splash--error">
      <div className="card" role="alert">
        <h1>{t('bridge.title')}</h1>
        <p>{t('bridge.body')}</p>
        <p className="muted">{t('bridge.hint')}</p>
      </div>
    </main>
  );
}
