import { EwsError } from '../errors';
import type { HttpRequest, HttpResponse, HttpSender } from '../transport';
import { withHeader, type Authenticator, type AuthOptions, type PasswordCredentials } from './types';

export function assertBasicAllowed(url: string, options: AuthOptions): void {
  if (new URL(url).protocol !== 'https:' && !options.allowBasicOverHttp)
    throw new EwsError(
      'auth',
      'The server asks for the password over an unencrypted connection (Basic over http). Use an https address.',
      { code: 'InsecureBasic' },
    );
}

export function basicHeader(c: PasswordCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

export function createBasicAuth(
  sender: HttpSender,
  credentials: PasswordCredentials,
  options: AuthOptions = {},
): Authenticator {
  const header = basicHeader(credentials);
  return {
    scheme: 'Basic',
    send(req: HttpRequest): Promise<HttpResponse> {
      assertBasicAllowed(req.url, options);
      return sender.request(withHeader(req, 'authorization', header));
    },
    close: () => Promise.resolve(),
  };
}
