import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { photoUrl } from '../../preload/contract';
import type { Contact, ContactList, DirectoryEntry } from '../../preload/contract';
import { Avatar } from '../components/Avatar';
import { ImLink } from '../components/ImLink';
import { cardPhotoSize } from '../photos';
import { useGroupName } from '../group-name';
import { useRoster, useShowPhotos, useFeature } from '../stores';
import type { ContactsDialogState } from './ContactDialogs';
import { PresenceSection } from './PresenceSection';
// Conversation history (issue 23)
import { RecentConversations } from './RecentConversations';

type Props = { onDialog: (dialog: ContactsDialogState) => void };

/** tel: wants the number without spaces or punctuation other than a leading +. */
const telHref = (number: string): string => `tel:${number.replace(/[^\d+]/g, '')}`;

/** The detail pane: the selected contact's card, or an empty state. */
export function ContactCard({ onDialog }: Props) {
  const { t } = useTranslation();
  const list = useRoster((s) => s.contactList);
  const selectedId = useRoster((s) => s.selectedContactId);
  const contact = list?.contacts.find((c) => c.id === selectedId);
  const member = useRoster((s) => s.selectedMember);

  if (list && !contact && member)
    return <MemberCard key={member.email} entry={member} readOnly={list.offline} />;
  if (!list || !contact) {
    return (
      <div className="pane__body">
        <div className="empty">
          <p>{t('contacts.card.empty')}</p>
          {list && list.contacts.length > 0 && <p className="muted">{t('contacts.card.emptyHint')}</p>}
        </div>
      </div>
    );
  }
  return <Card key={contact.id} list={list} contact={contact} onDialog={onDialog} />;
}

