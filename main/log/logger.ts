/**
 * A small structured logger: levels, scopes, JSON lines to a file in the data folder with
 * size-capped rotation, the console in development, and a ring buffer of recent entries for
 * the diagnostics bundle.
 *
 * Why not pino or winston: this is about 150 lines, and the one property that matters here,
 * that every message and every piece of data goes through `redact` before it reaches any
 * destination (file, console, ring buffer, transports added later), is easiest to guarantee
 * when there is exactly one write path and it is ours.
 *
 * Writes are synchronous appends: lines keep their order, the last line before a crash is on
 * disk, and a log line is small. A logger never throws at its caller: if the file cannot be
 * written, it says so once on stderr and keeps the ring buffer going.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact, redactString, type RedactOptions } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogEntry {
  /** ISO 8601 time. */
  time: string;
  level: LogLevel;
  /** Dotted scope path ('' for the root logger): 'session', 'exchange.transport'. */
  scope: string;
  msg: string;
  /** Already redacted. */
  data?: unknown;
}

export interface Logger {
  readonly scope: string;
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
  /** A logger for a part of the app; it shares the file, the level and the ring buffer. */
  child(scope: string): Logger;
  setLevel(level: LogLevel): void;
  /** The most recent entries, oldest first, already redacted (for the diagnostics bundle). */
  recent(): LogEntry[];
}

export interface LoggerOptions {
  /** The log file (JSON lines). Without one, entries go to the ring buffer (and the console) only. */
  file?: string;
  /** Lowest level written. Default 'info'. */
  level?: LogLevel;
  /** Also print to the console (development). Default false. */
  console?: boolean;
  /** Rotate when the file would grow past this many bytes. Default 1 MiB. */
  maxBytes?: number;
  /** How many rotated files to keep besides the live one (`roster.log.1` …). Default 3. */
  maxFiles?: number;
  /** How many entries the ring buffer keeps. Default 500. */
  ringSize?: number;
  /** Passed to redact (tests set the home directory). */
  redact?: RedactOptions;
  /** The clock (tests). */
  now?: () => Date;
}

/** JSON.stringify that copes with what redact leaves: Maps, Sets, bigints. */
function toJsonLine(entry: LogEntry): string {
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v] as const));
    if (value instanceof Set) return [...(value as Set<unknown>)];
    if (typeof value === 'bigint') return value.toString();
    return value;
  });
}

class FileSink {
  private size = 0;
  private broken = false;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
  ) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      this.size = statSync(file).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.fail(err);
    }
  }

  write(line: string): void {
    if (this.broken) return;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, line, { mode: 0o600 });
      this.size += bytes;
    } catch (err) {
      this.fail(err);
    }
  }

  private rotate(): void {
    const name = (n: number) => (n === 0 ? this.file : `${this.file}.${n}`);
    if (this.maxFiles <= 0) {
      rmSync(this.file, { force: true });
    } else {
      rmSync(name(this.maxFiles), { force: true });
      for (let n = this.maxFiles - 1; n >= 0; n--) {
        try {
          renameSync(name(n), name(n + 1));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    }
    this.size = 0;
  }

  private fail(err: unknown): void {
    this.broken = true;
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `roster: the log file cannot be written (${redactString(reason)}); logging to memory only\n`,
    );
  }
}

interface Shared {
  level: LogLevel;
  ring: LogEntry[];
  ringSize: number;
  sink: FileSink | null;
  console: boolean;
  redact: RedactOptions | undefined;
  now: () => Date;
}

function emit(shared: Shared, level: LogLevel, scope: string, msg: unknown, data: unknown): void {
  if (RANK[level] < RANK[shared.level]) return;
  let entry: LogEntry;
  try {
    entry = {
      time: shared.now().toISOString(),
      level,
      scope,
      msg: redactString(typeof msg === 'string' ? msg : String(msg), shared.redact),
    };
    if (data !== undefined) entry.data = redact(data, shared.redact);
  } catch {
    // Only a hostile value (a throwing getter, a broken clock) gets here. Keep the line, lose the data.
    entry = { time: new Date().toISOString(), level, scope, msg: '[log entry could not be redacted]' };
  }
  Object.freeze(entry);
  shared.ring.push(entry);
  if (shared.ring.length > shared.ringSize) shared.ring.splice(0, shared.ring.length - shared.ringSize);
  if (shared.sink) shared.sink.write(toJsonLine(entry) + '\n');
  if (shared.console) {
    const head = `${entry.time} ${level.toUpperCase().padEnd(5)} ${scope ? `[${scope}] ` : ''}${entry.msg}`;
    const method = level === 'error' ? console.error : level === 'warn' ? console.warn : console.log;
    if (entry.data === undefined) method(head);
    else method(head, (JSON.parse(toJsonLine(entry)) as { data?: unknown }).data);
  }
}

function makeLogger(shared: Shared, scope: string): Logger {
  return {
    scope,
    debug: (msg, data) => emit(shared, 'debug', scope, msg, data),
    info: (msg, data) => emit(shared, 'info', scope, msg, data),
    warn: (msg, data) => emit(shared, 'warn', scope, msg, data),
    error: (msg, data) => emit(shared, 'error', scope, msg, data),
    child: (name) => makeLogger(shared, scope ? `${scope}.${name}` : name),
    setLevel: (level) => {
      shared.level = level;
    },
    recent: () => shared.ring.slice(),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const shared: Shared = {
    level: options.level ?? 'info',
    ring: [],
    ringSize: Math.max(1, options.ringSize ?? 500),
    sink: options.file
      ? new FileSink(options.file, options.maxBytes ?? 1024 * 1024, options.maxFiles ?? 3)
      : null,
    console: options.console ?? false,
    redact: options.redact,
    now: options.now ?? (() => new Date()),
  };
  return makeLogger(shared, '');
}
