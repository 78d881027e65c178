/** Local HTTP(S) servers and certificates for the exchange client tests. */
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';

export interface TestCerts {
  caCert: string;
  /** Signed by the CA, names: contoso.test, *.contoso.test, mail.contoso.test. */
  key: string;
  cert: string;
  /** Self-signed, CN=mail.contoso.test. */
  selfKey: string;
  selfCert: string;
  selfFingerprint: string;
  /** Signed by the CA for the name `localhost` only (what an intercepting proxy may hold). */
  localhostKey: string;
  localhostCert: string;
  /** Signed by the CA for the IP address 127.0.0.2 only (an IP SAN). */
  ipKey: string;
  ipCert: string;
}

let certs: Promise<TestCerts> | undefined;

export function testCerts(): Promise<TestCerts> {
  certs ??= (async () => {
    const ca = await generate([{ name: 'commonName', value: 'Roster Test CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const names = [
      'contoso.test',
      '*.contoso.test',
      'mail.contoso.test',
      'autodiscover.contoso.test',
      'fabrikam.test',
      '*.fabrikam.test',
    ];
    const leaf = await generate([{ name: 'commonName', value: 'mail.contoso.test' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: names.map((value) => ({ type: 2 as const, value })) },
      ],
    });
    const self = await generate([{ name: 'commonName', value: 'mail.contoso.test' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2 as const, value: 'mail.contoso.test' }] }],
    });
    const leafFor = (altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }>) =>
      generate([{ name: 'commonName', value: 'localhost' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames },
        ],
      });
    const localhost = await leafFor([{ type: 2, value: 'localhost' }]);
    const ip = await leafFor([{ type: 7, ip: '127.0.0.2' }]);
    return {
      localhostKey: localhost.private,
      localhostCert: localhost.cert,
      ipKey: ip.private,
      ipCert: ip.cert,
      caCert: ca.cert,
      key: leaf.private,
      cert: leaf.cert,
      selfKey: self.private,
      selfCert: self.cert,
      selfFingerprint: new X509Certificate(self.cert).fingerprint256,
    };
  })();
  return certs;
}

export interface TestServer {
  port: number;
  /** Every request seen (method, url, headers, socket id). */
  requests: Array<{
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    socket: number;
    servername?: string;
  }>;
  connections: number;
  close(): Promise<void>;
}

export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, socketId: number) => void,
  tlsOptions?: { key: string; cert: string },
): Promise<TestServer> {
  const ids = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();
  const state: TestServer = {
    port: 0,
    requests: [],
    connections: 0,
    close: () => Promise.resolve(),
  };
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const id = ids.get(req.socket) ?? 0;
    const servername = (req.socket as Socket & { servername?: string | false }).servername;
    state.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      socket: id,
      ...(typeof servername === 'string' ? { servername } : {}),
    });
    handler(req, res, id);
  };
  const server = tlsOptions ? https.createServer({ ...tlsOptions }, listener) : http.createServer(listener);
  const onSocket = (s: Socket): void => {
    state.connections++;
    ids.set(s, state.connections);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  server.on(tlsOptions ? 'secureConnection' : 'connection', onSocket);
  if (tlsOptions) server.on('connection', (s: Socket) => s.on('close', () => sockets.delete(s)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as AddressInfo).port;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}

/** Reads the whole request body. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
