/**
 * Seam between the simulator's HTTP server and its EWS operation handlers.
 * The server authenticates the caller, applies transport-level faults, and hands over.
 */
import type { Org, Person } from '../org/types';

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
}

/** POST /EWS/Exchange.asmx: a SOAP 1.1 request body → a SOAP response. */
export function handleEwsSoap(_call: EwsCall, _body: string): Promise<EwsHttpResponse> {
  return Promise.reject(new Error('EWS handlers not implemented yet'));
}

/** GET /EWS/Exchange.asmx/s/GetUserPhoto?email=…&size=HR… (REST form, ETag/If-None-Match). */
export function handleRestPhoto(_call: EwsCall, _query: URLSearchParams): Promise<EwsHttpResponse> {
  return Promise.reject(new Error('REST photo not implemented yet'));
}

/** A complete ErrorServerBusy SOAP response (for the server's fault injection). */
export function serverBusyResponse(_backOffMs: number): EwsHttpResponse {
  throw new Error('not implemented yet');
}
