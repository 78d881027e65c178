/**
 * The HTTPS certificate: given files, or a self-signed one made at first start (kept in
 * `<dataDir>/tls/` when there is a data folder, else once per process in memory).
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  fingerprint256: string;
}

/** Hostnames the simulator answers for (the client maps them to 127.0.0.1). */
export function certificateNames(domains: string[]): string[] {
  const names = ['localhost'];
  for (const d of domains)
    names.push(
      d,
      `mail.${d}`,
      `autodiscover.${d}`,
      `meet.${d}`,
      `lync.${d}`,
      // Lync discovery's DNS names (UCWA): the client tries the internal one, then the external.
      `lyncdiscoverinternal.${d}`,
      `lyncdiscover.${d}`,
    );
  return names;
}

async function makeSelfSigned(domains: string[]): Promise<{ cert: string; key: string }> {
  const now = new Date();
  // An elliptic-curve key (P-256): made in a few ms, where a 2048-bit RSA key took ~200-270 ms of
  // CPU on the first "Try the demo" of every new data folder.
  const pems = await generate([{ name: 'commonName', value: `mail.${domains[0] ?? 'contoso.test'}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: new Date(now.getTime() + 2 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...certificateNames(domains).map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

function withFingerprint(cert: string, key: string): TlsMaterial {
  return { cert, key, fingerprint256: new X509Certificate(cert).fingerprint256 };
}

const inMemory = new Map<string, Promise<TlsMaterial>>();

export async function loadTls(options: {
  certPath?: string;
  keyPath?: string;
  dataDir?: string;
  domains: string[];
}): Promise<TlsMaterial> {
  if (options.certPath && options.keyPath) {
    return withFingerprint(await readFile(options.certPath, 'utf8'), await readFile(options.keyPath, 'utf8'));
  }
  if (options.dataDir) {
    const dir = join(options.dataDir, 'tls');
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    try {
      return withFingerprint(await readFile(certFile, 'utf8'), await readFile(keyFile, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const made = await makeSelfSigned(options.domains);
    await mkdir(dir, { recursive: true });
    await writeFile(`${keyFile}.tmp`, made.key, { mode: 0o600 });
    await rename(`${keyFile}.tmp`, keyFile);
    await writeFile(`${certFile}.tmp`, made.cert);
    await rename(`${certFile}.tmp`, certFile);
    return withFingerprint(made.cert, made.key);
  }
  // Key generation still costs something: make one per process for all in-memory servers.
  const k = options.domains.join(',');
  let p = inMemory.get(k);
  if (!p) {
    p = makeSelfSigned(options.domains).then(({ cert, key }) => withFingerprint(cert, key));
    inMemory.set(k, p);
  }
  return p;
}
