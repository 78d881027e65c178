/** What an edit whose answer was lost actually did, decided from the list read back. */
import { describe, expect, it } from 'vitest';
import type { Contact, ContactList, Group } from '../../../../../preload/contract';
import {
  outcomeError,
  reconcile,
  type EditIntent,
  type Reconciled,
} from '../../../../../main/services/contacts/reconcile';

const group = (id: string, name: string, kind: Group['kind'] = 'user', smtp?: string): Group => ({
  id,
  name,
  kind,
  memberIds: [],
  ...(smtp ? { smtp } : {}),
});
const contact = (id: string, groupIds: string[], more: Partial<Contact> = {}): Contact => ({
  id,
  displayName: id,
  phones: [],
  telephoneOnly: false,
  groupIds,
  ...more,
});
/** A list with groups Favorites (fav), Other (oth), Friends (g1), Work (g2) and the given contacts. */
const list = (contacts: Contact[], extraGroups: Group[] = []): ContactList => {
  const groups = [
    group('fav', 'Favorites', 'favorites'),
    group('oth', 'Other Contacts', 'other'),
    group('g1', 'Friends'),
    group('g2', 'Work'),
    ...extraGroups,
  ].map((g) => ({ ...g, memberIds: contacts.filter((c) => c.groupIds.includes(g.id)).map((c) => c.id) }));
  return { groups, contacts, fetchedAt: null, fromCache: false, offline: false, limit: 1000 };
};

const renamed = (id: string, name: string): ContactList => {
  const l = list([]);
  return { ...l, groups: l.groups.map((g) => (g.id === id ? { ...g, name } : g)) };
};

const ann = (groupIds: string[]): Contact =>
  contact('ann', groupIds, { email: 'Ann@Contoso.test', imAddress: 'ann@contoso.test' });
const tel = (groupIds: string[]): Contact =>
  contact('tel', groupIds, { telephoneOnly: true, phones: [{ kind: 'other', number: '+1 (425) 555-0199' }] });

const APPLIED: Reconciled = { outcome: 'applied' };
const NOT: Reconciled = { outcome: 'not-applied' };

