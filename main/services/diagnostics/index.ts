/**
 * The diagnostics service: one zip a pilot user sends the help desk, holding no secret.
 *   manifest.json      versions (app, Node, Electron, Chrome), OS, when, which shell
 *   features.json      every feature, on or off, and why; the ring; the policy file's status
 *   settings.json      the user's settings
 *   account.json       the account: address, server, auth method, server version (no password)
 *   connectivity.json  a fresh check of autodiscover, EWS and UCWA: reachable, status, time
 *   logs/…             the last log files, or the recent entries when logging to memory only
 */
import { arch, release, type as osType } from 'node:os';
import type { AppInfo, FeaturesSnapshot, Settings } from '../../../preload/contract';
import type { LogEntry, Logger } from '../../log/logger';
import type { HttpSender } from '../../exchange/transport';
import { jsonFile, lastLogFiles, zipBundle, type BundleFile } from './bundle';
import { probeTargets, runProbes, type ProbeResult } from './connectivity';

export { probeTargets, runProbes } from './connectivity';

/** The account as the bundle tells it: where and how, never with what secret. */
export interface AccountSummary {
  email: string;
  ewsUrl?: string;
  authMethod?: string;
  authScheme?: string;
  serverVersion?: string;
  demo?: boolean;
  signedIn: boolean;
}

export interface DiagnosticsDeps {
  info: () => AppInfo;
  features: () => FeaturesSnapshot;
  settings: () => Settings;
  account: () => Promise<AccountSummary | null>;
  /** A sender for the connectivity probes of this account (its proxy, CAs, pins), or null. */
  sender: (account: AccountSummary) => Promise<{ sender: HttpSender; close: () => Promise<void> } | null>;
  /** The log folder, or null when logging to memory only. */
  logDir: string | null;
  log: Logger;
  /** Recent entries (used when there is no log folder). */
  recentLog: () => LogEntry[];
  now?: () => Date;
  /** How many log files go in (default 4). */
  maxLogFiles?: number;
}

export interface DiagnosticsBundle {
  fileName: string;
  bytes: Uint8Array;
}

export interface DiagnosticsService {
  bundle(): Promise<DiagnosticsBundle>;
}

export function createDiagnosticsService(deps: DiagnosticsDeps): DiagnosticsService {
  const now = deps.now ?? (() => new Date());

  async function connectivity(account: AccountSummary | null): Promise<ProbeResult[] | { skipped: string }> {
    if (!account) return { skipped: 'no account: nothing to check' };
    const made = await deps.sender(account).catch((err: unknown) => {
      deps.log.warn('no connection for the connectivity check', { err });
      return null;
    });
    if (!made) return { skipped: 'no connection could be made' };
    try {
      return await runProbes(probeTargets(account), made.sender);
    } finally {
      await made.close().catch(() => undefined);
    }
  }

  return {
    async bundle() {
      const at = now();
      const info = deps.info();
      const account = await deps.account();
      const files: BundleFile[] = [
        jsonFile('manifest.json', {
          createdAt: at.toISOString(),
          app: {
            name: info.name,
            version: info.version,
            shell: info.shell,
            demo: info.demo,
            vault: info.vault,
          },
          versions: {
            node: process.versions.node,
            v8: process.versions.v8,
            ...(process.versions.electron ? { electron: process.versions.electron } : {}),
            ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}),
          },
          os: { platform: info.platform, type: osType(), release: release(), arch: arch() },
        }),
        jsonFile('features.json', deps.features()),
        jsonFile('settings.json', deps.settings()),
        jsonFile('account.json', account ?? { signedIn: false }),
        jsonFile('connectivity.json', await connectivity(account)),
      ];
      const logs = deps.logDir ? await lastLogFiles(deps.logDir, deps.maxLogFiles ?? 4) : [];
      if (logs.length) files.push(...logs);
      else
        files.push({
          name: 'logs/recent.jsonl',
          text: deps
            .recentLog()
            .map((e) => JSON.stringify(e))
            .join('\n'),
        });
      const stamp = at.toISOString().replace(/[:.]/g, '-');
      deps.log.info('diagnostics bundle made', { files: files.length });
      return { fileName: `roster-diagnostics-${stamp}.zip`, bytes: zipBundle(files, at) };
    },
  };
}
