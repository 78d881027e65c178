import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImItemList } from '../../../../main/exchange/operations/imList';
import type { Persona } from '../../../../main/exchange/operations/persona';
import type { ImListLike } from '../../../../main/services/contacts-map';
import { parseSoapResponse } from '../../../../main/exchange/soap';
import {
  contactIndex,
  groupKind,
  isGroupMailbox,
  mailboxToEntry,
  personaToEntry,
  phoneKind,
  resolutionToEntry,
  stripScheme,
  toContactList,
} from '../../../../main/services/contacts-map';

const recorded = (): ReturnType<typeof readImItemList> =>
  readImItemList(
    parseSoapResponse(
      readFileSync(join(import.meta.dirname, '../../../fixtures/ews/GetImItemList.xml'), 'utf8'),
    ).body,
  );

const persona = (over: Partial<Persona> & { id: string }): Persona => ({
  displayName: '',
  emails: [],
  phones: [],
  contactIds: [],
  ...over,
});

describe('toContactList', () => {
  it('maps a recorded Exchange answer: groups in order, kinds, DG address, contact fields', () => {
    const list = toContactList(recorded(), { fetchedAt: '2026-11-25T00:00:00Z' });
    expect(list.groups.map((g) => [g.name, g.kind])).toEqual([
      ['Other Contacts', 'other'],
      ['Favorites', 'favorites'],
      ['Équipe & Projets — 東京', 'user'],
      ['Sales EMEA', 'distribution'],
    ]);
    expect(list.groups[3]?.smtp).toBe('sales-emea@contoso.test');
    const anthony = list.contacts.find((c) => c.displayName === 'Anthony Smith');
    expect(anthony).toMatchObject({
      email: 'anthony.smith@contoso.test',
      imAddress: 'anthony.smith@contoso.test',
      title: 'Program Manager',
      department: 'Sales',
      company: 'Contoso',
      office: 'Building 4, 2nd floor',
      telephoneOnly: false,
    });
    expect(anthony?.phones).toEqual([
      { kind: 'business', number: '+1 425 555 0100' },
      { kind: 'mobile', number: '+1 425 555 0199' },
    ]);
    expect(anthony?.groupIds).toEqual([list.groups[1]?.id, list.groups[2]?.id]);
    expect(list).toMatchObject({
      fromCache: false,
      offline: false,
      limit: 1000,
      fetchedAt: '2026-11-25T00:00:00Z',
    });
  });

  it('matches group members by contact item id (Attributions/SourceId) or by persona id', () => {
    const list = toContactList(
      {
        groups: [
          {
            id: 'g1',
            name: 'Favorites',
            type: 'IPM.DistList.MOC.Favorites',
            memberIds: ['c-1', 'p-2', 'ghost'],
          },
          { id: 'g2', name: 'Mine', type: 'IPM.DistList.MOC.UserGroup', memberIds: ['c-1b', 'c-1'] },
        ],
        personas: [
          persona({ id: 'p-1', displayName: 'One', contactIds: ['c-1', 'c-1b'] }),
          persona({ id: 'p-2', displayName: 'Two' }),
        ],
      },
      { fetchedAt: null },
    );
    expect(list.groups.map((g) => [g.kind, g.memberIds])).toEqual([
      ['favorites', ['p-1', 'p-2']],
      ['user', ['p-1']],
    ]);
    expect(list.contacts.map((c) => c.groupIds)).toEqual([['g1', 'g2'], ['g1']]);
  });

  it('marks telephone-only contacts and drops a tel: IM address', () => {
    const list = toContactList(
      {
        groups: [],
        personas: [
          persona({
            id: 't',
            displayName: '+1 425 555 0100',
            imAddress: 'tel:+14255550100',
            phones: [{ number: '+14255550100', type: 'Business' }],
          }),
          persona({ id: 's', displayName: 'Sip', imAddress: 'SIP:sip.only@contoso.test' }),
        ],
      },
      { fetchedAt: null },
    );
    expect(list.contacts[0]).toMatchObject({
      telephoneOnly: true,
      phones: [{ kind: 'business', number: '+14255550100' }],
    });
    expect(list.contacts[0]?.imAddress).toBeUndefined();
    expect(list.contacts[1]).toMatchObject({ telephoneOnly: false, imAddress: 'sip.only@contoso.test' });
  });

  it('knows both spellings of the group types', () => {
    expect(
      [
        'Favorites',
        'IPM.DistList.MOC.Favorites',
        'OtherContacts',
        'IPM.DistList.MOC.OtherContacts',
        'DistributionGroup',
        'IPM.DistList.MOC.DG',
        'Normal',
        'Tagged',
      ].map(groupKind),
    ).toEqual(['favorites', 'favorites', 'other', 'other', 'distribution', 'distribution', 'user', 'user']);
  });

  it('indexes contacts by e-mail and IM address, case-insensitively', () => {
    const list = toContactList(recorded(), { fetchedAt: null });
    const index = contactIndex(list);
    const anthony = list.contacts.find((c) => c.displayName === 'Anthony Smith');
    expect(index.get('anthony.smith@contoso.test')).toBe(anthony?.id);
    expect(index.get('terence.adams@contoso.test')).toBeDefined();
  });

  // Issue 24, planted bug 6: the directory answers with its own spelling of an address; a
  // case-sensitive lookup offers "Add" for someone already in the list (and adds a duplicate).
  it('marks directory entries already in the list whatever the case of their address', () => {
    const list = toContactList(recorded(), { fetchedAt: null });
    const index = contactIndex(list);
    const anthony = list.contacts.find((c) => c.displayName === 'Anthony Smith');
    expect(anthony?.id).toBeDefined();
    expect(mailboxToEntry({ address: 'Anthony.Smith@CONTOSO.test', name: 'Anthony' }, index)?.contactId).toBe(
      anthony?.id,
    );
    expect(
      resolutionToEntry({ mailbox: { address: 'SMTP:ANTHONY.SMITH@contoso.test' } }, index)?.contactId,
    ).toBe(anthony?.id);
    expect(
      personaToEntry(
        persona({
          id: 'x',
          emails: [{ address: 'nobody@contoso.test' }],
          imAddress: 'sip:Anthony.Smith@Contoso.TEST',
        }),
        index,
      )?.contactId,
    ).toBe(anthony?.id);
    expect(mailboxToEntry({ address: 'someone.else@contoso.test' }, index)?.contactId).toBeUndefined();
  });
});

