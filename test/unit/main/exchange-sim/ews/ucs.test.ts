import { describe, expect, it } from 'vitest';
import { encodeId } from '../../../../../main/exchange-sim/ews/ids';
import { MAX_IM_CONTACTS, MAX_IM_GROUPS } from '../../../../../main/exchange-sim/ews/ucs';
import type { EwsCall } from '../../../../../main/exchange-sim/ews/types';
import { at, children, faultCode, makeCall, makeOrg, person, send, single } from './helpers';

function groupId(call: EwsCall, name: string): string {
  const g = call.caller.imList.groups.find((x) => x.displayName === name);
  if (!g) throw new Error(`no group ${name}`);
  return encodeId('group', call.caller.id, g.id);
}

const addGroup = (name: string): string =>
  `<m:AddImGroup><m:DisplayName>${name}</m:DisplayName></m:AddImGroup>`;
const addContact = (im: string, group?: string): string =>
  `<m:AddNewImContactToGroup><m:ImAddress>${im}</m:ImAddress><m:DisplayName>${im}</m:DisplayName>${group ? `<m:GroupId Id="${group}"/>` : ''}</m:AddNewImContactToGroup>`;

async function bareCall(): Promise<EwsCall> {
  const call = makeCall(makeOrg(), 'dave@contoso.test');
  expect(call.caller.imList.personas).toHaveLength(0);
  await send(call, '<m:GetImItemList/>');
  return call;
}

