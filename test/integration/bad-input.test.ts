/**
 * The bad-input corpus (test/fixtures/bad/, with some of test/fixtures/ews/ and bodies made on the
 * fly): every hostile or broken answer is refused with a clear error — a kind the UI can act on,
 * our own words, no server text — and the client keeps working: the next normal call succeeds.
 */
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeClient, signIn, type ExchangeClient } from '../../main/exchange/client';
import { EwsError, toRosterError } from '../../main/exchange/errors';
import { createTransport, type Transport, type TransportOptions } from '../../main/exchange/transport';
import { DEMO_ACCOUNTS, startExchangeSim, type ExchangeSimHandle } from '../../main/exchange-sim';
import {
  readBody,
  startServer,
  testCerts,
  type TestCerts,
  type TestServer,
} from '../unit/main/exchange/servers';

const MB = 1024 * 1024;
const bad = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../fixtures/bad', name), 'utf8');
const ews = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../fixtures/ews', name), 'utf8');

/** What the fake Exchange answers next; `stream` writes the body itself (huge ones). */
interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  stream?: (res: http.ServerResponse) => void;
}

const normalSoap = (): Answer => ({ body: ews('GetImItemList.xml') });
let jpeg: Buffer;
const normalPhoto = (): Answer => ({ headers: { 'content-type': 'image/jpeg' }, body: jpeg });
let soapAnswer: () => Answer = normalSoap;
let photoAnswer: () => Answer = normalPhoto;

/** Streams `total` bytes (head, `block` repeated, tail) with back-pressure; counts what was written. */
function streamed(total: number, head: string, block: Buffer, tail: string, contentType = 'text/xml') {
  const written = { bytes: 0 };
  const answer = (): Answer => ({
    stream: (res) => {
      res.writeHead(200, { 'content-type': contentType });
      res.write(head);
      written.bytes = head.length;
      const pump = (): void => {
        while (written.bytes + block.length + tail.length <= total) {
          written.bytes += block.length;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        res.end(tail);
      };
      res.on('error', () => undefined);
      pump();
    },
  });
  return { answer, written };
}

const SOAP_HEAD =
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
  '<m:GetImItemListResponse ResponseClass="Success" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:ResponseCode>NoError</m:ResponseCode><m:ImItemList><t:Groups>';
const SOAP_TAIL = '</t:Groups></m:ImItemList></m:GetImItemListResponse></s:Body></s:Envelope>';
// 100 MB of plausible groups; 60 MB of the tiniest elements there are.
const hundredMb = streamed(
  100 * MB,
  SOAP_HEAD,
  Buffer.from(
    '<t:ImGroup><t:DisplayName>Group</t:DisplayName><t:GroupType>Normal</t:GroupType><t:ExchangeStoreId Id="AAMk=" ChangeKey="EQ"/></t:ImGroup>'.repeat(
      500,
    ),
  ),
  SOAP_TAIL,
);
const tinyElements = streamed(60 * MB, SOAP_HEAD, Buffer.from('<t:x/>'.repeat(10_000)), SOAP_TAIL);
const fiftyMbPhoto = streamed(
  50 * MB,
  '',
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64 * 1024 - 4, 0)]),
  '',
  'image/jpeg',
);
const hugeFault = (): Answer => ({
  status: 500,
  body: bad('fault-hostile-text.xml').replace(
    /<faultstring([^>]*)>[^<]*</,
    `<faultstring$1>SERVER-TEXT-MARKER ${'x'.repeat(5 * MB)}<`,
  ),
});

let certs: TestCerts;
let server: TestServer;
let expiredServer: TestServer;
let selfSignedServer: TestServer;
let transportOptions: TransportOptions;
let transport: Transport;
let client: ExchangeClient;

const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
  void readBody(req).then((body) => {
    const url = new URL(req.url ?? '/', 'https://x');
    let a: Answer;
    if (url.pathname.toLowerCase() === '/autodiscover/autodiscover.xml') a = autodiscoverAnswer(req);
    else if (req.method === 'GET') a = photoAnswer();
    else a = /<m:(GetImItemList|GetUserPhoto)\b/.test(body) ? soapAnswer() : normalSoap();
    if (a.stream) return a.stream(res);
    res.writeHead(a.status ?? 200, { 'content-type': 'text/xml; charset=utf-8', ...a.headers });
    res.end(a.body ?? '');
  });
};

