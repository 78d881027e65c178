import { describe, expect, it } from 'vitest';
import {
  addressKey,
  compareLists,
  groupKey,
  groupKind,
  telKey,
  ucsCounts,
  ucsSide,
  type UcsSide,
} from '../../../../../main/services/helpdesk/compare';
import type { ExportedUser } from '../../../../../main/services/helpdesk/docitemset';
import type { ImList } from '../../../../../main/exchange/operations/imList';

const exported: ExportedUser = {
  sipUri: 'alice@contoso.com',
  groups: [
    { number: '1', name: 'Favorites' },
    { number: '2', name: 'Other Contacts' },
    { number: '3', name: 'Team' },
    { number: '4', name: 'Sales DL', distributionGroup: 'sales@contoso.com' },
  ],
  contacts: [
    { buddy: 'sip:Bob@Contoso.com', groups: ['Team'], telephoneOnly: false },
    { buddy: 'sip:carol@contoso.com', groups: ['Favorites', 'Team'], telephoneOnly: false },
    { buddy: 'sip:dan@contoso.com', displayName: 'Dan', groups: ['Other Contacts'], telephoneOnly: false },
    { buddy: 'tel:+33 1 70 00 00 01', groups: ['Other Contacts'], telephoneOnly: true },
    { buddy: 'sip:erin.sip@contoso.com', groups: ['Team'], telephoneOnly: false },
  ],
};

const ucs: UcsSide = {
  groups: [
    { name: 'Favorites', kind: 'favorites' },
    { name: 'Other Contacts', kind: 'other' },
    { name: 'team', kind: 'user' },
    { name: 'New group', kind: 'user' },
    { name: 'Sales', kind: 'distribution', smtp: 'SALES@contoso.com' },
  ],
  contacts: [
    // SIP match, case- and sip:-insensitive.
    { displayName: 'Bob', sipUri: 'sip:bob@contoso.com', emails: [], groups: ['Team'], telephoneOnly: false },
    // Moved from Favorites+Team to Team only.
    { displayName: 'Carol', sipUri: 'carol@contoso.com', emails: [], groups: ['Team'], telephoneOnly: false },
    // Matched by number, whatever the spacing.
    { displayName: 'Taxi', emails: [], tel: '+33170000001', groups: ['Other Contacts'], telephoneOnly: true },
    // No SIP in UCS, but the e-mail is the buddy address.
    {
      displayName: 'Erin',
      emails: ['ERIN.SIP@contoso.com'],
      groups: ['Team'],
      telephoneOnly: false,
    },
    // Added since the export.
    {
      displayName: 'Zoe',
      sipUri: 'zoe@contoso.com',
      emails: [],
      groups: ['New group'],
      telephoneOnly: false,
    },
  ],
};

/** A UCS contact with nothing but what `over` gives (built per call, so per test). */
const contact = (over: Partial<UcsSide['contacts'][number]>): UcsSide['contacts'][number] => ({
  displayName: '',
  emails: [],
  groups: [],
  telephoneOnly: false,
  ...over,
});

describe('compareLists', () => {
  const c = compareLists(exported, ucs);
  it('finds what UCS lacks: Dan', () => {
    expect(c.missingContacts.map((x) => x.address)).toEqual(['dan@contoso.com']);
    expect(c.nothingLost).toBe(false);
  });
  it('matches by SIP, then e-mail, and telephone-only by number', () => {
    expect(c.matched).toBe(4);
    expect(c.telephoneMatched).toBe(1);
  });
  it('lists what UCS has that the export lacked', () => {
    expect(c.extraContacts.map((x) => x.address)).toEqual(['zoe@contoso.com']);
    expect(c.extraGroups).toEqual(['New group']);
  });
  it('matches groups by name case-insensitively and distribution groups by address', () => {
    expect(c.missingGroups).toEqual([]);
  });
  it('reports contacts that changed group', () => {
    expect(c.changedGroups).toEqual([
      {
        address: 'carol@contoso.com',
        displayName: 'Carol',
        exportGroups: ['Favorites', 'Team'],
        ucsGroups: ['Team'],
      },
    ]);
  });
  it('"nothing lost" when every export contact and group is there', () => {
    const whole = compareLists(
      { ...exported, contacts: exported.contacts.filter((x) => !x.buddy.includes('dan')) },
      ucs,
    );
    expect(whole.nothingLost).toBe(true);
  });
  it('a missing user group and distribution group are lost', () => {
    const r = compareLists(exported, {
      groups: ucs.groups.filter((g) => g.kind === 'favorites' || g.kind === 'other'),
      contacts: ucs.contacts,
    });
    expect(r.missingGroups).toEqual(['Team', 'Sales DL <sales@contoso.com>']);
  });
  it('an empty UCS misses everything', () => {
    const r = compareLists(exported, { groups: [], contacts: [] });
    expect(r.missingContacts).toHaveLength(5);
    expect(r.matched).toBe(0);
  });
});

