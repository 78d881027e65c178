import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  lineOfPath,
  MAX_POLICY_BYTES,
  parsePolicy,
  policyFilePath,
  readPolicyFile,
} from '../../../../../main/services/features/policy';

// The real file system throughout; only an error with no code (which no real file can be made to
// give) is injected, one call at a time.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, open: vi.fn(actual.open) };
});

describe('policyFilePath', () => {
  it.each([
    ['win32', { ProgramData: 'D:\\ProgramData' }, join('D:\\ProgramData', 'Roster', 'policy.json')],
    ['darwin', {}, '/Library/Application Support/Roster/policy.json'],
    ['linux', {}, '/etc/roster/policy.json'],
    ['linux', { ROSTER_POLICY: '/tmp/p.json' }, '/tmp/p.json'],
    ['win32', { ROSTER_POLICY: 'C:\\x\\p.json', ProgramData: 'D:\\P' }, 'C:\\x\\p.json'],
    ['win32', { PROGRAMDATA: 'E:\\PD' }, join('E:\\PD', 'Roster', 'policy.json')],
    ['win32', {}, join('C:\\ProgramData', 'Roster', 'policy.json')],
  ] as const)('%s %o → %s', (platform, env, expected) => {
    expect(policyFilePath(env, platform)).toBe(expected);
  });
});

describe('parsePolicy', () => {
  it('accepts every setting the policy may make', () => {
    const text = JSON.stringify({
      ring: 'Pilot ring A',
      features: { meetings: false, photos: false, helpdesk: true },
      allowOptIn: false,
      server: { ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx', authMethod: 'ntlm' },
      autodiscover: { allowRedirectHosts: ['mail.contoso-hosted.net'] },
      presence: { refreshMinutes: 5 },
    });
    const read = parsePolicy(text);
    expect(read.status).toBe('applied');
    if (read.status !== 'applied') return;
    expect(read.policy.features).toEqual({ meetings: false, photos: false, helpdesk: true });
    expect(read.policy.presence?.refreshMinutes).toBe(5);
  });

  it.each([
    ['invalid JSON', '{\n  "ring": "A",\n  "features": { "meetings": false, }\n}', 3, /not valid JSON/],
    [
      'a wrong type',
      '{\n  "ring": "A",\n  "features": {\n    "meetings": "no"\n  }\n}',
      4,
      /features\.meetings/,
    ],
    ['an unknown key', '{\n  "ring": "A",\n  "colour": "blue"\n}', 3, /unknown setting "colour"/],
    ['an unknown feature', '{\n  "features": {\n    "teleport": true\n  }\n}', 3, /features\.teleport/],
    [
      'an http server',
      '{\n  "server": {\n    "ewsUrl": "http://mail.contoso.com/EWS/Exchange.asmx"\n  }\n}',
      3,
      /server\.ewsUrl/,
    ],
    ['a refresh of 0 minutes', '{ "presence": { "refreshMinutes": 0 } }', 1, /presence\.refreshMinutes/],
    ['not an object', '[1, 2]', undefined, /expected object/],
  ])('refuses %s whole, with the line and the reason', (_name, text, line, reason) => {
    const read = parsePolicy(text);
    expect(read.status).toBe('invalid');
    if (read.status !== 'invalid') return;
    expect(read.line).toBe(line);
    expect(read.reason).toMatch(reason);
    expect('policy' in read).toBe(false);
  });
});

describe('readPolicyFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-policy-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('answers none when there is no file, or no folder', async () => {
    expect(await readPolicyFile(join(dir, 'policy.json'))).toEqual({ status: 'none' });
    expect(await readPolicyFile(join(dir, 'missing', 'policy.json'))).toEqual({ status: 'none' });
  });

  it('reads a valid file', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, '\uFEFF{ "ring": "Ring 1" }');
    expect(await readPolicyFile(file)).toMatchObject({ status: 'applied', policy: { ring: 'Ring 1' } });
  });

  it('refuses a 10 MB file before parsing it, saying its size', async () => {
    const file = join(dir, 'policy.json');
    // Valid JSON, so only the size can refuse it.
    await writeFile(file, `{ "ring": "${'x'.repeat(10 * 1024 * 1024)}" }`);
    const read = await readPolicyFile(file);
    expect(read).toMatchObject({ status: 'invalid' });
    if (read.status !== 'invalid') return;
    expect(read.reason).toMatch(/too large/);
    expect(read.reason).toContain(String(MAX_POLICY_BYTES));
    expect(read.text).toBeUndefined();
  });

  it('refuses a folder where the file should be', async () => {
    const read = await readPolicyFile(dir);
    expect(read.status).toBe('invalid');
  });
});

