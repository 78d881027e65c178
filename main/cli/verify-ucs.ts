/**
 * `npm run roster -- verify-ucs`: the help desk's check that users' Lync contact lists moved into
 * Exchange and lost nothing, on the same service as the app (main/services/helpdesk).
 * Exit code: 0 when no user fails (warnings allowed), 1 when any user fails, 2 for bad usage.
 * Nothing secret is printed: the password is read from ROSTER_PASSWORD or asked without echo.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoExchange } from '../demo';
import { createTransport, type TransportOptions } from '../exchange/transport';
import { createLogger } from '../log/logger';
import {
  DEFAULT_CONCURRENCY,
  MAX_ZIP_BYTES,
  createHelpdeskService,
  parseUsersCsv,
  renderReportHtml,
  type BatchReport,
  type CheckStatus,
  type UserReport,
  type UserToVerify,
  type VerifyProgress,
} from '../services/helpdesk';
import { askPassword } from './password';

export const VERIFY_UCS_USAGE = `Usage: npm run roster -- verify-ucs --user <address> [--export <zip>] [options]
       npm run roster -- verify-ucs --users <users.csv> --email <help-desk address> [options]

Checks that a user's Lync contacts moved into Exchange (the Unified Contact Store) and, with the
user's Export-CsUserData zip, that nothing was lost. Other users' mailboxes are reached by
impersonation: the signed-in account needs the ApplicationImpersonation role.

Options:
  --user <address>          the user to check
  --export <file.zip>       the user's Export-CsUserData zip (from before the migration)
  --users <file.csv>        a batch: one address per line, optionally ",<export zip path>"
  --email <address>         the signed-in (help-desk) account; default: the user's own
  --username <name>         DOMAIN\\user or a UPN for the signed-in account
  --auth <auto|ntlm|basic>  authentication method (default: auto)
  --ews-url <url>           EWS URL of the signed-in account (skips its autodiscover)
  --ca-file <file.pem>      also trust the CAs in this file
  --concurrency <n>         users checked at once, 1–16 (default: ${DEFAULT_CONCURRENCY})
  --json <file|->           write the report as JSON (schemaVersion 1; "-" prints it instead)
  --html <file>             write the report as a self-contained HTML page (prints on A4)
  --report-dir <dir>        also write <user>.json and <user>.html per user
The password is read from ROSTER_PASSWORD, or asked for.
Exit code: 0 when no user fails (warnings allowed), 1 when any fails, 2 for bad usage.`;

class UsageError extends Error {}

const MARK: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

async function readExportFile(path: string): Promise<NonNullable<UserToVerify['export']>> {
  const file = basename(path);
  try {
    const s = await stat(path);
    if (!s.isFile()) return { file, error: `${file} is not a file.` };
    // Checked before reading: a huge file is refused without loading it.
    if (s.size > MAX_ZIP_BYTES)
      return { file, error: `${file} is ${Math.round(s.size / 1048576)} MB; an export is far smaller.` };
    return { file, bytes: new Uint8Array(await readFile(path)) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      file,
      error: code === 'ENOENT' ? `${file} was not found.` : `${file} could not be read (${code ?? 'error'}).`,
    };
  }
}

function pad(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

/** Terminal output stays on one line per row: server text may hold newlines or escapes. */
function plain(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function printUser(r: UserReport, out: (s: string) => void): void {
  out(`${plain(r.user)}${r.displayName ? ` (${plain(r.displayName)})` : ''}: ${MARK[r.verdict]}`);
  for (const c of r.checks) {
    out(`  ${MARK[c.status]}  ${c.title}: ${plain(c.evidence)}`);
    if (c.nextStep) out(`        next: ${plain(c.nextStep)}`);
  }
  const cmp = r.comparison;
  if (cmp && cmp.missingContacts.length) {
    out(`  Missing in Exchange (${cmp.missingContacts.length}):`);
    for (const m of cmp.missingContacts.slice(0, 50))
      out(
        `    ${plain(m.address)}${m.displayName ? ` (${plain(m.displayName)})` : ''} in ${plain(m.groups.join(', '))}`,
      );
    if (cmp.missingContacts.length > 50)
      out(`    … and ${cmp.missingContacts.length - 50} more (see --json or --html)`);
  }
  if (cmp && cmp.missingGroups.length) out(`  Missing groups: ${plain(cmp.missingGroups.join(', '))}`);
}

function printSummary(b: BatchReport, out: (s: string) => void): void {
  out(`${pad('Result', 7)} ${pad('User', 34)} ${pad('Contacts', 9)} ${pad('Missing', 8)} Failed checks`);
  for (const u of b.users) {
    const failed = u.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    out(
      `${pad(MARK[u.verdict], 7)} ${pad(plain(u.user), 34)} ${pad(String(u.counts?.contacts ?? '-'), 9)} ${pad(String(u.comparison?.missingContacts.length ?? '-'), 8)} ${failed.join(', ')}`,
    );
  }
  out(
    `${b.summary.total} user(s): ${b.summary.pass} pass, ${b.summary.warn} with warnings, ${b.summary.fail} fail.`,
  );
}

function progressPrinter(tty: boolean): (p: VerifyProgress) => void {
  return (p) => {
    if (p.type !== 'done') return;
    const line = `${p.done}/${p.total} ${plain(p.user)}: ${MARK[p.report.verdict]}`;
    if (!tty) {
      process.stderr.write(`${line}\n`);
      return;
    }
    const width = 24;
    const filled = Math.round((p.done / p.total) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    process.stderr.write(`\r\x1b[2K${bar} ${pad(line, 60)}`);
    if (p.done === p.total) process.stderr.write('\n');
  };
}

function fileSafe(user: string): string {
  return user.toLowerCase().replace(/[^a-z0-9@._-]/g, '_');
}

export async function verifyUcs(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        user: { type: 'string' },
        users: { type: 'string' },
        export: { type: 'string' },
        email: { type: 'string' },
        username: { type: 'string' },
        auth: { type: 'string', default: 'auto' },
        'ews-url': { type: 'string' },
        'ca-file': { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        'report-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(VERIFY_UCS_USAGE);
    return 2;
  }
  if (values.help) {
    console.log(VERIFY_UCS_USAGE);
    return 0;
  }

  let users: UserToVerify[];
  try {
    users = await usersFrom(values);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    console.error('Run with --help for the options.');
    return 2;
  }
  const auth = values.auth;
  if (auth !== 'auto' && auth !== 'ntlm' && auth !== 'basic') {
    console.error(`Unknown --auth ${auth}: use auto, ntlm or basic.`);
    return 2;
  }
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    console.error('--concurrency must be a whole number from 1 to 16.');
    return 2;
  }
  const email = (values.email ?? users[0]?.email ?? '').trim();
  const jsonToStdout = values.json === '-';
  const out = jsonToStdout ? (s: string) => console.error(s) : (s: string) => console.log(s);
  const password = process.env.ROSTER_PASSWORD ?? (await askPassword(`Password for ${email}: `));
  if (!password) {
    console.error('No password: set ROSTER_PASSWORD or type it when asked.');
    return 2;
  }

  const demo = createDemoExchange(null);
  const transportOptions: TransportOptions = demo.owns(email) ? await demo.transportOptions() : {};
  if (values['ca-file']) transportOptions.caFile = values['ca-file'];
  const transport = createTransport(transportOptions);
  try {
    const service = createHelpdeskService({ transport, log: createLogger({ level: 'error' }) });
    const batch = users.length > 1 || values.users !== undefined;
    const report = await service.verify(
      {
        email,
        password,
        authMethod: auth,
        ...(values.username ? { username: values.username } : {}),
        ...(values['ews-url'] ? { ewsUrl: values['ews-url'] } : {}),
      },
      users,
      { concurrency, ...(batch ? { onProgress: progressPrinter(process.stderr.isTTY === true) } : {}) },
    );

    if (batch) printSummary(report, out);
    else for (const u of report.users) printUser(u, out);

    const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
    const single = !batch ? report.users[0] : undefined;
    if (values.json !== undefined) {
      const body = json(single ?? report);
      if (jsonToStdout) process.stdout.write(body);
      else await writeFile(values.json, body);
    }
    if (values.html) await writeFile(values.html, renderReportHtml(report));
    const dir = values['report-dir'];
    if (dir) {
      await mkdir(dir, { recursive: true });
      for (const u of report.users) {
        const one: BatchReport = {
          ...report,
          summary: { total: 1, pass: 0, warn: 0, fail: 0, [u.verdict]: 1 },
          users: [u],
        };
        await writeFile(join(dir, `${fileSafe(u.user)}.json`), json(u));
        await writeFile(join(dir, `${fileSafe(u.user)}.html`), renderReportHtml(one));
      }
    }
    return report.summary.fail > 0 ? 1 : 0;
  } finally {
    await transport.close();
    await demo.close();
  }
}

async function usersFrom(values: {
  user?: string;
  users?: string;
  export?: string;
  email?: string;
}): Promise<UserToVerify[]> {
  if (values.user !== undefined && values.users !== undefined)
    throw new UsageError('Give --user or --users, not both.');
  if (values.user !== undefined) {
    const email = values.user.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new UsageError(`--user ${email}: not an e-mail address.`);
    if (values.export === undefined) return [{ email }];
    const exp = await readExportFile(values.export);
    if ('error' in exp) throw new UsageError(`--export: ${exp.error}`);
    return [{ email, export: exp }];
  }
  if (values.users === undefined) throw new UsageError('Give --user <address> or --users <file.csv>.');
  if (values.export !== undefined)
    throw new UsageError('With --users, put each export path on its user’s line.');
  if (!values.email) throw new UsageError('With --users, give --email: the help-desk account that signs in.');
  let text: string;
  try {
    text = await readFile(values.users, 'utf8');
  } catch {
    throw new UsageError(`--users: ${basename(values.users)} could not be read.`);
  }
  const csv = parseUsersCsv(text);
  if (csv.errors.length)
    throw new UsageError(`--users ${basename(values.users)}:\n  ${csv.errors.slice(0, 10).join('\n  ')}`);
  return Promise.all(
    csv.users.map(async (u) =>
      u.exportPath ? { email: u.email, export: await readExportFile(u.exportPath) } : { email: u.email },
    ),
  );
}
