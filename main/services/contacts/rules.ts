/**
 * What the contacts service refuses before it asks Exchange, as pure functions: the list's limit,
 * special groups that cannot be renamed or deleted, distribution groups that cannot receive
 * contacts, a move onto the same group. One copy of each rule: the service calls these, and the
 * renderer tests' fake bridge calls the same ones instead of writing its own.
 */
import { AppError } from '../../errors';
import type { ContactList, Group } from '../../../preload/contract';

export const isSpecialGroup = (g: Group | undefined): boolean =>
  g?.kind === 'favorites' || g?.kind === 'other';

/** Adding one more contact to a full list. */
export function fullListError(list: ContactList): AppError | null {
  if (list.contacts.length < list.limit) return null;
  return new AppError(
    'bad-input',
    `Your contact list is full: it holds at most ${list.limit.toLocaleString('en')} contacts. Remove a contact before adding another.`,
    { code: 'ContactListFull' },
  );
}

/** Adding or moving a contact into a group that cannot hold contacts. */
export function targetGroupError(list: ContactList, groupId: string | undefined): AppError | null {
  if (!groupId) return null;
  const g = list.groups.find((x) => x.id === groupId);
  if (g?.kind !== 'distribution') return null;
  return new AppError('bad-input', 'Contacts cannot be added to a distribution group.', {
    code: 'DistributionGroupTarget',
  });
}

export function sameGroupError(fromGroupId: string, toGroupId: string): AppError | null {
  if (fromGroupId !== toGroupId) return null;
  return new AppError('bad-input', 'The contact is already in that group.', { code: 'SameGroup' });
}

/** Favorites and Other Contacts are Exchange's own: they cannot be renamed or deleted. */
export function specialGroupError(
  list: ContactList,
  groupId: string,
  action: 'renamed' | 'deleted',
): AppError | null {
  const g = list.groups.find((x) => x.id === groupId);
  if (!isSpecialGroup(g)) return null;
  return new AppError('bad-input', `The ${g?.name ?? ''} group cannot be ${action}.`, {
    code: 'SpecialGroup',
  });
}
