/**
 * The connectivity check in the diagnostics bundle: can this machine reach the account's
 * autodiscover, EWS and UCWA endpoints, and how fast. Unauthenticated GETs only: an answer of any
 * status (401 included) proves the server is reachable; no credential is ever sent.
 */
import type { HttpSender } from '../../exchange/transport';

export type ProbeName = 'autodiscover' | 'ews' | 'ucwa';

export interface ProbeTarget {
  name: ProbeName;
  url: string;
}

export interface ProbeResult extends ProbeTarget {
  /** An HTTP answer came (whatever its status). */
  reachable: boolean;
  status?: number;
  durationMs: number;
  /** Why no answer came (the error's code or message). */
  error?: string;
}

/**
 * What to probe for an account: its domain's autodiscover, the EWS URL, and UCWA's discovery
 * (`<EWS origin>/autodiscover/autodiscoverservice.svc/root`, where Lync publishes it beside
 * Exchange). Without an EWS URL only autodiscover can be tried.
 */
export function probeTargets(account: { email: string; ewsUrl?: string | undefined }): ProbeTarget[] {
  const domain = account.email.split('@')[1]?.trim().toLowerCase();
  const out: ProbeTarget[] = [];
  if (domain)
    out.push({ name: 'autodiscover', url: `https://autodiscover.${domain}/autodiscover/autodiscover.xml` });
  let origin: string | null = null;
  try {
    if (account.ewsUrl) origin = new URL(account.ewsUrl).origin;
  } catch {
    origin = null;
  }
  if (origin && account.ewsUrl) {
    const ews = new URL(account.ewsUrl);
    out.push({ name: 'ews', url: `${ews.origin}${ews.pathname}` });
    out.push({ name: 'ucwa', url: `${origin}/autodiscover/autodiscoverservice.svc/root` });
  }
  return out;
}

export async function runProbes(
  targets: readonly ProbeTarget[],
  sender: HttpSender,
  options: { now?: () => number; timeoutMs?: number } = {},
): Promise<ProbeResult[]> {
  const now = options.now ?? (() => performance.now());
  return Promise.all(
    targets.map(async (target): Promise<ProbeResult> => {
      const started = now();
      try {
        const res = await sender.request({
          url: target.url,
          method: 'GET',
          timeoutMs: options.timeoutMs ?? 10_000,
        });
        await res.discard();
        return { ...target, reachable: true, status: res.status, durationMs: Math.round(now() - started) };
      } catch (err) {
        const e = err as { code?: unknown; message?: unknown };
        const error =
          typeof e.code === 'string' ? e.code : typeof e.message === 'string' ? e.message : 'failed';
        return { ...target, reachable: false, durationMs: Math.round(now() - started), error };
      }
    }),
  );
}
