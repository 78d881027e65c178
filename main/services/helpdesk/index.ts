/**
 * The help desk's service: proves that users' Lync contact lists moved into Exchange (the Unified
 * Contact Store) and that nothing was lost against their pre-migration export. It signs the
 * help-desk account in once, then checks each user, reaching other mailboxes by impersonation,
 * a bounded number of users at a time. It only wires: the rules are in verdicts.ts, the export
 * reading in export-zip.ts and docitemset.ts, the comparison in compare.ts.
 *
 * No Electron, no shell: the command line (main/cli/verify-ucs.ts) and the app call `verify`.
 */
import sharp from 'sharp';
import type { AuthOptions } from '../../exchange/auth/types';
import type { SrvRecord } from '../../exchange/autodiscover';
import { signIn, type ExchangeClient } from '../../exchange/client';
import { toRosterError } from '../../exchange/errors';
import type { RetryPolicy } from '../../exchange/retry';
import type { Transport } from '../../exchange/transport';
import type { Logger } from '../../log/logger';
import { compareLists, ucsCounts, ucsSide } from './compare';
import { parseDocItemSet, pickExportedUser, type ExportedUser } from './docitemset';
import { ExportError, readExportZip } from './export-zip';
import { mapLimit } from './pool';
import {
  CHECK_IDS,
  SCHEMA_VERSION,
  type BatchReport,
  type Check,
  type CheckId,
  type UserReport,
} from './types';
import {
  autodiscoverCheck,
  check,
  comparisonCheck,
  contactLimitCheck,
  folderCheck,
  freeBusyCheck,
  historyFolderCheck,
  voicemailFolderCheck,
  type FolderSeen,
  isLyncContactsFolder,
  mailboxAccessCheck,
  migrationCheck,
  notRun,
  overallVerdict,
  photoCheck,
  signInCheck,
  ucsListCheck,
  ucsListFailed,
  versionCheck,
  type PhotoSeen,
} from './verdicts';

export * from './types';
export { ExportError, MAX_ZIP_BYTES } from './export-zip';
export { renderReportHtml } from './report-html';
export { parseUsersCsv, type UserLine, type UsersCsv } from './users-csv';

/** Users checked at once: each is a handful of sequential calls, so 4 keeps a server calm. */
export const DEFAULT_CONCURRENCY = 4;

export interface HelpdeskDeps {
  /**
   * For `verify`'s own sign-in: shared by every call (one pool of connections, NTLM-authenticated
   * once per connection); without one, the sign-in makes its own. `verifyWith` uses its client's.
   */
  transport?: Transport;
  log: Logger;
  now?: () => Date;
  authOptions?: AuthOptions;
  retry?: RetryPolicy;
  resolveSrv?: (name: string) => Promise<SrvRecord[]>;
  autodiscoverTimeoutMs?: number;
  /** The real size of a photo (sharp's metadata by default). */
  imageSize?: (bytes: Buffer) => Promise<{ width: number; height: number; format: string }>;
}

export interface HelpdeskSignIn {
  /** The signed-in account: the user's own, or a help-desk account with ApplicationImpersonation. */
  email: string;
  password: string;
  username?: string;
  authMethod?: 'auto' | 'ntlm' | 'basic';
  /** Skip autodiscover for the signed-in account (each user is still autodiscovered). */
  ewsUrl?: string;
}

export interface UserToVerify {
  email: string;
  /** The user's Export-CsUserData zip, read into memory by the caller (or why it could not be). */
  export?: { file: string; bytes: Uint8Array } | { file: string; error: string };
}

export type VerifyProgress =
  | { type: 'started'; user: string; index: number; total: number }
  | { type: 'check'; user: string; check: Check }
  | { type: 'done'; user: string; report: UserReport; done: number; total: number };

export interface VerifyOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: VerifyProgress) => void;
}

export interface HelpdeskService {
  /** Signs the given account in (the command line), checks the users, signs out. */
  verify(
    signIn: HelpdeskSignIn,
    users: readonly UserToVerify[],
    options?: VerifyOptions,
  ): Promise<BatchReport>;
  /** Checks the users on an existing sign-in (the app's session); the client is not closed. */
  verifyWith(
    client: ExchangeClient,
    users: readonly UserToVerify[],
    options?: VerifyOptions,
  ): Promise<BatchReport>;
  /**
   * Whether this sign-in may reach other mailboxes: Exchange refuses an ExchangeImpersonation
   * header, even one naming the account itself, unless it holds ApplicationImpersonation.
   */
  canImpersonate(client: ExchangeClient, signal?: AbortSignal): Promise<boolean>;
}

