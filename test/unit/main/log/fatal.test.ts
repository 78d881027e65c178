import { describe, expect, it } from 'vitest';
import { describeError, guardProcess, printError } from '../../../../main/log/fatal';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-123456';

describe('errors printed outside the logger', () => {
  it('hide secrets in the message and the stack', () => {
    const err = new Error(`request failed: Authorization: Bearer ${TOKEN}`);
    let out = '';
    printError('closing the app failed (password=hunter2!)', err, (s) => (out += s));
    expect(out).toContain('closing the app failed');
    expect(out).toContain('request failed');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('hunter2!');
    expect(describeError({ cookie: 'session=abc123456' })).not.toContain('abc123456');
  });

  it('every unhandled rejection and uncaught exception is reported, and an uncaught one still exits', () => {
    const reported: string[] = [];
    const exits: number[] = [];
    const stop = guardProcess(
      (msg, err) => reported.push(`${msg}: ${describeError(err)}`),
      (code) => exits.push(code),
    );
    try {
      process.emit('unhandledRejection', new Error(`token=${TOKEN}`), Promise.resolve());
      process.emit('uncaughtException', new Error('boom'));
    } finally {
      stop();
    }
    expect(reported[0]).toMatch(/^unhandled promise rejection: Error: token=\[REDACTED\]/);
    expect(reported[1]).toMatch(/^uncaught exception: Error: boom/);
    expect(exits).toEqual([1]);
  });
});
