/** Mail operations: the requests sent, the summary and item read back, and the edges of each refusal. */
import { describe, expect, it } from 'vitest';
import {
  deleteToDeletedItems,
  findMailItems,
  getAttachment,
  getMailItem,
  MAX_ATTACHMENT_BYTES,
  setReadState,
} from '../../../../../main/exchange/operations/mail';
import { child, type XElement } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

const page = (attrs: string, items = ''): string =>
  envelope('FindItem', `<m:RootFolder ${attrs}><t:Items>${items}</t:Items></m:RootFolder>`);
const LAST = 'IncludesLastItemInRange="true"';
const names = (e: XElement | undefined): string[] => (e?.children ?? []).map((c) => c.name);
const uris = (e: XElement | undefined): string[] =>
  (child(child(e, 'ItemShape'), 'AdditionalProperties')?.children ?? []).map(
    (c) => c.attrs.FieldURI ?? `tag ${c.attrs.PropertyTag}`,
  );

const voice =
  '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x6801" PropertyType="Integer"/><t:Value>42</t:Value></t:ExtendedProperty>' +
  '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="26626" PropertyType="String"/><t:Value> +33 1 23 </t:Value></t:ExtendedProperty>';

describe('readMailSummary (through findMailItems)', () => {
  it.each([
    [
      'every field',
      '<t:ItemId Id="a" ChangeKey="ck"/><t:ItemClass> IPM.Note.Microsoft.Voicemail.UM.CA </t:ItemClass><t:Subject> Hi </t:Subject>' +
        '<t:DisplayTo> Me </t:DisplayTo><t:IsRead>true</t:IsRead><t:HasAttachments> true </t:HasAttachments><t:Preview> hello </t:Preview>' +
        '<t:From><t:Mailbox><t:Name> Ann </t:Name><t:EmailAddress> ann@x </t:EmailAddress></t:Mailbox></t:From>' +
        voice,
      {
        id: 'a',
        changeKey: 'ck',
        itemClass: 'IPM.Note.Microsoft.Voicemail.UM.CA',
        subject: ' Hi ',
        received: '',
        displayTo: 'Me',
        isRead: true,
        hasAttachments: true,
        preview: 'hello',
        from: { name: 'Ann', email: 'ann@x' },
        durationSeconds: 42,
        callerPhone: '+33 1 23',
      },
    ],
    [
      'nothing but an id: read unless it says not, no attachments',
      '<t:ItemId Id="a"/>',
      {
        id: 'a',
        itemClass: '',
        subject: '',
        received: '',
        displayTo: '',
        isRead: true,
        hasAttachments: false,
      },
    ],
    [
      'a sender when there is no From, named by its address',
      '<t:ItemId Id="a"/><t:Sender><t:Mailbox><t:EmailAddress>bob@x</t:EmailAddress></t:Mailbox></t:Sender>',
      { from: { name: 'bob@x', email: 'bob@x' } },
    ],
    [
      'a From without a mailbox, and a sender with neither name nor address',
      '<t:ItemId Id="a"/><t:From/><t:Sender><t:Mailbox/></t:Sender>',
      { from: { name: '' } },
    ],
    [
      'a duration that is not a whole, non-negative number, a blank phone',
      '<t:ItemId Id="a"/>' +
        '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x6801"/><t:Value>-1</t:Value></t:ExtendedProperty>' +
        '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x6802"/><t:Value> </t:Value></t:ExtendedProperty>',
      { id: 'a' },
    ],
    [
      'a duration of zero, found after another property',
      '<t:ItemId Id="a"/><t:Other/><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x1234"/><t:Value>9</t:Value></t:ExtendedProperty>' +
        '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x6801"/><t:Value>0</t:Value></t:ExtendedProperty>',
      { durationSeconds: 0 },
    ],
  ])('%s', async (_what, inner, expected) => {
    const { caller } = fakeCaller(page(LAST, `<t:Message>${inner}</t:Message>`));
    const [item] = (await findMailItems(caller, { folder: 'inbox' })).items;
    expect(item).toMatchObject(expected);
    for (const key of ['durationSeconds', 'callerPhone', 'preview', 'changeKey', 'from'].filter(
      (k) => !(k in expected),
    ))
      expect(item).not.toHaveProperty(key);
  });
});

