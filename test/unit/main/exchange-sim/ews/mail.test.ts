import { describe, expect, it } from 'vitest';
import type { EwsCall } from '../../../../../main/exchange-sim/ews/types';
import { CONFERENCE_SUBJECT, ITEM_CLASS, mailOf } from '../../../../../main/exchange-sim/org/history';
import { at, child, children, code, makeCall, makeOrg, message, person, send } from './helpers';

const ALICE = 'alice@contoso.test';

interface FindOptions {
  folder?: string;
  view?: string;
  restriction?: string;
  query?: string;
  shape?: string;
  sort?: string;
  traversal?: string;
}

function findXml(o: FindOptions = {}): string {
  return (
    `<m:FindItem Traversal="${o.traversal ?? 'Shallow'}"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>` +
    `<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="item:DateTimeReceived"/>${o.shape ?? ''}</t:AdditionalProperties></m:ItemShape>` +
    (o.view ?? '') +
    (o.restriction ? `<m:Restriction>${o.restriction}</m:Restriction>` : '') +
    (o.sort ?? '') +
    `<m:ParentFolderIds><t:DistinguishedFolderId Id="${o.folder ?? 'conversationhistory'}"/></m:ParentFolderIds>` +
    (o.query !== undefined ? `<m:QueryString>${o.query}</m:QueryString>` : '') +
    `</m:FindItem>`
  );
}

async function find(call: EwsCall, o: FindOptions = {}) {
  const msg = message((await send(call, findXml(o))).body);
  const root = child(msg, 'RootFolder');
  return {
    code: code(msg),
    attrs: root?.attrs ?? {},
    items: children(child(root, 'Items')).map((m) => ({
      id: child(m, 'ItemId')?.attrs.Id ?? '',
      subject: child(m, 'Subject')?.text ?? '',
      received: child(m, 'DateTimeReceived')?.text ?? '',
      node: m,
    })),
  };
}

function setup(): { call: EwsCall; history: number; voice: number } {
  const org = makeOrg();
  const mail = mailOf(org, person(org, ALICE));
  return {
    call: makeCall(org, ALICE),
    history: mail.filter((m) => m.folder === 'conversationhistory').length,
    voice: mail.filter((m) => m.itemClass === ITEM_CLASS.voicemail).length,
  };
}

describe('seeded mail', () => {
  it('is the same for the same org and absent for people who are not demo accounts', () => {
    const a = makeOrg();
    const b = makeOrg();
    expect(mailOf(a, person(a, ALICE))).toEqual(mailOf(b, person(b, ALICE)));
    const other = a.people.find((p) => !p.isDemoAccount);
    if (!other) throw new Error('no ordinary person');
    expect(mailOf(a, other)).toEqual([]);
  });
});

describe('FindItem on message folders', () => {
  it.each([
    ['Beginning', 0, 10, { IndexedPagingOffset: '10', IncludesLastItemInRange: 'false' }],
    ['Beginning, last page', 50, 10, { IncludesLastItemInRange: 'true' }],
    ['End', 0, 10, { IncludesLastItemInRange: 'false' }],
  ])('pages from %s (offset %i, %i a page) as Exchange says', async (base, offset, max, attrs) => {
    const { call, history } = setup();
    const r = await find(call, {
      view: `<m:IndexedPageItemView MaxEntriesReturned="${max}" Offset="${offset}" BasePoint="${base}"/>`,
    });
    expect(r.code).toBe('NoError');
    expect(r.attrs).toMatchObject({ TotalItemsInView: String(history), ...attrs });
    const expectedCount = base === 'End' ? max : Math.min(max, history - offset);
    expect(r.items).toHaveLength(expectedCount);
  });

  it('sorts newest first by default and ascending when asked', async () => {
    const { call } = setup();
    const desc = (await find(call)).items.map((i) => Date.parse(i.received));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const asc = (
      await find(call, {
        sort: '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder></m:SortOrder>',
      })
    ).items.map((i) => Date.parse(i.received));
    expect(asc).toEqual([...desc].reverse());
  });

  it.each([
    [
      'Contains on Subject',
      {
        restriction: `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject"/><t:Constant Value="roadmap"/></t:Contains>`,
      },
    ],
    ['QueryString', { query: 'Roadmap' }],
  ])('searches with %s', async (_n, o) => {
    const { call } = setup();
    const r = await find(call, o);
    expect(r.items.map((i) => i.subject)).toEqual([CONFERENCE_SUBJECT]);
    expect(r.attrs.TotalItemsInView).toBe('1');
  });

  it('lists the voice-mail search folder with UM properties', async () => {
    const { call, voice } = setup();
    const r = await find(call, {
      folder: 'voicemail',
      shape:
        '<t:ExtendedFieldURI PropertyTag="0x6801" PropertyType="Integer"/><t:FieldURI FieldURI="item:ItemClass"/>',
    });
    expect(r.items).toHaveLength(voice);
    for (const i of r.items) {
      expect(child(i.node, 'ItemClass')?.text).toBe(ITEM_CLASS.voicemail);
      expect(Number(at(i.node, 'ExtendedProperty', 'Value').text)).toBeGreaterThan(0);
    }
  });

  it.each([
    ['Body in FindItem', { shape: '<t:FieldURI FieldURI="item:Body"/>' }, 'ErrorInvalidPropertyRequest'],
    [
      'a bad page size',
      { view: '<m:IndexedPageItemView MaxEntriesReturned="0" Offset="0" BasePoint="Beginning"/>' },
      'ErrorInvalidPagingMaxRows',
    ],
    [
      'a negative offset',
      { view: '<m:IndexedPageItemView Offset="-1" BasePoint="Beginning"/>' },
      'ErrorInvalidIndexedPagingParameters',
    ],
    [
      'an unsupported path',
      {
        restriction:
          '<t:Contains><t:FieldURI FieldURI="contacts:GivenName"/><t:Constant Value="x"/></t:Contains>',
      },
      'ErrorUnsupportedPathForQuery',
    ],
  ])('refuses %s', async (_n, o, expected) => {
    const { call } = setup();
    expect((await find(call, o)).code).toBe(expected);
  });
});

