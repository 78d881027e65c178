import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_POLICY_BYTES,
  parsePolicy,
  policyFilePath,
  readPolicyFile,
} from '../../../../../main/services/features/policy';

describe('policyFilePath', () => {
  it.each([
    ['win32', { ProgramData: 'D:\\ProgramData' }, join('D:\\ProgramData', 'Roster', 'policy.json')],
    ['darwin', {}, '/Library/Application Support/Roster/policy.json'],
    ['linux', {}, '/etc/roster/policy.json'],
    ['linux', { ROSTER_POLICY: '/tmp/p.json' }, '/tmp/p.json'],
    ['win32', { ROSTER_POLICY: 'C:\\x\\p.json', ProgramData: 'D:\\P' }, 'C:\\x\\p.json'],
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
