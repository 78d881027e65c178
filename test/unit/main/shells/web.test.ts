import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { composeApp, type RosterApp } from '../../../../main/compose';
import { startWebShell, type WebShell } from '../../../../main/shells/web';
import type { VoicemailAudioSource } from '../../../../main/shells/voicemail-route';
import type { PhotoService } from '../../../../main/services/photos';
import { EwsError } from '../../../../main/exchange/errors';

let app: RosterApp;
let shell: WebShell;
let cookie = '';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
/** One HTTP request to a shell, its whole answer read. */
function requestTo(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const get = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> =>
  requestTo(shell.origin, path, headers, method);

/**
 * The shared app and shell, started once, before the first test. A beforeEach that awaits one
 * promise rather than a beforeAll: a failure to start then fails each test, where a failed
 * beforeAll only skips them (and mutation testing would count the mutant that broke it as missed).
 */
let started: Promise<void> | undefined;
beforeEach(
  () =>
    (started ??= (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'roster-web-'));
      writeFileSync(
        join(dir, 'index.html'),
        '<html><head><script type="module" src="./index.js"></script></head></html>',
      );
      writeFileSync(join(dir, 'index.js'), 'export {}');
      app = await composeApp({ shell: 'web', dataDir: null, version: '9.9.9' });
      shell = await startWebShell({ app, rendererDir: dir });
      const first = await get(new URL(shell.url).pathname + new URL(shell.url).search);
      expect(first.status).toBe(302);
      cookie = String(first.headers['set-cookie']).split(';')[0]!;
    })()),
);
afterAll(async () => {
  await started?.catch(() => undefined);
  await shell?.close();
});

