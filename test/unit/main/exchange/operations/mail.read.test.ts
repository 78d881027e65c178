/**
 * mail.ts, what the request tests leave open: summaries and items read with toStrictEqual (absent
 * parts, padded texts, extended properties out of place), answers without their optional parts,
 * the operation names, and every refusal's kind, code and message at its exact edge.
 */
import { describe, expect, it } from 'vitest';
import {
  findMailItems,
  getAttachment,
  getMailItem,
  readMailItem,
  readMailSummary,
  setReadState,
} from '../../../../../main/exchange/operations/mail';
import { child, parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope, M, T } from './envelope';

const NS = `xmlns="${T}"`;
const message = (inner: string) => parseXml(`<Message ${NS}>${inner}</Message>`);

describe('readMailSummary', () => {
  it('reads a message with nothing but padded texts and a sender without address', () => {
    expect(
      readMailSummary(
        message(
          '<DateTimeReceived> 2026-11-25T09:00:00Z </DateTimeReceived><IsRead> false </IsRead>' +
            '<Sender><Mailbox><Name> Ann </Name></Mailbox></Sender>' +
            '<Other><ExtendedFieldURI PropertyTag="0x6801"/><Value>9</Value></Other>' +
            '<ExtendedProperty><ExtendedFieldURI PropertyTag="0x6802" PropertyType="String"/></ExtendedProperty>',
        ),
      ),
    ).toStrictEqual({
      id: '',
      itemClass: '',
      subject: '',
      received: '2026-11-25T09:00:00.000Z',
      displayTo: '',
      isRead: false,
      hasAttachments: false,
      from: { name: 'Ann' },
    });
  });
});

describe('readMailItem', () => {
  it('reads an attachment of size 0, one without name or type, and every recipient', () => {
    const item = readMailItem(
      message(
        '<ItemId Id="A"/><Attachments><FileAttachment><AttachmentId Id="F1"/><Size>0</Size></FileAttachment></Attachments>' +
          '<ToRecipients><Mailbox><EmailAddress>b@x</EmailAddress></Mailbox><Mailbox/></ToRecipients>',
      ),
    );
    expect([item.attachments, item.to]).toStrictEqual([
      [{ id: 'F1', name: '', contentType: '', size: 0 }],
      [{ name: 'b@x', email: 'b@x' }, { name: '' }],
    ]);
  });
});

describe('findMailItems and getMailItem', () => {
  it('reads an answer without a root folder as an empty last page', async () => {
    const { caller, calls } = fakeCaller(envelope('FindItem', ''));
    expect(await findMailItems(caller, { folder: 'inbox' })).toStrictEqual({
      items: [],
      totalItems: 0,
      nextOffset: undefined,
    });
    expect(calls[0]!.action).toBe('FindItem');
  });

  it('reads a root folder without items, and takes a total of 0 as said', async () => {
    const { caller } = fakeCaller(envelope('FindItem', '<m:RootFolder TotalItemsInView="0"/>'));
    expect(await findMailItems(caller, { folder: 'inbox', offset: 10 })).toStrictEqual({
      items: [],
      totalItems: 0,
      nextOffset: undefined,
    });
  });

  it('asks the voice-mail properties with their types, and says when the item is not there', async () => {
    const { caller, calls } = fakeCaller(envelope('GetItem', '<m:Items/>'));
    await expect(getMailItem(caller, { id: 'A' })).rejects.toMatchObject({
      kind: 'not-found',
      message: 'The item was not found.',
      code: 'ErrorItemNotFound',
    });
    const extended = child(child(calls[0]!.body, 'ItemShape'), 'AdditionalProperties')?.children.filter(
      (c) => c.name === 'ExtendedFieldURI',
    );
    expect(extended?.map((c) => c.attrs)).toStrictEqual([
      { PropertyTag: '0x6801', PropertyType: 'Integer' },
      { PropertyTag: '0x6802', PropertyType: 'String' },
    ]);
  });
});