// Autodiscover that never settles: an address that redirects to itself, or two URLs that point at
// each other.
let autodiscoverMode: 'redirectAddr' | 'redirectUrl' = 'redirectAddr';
function autodiscoverAnswer(req: http.IncomingMessage): Answer {
  const ns = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const account =
    autodiscoverMode === 'redirectAddr'
      ? '<Action>redirectAddr</Action><RedirectAddr>adele@contoso.test</RedirectAddr>'
      : `<Action>redirectUrl</Action><RedirectUrl>https://${host === 'contoso.test' ? 'autodiscover.contoso.test' : 'contoso.test'}/autodiscover/autodiscover.xml</RedirectUrl>`;
  return {
    body: `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="${ns}"><Account>${account}</Account></Response></Autodiscover>`,
  };
}

function clientFor(host: string): ExchangeClient {
  return createExchangeClient({
    ewsUrl: `https://${host}/EWS/Exchange.asmx`,
    email: 'adele@contoso.test',
    credentials: { method: 'basic', username: 'adele@contoso.test', password: 'pw' },
    transport,
    retry: { maxAttempts: 1 },
  });
}

beforeAll(async () => {
  certs = await testCerts();
  jpeg = await sharp({ create: { width: 48, height: 48, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer();
  const day = 86_400_000;
  const ca = await caKey();
  const expired = await generate([{ name: 'commonName', value: 'expired.contoso.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 400 * day),
    notAfterDate: new Date(Date.now() - 30 * day),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2 as const, value: 'expired.contoso.test' }] }],
  });
  server = await startServer(handler, { key: certs.key, cert: certs.cert });
  expiredServer = await startServer(handler, { key: expired.private, cert: expired.cert });
  selfSignedServer = await startServer(handler, { key: certs.selfKey, cert: certs.selfCert });
  const to = (s: TestServer) => ({ host: '127.0.0.1', port: s.port });
  transportOptions = {
    proxy: false,
    ca: certs.caCert,
    resolve: {
      'mail.contoso.test': to(server),
      'contoso.test': to(server),
      'autodiscover.contoso.test': to(server),
      'expired.contoso.test': to(expiredServer),
      'self.contoso.test': to(selfSignedServer),
    },
  };
  transport = createTransport(transportOptions);
  client = clientFor('mail.contoso.test');
}, 60_000);
afterAll(async () => {
  await client?.close();
  await transport?.close();
  await Promise.all([server, expiredServer, selfSignedServer].map((s) => s?.close()));
});

