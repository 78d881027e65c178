import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleRestPhoto } from '../../../../../main/exchange-sim/ews/index';
import { clearServedPhotoCache, servedBox } from '../../../../../main/exchange-sim/ews/photo';
import type { PhotoSpec, Person } from '../../../../../main/exchange-sim/org/types';
import { at, faultCode, makeCall, makeOrg, names, person, send, single } from './helpers';

/** A stand-in original: a plain JPEG at the spec's size, counted so caching can be seen. */
function stubRenderer(): { render: (spec: PhotoSpec, p: Person) => Promise<Uint8Array>; calls: number } {
  const state = {
    calls: 0,
    render: async (spec: PhotoSpec): Promise<Uint8Array> => {
      state.calls += 1;
      const buf = await sharp({
        create: { width: spec.width, height: spec.height, channels: 3, background: '#36c' },
      })
        .jpeg()
        .toBuffer();
      return new Uint8Array(buf);
    },
  };
  return state;
}

const photoXml = (email: string, size: string): string =>
  `<m:GetUserPhoto><m:Email>${email}</m:Email><m:SizeRequested>${size}</m:SizeRequested></m:GetUserPhoto>`;

beforeEach(() => clearServedPhotoCache());

describe('photo sizes', () => {
  it('serves the largest held size not bigger than asked', () => {
    expect(servedBox(648, 648, 648)).toBe(648);
    expect(servedBox(100, 648, 648)).toBe(96);
    expect(servedBox(648, 96, 96)).toBe(96);
    expect(servedBox(648, 648, 480)).toBe(648);
    expect(servedBox(48, 40, 40)).toBe(40);
  });
});

describe('GetUserPhoto (SOAP)', () => {
  it('keeps the aspect ratio of a non-square original', async () => {
    const org = makeOrg();
    const bob = person(org, 'bob@contoso.test');
    expect(bob.photo).toMatchObject({ width: 648, height: 480 });
    const stub = stubRenderer();
    const a = await send(
      { ...makeCall(org, 'alice@contoso.test'), renderPhoto: stub.render },
      photoXml(bob.smtp, 'HR240x240'),
    );
    expect(names(a.body)).toEqual(['ResponseCode', 'HasChanged', 'PictureData']);
    const meta = await sharp(Buffer.from(at(a.body, 'PictureData').text, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([240, 178]);
  });

  it('never enlarges a small original and caches per size', async () => {
    const org = makeOrg();
    const stub = stubRenderer();
    const call = { ...makeCall(org, 'alice@contoso.test'), renderPhoto: stub.render };
    const a = await send(call, photoXml('dave@contoso.test', 'HR648x648'));
    const meta = await sharp(Buffer.from(at(a.body, 'PictureData').text, 'base64')).metadata();
    expect(meta.width).toBe(96);
    await send(call, photoXml('dave@contoso.test', 'HR648x648'));
    expect(stub.calls).toBe(1);
    person(org, 'dave@contoso.test').photo!.version += 1;
    await send(call, photoXml('dave@contoso.test', 'HR648x648'));
    expect(stub.calls).toBe(2);
  });

  it('answers HasChanged=false without data when If-None-Match carries the current ETag', async () => {
    const org = makeOrg();
    const stub = stubRenderer();
    const first = await send(
      { ...makeCall(org, 'bob@contoso.test'), renderPhoto: stub.render },
      photoXml('alice@contoso.test', 'HR48x48'),
    );
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await send(
      { ...makeCall(org, 'bob@contoso.test', { 'if-none-match': etag }), renderPhoto: stub.render },
      photoXml('alice@contoso.test', 'HR48x48'),
    );
    expect(names(again.body)).toEqual(['ResponseCode', 'HasChanged']);
    expect(at(again.body, 'HasChanged').text).toBe('false');
  });

  it('errors: bad size (schema fault), unknown address (HTTP 500), no photo (ErrorItemNotFound)', async () => {
    const call = makeCall(makeOrg(), 'alice@contoso.test');
    expect(faultCode(await send(call, photoXml('bob@contoso.test', 'HR100x100')))).toBe(
      'ErrorSchemaValidation',
    );
    expect(faultCode(await send(call, photoXml('ghost@contoso.test', 'HR48x48')))).toBe(
      'ErrorNonExistentMailbox',
    );
    expect(single(await send(call, photoXml('helpdesk@contoso.test', 'HR48x48')))).toEqual({
      cls: 'Error',
      code: 'ErrorItemNotFound',
    });
    expect(
      faultCode(await send(call, photoXml('bob@contoso.test', 'HR48x48'), { version: 'Exchange2010_SP2' })),
    ).toBe('ErrorIncorrectSchemaVersion');
  });
});

describe('REST photo', () => {
  it('serves JPEG bytes with an ETag and a 304 for a matching If-None-Match', async () => {
    const org = makeOrg();
    const stub = stubRenderer();
    const q = new URLSearchParams({ email: 'alice@contoso.test', size: 'HR64x64' });
    const ok = await handleRestPhoto({ ...makeCall(org, 'bob@contoso.test'), renderPhoto: stub.render }, q);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(Buffer.from(ok.body as Uint8Array)).metadata()).width).toBe(64);
    const etag = ok.headers.etag ?? '';
    const not = await handleRestPhoto(
      { ...makeCall(org, 'bob@contoso.test', { 'if-none-match': etag }), renderPhoto: stub.render },
      q,
    );
    expect(not.status).toBe(304);
    expect(not.headers.etag).toBe(etag);
    const other = await handleRestPhoto(
      { ...makeCall(org, 'bob@contoso.test', { 'if-none-match': '"stale"' }), renderPhoto: stub.render },
      q,
    );
    expect(other.status).toBe(200);
  });

  it('404 without a photo or a person, 400 for a bad or missing parameter', async () => {
    const call = makeCall(makeOrg(), 'bob@contoso.test');
    expect(
      (await handleRestPhoto(call, new URLSearchParams({ email: 'helpdesk@contoso.test', size: 'HR48x48' })))
        .status,
    ).toBe(404);
    expect(
      (await handleRestPhoto(call, new URLSearchParams({ email: 'ghost@contoso.test', size: 'HR48x48' })))
        .status,
    ).toBe(404);
    expect(
      (await handleRestPhoto(call, new URLSearchParams({ email: 'alice@contoso.test', size: 'HR50x50' })))
        .status,
    ).toBe(400);
    expect((await handleRestPhoto(call, new URLSearchParams({ size: 'HR48x48' }))).status).toBe(400);
  });
});