describe('ucsSide', () => {
  const list: ImList = {
    groups: [
      {
        id: 'g1',
        name: 'Other Contacts',
        type: 'IPM.DistList.MOC.OtherContacts',
        memberIds: [],
        memberPersonaIds: ['p2'],
      },
      { id: 'g2', name: 'Team', type: 'IPM.DistList.MOC.UserGroup', memberIds: [], memberPersonaIds: ['p1'] },
      {
        id: 'g3',
        name: 'Sales',
        type: 'IPM.DistList.MOC.DG',
        smtp: 's@x',
        memberIds: [],
        memberPersonaIds: [],
      },
    ],
    personas: [
      {
        id: 'p1',
        displayName: 'Bob',
        emails: [{ address: 'bob@x' }],
        imAddress: 'sip:bob@x',
        phones: [],
        contactIds: [],
      },
      {
        id: 'p2',
        displayName: 'Taxi',
        emails: [],
        phones: [{ number: '+331', type: 'Business' }],
        contactIds: [],
      },
    ],
  };
  it('reads groups, telephone-only contacts and distribution groups', () => {
    const side = ucsSide(list);
    expect(side.contacts[0]).toMatchObject({ sipUri: 'bob@x', groups: ['Team'], telephoneOnly: false });
    expect(side.contacts[1]).toMatchObject({ tel: '+331', groups: ['Other Contacts'], telephoneOnly: true });
    expect(ucsCounts(side)).toEqual({ groups: 2, contacts: 2, telephoneOnly: 1, distributionGroups: 1 });
  });
});

describe('the keys things are matched by', () => {
  it.each([
    ['  SIP:Bob@Contoso.com ', 'bob@contoso.com'],
    ['smtp:BOB@x', 'bob@x'],
    ['bob@x', 'bob@x'],
    ['mailto:bob@x', 'mailto:bob@x'],
  ])('addressKey(%j) → %j', (a, want) => {
    expect(addressKey(a)).toBe(want);
  });
  it.each([
    ['tel:+33 1 70 00 00 01', '33170000001'],
    ['TEL:(425) 555-0100', '4255550100'],
    ['no digits', ''],
  ])('telKey(%j) → %j', (n, want) => {
    expect(telKey(n)).toBe(want);
  });
  it.each([
    [' Team ', 'team'],
    ['~', 'other contacts'],
    [' ~ ', 'other contacts'],
    ['~~', '~~'],
    // The same name typed as one code point or as e + combining accent.
    ['E\u0301quipe', 'équipe'],
  ])('groupKey(%j) → %j', (n, want) => {
    expect(groupKey(n)).toBe(want);
  });
  it.each([
    ['IPM.DistList.MOC.DG', undefined, 'distribution'],
    ['DistributionGroup', undefined, 'distribution'],
    ['IPM.DistList.MOC.UserGroup', 'dl@x', 'distribution'],
    ['IPM.DistList.MOC.Favorites', undefined, 'favorites'],
    ['favorites', undefined, 'favorites'],
    ['IPM.DistList.MOC.OtherContacts', undefined, 'other'],
    ['IPM.DistList.MOC.Favorites.Old', undefined, 'user'],
    ['IPM.DistList.MOC.UserGroup', undefined, 'user'],
    ['Normal', undefined, 'user'],
  ] as const)('groupKind(%j, %j) → %s', (type, smtp, want) => {
    expect(groupKind(type, smtp)).toBe(want);
  });
});