function Card({ list, contact, onDialog }: { list: ContactList; contact: Contact } & Props) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const id = useId();
  const showPhotos = useShowPhotos();
  const meetingsOn = useFeature('meetings');
  const removeFromGroup = useRoster((s) => s.removeContactFromGroup);
  const startMeeting = useRoster((s) => s.startMeeting);
  const groups = list.groups.filter((g) => contact.groupIds.includes(g.id));
  const detail = [contact.title, contact.department].filter(Boolean).join(' · ');
  const readOnly = list.offline;

  return (
    <article className="contact-card" aria-labelledby={`${id}-name`}>
      <header className="contact-card__header">
        <Avatar
          name={contact.displayName}
          address={contact.email ?? contact.imAddress ?? contact.displayName}
          photoUrl={showPhotos && contact.email ? photoUrl(contact.email, cardPhotoSize()) : undefined}
          size="xlarge"
        />
        <div className="contact-card__identity">
          <h1 id={`${id}-name`} className="contact-card__name">
            {contact.displayName}
          </h1>
          {detail && <p className="contact-card__title">{detail}</p>}
          {contact.telephoneOnly && <p className="muted">{t('contacts.card.telephoneOnly')}</p>}
        </div>
      </header>

      {contact.email && <PresenceSection email={contact.email} name={contact.displayName} />}

      <div className="contact-card__actions" role="group" aria-label={t('contacts.card.actions')}>
        {contact.email && (
          <a className="button button--secondary" href={`mailto:${contact.email}`}>
            {t('contacts.card.sendEmail')}
          </a>
        )}
        {contact.imAddress && (
          <ImLink className="button button--secondary" address={contact.imAddress}>
            {t('contacts.card.sendIm')}
          </ImLink>
        )}
        {/* Meeting scheduling turned off (policy, or a pilot not joined): no meeting action at all. */}
        {meetingsOn && contact.email && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => startMeeting([{ email: contact.email ?? '', displayName: contact.displayName }])}
          >
            {t('contacts.card.schedule')}
          </button>
        )}
      </div>

      <dl className="contact-card__facts">
        <PersonFacts person={contact} />
        <dt>{t('contacts.card.groups')}</dt>
        <dd>
          <ul className="contact-card__groups">
            {groups.map((group) => (
              <li key={group.id} className="chip">
                <span>{groupName(group)}</span>
                {group.kind !== 'distribution' && (
                  <button
                    type="button"
                    className="chip__remove"
                    disabled={readOnly}
                    aria-label={t('contacts.contact.removeFromGroup', { group: groupName(group) })}
                    title={readOnly ? t('contacts.readOnly') : undefined}
                    onClick={() => void removeFromGroup(contact.id, group.id)}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </dd>
      </dl>

      {/* Conversation history (issue 23) */}
      {contact.email && <RecentConversations email={contact.email} name={contact.displayName} />}

      <div className="contact-card__manage">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onDialog({ kind: 'contact', contactId: contact.id, groupId: groups[0]?.id ?? null })}
        >
          {t('contacts.contact.moveOrCopy')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={readOnly}
          aria-describedby={readOnly ? `${id}-readonly` : undefined}
          onClick={() => onDialog({ kind: 'remove', contactId: contact.id })}
        >
          {t('contacts.contact.remove')}
        </button>
        {readOnly && (
          <p id={`${id}-readonly`} className="field__hint">
            {t('contacts.readOnly')}
          </p>
        )}
      </div>
    </article>
  );
}

/**
 * A distribution-group member who is not in the list: their directory entry, presence, the ways to
 * reach them, and adding them to the contacts (Other Contacts, as Lync does).
 */
function MemberCard({ entry, readOnly }: { entry: DirectoryEntry; readOnly: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const showPhotos = useShowPhotos();
  const addContact = useRoster((s) => s.addContact);
  const startMeeting = useRoster((s) => s.startMeeting);
  const detail = [entry.title, entry.department].filter(Boolean).join(' · ');
  return (
    <article className="contact-card" aria-labelledby={`${id}-name`}>
      <header className="contact-card__header">
        <Avatar
          name={entry.displayName}
          address={entry.email}
          photoUrl={showPhotos ? photoUrl(entry.email, cardPhotoSize()) : undefined}
          size="xlarge"
        />
        <div className="contact-card__identity">
          <h1 id={`${id}-name`} className="contact-card__name">
            {entry.displayName}
          </h1>
          {detail && <p className="contact-card__title">{detail}</p>}
          <p className="muted">{t('contacts.card.fromDirectory')}</p>
        </div>
      </header>

      <PresenceSection email={entry.email} name={entry.displayName} />

      <div className="contact-card__actions" role="group" aria-label={t('contacts.card.actions')}>
        <a className="button button--secondary" href={`mailto:${entry.email}`}>
          {t('contacts.card.sendEmail')}
        </a>
        {entry.imAddress && (
          <ImLink className="button button--secondary" address={entry.imAddress}>
            {t('contacts.card.sendIm')}
          </ImLink>
        )}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => startMeeting([{ email: entry.email, displayName: entry.displayName }])}
        >
          {t('contacts.card.schedule')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={readOnly}
          aria-describedby={readOnly ? `${id}-readonly` : undefined}
          onClick={() =>
            void addContact({
              source: { kind: 'directory', email: entry.email, displayName: entry.displayName },
            })
          }
        >
          {t('contacts.card.addToContacts')}
        </button>
        {readOnly && (
          <p id={`${id}-readonly`} className="field__hint">
            {t('contacts.readOnly')}
          </p>
        )}
      </div>

      <dl className="contact-card__facts">
        <PersonFacts person={entry} />
      </dl>

      {/* Conversation history (issue 23) */}
      <RecentConversations email={entry.email} name={entry.displayName} />
    </article>
  );
}

/** What the card says about a person, contact or directory entry alike (inside the card's <dl>). */
type Person = Pick<Contact, 'imAddress' | 'department' | 'office' | 'company' | 'phones'> & {
  email?: string | undefined;
};

function PersonFacts({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <>
      {person.email && (
        <>
          <dt>{t('contacts.card.email')}</dt>
          <dd>
            <a href={`mailto:${person.email}`}>{person.email}</a>
          </dd>
        </>
      )}
      {person.imAddress && (
        <>
          <dt>{t('contacts.card.im')}</dt>
          <dd>
            <ImLink address={person.imAddress}>{person.imAddress}</ImLink>
          </dd>
        </>
      )}
      {person.phones.length > 0 && (
        <>
          <dt>{t('contacts.card.phones')}</dt>
          <dd>
            <ul className="contact-card__phones">
              {person.phones.map((phone) => (
                <li key={`${phone.kind}:${phone.number}`}>
                  <span className="muted">{t(`contacts.card.phoneKinds.${phone.kind}`)}</span>{' '}
                  <a
                    href={telHref(phone.number)}
                    aria-label={t('contacts.card.call', { number: phone.number })}
                  >
                    {phone.number}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {person.department && (
        <>
          <dt>{t('contacts.card.department')}</dt>
          <dd>{person.department}</dd>
        </>
      )}
      {person.company && (
        <>
          <dt>{t('contacts.card.company')}</dt>
          <dd>{person.company}</dd>
        </>
      )}
      {person.office && (
        <>
          <dt>{t('contacts.card.office')}</dt>
          <dd>{person.office}</dd>
        </>
      )}
    </>
  );
}
