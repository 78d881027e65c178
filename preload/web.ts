/**
 * The browser bridge for the web shell: the same window.roster as the Electron preload, carried
 * over one WebSocket to main/shells/web.ts. The session cookie set by the web shell authenticates
 * the socket; calls made before it opens wait for it, and a lost connection is retried.
 */
import type { ChannelName, EventName, Result } from './contract';
import { buildRosterApi } from './bridge';

type Pending = { resolve: (r: Result<unknown>) => void };

const pending = new Map<number, Pending>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;
let retryMs = 250;

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise<WebSocket>((resolve) => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    ws.addEventListener('open', () => {
      socket = ws;
      retryMs = 250;
      resolve(ws);
    });
    ws.addEventListener('message', (ev: MessageEvent<string>) => {
      let msg: unknown;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
      if (typeof m.id === 'number') {
        pending.get(m.id)?.resolve(m.result as Result<unknown>);
        pending.delete(m.id);
      } else if (typeof m.event === 'string') {
        for (const l of listeners.get(m.event as EventName) ?? []) l(m.payload);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      opened = null;
      // Calls in flight on a dead socket cannot be answered: fail them as network errors.
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { kind: 'network', message: 'Lost the connection to Roster.' } });
        pending.delete(id);
      }
      setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  });
  return opened;
}

function invoke(channel: ChannelName, request: unknown): Promise<Result<unknown>> {
  const id = nextId++;
  return new Promise<Result<unknown>>((resolve) => {
    pending.set(id, { resolve });
    const send = (ws: WebSocket): void => ws.send(JSON.stringify({ id, channel, payload: request }));
    if (socket && socket.readyState === WebSocket.OPEN) send(socket);
    else void connect().then(send);
  });
}

function listen(event: EventName, listener: (payload: unknown) => void): () => void {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  void connect();
  return () => set.delete(listener);
}

if (!('roster' in window)) {
  Object.defineProperty(window, 'roster', { value: buildRosterApi({ invoke, listen }), enumerable: true });
  void connect();
}
