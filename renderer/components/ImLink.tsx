import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * How long to wait for another app to take over after a sip: link is followed. A registered
 * handler (Skype for Business, Teams, Lync) takes the focus away from the window; a browser with
 * no handler for the scheme does nothing at all, and says nothing.
 */
export const HANDLER_WAIT_MS = 1500;

type Props = { address: string; className?: string; children: ReactNode };

/**
 * A sip: link that notices when nothing on this computer opens it (the web shell, a machine
 * without Lync or Teams) and then says so, offering to copy the address instead.
 */
export function ImLink({ address, className, children }: Props) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  function onClick() {
    cleanup.current?.();
    setMissing(false);
    setCopied(null);
    let handled = false;
    const onAway = () => {
      handled = true;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') handled = true;
    };
    window.addEventListener('blur', onAway);
    document.addEventListener('visibilitychange', onVisibility);
    const timer = window.setTimeout(() => {
      stop();
      if (!handled) setMissing(true);
    }, HANDLER_WAIT_MS);
    function stop() {
      window.clearTimeout(timer);
      window.removeEventListener('blur', onAway);
      document.removeEventListener('visibilitychange', onVisibility);
      cleanup.current = null;
    }
    cleanup.current = stop;
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <>
      <a className={className} href={`sip:${address}`} onClick={onClick}>
        {children}
      </a>
      {missing && (
        <span className="im-fallback" role="status">
          <span>{t('contacts.card.noImApp', { address })}</span>{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void copy()}
          >
            {t('contacts.card.copyAddress')}
          </button>{' '}
          {copied && (
            <span className="muted">
              {copied === 'yes' ? t('contacts.card.copied') : t('contacts.card.copyFailed')}
            </span>
          )}
        </span>
      )}
    </>
  );
}