describe('ucsSide: names, addresses and numbers as the comparison reads them', () => {
  it('names the special groups Lync’s way, keeps DL members out, lists a group once per contact', () => {
    const side = ucsSide({
      groups: [
        {
          id: 'f',
          name: 'Favoris',
          type: 'IPM.DistList.MOC.Favorites',
          memberIds: [],
          memberPersonaIds: ['p'],
        },
        {
          id: 'o',
          name: 'Autres',
          type: 'IPM.DistList.MOC.OtherContacts',
          memberIds: [],
          memberPersonaIds: ['p'],
        },
        { id: 'd', name: 'Sales', type: 'IPM.DistList.MOC.DG', memberIds: [], memberPersonaIds: ['p'] },
        { id: 't', name: 'Team', type: 'Normal', memberIds: [], memberPersonaIds: ['p', 'p'] },
      ],
      personas: [
        {
          id: 'p',
          displayName: 'Bob',
          emails: [{ address: 'SMTP:bob@x' }, { address: 'bob2@x' }],
          imAddress: ' SIP:bob@x ',
          phones: [{ number: '+1', type: 'Business' }],
          contactIds: [],
        },
      ],
    });
    expect(side).toEqual({
      groups: [
        { name: 'Favorites', kind: 'favorites' },
        { name: 'Other Contacts', kind: 'other' },
        { name: 'Sales', kind: 'distribution' },
        { name: 'Team', kind: 'user' },
      ],
      contacts: [
        {
          displayName: 'Bob',
          sipUri: 'bob@x',
          emails: ['bob@x', 'bob2@x'],
          groups: ['Favorites', 'Other Contacts', 'Team'],
          telephoneOnly: false,
        },
      ],
    });
  });

  it.each([
    ['a tel: IM address', { imAddress: 'tel:+331' }, { tel: 'tel:+331', telephoneOnly: true }],
    ['a phone only', { phones: [{ number: '+332', type: 'Home' }] }, { tel: '+332', telephoneOnly: true }],
    [
      'an e-mail and a phone',
      { emails: [{ address: 'a@x' }], phones: [{ number: '+3', type: 'Home' }] },
      { telephoneOnly: false },
    ],
    ['nothing', {}, { telephoneOnly: false }],
  ] as Array<[string, Partial<ImList['personas'][number]>, Partial<UcsSide['contacts'][number]>]>)(
    'a persona with %s',
    (_name, over, want) => {
      const [c] = ucsSide({
        groups: [],
        personas: [{ id: 'p', displayName: 'P', emails: [], phones: [], contactIds: [], ...over }],
      }).contacts;
      expect(c).toEqual({
        displayName: 'P',
        emails: over.emails?.map((e) => e.address) ?? [],
        groups: [],
        ...want,
      });
    },
  );
});

