/**
 * `npm run exchange`: the built-in Exchange on fixed ports with a persisted org, for demos and
 * for pointing a real client at it. Prints URLs, the certificate fingerprint, the admin token
 * and the demo accounts, then runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEMO_ACCOUNTS } from './org/generate';
import { DEFAULT_SEED, DEFAULT_SIZE, resetOrgStore } from './org/store';
import { parseFaultsArg } from './faults';
import { startExchangeSim } from './server';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    'http-port': { type: 'string', default: '8080' },
    'https-port': { type: 'string', default: '8443' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    size: { type: 'string', default: String(DEFAULT_SIZE) },
    'data-dir': { type: 'string', default: './.exchange-data' },
    cert: { type: 'string' },
    key: { type: 'string' },
    faults: { type: 'string' },
    epoch: { type: 'string' },
    now: { type: 'string' },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(`npm run exchange -- [--host 127.0.0.1] [--http-port 8080|off] [--https-port 8443|off]
  [--seed N] [--size 10..10000] [--data-dir ./.exchange-data] [--cert file --key file]
  [--faults 'latencyMs=200,serverBusyRate=0.1' | '{"http503Rate":0.05}']
  [--epoch 2026-11-25T00:00:00Z] (calendars around this day; a new data dir)  [--now 2026-11-25T09:29:15Z] (fixed clock)
  [--reset] (forget the saved organisation in the data dir first: every edit gone, generated again)`);
  process.exit(0);
}

const port = (v: string | undefined, name: string): number | false => {
  if (v === 'off' || v === 'false') return false;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port number or "off"`);
  return n;
};

if ((values.cert && !values.key) || (!values.cert && values.key))
  throw new Error('--cert and --key go together');

const dataDir = resolve(values['data-dir']);
// Before the simulator opens the folder: it then generates the organisation from its seed again.
const wasReset = values.reset ? await resetOrgStore(dataDir) : null;
const sim = await startExchangeSim({
  host: values.host,
  httpPort: port(values['http-port'], 'http-port'),
  httpsPort: port(values['https-port'], 'https-port'),
  seed: Number(values.seed),
  size: Number(values.size),
  dataDir,
  ...(values.cert && values.key ? { tls: { certPath: values.cert, keyPath: values.key } } : {}),
  ...(values.faults ? { faults: parseFaultsArg(values.faults) } : {}),
  ...(values.epoch ? { epoch: values.epoch } : {}),
  ...(values.now ? { clock: values.now } : {}),
});

const ews = `${sim.httpsUrl ?? sim.httpUrl ?? ''}/EWS/Exchange.asmx`;
const lines = [
  `Roster's built-in Exchange (Exchange 2016 on the wire): ${sim.org.people.length} people, seed ${sim.org.seed}`,
  `data:         ${dataDir}`,
  ...(wasReset === null
    ? []
    : [
        wasReset
          ? 'reset:        the saved organisation was forgotten; this one is freshly generated (every edit gone)'
          : 'reset:        nothing was saved yet; this organisation is freshly generated',
      ]),
  `HTTP:         ${sim.httpUrl ?? 'off'}`,
  `HTTPS:        ${sim.httpsUrl ?? 'off'}`,
  `EWS:          ${ews}`,
  ...(sim.fingerprint256 ? [`certificate:  SHA-256 ${sim.fingerprint256}`] : []),
  `admin token:  ${sim.control.adminToken}  (header X-Sim-Token on /_sim/faults, /_sim/log; loopback only)`,
  `hosts:        point mail./autodiscover.${sim.org.domain} and ${sim.org.secondaryDomains.join(', ')} at ${values.host}`,
  '',
  'demo accounts:',
  ...Object.values(DEMO_ACCOUNTS).map((a) => `  ${a.smtp.padEnd(28)} ${a.password.padEnd(22)} ${a.role}`),
  '',
  'Ctrl-C to stop.',
];
console.log(lines.join('\n'));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  sim.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