describe('findMailItems: the request and the page', () => {
  it('asks one page of a distinguished folder, 50 from the start by default, newest first, no voice fields', async () => {
    const { caller, calls } = fakeCaller(page(LAST));
    expect(await findMailItems(caller, { folder: 'conversationhistory' })).toEqual({
      items: [],
      totalItems: 0,
      nextOffset: undefined,
    });
    const body = calls[0]!.body;
    expect(calls[0]!.action).toBe('FindItem');
    expect(body.attrs).toEqual({ Traversal: 'Shallow' });
    expect(names(body)).toEqual(['ItemShape', 'IndexedPageItemView', 'SortOrder', 'ParentFolderIds']);
    expect(child(child(body, 'ItemShape'), 'BaseShape')?.text).toBe('IdOnly');
    expect(uris(body)).toEqual([
      'item:ItemClass',
      'item:Subject',
      'item:DateTimeReceived',
      'item:DisplayTo',
      'item:HasAttachments',
      'item:Preview',
      'message:From',
      'message:IsRead',
    ]);
    expect(child(body, 'IndexedPageItemView')?.attrs).toEqual({
      MaxEntriesReturned: '50',
      Offset: '0',
      BasePoint: 'Beginning',
    });
    expect(child(child(body, 'SortOrder'), 'FieldOrder')?.attrs).toEqual({ Order: 'Descending' });
    expect(child(child(body, 'ParentFolderIds'), 'DistinguishedFolderId')?.attrs).toEqual({
      Id: 'conversationhistory',
    });
  });

  it('adds the voice-mail fields for voice mail, and names a folder by id', async () => {
    const vm = fakeCaller(page(LAST));
    await findMailItems(vm.caller, { folder: 'voicemail' });
    expect(uris(vm.calls[0]!.body).slice(-2)).toEqual(['tag 0x6801', 'tag 0x6802']);
    const byId = fakeCaller(page(LAST));
    await findMailItems(byId.caller, { folder: { id: 'F1' } });
    expect(child(child(byId.calls[0]!.body, 'ParentFolderIds'), 'FolderId')?.attrs).toEqual({ Id: 'F1' });
  });

  it('searches subject or body, ignoring case, as a substring', async () => {
    const { caller, calls } = fakeCaller(page(LAST));
    await findMailItems(caller, { folder: 'inbox', search: 'budget' });
    const or = child(child(calls[0]!.body, 'Restriction'), 'Or');
    expect(
      (or?.children ?? []).map((c) => [
        c.attrs,
        child(c, 'FieldURI')?.attrs.FieldURI,
        child(c, 'Constant')?.attrs.Value,
      ]),
    ).toEqual([
      [{ ContainmentMode: 'Substring', ContainmentComparison: 'IgnoreCase' }, 'item:Subject', 'budget'],
      [{ ContainmentMode: 'Substring', ContainmentComparison: 'IgnoreCase' }, 'item:Body', 'budget'],
    ]);
  });

  it.each([[{ offset: 0, max: 1, search: 'x'.repeat(255) }], [{ max: 1000, search: '   ' }]])(
    'accepts the edges %j',
    async (o) => {
      const { caller, calls } = fakeCaller(page(LAST));
      await findMailItems(caller, { folder: 'inbox', ...o });
      expect(calls).toHaveLength(1);
    },
  );

  it.each([
    [{ offset: 1.5 }, 'InvalidOffset', 'The page offset is not valid.'],
    [{ max: 2.5 }, 'InvalidPageSize', 'A page holds 1 to 1000 items.'],
    [{ search: ' '.repeat(3) + 'y'.repeat(256) }, 'SearchTooLong', 'Search for at most 255 characters.'],
  ])('refuses %j', async (o, code, message) => {
    const { caller } = fakeCaller('');
    await expect(findMailItems(caller, { folder: 'inbox', ...o })).rejects.toMatchObject({ code, message });
  });

  it('sends no Restriction for a blank search', async () => {
    const { caller, calls } = fakeCaller(page(LAST));
    await findMailItems(caller, { folder: 'inbox', search: '  ' });
    expect(child(calls[0]!.body, 'Restriction')).toBeUndefined();
  });

  it.each([
    ['no total: what was seen so far', 'IncludesLastItemInRange="false"', 2, 12],
    ['a negative total: the same', 'TotalItemsInView="-3" IncludesLastItemInRange="false"', 2, 12],
    ['no next offset: after this page', 'TotalItemsInView="40" IncludesLastItemInRange="false"', 2, 40],
    [
      'a next offset equal to this one: after this page',
      'TotalItemsInView="40" IndexedPagingOffset="10" IncludesLastItemInRange="false"',
      2,
      40,
    ],
    [
      'a next offset further on: that one',
      'TotalItemsInView="40" IndexedPagingOffset="11" IncludesLastItemInRange="false"',
      2,
      40,
    ],
  ])('pages on with %s', async (_what, attrs, count, total) => {
    const items =
      '<t:Message><t:ItemId Id="a"/></t:Message><t:Note/><t:Message><t:ItemId Id="b"/></t:Message>';
    const { caller } = fakeCaller(page(attrs, items));
    const r = await findMailItems(caller, { folder: 'inbox', offset: 10 });
    expect(r.items).toHaveLength(count);
    expect(r.totalItems).toBe(total);
    expect(r.nextOffset).toBe(attrs.includes('IndexedPagingOffset="11"') ? 11 : 12);
  });

  it('stops paging on an empty page even when the server says more', async () => {
    const { caller } = fakeCaller(page('IncludesLastItemInRange="false" IndexedPagingOffset="20"'));
    expect((await findMailItems(caller, { folder: 'inbox', offset: 10 })).nextOffset).toBeUndefined();
  });
});

