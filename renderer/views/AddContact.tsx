import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AddContactRequest,
  MAX_DISPLAY_NAME,
  MAX_GROUP_NAME,
  MAX_IM_ADDRESS,
  MAX_PHONE_NUMBER,
  MAX_SEARCH_QUERY,
  photoUrl,
} from '../../preload/contract';
import type { Contact, DirectoryEntry, RosterError } from '../../preload/contract';
import { Avatar } from '../components/Avatar';
import { PresenceBadge, usePresenceText } from '../components/PresenceBadge';
import { Dialog } from '../components/Dialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { Spinner } from '../components/Spinner';
import { canHoldContacts, isFull } from '../contacts-model';
import { useGroupName } from '../group-name';
import { useRoster, useRosterStore, useShowPhotos } from '../stores';

/** How long typing must pause before the directory is searched. */
export const SEARCH_DEBOUNCE_MS = 250;
const NEW_GROUP = '\u0000new-group';

type Answer = { query: string; results: DirectoryEntry[] };
type Source = AddContactRequest['source'];

/** "Add contact": search the directory as you type, or add an IM address / phone number. */
export function AddContact({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const shownGroupName = useGroupName();
  const id = useId();
  const list = useRoster((s) => s.contactList);
  const showPhotos = useShowPhotos();
  const search = useRoster((s) => s.searchDirectory);
  const addContact = useRoster((s) => s.addContact);
  const addContactToNewGroup = useRoster((s) => s.addContactToNewGroup);
  const addDistributionGroup = useRoster((s) => s.addDistributionGroup);
  const store = useRosterStore();
  const presenceByEmail = useRoster((s) => s.presenceByEmail);
  const presenceOf = (email: string) => presenceByEmail.get(email.toLowerCase());
  const presenceText = usePresenceText();
  const watchPresence = useRoster((s) => s.watchPresence);
  // Search results stop being followed first when the dialog closes.
  useEffect(() => () => watchPresence('search', []), [watchPresence]);

  const groups = useMemo(() => (list?.groups ?? []).filter(canHoldContacts), [list]);
  /** Contacts by e-mail address, and the distribution groups already in the list. */
  const known = useMemo(() => {
    const byEmail = new Map<string, Contact>();
    for (const c of list?.contacts ?? []) if (c.email) byEmail.set(c.email.toLowerCase(), c);
    const groupAddresses = new Set(
      (list?.groups ?? []).flatMap((g) => (g.smtp ? [g.smtp.toLowerCase()] : [])),
    );
    return { byEmail, groupAddresses };
  }, [list]);

  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<RosterError | null>(null);
  /** The query the text box holds now: answers for any other query are stale. */
  const current = useRef('');
  const [target, setTarget] = useState(
    () => groups.find((g) => g.kind === 'other')?.id ?? groups[0]?.id ?? '',
  );
  const [newGroupName, setNewGroupName] = useState('');
  const [newGroupInvalid, setNewGroupInvalid] = useState(false);
  const [status, setStatus] = useState('');
  const [addError, setAddError] = useState<RosterError | null>(null);
  const [kind, setKind] = useState<'im' | 'phone'>('im');
  const [address, setAddress] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [addressInvalid, setAddressInvalid] = useState(false);
  const newGroupRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  function onText(value: string) {
    setText(value);
    const query = value.trim();
    current.current = query;
    setSearching(!!query);
    if (!query) {
      setAnswer(null);
      setSearchError(null);
    }
  }

  useEffect(() => {
    const query = text.trim();
    if (!query) return;
    const timer = setTimeout(() => {
      void search(query).then((result) => {
        // A newer keystroke owns the results now (main cancels the older search too).
        if (current.current !== query) return;
        if (!result.ok) {
          setSearchError(result.error);
          setSearching(false);
          return;
        }
        if (result.value.cancelled || result.value.query.trim() !== query) return;
        setAnswer({ query, results: result.value.results });
        watchPresence(
          'search',
          result.value.results.filter((r) => !r.isGroup).map((r) => r.email),
        );
        setSearchError(null);
        setSearching(false);
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, search, watchPresence]);

  // Forget answers that arrive after the dialog closed.
  useEffect(
    () => () => {
      current.current = '\u0000closed';
    },
    [],
  );

  if (!list) return null;
  const readOnly = list.offline;
  const full = isFull(list);
  const blocked = readOnly || full;
  const whyId = `${id}-why`;

  /** Add to the chosen group (creating it first for "New group…"). */
  async function add(source: Source, name: string): Promise<void> {
    setAddError(null);
    setStatus('');
    let ok: boolean;
    let groupName: string;
    if (target === NEW_GROUP) {
      groupName = newGroupName.trim();
      if (!groupName) {
        setNewGroupInvalid(true);
        newGroupRef.current?.focus();
        return;
      }
      ok = await addContactToNewGroup(groupName, source);
    } else {
      const chosen = groups.find((g) => g.id === target);
      groupName = chosen ? shownGroupName(chosen) : '';
      ok = await addContact({ ...(target ? { groupId: target } : {}), source });
    }
    if (ok) {
      setStatus(t('contacts.addDialog.added', { name, group: groupName }));
      // The button that was pressed may be gone now (added there already): continue from the search.
      searchRef.current?.focus();
      if (target === NEW_GROUP) {
        const created = groupIdByName(groupName);
        if (created) setTarget(created);
        setNewGroupName('');
      }
    } else setAddError(latestError());
  }

  // After an await, read the store's newest state (the hooks above hold this render's).
  function latestError(): RosterError | null {
    return store.getState().contactsError;
  }
  function groupIdByName(name: string): string | undefined {
    return store.getState().contactList?.groups.find((g) => g.kind !== 'distribution' && g.name === name)?.id;
  }

  function onAddAddress(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = address.trim();
    const name = displayName.trim();
    const source: Source =
      kind === 'im'
        ? { kind: 'im', imAddress: trimmed.replace(/^sip:/i, ''), ...(name ? { displayName: name } : {}) }
        : { kind: 'phone', number: trimmed, ...(name ? { displayName: name } : {}) };
    const imLooksRight =
      kind !== 'im' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(source.kind === 'im' ? source.imAddress : '');
    if (!AddContactRequest.safeParse({ source }).success || !imLooksRight) {
      setAddressInvalid(true);
      return;
    }
    setAddressInvalid(false);
    void add(source, name || trimmed).then(() => {
      setAddress('');
      setDisplayName('');
    });
  }

  const results = answer?.results ?? [];

  return (
    <Dialog title={t('contacts.addDialog.title')} closeLabel={t('contacts.group.close')} onClose={onClose}>
      <div className="add-contact">
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('contacts.addDialog.search')}</label>
          <input
            ref={searchRef}
            id={`${id}-search`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_SEARCH_QUERY}
            value={text}
            onChange={(e) => onText(e.target.value)}
            aria-describedby={`${id}-search-hint`}
            aria-controls={`${id}-results`}
          />
          <p id={`${id}-search-hint`} className="field__hint">
            {t('contacts.addDialog.searchHint')}
          </p>
        </div>

        <div className="field">
          <label htmlFor={`${id}-target`}>{t('contacts.addDialog.target')}</label>
          <select
            id={`${id}-target`}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setNewGroupInvalid(false);
            }}
          >
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {shownGroupName(g)}
              </option>
            ))}
            <option value={NEW_GROUP}>{t('contacts.addDialog.newGroupOption')}</option>
          </select>
        </div>
        {target === NEW_GROUP && (
          <div className="field">
            <label htmlFor={`${id}-new-group`}>{t('contacts.addDialog.newGroupName')}</label>
            <input
              ref={newGroupRef}
              id={`${id}-new-group`}
              type="text"
              maxLength={MAX_GROUP_NAME}
              value={newGroupName}
              onChange={(e) => setNewGroupName(e.target.value)}
              aria-invalid={newGroupInvalid || undefined}
              aria-describedby={newGroupInvalid ? `${id}-new-group-error` : undefined}
            />
            {newGroupInvalid && (
              <p id={`${id}-new-group-error`} className="field__error">
                {t('contacts.group.nameRequired')}
              </p>
            )}
          </div>
        )}

        {blocked && (
          <p id={whyId} className="field__hint">
            {readOnly ? t('contacts.readOnly') : t('contacts.limitBody', { limit: list.limit })}
          </p>
        )}
        {addError && <ErrorBanner error={addError} />}
        <p className="add-contact__status" role="status">
          {status}
        </p>

        <section className="add-contact__results" aria-busy={searching}>
          <p className="add-contact__count muted" aria-live="polite">
            {searching ? (
              <>
                <Spinner /> {t('contacts.addDialog.searching')}
              </>
            ) : answer ? (
              results.length > 0 ? (
                t('contacts.addDialog.results', { count: results.length })
              ) : (
                t('contacts.addDialog.noResults', { query: answer.query })
              )
            ) : null}
          </p>
          {searchError && <ErrorBanner error={searchError} />}
          <ul id={`${id}-results`} className="result-list" aria-label={t('contacts.addDialog.resultsLabel')}>
            {results.map((entry) => {
              const address = entry.email.toLowerCase();
              const existing = entry.isGroup
                ? undefined
                : (list.contacts.find((c) => c.id === entry.contactId) ?? known.byEmail.get(address));
              const already = entry.isGroup
                ? known.groupAddresses.has(address)
                : !!entry.contactId || !!existing;
              // Someone already in the list can still be added to another group (it does not count twice).
              const canAdd = entry.isGroup
                ? !already
                : !existing || target === NEW_GROUP || !existing.groupIds.includes(target);
              const disabled = existing ? readOnly : blocked;
              const detail = [entry.title, entry.department].filter(Boolean).join(' · ');
              return (
                <li key={entry.email} className="result-list__item">
                  <span className="avatar-presence">
                    <Avatar
                      name={entry.displayName}
                      address={entry.email}
                      photoUrl={showPhotos && !entry.isGroup ? photoUrl(entry.email, 'HR64x64') : undefined}
                    />
                    {!entry.isGroup && presenceOf(entry.email) && (
                      <PresenceBadge state={presenceOf(entry.email)?.state ?? 'unknown'} />
                    )}
                  </span>
                  <span className="result-list__text">
                    <span className="result-list__name">{entry.displayName}</span>
                    {!entry.isGroup && presenceOf(entry.email) && (
                      <span className="result-list__detail">{presenceText(presenceOf(entry.email))}</span>
                    )}
                    {(detail || entry.isGroup) && (
                      <span className="result-list__detail">
                        {entry.isGroup ? t('contacts.addDialog.distribution') : detail}
                      </span>
                    )}
                    {already && (
                      <span className="result-list__known">{t('contacts.addDialog.alreadyAdded')}</span>
                    )}
                  </span>
                  {canAdd && (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={disabled}
                      aria-describedby={disabled ? whyId : undefined}
                      onClick={() => {
                        if (entry.isGroup) {
                          setAddError(null);
                          void addDistributionGroup(entry.email, entry.displayName).then((ok) => {
                            if (ok)
                              setStatus(t('contacts.addDialog.addedGroup', { name: entry.displayName }));
                            else setAddError(latestError());
                          });
                        } else
                          void add(
                            { kind: 'directory', email: entry.email, displayName: entry.displayName },
                            entry.displayName,
                          );
                      }}
                    >
                      {entry.isGroup
                        ? t('contacts.addDialog.addGroup', { name: entry.displayName })
                        : t('contacts.addDialog.addPerson', { name: entry.displayName })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>

        <form className="form add-contact__address" noValidate onSubmit={onAddAddress}>
          <fieldset className="form__fieldset">
            <legend>{t('contacts.addDialog.byAddress')}</legend>
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('contacts.addDialog.kind')}</label>
              <select
                id={`${id}-kind`}
                value={kind}
                onChange={(e) => setKind(e.target.value === 'phone' ? 'phone' : 'im')}
              >
                <option value="im">{t('contacts.addDialog.kinds.im')}</option>
                <option value="phone">{t('contacts.addDialog.kinds.phone')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-address`}>{t('contacts.addDialog.address')}</label>
              <input
                id={`${id}-address`}
                type={kind === 'phone' ? 'tel' : 'text'}
                inputMode={kind === 'phone' ? 'tel' : 'email'}
                spellCheck={false}
                maxLength={kind === 'phone' ? MAX_PHONE_NUMBER : MAX_IM_ADDRESS}
                value={address}
                onChange={(e) => setAddress(e.target.value)}
                aria-invalid={addressInvalid || undefined}
                aria-describedby={addressInvalid ? `${id}-address-error` : `${id}-address-hint`}
              />
              {addressInvalid ? (
                <p id={`${id}-address-error`} className="field__error">
                  {kind === 'im' ? t('contacts.addDialog.invalidIm') : t('contacts.addDialog.invalidPhone')}
                </p>
              ) : (
                <p id={`${id}-address-hint`} className="field__hint">
                  {t('contacts.addDialog.addressHint')}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-display`}>{t('contacts.addDialog.displayName')}</label>
              <input
                id={`${id}-display`}
                type="text"
                maxLength={MAX_DISPLAY_NAME}
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            </div>
            <button
              type="submit"
              className="button button--secondary"
              disabled={blocked}
              aria-describedby={blocked ? whyId : undefined}
            >
              {t('contacts.addDialog.addAddress')}
            </button>
          </fieldset>
        </form>
      </div>
    </Dialog>
  );
}
