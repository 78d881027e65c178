import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoster } from '../stores';

/** How long a "free now" notice stays when nobody dismisses it. */
const TOAST_MS = 60_000;

/**
 * "Tell me when free" notices inside the window, announced politely to screen readers. In the
 * web shell they are the only notice; in Electron a system notification is shown as well.
 */
export function PresenceToasts() {
  const { t } = useTranslation();
  const toasts = useRoster((s) => s.presenceToasts);
  const dismiss = useRoster((s) => s.dismissPresenceToast);

  useEffect(() => {
    if (toasts.length === 0) return;
    const timers = toasts.map((a) => setTimeout(() => dismiss(a), TOAST_MS));
    return () => timers.forEach(clearTimeout);
  }, [toasts, dismiss]);

  return (
    <section className="toasts" aria-label={t('presence.alert.region')} aria-live="polite">
      {toasts.map((a) => (
        <div key={`${a.email}-${a.at}`} className="toast" role="status">
          <p className="toast__title">{t('presence.alert.title', { name: a.displayName })}</p>
          <button type="button" className="button button--ghost" onClick={() => dismiss(a)}>
            {t('presence.alert.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