describe('getMailItem', () => {
  const item =
    '<m:Items><t:Message><t:ItemId Id="a" ChangeKey="c"/><t:Body BodyType="HTML">&lt;p&gt;Hi&lt;/p&gt;</t:Body>' +
    '<t:ToRecipients><t:Mailbox><t:Name>Me</t:Name><t:EmailAddress>me@x</t:EmailAddress></t:Mailbox><t:Mailbox><t:EmailAddress>you@x</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
    '<t:Attachments><t:FileAttachment><t:AttachmentId Id="A1"/><t:Name> v.wav </t:Name><t:ContentType>Audio/WAV</t:ContentType><t:Size>10</t:Size></t:FileAttachment>' +
    '<t:ItemAttachment><t:AttachmentId Id="A2"/></t:ItemAttachment>' +
    '<t:FileAttachment><t:Size>-1</t:Size></t:FileAttachment></t:Attachments></t:Message></m:Items>';

  it('asks the HTML body, attachments, recipients and voice fields of one item, and reads them', async () => {
    const { caller, calls } = fakeCaller(envelope('GetItem', item));
    const m = await getMailItem(caller, { id: 'a', changeKey: 'c' });
    expect(m).toMatchObject({
      id: 'a',
      changeKey: 'c',
      bodyHtml: '<p>Hi</p>',
      to: [
        { name: 'Me', email: 'me@x' },
        { name: 'you@x', email: 'you@x' },
      ],
      attachments: [
        { id: 'A1', name: 'v.wav', contentType: 'audio/wav', size: 10 },
        { id: '', name: '', contentType: '' },
      ],
    });
    expect(m.attachments[1]).not.toHaveProperty('size');
    const body = calls[0]!.body;
    expect(calls[0]!.action).toBe('GetItem');
    expect(child(child(body, 'ItemShape'), 'BaseShape')?.text).toBe('Default');
    expect(child(child(body, 'ItemShape'), 'BodyType')?.text).toBe('HTML');
    expect(uris(body).slice(0, 3)).toEqual(['item:Body', 'item:Attachments', 'message:ToRecipients']);
    expect(uris(body).slice(-2)).toEqual(['tag 0x6801', 'tag 0x6802']);
    expect(child(child(body, 'ItemIds'), 'ItemId')?.attrs).toEqual({ Id: 'a', ChangeKey: 'c' });
  });

  it('reads an item with no body, recipients or attachments as empty', async () => {
    const { caller } = fakeCaller(
      envelope('GetItem', '<m:Items><t:Message><t:ItemId Id="a"/></t:Message></m:Items>'),
    );
    expect(await getMailItem(caller, { id: 'a' })).toMatchObject({ bodyHtml: '', to: [], attachments: [] });
  });

  it('says not found when the answer holds no message', async () => {
    const { caller } = fakeCaller(envelope('GetItem', '<m:Items/>'));
    await expect(getMailItem(caller, { id: 'a' })).rejects.toMatchObject({
      kind: 'not-found',
      code: 'ErrorItemNotFound',
    });
  });
});