interface Connection {
  client: ExchangeClient;
  account: string;
  serverVersion?: string;
  signIn: Check;
}

type ExportRead = { users: ExportedUser[]; file: string } | { error: string; file: string };

function readExport(file: string, bytes: Uint8Array): ExportRead {
  try {
    return { users: parseDocItemSet(readExportZip(bytes)), file };
  } catch (err) {
    if (err instanceof ExportError) return { error: err.message, file };
    return { error: 'The export could not be read.', file };
  }
}

async function sharpSize(bytes: Buffer): Promise<{ width: number; height: number; format: string }> {
  const m = await sharp(bytes).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0, format: m.format ?? 'unknown' };
}

function message(err: unknown): { kind: string; code?: string; message: string } {
  const e = toRosterError(err);
  return { kind: e.kind, ...(e.code ? { code: e.code } : {}), message: e.message };
}

export function createHelpdeskService(deps: HelpdeskDeps): HelpdeskService {
  const now = deps.now ?? (() => new Date());
  const log = deps.log.child('helpdesk');
  const imageSize = deps.imageSize ?? sharpSize;
  const adTimeout = deps.autodiscoverTimeoutMs ?? 20_000;

  function clientFor(conn: Connection, ewsUrl: string, user: string, own: boolean): ExchangeClient {
    return conn.client.sibling({ ewsUrl, ...(own ? {} : { impersonateSmtp: user }) });
  }

  function connection(client: ExchangeClient, serverVersion?: string): Connection {
    const conn: Connection = {
      client,
      account: client.email,
      signIn: signInCheck({ ok: true, account: client.email, scheme: client.authScheme }),
    };
    const version = serverVersion ?? client.serverVersion;
    if (version) conn.serverVersion = version;
    return conn;
  }

  async function connect(s: HelpdeskSignIn, signal?: AbortSignal): Promise<Connection | Check> {
    try {
      const { client, account } = await signIn({
        email: s.email,
        password: s.password,
        authMethod: s.authMethod ?? 'auto',
        ...(deps.transport ? { transport: deps.transport } : {}),
        autodiscoverTimeoutMs: adTimeout,
        ...(s.username ? { username: s.username } : {}),
        ...(s.ewsUrl ? { ewsUrl: s.ewsUrl } : {}),
        ...(deps.authOptions ? { auth: deps.authOptions } : {}),
        ...(deps.retry ? { retry: deps.retry } : {}),
        ...(deps.resolveSrv ? { resolveSrv: deps.resolveSrv } : {}),
        ...(signal ? { signal } : {}),
      });
      return connection(client, account.serverVersion || undefined);
    } catch (err) {
      const m = message(err);
      log.warn('help-desk sign-in failed', { kind: m.kind, code: m.code });
      return signInCheck({ ok: false, account: s.email, kind: m.kind, message: m.message });
    }
  }

  async function verifyOne(
    conn: Connection | Check,
    signedInAs: string,
    u: UserToVerify,
    emit: (c: Check) => void,
    signal?: AbortSignal,
  ): Promise<UserReport> {
    const user = u.email.trim();
    const checks = new Map<CheckId, Check>();
    const put = (c: Check): void => {
      checks.set(c.id, c);
      emit(c);
    };
    const report: UserReport = {
      schemaVersion: SCHEMA_VERSION,
      user,
      checkedAt: now().toISOString(),
      checkedBy: signedInAs,
      server: {},
      verdict: 'fail',
      checks: [],
    };
    const exported = !u.export
      ? undefined
      : 'error' in u.export
        ? { file: u.export.file, error: u.export.error }
        : readExport(u.export.file, u.export.bytes);
    const finish = (): UserReport => {
      report.checks = CHECK_IDS.flatMap((id) => {
        const c = checks.get(id);
        return c ? [c] : [];
      });
      report.verdict = overallVerdict(report.checks);
      return report;
    };
    const skipRest = (because: CheckId): void => {
      for (const id of CHECK_IDS) if (!checks.has(id)) put(notRun(id, because));
    };

    if (!('client' in conn)) {
      put(conn);
      skipRest('sign-in');
      return finish();
    }
    report.checkedBy = conn.account;
    const own =
      user.toLowerCase() === conn.account.toLowerCase() || user.toLowerCase() === signedInAs.toLowerCase();
    const opts = signal ? { signal } : {};

    // Autodiscover as the user's Lync client would, with the signed-in account's credentials.
    let ewsUrl = conn.client.ewsUrl;
    try {
      const ad = await conn.client.autodiscover(user, {
        timeoutMs: adTimeout,
        ...(deps.resolveSrv ? { resolveSrv: deps.resolveSrv } : {}),
        ...(signal ? { signal } : {}),
      });
      ewsUrl = ad.ewsUrl;
      put(autodiscoverCheck({ found: true, ewsUrl: ad.ewsUrl, via: new URL(ad.via.url).host }));
    } catch (err) {
      put(autodiscoverCheck({ found: false, error: message(err).message, fallbackEwsUrl: ewsUrl }));
    }
    report.server.ewsUrl = ewsUrl;
    put(conn.signIn);

    const client = clientFor(conn, ewsUrl, user, own);
    try {
      // The mailbox itself: its folders (the impersonation header is refused here if not allowed).
      let folders;
      try {
        folders = await client.findFolders('contacts', opts);
        put(mailboxAccessCheck({ ok: true, own, helpdesk: conn.account, user }));
      } catch (err) {
        const m = message(err);
        put(
          mailboxAccessCheck({
            ok: false,
            own,
            helpdesk: conn.account,
            user,
            message: m.message,
            ...(m.code ? { code: m.code } : {}),
          }),
        );
        const v = client.serverVersion ?? conn.serverVersion;
        if (v) report.server.version = v;
        put(versionCheck(v));
        skipRest('mailbox-access');
        return finish();
      }
      const version = client.serverVersion ?? conn.serverVersion;
      if (version) report.server.version = version;
      put(versionCheck(version));
      const lyncFolder = folders.find(isLyncContactsFolder) ?? null;
      put(folderCheck(lyncFolder));

      // Who the user is (display name, SIP address for the export), best effort.
      const identities = [user];
      try {
        const r = await client.resolveNames(user, { ...opts, returnFullContactData: true });
        const me =
          r.resolutions.find((x) => x.mailbox.address.toLowerCase() === user.toLowerCase()) ??
          r.resolutions[0];
        const name = me?.contact?.displayName ?? me?.mailbox.name;
        if (name) report.displayName = name;
        identities.push(...(me?.contact?.imAddresses ?? []), ...(me?.contact?.emails ?? []));
        if (me?.mailbox.address) identities.push(me.mailbox.address);
      } catch (err) {
        log.debug('resolve user failed', { code: message(err).code });
      }

      let exportUser: ExportedUser | undefined;
      let exportError: string | undefined;
      if (exported) {
        if ('error' in exported) exportError = exported.error;
        else {
          try {
            exportUser = pickExportedUser(exported.users, identities);
            report.export = {
              file: exported.file,
              ...(exportUser.sipUri ? { sipUri: exportUser.sipUri } : {}),
              contacts: exportUser.contacts.length,
              groups: exportUser.groups.length,
            };
          } catch (err) {
            exportError = err instanceof Error ? err.message : 'The export could not be read.';
          }
        }
      }

      let side;
      try {
        side = ucsSide(await client.getImItemList(opts));
      } catch (err) {
        const m = message(err);
        put(ucsListFailed(m.kind, m.message));
      }
      if (side) {
        const counts = ucsCounts(side);
        report.counts = counts;
        put(ucsListCheck(counts));
        put(contactLimitCheck(counts.contacts));
      }

      let photo: PhotoSeen;
      try {
        const p = await client.getUserPhoto(user, { ...opts, size: 'HR648x648' });
        if (p.status !== 'ok') photo = { status: 'none' };
        else {
          const size = await imageSize(p.bytes);
          photo = { status: 'ok', ...size, bytes: p.bytes.length };
        }
      } catch (err) {
        photo = { status: 'error', message: message(err).message };
      }
      put(photoCheck(photo));

      try {
        const start = now();
        const end = new Date(start.getTime() + 24 * 3_600_000);
        const [fb] = await client.getUserAvailability(
          {
            mailboxes: [user],
            start: start.toISOString(),
            end: end.toISOString(),
            view: 'FreeBusy',
            intervalMinutes: 30,
          },
          opts,
        );
        if (!fb) put(freeBusyCheck({ ok: false, message: 'Exchange returned no answer for the mailbox.' }));
        else if (fb.error) put(freeBusyCheck({ ok: false, message: fb.error.message }));
        else put(freeBusyCheck({ ok: true, events: fb.events.length }));
      } catch (err) {
        put(freeBusyCheck({ ok: false, message: message(err).message }));
      }

      // The two other things Lync keeps in Exchange: transcripts and voice mail (one item each).
      const folderSeen = async (folder: 'conversationhistory' | 'voicemail'): Promise<FolderSeen> => {
        try {
          const page = await client.findMailItems({ folder, offset: 0, max: 1 }, opts);
          return { ok: true, items: page.totalItems };
        } catch (err) {
          const m = message(err);
          return { ok: false, message: m.message, ...(m.code ? { code: m.code } : {}) };
        }
      };
      put(historyFolderCheck(await folderSeen('conversationhistory')));
      put(voicemailFolderCheck(await folderSeen('voicemail')));

      if (side) {
        put(
          migrationCheck({
            folder: lyncFolder !== null,
            ucsContacts: side.contacts.length,
            ...(exportUser ? { exportContacts: exportUser.contacts.length } : {}),
          }),
        );
        if (exportUser) {
          const comparison = compareLists(exportUser, side);
          report.comparison = comparison;
          put(
            comparisonCheck({
              given: true,
              comparison,
              exportContacts: exportUser.contacts.length,
              ucsContacts: side.contacts.length,
            }),
          );
        } else if (exportError !== undefined) put(comparisonCheck({ given: true, error: exportError }));
        else put(comparisonCheck({ given: false }));
      } else skipRest('ucs-list');
      return finish();
    } finally {
      await client.close();
    }
  }

  async function run(
    conn: Connection | Check,
    signedInAs: string,
    users: readonly UserToVerify[],
    options: VerifyOptions,
  ): Promise<BatchReport> {
    const startedAt = now().toISOString();
    const total = users.length;
    let done = 0;
    const reports = await mapLimit(users, options.concurrency ?? DEFAULT_CONCURRENCY, async (u, index) => {
      options.onProgress?.({ type: 'started', user: u.email, index, total });
      let report: UserReport;
      try {
        report = await verifyOne(
          conn,
          signedInAs,
          u,
          (c) => options.onProgress?.({ type: 'check', user: u.email, check: c }),
          options.signal,
        );
      } catch (err) {
        // Only a bug lands here (every call above is caught): still one report per user.
        log.error('verify failed', { message: message(err).message });
        report = {
          schemaVersion: SCHEMA_VERSION,
          user: u.email,
          checkedAt: now().toISOString(),
          checkedBy: signedInAs,
          server: {},
          verdict: 'fail',
          checks: [
            check(
              'ucs-list',
              'fail',
              `The check stopped on an unexpected error: ${message(err).message}`,
              'Run it again; if it repeats, send the log to the Roster team.',
            ),
          ],
        };
      }
      done++;
      options.onProgress?.({ type: 'done', user: u.email, report, done, total });
      return report;
    });
    const summary = { total, pass: 0, warn: 0, fail: 0 };
    for (const r of reports) summary[r.verdict]++;
    return {
      schemaVersion: SCHEMA_VERSION,
      checkedAt: startedAt,
      checkedBy: signedInAs,
      summary,
      users: reports,
    };
  }

  return {
    async verify(s, users, options = {}) {
      const conn = await connect(s, options.signal);
      try {
        return await run(conn, 'client' in conn ? conn.account : s.email, users, options);
      } finally {
        if ('client' in conn) await conn.client.close().catch(() => undefined);
      }
    },
    verifyWith(client, users, options = {}) {
      return run(connection(client), client.email, users, options);
    },
    async canImpersonate(client, signal) {
      const self = client.sibling({ impersonateSmtp: client.email });
      try {
        await self.findFolders('contacts', signal ? { signal } : {});
        return true;
      } catch (err) {
        const m = message(err);
        if (m.code && /Impersonat/i.test(m.code)) return false;
        throw err;
      } finally {
        await self.close();
      }
    },
  };
}
