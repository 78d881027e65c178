/**
 * The web bridge's transport: the contract over one WebSocket to main/shells/web.ts. Kept apart
 * from preload/web.ts (which only wires it to the page's WebSocket and window) so tests can drive
 * it with a fake socket. No DOM types here: a socket is anything with this small shape.
 *
 * When the socket closes or fails, the link is lost for good: calls in flight and every later
 * call answer a `network` error at once (never a promise that hangs), and `connectionLost` is
 * raised once so the window can say so. There is no silent reconnection: a restarted shell has
 * new sessions, and events pushed meanwhile were missed, so only a reload shows the truth.
 */
import type { BridgeTransport } from './bridge';
import type { ChannelName, EventName, Result } from './contract';

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (ev: { data?: unknown }) => void,
  ): void;
}

const OPEN = 1;

const LOST: Result<never> = {
  ok: false,
  error: {
    kind: 'network',
    code: 'connection-lost',
    message: 'Roster lost its connection to the app. Reload to reconnect.',
  },
};

export interface WebTransport extends BridgeTransport {
  /** Open the socket now rather than at the first call (a no-op once open or lost). */
  connect(): void;
}

export function createWebTransport(openSocket: () => SocketLike): WebTransport {
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const queued: string[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let lost = false;

  const raise = (event: EventName, payload: unknown): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };

  const loseConnection = (): void => {
    if (lost) return; // 'error' is followed by 'close': one loss, told once
    lost = true;
    queued.length = 0;
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve(LOST);
    }
    raise('connectionLost', {});
  };

  const connect = (): void => {
    if (socket || lost) return;
    const ws = openSocket();
    socket = ws;
    ws.addEventListener('open', () => {
      for (const text of queued.splice(0)) ws.send(text);
    });
    ws.addEventListener('message', (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: unknown;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
      if (typeof m.id === 'number') {
        pending.get(m.id)?.(m.result as Result<unknown>);
        pending.delete(m.id);
      } else if (typeof m.event === 'string' && m.event !== 'connectionLost') {
        raise(m.event as EventName, m.payload);
      }
    });
    ws.addEventListener('close', loseConnection);
    ws.addEventListener('error', loseConnection);
  };

  return {
    connect,
    invoke(channel: ChannelName, request: unknown): Promise<Result<unknown>> {
      connect();
      if (lost) return Promise.resolve(LOST);
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        const text = JSON.stringify({ id, channel, payload: request });
        if (socket?.readyState === OPEN) socket.send(text);
        else queued.push(text);
      });
    },
    listen(event: EventName, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      connect();
      // Subscribed after the loss: still told, but never in the middle of subscribing.
      if (lost && event === 'connectionLost') queueMicrotask(() => set.has(listener) && listener({}));
      return () => set.delete(listener);
    },
  };
}