describe('getAttachment: edges', () => {
  const att = (inner: string): string => envelope('GetAttachment', `<m:Attachments>${inner}</m:Attachments>`);
  const file = (content: string, extra = ''): string =>
    att(
      `<t:FileAttachment><t:Name> a.wav </t:Name><t:ContentType> AUDIO/WAV </t:ContentType>${extra}<t:Content>${content}</t:Content></t:FileAttachment>`,
    );

  it('refuses a blank id before calling', async () => {
    const { caller, calls } = fakeCaller('');
    await expect(getAttachment(caller, ' ')).rejects.toMatchObject({
      kind: 'bad-input',
      code: 'ErrorInvalidIdEmpty',
    });
    expect(calls).toEqual([]);
  });

  it('sends the id, caps the answer by the smaller of the asked and the absolute cap', async () => {
    const { caller, calls } = fakeCaller(file('QUJD'));
    const a = await getAttachment(caller, 'A1', { maxBytes: 3, accept: 'Audio/' });
    expect(a).toEqual({ name: 'a.wav', contentType: 'audio/wav', bytes: new Uint8Array(Buffer.from('ABC')) });
    expect(child(child(calls[0]!.body, 'AttachmentIds'), 'AttachmentId')?.attrs).toEqual({ Id: 'A1' });
    expect(calls[0]!.options?.maxResponseBytes).toBe(4 + 64 * 1024);
    const big = fakeCaller(file('QUJD'));
    await getAttachment(big.caller, 'A1', { maxBytes: MAX_ATTACHMENT_BYTES * 2 });
    expect(big.calls[0]!.options?.maxResponseBytes).toBe(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 64 * 1024);
  });

  it.each([
    ['a declared size over it', file('QUJD', '<t:Size>4</t:Size>'), 'AttachmentTooLarge'],
    ['content over it', file('QUJDRA=='), 'AttachmentTooLarge'],
    ['content of a length base64 cannot have', file('QUJ'), 'AttachmentMalformed'],
    ['no file attachment', att('<t:ItemAttachment/>'), 'ErrorAttachmentNotFound'],
  ])('%s', async (_what, answer, outcome) => {
    const { caller } = fakeCaller(answer);
    await expect(getAttachment(caller, 'A1', { maxBytes: 3 })).rejects.toMatchObject({ code: outcome });
  });
});

describe('setReadState and deleteToDeletedItems', () => {
  it('send nothing for no items', async () => {
    const { caller, calls } = fakeCaller('');
    expect(await setReadState(caller, [], true)).toEqual([]);
    await deleteToDeletedItems(caller, []);
    expect(calls).toEqual([]);
  });

  it('mark unread by id and change key, may be retried, and give back ids without a change key as such', async () => {
    const { caller, calls } = fakeCaller(
      envelope('UpdateItem', '<m:Items><t:Message><t:ItemId Id="a"/></t:Message></m:Items>'),
    );
    expect(await setReadState(caller, [{ id: 'a', changeKey: 'k' }], false)).toEqual([{ id: 'a' }]);
    const change = child(child(calls[0]!.body, 'ItemChanges'), 'ItemChange');
    expect(child(change, 'ItemId')?.attrs).toEqual({ Id: 'a', ChangeKey: 'k' });
    expect(calls[0]!.body.attrs).toMatchObject({ ConflictResolution: 'AlwaysOverwrite' });
    expect(calls[0]!.options?.idempotent).toBe(true);
    const isRead = child(child(child(child(change, 'Updates'), 'SetItemField'), 'Message'), 'IsRead');
    expect(isRead?.text).toBe('false');
  });

  it('pass an error response on', async () => {
    const failing = envelope('UpdateItem', '', 'Error', 'ErrorItemNotFound');
    await expect(setReadState(fakeCaller(failing).caller, [{ id: 'a' }], true)).rejects.toMatchObject({
      code: 'ErrorItemNotFound',
    });
    const del = envelope('DeleteItem', '', 'Error', 'ErrorAccessDenied');
    await expect(deleteToDeletedItems(fakeCaller(del).caller, [{ id: 'a' }])).rejects.toMatchObject({
      code: 'ErrorAccessDenied',
    });
  });

  it('move items to Deleted Items by id', async () => {
    const { caller, calls } = fakeCaller(envelope('DeleteItem', ''));
    await deleteToDeletedItems(caller, [{ id: 'a', changeKey: 'k' }, { id: 'b' }]);
    expect(calls[0]!.action).toBe('DeleteItem');
    expect(calls[0]!.body.attrs).toEqual({ DeleteType: 'MoveToDeletedItems' });
    expect(child(calls[0]!.body, 'ItemIds')?.children.map((c) => c.attrs)).toEqual([
      { Id: 'a' },
      { Id: 'b' },
    ]);
  });
});
