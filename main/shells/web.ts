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
 * So that the link does not work only once: the cookie lasts 30 days and, with a sessions file,
 * across restarts (only its SHA-256 is kept, 0600), so the browser that opened the link can reopen
 * the bare address or the used link; the refusal page says what to do (web-launch.ts).
 * Delete this file and preload/web.ts and a complete Electron app remains.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RosterApp } from '../compose';
import { contentSecurityPolicy } from './csp';
import { isPhotoPath, photoRoute } from './photo-route';
import { isVoicemailPath, voicemailRoute } from './voicemail-route';
import { readStaticFile } from './static-files';
import { FORBIDDEN_CSP, forbiddenPage } from './web-launch';
import {
  HOST,
  allowedHosts,
  errorSummary,
  fileHeaders,
  readWireMessage,
  requestAllowed,
  upgradeAllowed,
  withBridge,
  type WireMessage,
} from './web-guard';
import {
  equalSecret,
  parseSessions,
  sessionCookie,
  signedIn,
  withSession,
  type SavedSession,
} from './web-sessions';

export type { WireMessage, WireRequest } from './web-guard';

export interface WebShellOptions {
  app: RosterApp;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Ports to try in order, the next when one is taken (web-launch's candidatePorts); wins over port. */
  ports?: readonly number[];
  /** Where the sessions' hashes last between runs (0600); none: they last as long as the shell. */
  sessionsFile?: string;
  /** For the sessions' 30-day life; default Date.now. */
  now?: () => number;
}

export interface WebShell {
  /** Open this once: it carries the one-time token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** The largest message the contract needs is far below this; anything bigger ends the socket. */
const MAX_PAYLOAD = 1024 * 1024;

async function loadSessions(file: string | undefined, now: number): Promise<SavedSession[]> {
  // No file, none yet, or unreadable: no sessions, and the printed link lets the browser in again.
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: reading no file fails, which gives no sessions too
  if (!file) return [];
  // Stryker disable next-line StringLiteral,ArrowFunction: whatever stands for an unreadable file's text is not a list of sessions
  const text = await readFile(file, 'utf8').catch(() => '');
  return parseSessions(text, now);
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const { app, rendererDir } = options;
  const log = app.log.child('web');
  let token: string | null = randomBytes(24).toString('base64url');
  const now = options.now ?? Date.now;
  /** Hashes of the session cookies handed out (this run's and, with a file, the last 30 days'). */
  let sessions: SavedSession[] = await loadSessions(options.sessionsFile, now());
  let saving: Promise<void> = Promise.resolve();
  const saveSessions = (): Promise<void> => {
    const file = options.sessionsFile;
    if (!file) return Promise.resolve();
    const text = JSON.stringify(sessions);
    saving = saving
      .then(async () => {
        await mkdir(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, text, { mode: 0o600 });
        await rename(tmp, file);
      })
      .catch((err: unknown) => log.warn('saving the web sessions failed', { err: errorSummary(err) }));
    return saving;
  };
  let port = 0;
  const csp = (): string => contentSecurityPolicy(allowedHosts(port).map((host) => `ws://${host}`));
  const hasSession = (req: IncomingMessage): boolean => signedIn(sessions, req.headers.cookie, now());

  /** 403 with a page that says exactly what to do, in the browser's language. */
  const forbid = (res: ServerResponse, req: IncomingMessage): void => {
    const page = forbiddenPage(req.headers['accept-language']);
    res.writeHead(403, {
      'content-type': 'text/html; charset=utf-8',
      'content-language': page.lang,
      'content-security-policy': FORBIDDEN_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      vary: 'accept-language',
    });
    res.end(page.html); // Node sends no body to a HEAD request
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (!requestAllowed({ host: req.headers.host, method: req.method }, port)) return forbid(res, req);
      // Stryker disable next-line StringLiteral: a server request always has its url
      const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        url.searchParams.delete('token');
        if (token !== null && equalSecret(offered, token)) {
          token = null; // one use only
          const sid = randomBytes(24).toString('base64url');
          sessions = withSession(sessions, sid, now());
          await saveSessions();
          res.writeHead(302, {
            location: url.pathname + url.search,
            'set-cookie': sessionCookie(sid),
            'cache-control': 'no-store',
          });
          return res.end();
        }
        // The used link reopened by the browser it let in: on to the app, no token needed.
        if (!hasSession(req)) return forbid(res, req);
        res.writeHead(302, { location: url.pathname + url.search, 'cache-control': 'no-store' });
        return res.end();
      }
      if (!hasSession(req)) return forbid(res, req);

      if (isPhotoPath(url.pathname)) {
        const photo = await photoRoute(
          app.photos,
          {
            method: req.method,
            pathname: url.pathname,
            search: url.search,
            ifNoneMatch: req.headers['if-none-match'] ?? null,
          },
          (err) => log.warn('serving a photo failed', { err: errorSummary(err) }),
        );
        res.writeHead(photo.status, photo.headers);
        return res.end(photo.body);
      }
      // Voice mail (issue 23): the recording for the <audio> element, behind the same checks.
      if (isVoicemailPath(url.pathname)) {
        const audio = await voicemailRoute(
          app.voicemail,
          { method: req.method, pathname: url.pathname, range: req.headers.range ?? null },
          (err) => log.warn('serving a voice mail failed', { err: errorSummary(err) }),
        );
        res.writeHead(audio.status, audio.headers);
        return res.end(audio.body);
      }

      const file = await readStaticFile(rendererDir, url.pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('Not found\n');
      }
      const body = file.contentType.startsWith('text/html')
        ? Buffer.from(withBridge(file.body.toString('utf8')))
        : file.body;
      res.writeHead(200, fileHeaders(file.contentType, csp()));
      res.end(body); // Node sends no body to a HEAD request
    })().catch((err: unknown) => {
      log.warn('answering a request failed', { err: errorSummary(err) });
      // Stryker disable next-line ConditionalExpression: no route fails once its head is written (each writes it last)
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  // Whatever one connection does (a reset, a bad frame) ends that connection, never the shell:
  // every socket and stream here has an error path, and the error is only logged.
  server.on('error', (err) => log.warn('server error', { err: errorSummary(err) }));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  // Stryker disable next-line all: with noServer, ws emits no server error (it never listens); kept for a future change
  wss.on('error', (err) => log.warn('WebSocket server error', { err: errorSummary(err) }));
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgraded socket over without its own error listener: a peer that resets the
    // connection (before or while the refusal below is written) would otherwise throw
    // "Unhandled 'error' event" and end the process.
    // Stryker disable next-line StringLiteral,ArrowFunction: Node destroys a socket that errs anyway; without the listener the process ends, which web-hostile.test.ts checks with real resets (a crash is not a failed unit test to Stryker)
    socket.on('error', () => socket.destroy());
    const { host, origin } = req.headers;
    if (!upgradeAllowed({ url: req.url, host, origin }, port) || !hasSession(req)) {
      // Written, then closed both ways: a refused peer cannot keep the socket half-open.
      // Stryker disable next-line ArrowFunction: a half-open socket left on the server side shows in no answer a test can read
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () =>
        socket.destroy(),
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    // Stryker disable next-line StringLiteral,ArrowFunction: a closed socket left in the set only costs memory: the OPEN checks skip it
    ws.on('close', () => sockets.delete(ws));
    // A protocol error (frame over the cap, invalid UTF-8, unmasked, reserved opcode or bits, an
    // oversized control frame): ws closes this socket with the right code after emitting it.
    ws.on('error', (err) => log.warn('WebSocket closed on a protocol error', { err: errorSummary(err) }));
    ws.on('message', (data: Buffer, isBinary) => {
      const read = readWireMessage(data, isBinary);
      if ('close' in read) return ws.close(read.close.code, read.close.reason);
      const { id, channel, payload } = read.request;
      app.router
        .dispatch(channel, payload)
        .then((result) => {
          // Stryker disable next-line ConditionalExpression: ws drops a send on a closing or closed socket itself
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result } satisfies WireMessage));
        })
        .catch((err: unknown) => log.error('answering a request failed', { channel, err }));
    });
  });

  const unsubscribe = app.bus.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies WireMessage);
    // Stryker disable next-line ConditionalExpression: as above
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  const listenOn = (p: number): Promise<boolean> =>
    new Promise<boolean>((resolveListen, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        // Stryker disable next-line StringLiteral: a stale once-listener only resolves a settled promise again
        server.off('listening', onListening);
        // Stryker disable next-line ConditionalExpression: a root test process on 127.0.0.1 cannot cause another listen error (EACCES needs a user)
        if (err.code === 'EADDRINUSE') resolveListen(false);
        else reject(err);
      };
      const onListening = (): void => {
        // Stryker disable next-line StringLiteral: as above
        server.off('error', onError);
        resolveListen(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, HOST);
    });
  // Stryker disable next-line LogicalOperator: listen(undefined) picks a free port as listen(0) does
  const ports = options.ports?.length ? options.ports : [options.port ?? 0];
  // Stryker disable next-line BooleanLiteral: ports is never empty, so the loop always sets it
  let listening = false;
  for (const p of ports) if ((listening = await listenOn(p))) break;
  if (!listening)
    throw new Error(
      `Ports ${ports.join(', ')} on ${HOST} are all in use: free one, or choose another with --port.`,
    );
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
      await saving;
    },
  };
}
