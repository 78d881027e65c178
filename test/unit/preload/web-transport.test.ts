/**
 * The web bridge's transport when the WebSocket to main goes away (issue 16, finding 2: "the
 * shell dies and the page keeps a stale list with no error"): calls in flight and calls made
 * afterwards answer a `network` error, and the window is told once, so it can say so.
 */
import { describe, expect, it } from 'vitest';
import { createWebTransport, type SocketLike } from '../../../preload/web-transport';

type Listener = (ev: { data?: unknown }) => void;

class FakeSocket implements SocketLike {
  static readonly OPEN = 1;
  readyState = 0;
  sent: string[] = [];
  private listeners = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  fire(type: 'open' | 'message' | 'close' | 'error', data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = createWebTransport(() => {
    const s = new FakeSocket();
    sockets.push(s);
    return s;
  });
  return { transport, sockets };
}

describe('web transport', () => {
  it('answers calls over the socket and passes events on', async () => {
    const { transport, sockets } = setup();
    const events: unknown[] = [];
    transport.listen('settingsChanged', (p) => events.push(p));
    const call = transport.invoke('getSettings', {});
    sockets[0]!.fire('open');
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ id: 1, channel: 'getSettings', payload: {} });
    sockets[0]!.fire('message', JSON.stringify({ id: 1, result: { ok: true, value: 'x' } }));
    sockets[0]!.fire('message', JSON.stringify({ event: 'settingsChanged', payload: { language: 'fr' } }));
    expect(await call).toEqual({ ok: true, value: 'x' });
    expect(events).toEqual([{ language: 'fr' }]);
  });

  it('fails calls in flight and later calls as network errors once the socket closes, and says so once', async () => {
    const { transport, sockets } = setup();
    let lost = 0;
    transport.listen('connectionLost', () => lost++);
    const before = transport.invoke('getSession', {});
    sockets[0]!.fire('open');
    sockets[0]!.fire('error');
    sockets[0]!.fire('close');
    expect(await before).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(lost).toBe(1);
    const after = await transport.invoke('getSession', {});
    expect(after).toMatchObject({ ok: false, error: { kind: 'network', code: 'connection-lost' } });
    // No silent reconnection: main may have restarted with new sessions, and events were missed.
    expect(sockets).toHaveLength(1);
  });

  it('treats a socket that never opened (refused) as lost, failing the calls that waited for it', async () => {
    const { transport, sockets } = setup();
    const waiting = transport.invoke('getAppInfo', {});
    sockets[0]!.fire('close');
    expect(await waiting).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(sockets[0]!.sent).toEqual([]);
  });

  it('tells a listener that subscribes after the loss', async () => {
    const { transport, sockets } = setup();
    transport.invoke('getAppInfo', {}).catch(() => undefined);
    sockets[0]!.fire('close');
    let told = false;
    transport.listen('connectionLost', () => (told = true));
    await Promise.resolve();
    expect(told).toBe(true);
  });
});
