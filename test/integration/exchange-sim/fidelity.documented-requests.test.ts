/**
 * Fidelity for the operations ews-javascript-api lacks (the UCS IM list, photos, FindPeople,
 * MailTips, the Lync Contacts folder): requests shaped like Microsoft's documentation examples
 * (test/fixtures/ews-requests/) sent over HTTP to the simulator; the answers are parsed and their
 * structure (names, namespaces, order, ResponseClass/ResponseCode) checked as a client reads it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { esc } from '../../../main/exchange-sim/ews/xml';
import {
  NS,
  at,
  child,
  children,
  names,
  parseXml,
  type XNode,
} from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const FIXTURES = join(import.meta.dirname, '../../fixtures/ews-requests');
const fx = useFidelitySim();
const { who } = fx;

function auth(smtp: string): string {
  return `Basic ${Buffer.from(`${smtp}:${who(smtp).password}`).toString('base64')}`;
}

function request(name: string, values: Record<string, string> = {}): string {
  return readFileSync(join(FIXTURES, `${name}.xml`), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`fixture ${name} needs ${k}`);
    return esc(v);
  });
}

interface Reply {
  status: number;
  headers: Headers;
  envelope: XNode;
  /** m:<Op>Response */
  body: XNode;
}

async function post(smtp: string, name: string, values: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', authorization: auth(smtp) },
    body: request(name, values),
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
  const envelope = parseXml(await res.text());
  const body = at(envelope, 'Body').children[0];
  if (!body) throw new Error('empty body');
  return { status: res.status, headers: res.headers, envelope, body };
}

/** The single-message shape of the 2013 operations: m:<Op>Response ResponseClass=…, then its code. */
function expectSingle(reply: Reply, op: string, cls: 'Success' | 'Error', code: string): void {
  expect(reply.status).toBe(200);
  expect(reply.envelope.uri).toBe(NS.soap);
  const svi = at(reply.envelope, 'Header', 'ServerVersionInfo');
  expect(svi.uri).toBe(NS.t);
  expect(svi.attrs.MajorVersion).toBe('15');
  expect(reply.body.local).toBe(`${op}Response`);
  expect(reply.body.uri).toBe(NS.m);
  expect(reply.body.attrs.ResponseClass).toBe(cls);
  const head = names(reply.body).slice(0, cls === 'Success' ? 1 : 3);
  expect(head).toEqual(
    cls === 'Success' ? ['ResponseCode'] : ['MessageText', 'ResponseCode', 'DescriptiveLinkKey'],
  );
  expect(child(reply.body, 'ResponseCode')?.text).toBe(code);
  for (const c of reply.body.children.slice(0, head.length)) expect(c.uri).toBe(NS.m);
}

function groupByName(list: XNode, name: string): XNode | undefined {
  return children(at(list, 'Groups'), 'ImGroup').find((g) => child(g, 'DisplayName')?.text === name);
}

function storeId(group: XNode): string {
  return at(group, 'ExchangeStoreId').attrs.Id ?? '';
}

async function imList(smtp: string): Promise<XNode> {
  const r = await post(smtp, 'GetImItemList');
  expectSingle(r, 'GetImItemList', 'Success', 'NoError');
  return at(r.body, 'ImItemList');
}

