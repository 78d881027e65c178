/** The typed event bus main uses to push the contract's event streams to whichever shell is open. */
import type { EventName, EventPayload } from '../preload/contract';

export type EventListener = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

export interface EventBus {
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  /** Listen to every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const l of [...listeners]) l(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
