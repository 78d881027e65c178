/**
 * The directory's half of the contact list's one search box (issue 20 item 19, as Lync and Teams
 * do): my contacts are filtered above, and people of the directory who match and are not in my
 * list show here, below. The search waits for typing to pause, and only the box's current text
 * is ever shown (main cancels the older search, and a stale answer is dropped here too).
 *
 * Keyboard: the box's Down enters here when no contact matches (otherwise the tree); Up and Down
 * move between people, Up on the first goes back to the box; Enter opens the person's card; Tab
 * reaches each person's "Add to contacts".
 */
import { forwardRef, useEffect, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { photoUrl } from '../../preload/contract';
import type { DirectoryEntry, RosterError } from '../../preload/contract';
import { Avatar } from '../components/Avatar';
import { ErrorBanner } from '../components/ErrorBanner';
import { PresenceBadge, usePresenceText } from '../components/PresenceBadge';
import { Spinner } from '../components/Spinner';
import { isFull } from '../contacts-model';
import { useRoster } from '../stores';
import { SEARCH_DEBOUNCE_MS } from './AddContact';

/** A one-letter query would list half the directory: the directory is asked from two. */
export const DIRECTORY_MIN_QUERY = 2;

type Search =
  | { status: 'idle' }
  | { status: 'searching'; query: string }
  | { status: 'done'; query: string; results: DirectoryEntry[] }
  | { status: 'failed'; query: string; error: RosterError };

/** Debounced directory search of `text`; a newer text makes every older answer stale. */
export function useDirectorySearch(text: string): Search {
  const searchDirectory = useRoster((s) => s.searchDirectory);
  const query = text.trim();
  const [answer, setAnswer] = useState<Search>({ status: 'idle' });
  useEffect(() => {
    if (query.length < DIRECTORY_MIN_QUERY) return;
    // Set when the text changes or the list goes away: this query's answer is stale from then on.
    let stale = false;
    const timer = setTimeout(() => {
      void searchDirectory(query).then((r) => {
        if (stale) return;
        if (!r.ok) setAnswer({ status: 'failed', query, error: r.error });
        else if (!r.value.cancelled && r.value.query.trim() === query)
          setAnswer({ status: 'done', query, results: r.value.results });
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, searchDirectory]);
  if (query.length < DIRECTORY_MIN_QUERY) return { status: 'idle' };
  // The answer for another text is not shown, not even for a moment.
  if (answer.status === 'idle' || answer.query !== query) return { status: 'searching', query };
  return answer;
}

export interface DirectoryMatchesHandle {
  /** Focuses the first person; false when there is none. */
  focusFirst(): boolean;
}

type Props = {
  text: string;
  /** Up on the first person. */
  onLeaveTop: () => void;
};

export const DirectoryMatches = forwardRef<DirectoryMatchesHandle, Props>(function DirectoryMatches(
  { text, onLeaveTop },
  ref,
) {
  const { t } = useTranslation();
  const id = useId();
  const search = useDirectorySearch(text);
  const list = useRoster((s) => s.contactList);
  const showPhotos = useRoster((s) => s.settings?.showPhotos ?? true);
  const selectMember = useRoster((s) => s.selectMember);
  const selectedEmail = useRoster((s) => s.selectedMember?.email.toLowerCase() ?? null);
  const addContact = useRoster((s) => s.addContact);
  const addDistributionGroup = useRoster((s) => s.addDistributionGroup);
  const presenceByEmail = useRoster((s) => s.presenceByEmail);
  const presenceText = usePresenceText();
  const watchPresence = useRoster((s) => s.watchPresence);
  const [status, setStatus] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  // People already in my list show above, in the tree: here only the others.
  // The list's addresses once per list, not per answer: a 10,000-contact list is typed into.
  const known = useMemo(
    () => ({
      emails: new Set((list?.contacts ?? []).flatMap((c) => (c.email ? [c.email.toLowerCase()] : []))),
      groups: new Set((list?.groups ?? []).flatMap((g) => (g.smtp ? [g.smtp.toLowerCase()] : []))),
    }),
    [list],
  );
  const people = useMemo(() => {
    if (search.status !== 'done') return [];
    return search.results.filter((e) => {
      const address = e.email.toLowerCase();
      return e.isGroup ? !known.groups.has(address) : !e.contactId && !known.emails.has(address);
    });
  }, [search, known]);

  const watched = useMemo(() => people.filter((p) => !p.isGroup).map((p) => p.email), [people]);
  useEffect(() => watchPresence('find', watched), [watched, watchPresence]);
  useEffect(() => () => watchPresence('find', []), [watchPresence]);

  const openButtons = (): HTMLButtonElement[] =>
    Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('.directory-matches__open') ?? []);
  useImperativeHandle(ref, () => ({
    focusFirst: () => {
      const first = openButtons()[0];
      first?.focus();
      return !!first;
    },
  }));

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = openButtons();
    if (event.key === 'ArrowUp' && index === 0) onLeaveTop();
    else
      buttons[
        Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))
      ]?.focus();
  }

  if (search.status === 'idle' || !list) return null;
  const blocked = list.offline || isFull(list);

  async function add(entry: DirectoryEntry) {
    setStatus('');
    const ok = entry.isGroup
      ? await addDistributionGroup(entry.email, entry.displayName)
      : await addContact({
          source: { kind: 'directory', email: entry.email, displayName: entry.displayName },
        });
    if (ok) setStatus(t('contacts.find.added', { name: entry.displayName }));
    // The row is gone now (it is in the list above): the box keeps the focus in reach.
    if (ok && !openButtons().some((b) => b === document.activeElement)) onLeaveTop();
  }

  return (
    <section
      className="directory-matches"
      aria-labelledby={`${id}-title`}
      aria-busy={search.status === 'searching'}
    >
      <h3 id={`${id}-title`} className="directory-matches__title">
        {t('contacts.find.directory')}
      </h3>
      <p className="directory-matches__count" aria-live="polite">
        {search.status === 'searching' ? (
          <>
            <Spinner /> {t('contacts.find.searching')}
          </>
        ) : search.status === 'done' ? (
          people.length > 0 ? (
            t('contacts.find.results', { count: people.length })
          ) : (
            t('contacts.find.noResults', { query: search.query })
          )
        ) : null}
      </p>
      {search.status === 'failed' && <ErrorBanner error={search.error} />}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <ul ref={listRef} className="directory-matches__list" aria-labelledby={`${id}-title`}>
        {people.map((entry, index) => {
          const presence = entry.isGroup ? undefined : presenceByEmail.get(entry.email.toLowerCase());
          const detail = entry.isGroup
            ? t('contacts.addDialog.distribution')
            : [entry.title, entry.department].filter(Boolean).join(' · ');
          return (
            <li key={entry.email} className="directory-matches__item">
              <button
                type="button"
                className="directory-matches__open"
                aria-current={selectedEmail === entry.email.toLowerCase() || undefined}
                title={[entry.displayName, detail].filter(Boolean).join('\n')}
                onClick={() => selectMember(entry)}
                onKeyDown={(e) => onKeyDown(e, index)}
              >
                <span className="avatar-presence">
                  <Avatar
                    name={entry.displayName}
                    address={entry.email}
                    photoUrl={showPhotos && !entry.isGroup ? photoUrl(entry.email, 'HR64x64') : undefined}
                  />
                  {presence && <PresenceBadge state={presence.state} />}
                </span>
                <span className="result-list__text">
                  <span className="result-list__name">{entry.displayName}</span>
                  {presence && <span className="result-list__detail">{presenceText(presence)}</span>}
                  {detail && <span className="result-list__detail">{detail}</span>}
                </span>
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={blocked}
                // The name begins with the visible words (WCAG 2.5.3: voice users say what they see).
                aria-label={t('contacts.find.addLabel', { name: entry.displayName })}
                onClick={() => void add(entry)}
              >
                {t('contacts.find.add')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