describe('compareLists: what is listed, and how', () => {
  it('lists extras by SIP, else e-mail, else number, else nothing', () => {
    const r = compareLists(
      { groups: [], contacts: [] },
      {
        groups: [],
        contacts: [
          contact({ displayName: 'S', sipUri: 's@x', emails: ['e@x'] }),
          contact({ displayName: 'E', emails: ['e@x'] }),
          contact({ displayName: 'T', tel: 'tel:+1 2', telephoneOnly: true }),
          contact({ displayName: 'N', tel: '+3', telephoneOnly: true }),
          contact({ displayName: 'X' }),
        ],
      },
    );
    expect(r.extraContacts).toEqual([
      { address: 's@x', displayName: 'S', groups: [], telephoneOnly: false },
      { address: 'e@x', displayName: 'E', groups: [], telephoneOnly: false },
      { address: 'tel:+1 2', displayName: 'T', groups: [], telephoneOnly: true },
      { address: 'tel:+3', displayName: 'N', groups: [], telephoneOnly: true },
      { address: '', displayName: 'X', groups: [], telephoneOnly: false },
    ]);
    expect(r).toMatchObject({ matched: 0, telephoneMatched: 0, nothingLost: true, missingGroups: [] });
  });

  it('matches the first UCS contact holding a key; a SIP match beats an e-mail match', () => {
    const r = compareLists(
      {
        groups: [],
        contacts: [
          { buddy: 'sip:a@x', groups: [], telephoneOnly: false },
          { buddy: 'tel:+1 (2)', groups: [], telephoneOnly: true },
        ],
      },
      {
        groups: [],
        contacts: [
          contact({ displayName: 'By mail', emails: ['A@x'] }),
          contact({ displayName: 'By SIP', sipUri: 'a@x' }),
          contact({ displayName: 'Second SIP', sipUri: 'A@X' }),
          contact({ displayName: 'Phone', tel: '+12', telephoneOnly: true }),
          contact({ displayName: 'Phone again', tel: 'tel:12', telephoneOnly: true }),
          contact({ displayName: 'Not phone-only', tel: '12', telephoneOnly: false }),
        ],
      },
    );
    expect(r.matched).toBe(2);
    expect(r.telephoneMatched).toBe(1);
    expect(r.extraContacts.map((c) => c.displayName)).toEqual([
      'By mail',
      'Second SIP',
      'Phone again',
      'Not phone-only',
    ]);
  });

  it('a telephone-only export contact is never matched by address, nor one without digits', () => {
    const r = compareLists(
      {
        groups: [],
        contacts: [
          { buddy: 'tel:a@x', displayName: 'Odd', groups: ['~'], telephoneOnly: true },
          { buddy: 'b@x', groups: [], telephoneOnly: false },
        ],
      },
      {
        groups: [],
        contacts: [contact({ sipUri: 'a@x' }), contact({ tel: 'tel:', telephoneOnly: true, emails: [] })],
      },
    );
    expect(r.missingContacts).toEqual([
      { address: 'tel:a@x', displayName: 'Odd', groups: ['~'], telephoneOnly: true },
      { address: 'b@x', groups: [], telephoneOnly: false },
    ]);
    expect(r.nothingLost).toBe(false);
  });

  it('a changed group names the contact by the export’s name, else UCS’s, else not at all', () => {
    const r = compareLists(
      {
        groups: [],
        contacts: [
          { buddy: 'a@x', displayName: 'Export A', groups: ['One'], telephoneOnly: false },
          { buddy: 'b@x', groups: ['One'], telephoneOnly: false },
          { buddy: 'c@x', groups: ['One'], telephoneOnly: false },
          { buddy: 'd@x', groups: ['~', 'Team'], telephoneOnly: false },
        ],
      },
      {
        groups: [],
        contacts: [
          contact({ displayName: 'UCS A', sipUri: 'a@x', groups: ['Two'] }),
          contact({ displayName: 'UCS B', sipUri: 'b@x', groups: ['One', 'Two'] }),
          contact({ sipUri: 'c@x', groups: [] }),
          contact({ sipUri: 'd@x', groups: ['team', 'Other Contacts'] }),
        ],
      },
    );
    expect(r.changedGroups).toEqual([
      { address: 'a@x', displayName: 'Export A', exportGroups: ['One'], ucsGroups: ['Two'] },
      { address: 'b@x', displayName: 'UCS B', exportGroups: ['One'], ucsGroups: ['One', 'Two'] },
      { address: 'c@x', exportGroups: ['One'], ucsGroups: [] },
    ]);
  });

  it('groups: DLs by address or name, special groups never missing nor extra, extras said with their address', () => {
    const r = compareLists(
      {
        groups: [
          { number: '1', name: '~' },
          { number: '2', name: 'Favorites' },
          { number: '3', name: 'Renamed DL', distributionGroup: 'SMTP:dl1@x' },
          { number: '4', name: 'DL by name', distributionGroup: 'old@x' },
          { number: '5', name: 'Plain DL' },
          { number: '6', name: 'Lost DL', distributionGroup: 'lost@x' },
          { number: '7', name: 'Lost group' },
          { number: '8', name: 'TEAM' },
        ],
        contacts: [],
      },
      {
        groups: [
          { name: 'Dl one', kind: 'distribution', smtp: 'dl1@x' },
          { name: 'DL by name', kind: 'distribution', smtp: 'new@x' },
          { name: 'Plain DL', kind: 'distribution' },
          { name: 'New DL', kind: 'distribution', smtp: 'new-dl@x' },
          { name: 'No address DL', kind: 'distribution' },
          { name: 'team', kind: 'user' },
          { name: 'New group', kind: 'user' },
          { name: 'Favorites', kind: 'favorites' },
          { name: 'Other Contacts', kind: 'other' },
        ],
        contacts: [],
      },
    );
    expect(r.missingGroups).toEqual(['Lost DL <lost@x>', 'Lost group']);
    expect(r.extraGroups).toEqual(['New DL <new-dl@x>', 'No address DL', 'New group']);
    expect(r.nothingLost).toBe(false);
  });
});