const cases: Array<[string, EditIntent, ContactList, ContactList, Reconciled]> = [
  // add a contact (by address or telephone number), into a group or not
  [
    'new contact, in the group',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g1' },
    list([]),
    list([ann(['g1'])]),
    APPLIED,
  ],
  [
    'new contact, keys in another case',
    { kind: 'add-contact', keys: ['ANN@contoso.test'] },
    list([]),
    list([ann(['oth'])]),
    APPLIED,
  ],
  [
    'new contact, not there',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g1' },
    list([]),
    list([]),
    NOT,
  ],
  [
    'new contact, in the list but not in the group',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g1' },
    list([]),
    list([ann(['oth'])]),
    { outcome: 'partial', part: 'not-in-group' },
  ],
  [
    'existing contact into a group: done',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g2' },
    list([ann(['g1'])]),
    list([ann(['g1', 'g2'])]),
    APPLIED,
  ],
  [
    'existing contact into a group: not done',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g2' },
    list([ann(['g1'])]),
    list([ann(['g1'])]),
    NOT,
  ],
  [
    'telephone number, matched by digits',
    { kind: 'add-contact', keys: ['+14255550199'], groupId: 'g1' },
    list([]),
    list([tel(['g1'])]),
    APPLIED,
  ],
  // remove
  [
    'remove contact: gone',
    { kind: 'remove-contact', contactId: 'ann' },
    list([ann(['g1'])]),
    list([]),
    APPLIED,
  ],
  [
    'remove contact: still there',
    { kind: 'remove-contact', contactId: 'ann' },
    list([ann(['g1'])]),
    list([ann(['g1'])]),
    NOT,
  ],
  [
    'remove from group: out',
    { kind: 'remove-from-group', contactId: 'ann', groupId: 'g1' },
    list([ann(['g1', 'g2'])]),
    list([ann(['g2'])]),
    APPLIED,
  ],
  [
    'remove from group: still in',
    { kind: 'remove-from-group', contactId: 'ann', groupId: 'g1' },
    list([ann(['g1', 'g2'])]),
    list([ann(['g1', 'g2'])]),
    NOT,
  ],
  // move and copy
  [
    'move: done',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: false },
    list([ann(['g1'])]),
    list([ann(['g2'])]),
    APPLIED,
  ],
  [
    'move: nothing done',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: false },
    list([ann(['g1'])]),
    list([ann(['g1'])]),
    NOT,
  ],
  [
    'move: added, not removed',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: false },
    list([ann(['g1'])]),
    list([ann(['g1', 'g2'])]),
    { outcome: 'partial', part: 'added-only' },
  ],
  [
    'move: removed, not added',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: false },
    list([ann(['g1', 'fav'])]),
    list([ann(['fav'])]),
    { outcome: 'partial', part: 'removed-only' },
  ],
  [
    'copy: done',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: true },
    list([ann(['g1'])]),
    list([ann(['g1', 'g2'])]),
    APPLIED,
  ],
  [
    'copy: not done',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: true },
    list([ann(['g1'])]),
    list([ann(['g1'])]),
    NOT,
  ],
  // groups
  [
    'create group: there, new id',
    { kind: 'create-group', name: ' Team ' },
    list([]),
    list([], [group('g9', 'Team')]),
    APPLIED,
  ],
  ['create group: not there', { kind: 'create-group', name: 'Team' }, list([]), list([]), NOT],
  [
    'create group: only an older group of that name',
    { kind: 'create-group', name: 'friends' },
    list([]),
    list([]),
    NOT,
  ],
  [
    'rename group: new name',
    { kind: 'rename-group', groupId: 'g1', name: 'Pals ' },
    list([]),
    renamed('g1', 'Pals'),
    APPLIED,
  ],
  ['rename group: old name', { kind: 'rename-group', groupId: 'g1', name: 'Pals' }, list([]), list([]), NOT],
  [
    'rename group: group gone',
    { kind: 'rename-group', groupId: 'g1', name: 'Pals' },
    list([]),
    { ...list([]), groups: [] },
    NOT,
  ],
  [
    'delete group: gone',
    { kind: 'delete-group', groupId: 'g1' },
    list([]),
    { ...list([]), groups: list([]).groups.filter((g) => g.id !== 'g1') },
    APPLIED,
  ],
  ['delete group: still there', { kind: 'delete-group', groupId: 'g1' }, list([]), list([]), NOT],
  [
    'distribution group: added',
    { kind: 'add-distribution-group', smtp: 'DL-Sales@contoso.test' },
    list([]),
    list([], [group('d1', 'Sales', 'distribution', 'dl-sales@contoso.test')]),
    APPLIED,
  ],
  [
    'distribution group: not added',
    { kind: 'add-distribution-group', smtp: 'dl-sales@contoso.test' },
    list([]),
    list([]),
    NOT,
  ],
  // the edges (issue 24: mutation testing)
  [
    'remove contact: others stay, it is gone',
    { kind: 'remove-contact', contactId: 'ann' },
    list([ann(['g1']), tel(['g1'])]),
    list([tel(['g1'])]),
    APPLIED,
  ],
  [
    'remove from group: another contact still in it',
    { kind: 'remove-from-group', contactId: 'ann', groupId: 'g1' },
    list([tel(['g1']), ann(['g1'])]),
    list([tel(['g1']), ann(['g2'])]),
    APPLIED,
  ],
  [
    'new contact beside others, in the list but not in the group',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g1' },
    list([tel(['g1'])]),
    list([tel(['g1']), ann(['oth'])]),
    { outcome: 'partial', part: 'not-in-group' },
  ],
  [
    'new contact found by one key of several',
    { kind: 'add-contact', keys: ['ann@contoso.test'] },
    list([]),
    list([
      contact('ann', ['oth'], { email: 'ann@contoso.test', phones: [{ kind: 'mobile', number: '+1 555' }] }),
    ]),
    APPLIED,
  ],
  [
    'new contact known only by IM address, with sip: and another case',
    { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g1' },
    list([]),
    list([contact('ann', ['g1'], { imAddress: 'sip:ANN@Contoso.test' })]),
    APPLIED,
  ],
  [
    'a contact whose number has no digits is not matched by an empty key',
    { kind: 'add-contact', keys: [''], groupId: 'g1' },
    list([]),
    list([contact('x', ['g1'], { phones: [{ kind: 'other', number: 'ext.' }] })]),
    NOT,
  ],
  [
    'move: in neither group before nor after is not a half move',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: false },
    list([ann(['fav'])]),
    list([ann(['fav'])]),
    NOT,
  ],
  [
    'move: contact gone altogether',
    { kind: 'move-contact', contactId: 'ann', fromGroupId: 'g1', toGroupId: 'g2', copy: false },
    list([ann(['g1'])]),
    list([]),
    { outcome: 'partial', part: 'removed-only' },
  ],
  [
    'create group: a new group of that name, but not a user group',
    { kind: 'create-group', name: 'Sales' },
    list([]),
    list([], [group('d1', 'Sales', 'distribution', 'dl@contoso.test')]),
    NOT,
  ],
  [
    'create group: a new group of another name',
    { kind: 'create-group', name: 'Team' },
    list([]),
    list([], [group('g9', 'Teams')]),
    NOT,
  ],
  [
    'create group: same name in another case',
    { kind: 'create-group', name: 'TEAM' },
    list([]),
    list([], [group('g9', 'team')]),
    APPLIED,
  ],
  [
    'distribution group: a user group is not it',
    { kind: 'add-distribution-group', smtp: 'dl-sales@contoso.test' },
    list([]),
    list([], [group('u1', 'dl-sales@contoso.test', 'user', 'dl-sales@contoso.test')]),
    NOT,
  ],
  [
    'distribution group: another address',
    { kind: 'add-distribution-group', smtp: 'dl-sales@contoso.test' },
    list([]),
    list([], [group('d1', 'Sales', 'distribution', 'dl-sales2@contoso.test')]),
    NOT,
  ],
];