describe('getAttachment', () => {
  const att = (inner: string): string => envelope('GetAttachment', `<m:Attachments>${inner}</m:Attachments>`);

  it('names GetAttachment, and reads one without name, type or content as empty', async () => {
    const { caller, calls } = fakeCaller(att('<t:FileAttachment/>'));
    expect(await getAttachment(caller, 'A1')).toStrictEqual({
      name: '',
      contentType: '',
      bytes: new Uint8Array(),
    });
    expect(calls[0]!.action).toBe('GetAttachment');
  });

  it('reads content broken over lines, and a declared size of exactly the limit', async () => {
    const { caller } = fakeCaller(
      att('<t:FileAttachment><t:Size>3</t:Size><t:Content>QU\nJD</t:Content></t:FileAttachment>'),
    );
    expect((await getAttachment(caller, 'A1', { maxBytes: 3 })).bytes).toStrictEqual(
      new Uint8Array(Buffer.from('ABC')),
    );
  });

  it('refuses a blank id, saying so', async () => {
    const { caller } = fakeCaller('');
    await expect(getAttachment(caller, ' ')).rejects.toMatchObject({ message: 'No attachment was named.' });
  });

  it.each<[string, string, Record<string, string>]>([
    [
      'no response message',
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetAttachmentResponse xmlns:m="${M}"><m:ResponseMessages/></m:GetAttachmentResponse></s:Body></s:Envelope>`,
      { kind: 'server', message: 'The server sent no attachment.', code: 'NoResponseMessage' },
    ],
    [
      'no file attachment',
      att('<t:ItemAttachment/>'),
      { kind: 'not-found', message: 'The attachment was not found.', code: 'ErrorAttachmentNotFound' },
    ],
    [
      'another type than accepted',
      att(
        '<t:FileAttachment><t:ContentType>text/plain</t:ContentType><t:Content>QUJD</t:Content></t:FileAttachment>',
      ),
      {
        kind: 'server',
        message: 'The attachment is not of the expected type.',
        code: 'AttachmentTypeRefused',
      },
    ],
    [
      'a declared size over the limit',
      att('<t:FileAttachment><t:ContentType>audio/wav</t:ContentType><t:Size>4</t:Size></t:FileAttachment>'),
      { kind: 'server', message: 'The attachment is too large to open here.', code: 'AttachmentTooLarge' },
    ],
    [
      'a character base64 has not, before the end',
      att(
        '<t:FileAttachment><t:ContentType>audio/wav</t:ContentType><t:Content>Q!JD</t:Content></t:FileAttachment>',
      ),
      { kind: 'server', message: 'The attachment could not be read.', code: 'AttachmentMalformed' },
    ],
    [
      'a character base64 has not, at the end',
      att(
        '<t:FileAttachment><t:ContentType>audio/wav</t:ContentType><t:Content>QUJ!</t:Content></t:FileAttachment>',
      ),
      { kind: 'server', message: 'The attachment could not be read.', code: 'AttachmentMalformed' },
    ],
  ])('refuses %s', async (_name, answer, error) => {
    const { caller } = fakeCaller(answer);
    await expect(getAttachment(caller, 'A1', { maxBytes: 3, accept: 'audio/' })).rejects.toMatchObject(error);
  });
});

describe('setReadState', () => {
  it('names UpdateItem, and gives back each id as the server sent it', async () => {
    const { caller, calls } = fakeCaller(
      envelope('UpdateItem', '<m:Items><t:Message><t:ItemId Id="a" ChangeKey="k2"/></t:Message></m:Items>'),
    );
    expect(await setReadState(caller, [{ id: 'a' }], true)).toStrictEqual([{ id: 'a', changeKey: 'k2' }]);
    expect(calls[0]!.action).toBe('UpdateItem');
  });

  it('gives back an id without a change key, or an empty one when the server sent none', async () => {
    const { caller } = fakeCaller(envelope('UpdateItem', '<m:Items><t:Message/></m:Items>'));
    expect(await setReadState(caller, [{ id: 'a' }], true)).toStrictEqual([{ id: '' }]);
  });
});
