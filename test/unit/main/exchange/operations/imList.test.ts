import { describe, expect, it } from 'vitest';
import * as im from '../../../../../main/exchange/operations/imList';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

describe('GetImItemList', () => {
  it('reads groups (with member ids and DG smtp) and personas', async () => {
    const { caller, calls } = fakeCaller(fixture('GetImItemList.xml'));
    const list = await im.getImItemList(caller);
    expect(calls[0]!.action).toBe('GetImItemList');
    expect(calls[0]!.body.name).toBe('GetImItemList');
    expect(list.groups.map((g) => [g.name, g.type, g.memberIds.length])).toEqual([
      ['Other Contacts', 'OtherContacts', 0],
      ['Favorites', 'Favorites', 1],
      ['Équipe & Projets — 東京', 'Normal', 3],
      ['Sales EMEA', 'DistributionGroup', 0],
    ]);
    expect(list.groups[2]).toMatchObject({
      id: 'AAMkAGCustom=',
      changeKey: 'EQAAABYC',
      memberIds: ['AAMkAGContact1b=', 'AAMkAGContact2=', 'AAMkAGUnknown='],
      memberPersonaIds: ['AAUQAPersona1=', 'AAUQAPersona2='],
    });
    expect(list.groups[1]!.memberPersonaIds).toEqual(['AAUQAPersona1=']);
    expect(list.groups[3]!.smtp).toBe('sales-emea@contoso.test');
    expect(list.groups[0]!.smtp).toBeUndefined();
    expect(list.personas).toHaveLength(2);
    expect(list.personas[0]).toEqual({
      id: 'AAUQAPersona1=',
      displayName: 'Anthony Smith',
      emails: [
        { address: 'anthony.smith@contoso.test', name: 'Anthony Smith', routingType: 'SMTP' },
        { address: 'tony@contoso.test', name: 'Tony Smith', routingType: 'SMTP' },
      ],
      imAddress: 'sip:anthony.smith@contoso.test',
      title: 'Program Manager',
      department: 'Sales',
      company: 'Contoso',
      office: 'Building 4, 2nd floor',
      phones: [
        { number: '+1 425 555 0100', type: 'Business' },
        { number: '+1 425 555 0199', type: 'Mobile' },
      ],
      contactIds: ['AAMkAGContact1=', 'AAMkAGContact1b='],
    });
    // optional elements missing stay absent; the attributed ImAddresses form is read too
    expect(list.personas[1]).toEqual({
      id: 'AAUQAPersona2=',
      displayName: 'Терентий Адамов',
      emails: [{ address: 'terence.adams@contoso.test', name: 'Терентий Адамов', routingType: 'SMTP' }],
      imAddress: 'sip:terence.adams@contoso.test',
      phones: [],
      contactIds: ['AAMkAGContact2='],
    });
  });

  it('throws a throttled error for ErrorServerBusy', async () => {
    const { caller } = fakeCaller(fixture('ErrorServerBusy.xml'));
    await expect(im.getImItemList(caller)).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 2500 });
  });
});

describe('IM list changes', () => {
  it('AddImGroup sends the name as text and returns the new group', async () => {
    const { caller, calls } = fakeCaller(fixture('AddImGroup.xml'));
    const g = await im.addImGroup(caller, 'Project <Phoenix> & co');
    expect(g).toEqual({
      id: 'AAMkAGNewGroup=',
      changeKey: 'EQAAABYE',
      name: 'Project Phoenix',
      type: 'Normal',
      memberIds: [],
      memberPersonaIds: [],
    });
    const body = calls[0]!.body;
    expect(body.name).toBe('AddImGroup');
    expect(body.children[0]).toMatchObject({ name: 'DisplayName', text: 'Project <Phoenix> & co' });
    expect(calls[0]!.options?.idempotent).toBe(false);
  });

  it('refuses an empty group name before calling', async () => {
    const { caller, calls } = fakeCaller(fixture('AddImGroup.xml'));
    await expect(im.addImGroup(caller, '  ')).rejects.toMatchObject({ kind: 'bad-input' });
    expect(calls).toHaveLength(0);
  });

  const ok = (op: string): string =>
    fixture('AddImGroup.xml').replace(
      /<AddImGroupResponse[\s\S]*<\/AddImGroupResponse>/,
      `<${op}Response ResponseClass="Success" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><ResponseCode>NoError</ResponseCode></${op}Response>`,
    );

  it.each([
    [
      'SetImGroup',
      (c: Parameters<typeof im.setImGroup>[0]) => im.setImGroup(c, 'G1', 'New'),
      ['GroupId', 'NewDisplayName'],
    ],
    ['RemoveImGroup', (c: Parameters<typeof im.setImGroup>[0]) => im.removeImGroup(c, 'G1'), ['GroupId']],
    [
      'AddImContactToGroup',
      (c: Parameters<typeof im.setImGroup>[0]) => im.addImContactToGroup(c, 'P1', 'G1'),
      ['ContactId', 'GroupId'],
    ],
    [
      'RemoveImContactFromGroup',
      (c: Parameters<typeof im.setImGroup>[0]) => im.removeImContactFromGroup(c, 'P1', 'G1'),
      ['ContactId', 'GroupId'],
    ],
    [
      'RemoveContactFromImList',
      (c: Parameters<typeof im.setImGroup>[0]) => im.removeContactFromImList(c, 'P1'),
      ['ContactId'],
    ],
    [
      'RemoveDistributionGroupFromImList',
      (c: Parameters<typeof im.setImGroup>[0]) => im.removeDistributionGroupFromImList(c, 'G1'),
      ['GroupId'],
    ],
    [
      'SetImListMigrationCompleted',
      (c: Parameters<typeof im.setImGroup>[0]) => im.setImListMigrationCompleted(c, true),
      ['ImListMigrationCompleted'],
    ],
  ] as const)('%s sends the documented elements', async (op, run, children) => {
    const { caller, calls } = fakeCaller(ok(op));
    await run(caller);
    expect(calls[0]!.action).toBe(op);
    expect(calls[0]!.body.name).toBe(op);
    expect(calls[0]!.body.children.map((c) => c.name)).toEqual(children);
    // ids travel as attributes of m:GroupId / m:ContactId (ItemIdType), not as nested t:ItemId
    const ids = calls[0]!.body.children.filter((c) => c.name === 'GroupId' || c.name === 'ContactId');
    expect(ids.length).toBe(children.filter((n) => n === 'GroupId' || n === 'ContactId').length);
    for (const c of ids) {
      expect(c.attrs.Id).toMatch(/^[GP]1$/);
      expect(c.children).toEqual([]);
    }
  });

  it('an error response message becomes a typed error', async () => {
    const { caller } = fakeCaller(
      fixture('AddImGroup.xml').replace(
        /<AddImGroupResponse[\s\S]*<\/AddImGroupResponse>/,
        '<m:RemoveImGroupResponse ResponseClass="Error" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:MessageText>The group was not found.</m:MessageText><m:ResponseCode>ErrorImGroupNotFound</m:ResponseCode></m:RemoveImGroupResponse>',
      ),
    );
    await expect(im.removeImGroup(caller, 'G9')).rejects.toMatchObject({
      kind: 'not-found',
      code: 'ErrorImGroupNotFound',
    });
  });
});
