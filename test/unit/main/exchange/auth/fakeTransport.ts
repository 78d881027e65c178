/**
 * An in-memory Transport for the authenticators' rules: every request is recorded (which
 * connection, which Authorization header) and answered by the test, without a socket.
 */
import type {
  HttpRequest,
  HttpResponse,
  SingleConnection,
  Transport,
} from '../../../../../main/exchange/transport';

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export interface Sent {
  /** 0 for the shared pool, else the single connection's number (1, 2, …, in opening order). */
  conn: number;
  url: string;
  authorization: string | undefined;
}

export type FakeResponse = HttpResponse & { readonly discarded: boolean };

export function fakeResponse(url: string, reply: Reply): FakeResponse {
  let discarded = false;
  const values = (name: string): string[] => {
    const v = reply.headers?.[name.toLowerCase()];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const body = Buffer.from(reply.body ?? '', 'utf8');
  return {
    status: reply.status,
    url,
    header: (n) => (values(n).length ? values(n).join(', ') : undefined),
    headerValues: values,
    text: () => Promise.resolve(body.toString('utf8')),
    bytes: () => Promise.resolve(body),
    chunks: () =>
      (async function* () {
        yield await Promise.resolve(body);
      })(),
    discard() {
      discarded = true;
      return Promise.resolve();
    },
    get discarded() {
      return discarded;
    },
  };
}

export interface FakeTransport extends Transport {
  sent: Sent[];
  /** The origin of each single connection opened, in order. */
  opened: string[];
  /** Numbers of the single connections closed. */
  closed: number[];
  responses: FakeResponse[];
}

export function fakeTransport(
  answer: (req: HttpRequest, conn: number) => Reply | Promise<Reply> | Promise<never>,
): FakeTransport {
  const t: FakeTransport = {
    sent: [],
    opened: [],
    closed: [],
    responses: [],
    request: (req) => send(req, 0),
    openSingleConnection(origin): SingleConnection {
      t.opened.push(origin);
      const conn = t.opened.length;
      return {
        request: (req) => send(req, conn),
        close: () => {
          t.closed.push(conn);
          return Promise.resolve();
        },
      };
    },
    trustCertificate: () => undefined,
    close: () => Promise.resolve(),
  };
  async function send(req: HttpRequest, conn: number): Promise<HttpResponse> {
    t.sent.push({ conn, url: req.url, authorization: req.headers?.authorization });
    const res = fakeResponse(req.url, await answer(req, conn));
    t.responses.push(res);
    return res;
  }
  return t;
}
