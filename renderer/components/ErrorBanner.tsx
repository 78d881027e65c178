import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterError } from '../../preload/contract';
import { describeError } from '../errors';

type Props = {
  error: RosterError;
  /** Move keyboard focus to the banner when it appears (sign-in screen). */
  focusOnShow?: boolean;
  /** Extra content below the message (e.g. the certificate details and the trust button). */
  children?: ReactNode;
};

/** An error explained in words a user can act on, announced by screen readers (role="alert"). */
export function ErrorBanner({ error, focusOnShow = false, children }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const text = describeError(error, t);

  useEffect(() => {
    if (focusOnShow) ref.current?.focus();
  }, [error, focusOnShow]);

  return (
    <div ref={ref} className="banner banner--error" role="alert" tabIndex={-1}>
      <p className="banner__title">{text.title}</p>
      <p className="banner__body">{text.body}</p>
      {text.details && <p className="banner__details">{text.details}</p>}
      {children}
    </div>
  );
}
