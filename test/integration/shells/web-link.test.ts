/**
 * The web shell's link works more than once (issue 20 item 16) without giving up its guards: the
 * browser that opened it reopens the used link or the bare address, also after a restart; the
 * refusal page says what to do; the port stays the same when it is free.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RosterApp } from '../../../main/compose';
import { startWebShell } from '../../../main/shells/web';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

const onWindows = process.platform === 'win32'; // no POSIX modes to check there
let dir: string;
let rendererDir: string;
let app: RosterApp;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roster-web-link-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<html><head><script type="module" src="./i.js"></script></head></html>',
  );
  app = await composeApp({ shell: 'web', dataDir: null, version: '9.9.9' });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web shell’s link', () => {
  it('the browser that opened it reopens the used link and the bare address; others still get 403', async () => {
    const shell = await startWebShell({ app, rendererDir });
    try {
      const first = await get(shell.origin, pathOf(shell.url));
      expect(first.status).toBe(302);
      expect(String(first.headers['set-cookie'])).toMatch(
        /HttpOnly; SameSite=Strict; Path=\/; Max-Age=2592000/,
      );
      const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
      const reopened = await get(shell.origin, pathOf(shell.url), { cookie });
      expect(reopened.status).toBe(302);
      expect(reopened.headers.location).toBe('/');
      expect((await get(shell.origin, '/', { cookie })).status).toBe(200);
      // Without the cookie, the used link is refused as before.
      expect((await get(shell.origin, pathOf(shell.url))).status).toBe(403);
    } finally {
      await shell.close();
    }
  });

  it('the refusal page says exactly what to do, in the browser’s language', async () => {
    const shell = await startWebShell({ app, rendererDir });
    try {
      const en = await get(shell.origin, '/');
      expect(en.status).toBe(403);
      expect(en.headers['content-type']).toMatch(/^text\/html/);
      expect(en.body).toContain(
        'Open the link printed in the terminal where you ran npm start, or run it again.',
      );
      expect(en.headers['content-security-policy']).toContain("default-src 'none'");
      const fr = await get(shell.origin, '/', { 'accept-language': 'fr-FR,fr;q=0.9' });
      expect(fr.status).toBe(403);
      expect(fr.headers['content-language']).toBe('fr');
      expect(fr.body).toContain(
        'Ouvrez le lien affiché dans le terminal où vous avez lancé npm start, ou relancez-le.',
      );
    } finally {
      await shell.close();
    }
  });

  it.skipIf(onWindows)('keeps the sessions file readable by its owner only (0600)', async () => {
    const sessionsFile = join(dir, 'web-sessions-mode.json');
    const shell = await startWebShell({ app, rendererDir, sessionsFile });
    await get(shell.origin, pathOf(shell.url));
    await shell.close();
    expect(statSync(sessionsFile).mode & 0o777).toBe(0o600);
  });

  it('after a restart on the same data, the browser’s cookie still lets it in; only a hash is on disk', async () => {
    const sessionsFile = join(dir, 'web-sessions.json');
    const first = await startWebShell({ app, rendererDir, sessionsFile });
    const opened = await get(first.origin, pathOf(first.url));
    const cookie = String(opened.headers['set-cookie']).split(';')[0] ?? '';
    await first.close();
    const saved = readFileSync(sessionsFile, 'utf8');
    expect(saved).not.toContain(cookie.split('=')[1]);

    const second = await startWebShell({ app, rendererDir, sessionsFile });
    try {
      expect((await get(second.origin, '/', { cookie })).status).toBe(200);
      expect((await get(second.origin, '/', { cookie: 'roster_session=forged' })).status).toBe(403);
    } finally {
      await second.close();
    }
    // 30 days later the cookie is no longer enough.
    const later = await startWebShell({
      app,
      rendererDir,
      sessionsFile,
      now: () => Date.now() + 31 * 24 * 3600 * 1000,
    });
    try {
      expect((await get(later.origin, '/', { cookie })).status).toBe(403);
    } finally {
      await later.close();
    }
  });

  it('keeps the first free port of its list: a taken one is skipped', async () => {
    // A port known to be free, then taken by someone else.
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const taken = (squatter.address() as { port: number }).port;
    const shell = await startWebShell({ app, rendererDir, ports: [taken, 0] });
    try {
      expect(new URL(shell.origin).port).not.toBe(String(taken));
    } finally {
      await shell.close();
    }
    await new Promise<void>((r) => squatter.close(() => r()));
    // Free again: it is the one used.
    const again = await startWebShell({ app, rendererDir, ports: [taken, 0] });
    try {
      expect(new URL(again.origin).port).toBe(String(taken));
    } finally {
      await again.close();
    }
  });
});
