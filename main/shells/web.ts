/**
 * The web shell: the same services and contract as the Electron shell, for machines without the
 * Electron binary and for e2e tests. The built renderer is served over HTTP and the contract
 * travels over one WebSocket.
 *
 * Guards, because any local process and any web page the user visits can reach 127.0.0.1:
 * - bound to 127.0.0.1 only, on a free port;
 * - a one-time random token in the printed URL, swapped on first use for an HttpOnly,
 *   SameSite=Strict cookie; every other request without that cookie gets 403;
 * - the Host header must name this server (defeats DNS rebinding) and the WebSocket's Origin must
 *   be this server's origin (defeats cross-site WebSocket hijacking).
 * Delete this file and preload/web.ts and a complete Electron app remains.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../preload/contract';
import type { RosterApp } from '../compose';
import { contentSecurityPolicy } from './csp';
import { isPhotoPath, photoRoute } from './photo-route';
import { readStaticFile } from './static-files';

export interface WebShellOptions {
  app: RosterApp;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface WebShell {
  /** Open this once: it carries the one-time token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Messages on the WebSocket. */
export interface WireRequest {
  id: number;
  channel: string;
  payload: unknown;
}
export type WireMessage =
  { id: number; result: unknown } | { event: EventName; payload: EventPayload<EventName> };

const COOKIE = 'roster_session';
const HOST = '127.0.0.1';
/** The largest message the contract needs is far below this; anything bigger ends the socket. */
const MAX_PAYLOAD = 1024 * 1024;

/** What is worth logging about a connection's error: its code and message, never its data. */
function errorSummary(err: unknown): { code?: string; message: string } {
  const e = err as { code?: unknown; message?: unknown } | null;
  return {
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    message: typeof e?.message === 'string' ? e.message.slice(0, 200) : String(err).slice(0, 200),
  };
}

function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const { app, rendererDir } = options;
  const log = app.log.child('web');
  let token: string | null = randomBytes(24).toString('base64url');
  const sessions = new Set<string>();
  let port = 0;
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];
  const csp = (): string => contentSecurityPolicy([`ws://${HOST}:${port}`, `ws://localhost:${port}`]);

  const hasSession = (req: IncomingMessage): boolean => {
    const sid = cookieValue(req, COOKIE);
    return sid !== null && [...sessions].some((s) => equalSecret(s, sid));
  };

  const forbid = (res: ServerResponse): void => {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Forbidden. Open Roster with the address it printed when it started.\n');
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (
        !allowedHosts().includes(req.headers.host ?? '') ||
        (req.method !== 'GET' && req.method !== 'HEAD')
      ) {
        return forbid(res);
      }
      const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        if (token === null || !equalSecret(offered, token)) return forbid(res);
        token = null; // one use only
        const sid = randomBytes(24).toString('base64url');
        sessions.add(sid);
        url.searchParams.delete('token');
        res.writeHead(302, {
          location: url.pathname + url.search,
          'set-cookie': `${COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/`,
          'cache-control': 'no-store',
        });
        return res.end();
      }
      if (!hasSession(req)) return forbid(res);

      if (isPhotoPath(url.pathname)) {
        const photo = await photoRoute(
          app.photos,
          {
            method: req.method ?? 'GET',
            pathname: url.pathname,
            search: url.search,
            ifNoneMatch: req.headers['if-none-match'] ?? null,
          },
          (err) => log.warn('serving a photo failed', { err: errorSummary(err) }),
        );
        res.writeHead(photo.status, photo.headers);
        return res.end(photo.body);
      }

      const file = await readStaticFile(rendererDir, url.pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('Not found\n');
      }
      let body = file.body;
      if (file.contentType.startsWith('text/html')) {
        // The browser bridge must define window.roster before the app's module runs; module
        // scripts run in document order, so it goes first.
        body = Buffer.from(
          body
            .toString('utf8')
            .replace('<script', '<script type="module" src="./web-bridge.js"></script>\n    <script'),
        );
      }
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-security-policy': csp(),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': file.contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      log.warn('answering a request failed', { err: errorSummary(err) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  // Whatever one connection does (a reset, a bad frame) ends that connection, never the shell:
  // every socket and stream here has an error path, and the error is only logged.
  server.on('error', (err) => log.warn('server error', { err: errorSummary(err) }));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  wss.on('error', (err) => log.warn('WebSocket server error', { err: errorSummary(err) }));
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgraded socket over without its own error listener: a peer that resets the
    // connection (before or while the refusal below is written) would otherwise throw
    // "Unhandled 'error' event" and end the process.
    socket.on('error', () => socket.destroy());
    const origin = req.headers.origin ?? '';
    const ok =
      new URL(req.url ?? '/', 'http://x').pathname === '/ws' &&
      allowedHosts().includes(req.headers.host ?? '') &&
      origin === `http://${req.headers.host}` &&
      hasSession(req);
    if (!ok) {
      // Written, then closed both ways: a refused peer cannot keep the socket half-open.
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () =>
        socket.destroy(),
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // A protocol error (frame over the cap, invalid UTF-8, unmasked, reserved opcode or bits, an
    // oversized control frame): ws closes this socket with the right code after emitting it.
    ws.on('error', (err) => log.warn('WebSocket closed on a protocol error', { err: errorSummary(err) }));
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString('utf8'));
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      if (typeof msg !== 'object' || msg === null) return ws.close(1007, 'invalid message');
      const { id, channel, payload } = msg as Partial<WireRequest>;
      if (typeof id !== 'number' || typeof channel !== 'string') return ws.close(1007, 'invalid message');
      app.router
        .dispatch(channel, payload)
        .then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result } satisfies WireMessage));
        })
        .catch((err: unknown) => log.error('answering a request failed', { channel, err }));
    });
  });

  const unsubscribe = app.bus.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies WireMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
