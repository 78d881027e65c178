import { describe, expect, it } from 'vitest';
import type { ContactList, Group } from '../../../../../preload/contract';
import type { AppError } from '../../../../../main/errors';
import {
  fullListError,
  isSpecialGroup,
  sameGroupError,
  specialGroupError,
  targetGroupError,
} from '../../../../../main/services/contacts/rules';

const group = (id: string, kind: Group['kind'], name = id): Group => ({ id, name, kind, memberIds: [] });
const GROUPS = [
  group('fav', 'favorites', 'Favorites'),
  group('other', 'other', 'Other Contacts'),
  group('mine', 'user', 'Mine'),
  group('dl', 'distribution', 'Sales'),
];
const list = (contacts: number, limit: number): ContactList => ({
  groups: GROUPS,
  contacts: Array.from({ length: contacts }, (_, i) => ({
    id: `c${i}`,
    displayName: `C${i}`,
    phones: [],
    telephoneOnly: false,
    groupIds: [],
  })),
  fetchedAt: null,
  fromCache: false,
  offline: false,
  limit,
});
const said = (e: AppError | null) => (e ? { kind: e.kind, code: e.code, message: e.message } : null);

describe('isSpecialGroup: Exchange’s own groups', () => {
  it.each([
    ['favorites', true],
    ['other', true],
    ['user', false],
    ['distribution', false],
  ] as const)('%s → %s', (kind, want) => {
    expect(isSpecialGroup(group('g', kind))).toBe(want);
  });
  it('no group is not special', () => {
    expect(isSpecialGroup(undefined)).toBe(false);
  });
});

describe('fullListError: one more contact on a full list', () => {
  it.each([
    [0, 1000, null],
    [999, 1000, null],
    [
      1000,
      1000,
      {
        kind: 'bad-input',
        code: 'ContactListFull',
        message:
          'Your contact list is full: it holds at most 1,000 contacts. Remove a contact before adding another.',
      },
    ],
    [3, 2, expect.objectContaining({ code: 'ContactListFull' })],
  ])('%i contacts of %i → %o', (n, limit, want) => {
    expect(said(fullListError(list(n, limit)))).toEqual(want);
  });
});

describe('targetGroupError: a group that cannot hold contacts', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['mine', null],
    ['fav', null],
    ['missing', null],
    [
      'dl',
      {
        kind: 'bad-input',
        code: 'DistributionGroupTarget',
        message: 'Contacts cannot be added to a distribution group.',
      },
    ],
  ])('%s → %o', (id, want) => {
    expect(said(targetGroupError(list(0, 10), id))).toEqual(want);
  });
});

describe('sameGroupError: a move onto the group it is in', () => {
  it.each([
    ['a', 'b', null],
    ['a', 'a', { kind: 'bad-input', code: 'SameGroup', message: 'The contact is already in that group.' }],
  ])('%s → %s', (from, to, want) => {
    expect(said(sameGroupError(from, to))).toEqual(want);
  });
});

describe('specialGroupError: Favorites and Other Contacts stay', () => {
  it.each([
    ['fav', 'renamed', 'The Favorites group cannot be renamed.'],
    ['other', 'deleted', 'The Other Contacts group cannot be deleted.'],
    ['mine', 'deleted', null],
    ['dl', 'renamed', null],
    ['missing', 'renamed', null],
  ] as const)('%s %s → %s', (id, action, message) => {
    const e = specialGroupError(list(0, 10), id, action);
    expect(said(e)).toEqual(message === null ? null : { kind: 'bad-input', code: 'SpecialGroup', message });
  });
});