describe('the small mappings', () => {
  it.each([
    ['Business', 'business'],
    ['BusinessPhone2', 'business'],
    ['work', 'business'],
    ['Mobile', 'mobile'],
    ['MobilePhone', 'mobile'],
    ['CELL', 'mobile'],
    ['Home', 'home'],
    ['HomePhone2', 'home'],
    ['Fax', 'other'],
    ['workplace', 'other'],
    ['cellular', 'other'],
    ['', 'other'],
  ] as const)('phone type %j → %s', (type, want) => {
    expect(phoneKind(type)).toBe(want);
  });

  it.each([
    ['  sip:a@x  ', 'a@x'],
    ['SMTP:a@x', 'a@x'],
    ['mailto:a@x', 'mailto:a@x'],
    ['a@x sip:b', 'a@x sip:b'],
  ])('stripScheme(%j) → %j', (raw, want) => {
    expect(stripScheme(raw)).toBe(want);
  });

  it.each([
    [' Favorites ', 'favorites'],
    ['ipm.distlist.moc.othercontacts', 'other'],
    ['fIPM.DistList.MOC.avorites', 'user'],
    ['dg', 'distribution'],
  ])('group type %j → %s', (type, want) => {
    expect(groupKind(type)).toBe(want);
  });

  it.each([
    ['PublicDL', true],
    ['privatedl', true],
    ['GroupMailbox', true],
    ['Mailbox', false],
    [undefined, false],
  ])('mailbox type %s is a group: %s', (mailboxType, want) => {
    expect(isGroupMailbox({ address: 'a@x', ...(mailboxType ? { mailboxType } : {}) })).toBe(want);
  });
});

