import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GROUP_NAME } from '../../preload/contract';
import type { Contact, ContactList, Group } from '../../preload/contract';
import { Dialog } from '../components/Dialog';
import { canHoldContacts, isSpecialGroup } from '../contacts-model';
import { useFeature, useRoster } from '../stores';
import { useGroupName } from '../group-name';
import { AddContact } from './AddContact';

/** Which contacts dialog is open (one at a time), shared by the list and the card. */
export type ContactsDialogState =
  | { kind: 'add' }
  | { kind: 'new-group' }
  | { kind: 'group'; groupId: string }
  | { kind: 'contact'; contactId: string; groupId: string | null }
  | { kind: 'remove'; contactId: string };

type Props = {
  dialog: ContactsDialogState;
  onClose: () => void;
  onOpen: (dialog: ContactsDialogState) => void;
};

/** The open contacts dialog, or nothing when what it was about has gone from the list. */
export function ContactsDialogs({ dialog, onClose, onOpen }: Props) {
  const list = useRoster((s) => s.contactList);
  if (!list) return null;
  switch (dialog.kind) {
    case 'add':
      return <AddContact onClose={onClose} />;
    case 'new-group':
      return <NewGroupDialog list={list} onClose={onClose} />;
    case 'group': {
      const group = list.groups.find((g) => g.id === dialog.groupId);
      return group ? <GroupDialog list={list} group={group} onClose={onClose} /> : null;
    }
    case 'contact': {
      const contact = list.contacts.find((c) => c.id === dialog.contactId);
      return contact ? (
        <ContactActionsDialog
          list={list}
          contact={contact}
          groupId={dialog.groupId}
          onClose={onClose}
          onRemove={() => onOpen({ kind: 'remove', contactId: contact.id })}
        />
      ) : null;
    }
    case 'remove': {
      const contact = list.contacts.find((c) => c.id === dialog.contactId);
      return contact ? <ConfirmRemoveDialog list={list} contact={contact} onClose={onClose} /> : null;
    }
  }
}

/** Why a group name cannot be used, or null. */
function nameProblem(list: ContactList, name: string, except?: string): 'nameRequired' | 'nameTaken' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'nameRequired';
  const taken = list.groups.some(
    (g) => g.id !== except && g.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase(),
  );
  return taken ? 'nameTaken' : null;
}

function OfflineNote({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="field__hint">
      {t('contacts.readOnly')}
    </p>
  );
}

