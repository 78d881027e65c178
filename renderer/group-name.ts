import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../preload/contract';

/**
 * The name a group is shown with. Favorites and Other Contacts are Exchange's own groups: the
 * server names them in its own words (often English), so the UI says them in the UI language.
 * The server's name is never changed and stays what is sent on the wire; user and distribution
 * groups keep the name their owner gave them.
 */
export function useGroupName(): (group: Pick<Group, 'kind' | 'name'>) => string {
  const { t } = useTranslation();
  return useCallback(
    (group) =>
      group.kind === 'favorites'
        ? t('contacts.specialGroups.favorites')
        : group.kind === 'other'
          ? t('contacts.specialGroups.other')
          : group.name,
    [t],
  );
}