describe('a persona as a contact', () => {
  const one = (p: Persona, groups: ImListLike['groups'] = []) =>
    toContactList({ groups, personas: [p] }, { fetchedAt: null }).contacts[0];

  it.each([
    ['the display name', persona({ id: 'p', displayName: 'Ann', emails: [{ address: 'a@x' }] }), 'Ann'],
    ['else the e-mail', persona({ id: 'p', emails: [{ address: 'sip:a@x' }], imAddress: 'b@x' }), 'a@x'],
    ['else the IM address', persona({ id: 'p', imAddress: 'sip:b@x' }), 'b@x'],
    ['else the first number', persona({ id: 'p', phones: [{ type: 'Home', number: '123' }] }), '123'],
    ['else nothing', persona({ id: 'p' }), ''],
  ])('is named by %s', (_name, p, want) => {
    expect(one(p)?.displayName).toBe(want);
  });

  it('takes the SMTP address first, else the first, and keeps the card’s fields', () => {
    const c = one(
      persona({
        id: 'p',
        displayName: 'Ann',
        emails: [
          { address: 'x500:/o=Contoso', routingType: 'X500' },
          { address: 'ann@x', routingType: 'smtp' },
        ],
        title: 'T',
        department: 'D',
        office: 'O',
        company: 'C',
      }),
    );
    expect(c).toEqual({
      id: 'p',
      displayName: 'Ann',
      email: 'ann@x',
      phones: [],
      telephoneOnly: false,
      groupIds: [],
      title: 'T',
      department: 'D',
      office: 'O',
      company: 'C',
    });
    expect(one(persona({ id: 'p', emails: [{ address: 'ex@x', routingType: 'EX' }] }))?.email).toBe('ex@x');
    // Without the card's fields, no key for them at all (not even undefined).
    expect(one(persona({ id: 'p', emails: [{ address: 'a@x' }] }))).toStrictEqual({
      id: 'p',
      displayName: 'a@x',
      email: 'a@x',
      phones: [],
      telephoneOnly: false,
      groupIds: [],
    });
    expect(one(persona({ id: 'p', emails: [{ address: '' }] }))).not.toHaveProperty('email');
  });

  it.each([
    [
      'an e-mail',
      persona({ id: 'p', emails: [{ address: 'a@x' }], phones: [{ type: 'Home', number: '1' }] }),
      false,
    ],
    ['an IM address', persona({ id: 'p', imAddress: 'a@x', phones: [{ type: 'Home', number: '1' }] }), false],
    ['only a number', persona({ id: 'p', phones: [{ type: 'Home', number: '1' }] }), true],
    ['only a tel: IM address', persona({ id: 'p', imAddress: ' TEL:+1 ' }), true],
    ['nothing at all', persona({ id: 'p' }), false],
  ])('with %s is telephone-only: %s', (_name, p, want) => {
    expect(one(p)?.telephoneOnly).toBe(want);
  });

  it('lists a persona the server sent twice once, and a distribution group’s address only on a DL', () => {
    const list = toContactList(
      {
        groups: [
          { id: 'dl', name: 'Sales', type: 'DistributionGroup', smtp: 'SMTP:sales@x', memberIds: [] },
          { id: 'g', name: 'Mine', type: 'Normal', smtp: 'mine@x', memberIds: ['p', 'p'] },
        ],
        personas: [persona({ id: 'p', displayName: 'One' }), persona({ id: 'p', displayName: 'Again' })],
      },
      { fetchedAt: 'then', fromCache: true, offline: true, limit: 5 },
    );
    expect(list.contacts.map((c) => [c.displayName, c.groupIds])).toEqual([['One', ['g']]]);
    expect(list.groups).toStrictEqual([
      { id: 'dl', name: 'Sales', kind: 'distribution', memberIds: [], smtp: 'sales@x' },
      { id: 'g', name: 'Mine', kind: 'user', memberIds: ['p'] },
    ]);
    expect(list).toMatchObject({ fetchedAt: 'then', fromCache: true, offline: true, limit: 5 });
  });

  it('matches a member by persona id before another persona’s contact id', () => {
    const list = toContactList(
      {
        groups: [{ id: 'g', name: 'G', type: 'Normal', memberIds: ['p2'] }],
        personas: [persona({ id: 'p1', contactIds: ['p2'] }), persona({ id: 'p2' })],
      },
      { fetchedAt: null },
    );
    expect(list.groups[0]?.memberIds).toEqual(['p2']);
  });
});