function NewGroupDialog({ list, onClose }: { list: ContactList; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const createGroup = useRoster((s) => s.createGroup);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<'nameRequired' | 'nameTaken' | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = nameProblem(list, name);
    setProblem(found);
    if (found) return;
    // Optimistic: the group appears at once; a refusal rolls it back and is explained in the list.
    void createGroup(name);
    onClose();
  }

  return (
    <Dialog title={t('contacts.group.createTitle')} closeLabel={t('contacts.group.close')} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('contacts.group.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={MAX_GROUP_NAME}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
          />
          {problem && (
            <p id={`${id}-problem`} className="field__error">
              {t(`contacts.group.${problem}`)}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('contacts.group.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={list.offline}
            aria-describedby={list.offline ? `${id}-offline` : undefined}
          >
            {t('contacts.group.create')}
          </button>
        </div>
        {list.offline && <OfflineNote id={`${id}-offline`} />}
      </form>
    </Dialog>
  );
}

function GroupDialog({ list, group, onClose }: { list: ContactList; group: Group; onClose: () => void }) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const id = useId();
  const renameGroup = useRoster((s) => s.renameGroup);
  const deleteGroup = useRoster((s) => s.deleteGroup);
  const startMeeting = useRoster((s) => s.startMeeting);
  const meetingsOn = useFeature('meetings');
  const expansion = useRoster((s) => s.expansions.get(group.id));
  const [name, setName] = useState(group.name);
  const [problem, setProblem] = useState<'nameRequired' | 'nameTaken' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const special = isSpecialGroup(group);
  const distribution = group.kind === 'distribution';
  const canRename = !special && !distribution && !list.offline;
  const canDelete = !special && !list.offline;
  const count = group.memberIds.length;
  // The group's people with an address; a distribution group's members once expanded, else its address.
  const people =
    distribution && expansion?.status === 'loaded'
      ? expansion.members
          .filter((m) => !m.isGroup)
          .map((m) => ({ email: m.email, displayName: m.displayName }))
      : distribution && group.smtp
        ? [{ email: group.smtp, displayName: group.name }]
        : group.memberIds.flatMap((memberId) => {
            const c = list.contacts.find((x) => x.id === memberId);
            return c?.email ? [{ email: c.email, displayName: c.displayName }] : [];
          });

  function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canRename) return;
    if (name.trim() === group.name) return onClose();
    const found = nameProblem(list, name, group.id);
    setProblem(found);
    if (found) return;
    void renameGroup(group.id, name);
    onClose();
  }

  if (confirming) {
    return (
      <Dialog
        key="confirm"
        title={
          distribution
            ? t('contacts.group.confirmRemoveDistributionTitle', { name: groupName(group) })
            : t('contacts.group.confirmDeleteTitle', { name: groupName(group) })
        }
        closeLabel={t('contacts.group.close')}
        onClose={onClose}
      >
        {/* The server's rule, said as it is: nobody leaves the list with the group. */}
        <p>
          {distribution
            ? t('contacts.group.confirmRemoveDistributionBody')
            : count === 0
              ? t('contacts.group.confirmDeleteEmpty')
              : t('contacts.group.confirmDeleteBody', { count })}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('contacts.group.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              void deleteGroup(group.id);
              onClose();
            }}
          >
            {distribution ? t('contacts.group.removeDistribution') : t('contacts.group.delete')}
          </button>
        </div>
      </Dialog>
    );
  }

  const explanation = special
    ? t('contacts.special')
    : distribution
      ? t('contacts.distributionReadOnly')
      : list.offline
        ? t('contacts.readOnly')
        : null;

  return (
    <Dialog
      key="manage"
      title={t('contacts.group.manageTitle', { name: groupName(group) })}
      closeLabel={t('contacts.group.close')}
      onClose={onClose}
    >
      {/* Only what can be done to this group is offered: a distribution group's name is the
          directory's, and Exchange's own groups have no action at all. Offline, the actions stay
          in place, disabled and explained, because they come back with the connection. */}
      <form className="form" noValidate onSubmit={onRename}>
        {meetingsOn && people.length > 0 && (
          <div className="dialog__actions dialog__actions--start">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                startMeeting(people);
                onClose();
              }}
            >
              {t('contacts.group.meet')}
            </button>
          </div>
        )}
        {!special && !distribution && (
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('contacts.group.name')}</label>
            <input
              id={`${id}-name`}
              type="text"
              maxLength={MAX_GROUP_NAME}
              value={name}
              readOnly={!canRename}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={
                [problem ? `${id}-problem` : null, explanation ? `${id}-why` : null]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            />
            {problem && (
              <p id={`${id}-problem`} className="field__error">
                {t(`contacts.group.${problem}`)}
              </p>
            )}
          </div>
        )}
        {explanation && (
          <p id={`${id}-why`} className="field__hint">
            {explanation}
          </p>
        )}
        {!special && (
          <div className="dialog__actions">
            <button
              type="button"
              className="button button--danger"
              disabled={!canDelete}
              aria-describedby={explanation ? `${id}-why` : undefined}
              onClick={() => setConfirming(true)}
            >
              {distribution ? t('contacts.group.removeDistribution') : t('contacts.group.delete')}
            </button>
            {!distribution && (
              <button
                type="submit"
                className="button button--primary"
                disabled={!canRename}
                aria-describedby={explanation ? `${id}-why` : undefined}
              >
                {t('contacts.group.rename')}
              </button>
            )}
          </div>
        )}
      </form>
    </Dialog>
  );
}