/** The test CA's key is not exported by servers.ts: a second CA of our own signs the expired leaf. */
let ownCa: Promise<{ key: string; cert: string }> | undefined;
function caKey(): Promise<{ key: string; cert: string }> {
  ownCa ??= generate([{ name: 'commonName', value: 'Roster Bad-Input CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  }).then((ca) => {
    certs = { ...certs, caCert: `${certs.caCert}\n${ca.cert}` };
    return { key: ca.private, cert: ca.cert };
  });
  return ownCa;
}

async function failure(p: Promise<unknown>): Promise<EwsError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EwsError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

/** A clear error: the kind and code, our own short words a user can act on, no server text. */
function expectClear(e: EwsError, kind: string, code: string, action: RegExp): void {
  const shown = toRosterError(e);
  expect(shown).toMatchObject({ kind, code });
  expect(shown.message.length).toBeLessThan(400);
  expect(JSON.stringify(shown)).not.toMatch(/SERVER-TEXT-MARKER|xxxxxxxx|<|>|\u202e|etc\/passwd/);
  expect(shown.message).toMatch(action);
}

const ACTIONABLE = /try again|IT department|server address|under Advanced|password|no photo/i;

async function stillWorks(): Promise<void> {
  soapAnswer = normalSoap;
  photoAnswer = normalPhoto;
  expect((await client.getImItemList()).groups).toHaveLength(4);
  expect(await client.getUserPhoto('adele@contoso.test')).toMatchObject({ status: 'ok' });
}

describe('bad answers to an EWS call', () => {
  it.each<[string, () => Answer, string, string]>([
    ['truncated SOAP', () => ({ body: bad('truncated-GetImItemList.xml') }), 'server', 'MalformedResponse'],
    ['malformed SOAP', () => ({ body: ews('malformed.xml') }), 'server', 'MalformedResponse'],
    [
      'entity expansion (billion laughs)',
      () => ({ body: ews('billion-laughs.xml') }),
      'server',
      'MalformedResponse',
    ],
    [
      'an external entity (file:///etc/passwd)',
      () => ({ body: bad('external-entity.xml') }),
      'server',
      'MalformedResponse',
    ],
    ['an external DTD', () => ({ body: bad('external-dtd.xml') }), 'server', 'MalformedResponse'],
    [
      'a remote parameter entity',
      () => ({ body: bad('parameter-entity.xml') }),
      'server',
      'MalformedResponse',
    ],
    [
      'an HTML login page answered with 200',
      () => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: bad('owa-login.html') }),
      'server',
      'NotEws',
    ],
    [
      'an HTML login page labelled as XML',
      () => ({ body: bad('owa-login.html') }),
      'server',
      'MalformedResponse',
    ],
    [
      'a SOAP fault with markup, bidi controls and a stack trace',
      () => ({ status: 500, body: bad('fault-hostile-text.xml') }),
      'server',
      'ErrorInternalServerError',
    ],
    ['a 5 MB faultstring', hugeFault, 'server', 'ErrorInternalServerError'],
    [
      'an error message with markup',
      () => ({ body: bad('error-message-hostile-text.xml') }),
      'server',
      'ErrorMailboxStoreUnavailable',
    ],
    ['a 100 MB body', hundredMb.answer, 'server', 'ResponseTooLarge'],
    ['60 MB of tiny elements', tinyElements.answer, 'server', 'ResponseTooComplex'],
  ])('%s: a clear error, and the client keeps working', async (_name, answer, kind, code) => {
    soapAnswer = answer;
    expectClear(await failure(client.getImItemList()), kind, code, ACTIONABLE);
    await stillWorks();
  });

  it('stops reading a 100 MB body at the contact list cap', async () => {
    soapAnswer = hundredMb.answer;
    await failure(client.getImItemList());
    await stillWorks();
    expect(hundredMb.written.bytes).toBeLessThan(40 * MB);
  });
});

describe('bad photos', () => {
  it.each<[string, () => Answer, (c: ExchangeClient) => Promise<unknown>, string]>([
    [
      'a web page sent as a photo',
      () => ({ headers: { 'content-type': 'image/jpeg' }, body: bad('owa-login.html') }),
      (c) => c.getUserPhoto('adele@contoso.test'),
      'NotAnImage',
    ],
    ['a 50 MB photo', fiftyMbPhoto.answer, (c) => c.getUserPhoto('adele@contoso.test'), 'PhotoTooLarge'],
  ])('%s: refused, and the next photo arrives', async (_name, answer, call, code) => {
    photoAnswer = answer;
    expectClear(await failure(call(client)), 'server', code, ACTIONABLE);
    await stillWorks();
  });

  it('a non-image over SOAP GetUserPhoto: refused, and the client keeps working', async () => {
    soapAnswer = () => ({ body: ews('GetUserPhoto-notimage.xml') });
    expectClear(
      await failure(client.getUserPhotoSoap('adele@contoso.test')),
      'server',
      'NotAnImage',
      ACTIONABLE,
    );
    await stillWorks();
  });

  it('the 50 MB photo was not read to its end', () => {
    expect(fiftyMbPhoto.written.bytes).toBeLessThan(20 * MB);
  });
});

