/** IM list changes: the input each refuses before calling, what each sends, and what it reads back. */
import { describe, expect, it } from 'vitest';
import type { EwsCaller } from '../../../../../main/exchange/caller';
import * as im from '../../../../../main/exchange/operations/imList';
import { parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

type Run = (c: EwsCaller) => Promise<unknown>;

const GROUP =
  '<t:ImGroup><t:DisplayName>Team</t:DisplayName><t:GroupType>DistributionGroup</t:GroupType>' +
  '<t:ExchangeStoreId Id="G1" ChangeKey="CK"/><t:SmtpAddress> team@x </t:SmtpAddress></t:ImGroup>';
const PERSONA = '<t:Persona><t:PersonaId Id="P1"/><t:DisplayName>Ann</t:DisplayName></t:Persona>';

describe('IM list changes refuse a blank argument before calling', () => {
  it.each([
    [
      'SetImGroup without a group id',
      (c: EwsCaller) => im.setImGroup(c, ' ', 'n'),
      'A group id is required.',
    ],
    ['SetImGroup without a name', (c: EwsCaller) => im.setImGroup(c, 'G1', ''), 'A group name is required.'],
    ['RemoveImGroup', (c: EwsCaller) => im.removeImGroup(c, ''), 'A group id is required.'],
    [
      'AddNewImContactToGroup',
      (c: EwsCaller) => im.addNewImContactToGroup(c, { imAddress: ' ' }),
      'An IM address is required.',
    ],
    [
      'AddNewTelUriContactToGroup',
      (c: EwsCaller) =>
        im.addNewTelUriContactToGroup(c, {
          telUriAddress: '',
          imContactSipUriAddress: 's',
          imTelephoneNumber: 'n',
        }),
      'A telephone URI is required.',
    ],
    ['AddImContactToGroup', (c: EwsCaller) => im.addImContactToGroup(c, ''), 'A contact id is required.'],
    [
      'RemoveImContactFromGroup without a contact',
      (c: EwsCaller) => im.removeImContactFromGroup(c, '', 'G1'),
      'A contact id is required.',
    ],
    [
      'RemoveImContactFromGroup without a group',
      (c: EwsCaller) => im.removeImContactFromGroup(c, 'C1', ' '),
      'A group id is required.',
    ],
    [
      'RemoveContactFromImList',
      (c: EwsCaller) => im.removeContactFromImList(c, ''),
      'A contact id is required.',
    ],
    [
      'AddDistributionGroupToImList',
      (c: EwsCaller) => im.addDistributionGroupToImList(c, { smtpAddress: '', displayName: 'd' }),
      'A group address is required.',
    ],
    [
      'RemoveDistributionGroupFromImList',
      (c: EwsCaller) => im.removeDistributionGroupFromImList(c, ''),
      'A group id is required.',
    ],
  ] as [string, Run, string][])('%s', async (_what, run, message) => {
    const { caller, calls } = fakeCaller('');
    await expect(run(caller)).rejects.toMatchObject({ kind: 'bad-input', code: 'MissingArgument', message });
    expect(calls).toEqual([]);
  });
});

describe('IM list changes send the values given', () => {
  it.each([
    [
      'SetImGroup',
      (c: EwsCaller) => im.setImGroup(c, 'G1', 'New name'),
      [
        ['GroupId', 'G1', ''],
        ['NewDisplayName', '', 'New name'],
      ],
    ],
    ['AddImContactToGroup', (c: EwsCaller) => im.addImContactToGroup(c, 'C1'), [['ContactId', 'C1', '']]],
    [
      'SetImListMigrationCompleted',
      (c: EwsCaller) => im.setImListMigrationCompleted(c, false),
      [['ImListMigrationCompleted', '', 'false']],
    ],
    [
      'SetImListMigrationCompleted',
      (c: EwsCaller) => im.setImListMigrationCompleted(c, true),
      [['ImListMigrationCompleted', '', 'true']],
    ],
    ['GetImItems', (c: EwsCaller) => im.getImItems(c, { contactIds: [], groupIds: [] }), []],
  ] as [string, Run, string[][]][])('%s', async (op, run, sent) => {
    const { caller, calls } = fakeCaller(envelope(op, ''));
    await run(caller);
    expect(calls[0]!.action).toBe(op);
    expect(calls[0]!.body.children.map((c) => [c.name, c.attrs.Id ?? '', c.text])).toEqual(sent);
  });

  it('GetImItems lists contact and group ids as t:ItemId, capped like the whole list', async () => {
    const { caller, calls } = fakeCaller(
      envelope(
        'GetImItems',
        `<m:ImItemList><t:Groups>${GROUP}</t:Groups><t:Personas>${PERSONA}</t:Personas></m:ImItemList>`,
      ),
    );
    const list = await im.getImItems(caller, { contactIds: ['C1', 'C2'], groupIds: ['G1'] });
    const body = calls[0]!.body;
    expect(body.children.map((c) => [c.name, c.children.map((i) => `${i.name}:${i.attrs.Id}`)])).toEqual([
      ['ContactIds', ['ItemId:C1', 'ItemId:C2']],
      ['GroupIds', ['ItemId:G1']],
    ]);
    expect(calls[0]!.options?.maxResponseBytes).toBe(im.IM_LIST_MAX_RESPONSE_BYTES);
    expect(list.groups.map((g) => g.id)).toEqual(['G1']);
    expect(list.personas.map((p) => p.id)).toEqual(['P1']);
  });

  it('GetImItemList caps the answer at the IM list size', async () => {
    const { caller, calls } = fakeCaller(envelope('GetImItemList', '<m:ImItemList/>'));
    expect(await im.getImItemList(caller)).toEqual({ groups: [], personas: [] });
    expect(calls[0]!.options?.maxResponseBytes).toBe(im.IM_LIST_MAX_RESPONSE_BYTES);
  });
});

describe('IM list additions read back what was made', () => {
  it('AddNewImContactToGroup sends the address, the optional name and group, once only', async () => {
    const { caller, calls } = fakeCaller(envelope('AddNewImContactToGroup', PERSONA));
    const p = await im.addNewImContactToGroup(caller, {
      imAddress: 'sip:a@x',
      displayName: 'Ann',
      groupId: 'G1',
    });
    expect(p).toMatchObject({ id: 'P1', displayName: 'Ann' });
    expect(calls[0]!.body.children.map((c) => [c.name, c.attrs.Id ?? '', c.text])).toEqual([
      ['ImAddress', '', 'sip:a@x'],
      ['DisplayName', '', 'Ann'],
      ['GroupId', 'G1', ''],
    ]);
    expect(calls[0]!.options?.idempotent).toBe(false);
    const bare = fakeCaller(envelope('AddNewImContactToGroup', PERSONA));
    await im.addNewImContactToGroup(bare.caller, { imAddress: 'sip:a@x' });
    expect(bare.calls[0]!.body.children.map((c) => c.name)).toEqual(['ImAddress']);
  });

  it('AddNewTelUriContactToGroup sends the three addresses and the group, once only', async () => {
    const { caller, calls } = fakeCaller(envelope('AddNewTelUriContactToGroup', PERSONA));
    await im.addNewTelUriContactToGroup(caller, {
      telUriAddress: 'tel:+1',
      imContactSipUriAddress: 'sip:+1@x',
      imTelephoneNumber: '+1',
      groupId: 'G1',
    });
    expect(calls[0]!.body.children.map((c) => [c.name, c.attrs.Id ?? '', c.text])).toEqual([
      ['TelUriAddress', '', 'tel:+1'],
      ['ImContactSipUriAddress', '', 'sip:+1@x'],
      ['ImTelephoneNumber', '', '+1'],
      ['GroupId', 'G1', ''],
    ]);
    expect(calls[0]!.options?.idempotent).toBe(false);
  });

  it('AddDistributionGroupToImList sends the address and name, once only, and reads the group', async () => {
    const { caller, calls } = fakeCaller(envelope('AddDistributionGroupToImList', GROUP));
    const g = await im.addDistributionGroupToImList(caller, { smtpAddress: 'team@x', displayName: 'Team' });
    expect(g).toEqual({
      id: 'G1',
      changeKey: 'CK',
      name: 'Team',
      type: 'DistributionGroup',
      smtp: 'team@x',
      memberIds: [],
      memberPersonaIds: [],
    });
    expect(calls[0]!.body.children.map((c) => [c.name, c.text])).toEqual([
      ['SmtpAddress', 'team@x'],
      ['DisplayName', 'Team'],
    ]);
    expect(calls[0]!.options?.idempotent).toBe(false);
  });

  it.each([
    [
      'a contact',
      (c: EwsCaller) => im.addNewImContactToGroup(c, { imAddress: 'sip:a@x' }),
      'AddNewImContactToGroup',
      'Exchange did not return the contact.',
    ],
    [
      'a group',
      (c: EwsCaller) => im.addDistributionGroupToImList(c, { smtpAddress: 'a@x', displayName: 'A' }),
      'AddDistributionGroupToImList',
      'Exchange did not return the group.',
    ],
    [
      'a new group',
      (c: EwsCaller) => im.addImGroup(c, 'A'),
      'AddImGroup',
      'Exchange did not return the group.',
    ],
  ] as [string, Run, string, string][])(
    'an answer without %s is a malformed response',
    async (_what, run, op, message) => {
      const { caller } = fakeCaller(envelope(op, ''));
      await expect(run(caller)).rejects.toMatchObject({ kind: 'server', code: 'MalformedResponse', message });
    },
  );
});

describe('readImGroup and linkMembers', () => {
  it('reads a bare group as a Normal one with no id, name, change key or address', () => {
    const g = im.readImGroup(
      parseXml(
        '<ImGroup xmlns="http://schemas.microsoft.com/exchange/services/2006/types"><GroupType> </GroupType><SmtpAddress> </SmtpAddress>' +
          '<MemberCorrelationKey><ItemId Id="C1"/><ItemId/></MemberCorrelationKey></ImGroup>',
      ),
    );
    expect(g).toEqual({ id: '', name: '', type: 'Normal', memberIds: ['C1'], memberPersonaIds: [] });
  });

  it('links members by contact id or persona id, each person once, unknown ones left out', () => {
    const groups: im.ImGroup[] = [
      {
        id: 'G',
        name: 'g',
        type: 'Normal',
        memberIds: ['C1', 'P1', 'C2', 'X', 'P2'],
        memberPersonaIds: ['stale'],
      },
    ];
    im.linkMembers(groups, [
      { id: 'P1', displayName: 'a', emails: [], phones: [], contactIds: ['C1'] },
      { id: 'P2', displayName: 'b', emails: [], phones: [], contactIds: ['C2'] },
    ]);
    expect(groups[0]!.memberPersonaIds).toEqual(['P1', 'P2']);
  });
});
