/**
 * The contact list's pure logic: folded search keys, filtering, sorting, the flattened rows the
 * virtualised list draws, and the optimistic edits the store applies before main answers.
 *
 * No React, no DOM: it runs in Node for unit tests and the filter benchmark (tsconfig.node.json
 * type-checks it with lib ES2023 only).
 */
import type {
  AddContactRequest,
  Contact,
  ContactList,
  DirectoryEntry,
  Group,
  PresenceInfo,
} from '../preload/contract';
import { byAvailability } from './presence-model';

// ---------------------------------------------------------------------------------------------
// Folding and the search index
// ---------------------------------------------------------------------------------------------

const COMBINING_MARKS = /\p{M}/gu;
const NON_ASCII = /[^\t\n\r -~]/;

/** Case- and accent-insensitive form of a text: NFD, combining marks stripped, lower-cased. */
export function fold(text: string): string {
  // Most addresses and many names are plain ASCII: skip the (costly) normalisation for them.
  // Stryker disable next-line ConditionalExpression: the ASCII fast path gives what NFD would; only speed differs
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/**
 * Folded texts already seen (titles, departments and names repeat across a list, and a new list
 * after each edit holds the same texts): kept across lists, dropped wholesale when it grows large.
 */
const folded = new Map<string, string>();
const FOLD_CACHE_LIMIT = 100_000;

function foldCached(text: string): string {
  let value = folded.get(text);
  // Stryker disable next-line ConditionalExpression: folding again gives the cached text; only speed differs
  if (value === undefined) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: when the cache is emptied changes only speed
    if (folded.size >= FOLD_CACHE_LIMIT) folded.clear();
    value = fold(text);
    folded.set(text, value);
  }
  return value;
}

/** The row key of a group header, and of a contact shown under a group (see flattenRows). */
export const groupRowKey = (groupId: string): string => `g:${groupId}`;
export const contactRowKey = (contactId: string, groupId: string | null): string =>
  groupId === null ? `c:${contactId}` : `c:${groupId}:${contactId}`;

/** The text a contact is found by: name, addresses, title, department (and phone numbers). */
export function searchKey(contact: Contact): string {
  let key = foldCached(contact.displayName);
  for (const part of [contact.email, contact.imAddress, contact.title, contact.department])
    if (part) key += '\n' + foldCached(part);
  for (const phone of contact.phones) key += '\n' + phone.number;
  return key;
}

/** The filter's words, folded; an empty array matches everything. */
export function queryTokens(query: string): string[] {
  // An empty token matches every key and every group name, so blank tokens are only left out for
  // speed: these mutants are equivalent.
  return (
    // Stryker disable next-line MethodExpression: see above
    fold(query)
      // Stryker disable next-line Regex: see above
      .split(/\s+/)
      // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
      .filter((token) => token.length > 0)
  );
}

export function matchesTokens(key: string, tokens: readonly string[]): boolean {
  for (const token of tokens) if (!key.includes(token)) return false;
  return true;
}

/** A compare function for display names in the UI language. */
export type NameCompare = (a: string, b: string) => number;

export function nameCollator(language: string): NameCompare {
  const collator = new Intl.Collator(language, {
    sensitivity: 'base',
    numeric: true,
    ignorePunctuation: true,
  });
  return (a, b) => collator.compare(a, b);
}

/**
 * Everything that depends only on the list (and the language): built once per list, so a
 * keystroke in the filter box only walks precomputed keys in precomputed orders.
 */
export type ContactIndex = {
  list: ContactList;
  byId: ReadonlyMap<string, Contact>;
  /** Folded search key per contact id. */
  keys: ReadonlyMap<string, string>;
  /** Every contact, sorted by name. */
  byName: readonly Contact[];
  /** Each group's members (those present in the list), sorted by name. */
  byGroup: ReadonlyMap<string, readonly Contact[]>;
  /** The name order (the UI language's), for what is not in the list: distribution-group members. */
  compare: NameCompare;
};

