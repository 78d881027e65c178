/**
 * Errors printed outside the logger (before it exists, or on stderr beside it) go through the
 * redactor too: a stack trace can carry a URL with a token or a header someone put in a message.
 */
import { redact, redactString } from './redact';

/** The redacted text of an error: its stack when it has one, else its message or value. */
export function describeError(err: unknown): string {
  const clean = redact(err);
  if (clean && typeof clean === 'object') {
    const { stack, message } = clean as { stack?: unknown; message?: unknown };
    if (typeof stack === 'string') return stack;
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(clean);
    } catch {
      return '[unprintable error]';
    }
  }
  return String(clean);
}

/** Writes `msg: <redacted error>` on stderr. */
export function printError(
  msg: string,
  err?: unknown,
  write: (s: string) => void = (s) => process.stderr.write(s),
): void {
  write(`${redactString(msg)}${err === undefined ? '' : `: ${describeError(err)}`}\n`);
}

/**
 * Every error nothing caught (a rejected promise no one awaited, a throw in a callback) is told to
 * `report`, which logs it redacted. An uncaught exception still ends the process, as Node would.
 */
export function guardProcess(
  report: (msg: string, err: unknown) => void,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const onRejection = (err: unknown): void => report('unhandled promise rejection', err);
  const onException = (err: unknown): void => {
    report('uncaught exception', err);
    exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
