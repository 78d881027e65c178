import type { HttpRequest, HttpResponse, HttpSender } from '../transport';
import { withHeader, type Authenticator, type TokenSource } from './types';

/** OAuth bearer token from a pluggable source; on a 401 the token is refreshed once. */
export function createBearerAuth(sender: HttpSender, getToken: TokenSource): Authenticator {
  let token: string | undefined;
  return {
    scheme: 'Bearer',
    async send(req: HttpRequest): Promise<HttpResponse> {
      token ??= await getToken({ forceRefresh: false });
      const res = await sender.request(withHeader(req, 'authorization', `Bearer ${token}`));
      if (res.status !== 401) return res;
      await res.discard();
      token = await getToken({ forceRefresh: true });
      return sender.request(withHeader(req, 'authorization', `Bearer ${token}`));
    },
    close: () => Promise.resolve(),
  };
}
