/**
 * NTLM: the handshake (Type 1 → challenge → Type 3) binds the login to one TCP connection, so
 * each NTLM session owns exactly one keep-alive connection and keeps using it afterwards. A
 * later 401 on that connection starts a new handshake (once).
 */
// A CommonJS package whose exports Node's ESM loader cannot see by name: take the default export.
import ntlmClient from '@ewsjs/ntlm-client';
import type { HttpRequest, HttpResponse, SingleConnection, Transport } from '../transport';
import {
  splitUserName,
  withHeader,
  type Authenticator,
  type AuthOptions,
  type PasswordCredentials,
} from './types';

const { createType1Message, createType3Message, decodeType2Message } = ntlmClient;

interface Session {
  conn: SingleConnection;
  authenticated: boolean;
  busy: number;
  /** Serialises requests so a handshake is never interleaved with another request. */
  tail: Promise<unknown>;
}

export interface NtlmOptions extends AuthOptions {
  /** `NTLM` (default) or `Negotiate` (NTLM tokens in the Negotiate scheme). */
  scheme?: 'NTLM' | 'Negotiate';
}

function challengeFrom(values: string[], scheme: string): string | undefined {
  for (const v of values)
    for (const part of v.split(',')) {
      const m = /^\s*(\S+)\s+([A-Za-z0-9+/=]+)\s*$/.exec(part);
      if (m && m[1]!.toUpperCase() === scheme.toUpperCase()) return m[2];
    }
  return undefined;
}

export function createNtlmAuth(
  transport: Transport,
  credentials: PasswordCredentials,
  options: NtlmOptions = {},
): Authenticator {
  const scheme = options.scheme ?? 'NTLM';
  const maxSessions = Math.max(1, options.ntlmConnectionsPerOrigin ?? 4);
  const { user, domain } = splitUserName(credentials.username);
  const workstation = options.workstation ?? '';
  const pools = new Map<string, Session[]>();

  function pick(origin: string): Session {
    let pool = pools.get(origin);
    if (!pool) pools.set(origin, (pool = []));
    const idle = pool.find((s) => s.busy === 0 && s.authenticated) ?? pool.find((s) => s.busy === 0);
    if (idle) return idle;
    if (pool.length < maxSessions) {
      const s: Session = {
        conn: transport.openSingleConnection(origin),
        authenticated: false,
        busy: 0,
        tail: Promise.resolve(),
      };
      pool.push(s);
      return s;
    }
    return pool.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  async function handshake(s: Session, req: HttpRequest): Promise<HttpResponse> {
    // Stryker disable next-line Regex: the message starts with "NTLM " and base64 holds no space, so the first match is at the start
    const type1 = createType1Message(workstation, '').replace(/^NTLM /, `${scheme} `);
    const r1 = await s.conn.request(withHeader(req, 'authorization', type1));
    if (r1.status !== 401) return r1;
    const token = challengeFrom(r1.headerValues('www-authenticate'), scheme);
    if (!token) return r1;
    await r1.discard();
    const type2 = decodeType2Message(token);
    const type3 = createType3Message(type2, user, credentials.password, workstation, domain).replace(
      // Stryker disable next-line Regex: the message starts with "NTLM " and base64 holds no space, so the first match is at the start
      /^NTLM /,
      `${scheme} `,
    );
    const r2 = await s.conn.request(withHeader(req, 'authorization', type3));
    s.authenticated = r2.status !== 401;
    return r2;
  }

  async function run(s: Session, req: HttpRequest): Promise<HttpResponse> {
    if (s.authenticated) {
      const res = await s.conn.request(req);
      if (res.status !== 401) return res;
      await res.discard();
      s.authenticated = false;
    }
    return handshake(s, req);
  }

  return {
    scheme,
    send(req: HttpRequest): Promise<HttpResponse> {
      const s = pick(new URL(req.url).origin);
      s.busy++;
      // The next request on this connection waits until this one's body has been read.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const p = s.tail.then(() => run(s, req));
      s.tail = p.then(
        () => released,
        () => undefined,
      );
      return p.then(
        (res) =>
          wrapRelease(res, () => {
            s.busy--;
            release();
          }),
        (err: unknown) => {
          s.busy--;
          s.authenticated = false;
          release();
          throw err;
        },
      );
    },
    async close() {
      const all = [...pools.values()].flat();
      pools.clear();
      await Promise.all(all.map((s) => s.conn.close()));
    },
  };
}

/** Calls `done` once the body has been read or dropped. */
function wrapRelease(res: HttpResponse, done: () => void): HttpResponse {
  let called = false;
  const once = (): void => {
    if (!called) {
      called = true;
      done();
    }
  };
  return {
    ...res,
    header: res.header,
    headerValues: res.headerValues,
    async *chunks(max?: number) {
      try {
        yield* res.chunks(max);
      } finally {
        once();
      }
    },
    async bytes(max: number) {
      try {
        return await res.bytes(max);
      } finally {
        once();
      }
    },
    async text(max?: number) {
      try {
        return await res.text(max);
      } finally {
        once();
      }
    },
    async discard() {
      try {
        await res.discard();
      } finally {
        once();
      }
    },
  };
}