describe('hostile display names', () => {
  it('are read as plain, bounded text, and the list loads', async () => {
    soapAnswer = () => ({ body: bad('hostile-names-GetImItemList.xml') });
    const list = await client.getImItemList();
    const names = list.personas.map((p) => p.displayName);
    expect(names[0]).toBe('Alice gnp.exe Admin'); // the right-to-left override is gone
    expect(names[1]).toBe('admin'); // zero-width spaces and the BOM are gone
    expect(names[2]!.length).toBeLessThanOrEqual(256); // 10,000 letters cut
    expect(names[2]!.endsWith('…')).toBe(true);
    expect(names[3]).toBe('<img src=x onerror="alert(1)"><b>Bold</b> &amp; Co'); // markup stays text, decoded once
    expect(names[4]).toBe('Tab and csi next'); // controls are spaces
    expect(names[5]).toBe('فاطمة الزهراء \u200cمی\u200cخواهم 👩\u200d💻'); // ZWNJ and ZWJ kept
    expect(list.personas[2]!.title!.length).toBeLessThanOrEqual(256);
    expect(list.personas[0]!.emails[0]!.name).toBe('Alice gnp.exe Admin');
    expect(list.groups[0]!.name).toBe('Other <i>Contacts</i>');
    await stillWorks();
  });
});

describe('bad certificates', () => {
  it.each([
    ['an expired certificate', 'expired.contoso.test', 'CERT_HAS_EXPIRED', /it has expired/],
    ['a self-signed certificate', 'self.contoso.test', 'DEPTH_ZERO_SELF_SIGNED_CERT', /it is self-signed/],
  ])(
    '%s: refused as tls with its fingerprint, and the transport keeps working',
    async (_n, host, code, why) => {
      const c = clientFor(host);
      try {
        const e = await failure(c.getImItemList());
        expectClear(e, 'tls', code, /IT department/);
        expect(e.message).toMatch(why);
        expect(e.certificate?.host).toBe(host);
        expect(e.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      } finally {
        await c.close();
      }
      await stillWorks();
    },
  );
});

describe('autodiscover that never settles', () => {
  it.each(['redirectAddr', 'redirectUrl'] as const)(
    'a %s loop gives up with a clear error, and sign-in with the address works',
    async (mode) => {
      autodiscoverMode = mode;
      const e = await failure(
        signIn({
          email: 'adele@contoso.test',
          password: 'pw',
          authMethod: 'basic',
          transport,
          resolveSrv: () => Promise.resolve([]),
        }),
      );
      expectClear(e, 'server', 'AutodiscoverTooManyRedirects', /under Advanced/);
      const { client: c } = await signIn({
        email: 'adele@contoso.test',
        password: 'pw',
        authMethod: 'basic',
        transport,
        ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
      });
      await c.close();
      await stillWorks();
    },
  );
});

describe('against the built-in Exchange', () => {
  let sim: ExchangeSimHandle;
  let simOptions: TransportOptions;
  const alice = DEMO_ACCOUNTS.alice;
  beforeAll(async () => {
    sim = await startExchangeSim({ size: 20 });
    const https = new URL(sim.httpsUrl!);
    const to = {
      host: '127.0.0.1',
      httpsPort: Number(https.port),
      httpPort: Number(new URL(sim.httpUrl!).port),
    };
    simOptions = {
      proxy: false,
      ca: sim.certificatePem!,
      resolve: Object.fromEntries(
        ['contoso.test', 'autodiscover.contoso.test', 'mail.contoso.test'].map((n) => [n, to]),
      ),
    };
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
  });

  it('a wrong password: a clear auth error, then the right one signs in', async () => {
    const e = await failure(
      signIn({ email: alice.smtp, password: 'Wr0ng-password', transportOptions: simOptions }),
    );
    expectClear(e, 'auth', e.code ?? '', /password/);
    expect(e.message).not.toContain('Wr0ng');
    const { client: c } = await signIn({
      email: alice.smtp,
      password: alice.password,
      transportOptions: simOptions,
    });
    try {
      expect((await c.getImItemList()).groups.length).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
  });

  it('answers truncated and corrupted by the fault injection: a clear error, then the list loads', async () => {
    const { client: c } = await signIn({
      email: alice.smtp,
      password: alice.password,
      transportOptions: simOptions,
    });
    try {
      sim.control.setFaults({ malformedRate: 1 });
      expectClear(await failure(c.getImItemList()), 'server', 'MalformedResponse', ACTIONABLE);
      sim.control.resetFaults();
      expect((await c.getImItemList()).groups.length).toBeGreaterThan(0);
    } finally {
      sim.control.resetFaults();
      await c.close();
    }
  });
});
