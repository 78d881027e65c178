import { describe, expect, it } from 'vitest';
import type { Contact, ContactList } from '../../../preload/contract';
import {
  applyAddContact,
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

const english = nameCollator('en');
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

function index(list: ContactList = sampleContactList(), compare = english): ContactIndex {
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
  const idx = index();
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

describe('10,000 contacts', () => {
  const first = ['Hélène', 'Helen', 'José', 'Zoë', 'Åsa', 'Bob', 'Chloé', 'Łukasz', 'Søren', 'Ana'];
  const last = ['Dubois', 'Martin', 'Núñez', 'Öberg', 'Smith', 'Zhang', 'Kowalski', 'Müller', 'Rossi', 'Lee'];
  const big: ContactList = {
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
  };
  const idx = index(big);

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