describe('web shell', () => {
  it('binds to 127.0.0.1 and swaps the one-time token for a strict cookie', async () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cookie).toMatch(/^roster_session=.{20,}/);
    const reused = await get(new URL(shell.url).pathname + new URL(shell.url).search);
    expect(reused.status).toBe(403);
  });

  it('serves the renderer with a CSP and the bridge placed before the app', async () => {
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body.indexOf('web-bridge.js')).toBeGreaterThan(-1);
    expect(page.body.indexOf('web-bridge.js')).toBeLessThan(page.body.indexOf('index.js'));
  });

  it('refuses requests without the cookie, with a foreign Host (DNS rebinding), or other methods', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/', { cookie: 'roster_session=forged' })).status).toBe(403);
    expect((await get('/', { cookie, host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { cookie }, 'POST')).status).toBe(403);
  });

  it('answers the contract over the WebSocket and pushes events', async () => {
    const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/ws`, {
      headers: { cookie, origin: shell.origin },
    });
    const messages: unknown[] = [];
    ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 1, channel: 'getAppInfo', payload: {} }));
    ws.send(JSON.stringify({ id: 2, channel: 'updateSettings', payload: { language: 'fr' } }));
    ws.send(JSON.stringify({ id: 3, channel: 'updateSettings', payload: { language: 'xx' } }));
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(4);
    expect(messages).toContainEqual({
      id: 1,
      result: {
        ok: true,
        value: {
          name: 'Roster',
          shell: 'web',
          version: '9.9.9',
          platform: process.platform,
          demo: false,
          vault: app.info.vault,
        },
      },
    });
    expect(messages).toContainEqual({
      event: 'settingsChanged',
      payload: { language: 'fr', theme: 'system', showPhotos: true, rememberMe: true },
    });
    const bad = messages.find((m) => (m as { id?: number }).id === 3) as {
      result: { ok: boolean; error: { kind: string } };
    };
    expect(bad.result.ok).toBe(false);
    expect(bad.result.error.kind).toBe('bad-input');
    ws.close();
  });
});

describe('web shell: the link, the cookie and the files', () => {
  it('lets the browser that used the link reopen it, without a new cookie; a wrong token is refused', async () => {
    const again = await get(`/contacts?token=${new URL(shell.url).searchParams.get('token')}&x=1`, {
      cookie,
    });
    expect(again.status).toBe(302);
    expect(again.headers.location).toBe('/contacts?x=1');
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['cache-control']).toBe('no-store');
    expect((await get('/?token=wrong')).status).toBe(403);
  });

  it('finds its cookie among others', async () => {
    expect((await get('/', { cookie: `theme=dark; ${cookie}; lang=fr` })).status).toBe(200);
    expect((await get('/', { cookie: `theme=dark; x${cookie}` })).status).toBe(403);
  });

  it('answers HEAD without a body, a missing file with 404, and a script with revalidation', async () => {
    const head = await get('/', { cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['cache-control']).toBe('no-store');
    const missing = await get('/nothing-here.js', { cookie });
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('Not found\n');
    expect(missing.headers['content-type']).toBe('text/plain; charset=utf-8');
    const script = await get('/index.js', { cookie });
    expect(script.status).toBe(200);
    expect(script.body).toBe('export {}');
    expect(script.headers).toMatchObject({
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });

  it('refuses with a page that is never cached, framed or sniffed', async () => {
    const page = await get('/');
    expect(page.status).toBe(403);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      vary: 'accept-language',
    });
    expect(page.headers['content-security-policy']).toEqual(expect.any(String));
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect((await get('/', {}, 'HEAD')).body).toBe('');
  });
});

describe('web shell: the WebSocket', () => {
  const open = (path: string, headers: Record<string, string>) =>
    new Promise<{ opened: boolean; ws: WebSocket }>((resolve) => {
      const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}${path}`, { headers });
      ws.once('open', () => resolve({ opened: true, ws }));
      ws.once('error', () => resolve({ opened: false, ws }));
    });
  const closeCode = (ws: WebSocket) =>
    new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

  it.each([
    ['another path', '/other', () => ({ cookie, origin: shell.origin })],
    ['another origin', '/ws', () => ({ cookie, origin: 'http://evil.example' })],
    ['no cookie', '/ws', () => ({ origin: shell.origin })],
  ])('refuses an upgrade on %s', async (_what, path, headers) => {
    const { opened, ws } = await open(path, headers());
    expect(opened).toBe(false);
    ws.terminate();
  });

  it.each([
    ['binary data', (ws: WebSocket) => ws.send(Buffer.from('{}'), { binary: true }), 1003],
    ['text that is not JSON', (ws: WebSocket) => ws.send('{nope'), 1007],
    ['JSON that is not an object', (ws: WebSocket) => ws.send('42'), 1007],
    ['null', (ws: WebSocket) => ws.send('null'), 1007],
    ['a request without an id', (ws: WebSocket) => ws.send('{"channel":"getAppInfo"}'), 1007],
    ['a request without a channel', (ws: WebSocket) => ws.send('{"id":1}'), 1007],
  ])('closes the socket on %s', async (_what, send, code) => {
    const { opened, ws } = await open('/ws', { cookie, origin: shell.origin });
    expect(opened).toBe(true);
    const closed = closeCode(ws);
    send(ws);
    expect(await closed).toBe(code);
  });
});

