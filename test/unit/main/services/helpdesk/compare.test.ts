import { describe, expect, it } from 'vitest';
import {
  compareLists,
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
