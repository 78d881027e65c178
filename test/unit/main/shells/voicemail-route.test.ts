import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voicemailAudioUrl } from '../../../../preload/contract';
import { composeApp, type RosterApp } from '../../../../main/compose';
import { AppError } from '../../../../main/errors';
import { contentSecurityPolicy } from '../../../../main/shells/csp';
import { startWebShell, type WebShell } from '../../../../main/shells/web';
import {
  byteRange,
  voicemailIdOf,
  voicemailRoute,
  type VoicemailAudioSource,
} from '../../../../main/shells/voicemail-route';
import type { VoicemailAudio } from '../../../../main/services/voicemail';

/** A tiny WAV header plus two samples: what the service hands over after sniffing. */
const WAV = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([40, 0, 0, 0]),
  Buffer.from('WAVEfmt '),
  Buffer.alloc(28),
  Buffer.from([1, 2, 3, 4]),
]);
/** An id as Exchange writes them: base64 with '/', '+' and '='. */
const ID = 'AAMkAGI2/TG93AAA+vm1==';

function fakeVoicemail(
  answer: (id: string) => Promise<VoicemailAudio>,
): VoicemailAudioSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    audio(id) {
      asked.push(id);
      return answer(id);
    },
  };
}

const wav = (): Promise<VoicemailAudio> =>
  Promise.resolve({ contentType: 'audio/wav', bytes: new Uint8Array(WAV) });
const path = (url: string): string => new URL(url, 'http://x/').pathname;

describe('voicemailIdOf', () => {
  it.each([
    ['the contract’s own URL, slashes and all', path(voicemailAudioUrl(ID)), ID],
    ['a plain id', '/voicemail/abc/audio', 'abc'],
    ['no id', '/voicemail//audio', null],
    ['no /audio', '/voicemail/abc', null],
    ['another suffix', '/voicemail/abc/audio.wav', null],
    ['an unescaped slash (two segments)', '/voicemail/a/b/audio', null],
    ['a bad escape', '/voicemail/%E0%A4%A/audio', null],
    ['a control character', '/voicemail/a%00b/audio', null],
    ['only spaces', '/voicemail/%20%20/audio', null],
    ['an id over the cap', `/voicemail/${'a'.repeat(1025)}/audio`, null],
    ['an id at the cap', `/voicemail/${'a'.repeat(1024)}/audio`, 'a'.repeat(1024)],
    ['not under /voicemail/', '/elsewhere/xyzw/audio', null],
    ['a long id without /audio', '/voicemail/abcdefghij', null],
    ['a space inside an id is kept', '/voicemail/a%20b/audio', 'a b'],
  ])('%s', (_n, pathname, id) => {
    expect(voicemailIdOf(pathname)).toBe(id);
  });
});

describe('voicemailRoute', () => {
  it('serves the recording at the contract’s URL: the sniffed type, its length, never cached', async () => {
    const vm = fakeVoicemail(wav);
    const r = await voicemailRoute(vm, { pathname: path(voicemailAudioUrl(ID)) });
    expect(r.status).toBe(200);
    expect(r.body?.equals(WAV)).toBe(true);
    expect(r.headers).toEqual({
      'content-type': 'audio/wav',
      'content-length': String(WAV.length),
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(vm.asked).toEqual([ID]);
  });

  it('answers HEAD with the headers and no body; other methods 405 without asking', async () => {
    const vm = fakeVoicemail(wav);
    const head = await voicemailRoute(vm, { method: 'HEAD', pathname: path(voicemailAudioUrl(ID)) });
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(WAV.length));
    const post = await voicemailRoute(vm, { method: 'POST', pathname: path(voicemailAudioUrl(ID)) });
    expect(post.status).toBe(405);
    expect(vm.asked).toEqual([ID]);
  });

  it('refuses a malformed path with 400 before asking, and answers 404 when voice mail is off', async () => {
    const vm = fakeVoicemail(wav);
    expect((await voicemailRoute(vm, { pathname: '/voicemail/a/b/audio' })).status).toBe(400);
    expect((await voicemailRoute(vm, { pathname: '/elsewhere' })).status).toBe(404);
    expect(vm.asked).toEqual([]);
    expect((await voicemailRoute(null, { pathname: '/voicemail/abc/audio' })).status).toBe(404);
  });

  it.each([
    ['signed out', new AppError('auth', 'Sign in'), 401],
    ['an unknown item', new AppError('not-found', 'gone', { code: 'ErrorItemNotFound' }), 404],
    [
      'an id the server finds malformed',
      new AppError('bad-input', 'bad', { code: 'ErrorInvalidIdMalformed' }),
      404,
    ],
    ['the feature turned off', new AppError('unavailable', 'off', { code: 'FeatureOff' }), 404],
    ['a recording over the cap', new AppError('server', 'big', { code: 'AttachmentTooLarge' }), 413],
    ['a recording that is not audio', new AppError('server', 'no', { code: 'AttachmentTypeRefused' }), 415],
    ['the network down', new AppError('network', 'ECONNRESET at 10.0.0.1'), 503],
    ['a bug', new Error('TypeError at /home/x/secret.ts:12'), 502],
  ])('answers %s with %i, in its own words, never cached', async (_n, err, status) => {
    const logged: unknown[] = [];
    const r = await voicemailRoute(
      fakeVoicemail(() => Promise.reject(err)),
      { pathname: '/voicemail/abc/audio' },
      (e) => logged.push(e),
    );
    expect(r.status).toBe(status);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body?.toString()).not.toMatch(/ECONNRESET|secret|TypeError/);
    // Only faults that are not the request's own reach the log.
    expect(logged.length).toBe(status >= 500 ? 1 : 0);
  });

  it('refuses a type browsers do not play (WMA) and bytes over the cap, whatever the service says', async () => {
    const wma = fakeVoicemail(() =>
      Promise.resolve({ contentType: 'audio/x-ms-wma', bytes: new Uint8Array([0x30, 0x26]) }),
    );
    const refused = await voicemailRoute(wma, { pathname: '/voicemail/abc/audio' });
    expect([refused.status, refused.body?.toString()]).toStrictEqual([
      415,
      'The recording is not in a format Roster plays\n',
    ]);
    const huge = fakeVoicemail(() =>
      Promise.resolve({ contentType: 'audio/wav', bytes: new Uint8Array(10 * 1024 * 1024 + 1) }),
    );
    const r = await voicemailRoute(huge, { pathname: '/voicemail/abc/audio' });
    expect([r.status, r.body?.toString()]).toStrictEqual([413, 'The recording is too large to play here\n']);
  });
});

