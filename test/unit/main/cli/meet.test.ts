/** `roster meet`'s usage checks, in-process: every bad usage exits 2 with a line saying what is wrong, before any password or network. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeSlot, meet } from '../../../../main/cli/meet';

let errors: string[];
let logs: string[];
beforeEach(() => {
  errors = [];
  logs = [];
  vi.spyOn(console, 'error').mockImplementation((s: unknown) => void errors.push(String(s)));
  vi.spyOn(console, 'log').mockImplementation((s: unknown) => void logs.push(String(s)));
});
afterEach(() => vi.restoreAllMocks());

const base = ['--email', 'alice@contoso.test', '--with', 'bob@contoso.test', '--duration', '30'];

describe('roster meet: bad usage', () => {
  it.each([
    ['no --email', ['--with', 'bob@contoso.test', '--duration', '30'], /--email/],
    ['no --with', ['--email', 'alice@contoso.test', '--duration', '30'], /--with/],
    ['no --duration', ['--email', 'alice@contoso.test', '--with', 'bob@contoso.test'], /--duration/],
    ['a duration out of range', [...base.slice(0, 4), '--duration', '1000'], /--duration must be/],
    ['a duration that is not a number', [...base.slice(0, 4), '--duration', 'half'], /--duration must be/],
    [
      'a bad address',
      ['--email', 'alice@contoso.test', '--with', 'bob,carol@x.test', '--duration', '30'],
      /--with bob: not an e-mail/,
    ],
    ['both --online and --in-person', [...base, '--online', '--in-person'], /not both/],
    ['an unknown option', [...base, '--when', 'now'], /Unknown option '--when'/],
    ['--within out of range', [...base, '--within', '30d'], /--within must be/],
    ['an unknown language', [...base, '--language', 'de'], /--language/],
    ['an unknown auth', [...base, '--auth', 'kerberos'], /--auth kerberos/],
    ['an empty subject', [...base, '--subject', '  '], /--subject/],
  ])('%s', async (_name, args, message) => {
    await expect(meet(args)).resolves.toBe(2);
    expect(errors[0]).toMatch(message);
    expect(errors.at(-1)).toMatch(/--help/);
    expect(logs).toEqual([]);
  });

  it('--help prints the usage and exits 0', async () => {
    await expect(meet(['--help'])).resolves.toBe(0);
    expect(logs[0]).toMatch(/^Usage: npm run roster -- meet/);
  });
});

describe('describeSlot', () => {
  it('says how many are free and who is not', () => {
    const line = describeSlot({
      start: '2026-11-30T14:00:00Z',
      end: '2026-11-30T14:30:00Z',
      answers: [
        { email: 'me@x.test', required: true, answer: 'free' },
        { email: 'bob@x.test', required: true, answer: 'maybe' },
        { email: 'eve@x.test', required: false, answer: 'busy' },
      ],
      requiredMaybe: 1,
      optionalFree: 0,
    });
    expect(line).toMatch(
      /^\w{3} 30 Nov \d{2}:00–\d{2}:30 {2}1\/3 free \(bob@x\.test maybe, eve@x\.test busy\)$/,
    );
  });
});
