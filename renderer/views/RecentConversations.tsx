/**
 * Conversation history (issue 23) on a contact's card: the latest conversations with this person
 * (up to 5), each opening the whole conversation. Shown only when the 'history' feature is on.
 */
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../components/ErrorBanner';
import { useFeature, useRoster } from '../stores';
import { ConversationRow } from './History';

type Props = { email: string; name: string };

export function RecentConversations(props: Props) {
  return useFeature('history') ? <RecentConversationsBody {...props} /> : null;
}

function RecentConversationsBody({ email, name }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const state = useRoster((s) => s.recentConversations.get(email.trim().toLowerCase()));
  const load = useRoster((s) => s.loadRecentConversations);
  const open = useRoster((s) => s.openConversation);
  useEffect(() => {
    void load(email, name);
  }, [email, name, load]);

  return (
    <section className="recent-conversations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="recent-conversations__title">
        {t('history.recent.title')}
      </h2>
      {!state || state.status === 'loading' ? (
        <p className="muted">{t('history.recent.loading')}</p>
      ) : state.status === 'failed' ? (
        <>
          <ErrorBanner error={state.error} />
          <button type="button" className="button button--secondary" onClick={() => void load(email, name)}>
            {t('history.retry')}
          </button>
        </>
      ) : state.entries.length === 0 ? (
        <p className="muted">{t('history.recent.none', { name })}</p>
      ) : (
        <ul className="recent-conversations__list">
          {state.entries.map((entry) => (
            <li key={entry.id}>
              {/* With this person alone, the row need not name them again; a conference names all. */}
              <ConversationRow
                entry={entry}
                showPeople={entry.participants.length !== 1}
                onOpen={() => void open(entry.id, entry)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
