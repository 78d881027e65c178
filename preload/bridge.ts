/**
 * Builds a RosterApi from a transport by looping over the contract, so neither bridge writes a
 * channel by hand. Imported by both preload/index.ts (IPC) and preload/web.ts (WebSocket).
 */
import {
  channelNames,
  eventNames,
  type ChannelName,
  type EventName,
  type EventPayload,
  type Result,
  type RosterApi,
} from './contract';

export interface BridgeTransport {
  invoke(channel: ChannelName, request: unknown): Promise<Result<unknown>>;
  /** Subscribe to one event stream; returns the unsubscribe function. */
  listen(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function buildRosterApi(transport: BridgeTransport): RosterApi {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    api[name] = (request?: unknown) => transport.invoke(name, request ?? {});
  }
  const known: ReadonlySet<string> = new Set(eventNames);
  api.on = <K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void) => {
    if (!known.has(event)) throw new Error(`Unknown event: ${String(event)}`);
    return transport.listen(event, (payload) => listener(payload as EventPayload<K>));
  };
  return Object.freeze(api) as RosterApi;
}
