/**
 * What the web shell lets through, as pure rules (wired in web.ts, tested as tables in
 * web-guard.test.ts). Any local process and any web page the user visits can reach 127.0.0.1, so:
 * - the Host header must name this server (defeats DNS rebinding);
 * - only GET and HEAD are served;
 * - the WebSocket is only at /ws, and its Origin must be this server's own (defeats cross-site
 *   WebSocket hijacking);
 * - a WebSocket message is a JSON object with a numeric id and a string channel, or the socket is
 *   closed with the code that says why.
 */
import type { EventName, EventPayload } from '../../preload/contract';

export const HOST = '127.0.0.1';

/** Messages on the WebSocket. */
export interface WireRequest {
  id: number;
  channel: string;
  payload: unknown;
}
export type WireMessage =
  { id: number; result: unknown } | { event: EventName; payload: EventPayload<EventName> };

/** The Host headers that name this server. */
export const allowedHosts = (port: number): string[] => [`${HOST}:${port}`, `localhost:${port}`];

/** An HTTP request this server may answer (before the session check): its own Host, GET or HEAD. */
export function requestAllowed(req: { host?: string; method?: string }, port: number): boolean {
  // Stryker disable next-line StringLiteral: no Host is refused whatever stands in for it, as no allowed host is that string
  return allowedHosts(port).includes(req.host ?? '') && (req.method === 'GET' || req.method === 'HEAD');
}

/** A WebSocket upgrade this server may accept (before the session check). */
export function upgradeAllowed(req: { url?: string; host?: string; origin?: string }, port: number): boolean {
  // Stryker disable next-line StringLiteral: as in requestAllowed
  const host = req.host ?? '';
  return (
    // Stryker disable next-line StringLiteral: no URL reads as '' against the base, whose path is '/' too
    new URL(req.url ?? '/', 'http://x').pathname === '/ws' &&
    allowedHosts(port).includes(host) &&
    req.origin === `http://${host}`
  );
}

/** A WebSocket message read: the request, or the close code and reason to end the socket with. */
export type WireRead = { request: WireRequest } | { close: { code: 1003 | 1007; reason: string } };

export function readWireMessage(data: Buffer, isBinary: boolean): WireRead {
  if (isBinary) return { close: { code: 1003, reason: 'text only' } };
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString('utf8'));
  } catch {
    return { close: { code: 1007, reason: 'invalid JSON' } };
  }
  // A number, a string or a list has no numeric id either (destructuring boxes it); null has no keys at all.
  const { id, channel, payload } = (msg ?? {}) as Partial<WireRequest>;
  if (typeof id !== 'number' || typeof channel !== 'string')
    return { close: { code: 1007, reason: 'invalid message' } };
  return { request: { id, channel, payload } };
}

/**
 * The renderer's page with the browser bridge's script first: the bridge must define
 * window.roster before the app's module runs, and module scripts run in document order.
 */
export const withBridge = (html: string): string =>
  html.replace('<script', '<script type="module" src="./web-bridge.js"></script>\n    <script');

/** Headers for a file of the renderer: its CSP, never sniffed or leaking a referrer; a page never cached. */
export function fileHeaders(contentType: string, csp: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
  };
}

/** What is worth logging about a connection's error: its code and message, never its data. */
export function errorSummary(err: unknown): { code?: string; message: string } {
  const e = err as { code?: unknown; message?: unknown } | null;
  return {
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    message: typeof e?.message === 'string' ? e.message.slice(0, 200) : String(err).slice(0, 200),
  };
}