describe('web shell: sessions that last across restarts', () => {
  const DAY = 24 * 3600 * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'roster-web-sessions-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'roster-web-r-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html></html>');

  async function openLink(s: WebShell): Promise<string> {
    const { port, pathname, search } = new URL(s.url);
    const res = await new Promise<Reply>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: pathname + search }, (r) => {
        r.resume();
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: '' }));
      })
        .on('error', reject)
        .end();
    });
    expect(res.status).toBe(302);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\/; Max-Age=2592000$/);
    return setCookie.split(';')[0]!;
  }
  async function status(s: WebShell, c: string): Promise<number> {
    const { port } = new URL(s.origin);
    return new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { cookie: c } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
  }

  it('keeps only hashes, lets the cookie in after a restart for 30 days, not a minute more', async () => {
    const sessionsFile = join(dir, 'nested', 'web-sessions.json');
    const t0 = 1_800_000_000_000;
    const first = await startWebShell({ app, rendererDir, sessionsFile, now: () => t0 });
    const c = await openLink(first);
    await first.close();
    const saved = JSON.parse(readFileSync(sessionsFile, 'utf8')) as { hash: string; created: number }[];
    expect(saved).toEqual([{ hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, created: t0 }]);
    expect(readFileSync(sessionsFile, 'utf8')).not.toContain(c.split('=')[1]);

    for (const [later, expected] of [
      [30 * DAY - 1, 200],
      [30 * DAY, 403],
    ] as const) {
      const next = await startWebShell({ app, rendererDir, sessionsFile, now: () => t0 + later });
      try {
        expect(await status(next, c)).toBe(expected);
      } finally {
        await next.close();
      }
    }
  });

  it('lets a session expire while the shell runs', async () => {
    let now = 1_800_000_000_000;
    const s = await startWebShell({ app, rendererDir, now: () => now });
    try {
      const c = await openLink(s);
      expect(await status(s, c)).toBe(200);
      now += 30 * DAY;
      expect(await status(s, c)).toBe(403);
    } finally {
      await s.close();
    }
  });

  it.each([
    ['not JSON', '{'],
    ['not a list', '{"hash":"x","created":1}'],
    ['entries of the wrong shape', '[{"hash":1,"created":1},{"hash":"x"},null]'],
  ])('starts with no session from a file that is %s', async (_what, text) => {
    const sessionsFile = join(dir, `bad-${text.length}.json`);
    writeFileSync(sessionsFile, text);
    const s = await startWebShell({ app, rendererDir, sessionsFile });
    try {
      expect(await status(s, 'roster_session=x')).toBe(403);
      expect(new URL(s.url).searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    } finally {
      await s.close();
    }
  });

  it('says which ports were all in use', async () => {
    const taken = new URL(shell.origin).port;
    await expect(startWebShell({ app, rendererDir, ports: [Number(taken)] })).rejects.toThrow(
      `Ports ${taken} on 127.0.0.1 are all in use: free one, or choose another with --port.`,
    );
    const other = await startWebShell({ app, rendererDir });
    try {
      const second = new URL(other.origin).port;
      await expect(
        startWebShell({ app, rendererDir, ports: [Number(taken), Number(second)] }),
      ).rejects.toThrow(`Ports ${taken}, ${second} on 127.0.0.1 are all in use`);
    } finally {
      await other.close();
    }
  });
});