export function buildIndex(list: ContactList, compare: NameCompare): ContactIndex {
  const byId = new Map<string, Contact>();
  const keys = new Map<string, string>();
  for (const contact of list.contacts) {
    byId.set(contact.id, contact);
    keys.set(contact.id, searchKey(contact));
  }
  const byNameCompare = (a: Contact, b: Contact) =>
    compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byName = [...list.contacts].sort(byNameCompare);
  const rank = new Map<string, number>();
  byName.forEach((contact, i) => rank.set(contact.id, i));
  const byGroup = new Map<string, Contact[]>();
  for (const group of list.groups) {
    const seen = new Set<string>();
    const members: Contact[] = [];
    for (const id of group.memberIds) {
      const contact = byId.get(id);
      if (contact && !seen.has(id)) {
        seen.add(id);
        members.push(contact);
      }
    }
    members.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    byGroup.set(group.id, members);
  }
  return { list, byId, keys, byName, byGroup, compare };
}

/** The contacts matching the filter, in name order (the per-keystroke work). */
export function filterContacts(index: ContactIndex, query: string): Contact[] {
  const tokens = queryTokens(query);
  // Stryker disable next-line ConditionalExpression: no tokens match everyone; the short cut is for speed
  if (tokens.length === 0) return [...index.byName];
  // Stryker disable next-line StringLiteral: every contact of the index has a key
  return index.byName.filter((c) => matchesTokens(index.keys.get(c.id) ?? '', tokens));
}

// ---------------------------------------------------------------------------------------------
// Rows: what the virtualised list draws
// ---------------------------------------------------------------------------------------------

/** How the list is arranged. Add a key (and a case in flattenRows) to add a sort (availability…). */
export type SortKey = 'name' | 'group' | 'availability';
export const sortKeys: readonly SortKey[] = ['group', 'name', 'availability'];

/** A distribution group's members, fetched on demand. */
export type Expansion =
  { status: 'loading' } | { status: 'loaded'; members: readonly DirectoryEntry[] } | { status: 'failed' };

export type GroupRow = {
  kind: 'group';
  key: string;
  group: Group;
  /** Contacts shown under it (matching the filter), or members for a loaded distribution group. */
  count: number;
  expanded: boolean;
  /** 1-based position among the group rows, and how many there are. */
  posInSet: number;
  setSize: number;
};
export type ContactRow = {
  kind: 'contact';
  key: string;
  contact: Contact;
  /** The group it is shown under (null when sorted by name). */
  groupId: string | null;
  level: 1 | 2;
  posInSet: number;
  setSize: number;
};
export type MemberRow = {
  kind: 'member';
  key: string;
  entry: DirectoryEntry;
  groupId: string;
  posInSet: number;
  setSize: number;
};
/** "Loading members…", "Couldn't load members", "No members". */
export type NoteRow = { kind: 'note'; key: string; groupId: string; note: 'loading' | 'failed' | 'empty' };
export type Row = GroupRow | ContactRow | MemberRow | NoteRow;

export type FlattenOptions = {
  query: string;
  sort: SortKey;
  /** Groups the user collapsed (user, favorites, other). */
  collapsed: ReadonlySet<string>;
  /** Distribution groups the user expanded, with what is known of their members. */
  expansions: ReadonlyMap<string, Expansion>;
  /** For sorting by availability: a contact's presence, when known. */
  presenceOf?: (contact: Contact) => PresenceInfo | undefined;
  /** The name a group is shown with (Favorites in the UI language): a filter may name it too. */
  groupLabel?: (group: Group) => string;
};

/** The last filter's matches per index (id → key), and the words that found them. */
const lastMatches = new WeakMap<
  ContactIndex,
  { tokens: readonly string[]; keys: ReadonlyMap<string, string> }
>();

/** Whatever `after` matches, `before` matches too: each earlier word is inside the word now in its place. */
export function narrows(before: readonly string[], after: readonly string[]): boolean {
  return before.length <= after.length && before.every((token, i) => after[i]?.includes(token) === true);
}

/** The ids (with their keys) of the contacts the filter's words find; null when there are no words. */
function matchingSet(index: ContactIndex, tokens: readonly string[]): ReadonlyMap<string, string> | null {
  // Stryker disable next-line ConditionalExpression: a set of everyone filters nothing, as null does
  if (tokens.length === 0) return null;
  // Typing on ("mar" → "mart") only looks among what the last filter found.
  const last = lastMatches.get(index);
  const from = last && narrows(last.tokens, tokens) ? last.keys : index.keys;
  const keys = new Map<string, string>();
  for (const [id, key] of from) if (matchesTokens(key, tokens)) keys.set(id, key);
  lastMatches.set(index, { tokens, keys });
  return keys;
}

