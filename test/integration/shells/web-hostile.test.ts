/**
 * The web shell under hostile input on raw TCP (issue 16, findings 1 and 2): a refused upgrade
 * that is reset, and every WebSocket protocol error a signed-in page (or a local process with the
 * cookie) can cause. Each case must end that one connection only: the shell still answers a
 * normal page request and a normal contract call afterwards, and no error escapes unhandled.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { composeApp, type RosterApp } from '../../../main/compose';
import { startWebShell, type WebShell } from '../../../main/shells/web';

let app: RosterApp;
let shell: WebShell;
let cookie = '';
let port = 0;
const escaped: unknown[] = [];
const onEscaped = (err: unknown): void => void escaped.push(err);

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A normal contract call over a fresh WebSocket: the shell is alive and serving. */
async function stillAnswers(): Promise<void> {
  expect((await get('/', { cookie })).status).toBe(200);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { cookie, origin: shell.origin } });
  const reply = await new Promise<unknown>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ id: 7, channel: 'getAppInfo', payload: {} })));
    ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString())));
  });
  ws.close();
  expect(reply).toMatchObject({ id: 7, result: { ok: true, value: { name: 'Roster', shell: 'web' } } });
  // Each case reports only what it caused.
  expect(escaped.splice(0)).toEqual([]);
}

function rawConnect(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

function upgradeRequest(headers: Record<string, string>): string {
  const lines = [
    'GET /ws HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A signed-in raw WebSocket: the handshake done by hand, so any bytes can follow. */
async function signedInSocket(): Promise<Socket> {
  const s = await rawConnect();
  s.write(upgradeRequest({ Cookie: cookie, Origin: shell.origin }));
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (d: Buffer): void => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    s.on('data', onData);
  });
  return s;
}

/** One client frame: FIN set, the given opcode and flags, masked unless told otherwise. */
function frame(
  opcode: number,
  payload: Buffer,
  opts: { masked?: boolean; rsv1?: boolean; declaredLength?: number } = {},
): Buffer {
  const masked = opts.masked ?? true;
  const len = opts.declaredLength ?? payload.length;
  const first = 0x80 | (opts.rsv1 ? 0x40 : 0) | opcode;
  let header: Buffer;
  if (len < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | len]);
  else if (len < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

/** Wait until the shell ends the connection (it must: each case is a protocol error). */
function closed(s: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (s.destroyed) return resolve();
    s.on('error', () => undefined);
    s.once('close', () => resolve());
    s.resume();
  });
}

beforeAll(async () => {
  process.on('uncaughtException', onEscaped);
  const dir = mkdtempSync(join(tmpdir(), 'roster-web-hostile-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<html><head><script type="module" src="./index.js"></script></head></html>',
  );
  writeFileSync(join(dir, 'index.js'), 'export {}');
  app = await composeApp({ shell: 'web', dataDir: null, version: '1.0.0', demo: false });
  shell = await startWebShell({ app, rendererDir: dir });
  port = Number(new URL(shell.origin).port);
  const first = await get(new URL(shell.url).pathname + new URL(shell.url).search);
  cookie = String(first.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  process.off('uncaughtException', onEscaped);
  await shell.close();
  await app.close();
});
afterEach(async () => {
  await stillAnswers();
});

describe('web shell under hostile TCP', () => {
  it('survives a refused upgrade (no cookie, no Origin) that the client resets', async () => {
    for (let i = 0; i < 5; i++) {
      const s = await rawConnect();
      s.on('error', () => undefined);
      s.write(upgradeRequest({}));
      s.resetAndDestroy();
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('survives a refused upgrade that the client reset before the refusal could be written', async () => {
    for (let i = 0; i < 5; i++) {
      const s = await rawConnect();
      s.on('error', () => undefined);
      s.write(upgradeRequest({ Origin: 'http://evil.example' }), () => s.resetAndDestroy());
      await closed(s);
    }
  });

  const cases: [string, () => Buffer][] = [
    // Only the header: the shell must refuse on the declared length, before 1.1 MB arrive.
    ['a frame over the 1 MiB payload cap', () => frame(0x1, Buffer.alloc(0), { declaredLength: 1_100_000 })],
    ['a text frame that is not UTF-8', () => frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
    ['an unmasked client frame', () => frame(0x1, Buffer.from('{}'), { masked: false })],
    ['a reserved opcode', () => frame(0x3, Buffer.from('x'))],
    ['RSV1 set without an extension', () => frame(0x1, Buffer.from('{}'), { rsv1: true })],
    ['a 200-byte ping', () => frame(0x9, Buffer.alloc(200, 0x61))],
    ['a 1.1 MB frame sent in full', () => frame(0x1, Buffer.alloc(1_100_000, 0x61))],
  ];
  for (const [name, bytes] of cases) {
    it(`survives ${name} on a signed-in socket`, async () => {
      const s = await signedInSocket();
      s.on('error', () => undefined);
      s.write(bytes());
      await closed(s);
    });
  }

  it('survives a signed-in socket reset in the middle of a frame', async () => {
    const s = await signedInSocket();
    s.on('error', () => undefined);
    s.write(frame(0x1, Buffer.from('{"id":1,"channel":"getAppInfo","payload":{}}')).subarray(0, 10));
    s.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 50));
  });
});