function ContactActionsDialog({
  list,
  contact,
  groupId,
  onClose,
  onRemove,
}: {
  list: ContactList;
  contact: Contact;
  groupId: string | null;
  onClose: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const id = useId();
  const selectContact = useRoster((s) => s.selectContact);
  const moveContact = useRoster((s) => s.moveContact);
  const removeFromGroup = useRoster((s) => s.removeContactFromGroup);
  const memberOf = list.groups.filter((g) => contact.groupIds.includes(g.id));
  const [from, setFrom] = useState(groupId ?? memberOf[0]?.id ?? '');
  const targets = list.groups.filter((g) => canHoldContacts(g) && !contact.groupIds.includes(g.id));
  const [to, setTo] = useState(targets[0]?.id ?? '');
  const fromGroup = list.groups.find((g) => g.id === from);
  const readOnly = list.offline;
  const offlineId = `${id}-offline`;
  const describedBy = readOnly ? offlineId : undefined;

  function move(copy: boolean) {
    if (!from || !to) return;
    void moveContact(contact.id, from, to, copy);
    onClose();
  }

  return (
    <Dialog
      title={t('contacts.contact.actionsTitle', { name: contact.displayName })}
      closeLabel={t('contacts.group.close')}
      onClose={onClose}
    >
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          selectContact(contact.id);
          onClose();
        }}
      >
        {t('contacts.contact.open')}
      </button>
      <fieldset className="form__fieldset">
        <legend>{t('contacts.contact.moveOrCopy')}</legend>
        {targets.length === 0 ? (
          <p className="field__hint">{t('contacts.contact.noTarget')}</p>
        ) : (
          <>
            {memberOf.length > 1 && (
              <div className="field">
                <label htmlFor={`${id}-from`}>{t('contacts.contact.from')}</label>
                <GroupSelect id={`${id}-from`} groups={memberOf} value={from} onChange={setFrom} />
              </div>
            )}
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('contacts.contact.target')}</label>
              <GroupSelect id={`${id}-to`} groups={targets} value={to} onChange={setTo} />
            </div>
            <div className="dialog__actions">
              <button
                type="button"
                className="button button--secondary"
                disabled={readOnly}
                aria-describedby={describedBy}
                onClick={() => move(true)}
              >
                {t('contacts.contact.copy')}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={readOnly}
                aria-describedby={describedBy}
                onClick={() => move(false)}
              >
                {t('contacts.contact.move')}
              </button>
            </div>
          </>
        )}
      </fieldset>
      <div className="dialog__actions dialog__actions--start">
        {fromGroup && (
          <button
            type="button"
            className="button button--secondary"
            disabled={readOnly}
            aria-describedby={describedBy}
            onClick={() => {
              void removeFromGroup(contact.id, fromGroup.id);
              onClose();
            }}
          >
            {t('contacts.contact.removeFromGroup', { group: groupName(fromGroup) })}
          </button>
        )}
        <button
          type="button"
          className="button button--danger"
          disabled={readOnly}
          aria-describedby={describedBy}
          onClick={onRemove}
        >
          {t('contacts.contact.remove')}
        </button>
      </div>
      {readOnly && <OfflineNote id={offlineId} />}
    </Dialog>
  );
}

function ConfirmRemoveDialog({
  list,
  contact,
  onClose,
}: {
  list: ContactList;
  contact: Contact;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const removeContact = useRoster((s) => s.removeContact);
  return (
    <Dialog
      title={t('contacts.contact.confirmRemoveTitle', { name: contact.displayName })}
      closeLabel={t('contacts.group.close')}
      onClose={onClose}
    >
      <p>{t('contacts.contact.confirmRemoveBody')}</p>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('contacts.group.cancel')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={list.offline}
          onClick={() => {
            void removeContact(contact.id);
            onClose();
          }}
        >
          {t('contacts.contact.confirm')}
        </button>
      </div>
    </Dialog>
  );
}

/** A choice among groups, by id. */
function GroupSelect({
  id,
  groups,
  value,
  onChange,
}: {
  id: string;
  groups: readonly Group[];
  value: string;
  onChange: (groupId: string) => void;
}) {
  const groupName = useGroupName();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {groups.map((g) => (
        <option key={g.id} value={g.id}>
          {groupName(g)}
        </option>
      ))}
    </select>
  );
}
