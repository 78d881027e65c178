/** Types shared by the server seam (index.ts) and the operation modules. */
import type { Org, Person, PhotoSpec } from '../org/types';

export interface EwsHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface EwsCall {
  org: Org;
  /** The authenticated account (before any ExchangeImpersonation header is applied). */
  caller: Person;
  /** Base URL the client used, e.g. "https://127.0.0.1:8443" (for URLs placed in answers). */
  baseUrl: string;
  /** Request headers, lower-cased names. */
  headers: Record<string, string | undefined>;
  /**
   * Optional: the stored original photo bytes for a person (defaults to org/photo.ts renderPhoto).
   * Tests hand in a stub so they need no renderer.
   */
  renderPhoto?: (spec: PhotoSpec, person: Person) => Promise<Uint8Array>;
  /** The simulator's clock (ms since 1970) for OOF windows, MailTips and creation times; default Date.now. */
  now?: () => number;
}

/** "Now" as the call's clock tells it. */
export function callNow(call: EwsCall): number {
  return call.now ? call.now() : Date.now();
}