describe('contactIndex', () => {
  it('is empty without a list; an e-mail wins over another contact’s IM address', () => {
    expect(contactIndex(null).size).toBe(0);
    const list = toContactList(
      {
        groups: [],
        personas: [
          persona({ id: 'a', imAddress: 'Shared@X' }),
          persona({ id: 'b', emails: [{ address: 'SHARED@x' }], imAddress: 'b@x' }),
          persona({ id: 'c', imAddress: 'b@x' }),
        ],
      },
      { fetchedAt: null },
    );
    expect([...contactIndex(list)]).toEqual([
      ['shared@x', 'b'],
      ['b@x', 'b'],
    ]);
  });
});

describe('directory answers as entries', () => {
  const index = new Map([['known@x', 'c1']]);

  it('a resolution with a contact: its fields, the first non-tel IM address, marked when known', () => {
    expect(
      resolutionToEntry(
        {
          mailbox: { address: 'sip:known@x', name: 'Mailbox name', mailboxType: 'Mailbox' },
          contact: {
            displayName: 'Known',
            title: 'T',
            department: 'D',
            office: 'O',
            company: 'C',
            emails: ['other@x'],
            imAddresses: ['tel:+1', 'SIP:known.im@x'],
            phones: [{ type: 'MobilePhone', number: '+1 2' }],
          },
        },
        index,
      ),
    ).toEqual({
      email: 'known@x',
      displayName: 'Known',
      phones: [{ kind: 'mobile', number: '+1 2' }],
      isGroup: false,
      imAddress: 'known.im@x',
      title: 'T',
      department: 'D',
      office: 'O',
      company: 'C',
      contactId: 'c1',
    });
  });

  it.each([
    ['the mailbox’s name', { mailbox: { address: 'a@x', name: 'A' } }, { email: 'a@x', displayName: 'A' }],
    ['the address', { mailbox: { address: 'a@x' } }, { email: 'a@x', displayName: 'a@x' }],
    [
      'the contact’s first e-mail when the mailbox has none',
      { mailbox: { address: '' }, contact: { emails: ['smtp:b@x'], imAddresses: [], phones: [] } },
      { email: 'b@x', displayName: 'b@x' },
    ],
  ])('a resolution named by %s', (_name, r, want) => {
    expect(resolutionToEntry(r, index)).toStrictEqual({ ...want, phones: [], isGroup: false });
  });

  it('no address, no entry', () => {
    expect(resolutionToEntry({ mailbox: { address: '' } }, index)).toBeNull();
    expect(resolutionToEntry({ mailbox: { address: ' sip: ' } }, index)).toBeNull();
    expect(personaToEntry(persona({ id: 'p', imAddress: 'a@x' }), index)).toBeNull();
    expect(mailboxToEntry({ address: '  ' }, index)).toBeNull();
  });

  it('a distribution list is a group entry', () => {
    expect(mailboxToEntry({ address: 'dl@x', mailboxType: 'PublicDL' }, index)).toStrictEqual({
      email: 'dl@x',
      displayName: 'dl@x',
      phones: [],
      isGroup: true,
    });
    expect(
      resolutionToEntry({ mailbox: { address: 'dl@x', mailboxType: 'PrivateDL' } }, index)?.isGroup,
    ).toBe(true);
  });

  it('a persona: its fields, no tel: IM address, never a group', () => {
    expect(
      personaToEntry(
        persona({
          id: 'p',
          displayName: 'P',
          emails: [{ address: 'p@x' }],
          imAddress: 'sip:p.im@x',
          phones: [{ type: 'Business', number: '9' }],
          title: 'T',
          department: 'D',
          office: 'O',
          company: 'C',
        }),
        index,
      ),
    ).toEqual({
      email: 'p@x',
      displayName: 'P',
      phones: [{ kind: 'business', number: '9' }],
      isGroup: false,
      imAddress: 'p.im@x',
      title: 'T',
      department: 'D',
      office: 'O',
      company: 'C',
    });
    expect(
      personaToEntry(persona({ id: 'p', emails: [{ address: 'p@x' }], imAddress: 'tel:+1' }), index),
    ).toStrictEqual({ email: 'p@x', displayName: 'p@x', phones: [], isGroup: false });
  });
});