describe('GetItem, GetAttachment, UpdateItem, DeleteItem', () => {
  async function firstVoicemail(call: EwsCall): Promise<string> {
    const id = (await find(call, { folder: 'voicemail' })).items[0]?.id;
    if (!id) throw new Error('no voice mail');
    return id;
  }

  it('gives the HTML body and the audio attachment, then its bytes', async () => {
    const { call } = setup();
    const id = await firstVoicemail(call);
    const msg = message(
      (
        await send(
          call,
          `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape><t:BodyType>HTML</t:BodyType></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
        )
      ).body,
    );
    const item = at(msg, 'Items', 'Message');
    expect(at(item, 'Body').attrs.BodyType).toBe('HTML');
    const att = at(item, 'Attachments', 'FileAttachment');
    expect(at(att, 'ContentType').text).toBe('audio/wav');
    const attId = at(att, 'AttachmentId').attrs.Id ?? '';
    const got = message(
      (
        await send(
          call,
          `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${attId}"/></m:AttachmentIds></m:GetAttachment>`,
        )
      ).body,
    );
    const file = at(got, 'Attachments', 'FileAttachment');
    const bytes = Buffer.from(at(file, 'Content').text, 'base64');
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(Number(at(file, 'Size').text)).toBe(bytes.length);
    expect(Number(at(att, 'Size').text)).toBe(bytes.length);
  });

  it.each([
    ['a malformed id', 'bm90LW91cnM=', 'ErrorInvalidIdMalformed'],
    ['an empty id', '', 'ErrorInvalidIdEmpty'],
  ])('GetAttachment refuses %s', async (_n, id, expected) => {
    const { call } = setup();
    const msg = message(
      (
        await send(
          call,
          `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${id}"/></m:AttachmentIds></m:GetAttachment>`,
        )
      ).body,
    );
    expect(code(msg)).toBe(expected);
  });

  const update = (id: string, value: string, disposition = ' MessageDisposition="SaveOnly"'): string =>
    `<m:UpdateItem ConflictResolution="AlwaysOverwrite"${disposition}><m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>${value}</t:IsRead></t:Message></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

  it('sets IsRead and answers a new change key', async () => {
    const { call } = setup();
    const id = await firstVoicemail(call);
    const msg = message((await send(call, update(id, 'false'))).body);
    expect(code(msg)).toBe('NoError');
    expect(at(msg, 'ConflictResults', 'Count').text).toBe('0');
    const r = await find(call, { folder: 'voicemail', shape: '<t:FieldURI FieldURI="message:IsRead"/>' });
    expect(child(r.items.find((i) => i.id === id)?.node, 'IsRead')?.text).toBe('false');
  });

  it.each([
    ['without MessageDisposition', (id: string) => update(id, 'true', ''), 'ErrorMessageDispositionRequired'],
    [
      'with a value that is not a boolean',
      (id: string) => update(id, 'maybe'),
      'ErrorInvalidValueForProperty',
    ],
  ])('UpdateItem refuses a change %s', async (_n, xml, expected) => {
    const { call } = setup();
    const id = await firstVoicemail(call);
    expect(code(message((await send(call, xml(id))).body))).toBe(expected);
  });

  it('moves a deleted item to Deleted Items', async () => {
    const { call, voice } = setup();
    const id = await firstVoicemail(call);
    const msg = message(
      (
        await send(
          call,
          `<m:DeleteItem DeleteType="MoveToDeletedItems"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
        )
      ).body,
    );
    expect(code(msg)).toBe('NoError');
    expect((await find(call, { folder: 'voicemail' })).items).toHaveLength(voice - 1);
    expect((await find(call, { folder: 'deleteditems' })).items.map((i) => i.id)).toContain(id);
  });
});
