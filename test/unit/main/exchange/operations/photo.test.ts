import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHOTO_MAX_BYTES,
  getUserPhoto,
  getUserPhotoSoap,
  photoRestUrl,
  sniffImageType,
} from '../../../../../main/exchange/operations/photo';
import { EwsError } from '../../../../../main/exchange/errors';
import type { HttpResponse } from '../../../../../main/exchange/transport';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

describe('photo (SOAP form and helpers)', () => {
  it('decodes PictureData and checks it is an image', async () => {
    const { caller, calls } = fakeCaller(fixture('GetUserPhoto.xml'));
    const r = await getUserPhotoSoap(caller, 'adele.vance@contoso.test', { size: 'HR96x96' });
    expect(calls[0]!.body.children.map((c) => [c.name, c.text])).toEqual([
      ['Email', 'adele.vance@contoso.test'],
      ['SizeRequested', 'HR96x96'],
    ]);
    expect(r).toMatchObject({ status: 'ok', contentType: 'image/png' });
    expect(r.status === 'ok' && r.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('refuses a "photo" that is not an image', async () => {
    const { caller } = fakeCaller(fixture('GetUserPhoto-notimage.xml'));
    await expect(getUserPhotoSoap(caller, 'x@contoso.test')).rejects.toMatchObject({
      kind: 'server',
      code: 'NotAnImage',
    });
  });

  it('refuses PictureData over the cap before decoding', async () => {
    const { caller } = fakeCaller(fixture('GetUserPhoto.xml'));
    await expect(getUserPhotoSoap(caller, 'x@contoso.test', { maxBytes: 10 })).rejects.toMatchObject({
      code: 'PhotoTooLarge',
    });
  });

  it('sniffs JPEG/PNG/GIF magic bytes and nothing else', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });

  it('builds the REST URL with an encoded address', () => {
    expect(photoRestUrl('https://mail.contoso.test/EWS/Exchange.asmx', 'a+b@contoso.test', 'HR648x648')).toBe(
      'https://mail.contoso.test/EWS/Exchange.asmx/s/GetUserPhoto?email=a%2Bb%40contoso.test&size=HR648x648',
    );
  });
});

const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PNG = Buffer.from(PNG_B64, 'base64');

/** A GetUserPhoto SOAP answer the way Exchange 2013+ writes it (no ResponseMessages wrapper). */
const soapPhoto = (inner: string, cls = 'Success', code = 'NoError'): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
  `<GetUserPhotoResponse ResponseClass="${cls}" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">` +
  `<ResponseCode>${code}</ResponseCode>${inner}</GetUserPhotoResponse></s:Body></s:Envelope>`;

describe('photo: SOAP answers', () => {
  it.each([
    [
      'no change since the copy held',
      soapPhoto('<HasChanged> false </HasChanged>'),
      { status: 'not-modified' },
    ],
    ['no picture data', soapPhoto('<HasChanged>true</HasChanged>'), { status: 'none' }],
    ['only whitespace as picture data', soapPhoto('<PictureData>  \n </PictureData>'), { status: 'none' }],
    ['no such item', soapPhoto('', 'Error', 'ErrorItemNotFound'), { status: 'none' }],
    ['no such mailbox', soapPhoto('', 'Error', 'ErrorNonExistentMailbox'), { status: 'none' }],
    ['no such recipient', soapPhoto('', 'Error', 'ErrorMailRecipientNotFound'), { status: 'none' }],
  ])('%s', async (_what, answer, expected) => {
    const { caller } = fakeCaller(answer);
    expect(await getUserPhotoSoap(caller, 'x@contoso.test')).toEqual(expected);
  });

  it('turns any other error response into its error', async () => {
    const { caller } = fakeCaller(soapPhoto('', 'Error', 'ErrorAccessDenied'));
    await expect(getUserPhotoSoap(caller, 'x@contoso.test')).rejects.toMatchObject({
      code: 'ErrorAccessDenied',
    });
  });

  it('reads picture data split over lines, asks for the largest size by default, caps the answer', async () => {
    const wrapped = PNG_B64.replace(/(.{20})/g, '$1\n  ');
    const { caller, calls } = fakeCaller(soapPhoto(`<PictureData>${wrapped}</PictureData>`));
    const r = await getUserPhotoSoap(caller, 'x@contoso.test', { maxBytes: 3000 });
    expect(r).toEqual({ status: 'ok', bytes: PNG, contentType: 'image/png' });
    expect(calls[0]!.body.children.map((c) => [c.name, c.text])).toEqual([
      ['Email', 'x@contoso.test'],
      ['SizeRequested', 'HR648x648'],
    ]);
    // base64 is 4 bytes per 3, plus room for the envelope.
    expect(calls[0]!.options?.maxResponseBytes).toBe(4000 + 64 * 1024);
  });

  it('accepts picture data exactly at the cap and refuses one byte over, saying the size', async () => {
    const at = fakeCaller(soapPhoto(`<PictureData>${PNG_B64}</PictureData>`));
    const decoded = Math.floor((PNG_B64.length * 3) / 4);
    expect((await getUserPhotoSoap(at.caller, 'x@contoso.test', { maxBytes: decoded })).status).toBe('ok');
    const over = fakeCaller(soapPhoto(`<PictureData>${PNG_B64}</PictureData>`));
    await expect(
      getUserPhotoSoap(over.caller, 'x@contoso.test', { maxBytes: decoded - 1 }),
    ).rejects.toMatchObject({
      kind: 'server',
      code: 'PhotoTooLarge',
      message: expect.stringMatching(/^The photo is larger than the 0 KB allowed/) as unknown,
    });
  });

  it('uses the default 5 MB cap', async () => {
    const { caller, calls } = fakeCaller(soapPhoto(`<PictureData>${PNG_B64}</PictureData>`));
    await getUserPhotoSoap(caller, 'x@contoso.test');
    expect(calls[0]!.options?.maxResponseBytes).toBe(Math.ceil((5 * 1024 * 1024 * 4) / 3) + 64 * 1024);
  });
});

describe('sniffImageType', () => {
  it.each([
    ['JPEG', [0xff, 0xd8, 0xff], 'image/jpeg'],
    ['two JPEG bytes only', [0xff, 0xd8], undefined],
    ['PNG', [...PNG.subarray(0, 8)], 'image/png'],
    ['PNG with its last magic byte wrong', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b], undefined],
    ['GIF87a', [...Buffer.from('GIF87a')], 'image/gif'],
    ['WebP', [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'image/webp'],
    ['a RIFF that is not WebP (WAV)', [...Buffer.from('RIFF\0\0\0\0WAVEfmt ')], undefined],
    ['RIFF cut before its type', [...Buffer.from('RIFF\0\0\0\0WEB')], undefined],
    ['nothing', [], undefined],
  ])('%s', (_what, bytes, type) => {
    expect(sniffImageType(Uint8Array.from(bytes))).toBe(type);
  });
});

describe('photo: REST answers', () => {
  interface Stub {
    status: number;
    headers?: Record<string, string>;
    body?: Buffer | Error;
  }
  function restCaller(stub: Stub) {
    const seen: {
      url: string;
      headers: Record<string, string> | undefined;
      discarded: number;
      max?: number;
    } = {
      url: '',
      headers: undefined,
      discarded: 0,
    };
    const { caller } = fakeCaller('');
    caller.get = (url, headers) => {
      seen.url = url;
      seen.headers = headers;
      const res: HttpResponse = {
        status: stub.status,
        url,
        header: (name) => stub.headers?.[name],
        headerValues: () => [],
        text: () => Promise.reject(new Error('not used')),
        bytes: (max) => {
          seen.max = max;
          return stub.body instanceof Error
            ? Promise.reject(stub.body)
            : Promise.resolve(stub.body ?? Buffer.alloc(0));
        },
        chunks: () => {
          throw new Error('not used');
        },
        discard: () => {
          seen.discarded++;
          return Promise.resolve();
        },
      };
      return Promise.resolve(res);
    };
    return { caller, seen };
  }

  it('asks for an image of the largest size, with the ETag held, and returns bytes, type and ETag', async () => {
    const { caller, seen } = restCaller({ status: 200, headers: { etag: '"v2"' }, body: PNG });
    expect(await getUserPhoto(caller, 'a@contoso.test', { etag: '"v1"' })).toEqual({
      status: 'ok',
      bytes: PNG,
      contentType: 'image/png',
      etag: '"v2"',
    });
    expect(seen.url).toBe(photoRestUrl(caller.ewsUrl, 'a@contoso.test', 'HR648x648'));
    expect(seen.headers).toEqual({ accept: 'image/*', 'if-none-match': '"v1"' });
    expect(seen.max).toBe(DEFAULT_PHOTO_MAX_BYTES);
  });

  it('sends no If-None-Match without an ETag, and returns none without one', async () => {
    const { caller, seen } = restCaller({ status: 200, body: PNG });
    const r = await getUserPhoto(caller, 'a@contoso.test', { size: 'HR96x96', maxBytes: 100 });
    expect(r).toEqual({ status: 'ok', bytes: PNG, contentType: 'image/png' });
    expect(seen.headers).toEqual({ accept: 'image/*' });
    expect(seen.url).toMatch(/size=HR96x96$/);
    expect(seen.max).toBe(100);
  });

  it.each([
    [304, { status: 'not-modified' }],
    [404, { status: 'none' }],
    [204, { status: 'none' }],
  ])('answers HTTP %i with %j, dropping the body', async (status, expected) => {
    const { caller, seen } = restCaller({ status });
    expect(await getUserPhoto(caller, 'a@contoso.test')).toEqual(expected);
    expect(seen.discarded).toBe(1);
  });

  it.each([
    [401, 'auth'],
    [500, 'server'],
  ])('turns HTTP %i into a %s error, dropping the body', async (status, kind) => {
    const { caller, seen } = restCaller({ status });
    await expect(getUserPhoto(caller, 'a@contoso.test')).rejects.toMatchObject({ kind, httpStatus: status });
    expect(seen.discarded).toBe(1);
  });

  it('refuses a declared length over the cap before reading, and accepts one at the cap', async () => {
    const over = restCaller({ status: 200, headers: { 'content-length': '101' }, body: PNG });
    await expect(getUserPhoto(over.caller, 'a@contoso.test', { maxBytes: 100 })).rejects.toMatchObject({
      code: 'PhotoTooLarge',
    });
    expect(over.seen.discarded).toBe(1);
    expect(over.seen.max).toBeUndefined();
    const at = restCaller({ status: 200, headers: { 'content-length': '100' }, body: PNG });
    expect((await getUserPhoto(at.caller, 'a@contoso.test', { maxBytes: 100 })).status).toBe('ok');
  });

  it('reports a body cut at the cap as too large, and any other read failure as it is', async () => {
    const big = restCaller({
      status: 200,
      body: new EwsError('server', 'too big', { code: 'ResponseTooLarge' }),
    });
    await expect(getUserPhoto(big.caller, 'a@contoso.test')).rejects.toMatchObject({ code: 'PhotoTooLarge' });
    const reset = new EwsError('network', 'reset', { code: 'ECONNRESET' });
    const broken = restCaller({ status: 200, body: reset });
    await expect(getUserPhoto(broken.caller, 'a@contoso.test')).rejects.toBe(reset);
  });

  it('answers an empty body with none and a non-image with NotAnImage', async () => {
    expect(await getUserPhoto(restCaller({ status: 200 }).caller, 'a@contoso.test')).toEqual({
      status: 'none',
    });
    await expect(
      getUserPhoto(restCaller({ status: 200, body: Buffer.from('<html>') }).caller, 'a@contoso.test'),
    ).rejects.toMatchObject({ code: 'NotAnImage', kind: 'server' });
  });

  it('builds the URL without doubling a trailing slash', () => {
    expect(photoRestUrl('https://h/EWS/Exchange.asmx//', 'a@b', 'HR48x48')).toBe(
      'https://h/EWS/Exchange.asmx/s/GetUserPhoto?email=a%40b&size=HR48x48',
    );
  });
});
