/**
 * The diagnostics zip: a few JSON files and the last log files, each passed through the redactor
 * once more on the way in (the logs were redacted when written; a secret registered since, or a
 * log written by an older version, is caught here). Nothing in it is read back by the app.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { redact, redactString } from '../../log/redact';

export interface BundleFile {
  name: string;
  text: string;
}

/** A JSON file of a redacted value. */
export function jsonFile(name: string, value: unknown): BundleFile {
  return { name, text: `${JSON.stringify(redact(value), null, 2)}\n` };
}

/** The zip of these files, every file's text redacted. */
export function zipBundle(files: readonly BundleFile[], mtime: Date): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const f of files) entries[f.name] = [strToU8(redactString(f.text)), { mtime }];
  return zipSync(entries, { level: 6 });
}

/** The newest `max` log files of a folder (roster.log, roster.log.1 …), newest first, each at most `maxBytes` (its end). */
export async function lastLogFiles(dir: string, max = 4, maxBytes = 2 * 1024 * 1024): Promise<BundleFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^roster\.log(\.\d+)?$/.test(n));
  } catch {
    return [];
  }
  const dated = await Promise.all(
    names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })),
  );
  dated.sort((a, b) => b.t - a.t || a.n.localeCompare(b.n));
  const out: BundleFile[] = [];
  for (const { n } of dated.slice(0, max)) {
    const bytes = await readFile(join(dir, n)).catch(() => null);
    if (!bytes) continue;
    const tail = bytes.length > maxBytes ? bytes.subarray(bytes.length - maxBytes) : bytes;
    out.push({ name: `logs/${n}`, text: tail.toString('utf8') });
  }
  return out;
}