function memberMatches(entry: DirectoryEntry, tokens: readonly string[]): boolean {
  // Stryker disable next-line ConditionalExpression: no tokens match any key; the short cut is for speed
  if (tokens.length === 0) return true;
  const key = fold(
    [entry.displayName, entry.email, entry.imAddress ?? '', entry.title ?? '', entry.department ?? ''].join(
      '\n',
    ),
  );
  return matchesTokens(key, tokens);
}

/** The rows to draw: group headers and their contacts (server order), or one sorted list. */
export function flattenRows(index: ContactIndex, options: FlattenOptions): Row[] {
  const tokens = queryTokens(options.query);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with no tokens every group counts as named, so all show anyway
  const filtering = tokens.length > 0;

  if (options.sort === 'name' || options.sort === 'availability') {
    const byName = filtering ? filterContacts(index, options.query) : index.byName;
    const presenceOf = options.presenceOf;
    const contacts =
      options.sort === 'availability' && presenceOf ? byAvailability(byName, presenceOf) : byName;
    return contacts.map((contact, i) => ({
      kind: 'contact',
      key: contactRowKey(contact.id, null),
      contact,
      groupId: null,
      level: 1,
      posInSet: i + 1,
      setSize: contacts.length,
    }));
  }

  const matching = matchingSet(index, tokens);
  type Section = { group: Group; contacts: readonly Contact[]; members: readonly DirectoryEntry[] | null };
  const sections: Section[] = [];
  for (const group of index.list.groups) {
    // Stryker disable next-line ArrayDeclaration: buildIndex gives every group of the list an entry
    const all = index.byGroup.get(group.id) ?? [];
    // A filter that names the group shows the whole group.
    const label = options.groupLabel?.(group);
    const groupNamed =
      filtering &&
      (matchesTokens(fold(group.name), tokens) || (!!label && matchesTokens(fold(label), tokens)));
    const contacts = matching && !groupNamed ? all.filter((c) => matching.has(c.id)) : all;
    const expansion = options.expansions.get(group.id);
    const members =
      group.kind === 'distribution' && expansion?.status === 'loaded'
        ? expansion.members
            .filter((m) => groupNamed || memberMatches(m, tokens))
            .sort((a, b) => index.compare(a.displayName, b.displayName))
        : null;
    // While filtering, a group with nothing to show is left out (unless the filter names it).
    if (filtering && !groupNamed && contacts.length === 0 && (members === null || members.length === 0))
      continue;
    sections.push({ group, contacts, members });
  }

  const rows: Row[] = [];
  sections.forEach(({ group, contacts, members }, g) => {
    const isDistribution = group.kind === 'distribution';
    const expanded = isDistribution ? options.expansions.has(group.id) : !options.collapsed.has(group.id);
    rows.push({
      kind: 'group',
      key: groupRowKey(group.id),
      group,
      count: isDistribution && members ? members.length : contacts.length,
      expanded,
      posInSet: g + 1,
      setSize: sections.length,
    });
    if (!expanded) return;
    if (isDistribution) {
      const expansion = options.expansions.get(group.id);
      if (!expansion || expansion.status === 'loading')
        rows.push({ kind: 'note', key: `n:${group.id}`, groupId: group.id, note: 'loading' });
      else if (expansion.status === 'failed')
        rows.push({ kind: 'note', key: `n:${group.id}`, groupId: group.id, note: 'failed' });
      else if (members && members.length === 0)
        rows.push({ kind: 'note', key: `n:${group.id}`, groupId: group.id, note: 'empty' });
      else
        // Stryker disable next-line ArrayDeclaration: a loaded distribution group always has members here
        (members ?? []).forEach((entry, i, all) =>
          rows.push({
            kind: 'member',
            key: `m:${group.id}:${entry.email}:${i}`,
            entry,
            groupId: group.id,
            posInSet: i + 1,
            setSize: all.length,
          }),
        );
      return;
    }
    contacts.forEach((contact, i) =>
      rows.push({
        kind: 'contact',
        key: contactRowKey(contact.id, group.id),
        contact,
        groupId: group.id,
        level: 2,
        posInSet: i + 1,
        setSize: contacts.length,
      }),
    );
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Groups and optimistic edits (what the list will look like once main agrees)
// ---------------------------------------------------------------------------------------------

/** Favorites and Other Contacts are the server's: they cannot be renamed or deleted. */
export const isSpecialGroup = (group: Group): boolean => group.kind === 'favorites' || group.kind === 'other';

/**
 * For contacts whose names collide (two "Jean Martin"), the detail that tells them apart: the
 * first of department, office, company or address that differs among them. Contacts with a name
 * of their own get nothing (the map is usually empty).
 */
export function namesakeDetails(contacts: readonly Contact[]): ReadonlyMap<string, string> {
  const byName = new Map<string, Contact[]>();
  for (const c of contacts) {
    const key = fold(c.displayName.trim());
    const same = byName.get(key);
    if (same) same.push(c);
    else byName.set(key, [c]);
  }
  const out = new Map<string, string>();
  const fields: ReadonlyArray<(c: Contact) => string | undefined> = [
    (c) => c.department,
    (c) => c.office,
    (c) => c.company,
    (c) => c.email ?? c.imAddress ?? c.phones[0]?.number,
  ];
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    const field =
      fields.find((f) => new Set(same.map((c) => f(c) ?? '')).size === same.length) ??
      fields.find((f) => new Set(same.map((c) => f(c) ?? '')).size > 1);
    if (!field) continue;
    for (const c of same) {
      const value = field(c);
      if (value) out.set(c.id, value);
    }
  }
  return out;
}

/**
 * Whether a group has anything a user can do to it (rename, delete): Favorites and Other Contacts
 * are Exchange's own and have nothing, so they offer no actions rather than a dialog of disabled
 * buttons.
 */
export const hasGroupActions = (group: Group): boolean => !isSpecialGroup(group);

/** Groups a contact can be added to, moved to or copied to (not distribution groups). */
export const canHoldContacts = (group: Group): boolean => group.kind !== 'distribution';

export const isFull = (list: ContactList): boolean => list.contacts.length >= list.limit;

/** Ids given to items that exist only locally until main answers. */
export const PENDING_PREFIX = 'pending:';
export const isPending = (id: string): boolean => id.startsWith(PENDING_PREFIX);

function withGroups(list: ContactList, groups: Group[], contacts: Contact[] = list.contacts): ContactList {
  return { ...list, groups, contacts };
}

export function applyCreateGroup(list: ContactList, name: string): ContactList {
  const group: Group = {
    id: `${PENDING_PREFIX}group:${name}`,
    name: name.trim(),
    kind: 'user',
    memberIds: [],
  };
  return withGroups(list, [...list.groups, group]);
}

export function applyRenameGroup(list: ContactList, groupId: string, name: string): ContactList {
  return withGroups(
    list,
    list.groups.map((g) => (g.id === groupId ? { ...g, name: name.trim() } : g)),
  );
}

/** Deleting a group drops it; contacts left in no group leave the list. */
/**
 * Exchange's rule, as the server applies it: a contact taken out of its last group (but Other
 * Contacts) is not deleted, it goes to Other Contacts; taken out of Other Contacts as well, it
 * leaves the list. Distribution groups are not a home.
 */
function rehome(list: ContactList, groups: Group[], contactIds: readonly string[]): ContactList {
  const other = groups.find((g) => g.kind === 'other');
  const homeless = new Set(
    contactIds.filter((id) => !groups.some((g) => g.kind !== 'distribution' && g.memberIds.includes(id))),
  );
  // Stryker disable next-line ConditionalExpression: with nobody homeless the rest rebuilds an equal list
  if (homeless.size === 0) return withGroups(list, groups);
  const contacts = list.contacts
    .filter((c) => !homeless.has(c.id) || other)
    .map((c) => (homeless.has(c.id) && other ? { ...c, groupIds: [...c.groupIds, other.id] } : c));
  const rehomed = groups.map((g) =>
    g === other
      ? // Stryker disable next-line MethodExpression: a homeless contact is in no home group, so never already in Other Contacts
        { ...g, memberIds: [...g.memberIds, ...[...homeless].filter((id) => !g.memberIds.includes(id))] }
      : g,
  );
  return withGroups(list, rehomed, contacts);
}

/** Delete a group: its contacts stay, those in no other group go to Other Contacts. */
export function applyDeleteGroup(list: ContactList, groupId: string): ContactList {
  const deleted = list.groups.find((g) => g.id === groupId);
  const groups = list.groups.filter((g) => g.id !== groupId);
  const contacts = list.contacts.map((c) =>
    c.groupIds.includes(groupId) ? { ...c, groupIds: c.groupIds.filter((id) => id !== groupId) } : c,
  );
  return rehome(withGroups(list, groups, contacts), groups, deleted?.memberIds ?? []);
}

/** Remove from one group: out of its last group it goes to Other Contacts; out of Other Contacts, away. */
export function applyRemoveFromGroup(list: ContactList, contactId: string, groupId: string): ContactList {
  const groups = list.groups.map((g) =>
    g.id === groupId ? { ...g, memberIds: g.memberIds.filter((id) => id !== contactId) } : g,
  );
  const contacts = list.contacts.map((c) =>
    c.id === contactId ? { ...c, groupIds: c.groupIds.filter((id) => id !== groupId) } : c,
  );
  const from = list.groups.find((g) => g.id === groupId);
  if (from?.kind === 'other') {
    const stays = groups.some((g) => g.kind !== 'distribution' && g.memberIds.includes(contactId));
    return withGroups(list, groups, stays ? contacts : contacts.filter((c) => c.id !== contactId));
  }
  return rehome(withGroups(list, groups, contacts), groups, [contactId]);
}

export function applyRemoveContact(list: ContactList, contactId: string): ContactList {
  const groups = list.groups.map((g) =>
    g.memberIds.includes(contactId) ? { ...g, memberIds: g.memberIds.filter((id) => id !== contactId) } : g,
  );
  return withGroups(
    list,
    groups,
    list.contacts.filter((c) => c.id !== contactId),
  );
}

export function applyMoveContact(
  list: ContactList,
  contactId: string,
  fromGroupId: string,
  toGroupId: string,
  copy: boolean,
): ContactList {
  const groups = list.groups.map((g) => {
    if (g.id === toGroupId && !g.memberIds.includes(contactId))
      return { ...g, memberIds: [...g.memberIds, contactId] };
    if (g.id === fromGroupId && !copy)
      return { ...g, memberIds: g.memberIds.filter((id) => id !== contactId) };
    return g;
  });
  const contacts = list.contacts.map((c) => {
    if (c.id !== contactId) return c;
    const kept = copy ? c.groupIds : c.groupIds.filter((id) => id !== fromGroupId);
    return { ...c, groupIds: kept.includes(toGroupId) ? kept : [...kept, toGroupId] };
  });
  return withGroups(list, groups, contacts);
}

/** A placeholder contact shown while main adds the real one. */
export function applyAddContact(list: ContactList, request: AddContactRequest): ContactList {
  const groupId = request.groupId ?? list.groups.find((g) => g.kind === 'other')?.id;
  if (!groupId) return list;
  const source = request.source;
  const address =
    source.kind === 'directory' ? source.email : source.kind === 'im' ? source.imAddress : source.number;
  const existing =
    source.kind === 'directory'
      ? list.contacts.find((c) => c.email?.toLowerCase() === source.email.toLowerCase())
      : undefined;
  if (existing) return applyMoveContact(list, existing.id, groupId, groupId, true);
  const contact: Contact = {
    id: `${PENDING_PREFIX}contact:${address}`,
    displayName: source.displayName?.trim() || address,
    ...(source.kind === 'directory' ? { email: source.email } : {}),
    ...(source.kind === 'im' ? { imAddress: source.imAddress.replace(/^sip:/i, '') } : {}),
    phones: source.kind === 'phone' ? [{ kind: 'other', number: source.number }] : [],
    telephoneOnly: source.kind === 'phone',
    groupIds: [groupId],
  };
  const groups = list.groups.map((g) =>
    g.id === groupId ? { ...g, memberIds: [...g.memberIds, contact.id] } : g,
  );
  return withGroups(list, groups, [...list.contacts, contact]);
}
