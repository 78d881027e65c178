import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoster } from '../stores';

/**
 * Shown on every screen once the bridge has lost main for good (the web shell stopped): the
 * window's data may be stale and every action will fail, so it says so and offers a reload.
 */
export function ConnectionLost() {
  const { t } = useTranslation();
  const id = useId();
  const lost = useRoster((s) => s.connectionLost);
  if (!lost) return null;
  return (
    <div className="banner banner--error banner--connection" role="alert" aria-labelledby={`${id}-text`}>
      <p id={`${id}-text`} className="banner__body">
        {t('app.connectionLost')}
      </p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}
