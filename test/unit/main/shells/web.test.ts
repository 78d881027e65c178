import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { composeApp, type RosterApp } from '../../../../main/compose';
import { startWebShell, type WebShell } from '../../../../main/shells/web';

let app: RosterApp;
let shell: WebShell;
let cookie = '';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const { port } = new URL(shell.origin);
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

beforeAll(async () => {
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
});
afterAll(async () => {
  await shell.close();
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
