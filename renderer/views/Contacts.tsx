import { memo, useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SEARCH_QUERY } from '../../preload/contract';
import type { Contact, Group, RosterError } from '../../preload/contract';
import { ContactTree, selectable } from '../components/ContactTree';
import type { ContactTreeHandle } from '../components/ContactTree';
import { ErrorBanner } from '../components/ErrorBanner';
import { useClockface } from '../components/PresenceBadge';
import { formatTime } from '../presence-model';
import { Spinner } from '../components/Spinner';
import {
  buildIndex,
  contactRowKey,
  flattenRows,
  groupRowKey,
  isFull,
  nameCollator,
  namesakeDetails,
  sortKeys,
} from '../contacts-model';
import type { Row, SortKey } from '../contacts-model';
import { cacheByQuery } from '../query-cache';
import { useGroupName } from '../group-name';
import { applyGesture, emptySelection } from '../selection';
import type { Selection, SelectGesture } from '../selection';
import { useRoster, useShowPhotos, useFeature } from '../stores';
import { CONTACT_LIMIT_CODE, READ_ONLY_CODE } from '../stores/contacts';
import type { ContactsDialogState } from './ContactDialogs';
import { DirectoryMatches } from './DirectoryMatches';
import type { DirectoryMatchesHandle } from './DirectoryMatches';

type Props = { onDialog: (dialog: ContactsDialogState) => void };

const NO_ROWS: readonly Row[] = [];

const isSortKey = (value: string): value is SortKey => (sortKeys as readonly string[]).includes(value);

