/** Picks the authenticator: `auto` reads the server's WWW-Authenticate (NTLM over Basic). */
import { EwsError } from '../errors';
import type { HttpRequest, HttpResponse, Transport } from '../transport';
import { assertBasicAllowed, createBasicAuth } from './basic';
import { createBearerAuth } from './bearer';
import { createNtlmAuth } from './ntlm';
import {
  offeredSchemes,
  type Authenticator,
  type AuthOptions,
  type Credentials,
  type PasswordCredentials,
} from './types';

export * from './types';
export { createBasicAuth } from './basic';
export { createBearerAuth } from './bearer';
export { createNtlmAuth } from './ntlm';

export function createAuthenticator(
  transport: Transport,
  credentials: Credentials,
  options: AuthOptions = {},
): Authenticator {
  if (credentials.method === 'bearer') return createBearerAuth(transport, credentials.getToken);
  const pw: PasswordCredentials = { username: credentials.username, password: credentials.password };
  if (credentials.method === 'ntlm') return createNtlmAuth(transport, pw, options);
  if (credentials.method === 'basic') return createBasicAuth(transport, pw, options);
  return createAutoAuth(transport, pw, options);
}

function createAutoAuth(
  transport: Transport,
  credentials: PasswordCredentials,
  options: AuthOptions,
): Authenticator {
  const chosen = new Map<string, Authenticator>();
  const ntlm = createNtlmAuth(transport, credentials, options);
  const negotiate = createNtlmAuth(transport, credentials, { ...options, scheme: 'Negotiate' });
  const basic = createBasicAuth(transport, credentials, options);
  let last = 'none';
  return {
    get scheme() {
      return last;
    },
    async send(req: HttpRequest): Promise<HttpResponse> {
      const origin = new URL(req.url).origin;
      const known = chosen.get(origin);
      if (known) {
        last = known.scheme;
        return known.send(req);
      }
      const probe = await transport.request(req);
      if (probe.status !== 401) return probe;
      const offered = offeredSchemes(probe.headerValues('www-authenticate'));
      await probe.discard();
      let auth: Authenticator;
      if (offered.has('NTLM')) auth = ntlm;
      else if (offered.has('NEGOTIATE')) auth = negotiate;
      else if (offered.has('BASIC')) {
        assertBasicAllowed(req.url, options);
        auth = basic;
      } else
        throw new EwsError('auth', 'The server asks for a sign-in method this app does not support.', {
          code: 'UnsupportedAuth',
          httpStatus: 401,
        });
      chosen.set(origin, auth);
      last = auth.scheme;
      return auth.send(req);
    },
    async close() {
      await Promise.all([ntlm.close(), negotiate.close()]);
    },
  };
}
