import { describe, expect, it } from 'vitest';
import {
  getUserPhotoSoap,
  photoRestUrl,
  sniffImageType,
} from '../../../../../main/exchange/operations/photo';
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