describe('lineOfPath: the line an administrator is sent to', () => {
  const text = '{\n  "other": { "meetings": 1 },\n  "features": {\n    "meetings": "no"\n  }\n}';
  it.each([
    ['a key found after the one before it', ['features', 'meetings'], 4],
    ['the first key alone', ['other'], 2],
    ['array indexes skipped', ['features', 0, 'meetings'], 4],
    ['the last key found when a later one is not', ['features', 'photos'], 3],
    ['nothing when the first key is not there', ['server', 'ewsUrl'], undefined],
    ['nothing for an empty path', [], undefined],
  ] as const)('%s', (_name, path, want) => {
    expect(lineOfPath(text, path)).toBe(want);
  });
  it('reads a key with regular-expression characters as written', () => {
    expect(lineOfPath('{\n  "axb": 1,\n  "a.b": 2\n}', ['a.b'])).toBe(3);
    expect(lineOfPath('{\n  "a": 1,\n  "a+": 2\n}', ['a+'])).toBe(3);
  });
  it('allows spaces before the colon, but a value is not a key', () => {
    expect(lineOfPath('{\n  "ring": "features",\n  "features"  :\n {}\n}', ['features'])).toBe(3);
  });
});

describe('parsePolicy: where the reason points', () => {
  it.each([
    // Node's V8 says "at position N"; Electron's newer V8 adds "(line N column M)".
    ['a position', 'Unexpected token in JSON at position 14', '{\n  "a": 1,\n  }', 3],
    ['a line', 'Unexpected token in JSON at position 1 (line 12 column 3)', '{}', 12],
    ['a position at the very start', 'Bad JSON at position 0', '{\n}', 1],
    ['neither', 'Unexpected end of JSON input', '{\n\n', undefined],
  ])('a JSON error naming %s', (_name, message, text, line) => {
    const parse = vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError(message);
    });
    try {
      const read = parsePolicy(text);
      expect(read).toEqual({
        status: 'invalid',
        ...(line === undefined ? {} : { line }),
        reason: `not valid JSON (${message})`,
        text,
      });
    } finally {
      parse.mockRestore();
    }
  });

  it('an empty file is not valid JSON, with no line', () => {
    expect(parsePolicy('')).toEqual({
      status: 'invalid',
      reason: 'not valid JSON (Unexpected end of JSON input)',
      text: '',
    });
  });

  it('names every unknown setting, at the line of the first', () => {
    const text = '{\n  "ring": "A",\n  "server": {\n    "colour": 1,\n    "size": 2\n  }\n}';
    expect(parsePolicy(text)).toEqual({
      status: 'invalid',
      line: 4,
      reason: 'unknown setting "server.colour", "size"',
      text,
    });
  });

  it('a value of the wrong type: the path and the reason, at the value’s line', () => {
    const read = parsePolicy('{\n  "allowOptIn": "yes"\n}');
    expect(read).toMatchObject({ status: 'invalid', line: 2 });
    expect(read.status === 'invalid' && read.reason).toMatch(/^allowOptIn: /);
  });

  it('a whole file of the wrong kind: "the file", no line', () => {
    const read = parsePolicy('"a string"');
    expect(read.status).toBe('invalid');
    expect(read).not.toHaveProperty('line');
    expect(read.status === 'invalid' && read.reason).toMatch(/^the file: /);
  });

  it('keeps the text it applied, and reads a file starting with a byte-order mark', () => {
    expect(parsePolicy('\uFEFF{ "allowOptIn": false }')).toEqual({
      status: 'applied',
      policy: { allowOptIn: false },
      text: '\uFEFF{ "allowOptIn": false }',
    });
  });
});

describe('readPolicyFile: sizes at the edge', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-policy-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a file of exactly the cap, and refuses one byte more with both sizes said', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, '{ "ring": "R" }');
    expect(await readPolicyFile(file, 15)).toMatchObject({ status: 'applied', policy: { ring: 'R' } });
    expect(await readPolicyFile(file, 14)).toEqual({
      status: 'invalid',
      reason: 'is too large (15 bytes; a policy is at most 14 bytes)',
    });
  });

  it('says a folder is not a file, and why a path cannot be read', async () => {
    expect(await readPolicyFile(dir)).toEqual({ status: 'invalid', reason: 'is not a file' });
    const file = join(dir, 'policy.json');
    await writeFile(file, '{}');
    // A file where a folder should be: ENOTDIR, read as "no policy".
    expect(await readPolicyFile(join(file, 'policy.json'))).toEqual({ status: 'none' });
  });
});