/** The contact pane: toolbar, filter, sort, status, and the virtualised list. */
export function ContactPane({ onDialog }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const list = useRoster((s) => s.contactList);
  const loadFailed = useRoster((s) => s.contactsLoadFailed);
  const error = useRoster((s) => s.contactsError);
  const undone = useRoster((s) => s.contactsErrorUndone);
  const filter = useRoster((s) => s.contactFilter);
  const sort = useRoster((s) => s.contactSort);
  const collapsed = useRoster((s) => s.collapsedGroups);
  const expansions = useRoster((s) => s.expansions);
  const selectedId = useRoster((s) => s.selectedContactId);
  const showPhotos = useShowPhotos();
  const presenceOn = useFeature('presence');
  const meetingsOn = useFeature('meetings');
  const setFilter = useRoster((s) => s.setContactFilter);
  const setSort = useRoster((s) => s.setContactSort);
  const toggleGroup = useRoster((s) => s.toggleGroup);
  const selectContact = useRoster((s) => s.selectContact);
  const selectMember = useRoster((s) => s.selectMember);
  const selectedMemberEmail = useRoster((s) => s.selectedMember?.email ?? null);
  const loadContacts = useRoster((s) => s.loadContacts);
  const refresh = useRoster((s) => s.refreshContacts);
  const clearError = useRoster((s) => s.clearContactsError);
  const contactReveal = useRoster((s) => s.contactReveal);
  const watchPresence = useRoster((s) => s.watchPresence);
  const onVisible = useCallback(
    (emails: readonly string[]) => watchPresence('list', emails),
    [watchPresence],
  );
  const filterRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<ContactTreeHandle>(null);
  const directoryRef = useRef<DirectoryMatchesHandle>(null);
  const groupName = useGroupName();
  const startMeeting = useRoster((s) => s.startMeeting);
  const showMeetingView = useRoster((s) => s.showMeetingView);
  // Conversation history (issue 23): opening a contact leaves the History view.
  const showHistory = useRoster((s) => s.showHistory);
  // Voice mail (issue 23): opening a contact shows its card, not the voice-mail view.
  const closeVoicemail = useRoster((s) => s.closeVoicemail);
  const [selection, setSelection] = useState<Selection>(emptySelection);

  // The index (folded keys, name order) is built once per list and language, never per keystroke.
  const compare = useMemo(() => nameCollator(i18n.language), [i18n.language]);
  const index = useMemo(() => (list ? buildIndex(list, compare) : null), [list, compare]);
  const namesakes = useMemo(() => namesakeDetails(list?.contacts ?? []), [list]);
  const query = useDeferredValue(filter);
  // Presence only re-sorts the list when sorting by availability (it changes at every boundary).
  const presenceForSort = useRoster((s) => (s.contactSort === 'availability' ? s.presenceByEmail : null));
  // Rows per filter text, kept while the list and its arrangement stay: typing back over a word
  // finds its rows (the same objects, so the list draws nothing again).
  const rowsFor = useMemo(() => {
    if (!index) return null;
    const presenceOf = presenceForSort
      ? (c: Contact) => (c.email ? presenceForSort.get(c.email.toLowerCase()) : undefined)
      : undefined;
    return cacheByQuery((text) =>
      flattenRows(index, {
        query: text,
        sort,
        collapsed,
        expansions,
        groupLabel: groupName,
        ...(presenceOf ? { presenceOf } : {}),
      }),
    );
  }, [index, sort, collapsed, expansions, presenceForSort, groupName]);
  const rows = useMemo(() => (rowsFor ? rowsFor(query) : NO_ROWS), [rowsFor, query]);
  // Said only while filtering: counting 10,000 rows for an empty filter is wasted work.
  const filtering = query.trim().length > 0;
  const shown = useMemo(() => {
    if (!filtering) return 0;
    const ids = new Set<string>();
    for (const row of rows) if (row.kind === 'contact') ids.add(row.contact.id);
    return ids.size;
  }, [rows, filtering]);

  const reveal = useMemo(() => {
    if (!contactReveal) return null;
    const { groupId, contactId, seq } = contactReveal;
    const keys: string[] = [];
    if (contactId) keys.push(contactRowKey(contactId, sort !== 'group' ? null : groupId));
    if (groupId) keys.push(groupRowKey(groupId));
    return { keys, seq };
  }, [contactReveal, sort]);

  // The people selected for "Meet": those still in the list; the open card's person when none.
  // The rows as the selection sees them are made when a gesture needs them, not at every keystroke.
  const onSelectGesture = useCallback(
    (gesture: SelectGesture) => setSelection((s) => applyGesture(s, gesture, rows.map(selectable))),
    [rows],
  );
  const selectedPeople = useMemo(() => {
    const ids = selection.ids.length > 0 ? selection.ids : selectedId ? [selectedId] : [];
    return ids.flatMap((cid) => list?.contacts.find((c) => c.id === cid) ?? []);
  }, [selection, selectedId, list]);
  const selectedIds = useMemo(() => new Set(selectedPeople.map((c) => c.id)), [selectedPeople]);
  const meetWith = selectedPeople.flatMap((c) =>
    c.email ? [{ email: c.email, displayName: c.displayName }] : [],
  );

  // The tree's props stay the same objects while the filter box is typed into, so the keystroke's
  // first render (the text in the box; the rows follow in a deferred one) skips the tree.
  const onOpenContact = useCallback(
    (contact: Contact) => {
      selectContact(contact.id);
      showMeetingView('card');
      showHistory(false);
      closeVoicemail();
    },
    [selectContact, showMeetingView, showHistory, closeVoicemail],
  );
  const onToggleGroup = useCallback((group: Group) => toggleGroup(group.id), [toggleGroup]);
  const onContactActions = useCallback(
    (contact: Contact, groupId: string | null) =>
      onDialog({ kind: 'contact', contactId: contact.id, groupId }),
    [onDialog],
  );
  const onGroupActions = useCallback(
    (group: Group) => onDialog({ kind: 'group', groupId: group.id }),
    [onDialog],
  );
  const onRemoveContact = useCallback(
    (contact: Contact) => onDialog({ kind: 'remove', contactId: contact.id }),
    [onDialog],
  );
  const focusFilter = useCallback(() => filterRef.current?.focus(), []);

  const readOnly = !!list?.offline;
  const full = !!list && isFull(list);
  const offlineId = `${id}-offline`;

  function onFilterKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && filter) {
      event.preventDefault();
      event.stopPropagation();
      setFilter('');
    } else if (event.key === 'ArrowDown') {
      // Into the results: my contacts first, the directory's people when none of mine match.
      event.preventDefault();
      if (rows.length > 0) treeRef.current?.focus();
      else directoryRef.current?.focusFirst();
    }
  }

  return (
    <nav className="pane pane--contacts" aria-label={t('main.contacts.label')}>
      {/* Refresh sits by the title, so the two labelled buttons fit on one line in every language. */}
      <div className="pane__header">
        <h2 className="pane__title">{t('main.contacts.label')}</h2>
        <button
          type="button"
          className="button button--ghost contacts-toolbar__refresh"
          disabled={!list}
          aria-label={t('contacts.refresh')}
          title={t('contacts.refresh')}
          onClick={() => void refresh()}
        >
          <span aria-hidden="true">↻</span>
        </button>
      </div>

      <div className="contacts-toolbar" role="toolbar" aria-label={t('contacts.toolbar')}>
        <button
          type="button"
          className="button button--primary"
          disabled={!list || readOnly}
          aria-describedby={readOnly ? offlineId : undefined}
          onClick={() => onDialog({ kind: 'add' })}
        >
          {t('contacts.add')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!list || readOnly}
          aria-describedby={readOnly ? offlineId : undefined}
          onClick={() => onDialog({ kind: 'new-group' })}
        >
          {t('contacts.newGroup')}
        </button>
        {meetingsOn && meetWith.length > 0 && (
          <button
            type="button"
            className="button button--secondary"
            title={t('contacts.meetHint', { count: meetWith.length })}
            onClick={() => startMeeting(meetWith)}
          >
            {t('contacts.meet', { count: meetWith.length })}
          </button>
        )}
      </div>

      <div className="contacts-controls">
        <div className="field contacts-controls__filter">
          <label htmlFor={`${id}-filter`} className="visually-hidden">
            {t('contacts.filter')}
          </label>
          <input
            ref={filterRef}
            id={`${id}-filter`}
            type="search"
            placeholder={t('contacts.filterPlaceholder')}
            title={t('contacts.filter')}
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_SEARCH_QUERY}
            value={filter}
            disabled={!list}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={onFilterKeyDown}
            aria-describedby={`${id}-filter-hint`}
          />
          <span id={`${id}-filter-hint`} className="visually-hidden">
            {t('contacts.filterHint')}
          </span>
        </div>
        <div className="field contacts-controls__sort">
          <label htmlFor={`${id}-sort`} className="visually-hidden">
            {t('contacts.sortBy')}
          </label>
          <select
            id={`${id}-sort`}
            value={sort}
            onChange={(e) => {
              if (isSortKey(e.target.value)) setSort(e.target.value);
            }}
          >
            {sortKeys.map((key) => (
              <option key={key} value={key}>
                {t(`contacts.sorts.${key}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {list && presenceOn && <PresenceStatus />}

      {list?.offline ? (
        <p id={offlineId} className="contacts-status contacts-status--offline" role="status">
          {t('contacts.offline')}
        </p>
      ) : list?.fromCache ? (
        <p className="contacts-status" role="status">
          {t('contacts.fromCache')}
        </p>
      ) : null}
      {full && !readOnly && (
        <p className="contacts-status">{t('contacts.limitBody', { limit: list.limit })}</p>
      )}

      {error && !loadFailed && <ContactsError error={error} undone={undone} onDismiss={clearError} />}

      <p className="visually-hidden" aria-live="polite">
        {selection.ids.length > 1 ? t('contacts.selected', { count: selection.ids.length }) : ''}
      </p>
      {/* Announces how many contacts the filter leaves, politely. */}
      <p className="visually-hidden" aria-live="polite">
        {list && query.trim() ? t('contacts.shown', { count: shown }) : ''}
      </p>

      {!list ? (
        loadFailed && error ? (
          <div className="pane__body pane__body--column">
            <ErrorBanner error={error} />
            <p>{t('contacts.loadFailed')}</p>
            <button type="button" className="button button--secondary" onClick={() => void loadContacts()}>
              {t('contacts.retry')}
            </button>
          </div>
        ) : (
          <div className="pane__body" aria-busy="true">
            <Spinner />
            <p className="empty">{t('contacts.loading')}</p>
          </div>
        )
      ) : list.contacts.length === 0 && list.groups.every((g) => g.kind !== 'distribution') && !query ? (
        <div className="pane__body">
          {list.storage === 'not-migrated' ? <NotMigrated /> : <p className="empty">{t('contacts.empty')}</p>}
        </div>
      ) : rows.length === 0 ? (
        <div className="pane__body pane__body--no-match">
          <p className="empty">{t('contacts.noMatch', { query: query.trim() })}</p>
        </div>
      ) : (
        <ContactTree
          ref={treeRef}
          rows={rows}
          label={t('contacts.listLabel')}
          selectedContactId={selectedId}
          showPhotos={showPhotos}
          readOnly={readOnly}
          onOpenContact={onOpenContact}
          onOpenMember={selectMember}
          selectedMemberEmail={selectedMemberEmail}
          onToggleGroup={onToggleGroup}
          onContactActions={onContactActions}
          onGroupActions={onGroupActions}
          onRemoveContact={onRemoveContact}
          onLeaveTop={focusFilter}
          reveal={reveal}
          onVisible={onVisible}
          namesakes={namesakes}
          selectedIds={selectedIds}
          onSelectGesture={onSelectGesture}
        />
      )}
      {list && (
        <DirectoryMatches
          ref={directoryRef}
          text={filter}
          onLeaveTop={() => {
            if (rows.length > 0) treeRef.current?.focus();
            else filterRef.current?.focus();
          }}
        />
      )}
    </nav>
  );
}

/**
 * An empty list with no Lync Contacts folder in the mailbox (main's `storage`, by the help desk's
 * rule): the list is most likely still on the Lync server. Said in a user's words, with what to do.
 */
function NotMigrated() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="not-migrated" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="not-migrated__title">
        {t('contacts.notMigrated.title')}
      </h3>
      <p>{t('contacts.notMigrated.body')}</p>
      <p>{t('contacts.notMigrated.next')}</p>
    </section>
  );
}

/**
 * "Presence as of 10:42" when the data is old or the app is offline, and the way to ask again.
 * Memoised: it has no props, and the pane renders at every keystroke in the filter box.
 */
const PresenceStatus = memo(function PresenceStatus() {
  const { t } = useTranslation();
  const face = useClockface();
  const snapshot = useRoster((s) => s.presence);
  const refreshing = useRoster((s) => s.presenceRefreshing);
  const refresh = useRoster((s) => s.refreshPresence);
  const offline = useRoster((s) => !!s.contactList?.offline);
  const asOf = snapshot?.fetchedAt ? Date.parse(snapshot.fetchedAt) : null;
  const old = !!snapshot && (snapshot.stale || offline) && asOf !== null;
  return (
    <div className="presence-status">
      <p className="presence-status__as-of" aria-live="polite">
        {old && asOf !== null ? t('presence.asOf', { time: formatTime(asOf, face) }) : ''}
      </p>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={!snapshot || refreshing}
        aria-busy={refreshing || undefined}
        onClick={() => void refresh('user')}
      >
        {t('presence.refresh')}
      </button>
    </div>
  );
});

/** A failed edit (rolled back) or refresh, in words a user can act on, with a way to dismiss it. */
function ContactsError({
  error,
  undone,
  onDismiss,
}: {
  error: RosterError;
  undone: boolean;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const dismiss = (
    <button type="button" className="button button--ghost banner__dismiss" onClick={onDismiss}>
      {t('contacts.dismiss')}
    </button>
  );
  if (error.code === CONTACT_LIMIT_CODE || error.code === READ_ONLY_CODE) {
    const limit = Number((/\d[\d,]*/.exec(error.message)?.[0] ?? '1000').replace(/,/g, ''));
    return (
      <div className="banner banner--error" role="alert">
        <p className="banner__title">
          {error.code === CONTACT_LIMIT_CODE ? t('contacts.limitTitle') : t('errors.offline.title')}
        </p>
        <p className="banner__body">
          {error.code === CONTACT_LIMIT_CODE ? t('contacts.limitBody', { limit }) : t('contacts.readOnly')}
        </p>
        {dismiss}
      </div>
    );
  }
  return (
    <ErrorBanner error={error}>
      {undone && <p className="banner__body">{t('contacts.undone')}</p>}
      {dismiss}
    </ErrorBanner>
  );
}