describe('schemes and group types only count where they belong', () => {
  it.each([
    // A later class under a known one is some other kind of list, not that one.
    ['IPM.DistList.MOC.DG.Archive', undefined, 'user'],
    ['IPM.DistList.MOC.DistributionGroup.Old', undefined, 'user'],
    ['IPM.DistList.MOC.OtherContacts.Old', undefined, 'user'],
  ] as const)('groupKind(%j, %j) → %s', (type, smtp, want) => {
    expect(groupKind(type, smtp)).toBe(want);
  });

  it('addressKey drops only a leading scheme, not one inside the address', () => {
    expect(addressKey('mailto:sip:Bob@x')).toBe('mailto:sip:bob@x');
    expect(addressKey('Bob@edge-sip:5061')).toBe('bob@edge-sip:5061');
  });

  it('ucsSide keeps a DL’s address, and reads sip:, smtp: and tel: only as leading schemes', () => {
    const side = ucsSide({
      groups: [
        {
          id: 'd',
          name: 'Sales',
          type: 'IPM.DistList.MOC.DG',
          smtp: 'sales@x',
          memberIds: [],
          memberPersonaIds: [],
        },
      ],
      personas: [
        // A SIP URI with a host and port: "hotel:5061" is no telephone number.
        {
          id: 'h',
          displayName: 'Desk',
          emails: [],
          imAddress: 'sip:desk@hotel:5061',
          phones: [],
          contactIds: [],
        },
        {
          id: 'm',
          displayName: 'Mailto',
          emails: [{ address: 'mailto:smtp:m@x' }],
          imAddress: 'mailto:sip:m@x',
          phones: [],
          contactIds: [],
        },
        {
          id: 't',
          displayName: 'Taxi',
          emails: [],
          phones: [{ number: '+33 1', type: 'Business' }],
          contactIds: [],
        },
      ],
    });
    expect(side).toStrictEqual({
      groups: [{ name: 'Sales', kind: 'distribution', smtp: 'sales@x' }],
      contacts: [
        { displayName: 'Desk', sipUri: 'desk@hotel:5061', emails: [], groups: [], telephoneOnly: false },
        {
          displayName: 'Mailto',
          sipUri: 'mailto:sip:m@x',
          emails: ['mailto:smtp:m@x'],
          groups: [],
          telephoneOnly: false,
        },
        // No SIP address: no sipUri key at all, not an undefined one.
        { displayName: 'Taxi', emails: [], tel: '+33 1', groups: [], telephoneOnly: true },
      ],
    });
  });

  it('an extra number written in free text is listed as written, after one tel:', () => {
    const side = ucsSide({
      groups: [],
      personas: [
        {
          id: 'p',
          displayName: 'Front desk',
          emails: [],
          phones: [{ number: 'Hotel: +33 1 70 00 00 01', type: 'Business' }],
          contactIds: [],
        },
      ],
    });
    expect(compareLists({ groups: [], contacts: [] }, side).extraContacts).toStrictEqual([
      { address: 'tel:Hotel: +33 1 70 00 00 01', displayName: 'Front desk', groups: [], telephoneOnly: true },
    ]);
  });
});

