/**
 * The transport test files' set-up: servers, listeners and transports that are closed after every test (the
 * fixture registers an afterEach), `cleanup` for anything else a test opens, and `failure` for the
 * EwsError a request rejects with.
 */
import type net from 'node:net';
import { afterEach } from 'vitest';
import { EwsError } from '../../../../main/exchange/errors';
import { createTransport, type Transport, type TransportOptions } from '../../../../main/exchange/transport';
import { startServer, type TestServer } from './servers';

export function transportFixture() {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });
  return {
    cleanup,
    serve: async (
      handler: Parameters<typeof startServer>[0],
      tlsOptions?: { key: string; cert: string },
    ): Promise<TestServer> => {
      const s = await startServer(handler, tlsOptions);
      cleanup.push(() => s.close());
      return s;
    },
    /** Listens on `host`, port 0, and closes the server and every socket it accepted afterwards. */
    listen: async (server: net.Server, host = '127.0.0.1'): Promise<number> => {
      const sockets = new Set<net.Socket>();
      server.on('connection', (s: net.Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((r) => server.listen(0, host, r));
      cleanup.push(
        () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      );
      return (server.address() as net.AddressInfo).port;
    },
    transport: (options: TransportOptions = {}): Transport => {
      const t = createTransport({ proxy: false, ...options });
      cleanup.push(() => t.close());
      return t;
    },
  };
}

/** The EwsError `p` rejects with; anything else is rethrown, and resolving fails the test. */
export async function failure(p: Promise<unknown>): Promise<EwsError> {
  const e = await p.then(
    () => new Error('expected a failure'),
    (x: unknown) => x,
  );
  if (e instanceof EwsError) return e;
  throw e;
}
