/**
 * Errors as values across the app: `AppError` carries a kind the UI can act on and a message a
 * user can read. Services throw it (or return it); the router turns any thrown value into the
 * contract's RosterError so the kind survives the process boundary.
 */
import { ErrorKind, type RosterError } from '../preload/contract';

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly certificate: RosterError['certificate'];

  constructor(kind: ErrorKind, message: string, extra: Omit<Partial<RosterError>, 'kind' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.code = extra.code;
    this.retryAfterMs = extra.retryAfterMs;
    this.certificate = extra.certificate;
  }
}

const KINDS: ReadonlySet<string> = new Set<string>(ErrorKind.options);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Any thrown value → RosterError. Values that already carry a known `kind` and a `message`
 * (AppError, the EWS client's errors) keep them; anything else is an unexpected server-side
 * failure, reported without its internals (stack traces and paths stay in the log).
 */
export function toRosterError(err: unknown): RosterError {
  if (
    isRecord(err) &&
    typeof err.kind === 'string' &&
    KINDS.has(err.kind) &&
    typeof err.message === 'string'
  ) {
    const out: RosterError = { kind: err.kind as ErrorKind, message: err.message };
    if (typeof err.code === 'string') out.code = err.code;
    if (typeof err.retryAfterMs === 'number' && Number.isFinite(err.retryAfterMs) && err.retryAfterMs >= 0) {
      out.retryAfterMs = Math.round(err.retryAfterMs);
    }
    const cert = err.certificate;
    if (isRecord(cert) && typeof cert.host === 'string' && typeof cert.fingerprint256 === 'string') {
      out.certificate = { host: cert.host, fingerprint256: cert.fingerprint256 };
      if (typeof cert.subject === 'string') out.certificate.subject = cert.subject;
    }
    const redirectHost = isRecord(err.redirect) ? err.redirect.host : err.redirectHost;
    if (typeof redirectHost === 'string') out.redirect = { host: redirectHost };
    return out;
  }
  return { kind: 'server', message: 'Something went wrong inside Roster. The details are in the log.' };
}
