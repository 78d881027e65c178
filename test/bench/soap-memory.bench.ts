/**
 * EWS client memory: peak heap while one SOAP answer is read through the real transport and
 * caller, for a 60 MB answer of tiny elements (a hostile or broken server) and for a normal
 * 1,000-persona GetImItemList. `npx tsx --expose-gc test/bench/soap-memory.bench.ts` prints them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Authenticator } from '../../main/exchange/auth/types';
import { createCaller } from '../../main/exchange/caller';
import { getImItemList } from '../../main/exchange/operations/imList';
import { createTransport } from '../../main/exchange/transport';
import { imItemListResponse } from './ews-client.bench';
import type { BenchFigure } from './figure';

const MB = 1024 * 1024;

/** A SOAP answer whose body is `total` bytes, almost all of it `<t:x/>` elements. */
export function* tinyElementBody(total: number): Generator<Buffer> {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<m:GetImItemListResponse ResponseClass="Success" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
      '<m:ResponseCode>NoError</m:ResponseCode><m:ImItemList><t:Groups>',
  );
  const tail = Buffer.from('</t:Groups></m:ImItemList></m:GetImItemListResponse></s:Body></s:Envelope>');
  const block = Buffer.from('<t:x/>'.repeat((64 * 1024) / 6));
  yield head;
  let sent = head.length + tail.length;
  while (sent + block.length <= total) {
    yield block;
    sent += block.length;
  }
  yield tail;
}

async function serve(body: () => Iterable<Buffer>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      const it = body()[Symbol.iterator]();
      const pump = (): void => {
        for (;;) {
          const n = it.next();
          if (n.done) return void res.end();
          if (!res.write(n.value)) return void res.once('drain', pump);
        }
      };
      res.on('close', () => it.return?.());
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Peak heap above the starting point while `fn` runs (sampled every 2 ms and after each chunk). */
async function peakHeap<T>(fn: () => Promise<T>): Promise<{ peak: number; ms: number; result: T | Error }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  };
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  let result: T | Error;
  try {
    result = await fn();
  } catch (err) {
    result = err instanceof Error ? err : new Error(String(err));
  }
  sample();
  clearInterval(timer);
  return { peak, ms: performance.now() - t0, result };
}

export default async function bench(): Promise<BenchFigure[]> {
  const transport = createTransport({ proxy: false });
  const auth: Authenticator = { scheme: 'none', send: (r) => transport.request(r), close: async () => {} };
  const figures: BenchFigure[] = [];
  const normal = Buffer.from(imItemListResponse(1000), 'utf8');
  for (const [name, body] of [
    ['60 MB of tiny elements', () => tinyElementBody(60 * MB)],
    [`GetImItemList, 1,000 personas (${(normal.length / MB).toFixed(1)} MB)`, () => [normal]],
  ] as const) {
    const server = await serve(body);
    const caller = createCaller({ ewsUrl: server.url, smtp: 'alice@contoso.test', auth });
    const r = await peakHeap(() => getImItemList(caller));
    const outcome =
      r.result instanceof Error
        ? `refused: ${(r.result as { code?: string }).code ?? r.result.message}`
        : `${r.result.personas.length} personas`;
    figures.push({ name: `peak heap, ${name} (${outcome})`, value: r.peak, unit: 'bytes' });
    figures.push({ name: `time, ${name}`, value: r.ms, unit: 'ms' });
    await server.close();
  }
  await transport.close();
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  for (const f of await bench())
    console.log(
      `${f.name}: ${f.unit === 'bytes' ? `${(f.value / MB).toFixed(1)} MB` : `${f.value.toFixed(0)} ${f.unit}`}`,
    );
