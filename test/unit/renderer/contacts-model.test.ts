import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddContactRequest, Contact, ContactList, PresenceInfo } from '../../../preload/contract';
import {
  applyAddContact,
  canHoldContacts,
  hasGroupActions,
  isSpecialGroup,
  applyCreateGroup,
  applyDeleteGroup,
  applyMoveContact,
  applyRemoveContact,
  applyRemoveFromGroup,
  applyRenameGroup,
  buildIndex,
  filterContacts,
  flattenRows,
  fold,
  isFull,
  isPending,
  nameCollator,
  namesakeDetails,
} from '../../../renderer/contacts-model';
import type { ContactIndex, Expansion, FlattenOptions, Row } from '../../../renderer/contacts-model';
import { sampleContactList } from './fake-roster';

const options = (over: Partial<FlattenOptions> = {}): FlattenOptions => ({
  query: '',
  sort: 'group',
  collapsed: new Set(),
  expansions: new Map<string, Expansion>(),
  ...over,
});
const names = (contacts: readonly Contact[]) => contacts.map((c) => c.displayName);
const describeRows = (rows: readonly Row[]) =>
  rows.map((r) =>
    r.kind === 'group'
      ? `[${r.group.name} ${r.count}${r.expanded ? '' : ' +'}]`
      : r.kind === 'contact'
        ? r.contact.displayName
        : r.kind === 'member'
          ? `~${r.entry.displayName}`
          : `(${r.note})`,
  );

function index(list: ContactList = sampleContactList(), compare = nameCollator('en')): ContactIndex {
  return buildIndex(list, compare);
}

describe('fold', () => {
  it('ignores case and accents, in several scripts', () => {
    expect(fold('Hélène')).toBe('helene');
    expect(fold('ÅBERG')).toBe('aberg');
    expect(fold('Ñúñez Çağ')).toBe('nunez cag');
    expect(fold('Ἀθῆναι')).toBe('αθηναι');
  });
});

describe('filterContacts', () => {
  // Built in each test, not at collection: a mutation run activates its mutant only for tests.
  let idx: ContactIndex;
  beforeEach(() => {
    idx = index();
  });
  it('finds Hélène by "helene" and by "HÉL"', () => {
    expect(names(filterContacts(idx, 'helene'))).toEqual(['Hélène Dubois']);
    expect(names(filterContacts(idx, 'HÉL'))).toEqual(['Hélène Dubois']);
  });
  it('finds by a part of the last name, any case', () => {
    expect(names(filterContacts(idx, 'DUB'))).toEqual(['Hélène Dubois']);
  });
  it('finds by title, department, e-mail address and phone number', () => {
    expect(names(filterContacts(idx, 'engineer'))).toEqual(['Bob Martin']);
    expect(names(filterContacts(idx, 'finance'))).toEqual(['Anna Åberg']);
    expect(names(filterContacts(idx, 'chloe.zhang@'))).toEqual(['Chloé Zhang']);
    expect(names(filterContacts(idx, '555 0100'))).toEqual(['+1 425 555 0100']);
  });
  it('needs every word to match, in any order', () => {
    expect(names(filterContacts(idx, 'marketing helene'))).toEqual(['Hélène Dubois']);
    expect(names(filterContacts(idx, 'marketing bob'))).toEqual([]);
  });
  it('an empty or blank filter keeps everyone', () => {
    expect(filterContacts(idx, '   ')).toHaveLength(5);
  });
});