describe('IM list rules', () => {
  it('creates Favorites and Other Contacts for an empty list', async () => {
    const call = await bareCall();
    expect(call.caller.imList.groups.map((g) => g.type).sort()).toEqual(['Favorites', 'OtherContacts']);
  });

  it('a contact added without a group lands in Other Contacts; adding the same address twice does not duplicate it', async () => {
    const call = await bareCall();
    expect(single(await send(call, addContact('sip:x@contoso.test'))).code).toBe('NoError');
    expect(single(await send(call, addContact('x@contoso.test', groupId(call, 'Favorites')))).code).toBe(
      'NoError',
    );
    const list = call.caller.imList;
    expect(list.personas).toHaveLength(1);
    const id = list.personas[0]?.id;
    expect(list.groups.find((g) => g.type === 'OtherContacts')?.memberIds).toEqual([id]);
    expect(list.groups.find((g) => g.type === 'Favorites')?.memberIds).toEqual([id]);
  });

  it('removing a group moves its members that have no other group to Other Contacts', async () => {
    const call = await bareCall();
    await send(call, addGroup('Team'));
    await send(call, addContact('y@contoso.test', groupId(call, 'Team')));
    const id = call.caller.imList.personas[0]?.id ?? '';
    expect(call.caller.imList.groups.find((g) => g.type === 'OtherContacts')?.memberIds).not.toContain(id);
    expect(
      single(
        await send(call, `<m:RemoveImGroup><m:GroupId Id="${groupId(call, 'Team')}"/></m:RemoveImGroup>`),
      ).code,
    ).toBe('NoError');
    expect(call.caller.imList.groups.find((g) => g.type === 'OtherContacts')?.memberIds).toContain(id);
  });

  it('refuses duplicate and special names, empty names, and renaming special groups', async () => {
    const call = await bareCall();
    await send(call, addGroup('Team'));
    expect(single(await send(call, addGroup(' team '))).code).toBe('ErrorImGroupDisplayNameAlreadyExists');
    expect(single(await send(call, addGroup('other contacts'))).code).toBe(
      'ErrorImGroupDisplayNameAlreadyExists',
    );
    expect(single(await send(call, addGroup('  '))).code).toBe('ErrorInvalidParameter');
    const rename = (id: string, name: string): string =>
      `<m:SetImGroup><m:GroupId Id="${id}"/><m:NewDisplayName>${name}</m:NewDisplayName></m:SetImGroup>`;
    expect(single(await send(call, rename(groupId(call, 'Other Contacts'), 'Misc'))).code).toBe(
      'ErrorInvalidOperation',
    );
    expect(single(await send(call, rename(groupId(call, 'Team'), 'Favorites'))).code).toBe(
      'ErrorImGroupDisplayNameAlreadyExists',
    );
    expect(single(await send(call, rename(groupId(call, 'Team'), 'TEAM'))).code).toBe('NoError');
  });

  it('bumps a group change key when it changes', async () => {
    const call = await bareCall();
    await send(call, addGroup('Team'));
    const before = call.caller.imList.groups.find((g) => g.displayName === 'Team')?.changeKey;
    await send(call, addContact('z@contoso.test', groupId(call, 'Team')));
    expect(call.caller.imList.groups.find((g) => g.displayName === 'Team')?.changeKey).not.toBe(before);
  });

  it(`caps the list at ${MAX_IM_CONTACTS} contacts and ${MAX_IM_GROUPS} groups`, async () => {
    const call = await bareCall();
    for (let i = 0; i < MAX_IM_CONTACTS; i += 1)
      call.caller.imList.personas.push({ id: `p${i}`, displayName: `P${i}`, imAddress: `sip:p${i}@x.test` });
    const full = await send(call, addContact('one-more@contoso.test'));
    expect(single(full)).toEqual({ cls: 'Error', code: 'ErrorImContactLimitReached' });
    for (let i = 0; i < MAX_IM_GROUPS; i += 1)
      call.caller.imList.groups.push({
        id: `g${i}`,
        changeKey: '1',
        displayName: `G${i}`,
        type: 'Normal',
        memberIds: [],
      });
    expect(single(await send(call, addGroup('Too many'))).code).toBe('ErrorImGroupLimitReached');
  });

  it('checks ids: malformed, unknown, another mailbox’s', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'bob@contoso.test');
    const remove = (id: string): string => `<m:RemoveImGroup><m:GroupId Id="${id}"/></m:RemoveImGroup>`;
    expect(single(await send(call, remove('***'))).code).toBe('ErrorInvalidIdMalformed');
    expect(single(await send(call, remove(encodeId('group', call.caller.id, 'nope')))).code).toBe(
      'ErrorInvalidImGroupId',
    );
    const alice = person(org, 'alice@contoso.test');
    const foreign = await send(call, remove(encodeId('group', alice.id, alice.imList.groups[0]?.id ?? '')));
    expect(single(foreign).code).toBe('ErrorNonExistentMailbox');
    const contact = `<m:RemoveContactFromImList><m:ContactId Id="${encodeId('contact', call.caller.id, 'nope')}"/></m:RemoveContactFromImList>`;
    expect(single(await send(call, contact)).code).toBe('ErrorInvalidImContactId');
  });

  it('GetImItems leaves out ids it does not know instead of failing', async () => {
    const org = makeOrg();
    const call = makeCall(org, 'bob@contoso.test');
    const p = call.caller.imList.personas[0];
    const req = `<m:GetImItems><m:ContactIds><t:ItemId Id="${encodeId('contact', call.caller.id, p?.id ?? '')}"/><t:ItemId Id="${encodeId('contact', call.caller.id, 'gone')}"/></m:ContactIds><m:GroupIds><t:ItemId Id="bad"/></m:GroupIds></m:GetImItems>`;
    const a = await send(call, req);
    expect(single(a).code).toBe('NoError');
    expect(children(at(a.body, 'ImItemList', 'Personas'))).toHaveLength(1);
    expect(children(at(a.body, 'ImItemList', 'Groups'))).toHaveLength(0);
  });

  it('refuses contacts in a distribution group and a malformed migration flag', async () => {
    const call = await bareCall();
    const dl = call.org.groups[0];
    await send(
      call,
      `<m:AddDistributionGroupToImList><m:SmtpAddress>${dl?.smtp ?? ''}</m:SmtpAddress><m:DisplayName>DL</m:DisplayName></m:AddDistributionGroupToImList>`,
    );
    expect(single(await send(call, addContact('q@contoso.test', groupId(call, 'DL')))).code).toBe(
      'ErrorInvalidOperation',
    );
    expect(
      faultCode(
        await send(
          call,
          '<m:SetImListMigrationCompleted><m:ImListMigrationCompleted>maybe</m:ImListMigrationCompleted></m:SetImListMigrationCompleted>',
        ),
      ),
    ).toBe('ErrorSchemaValidation');
  });

  it('refuses a malformed IM address or tel: URI', async () => {
    const call = await bareCall();
    expect(single(await send(call, addContact('not an address'))).code).toBe('ErrorInvalidParameter');
    const tel =
      '<m:AddNewTelUriContactToGroup><m:TelUriAddress>mailto:x@y</m:TelUriAddress></m:AddNewTelUriContactToGroup>';
    expect(single(await send(call, tel)).code).toBe('ErrorInvalidParameter');
  });
});