describe('voicemailRoute: the words and the bytes', () => {
  it.each([
    [new AppError('auth', 'x'), 401, 'Sign in to play voice mail'],
    [new AppError('not-found', 'x'), 404, 'No such voice mail'],
    [new AppError('bad-input', 'x'), 404, 'No such voice mail'],
    [new AppError('unavailable', 'x'), 404, 'Voice mail is turned off'],
    [new AppError('network', 'x'), 503, 'Voice mail unavailable'],
    [new AppError('throttled', 'x'), 503, 'Voice mail unavailable'],
    [new AppError('server', 'x'), 502, 'The mail server did not give the recording'],
    [
      new AppError('server', 'x', { code: 'AttachmentTooLarge' }),
      413,
      'The recording is too large to play here',
    ],
    [
      new AppError('server', 'x', { code: 'AttachmentTypeRefused' }),
      415,
      'The recording is not in a format Roster plays',
    ],
  ])('answers %o with %i and says %j', async (err, status, text) => {
    const r = await voicemailRoute(
      fakeVoicemail(() => Promise.reject(err)),
      { pathname: '/voicemail/abc/audio' },
    );
    expect(r.status).toBe(status);
    expect(r.body?.toString()).toBe(`${text}\n`);
    expect(r.headers).toEqual({
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  it.each([
    [{ method: 'POST', pathname: '/voicemail/abc/audio' }, 405, 'Method not allowed'],
    [{ pathname: '/elsewhere' }, 404, 'Not found'],
    [{ pathname: '/voicemail/a/b/audio' }, 400, 'Bad voice mail id'],
  ])('answers %j with %i and says %j, without asking', async (request, status, text) => {
    const vm = fakeVoicemail(wav);
    const r = await voicemailRoute(vm, request);
    expect([r.status, r.body?.toString()]).toEqual([status, `${text}\n`]);
    expect(vm.asked).toEqual([]);
  });

  it('says voice mail is off when there is no service', async () => {
    const r = await voicemailRoute(undefined, { pathname: '/voicemail/abc/audio' });
    expect([r.status, r.body?.toString()]).toEqual([404, 'Voice mail is turned off\n']);
  });

  it('takes the method in any case, GET by default', async () => {
    const vm = fakeVoicemail(wav);
    const head = await voicemailRoute(vm, { method: 'head', pathname: '/voicemail/abc/audio' });
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect(
      (await voicemailRoute(vm, { method: 'get', pathname: '/voicemail/abc/audio' })).body?.equals(WAV),
    ).toBe(true);
  });

  it('serves only the recording’s own bytes when they are a view into a larger buffer', async () => {
    const big = Buffer.concat([Buffer.from('JUNK'), WAV, Buffer.from('TAIL')]);
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, WAV.length);
    const r = await voicemailRoute(
      fakeVoicemail(() => Promise.resolve({ contentType: 'audio/mpeg', bytes: view })),
      { pathname: '/voicemail/abc/audio' },
    );
    expect(r.body?.equals(WAV)).toBe(true);
    expect(r.headers['content-type']).toBe('audio/mpeg');
  });

  it('serves a recording exactly at the size cap', async () => {
    const r = await voicemailRoute(
      fakeVoicemail(() =>
        Promise.resolve({ contentType: 'audio/ogg', bytes: new Uint8Array(10 * 1024 * 1024) }),
      ),
      { method: 'HEAD', pathname: '/voicemail/abc/audio' },
    );
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(10 * 1024 * 1024));
  });

  it('answers the whole recording for a range header it ignores, and a one-byte range', async () => {
    const vm = fakeVoicemail(wav);
    const ignored = await voicemailRoute(vm, { pathname: '/voicemail/abc/audio', range: 'bytes=0-1,4-5' });
    expect(ignored.status).toBe(200);
    expect(ignored.headers['content-range']).toBeUndefined();
    const one = await voicemailRoute(vm, { pathname: '/voicemail/abc/audio', range: ' bytes=1-1 ' });
    expect(one.status).toBe(206);
    expect(one.body?.toString('ascii')).toBe('I');
    expect(one.headers['content-range']).toBe(`bytes 1-1/${WAV.length}`);
  });
});

describe('byte ranges (the media player asks for them)', () => {
  it.each([
    ['bytes=0-', { start: 0, end: 99 }],
    ['bytes=10-19', { start: 10, end: 19 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=20-10', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=-', null],
    ['bytes=0-1,5-6', null],
    ['bytes=99-99', { start: 99, end: 99 }],
    ['bytes=99-', { start: 99, end: 99 }],
    ['bytes=-100', { start: 0, end: 99 }],
    ['bytes=5-4', 'unsatisfiable'],
    ['items=0-1', null],
    ['xbytes=0-1', null],
  ])('%s of 100 bytes → %j', (header, span) => {
    expect(byteRange(header, 100)).toEqual(span);
  });

  it.each(['bytes=-5', 'bytes=0-'])('%s of an empty body is unsatisfiable', (header) => {
    expect(byteRange(header, 0)).toBe('unsatisfiable');
  });

  it('answers a range with 206 and its part, an impossible one with 416', async () => {
    const vm = fakeVoicemail(wav);
    const part = await voicemailRoute(vm, { pathname: '/voicemail/abc/audio', range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(part.body?.toString('ascii')).toBe('RIFF');
    expect(part.headers['content-range']).toBe(`bytes 0-3/${WAV.length}`);
    expect(part.headers['content-length']).toBe('4');
    expect(part.headers['accept-ranges']).toBe('bytes');
    const none = await voicemailRoute(vm, { pathname: '/voicemail/abc/audio', range: 'bytes=9999-' });
    expect(none.status).toBe(416);
    expect(none.headers['content-range']).toBe(`bytes */${WAV.length}`);
    expect(none.body).toBeUndefined();
  });
});

describe('the CSP', () => {
  it('lets recordings play from the app itself only', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("media-src 'self'");
    expect(csp).not.toMatch(/media-src[^;]*(blob:|data:|\*|https?:)/);
  });
});

describe('the web shell’s voice-mail route', () => {
  let app: RosterApp;
  let shell: WebShell;
  let cookie = '';
  const vm = fakeVoicemail(wav);

  const get = (p: string, headers: Record<string, string> = {}) => {
    const { port } = new URL(shell.origin);
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: p, headers }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
          );
        });
        req.on('error', reject);
        req.end();
      },
    );
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-web-vm-'));
    writeFileSync(
      join(dir, 'index.html'),
      '<html><head><script type="module" src="./index.js"></script></head></html>',
    );
    app = await composeApp({ shell: 'web', dataDir: null, version: '9.9.9', demo: false });
    shell = await startWebShell({ app: { ...app, voicemail: vm }, rendererDir: dir });
    const first = await get(new URL(shell.url).pathname + new URL(shell.url).search);
    cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterAll(async () => {
    await shell.close();
    await app.close();
  });

  it('serves /voicemail/…/audio with the session cookie and the right Host, refuses it without', async () => {
    const p = voicemailAudioUrl(ID).slice(1);
    expect((await get(p)).status).toBe(403);
    expect((await get(p, { cookie, host: 'evil.example' })).status).toBe(403);
    const r = await get(p, { cookie });
    expect(r.status).toBe(200);
    expect(r.body.equals(WAV)).toBe(true);
    expect(r.headers['content-type']).toBe('audio/wav');
    expect(r.headers['content-length']).toBe(String(WAV.length));
    expect(r.headers['cache-control']).toBe('no-store');
    expect(vm.asked.at(-1)).toBe(ID);
  });

  it('the real app refuses it while signed out (voice mail off by default: 404)', async () => {
    const real = await startWebShell({ app, rendererDir: mkdtempSync(join(tmpdir(), 'roster-web-vm2-')) });
    try {
      const u = new URL(real.url);
      const c = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search }, (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']).split(';')[0] ?? '');
        })
          .on('error', reject)
          .end();
      });
      const status = await new Promise<number>((resolve, reject) => {
        request(
          { host: '127.0.0.1', port: u.port, path: '/voicemail/abc/audio', headers: { cookie: c } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
      expect(status).toBe(404);
    } finally {
      await real.close();
    }
  });
});