describe('web shell: photos, voice mail and what it logs', () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'roster-web-routes-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html></html>');
  const photoCalls: unknown[][] = [];
  const audioCalls: string[] = [];
  let routes: WebShell;
  let routesCookie = '';

  const photos: PhotoService = {
    serve(email, size, ifNoneMatch) {
      photoCalls.push([email, size, ifNoneMatch]);
      if (email === 'broken@example.org') return Promise.reject(new Error('disk on fire'));
      if (ifNoneMatch === '"v1"') return Promise.resolve({ status: 304, etag: '"v1"' });
      return Promise.resolve({
        status: 200,
        body: Buffer.from('JPEG'),
        contentType: 'image/jpeg',
        etag: '"v1"',
      });
    },
    stats: () => ({ bytesDownloaded: 0, requests: 0, notModified: 0, refused: 0, cacheHits: 0 }),
    clear: () => Promise.resolve(),
  };
  const voicemail: VoicemailAudioSource = {
    audio(id) {
      audioCalls.push(id);
      if (id === 'down') return Promise.reject(new EwsError('network', 'The server did not answer.'));
      return Promise.resolve({ contentType: 'audio/wav', bytes: new TextEncoder().encode('RIFF0123') });
    },
  };
  const warnings = (msg: string) =>
    app.log.recent().filter((e) => e.scope === 'web' && e.level === 'warn' && e.msg === msg);

  const on = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> =>
    requestTo(routes.origin, path, headers, method);

  let routesStarted: Promise<void> | undefined;
  beforeEach(
    () =>
      (routesStarted ??= (async () => {
        routes = await startWebShell({ app: { ...app, photos, voicemail }, rendererDir });
        const first = await on(new URL(routes.url).pathname + new URL(routes.url).search);
        routesCookie = String(first.headers['set-cookie']).split(';')[0]!;
      })()),
  );
  afterAll(async () => {
    await routesStarted?.catch(() => undefined);
    await routes?.close();
  });

  it('hands a photo request to the photo service, with its size and validator, behind the cookie', async () => {
    expect((await on('/photo/ann%40example.org?size=HR96x96')).status).toBe(403);
    expect(photoCalls).toStrictEqual([]);
    const photo = await on('/photo/ann%40example.org?size=HR96x96', { cookie: routesCookie });
    expect(photo).toMatchObject({ status: 200, body: 'JPEG' });
    expect(photo.headers).toMatchObject({ 'content-type': 'image/jpeg', etag: '"v1"' });
    const again = await on('/photo/ann%40example.org?size=HR48x48', {
      cookie: routesCookie,
      'if-none-match': '"v1"',
    });
    expect(again.status).toBe(304);
    const head = await on('/photo/ann%40example.org?size=HR96x96', { cookie: routesCookie }, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(photoCalls).toStrictEqual([
      ['ann@example.org', 'HR96x96', undefined],
      ['ann@example.org', 'HR48x48', '"v1"'],
      ['ann@example.org', 'HR96x96', undefined],
    ]);
  });

  it('answers 503 when the photo service fails, and logs only the failure’s message', async () => {
    const failed = await on('/photo/broken%40example.org?size=HR96x96', { cookie: routesCookie });
    expect(failed.status).toBe(503);
    expect(warnings('serving a photo failed').at(-1)?.data).toStrictEqual({
      err: { message: 'disk on fire' },
    });
  });

  it('hands a voice mail request to the voice-mail service, with its range, behind the cookie', async () => {
    expect((await on('/voicemail/vm1/audio')).status).toBe(403);
    expect(audioCalls).toStrictEqual([]);
    const whole = await on('/voicemail/vm1/audio', { cookie: routesCookie });
    expect(whole).toMatchObject({ status: 200, body: 'RIFF0123' });
    const part = await on('/voicemail/vm1/audio', { cookie: routesCookie, range: 'bytes=4-' });
    expect(part).toMatchObject({ status: 206, body: '0123' });
    const head = await on('/voicemail/vm1/audio', { cookie: routesCookie }, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('8');
    expect(audioCalls).toStrictEqual(['vm1', 'vm1', 'vm1']);
  });

  it('answers 503 when the mail server cannot be reached for a voice mail, and logs it', async () => {
    const failed = await on('/voicemail/down/audio', { cookie: routesCookie });
    expect(failed.status).toBe(503);
    expect(warnings('serving a voice mail failed').at(-1)?.data).toMatchObject({
      err: { message: 'The server did not answer.' },
    });
  });

  it('serves the page with a CSP that lets the app reach only this server’s WebSocket', async () => {
    const page = await on('/', { cookie: routesCookie });
    const { port } = new URL(routes.origin);
    expect(page.headers['content-security-policy']).toContain(
      `ws://127.0.0.1:${port} ws://localhost:${port}`,
    );
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('refuses in French to a browser that prefers it', async () => {
    const page = await on('/', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(page.status).toBe(403);
    expect(page.headers['content-language']).toBe('fr');
    expect((await on('/', { 'accept-language': 'en' })).headers['content-language']).toBe('en');
  });
});

describe('web shell: its files, failures and closing', () => {
  const DAY = 24 * 3600 * 1000;
  const rendererDir = mkdtempSync(join(tmpdir(), 'roster-web-life-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html></html>');
  const warnings = (msg: string) =>
    app.log.recent().filter((e) => e.scope === 'web' && e.level === 'warn' && e.msg === msg);

  const use = (s: WebShell, path: string, headers: Record<string, string> = {}): Promise<Reply> =>
    requestTo(s.origin, path, headers);
  const link = (s: WebShell): string => new URL(s.url).pathname + new URL(s.url).search;

  it('keeps the sessions file readable by the user only, and keeps the newest 20 sessions', async () => {
    const sessionsFile = join(mkdtempSync(join(tmpdir(), 'roster-web-mode-')), 'sessions.json');
    const t0 = 1_800_000_000_000;
    const old = Array.from({ length: 20 }, (_, i) => ({
      hash: `${i}`.padStart(64, '0'),
      created: t0 - DAY + i,
    }));
    writeFileSync(sessionsFile, JSON.stringify(old));
    const s = await startWebShell({ app, rendererDir, sessionsFile, now: () => t0 });
    try {
      expect((await use(s, link(s))).status).toBe(302);
    } finally {
      await s.close();
    }
    expect(statSync(sessionsFile).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(sessionsFile, 'utf8')) as { hash: string; created: number }[];
    expect(saved).toHaveLength(20);
    expect(saved[0]).toStrictEqual(old[1]);
    expect(saved[19]?.created).toBe(t0);
  });

  it('still lets the browser in when the sessions file cannot be written, and says so in the log', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'roster-web-blocked-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const s = await startWebShell({ app, rendererDir, sessionsFile: join(blocker, 'sessions.json') });
    try {
      const opened = await use(s, link(s));
      expect(opened.status).toBe(302);
      const c = String(opened.headers['set-cookie']).split(';')[0]!;
      expect((await use(s, '/', { cookie: c })).status).toBe(200);
      expect(warnings('saving the web sessions failed').at(-1)?.data).toMatchObject({
        err: { code: 'EEXIST' }, // mkdir of a folder whose parent is a file
      });
    } finally {
      await s.close();
    }
  });

  it('answers 500 when a route fails unexpectedly, logs it, and goes on serving', async () => {
    const broken = {
      ...app,
      get photos(): PhotoService {
        throw new Error('no photos here');
      },
    };
    const s = await startWebShell({ app: broken, rendererDir });
    try {
      const c = String((await use(s, link(s))).headers['set-cookie']).split(';')[0]!;
      expect((await use(s, '/photo/a%40b.org?size=HR96x96', { cookie: c })).status).toBe(500);
      expect(warnings('answering a request failed').at(-1)?.data).toStrictEqual({
        err: { message: 'no photos here' },
      });
      expect((await use(s, '/', { cookie: c })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('takes the next port of its list when one is taken, and logs the one it could not have', async () => {
    const taken = Number(new URL(shell.origin).port);
    const before = warnings('server error').length;
    const s = await startWebShell({ app, rendererDir, ports: [taken, 0] });
    try {
      expect(Number(new URL(s.origin).port)).not.toBe(taken);
      expect(warnings('server error').slice(before)).toMatchObject([
        { data: { err: { code: 'EADDRINUSE' } } },
      ]);
      expect(s.url).toMatch(new RegExp(`^${s.origin}/\\?token=[A-Za-z0-9_-]{32}$`));
    } finally {
      await s.close();
    }
  });

  it('refuses an upgrade with a plain 403 and closes the connection', async () => {
    const { port } = new URL(shell.origin);
    const answer = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(port), '127.0.0.1', () =>
        sock.write(
          'GET /ws HTTP/1.1\r\nHost: 127.0.0.1:' +
            port +
            '\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        ),
      );
      let text = '';
      sock.on('data', (d: Buffer) => (text += d.toString('latin1')));
      sock.on('close', () => resolve(text));
      sock.on('error', reject);
    });
    expect(answer).toBe('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  it('ends a socket that sends more than 1 MiB at once, and serves one just under', async () => {
    const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/ws`, {
      headers: { cookie, origin: shell.origin },
    });
    await new Promise((r) => ws.once('open', r));
    const answers: unknown[] = [];
    ws.on('message', (d: Buffer) => answers.push(JSON.parse(d.toString())));
    const pad = 'x'.repeat(1024 * 1024 - 100);
    ws.send(JSON.stringify({ id: 7, channel: 'getAppInfo', payload: {}, pad }));
    await expect.poll(() => answers.some((m) => (m as { id?: number }).id === 7)).toBe(true);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 8, channel: 'getAppInfo', payload: {}, pad: `${pad}${'x'.repeat(200)}` }));
    expect(await closed).toBe(1009);
    await expect
      .poll(() => warnings('WebSocket closed on a protocol error').at(-1)?.data)
      .toMatchObject({ err: { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' } });
  });

  it('on close: ends its sockets, stops listening and pushes no more events', async () => {
    const s = await startWebShell({ app, rendererDir });
    const c = String((await use(s, link(s))).headers['set-cookie']).split(';')[0]!;
    const ws = new WebSocket(`${s.origin.replace('http', 'ws')}/ws`, {
      headers: { cookie: c, origin: s.origin },
    });
    await new Promise((r) => ws.once('open', r));
    const events: unknown[] = [];
    ws.on('message', (d: Buffer) => events.push(JSON.parse(d.toString())));
    const ended = new Promise<void>((r) => ws.once('close', () => r()));
    await s.close();
    await ended;
    await expect(use(s, '/', { cookie: c })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(events).toStrictEqual([]);
  });
  it('first use of the link: on to the same address without the token, never cached; no sessions file, nothing saved', async () => {
    const before = warnings('saving the web sessions failed').length;
    const s = await startWebShell({ app, rendererDir });
    try {
      const token = new URL(s.url).searchParams.get('token')!;
      const opened = await use(s, `/contacts?x=1&token=${token}&y=2`);
      expect(opened.status).toBe(302);
      expect(opened.headers.location).toBe('/contacts?x=1&y=2');
      expect(opened.headers['cache-control']).toBe('no-store');
      expect(warnings('saving the web sessions failed')).toHaveLength(before);
    } finally {
      await s.close();
    }
  });

  it('puts the bridge only into pages: a script that mentions <script is served as it is', async () => {
    writeFileSync(join(rendererDir, 'inline.js'), "const tag = '<script';\n");
    const s = await startWebShell({ app, rendererDir });
    try {
      const c = String((await use(s, link(s))).headers['set-cookie']).split(';')[0]!;
      expect((await use(s, '/inline.js', { cookie: c })).body).toBe("const tag = '<script';\n");
    } finally {
      await s.close();
    }
  });

  it('logs a contract call that fails outright, with its channel', async () => {
    const failing = {
      ...app,
      router: { ...app.router, dispatch: () => Promise.reject(new Error('router down')) },
    };
    const s = await startWebShell({ app: failing, rendererDir });
    try {
      const c = String((await use(s, link(s))).headers['set-cookie']).split(';')[0]!;
      const ws = new WebSocket(`${s.origin.replace('http', 'ws')}/ws`, {
        headers: { cookie: c, origin: s.origin },
      });
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ id: 1, channel: 'getAppInfo', payload: {} }));
      await expect
        .poll(() =>
          app.log
            .recent()
            .filter(
              (e) => e.scope === 'web' && e.level === 'error' && e.msg === 'answering a request failed',
            ),
        )
        .toMatchObject([{ data: { channel: 'getAppInfo', err: { message: 'router down' } } }]);
      ws.close();
    } finally {
      await s.close();
    }
  });
});
