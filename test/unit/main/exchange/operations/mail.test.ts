import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_BYTES,
  findMailItems,
  getAttachment,
  setReadState,
} from '../../../../../main/exchange/operations/mail';
import { child, childText } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope } from './envelope';

function attachment(o: { type?: string; size?: number; content: string }): string {
  return envelope(
    'GetAttachment',
    `<m:Attachments><t:FileAttachment><t:AttachmentId Id="a1"/><t:Name>audio.wav</t:Name>` +
      `<t:ContentType>${o.type ?? 'audio/wav'}</t:ContentType>${o.size !== undefined ? `<t:Size>${o.size}</t:Size>` : ''}` +
      `<t:Content>${o.content}</t:Content></t:FileAttachment></m:Attachments>`,
  );
}

const root = (attrs: string, items = ''): string =>
  envelope('FindItem', `<m:RootFolder ${attrs}><t:Items>${items}</t:Items></m:RootFolder>`);
const msg = (id: string): string =>
  `<t:Message><t:ItemId Id="${id}" ChangeKey="ck"/><t:Subject>s</t:Subject><t:DateTimeReceived>2026-11-24T09:00:00Z</t:DateTimeReceived><t:IsRead>false</t:IsRead></t:Message>`;

describe('findMailItems', () => {
  it.each([
    ['more to come', 'IndexedPagingOffset="2" TotalItemsInView="5" IncludesLastItemInRange="false"', 2],
    [
      'the last page',
      'IndexedPagingOffset="5" TotalItemsInView="5" IncludesLastItemInRange="true"',
      undefined,
    ],
    [
      'a server that does not move forward',
      'IndexedPagingOffset="0" TotalItemsInView="5" IncludesLastItemInRange="false"',
      2,
    ],
  ])('reads %s', async (_n, attrs, next) => {
    const { caller } = fakeCaller(root(attrs, msg('a') + msg('b')));
    const page = await findMailItems(caller, { folder: 'conversationhistory', max: 2 });
    expect(page.nextOffset).toBe(next);
    expect(page.totalItems).toBe(5);
    expect(page.items.map((i) => [i.id, i.isRead])).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it('asks a Restriction on subject or body, newest first, for a search', async () => {
    const { caller, calls } = fakeCaller(root('TotalItemsInView="0" IncludesLastItemInRange="true"'));
    await findMailItems(caller, { folder: 'conversationhistory', search: '  budget ' });
    const body = calls[0]?.body;
    const contains = child(child(child(body, 'Restriction'), 'Or'), 'Contains');
    expect(child(contains, 'Constant')?.attrs.Value).toBe('budget');
    expect(child(child(child(body, 'SortOrder'), 'FieldOrder'), 'FieldURI')?.attrs.FieldURI).toBe(
      'item:DateTimeReceived',
    );
  });

  it.each([
    [{ offset: -1 }, 'InvalidOffset'],
    [{ max: 0 }, 'InvalidPageSize'],
    [{ max: 1001 }, 'InvalidPageSize'],
    [{ search: 'x'.repeat(256) }, 'SearchTooLong'],
  ])('refuses %j before calling', async (o, code) => {
    const { caller, calls } = fakeCaller('');
    await expect(findMailItems(caller, { folder: 'voicemail', ...o })).rejects.toMatchObject({
      kind: 'bad-input',
      code,
    });
    expect(calls).toHaveLength(0);
  });
});

describe('readMailSummary', () => {
  it.each([
    ['<t:DateTimeReceived>2026-11-24T09:00:00Z</t:DateTimeReceived>', '2026-11-24T09:00:00.000Z'],
    ['<t:DateTimeReceived>not a date</t:DateTimeReceived>', ''],
    ['', ''],
  ])('reads the received time from %j', async (xml, received) => {
    const { caller } = fakeCaller(
      root(
        'TotalItemsInView="1" IncludesLastItemInRange="true"',
        `<t:Message><t:ItemId Id="a"/>${xml}</t:Message>`,
      ),
    );
    expect((await findMailItems(caller, { folder: 'inbox' })).items[0]?.received).toBe(received);
  });
});

describe('getAttachment', () => {
  const wav = Buffer.from('RIFF\0\0\0\0WAVEfmt ').toString('base64');

  it('decodes an audio attachment and caps the answer it reads', async () => {
    const { caller, calls } = fakeCaller(attachment({ content: wav, size: 16 }));
    const a = await getAttachment(caller, 'a1', { accept: 'audio/' });
    expect(Buffer.from(a.bytes).toString('ascii', 0, 4)).toBe('RIFF');
    expect(a.contentType).toBe('audio/wav');
    expect(calls[0]?.options?.maxResponseBytes).toBeLessThan(MAX_ATTACHMENT_BYTES * 1.4);
  });

  it.each([
    ['another type', { type: 'text/html', content: wav }, {}, 'AttachmentTypeRefused'],
    [
      'a declared size over the cap',
      { size: MAX_ATTACHMENT_BYTES + 1, content: wav },
      {},
      'AttachmentTooLarge',
    ],
    [
      'content longer than the cap allows',
      { content: 'AAAA'.repeat(10) },
      { maxBytes: 12 },
      'AttachmentTooLarge',
    ],
    ['content that is not base64', { content: 'not*base64' }, {}, 'AttachmentMalformed'],
  ])('refuses %s', async (_n, att, limits, code) => {
    const { caller } = fakeCaller(attachment(att));
    await expect(getAttachment(caller, 'a1', { accept: 'audio/', ...limits })).rejects.toMatchObject({
      code,
    });
  });

  it('passes the server error on', async () => {
    const { caller } = fakeCaller(envelope('GetAttachment', '', 'Error', 'ErrorItemNotFound'));
    await expect(getAttachment(caller, 'a1')).rejects.toMatchObject({
      kind: 'not-found',
      code: 'ErrorItemNotFound',
    });
  });
});

describe('setReadState', () => {
  it('sends SetItemField message:IsRead without a read receipt', async () => {
    const { caller, calls } = fakeCaller(
      envelope('UpdateItem', '<m:Items><t:Message><t:ItemId Id="a" ChangeKey="2"/></t:Message></m:Items>'),
    );
    expect(await setReadState(caller, [{ id: 'a' }], true)).toEqual([{ id: 'a', changeKey: '2' }]);
    const body = calls[0]?.body;
    expect(body?.attrs).toMatchObject({ MessageDisposition: 'SaveOnly', SuppressReadReceipts: 'true' });
    const set = child(child(child(child(body, 'ItemChanges'), 'ItemChange'), 'Updates'), 'SetItemField');
    expect(child(set, 'FieldURI')?.attrs.FieldURI).toBe('message:IsRead');
    expect(childText(child(set, 'Message'), 'IsRead')).toBe('true');
  });
});
