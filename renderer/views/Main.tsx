import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../components/Avatar';
import { PresenceBadge, usePresenceText } from '../components/PresenceBadge';
import { PresenceToasts } from '../components/PresenceToasts';
import { rowPhotoSize } from '../photos';
import { useFeature, useRoster, useShowPhotos } from '../stores';
import { photoUrl } from '../../preload/contract';
import type { Account } from '../../preload/contract';
import { ContactCard } from './ContactCard';
import { ContactsDialogs } from './ContactDialogs';
import type { ContactsDialogState } from './ContactDialogs';
import { ContactPane } from './Contacts';
import { Helpdesk } from './Helpdesk';
import { MeetingBanner } from '../components/MeetingBanner';
import { Scheduler } from './Scheduler';
import { Upcoming } from './Upcoming';
// Conversation history (issue 23)
import { ConversationDialog, History } from './History';
// Voice mail (issue 23)
import { Voicemail } from './Voicemail';

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
  const [dialog, setDialog] = useState<ContactsDialogState | null>(null);
  const showPhotos = useShowPhotos();
  const me = useRoster((s) => s.presence?.me ?? null);
  const presenceText = usePresenceText();
  const helpdeskAllowed = useRoster((s) => s.helpdeskAllowed);
  const ring = useRoster((s) => s.features?.ring ?? null);
  const [helpdeskOpen, setHelpdeskOpen] = useState(false);
  const view = useRoster((s) => s.meetingView);
  const showView = useRoster((s) => s.showMeetingView);
  const meetingsOn = useFeature('meetings');
  // Conversation history (issue 23)
  const historyOn = useFeature('history');
  const historyOpen = useRoster((s) => s.historyOpen) && historyOn;
  const showHistory = useRoster((s) => s.showHistory);
  // Voice mail (issue 23)
  const voicemailOn = useFeature('voicemail');
  const voicemailOpen = useRoster((s) => s.voicemailOpen) && voicemailOn;
  const openVoicemail = useRoster((s) => s.openVoicemail);
  const closeVoicemail = useRoster((s) => s.closeVoicemail);
  const unheard = useRoster((s) =>
    'value' in s.voicemail ? (s.voicemail.value?.entries.filter((e) => e.unread).length ?? 0) : 0,
  );
  const detailLabel = historyOpen
    ? t('history.title')
    : voicemailOpen
      ? t('voicemail.title')
      : view === 'scheduler'
        ? t('meetings.scheduler.label')
        : view === 'upcoming'
          ? t('meetings.upcoming.label')
          : t('main.detail.label');

  return (
    <div className="screen screen--main">
      <header className="topbar">
        <span className="topbar__title">{appName}</span>
        <div className="topbar__account">
          <span className="avatar-presence">
            <Avatar
              name={account.displayName}
              address={account.email}
              photoUrl={showPhotos ? photoUrl(account.email, rowPhotoSize()) : undefined}
              size="small"
            />
            {me && <PresenceBadge state={me.state} />}
          </span>
          <span className="topbar__name" title={account.email}>
            <span aria-hidden="true" title={account.displayName}>
              {account.displayName}
            </span>
            <span className="visually-hidden">{t('main.signedInAs', { name: account.displayName })}</span>
            {me && (
              <span className="topbar__status" title={presenceText(me) ?? undefined}>
                <span className="visually-hidden">{t('presence.me')} </span>
                {presenceText(me)}
              </span>
            )}
          </span>
          {account.demo && (
            <span className="badge" title={t('main.demoLabel')}>
              {t('main.demo')}
            </span>
          )}
          {ring && (
            <span className="badge badge--pilot" title={t('features.ringLabel', { ring })}>
              <span aria-hidden="true">{t('features.ring', { ring })}</span>
              <span className="visually-hidden">{t('features.ringLabel', { ring })}</span>
            </span>
          )}
        </div>
        <div className="topbar__actions">
          {meetingsOn && (
            <button
              type="button"
              className="button button--ghost"
              aria-pressed={view === 'upcoming'}
              onClick={() => showView(view === 'upcoming' ? 'card' : 'upcoming')}
            >
              {t('meetings.open')}
            </button>
          )}
          {/* Conversation history (issue 23) */}
          {historyOn && (
            <button
              type="button"
              className="button button--ghost"
              aria-pressed={historyOpen}
              onClick={() => {
                if (!historyOpen) {
                  showView('card');
                  closeVoicemail();
                }
                showHistory(!historyOpen);
              }}
            >
              {t('history.open')}
            </button>
          )}
          {voicemailOn && (
            <button
              type="button"
              className="button button--ghost"
              aria-pressed={voicemailOpen}
              onClick={() => {
                if (voicemailOpen) closeVoicemail();
                else {
                  showHistory(false);
                  openVoicemail();
                }
              }}
            >
              {t('voicemail.open')}
              {unheard > 0 && (
                <>
                  <span className="badge topbar__count" aria-hidden="true">
                    {unheard}
                  </span>
                  <span className="visually-hidden">, {t('voicemail.openUnheard', { count: unheard })}</span>
                </>
              )}
            </button>
          )}
          {helpdeskAllowed && (
            <button type="button" className="button button--ghost" onClick={() => setHelpdeskOpen(true)}>
              {t('helpdesk.open')}
            </button>
          )}
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

      {/* The demo's password is the app's own, not one the user typed: nothing to warn about. */}
      {vault === 'session' && !account.demo && (
        <p className="notice" role="note">
          {t('main.vaultSession')}
        </p>
      )}

      {meetingsOn && <MeetingBanner />}

      <div className="panes">
        <ContactPane onDialog={setDialog} />
        <main className="pane pane--detail" aria-label={detailLabel}>
          {historyOpen ? (
            <History />
          ) : voicemailOpen ? (
            <Voicemail />
          ) : view === 'scheduler' ? (
            <Scheduler />
          ) : view === 'upcoming' ? (
            <Upcoming />
          ) : (
            <ContactCard onDialog={setDialog} />
          )}
        </main>
      </div>
      {historyOn && <ConversationDialog />}
      <PresenceToasts />
      {dialog && <ContactsDialogs dialog={dialog} onOpen={setDialog} onClose={() => setDialog(null)} />}
      {helpdeskOpen && <Helpdesk onClose={() => setHelpdeskOpen(false)} />}
    </div>
  );
}
