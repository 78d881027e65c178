import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type LogEntry } from '../../../../main/log/logger';

const PASSWORD = 'hunter2-Xyzzy!';
const onWindows = process.platform === 'win32'; // no POSIX modes to check there

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-log-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function readLines(file: string): Promise<LogEntry[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry);
}

describe('logger', () => {
  it('writes JSON lines with time, level, scope, message and data', async () => {
    const file = join(dir, 'logs', 'roster.log');
    const log = createLogger({ file, level: 'debug', now: () => new Date('2026-11-25T02:15:00Z') });
    log.info('started', { shell: 'web' });
    log.child('session').child('autodiscover').warn('slow', { ms: 1200 });
    expect(await readLines(file)).toEqual([
      { time: '2026-11-25T02:15:00.000Z', level: 'info', scope: '', msg: 'started', data: { shell: 'web' } },
      {
        time: '2026-11-25T02:15:00.000Z',
        level: 'warn',
        scope: 'session.autodiscover',
        msg: 'slow',
        data: { ms: 1200 },
      },
    ]);
  });

  it.skipIf(onWindows)('creates the log file readable by its owner only (0600)', async () => {
    const file = join(dir, 'logs', 'roster.log');
    createLogger({ file, level: 'debug' }).info('started');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('never writes a password passed in data or in the message', async () => {
    const file = join(dir, 'roster.log');
    const log = createLogger({ file, level: 'debug', console: true, redact: { home: '/home/alice' } });
    const printed: unknown[] = [];
    for (const m of ['log', 'warn', 'error'] as const) {
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(...args));
    }
    const session = log.child('session');
    session.info('signing in', { user: 'alice@contoso.com', password: PASSWORD });
    session.debug(`POST /owa/auth.owa body=username=alice&password=${PASSWORD}`);
    session.warn(`401 with Authorization: Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`);
    session.error('request failed', {
      request: {
        headers: new Map([['Authorization', `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`]]),
      },
      err: new Error(`bad credentials password=${PASSWORD}`),
      nested: [{ creds: { Password: PASSWORD } }],
    });

    const text = await readFile(file, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
    const b64 = Buffer.from(`alice:${PASSWORD}`).toString('base64');
    for (const where of [text, JSON.stringify(log.recent()), JSON.stringify(printed)]) {
      expect(where).not.toContain(PASSWORD);
      expect(where).not.toContain(b64);
      expect(where).toContain('[REDACTED]');
    }
    const [first] = await readLines(file);
    expect(first?.data).toEqual({ user: 'alice@contoso.com', password: '[REDACTED]' });
  });

  it('writes Maps and Sets as JSON, and paths under home as ~', async () => {
    const file = join(dir, 'roster.log');
    const log = createLogger({ file, redact: { home: '/home/alice' } });
    log.info('cache', {
      path: '/home/alice/.cache/roster',
      sizes: new Map([['648', 3]]),
      ids: new Set([1, 2]),
    });
    const [entry] = await readLines(file);
    expect(entry?.data).toEqual({ path: '~/.cache/roster', sizes: { '648': 3 }, ids: [1, 2] });
  });

  it('drops entries below the level, and the level can change', () => {
    const log = createLogger({ level: 'warn' });
    log.info('quiet');
    log.warn('loud');
    log.setLevel('debug');
    log.child('x').debug('now heard');
    expect(log.recent().map((e) => e.msg)).toEqual(['loud', 'now heard']);
  });

  it('keeps the most recent entries in a ring buffer shared by children', () => {
    const log = createLogger({ ringSize: 3 });
    const child = log.child('photos');
    for (let i = 0; i < 5; i++) (i % 2 ? child : log).info(`m${i}`);
    const recent = log.recent();
    expect(recent.map((e) => e.msg)).toEqual(['m2', 'm3', 'm4']);
    expect(child.recent()).toEqual(recent);
    recent.pop();
    expect(log.recent()).toHaveLength(3);
  });

  it('rotates at the size cap and keeps maxFiles old files', async () => {
    const file = join(dir, 'roster.log');
    const log = createLogger({ file, maxBytes: 400, maxFiles: 2 });
    for (let i = 0; i < 40; i++) log.info(`line ${String(i).padStart(3, '0')}`, { pad: 'x'.repeat(40) });
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['roster.log', 'roster.log.1', 'roster.log.2']);
    for (const f of files) expect((await stat(join(dir, f))).size).toBeLessThanOrEqual(400);
    const live = await readLines(file);
    const older = await readLines(`${file}.1`);
    expect(live.at(-1)?.msg).toBe('line 039');
    // No line is lost or torn between the live file and the one rotated just before it.
    const lastOld = Number(older.at(-1)?.msg.slice(5));
    expect(Number(live[0]?.msg.slice(5))).toBe(lastOld + 1);
  });

  it('continues an existing file and counts its size toward the cap', async () => {
    const file = join(dir, 'roster.log');
    createLogger({ file }).info('x'.repeat(300));
    createLogger({ file, maxBytes: 400 }).info('y'.repeat(300));
    expect((await readLines(`${file}.1`)).map((e) => e.msg[0])).toEqual(['x']);
    expect((await readLines(file)).map((e) => e.msg[0])).toEqual(['y']);
  });

  it('does not throw when the file cannot be written, says so once, and keeps the ring buffer', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await writeFile(join(dir, 'blocker'), '');
    const log = createLogger({ file: join(dir, 'blocker', 'roster.log') }); // a file is in the way of the folder
    expect(() => log.error('still fine')).not.toThrow();
    log.info('and again');
    expect(log.recent().map((e) => e.msg)).toEqual(['still fine', 'and again']);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('log file cannot be written'));
  });
});
