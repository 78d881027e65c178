import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImItemList } from '../../../../main/exchange/operations/imList';
import type { Persona } from '../../../../main/exchange/operations/persona';
import { parseSoapResponse } from '../../../../main/exchange/soap';
import {
  contactIndex,
  groupKind,
  mailboxToEntry,
  personaToEntry,
  resolutionToEntry,
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