describe('UCS IM list, documented request shapes', () => {
  it('GetImItemList: groups then personas, in the types namespace, with special groups', async () => {
    const list = await imList('alice@contoso.test');
    expect(list.uri).toBe(NS.m);
    expect(names(list)).toEqual(['Groups', 'Personas']);
    const groups = children(at(list, 'Groups'), 'ImGroup');
    expect(groups.length).toBe(who('alice@contoso.test').imList.groups.length);
    for (const g of groups) {
      expect(g.uri).toBe(NS.t);
      expect(names(g).slice(0, 3)).toEqual(['DisplayName', 'GroupType', 'ExchangeStoreId']);
      expect(at(g, 'ExchangeStoreId').attrs.ChangeKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    const types = groups.map((g) => child(g, 'GroupType')?.text);
    expect(types).toContain('IPM.DistList.MOC.Favorites');
    expect(types).toContain('IPM.DistList.MOC.OtherContacts');
    const personas = children(at(list, 'Personas'), 'Persona');
    expect(personas.length).toBe(who('alice@contoso.test').imList.personas.length);
    const first = personas[0];
    if (!first) throw new Error('no persona');
    expect(names(first)[0]).toBe('PersonaId');
    expect(at(first, 'EmailAddress', 'RoutingType').text).toBe('SMTP');
  });

  it('walks a group and a contact through their life, keeping the server rules', async () => {
    const me = 'bob@contoso.test';
    const added = await post(me, 'AddImGroup', { DISPLAY_NAME: 'Pilot <crew> & co' });
    expectSingle(added, 'AddImGroup', 'Success', 'NoError');
    const g = at(added.body, 'ImGroup');
    expect(g.uri).toBe(NS.m);
    expect(names(g)).toEqual(['DisplayName', 'GroupType', 'ExchangeStoreId']);
    expect(at(g, 'DisplayName').text).toBe('Pilot <crew> & co');
    expect(at(g, 'GroupType').text).toBe('IPM.DistList.MOC.UserGroup');
    const groupId = storeId(g);

    expectSingle(
      await post(me, 'AddImGroup', { DISPLAY_NAME: 'pilot <CREW> & co' }),
      'AddImGroup',
      'Error',
      'ErrorImGroupDisplayNameAlreadyExists',
    );

    const contact = await post(me, 'AddNewImContactToGroup', {
      IM_ADDRESS: 'sip:ext.partner@fabrikam.example',
      DISPLAY_NAME: 'External Partner',
      GROUP_ID: groupId,
    });
    expectSingle(contact, 'AddNewImContactToGroup', 'Success', 'NoError');
    const persona = at(contact.body, 'Persona');
    expect(persona.uri).toBe(NS.m);
    expect(at(persona, 'DisplayName').text).toBe('External Partner');
    expect(at(persona, 'ImAddress').text).toBe('ext.partner@fabrikam.example');
    const contactId = at(persona, 'Attributions', 'Attribution', 'SourceId').attrs.Id ?? '';

    let list = await imList(me);
    const members = (name: string): string[] =>
      children(child(groupByName(list, name), 'MemberCorrelationKey'), 'ItemId').map((i) => i.attrs.Id ?? '');
    expect(members('Pilot <crew> & co')).toEqual([contactId]);

    const items = await post(me, 'GetImItems', { CONTACT_ID: contactId, GROUP_ID: groupId });
    expectSingle(items, 'GetImItems', 'Success', 'NoError');
    expect(children(at(items.body, 'ImItemList', 'Groups'))).toHaveLength(1);
    expect(children(at(items.body, 'ImItemList', 'Personas'))).toHaveLength(1);

    expectSingle(
      await post(me, 'SetImGroup', { GROUP_ID: groupId, NEW_DISPLAY_NAME: 'Pilot' }),
      'SetImGroup',
      'Success',
      'NoError',
    );
    list = await imList(me);
    expect(groupByName(list, 'Pilot')).toBeDefined();

    const favorites = groupByName(list, 'Favorites');
    if (!favorites) throw new Error('no Favorites');
    expectSingle(
      await post(me, 'SetImGroup', { GROUP_ID: storeId(favorites), NEW_DISPLAY_NAME: 'Best' }),
      'SetImGroup',
      'Error',
      'ErrorInvalidOperation',
    );
    expectSingle(
      await post(me, 'RemoveImGroup', { GROUP_ID: storeId(favorites) }),
      'RemoveImGroup',
      'Error',
      'ErrorInvalidOperation',
    );

    // Out of its only group, the contact lands in Other Contacts.
    expectSingle(
      await post(me, 'RemoveImContactFromGroup', { CONTACT_ID: contactId, GROUP_ID: groupId }),
      'RemoveImContactFromGroup',
      'Success',
      'NoError',
    );
    list = await imList(me);
    expect(members('Other Contacts')).toContain(contactId);

    expectSingle(
      await post(me, 'AddImContactToGroup', { CONTACT_ID: contactId, GROUP_ID: groupId }),
      'AddImContactToGroup',
      'Success',
      'NoError',
    );
    expectSingle(
      await post(me, 'RemoveImGroup', { GROUP_ID: groupId }),
      'RemoveImGroup',
      'Success',
      'NoError',
    );
    expectSingle(
      await post(me, 'RemoveImGroup', { GROUP_ID: groupId }),
      'RemoveImGroup',
      'Error',
      'ErrorInvalidImGroupId',
    );
    expectSingle(
      await post(me, 'RemoveImGroup', { GROUP_ID: 'not-an-id' }),
      'RemoveImGroup',
      'Error',
      'ErrorInvalidIdMalformed',
    );

    expectSingle(
      await post(me, 'RemoveContactFromImList', { CONTACT_ID: contactId }),
      'RemoveContactFromImList',
      'Success',
      'NoError',
    );
    list = await imList(me);
    expect(
      children(at(list, 'Personas')).some((p) => child(p, 'DisplayName')?.text === 'External Partner'),
    ).toBe(false);
  });

  it('adds a telephone-only contact', async () => {
    const list = await imList('dave@contoso.test');
    const other = groupByName(list, 'Other Contacts');
    if (!other) throw new Error('no Other Contacts');
    const r = await post('dave@contoso.test', 'AddNewTelUriContactToGroup', {
      TEL_URI: 'tel:+14255550110',
      SIP_URI: 'sip:+14255550110@contoso.test;user=phone',
      TELEPHONE: '+1 425 555 0110',
      GROUP_ID: storeId(other),
    });
    expectSingle(r, 'AddNewTelUriContactToGroup', 'Success', 'NoError');
    // Shaped as Exchange answers it: the name in DisplayNameFirstLast (no DisplayName), the number
    // in PhoneNumber and OtherTelephones, no e-mail.
    const persona = at(r.body, 'Persona');
    expect(names(persona)).not.toContain('DisplayName');
    expect(names(persona)).not.toContain('EmailAddress');
    expect(at(persona, 'DisplayNameFirstLast').text).toBe('+1 425 555 0110');
    expect(at(persona, 'OtherTelephones', 'PhoneNumberAttributedValue', 'Value', 'Number').text).toBe(
      '+14255550110',
    );
  });

  it('adds and removes a distribution group', async () => {
    const dl = fx.sim.org.groups[1];
    if (!dl) throw new Error('no group');
    const r = await post('dave@contoso.test', 'AddDistributionGroupToImList', {
      SMTP_ADDRESS: dl.smtp,
      DISPLAY_NAME: dl.displayName,
    });
    expectSingle(r, 'AddDistributionGroupToImList', 'Success', 'NoError');
    const g = at(r.body, 'ImGroup');
    expect(at(g, 'SmtpAddress').text).toBe(dl.smtp);
    expect(names(g).at(-1)).toBe('SmtpAddress');
    expectSingle(
      await post('dave@contoso.test', 'AddDistributionGroupToImList', {
        SMTP_ADDRESS: 'alice@contoso.test',
        DISPLAY_NAME: 'x',
      }),
      'AddDistributionGroupToImList',
      'Error',
      'ErrorInvalidImDistributionGroupSmtpAddress',
    );
    expectSingle(
      await post('dave@contoso.test', 'RemoveDistributionGroupFromImList', { GROUP_ID: storeId(g) }),
      'RemoveDistributionGroupFromImList',
      'Success',
      'NoError',
    );
  });

  it('sets the migration flag Lync sets', async () => {
    const r = await post('dave@contoso.test', 'SetImListMigrationCompleted', { COMPLETED: 'true' });
    expectSingle(r, 'SetImListMigrationCompleted', 'Success', 'NoError');
    expect(who('dave@contoso.test').imList.migrationCompleted).toBe(true);
  });

  it('refuses a group id from another mailbox as Exchange does', async () => {
    const list = await imList('alice@contoso.test');
    const other = groupByName(list, 'Other Contacts');
    if (!other) throw new Error('no Other Contacts');
    const r = await post('bob@contoso.test', 'AddNewImContactToGroup', {
      IM_ADDRESS: 'x@contoso.test',
      DISPLAY_NAME: 'X',
      GROUP_ID: storeId(other),
    });
    expectSingle(r, 'AddNewImContactToGroup', 'Error', 'ErrorNonExistentMailbox');
    expect(at(r.body, 'MessageXml', 'Value').attrs.Name).toBe('MailboxGuid');
  });

  it('shows the Lync Contacts folder under Contacts', async () => {
    const r = await post('alice@contoso.test', 'FindFolder');
    expect(r.body.local).toBe('FindFolderResponse');
    const msg = at(r.body, 'ResponseMessages', 'FindFolderResponseMessage');
    expect(msg.attrs.ResponseClass).toBe('Success');
    const folder = children(at(msg, 'RootFolder', 'Folders')).find(
      (f) => child(f, 'DisplayName')?.text === 'Lync Contacts',
    );
    if (!folder) throw new Error('no Lync Contacts');
    expect(folder.local).toBe('ContactsFolder');
    expect(at(folder, 'FolderClass').text).toBe('IPF.Contact.MOC.QuickContacts');
    expect(at(folder, 'TotalCount').text).toBe(String(who('alice@contoso.test').imList.personas.length));
    const byId = await post('alice@contoso.test', 'GetFolder', {
      FOLDER_ID: at(folder, 'FolderId').attrs.Id ?? '',
    });
    expect(
      at(
        byId.body,
        'ResponseMessages',
        'GetFolderResponseMessage',
        'Folders',
        'ContactsFolder',
        'DisplayName',
      ).text,
    ).toBe('Lync Contacts');
  });
});

describe('photos, documented request shapes', () => {
  it('GetUserPhoto (SOAP) returns base64 JPEG no bigger than asked', async () => {
    const r = await post('bob@contoso.test', 'GetUserPhoto', {
      EMAIL: 'alice@contoso.test',
      SIZE: 'HR96x96',
    });
    expectSingle(r, 'GetUserPhoto', 'Success', 'NoError');
    expect(names(r.body)).toEqual(['ResponseCode', 'HasChanged', 'PictureData']);
    expect(at(r.body, 'HasChanged').text).toBe('true');
    const meta = await sharp(Buffer.from(at(r.body, 'PictureData').text, 'base64')).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(96);
    expect(r.headers.get('etag')).toMatch(/^".+"$/);
  });

  it('REST photo: bytes with ETag, 304 on If-None-Match, 404 without a photo, 400 for a bad size', async () => {
    const base = `${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx/s/GetUserPhoto`;
    const headers = { authorization: auth('bob@contoso.test') };
    const ok = await fetch(`${base}?email=alice@contoso.test&size=HR240x240`, { headers });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const etag = ok.headers.get('etag') ?? '';
    const meta = await sharp(Buffer.from(await ok.arrayBuffer())).metadata();
    expect(meta.width).toBe(240);
    const again = await fetch(`${base}?email=alice@contoso.test&size=HR240x240`, {
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const helpdesk = who('helpdesk@contoso.test');
    expect(helpdesk.photo).toBeUndefined();
    expect((await fetch(`${base}?email=${helpdesk.smtp}&size=HR96x96`, { headers })).status).toBe(404);
    expect((await fetch(`${base}?email=alice@contoso.test&size=HR100x100`, { headers })).status).toBe(400);
  });
});

describe('people and mail tips, documented request shapes', () => {
  it('FindPeople pages through the directory', async () => {
    const all = await post('alice@contoso.test', 'FindPeople', { MAX: '1000', OFFSET: '0', QUERY: 'a' });
    expectSingle(all, 'FindPeople', 'Success', 'NoError');
    expect(names(all.body)).toEqual([
      'ResponseCode',
      'People',
      'TotalNumberOfPeopleInView',
      'FirstMatchingRowIndex',
      'FirstLoadedRowIndex',
    ]);
    const total = Number(at(all.body, 'TotalNumberOfPeopleInView').text);
    expect(total).toBeGreaterThan(2);
    const page = await post('alice@contoso.test', 'FindPeople', { MAX: '2', OFFSET: '1', QUERY: 'a' });
    const ids = (r: Reply): string[] =>
      children(at(r.body, 'People')).map((p) => at(p, 'PersonaId').attrs.Id ?? '');
    expect(ids(page)).toEqual(ids(all).slice(1, 3));
    expect(at(page.body, 'FirstLoadedRowIndex').text).toBe('1');
  });

  it('GetMailTips gives the out-of-office reply while it is on', async () => {
    const on = who('dave@contoso.test');
    fx.sim.control.mutate(() => {
      on.oof = { ...on.oof, state: 'Enabled', internalReply: 'Back on Monday <b>&amp;</b> later.' };
    });
    const off = who('helene.dubois@contoso.test');
    fx.sim.control.mutate(() => {
      off.oof = { ...off.oof, state: 'Disabled' };
    });
    const quiet = await post('alice@contoso.test', 'GetMailTips', {
      SENDER: 'alice@contoso.test',
      RECIPIENT: off.smtp,
    });
    expect(
      at(
        quiet.body,
        'ResponseMessages',
        'MailTipsResponseMessageType',
        'MailTips',
        'OutOfOffice',
        'ReplyBody',
        'Message',
      ).text,
    ).toBe('');
    const r = await post('alice@contoso.test', 'GetMailTips', {
      SENDER: 'alice@contoso.test',
      RECIPIENT: on.smtp,
    });
    expectSingle(r, 'GetMailTips', 'Success', 'NoError');
    const msg = at(r.body, 'ResponseMessages', 'MailTipsResponseMessageType');
    expect(msg.attrs.ResponseClass).toBe('Success');
    expect(at(msg, 'MailTips', 'RecipientAddress', 'EmailAddress').text).toBe(on.smtp);
    expect(at(msg, 'MailTips', 'OutOfOffice', 'ReplyBody', 'Message').text).toBe(on.oof.internalReply);
  });
});