describe('sorting by name', () => {
  const people = (...displayNames: string[]): ContactList => ({
    ...sampleContactList(),
    groups: [{ id: 'g', name: 'G', kind: 'user', memberIds: displayNames.map((_, i) => `c${i}`) }],
    contacts: displayNames.map((displayName, i) => ({
      id: `c${i}`,
      displayName,
      phones: [],
      telephoneOnly: false,
      groupIds: ['g'],
    })),
  });

  it('puts accented names beside their base letter (French)', () => {
    const idx = index(people('Zoé', 'Émile', 'Eve', 'Édouard', 'Adam', 'éa'), nameCollator('fr'));
    expect(names(idx.byName)).toEqual(['Adam', 'éa', 'Édouard', 'Émile', 'Eve', 'Zoé']);
  });

  it('follows the language: Swedish puts Å and Ö after Z, English does not', () => {
    const list = people('Östen', 'Åsa', 'Zara', 'Olle', 'Anna');
    expect(names(index(list, nameCollator('sv')).byName)).toEqual(['Anna', 'Olle', 'Zara', 'Åsa', 'Östen']);
    expect(names(index(list, nameCollator('en')).byName)).toEqual(['Anna', 'Åsa', 'Olle', 'Östen', 'Zara']);
  });

  it('compares numbers as numbers', () => {
    expect(names(index(people('Room 10', 'Room 9', 'Room 1')).byName)).toEqual([
      'Room 1',
      'Room 9',
      'Room 10',
    ]);
  });

  it('sort "name" gives one flat list with positions, no group headers', () => {
    const rows = flattenRows(index(), options({ sort: 'name' }));
    expect(describeRows(rows)).toEqual([
      '+1 425 555 0100',
      'Anna Åberg',
      'Bob Martin',
      'Chloé Zhang',
      'Hélène Dubois',
    ]);
    expect(rows.every((r) => r.kind === 'contact' && r.level === 1 && r.setSize === 5)).toBe(true);
    expect(rows.map((r) => (r.kind === 'contact' ? r.posInSet : 0))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('flattenRows by group', () => {
  it('lists groups in server order with counts, members sorted by name', () => {
    expect(describeRows(flattenRows(index(), options()))).toEqual([
      '[Favorites 1]',
      'Hélène Dubois',
      '[Other Contacts 2]',
      '+1 425 555 0100',
      'Anna Åberg',
      '[Team 3]',
      'Bob Martin',
      'Chloé Zhang',
      'Hélène Dubois',
      '[All Marketing 0 +]',
    ]);
  });

  it('a collapsed group keeps its header and count but hides its contacts', () => {
    const rows = flattenRows(index(), options({ collapsed: new Set(['g-team', 'g-fav']) }));
    expect(describeRows(rows)).toEqual([
      '[Favorites 1 +]',
      '[Other Contacts 2]',
      '+1 425 555 0100',
      'Anna Åberg',
      '[Team 3 +]',
      '[All Marketing 0 +]',
    ]);
    const headers = rows.filter((r) => r.kind === 'group');
    expect(headers.map((r) => [r.posInSet, r.setSize])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('filtering keeps only groups with a match, counting the matches', () => {
    expect(describeRows(flattenRows(index(), options({ query: 'helene' })))).toEqual([
      '[Favorites 1]',
      'Hélène Dubois',
      '[Team 1]',
      'Hélène Dubois',
    ]);
  });

  it('a filter that names a group shows the whole group', () => {
    expect(describeRows(flattenRows(index(), options({ query: 'team' })))).toEqual([
      '[Team 3]',
      'Bob Martin',
      'Chloé Zhang',
      'Hélène Dubois',
    ]);
  });

  it('a distribution group shows its members once expanded (loading, then loaded)', () => {
    const loading = flattenRows(index(), options({ expansions: new Map([['g-dl', { status: 'loading' }]]) }));
    expect(describeRows(loading).slice(-2)).toEqual(['[All Marketing 0]', '(loading)']);
    const members = sampleContactList()
      .contacts.slice(0, 1)
      .map((c) => ({
        email: c.email ?? '',
        displayName: 'Zed Member',
        phones: [],
        isGroup: false,
      }));
    const loaded = flattenRows(
      index(),
      options({ expansions: new Map<string, Expansion>([['g-dl', { status: 'loaded', members }]]) }),
    );
    expect(describeRows(loaded).slice(-2)).toEqual(['[All Marketing 1]', '~Zed Member']);
  });

  it('positions within a group are 1-based with the group size', () => {
    const team = flattenRows(index(), options()).filter(
      (r) => r.kind === 'contact' && r.groupId === 'g-team',
    );
    expect(team.map((r) => (r.kind === 'contact' ? `${r.posInSet}/${r.setSize}` : ''))).toEqual([
      '1/3',
      '2/3',
      '3/3',
    ]);
  });
});

// Built before this block's tests only, not when the file is collected: a mutation-testing run
// that picks other tests out of this file does not pay for 10,000 contacts.
describe('10,000 contacts', () => {
  const first = ['Hélène', 'Helen', 'José', 'Zoë', 'Åsa', 'Bob', 'Chloé', 'Łukasz', 'Søren', 'Ana'];
  const last = ['Dubois', 'Martin', 'Núñez', 'Öberg', 'Smith', 'Zhang', 'Kowalski', 'Müller', 'Rossi', 'Lee'];
  const bigList = (): ContactList => ({
    ...sampleContactList(),
    groups: Array.from({ length: 10 }, (_, g) => ({
      id: `g${g}`,
      name: `Group ${g}`,
      kind: 'user' as const,
      memberIds: Array.from({ length: 1000 }, (_, i) => `c${g * 1000 + i}`),
    })),
    contacts: Array.from({ length: 10_000 }, (_, i) => ({
      id: `c${i}`,
      displayName: `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`,
      email: `user${i}@contoso.example`,
      title: i % 7 === 0 ? 'Ingénieure' : 'Engineer',
      department: i % 3 === 0 ? 'R&D' : 'Sales',
      phones: [],
      telephoneOnly: false,
      groupIds: [`g${Math.floor(i / 1000)}`],
    })),
  });
  let big: ContactList;
  let idx: ContactIndex;
  beforeAll(() => {
    big = bigList();
    idx = index(big);
  });

  it('finds exactly the right people', () => {
    const found = filterContacts(idx, 'helene dubois');
    const expected = big.contacts.filter((c) => c.displayName.startsWith('Hélène Dubois'));
    expect(found.length).toBe(expected.length);
    expect(found.length).toBe(100);
    expect(new Set(found.map((c) => c.id))).toEqual(new Set(expected.map((c) => c.id)));
    expect(filterContacts(idx, 'INGENIEURE').length).toBe(big.contacts.filter((_, i) => i % 7 === 0).length);
    expect(filterContacts(idx, 'user9999@').map((c) => c.id)).toEqual(['c9999']);
  });

  it('flattens to headers and rows without losing anyone', () => {
    const rows = flattenRows(idx, options());
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(10);
    expect(rows.filter((r) => r.kind === 'contact')).toHaveLength(10_000);
    const filtered = flattenRows(idx, options({ query: 'łukasz müller' }));
    expect(filtered.filter((r) => r.kind === 'contact')).toHaveLength(100);
  });
});

describe('optimistic edits', () => {
  const list = sampleContactList();

  it('create, rename and delete a group', () => {
    const created = applyCreateGroup(list, ' Projet Hélios ');
    const group = created.groups.at(-1);
    expect(group?.name).toBe('Projet Hélios');
    expect(group && isPending(group.id)).toBe(true);
    expect(applyRenameGroup(list, 'g-team', 'Équipe').groups.find((g) => g.id === 'g-team')?.name).toBe(
      'Équipe',
    );
    const deleted = applyDeleteGroup(list, 'g-team');
    expect(deleted.groups.map((g) => g.id)).not.toContain('g-team');
    // As the server does: nobody is deleted. Hélène stays in Favorites; Bob and Chloé, who were
    // only in Team, go to Other Contacts.
    expect(deleted.contacts.map((c) => c.id).sort()).toEqual([
      'p-anna',
      'p-bob',
      'p-chloe',
      'p-helene',
      'p-tel',
    ]);
    expect(deleted.contacts.find((c) => c.id === 'p-bob')?.groupIds).toEqual(['g-other']);
    expect(deleted.contacts.find((c) => c.id === 'p-helene')?.groupIds).toEqual(['g-fav']);
    expect(deleted.groups.find((g) => g.id === 'g-other')?.memberIds).toEqual(
      expect.arrayContaining(['p-bob', 'p-chloe']),
    );
  });

  it('remove from a group, remove altogether, move and copy', () => {
    const out = applyRemoveFromGroup(list, 'p-helene', 'g-fav');
    expect(out.groups.find((g) => g.id === 'g-fav')?.memberIds).toEqual([]);
    expect(out.contacts.find((c) => c.id === 'p-helene')?.groupIds).toEqual(['g-team']);
    // Out of its last group, a contact goes to Other Contacts; out of Other Contacts, it leaves.
    const lastGroup = applyRemoveFromGroup(list, 'p-bob', 'g-team');
    expect(lastGroup.contacts.find((c) => c.id === 'p-bob')?.groupIds).toEqual(['g-other']);
    const outOfOther = applyRemoveFromGroup(lastGroup, 'p-bob', 'g-other');
    expect(outOfOther.contacts.some((c) => c.id === 'p-bob')).toBe(false);
    const gone = applyRemoveContact(list, 'p-helene');
    expect(gone.contacts.some((c) => c.id === 'p-helene')).toBe(false);
    expect(gone.groups.some((g) => g.memberIds.includes('p-helene'))).toBe(false);
    const moved = applyMoveContact(list, 'p-bob', 'g-team', 'g-fav', false);
    expect(moved.contacts.find((c) => c.id === 'p-bob')?.groupIds).toEqual(['g-fav']);
    const copied = applyMoveContact(list, 'p-bob', 'g-team', 'g-fav', true);
    expect(copied.contacts.find((c) => c.id === 'p-bob')?.groupIds).toEqual(['g-team', 'g-fav']);
  });

  it('add shows a pending contact in the target group (Other Contacts by default)', () => {
    const added = applyAddContact(list, { source: { kind: 'phone', number: '+33 1 00 00 00 00' } });
    const contact = added.contacts.at(-1);
    expect(contact?.telephoneOnly).toBe(true);
    expect(contact?.groupIds).toEqual(['g-other']);
    expect(isFull({ ...list, limit: 5 })).toBe(true);
    expect(isFull(list)).toBe(false);
  });

  // Issue 24, planted bug 5: adding someone already in the list (any case of their address)
  // puts the existing contact in the group; a second copy would show twice and count twice.
  it('add of someone already in the list puts the existing contact in the group, no duplicate', () => {
    const added = applyAddContact(list, {
      groupId: 'g-fav',
      source: { kind: 'directory', email: 'Bob.Martin@CONTOSO.example', displayName: 'Bob' },
    });
    expect(added.contacts).toHaveLength(list.contacts.length);
    expect(added.contacts.filter((c) => isPending(c.id))).toEqual([]);
    expect(added.contacts.find((c) => c.id === 'p-bob')?.groupIds).toEqual(['g-team', 'g-fav']);
    expect(added.groups.find((g) => g.id === 'g-fav')?.memberIds).toEqual(['p-helene', 'p-bob']);
    expect(added.groups.find((g) => g.id === 'g-team')?.memberIds).toContain('p-bob');
  });

  it('add of someone new from the directory shows one pending contact in the chosen group', () => {
    const added = applyAddContact(list, {
      groupId: 'g-fav',
      source: { kind: 'directory', email: 'dan@contoso.example', displayName: '  Dan  ' },
    });
    expect(added.contacts).toHaveLength(list.contacts.length + 1);
    const dan = added.contacts.at(-1);
    expect(dan).toMatchObject({ displayName: 'Dan', email: 'dan@contoso.example', groupIds: ['g-fav'] });
    expect(dan && isPending(dan.id)).toBe(true);
    expect(added.groups.find((g) => g.id === 'g-fav')?.memberIds).toEqual(['p-helene', dan?.id]);
  });
});

describe('namesakes', () => {
  it('names the first detail that differs among contacts of the same name, and nothing for the others', () => {
    const list = sampleContactList();
    const bob = list.contacts.find((c) => c.id === 'p-bob');
    if (!bob) throw new Error('no Bob');
    const twins = [
      ...list.contacts,
      { ...bob, id: 'p-bob2', displayName: 'bob martin ', email: 'bob.m@contoso.example' },
    ];
    // Same department: the address tells them apart.
    expect([...namesakeDetails(twins)]).toEqual([
      ['p-bob', 'bob.martin@contoso.example'],
      ['p-bob2', 'bob.m@contoso.example'],
    ]);
    expect(namesakeDetails(list.contacts).size).toBe(0);
  });
});

// Issue 24: the rules the contact list's rows, keys and edits rely on, one table or case per rule.
describe('the search key', () => {
  let idx: ContactIndex;
  beforeEach(() => {
    idx = index();
  });
  it.each([
    ['a word does not run on from the name into the address', 'duboishelene'],
    ['nor from the address into the title', 'exampleproduct'],
    ['nor from the title into the department', 'managermarketing'],
    ['nor from one phone number into the next', '89+33'],
  ])('%s', (_name, query) => {
    expect(filterContacts(idx, query)).toEqual([]);
  });
  it('finds by the IM address too', () => {
    const list = sampleContactList();
    const withIm: ContactList = {
      ...list,
      contacts: list.contacts.map((c) => (c.id === 'p-bob' ? { ...c, imAddress: 'bobby@lync.example' } : c)),
    };
    expect(names(filterContacts(index(withIm), 'bobby@lync'))).toEqual(['Bob Martin']);
  });
  it('a blank filter is no filter: every group stays, even one with nothing to show', () => {
    expect(describeRows(flattenRows(index(), options({ query: ' \t ' })))).toEqual(
      describeRows(flattenRows(index(), options())),
    );
  });
});

describe('name order details', () => {
  const person = (id: string, displayName: string): Contact => ({
    id,
    displayName,
    phones: [],
    telephoneOnly: false,
    groupIds: ['g'],
  });
  const list = (...contacts: Contact[]): ContactList => ({
    ...sampleContactList(),
    groups: [{ id: 'g', name: 'G', kind: 'user', memberIds: contacts.map((c) => c.id) }],
    contacts,
  });
  it('ignores punctuation: O’Neil sorts as ONeil', () => {
    const idx = index(list(person('1', 'Oscar'), person('2', "O'Neil"), person('3', 'Omar')));
    expect(names(idx.byName)).toEqual(['Omar', "O'Neil", 'Oscar']);
  });
  it('people of the same name (any case) keep one order, by id, whatever the server order', () => {
    const a = person('a', 'Jean Martin');
    const b = person('b', 'jean martin');
    const c = person('c', 'JEAN MARTIN');
    expect(index(list(b, a)).byName.map((x) => x.id)).toEqual(['a', 'b']);
    expect(index(list(a, b)).byName.map((x) => x.id)).toEqual(['a', 'b']);
    expect(index(list(c, b, a)).byName.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(index(list(b, c, a)).byName.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
  it('a member listed twice in a group is shown once, and a member not in the list not at all', () => {
    const l = list(person('1', 'Bea'), person('2', 'Al'));
    const twice: ContactList = {
      ...l,
      groups: [{ id: 'g', name: 'G', kind: 'user', memberIds: ['1', '2', '1', 'ghost'] }],
    };
    expect(names(index(twice).byGroup.get('g') ?? [])).toEqual(['Al', 'Bea']);
  });
});

describe('row keys (what the tree keeps focus and selection by)', () => {
  const members = [
    { email: 'b@contoso.example', displayName: 'Bea', phones: [], isGroup: false },
    { email: 'a@contoso.example', displayName: 'Al', phones: [], isGroup: false },
  ];
  const loaded = new Map<string, Expansion>([['g-dl', { status: 'loaded', members }]]);
  it('by group: the group, then each contact under that group, then each member by position', () => {
    const rows = flattenRows(index(), options({ expansions: loaded }));
    expect(rows.map((r) => r.key)).toEqual([
      'g:g-fav',
      'c:g-fav:p-helene',
      'g:g-other',
      'c:g-other:p-tel',
      'c:g-other:p-anna',
      'g:g-team',
      'c:g-team:p-bob',
      'c:g-team:p-chloe',
      'c:g-team:p-helene',
      'g:g-dl',
      'm:g-dl:a@contoso.example:0',
      'm:g-dl:b@contoso.example:1',
    ]);
    const contacts = rows.filter((r) => r.kind === 'contact');
    expect(contacts.every((r) => r.level === 2)).toBe(true);
    expect(contacts.map((r) => r.groupId)).toEqual([
      'g-fav',
      'g-other',
      'g-other',
      'g-team',
      'g-team',
      'g-team',
    ]);
    expect(rows.filter((r) => r.kind === 'member').map((r) => [r.groupId, r.posInSet, r.setSize])).toEqual([
      ['g-dl', 1, 2],
      ['g-dl', 2, 2],
    ]);
  });
  it('sorted by name: each contact once, under no group', () => {
    const rows = flattenRows(index(), options({ sort: 'name' }));
    expect(rows.map((r) => r.key)).toEqual(['c:p-tel', 'c:p-anna', 'c:p-bob', 'c:p-chloe', 'c:p-helene']);
    expect(rows.every((r) => r.kind === 'contact' && r.groupId === null)).toBe(true);
  });
  it.each<[string, Expansion, string]>([
    ['loading', { status: 'loading' }, 'loading'],
    ['failed', { status: 'failed' }, 'failed'],
    ['no members', { status: 'loaded', members: [] }, 'empty'],
  ])('a distribution group %s shows one note under it', (_name, expansion, note) => {
    const rows = flattenRows(index(), options({ expansions: new Map([['g-dl', expansion]]) }));
    expect(rows.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'group', key: 'g:g-dl', expanded: true, count: 0 }),
      { kind: 'note', key: 'n:g-dl', groupId: 'g-dl', note },
    ]);
  });
  it('an expansion only opens a distribution group: Team keeps its contacts', () => {
    const stray = new Map<string, Expansion>([['g-team', { status: 'loaded', members: [] }]]);
    expect(describeRows(flattenRows(index(), options({ expansions: stray }))).slice(5, 9)).toEqual([
      '[Team 3]',
      'Bob Martin',
      'Chloé Zhang',
      'Hélène Dubois',
    ]);
  });
  it('collapsing a distribution group is not expanding it: only an expansion opens it', () => {
    const rows = flattenRows(index(), options({ collapsed: new Set(['g-dl']) }));
    expect(rows.at(-1)).toMatchObject({ kind: 'group', key: 'g:g-dl', expanded: false });
  });
});

describe('filtering a distribution group’s members', () => {
  const members = [
    { email: 'zed@contoso.example', displayName: 'Zed', title: 'Buyer', phones: [], isGroup: false },
    {
      email: 'yan@contoso.example',
      displayName: 'Yan',
      imAddress: 'yan.im@lync.example',
      department: 'Logistics',
      phones: [],
      isGroup: false,
    },
    { email: 'xia@contoso.example', displayName: 'Xia', phones: [], isGroup: false },
  ];
  const loaded = new Map<string, Expansion>([['g-dl', { status: 'loaded', members }]]);
  it.each([
    ['by name', 'xia', ['[All Marketing 1]', '~Xia']],
    ['by address', 'zed@', ['[All Marketing 1]', '~Zed']],
    ['by IM address', 'yan.im', ['[All Marketing 1]', '~Yan']],
    ['by title', 'buyer', ['[All Marketing 1]', '~Zed']],
    ['by department', 'logistics', ['[All Marketing 1]', '~Yan']],
    [
      'a filter naming the group shows every member, in name order',
      'all marketing',
      ['[All Marketing 3]', '~Xia', '~Yan', '~Zed'],
    ],
    ['nobody matches: the group is left out', 'nobody', []],
    ['a field a member lacks matches nothing', 'was here', []],
  ])('%s', (_name, query, expected) => {
    expect(describeRows(flattenRows(index(), options({ query, expansions: loaded })))).toEqual(expected);
  });
  it('a member’s fields do not run into each other', () => {
    expect(flattenRows(index(), options({ query: 'zedzed', expansions: loaded }))).toEqual([]);
    expect(flattenRows(index(), options({ query: 'zed@contoso.examplebuyer', expansions: loaded }))).toEqual(
      [],
    );
  });
});

describe('a filter naming a group by the name it is shown with', () => {
  const french = (g: { kind: string; name: string }) => (g.kind === 'favorites' ? 'Favoris' : g.name);
  it('finds Favorites as "favoris" in French, with its whole membership', () => {
    expect(describeRows(flattenRows(index(), options({ query: 'favoris', groupLabel: french })))).toEqual([
      '[Favorites 1]',
      'Hélène Dubois',
    ]);
  });
  it('without a label only the server’s name counts', () => {
    expect(flattenRows(index(), options({ query: 'favoris' }))).toEqual([]);
  });
});

describe('sorting by availability', () => {
  const presence = new Map<string, PresenceInfo>([
    ['p-bob', { email: 'b', state: 'busy', until: '2026-11-30T16:00:00Z', fetchedAt: null }],
    ['p-chloe', { email: 'c', state: 'available', fetchedAt: null }],
    ['p-helene', { email: 'h', state: 'busy', until: '2026-11-30T10:00:00Z', fetchedAt: null }],
  ]);
  const presenceOf = (c: Contact) => presence.get(c.id);
  it('available first, then by how soon each is free, unknown last; one flat list', () => {
    const rows = flattenRows(index(), options({ sort: 'availability', presenceOf }));
    expect(describeRows(rows)).toEqual([
      'Chloé Zhang',
      'Hélène Dubois',
      'Bob Martin',
      '+1 425 555 0100',
      'Anna Åberg',
    ]);
    expect(
      rows.map((r) => (r.kind === 'contact' ? [r.level, r.groupId, r.posInSet, r.setSize] : null)),
    ).toEqual([1, 2, 3, 4, 5].map((i) => [1, null, i, 5]));
  });
  it('with a filter, only the matches', () => {
    expect(
      describeRows(flattenRows(index(), options({ sort: 'availability', presenceOf, query: 'contoso' }))),
    ).toEqual(['Chloé Zhang', 'Hélène Dubois', 'Bob Martin', 'Anna Åberg']);
  });
  it('sorted by name, presence known changes nothing', () => {
    expect(describeRows(flattenRows(index(), options({ sort: 'name', presenceOf })))).toEqual(
      describeRows(flattenRows(index(), options({ sort: 'name' }))),
    );
  });
  it('before presence is known, name order', () => {
    expect(describeRows(flattenRows(index(), options({ sort: 'availability' })))).toEqual(
      describeRows(flattenRows(index(), options({ sort: 'name' }))),
    );
  });
});

describe('what a group offers', () => {
  it.each([
    ['favorites', false, true],
    ['other', false, true],
    ['user', true, true],
    ['distribution', true, false],
  ] as const)('%s: actions %s, can hold contacts %s', (kind, actions, holds) => {
    const group = { id: 'g', name: 'G', kind, memberIds: [] };
    expect(hasGroupActions(group)).toBe(actions);
    expect(isSpecialGroup(group)).toBe(!actions);
    expect(canHoldContacts(group)).toBe(holds);
  });
  it('a list is full at its limit, not before', () => {
    const list = sampleContactList();
    expect(isFull({ ...list, limit: 6 })).toBe(false);
    expect(isFull({ ...list, limit: 5 })).toBe(true);
    expect(isFull({ ...list, limit: 4 })).toBe(true);
  });
  it('only ids made here are pending', () => {
    expect(isPending('pending:contact:x')).toBe(true);
    expect(isPending('AAMkAGpending:')).toBe(false);
  });
});

describe('namesakes, more', () => {
  const base = (over: Partial<Contact> & { id: string }): Contact => ({
    displayName: 'Jean Martin',
    phones: [],
    telephoneOnly: false,
    groupIds: ['g'],
    ...over,
  });
  it.each<[string, Contact[], Array<[string, string]>]>([
    [
      'the department first',
      [
        base({ id: '1', department: 'Sales', office: 'A' }),
        base({ id: '2', department: 'Legal', office: 'B' }),
      ],
      [
        ['1', 'Sales'],
        ['2', 'Legal'],
      ],
    ],
    [
      'the office when the department is the same',
      [
        base({ id: '1', department: 'Sales', office: 'Paris' }),
        base({ id: '2', department: 'Sales', office: 'Lyon' }),
      ],
      [
        ['1', 'Paris'],
        ['2', 'Lyon'],
      ],
    ],
    [
      'the company after that',
      [base({ id: '1', company: 'Contoso' }), base({ id: '2', company: 'Fabrikam' })],
      [
        ['1', 'Contoso'],
        ['2', 'Fabrikam'],
      ],
    ],
    [
      'the IM address, then the phone, when there is no e-mail',
      [
        base({ id: '1', imAddress: 'jm1@lync' }),
        base({ id: '2', phones: [{ kind: 'mobile', number: '+1 555' }] }),
      ],
      [
        ['1', 'jm1@lync'],
        ['2', '+1 555'],
      ],
    ],
    [
      'of three, a detail that tells only some apart is still said (none that tells all)',
      [
        base({ id: '1', department: 'Sales', email: 'a@x' }),
        base({ id: '2', department: 'Sales', email: 'a@x' }),
        base({ id: '3', department: 'Legal', email: 'a@x' }),
      ],
      [
        ['1', 'Sales'],
        ['2', 'Sales'],
        ['3', 'Legal'],
      ],
    ],
    [
      'a detail only one of them has is said for that one',
      [base({ id: '1', department: 'Sales' }), base({ id: '2' })],
      [['1', 'Sales']],
    ],
    [
      'a detail that tells all apart wins over an earlier one that tells only some',
      [
        base({ id: '1', department: 'Sales', office: 'A' }),
        base({ id: '2', department: 'Sales', office: 'B' }),
        base({ id: '3', department: 'Legal', office: 'C' }),
      ],
      [
        ['1', 'A'],
        ['2', 'B'],
        ['3', 'C'],
      ],
    ],
    [
      'with none that tells all apart, the first that tells some apart (not one all share)',
      [
        base({ id: '1', department: 'Sales', office: 'A' }),
        base({ id: '2', department: 'Sales', office: 'A' }),
        base({ id: '3', department: 'Sales', office: 'B' }),
      ],
      [
        ['1', 'A'],
        ['2', 'A'],
        ['3', 'B'],
      ],
    ],
    ['nothing differs: nothing said', [base({ id: '1' }), base({ id: '2' })], []],
    [
      'different names: nothing said',
      [base({ id: '1', department: 'A' }), base({ id: '2', displayName: 'Jeanne Martin', department: 'B' })],
      [],
    ],
  ])('%s', (_name, contacts, expected) => {
    expect([...namesakeDetails(contacts)]).toEqual(expected);
  });
});

describe('optimistic edits, more', () => {
  const list = sampleContactList();
  const groupOf = (l: ContactList, id: string) => l.groups.find((g) => g.id === id);
  const contactOf = (l: ContactList, id: string) => l.contacts.find((c) => c.id === id);

  it('a new group is a user group, empty, at the end, its pending id naming it', () => {
    const created = applyCreateGroup(list, 'Projet');
    expect(created.groups.slice(0, -1)).toEqual(list.groups);
    expect(created.groups.at(-1)).toEqual({
      id: 'pending:group:Projet',
      name: 'Projet',
      kind: 'user',
      memberIds: [],
    });
    expect(created.contacts).toEqual(list.contacts);
  });

  it('renaming touches that group only, trimmed', () => {
    const renamed = applyRenameGroup(list, 'g-team', '  Équipe ');
    expect(renamed.groups.map((g) => g.name)).toEqual([
      'Favorites',
      'Other Contacts',
      'Équipe',
      'All Marketing',
    ]);
  });

  it('deleting a group moves its homeless contacts to Other Contacts once, after those already there', () => {
    const deleted = applyDeleteGroup(list, 'g-team');
    expect(groupOf(deleted, 'g-other')?.memberIds).toEqual(['p-anna', 'p-tel', 'p-bob', 'p-chloe']);
    expect(contactOf(deleted, 'p-chloe')?.groupIds).toEqual(['g-other']);
    expect(contactOf(deleted, 'p-anna')?.groupIds).toEqual(['g-other']);
  });

  it('deleting a group whose contacts all have another home changes no other group', () => {
    const deleted = applyDeleteGroup(list, 'g-fav');
    expect(deleted.groups).toEqual(list.groups.filter((g) => g.id !== 'g-fav'));
    expect(contactOf(deleted, 'p-helene')?.groupIds).toEqual(['g-team']);
  });

  it('with no Other Contacts group, homeless contacts leave the list', () => {
    const noOther: ContactList = { ...list, groups: list.groups.filter((g) => g.kind !== 'other') };
    const deleted = applyDeleteGroup(noOther, 'g-team');
    expect(deleted.contacts.map((c) => c.id).sort()).toEqual(['p-anna', 'p-helene', 'p-tel']);
    const removed = applyRemoveFromGroup(noOther, 'p-bob', 'g-team');
    expect(removed.contacts.some((c) => c.id === 'p-bob')).toBe(false);
  });

  it('a distribution group is no home: a contact only in one still goes to Other Contacts', () => {
    const inDl: ContactList = {
      ...list,
      groups: list.groups.map((g) => (g.id === 'g-dl' ? { ...g, memberIds: ['p-bob'] } : g)),
    };
    const out = applyRemoveFromGroup(inDl, 'p-bob', 'g-team');
    expect(contactOf(out, 'p-bob')?.groupIds).toEqual(['g-other']);
    expect(groupOf(out, 'g-other')?.memberIds).toEqual(['p-anna', 'p-tel', 'p-bob']);
  });

  it('deleting or leaving a group that is not there changes nothing', () => {
    expect(applyDeleteGroup(list, 'nope')).toEqual(list);
    expect(applyRemoveFromGroup(list, 'p-bob', 'nope')).toEqual(list);
  });

  it('out of Other Contacts with only a distribution group left: it leaves, and nobody else', () => {
    const inDl: ContactList = {
      ...list,
      groups: list.groups.map((g) => (g.id === 'g-dl' ? { ...g, memberIds: ['p-anna'] } : g)),
    };
    const out = applyRemoveFromGroup(inDl, 'p-anna', 'g-other');
    expect(out.contacts.map((c) => c.id)).toEqual(['p-helene', 'p-bob', 'p-chloe', 'p-tel']);
  });

  it('adding someone already in that very group changes nothing', () => {
    const again = applyAddContact(list, {
      groupId: 'g-team',
      source: { kind: 'directory', email: 'bob.martin@contoso.example' },
    });
    expect(again.groups).toEqual(list.groups);
    expect(again.contacts).toEqual(list.contacts);
  });

  it('moving Hélène out of Team keeps her in Favorites', () => {
    const out = applyMoveContact(list, 'p-helene', 'g-team', 'g-other', false);
    expect(contactOf(out, 'p-helene')?.groupIds).toEqual(['g-fav', 'g-other']);
    expect(out.groups.map((g) => g.memberIds)).toEqual([
      ['p-helene'],
      ['p-anna', 'p-tel', 'p-helene'],
      ['p-bob', 'p-chloe'],
      [],
    ]);
  });

  it('out of Other Contacts while still in another group: it stays', () => {
    const both: ContactList = {
      ...list,
      groups: list.groups.map((g) => (g.id === 'g-fav' ? { ...g, memberIds: ['p-helene', 'p-anna'] } : g)),
      contacts: list.contacts.map((c) => (c.id === 'p-anna' ? { ...c, groupIds: ['g-other', 'g-fav'] } : c)),
    };
    const out = applyRemoveFromGroup(both, 'p-anna', 'g-other');
    expect(contactOf(out, 'p-anna')?.groupIds).toEqual(['g-fav']);
    expect(groupOf(out, 'g-other')?.memberIds).toEqual(['p-tel']);
    expect(out.contacts).toHaveLength(list.contacts.length);
  });

  it('removing from one group leaves the others as they were', () => {
    const out = applyRemoveFromGroup(list, 'p-helene', 'g-team');
    expect(groupOf(out, 'g-team')?.memberIds).toEqual(['p-bob', 'p-chloe']);
    expect(groupOf(out, 'g-fav')?.memberIds).toEqual(['p-helene']);
    expect(contactOf(out, 'p-bob')).toBe(contactOf(list, 'p-bob'));
  });

  it('removing a contact altogether leaves the other groups’ members as they were', () => {
    const gone = applyRemoveContact(list, 'p-bob');
    expect(gone.groups.map((g) => g.memberIds)).toEqual([
      ['p-helene'],
      ['p-anna', 'p-tel'],
      ['p-chloe', 'p-helene'],
      [],
    ]);
    expect(gone.contacts.map((c) => c.id)).toEqual(['p-helene', 'p-chloe', 'p-anna', 'p-tel']);
  });

  it.each<[string, string, string, boolean, string[], string[], string[]]>([
    // name, contact, from, to, copy, its groupIds, from's members, to's members
    ['move', 'g-team', 'g-fav', false, ['g-fav'], ['p-chloe', 'p-helene'], ['p-helene', 'p-bob']],
    [
      'copy',
      'g-team',
      'g-fav',
      true,
      ['g-team', 'g-fav'],
      ['p-bob', 'p-chloe', 'p-helene'],
      ['p-helene', 'p-bob'],
    ],
  ])('%s Bob', (_name, from, to, copy, groupIds, fromMembers, toMembers) => {
    const out = applyMoveContact(list, 'p-bob', from, to, copy);
    expect(contactOf(out, 'p-bob')?.groupIds).toEqual(groupIds);
    expect(groupOf(out, from)?.memberIds).toEqual(fromMembers);
    expect(groupOf(out, to)?.memberIds).toEqual(toMembers);
    expect(contactOf(out, 'p-chloe')).toBe(contactOf(list, 'p-chloe'));
    expect(groupOf(out, 'g-other')).toBe(groupOf(list, 'g-other'));
  });

  it('moving Hélène into a group she is in already does not list her twice', () => {
    const out = applyMoveContact(list, 'p-helene', 'g-team', 'g-fav', true);
    expect(groupOf(out, 'g-fav')?.memberIds).toEqual(['p-helene']);
    expect(contactOf(out, 'p-helene')?.groupIds).toEqual(['g-fav', 'g-team']);
  });

  it.each<[string, AddContactRequest, Partial<Contact>]>([
    [
      'an IM address, without its sip: prefix, named by it',
      { source: { kind: 'im', imAddress: 'SIP:dan@lync.example' } },
      {
        id: 'pending:contact:SIP:dan@lync.example',
        displayName: 'SIP:dan@lync.example',
        imAddress: 'dan@lync.example',
        phones: [],
        telephoneOnly: false,
      },
    ],
    [
      'an IM address whose sip: is not a prefix, kept whole',
      { source: { kind: 'im', imAddress: 'gossip:dan@lync.example', displayName: 'Dan' } },
      {
        id: 'pending:contact:gossip:dan@lync.example',
        displayName: 'Dan',
        imAddress: 'gossip:dan@lync.example',
        phones: [],
        telephoneOnly: false,
      },
    ],
    [
      'a phone number, named by it when the name is blank',
      { source: { kind: 'phone', number: '+33 1 00', displayName: '   ' } },
      {
        id: 'pending:contact:+33 1 00',
        displayName: '+33 1 00',
        phones: [{ kind: 'other', number: '+33 1 00' }],
        telephoneOnly: true,
      },
    ],
    [
      'a directory entry',
      { source: { kind: 'directory', email: 'dan@contoso.example' } },
      {
        id: 'pending:contact:dan@contoso.example',
        displayName: 'dan@contoso.example',
        email: 'dan@contoso.example',
      },
    ],
  ])('add %s', (_name, request, expected) => {
    const added = applyAddContact(list, request);
    const contact = added.contacts.at(-1);
    expect(contact).toMatchObject({ ...expected, groupIds: ['g-other'] });
    expect(contact && 'email' in contact).toBe(request.source.kind === 'directory');
    expect(contact && 'imAddress' in contact).toBe(request.source.kind === 'im');
    expect(groupOf(added, 'g-other')?.memberIds).toEqual(['p-anna', 'p-tel', contact?.id]);
    expect(groupOf(added, 'g-team')).toBe(groupOf(list, 'g-team'));
  });

  it('an IM or phone contact is not matched to someone by address: always a new contact', () => {
    const added = applyAddContact(list, { source: { kind: 'im', imAddress: 'bob.martin@contoso.example' } });
    expect(added.contacts).toHaveLength(list.contacts.length + 1);
  });

  it('with no group given and no Other Contacts, nothing is added', () => {
    const noOther: ContactList = { ...list, groups: list.groups.filter((g) => g.kind !== 'other') };
    expect(applyAddContact(noOther, { source: { kind: 'phone', number: '+1 555' } })).toBe(noOther);
  });
});
