/**
 * What an edit did, when Exchange never said: the connection was lost after the request went out
 * (the EWS client's OutcomeUnknown), so the change may or may not have been made. The service reads
 * the list again and asks `reconcile` which it was, by comparing the list read back with the edit's
 * intended result; `outcomeError` words the answer for the user when it is not "done".
 *
 * Pure: no I/O, no clock. The rules look at the end state only, never at how it was reached, so
 * they hold whether the lost answer was the first call of an edit or its last.
 */
import type { Contact, ContactList, Group } from '../../../preload/contract';
import { AppError } from '../../errors';

/** An edit, as the result it is meant to have on the list. */
export type EditIntent =
  | {
      kind: 'add-contact';
      /** What identifies the contact: e-mail and IM addresses (lower case), telephone digits. */
      keys: readonly string[];
      groupId?: string;
    }
  | { kind: 'remove-contact'; contactId: string }
  | { kind: 'remove-from-group'; contactId: string; groupId: string }
  | { kind: 'move-contact'; contactId: string; fromGroupId: string; toGroupId: string; copy: boolean }
  | { kind: 'create-group'; name: string }
  | { kind: 'rename-group'; groupId: string; name: string }
  | { kind: 'delete-group'; groupId: string }
  | { kind: 'add-distribution-group'; smtp: string };

export type Reconciled =
  | { outcome: 'applied' }
  | { outcome: 'not-applied' }
  /**
   * Part of a two-step edit was made: `added-only` — the contact is in the new group but still in
   * the old one (a move); `removed-only` — out of the old group but not in the new one (a move);
   * `not-in-group` — the contact is in the list, but not in the group asked for.
   */
  | { outcome: 'partial'; part: 'added-only' | 'removed-only' | 'not-in-group' };

const APPLIED: Reconciled = { outcome: 'applied' };
const NOT_APPLIED: Reconciled = { outcome: 'not-applied' };

const fold = (s: string): string => s.trim().toLowerCase();
const digits = (n: string): string => n.replace(/[^0-9+]/g, '');

/** Every key a contact can be recognised by (see EditIntent add-contact). */
export function contactKeys(c: Pick<Contact, 'email' | 'imAddress' | 'phones'>): string[] {
  const keys: string[] = [];
  if (c.email) keys.push(fold(c.email));
  if (c.imAddress) keys.push(fold(c.imAddress.replace(/^sip:/i, '')));
  for (const p of c.phones) {
    const d = digits(p.number);
    if (d) keys.push(d);
  }
  return keys;
}

const inGroup = (l: ContactList, contactId: string, groupId: string): boolean =>
  l.contacts.find((c) => c.id === contactId)?.groupIds.includes(groupId) ?? false;

/** Given the intended edit, the list before it and the list read back after: what happened. */
export function reconcile(intent: EditIntent, before: ContactList, after: ContactList): Reconciled {
  switch (intent.kind) {
    case 'add-contact': {
      const wanted = new Set(intent.keys.map(fold));
      const found = after.contacts.find((c) => contactKeys(c).some((k) => wanted.has(k)));
      if (!found) return NOT_APPLIED;
      if (!intent.groupId || found.groupIds.includes(intent.groupId)) return APPLIED;
      // In the list but not in the group: new since the edit means half of it was made.
      const existed = before.contacts.some((c) => c.id === found.id);
      return existed ? NOT_APPLIED : { outcome: 'partial', part: 'not-in-group' };
    }
    case 'remove-contact':
      return after.contacts.some((c) => c.id === intent.contactId) ? NOT_APPLIED : APPLIED;
    case 'remove-from-group':
      return inGroup(after, intent.contactId, intent.groupId) ? NOT_APPLIED : APPLIED;
    case 'move-contact': {
      const inTo = inGroup(after, intent.contactId, intent.toGroupId);
      if (intent.copy) return inTo ? APPLIED : NOT_APPLIED;
      const inFrom = inGroup(after, intent.contactId, intent.fromGroupId);
      if (inTo && !inFrom) return APPLIED;
      if (inTo) return { outcome: 'partial', part: 'added-only' };
      if (!inFrom && inGroup(before, intent.contactId, intent.fromGroupId))
        return { outcome: 'partial', part: 'removed-only' };
      return NOT_APPLIED;
    }
    case 'create-group': {
      const known = new Set(before.groups.map((g) => g.id));
      const made = after.groups.some(
        (g) => !known.has(g.id) && g.kind === 'user' && fold(g.name) === fold(intent.name),
      );
      return made ? APPLIED : NOT_APPLIED;
    }
    case 'rename-group':
      return after.groups.find((g) => g.id === intent.groupId)?.name === intent.name.trim()
        ? APPLIED
        : NOT_APPLIED;
    case 'delete-group':
      return after.groups.some((g) => g.id === intent.groupId) ? NOT_APPLIED : APPLIED;
    case 'add-distribution-group':
      return after.groups.some(
        (g) => g.kind === 'distribution' && g.smtp !== undefined && fold(g.smtp) === fold(intent.smtp),
      )
        ? APPLIED
        : NOT_APPLIED;
  }
}

const quoted = (g: Group | undefined): string => (g ? `“${g.name}”` : 'the group');

/**
 * The error to answer with when the edit was not (fully) made; null when it was. `list` is the list
 * the names are taken from (the one before the edit knows every group the edit mentions).
 */
export function outcomeError(intent: EditIntent, result: Reconciled, list: ContactList): AppError | null {
  if (result.outcome === 'applied') return null;
  if (result.outcome === 'not-applied')
    return new AppError(
      'network',
      'The connection to Exchange was lost during the change. Roster checked the contact list: the change was not made. Try again.',
      { code: 'EditNotApplied' },
    );
  const group = (id: string | undefined): Group | undefined => list.groups.find((g) => g.id === id);
  const from = intent.kind === 'move-contact' ? group(intent.fromGroupId) : undefined;
  const to =
    intent.kind === 'move-contact'
      ? group(intent.toGroupId)
      : intent.kind === 'add-contact'
        ? group(intent.groupId)
        : undefined;
  const text =
    result.part === 'added-only'
      ? `the contact was added to ${quoted(to)} but is still in ${quoted(from)}.`
      : result.part === 'removed-only'
        ? `the contact was taken out of ${quoted(from)} but not added to ${quoted(to)}.`
        : `the contact was added to your list but not to ${quoted(to)}.`;
  return new AppError(
    'network',
    `The connection to Exchange was lost during the change, and only part of it was made: ${text} The list shows what Exchange has.`,
    { code: 'EditPartlyApplied' },
  );
}
