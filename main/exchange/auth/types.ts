/** What every authenticator offers: send one request, authenticated, to any origin. */
import type { HttpRequest, HttpResponse } from '../transport';

export interface Authenticator {
  /** The scheme in use for the last request, for diagnostics: `NTLM`, `Basic`, `Bearer`, `none`. */
  readonly scheme: string;
  /** Sends the request with credentials. A final 401 is returned as is (the caller maps it). */
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface PasswordCredentials {
  /** `DOMAIN\user`, a UPN or an SMTP address. */
  username: string;
  password: string;
}

export type TokenSource = (options: { forceRefresh: boolean }) => Promise<string>;

export type Credentials =
  | ({ method?: 'auto' | 'ntlm' | 'basic' } & PasswordCredentials)
  | { method: 'bearer'; getToken: TokenSource };

export interface AuthOptions {
  /** Allow Basic over plain http (demo mode on http://127.0.0.1 only). Default false. */
  allowBasicOverHttp?: boolean;
  /** NTLM workstation name sent in the handshake (default: empty). */
  workstation?: string;
  /** Parallel NTLM connections per origin, each with its own login. Default 4. */
  ntlmConnectionsPerOrigin?: number;
}

/** `DOMAIN\user` → {domain, user}; UPN / SMTP stay whole (the server resolves them). */
export function splitUserName(username: string): { user: string; domain?: string } {
  const i = username.indexOf('\\');
  if (i > 0) return { domain: username.slice(0, i), user: username.slice(i + 1) };
  return { user: username };
}

export function withHeader(req: HttpRequest, name: string, value: string): HttpRequest {
  return { ...req, headers: { ...req.headers, [name]: value } };
}

/** Schemes a 401 offers (WWW-Authenticate), upper-case. */
export function offeredSchemes(values: string[]): Set<string> {
  const out = new Set<string>();
  for (const v of values)
    for (const part of v.split(',')) {
      const m = /^\s*([A-Za-z][\w-]*)(\s|$)/.exec(part);
      if (m?.[1]) out.add(m[1].toUpperCase());
    }
  return out;
}