describe('readPolicyFile: what cannot be read (issue 24)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-policy-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('says a path it cannot open is unreadable, with the code, rather than "no policy"', async () => {
    expect(await readPolicyFile(join(dir, 'p'.repeat(300)))).toStrictEqual({
      status: 'invalid',
      reason: 'cannot be read (ENAMETOOLONG)',
    });
  });

  it.skipIf(process.platform !== 'linux')(
    'refuses a file that reads longer than the cap although its size said less (it grew)',
    async () => {
      // /proc files say size 0 and read as text: the same as a file that grew after the stat.
      expect(await readPolicyFile('/proc/self/status', 0)).toStrictEqual({
        status: 'invalid',
        reason: 'is too large (a policy is at most 0 bytes)',
      });
    },
  );
});

describe('parsePolicy: the byte-order mark', () => {
  it('drops only a leading one, keeping one inside a value', () => {
    expect(parsePolicy('\uFEFF{ "ring": "a\uFEFFb" }')).toMatchObject({
      status: 'applied',
      policy: { ring: 'a\uFEFFb' },
    });
  });
  it('keeps one inside a value when the file does not start with one', () => {
    expect(parsePolicy('{ "ring": "a\uFEFFb" }')).toMatchObject({
      status: 'applied',
      policy: { ring: 'a\uFEFFb' },
    });
  });
});

describe('readPolicyFile: a read that fails after the file was opened', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-policy-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.skipIf(process.platform !== 'linux')(
    'says the file cannot be read, with the code, rather than applying or dropping the policy',
    async () => {
      // /proc/self/mem opens as a regular file of size 0, and reading its first byte fails with EIO.
      expect(await readPolicyFile('/proc/self/mem')).toStrictEqual({
        status: 'invalid',
        reason: 'cannot be read (EIO)',
      });
    },
  );

  it('says "error" when the failure gives no code, at open or after it', async () => {
    const { open: realOpen } = await vi.importActual<typeof FsPromises>('node:fs/promises');
    const file = join(dir, 'policy.json');
    await writeFile(file, '{ "ring": "R" }');

    vi.mocked(open).mockRejectedValueOnce(new Error('refused'));
    expect(await readPolicyFile(file)).toStrictEqual({ status: 'invalid', reason: 'cannot be read (error)' });

    vi.mocked(open).mockImplementationOnce(async (path, flags) => {
      const handle = await realOpen(path, flags);
      vi.spyOn(handle, 'stat').mockRejectedValueOnce(new Error('lost'));
      return handle;
    });
    expect(await readPolicyFile(file)).toStrictEqual({ status: 'invalid', reason: 'cannot be read (error)' });
  });
});

describe('readPolicyFile: the file is let go after each read', () => {
  let dir: string;
  beforeEach(async () => {
    dir = realpathSync(await mkdtemp(join(tmpdir(), 'roster-policy-')));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** How many of this process's descriptors are open on `path` (Linux's /proc/self/fd). */
  function descriptorsOn(path: string): number {
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd)) === path;
      } catch {
        return false; // the descriptor readdirSync itself used, closed by now
      }
    }).length;
  }

  // The features service reads the policy again at every change: a descriptor left open each time
  // would pile up for as long as Roster runs, and keep the administrator's file held open.
  it.skipIf(process.platform !== 'linux')(
    'leaves no descriptor open on the policy file, whatever the read answers',
    async () => {
      const applied = join(dir, 'applied.json');
      await writeFile(applied, '{ "ring": "R" }');
      const tooLarge = join(dir, 'too-large.json');
      await writeFile(tooLarge, '{ "ring": "a ring name longer than the cap" }');
      const broken = join(dir, 'broken.json');
      await writeFile(broken, '{ "ring": ');
      const folder = join(dir, 'folder');
      await mkdir(folder);
      const reads = [
        [applied, await readPolicyFile(applied)],
        [tooLarge, await readPolicyFile(tooLarge, 16)],
        [broken, await readPolicyFile(broken)],
        [folder, await readPolicyFile(folder)],
      ] as const;
      expect(reads.map(([path, read]) => [read.status, descriptorsOn(path)])).toEqual([
        ['applied', 0],
        ['invalid', 0],
        ['invalid', 0],
        ['invalid', 0],
      ]);
    },
  );
});