describe('compareLists: contacts, the survivors', () => {
  it('the same number of groups is not the same groups', () => {
    const r = compareLists(
      { groups: [], contacts: [{ buddy: 'sip:a@x', groups: ['One', 'Two'], telephoneOnly: false }] },
      { groups: [], contacts: [contact({ displayName: 'A', sipUri: 'a@x', groups: ['one', 'Three'] })] },
    );
    expect(r.changedGroups).toStrictEqual([
      { address: 'a@x', displayName: 'A', exportGroups: ['One', 'Two'], ucsGroups: ['one', 'Three'] },
    ]);
  });

  it('two UCS contacts sharing an e-mail: the first is the match, the second an extra', () => {
    const r = compareLists(
      { groups: [], contacts: [{ buddy: 'sip:a@x', groups: [], telephoneOnly: false }] },
      {
        groups: [],
        contacts: [
          contact({ displayName: 'First', emails: ['a@x'] }),
          contact({ displayName: 'Second', emails: ['A@X'] }),
        ],
      },
    );
    expect(r.matched).toBe(1);
    expect(r.extraContacts.map((c) => c.displayName)).toStrictEqual(['Second']);
  });

  it('a lost telephone-only contact is not found on someone else’s desk phone', () => {
    const r = compareLists(
      { groups: [], contacts: [{ buddy: 'tel:+33 1 70 00 00 09', groups: [], telephoneOnly: true }] },
      {
        groups: [],
        contacts: [
          contact({ displayName: 'Bob', sipUri: 'bob@x', tel: '+33170000009', telephoneOnly: false }),
        ],
      },
    );
    expect(r.matched).toBe(0);
    expect(r.missingContacts).toStrictEqual([
      { address: 'tel:+33 1 70 00 00 09', groups: [], telephoneOnly: true },
    ]);
  });

  it('a missing number typed with a space after tel: is listed without it', () => {
    const r = compareLists(
      { groups: [], contacts: [{ buddy: 'tel: +33 1 70 00 00 09', groups: [], telephoneOnly: true }] },
      { groups: [], contacts: [] },
    );
    expect(r.missingContacts.map((c) => c.address)).toStrictEqual(['tel:+33 1 70 00 00 09']);
  });
});

describe('compareLists: groups, the survivors', () => {
  it('Favorites and Other Contacts are never missing, even when UCS does not list them', () => {
    const r = compareLists(
      {
        groups: [
          { number: '1', name: 'Favorites' },
          { number: '2', name: '~' },
          { number: '3', name: 'Team' },
        ],
        contacts: [],
      },
      { groups: [{ name: 'Team', kind: 'user' }], contacts: [] },
    );
    expect(r.missingGroups).toStrictEqual([]);
    expect(r.nothingLost).toBe(true);
  });

  it('Favorites and Other Contacts are never extra, even when the export did not list them', () => {
    const r = compareLists(
      { groups: [], contacts: [] },
      {
        groups: [
          { name: 'Favorites', kind: 'favorites' },
          { name: 'Other Contacts', kind: 'other' },
        ],
        contacts: [],
      },
    );
    expect(r.extraGroups).toStrictEqual([]);
  });

  it('a DL turned into a plain group of the same name is still a lost DL', () => {
    const r = compareLists(
      { groups: [{ number: '1', name: 'Sales', distributionGroup: 'sales@x' }], contacts: [] },
      { groups: [{ name: 'Sales', kind: 'user' }], contacts: [] },
    );
    expect(r.missingGroups).toStrictEqual(['Sales <sales@x>']);
    expect(r.nothingLost).toBe(false);
  });

  it('a plain group named after a DL’s address is not that DL: the DL is lost, the group is extra', () => {
    const r = compareLists(
      { groups: [{ number: '1', name: 'Sales', distributionGroup: 'sales@x' }], contacts: [] },
      { groups: [{ name: 'Sales@x', kind: 'user' }], contacts: [] },
    );
    expect(r.missingGroups).toStrictEqual(['Sales <sales@x>']);
    expect(r.extraGroups).toStrictEqual(['Sales@x']);
  });
});