describe('reconcile', () => {
  it.each(cases)('%s', (_name, intent, before, after, expected) => {
    expect(reconcile(intent, before, after)).toEqual(expected);
  });
});

describe('outcomeError', () => {
  const move: EditIntent = {
    kind: 'move-contact',
    contactId: 'ann',
    fromGroupId: 'g1',
    toGroupId: 'g2',
    copy: false,
  };

  it('says nothing when the edit was made', () => {
    expect(outcomeError(move, APPLIED, list([ann(['g1'])]))).toBeNull();
  });

  it('says plainly that the change was not made', () => {
    expect(outcomeError(move, NOT, list([ann(['g1'])]))).toMatchObject({
      kind: 'network',
      code: 'EditNotApplied',
      message: expect.stringMatching(/not made/) as unknown,
    });
  });

  it('names the part that was made and the part that was not', () => {
    const half = outcomeError(move, { outcome: 'partial', part: 'added-only' }, list([ann(['g1'])]));
    expect(half).toMatchObject({ kind: 'network', code: 'EditPartlyApplied' });
    expect(half?.message).toContain('added to “Work” but is still in “Friends”');
    const other = outcomeError(move, { outcome: 'partial', part: 'removed-only' }, list([ann(['g1'])]));
    expect(other?.message).toContain('taken out of “Friends” but not added to “Work”');
  });

  it('says which group a new contact did not reach, or "the group" when it is not known', () => {
    const add: EditIntent = { kind: 'add-contact', keys: ['ann@contoso.test'], groupId: 'g2' };
    const partial: Reconciled = { outcome: 'partial', part: 'not-in-group' };
    expect(outcomeError(add, partial, list([]))?.message).toBe(
      'The connection to Exchange was lost during the change, and only part of it was made: the contact was added to your list but not to “Work”. The list shows what Exchange has.',
    );
    expect(outcomeError({ ...add, groupId: 'gone' }, partial, list([]))?.message).toContain(
      'but not to the group.',
    );
    expect(outcomeError(move, NOT, list([]))?.message).toBe(
      'The connection to Exchange was lost during the change. Roster checked the contact list: the change was not made. Try again.',
    );
  });
});
