import { useTranslation } from 'react-i18next';
import { Avatar } from '../components/Avatar';
import { useRoster } from '../stores';
import type { Account } from '../../preload/contract';

type Props = {
  account: Account;
  vault: 'os' | 'session';
  onOpenSettings: () => void;
};

/** The signed-in window: header, contact pane (left) and detail pane (right). */
export function Main({ account, vault, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const appName = useRoster((s) => s.appInfo?.name) ?? t('app.name');
  const signOut = useRoster((s) => s.signOut);
  const busy = useRoster((s) => s.sessionBusy);

  return (
    <div className="screen screen--main">
      <header className="topbar">
        <span className="topbar__title">{appName}</span>
        <div className="topbar__account">
          <Avatar name={account.displayName} address={account.email} size="small" />
          <span className="topbar__name" title={account.email}>
            <span aria-hidden="true">{account.displayName}</span>
            <span className="visually-hidden">{t('main.signedInAs', { name: account.displayName })}</span>
          </span>
          {account.demo && (
            <span className="badge" title={t('main.demoLabel')}>
              {t('main.demo')}
            </span>
          )}
        </div>
        <div className="topbar__actions">
          <button type="button" className="button button--ghost" onClick={onOpenSettings}>
            {t('main.settings')}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => void signOut()}
            disabled={busy}
          >
            {t('main.signOut')}
          </button>
        </div>
      </header>

      {vault === 'session' && (
        <p className="notice" role="note">
          {t('main.vaultSession')}
        </p>
      )}

      <div className="panes">
        {/* The contacts feature mounts its virtualised list (@tanstack/react-virtual) in this pane. */}
        <nav className="pane pane--contacts" aria-label={t('main.contacts.label')}>
          <h2 className="pane__title">{t('main.contacts.label')}</h2>
          <div className="pane__body pane__body--list">
            <p className="empty">{t('main.contacts.empty')}</p>
          </div>
        </nav>
        <main className="pane pane--detail" aria-label={t('main.detail.label')}>
          <div className="pane__body">
            <p className="empty">{t('main.detail.empty')}</p>
          </div>
        </main>
      </div>
    </div>
  );
}
