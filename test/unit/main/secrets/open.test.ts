import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyringEntry, KeyringLoader } from '../../../../main/secrets/keyring';
import { createMemoryVault } from '../../../../main/secrets/memory';
import { openVault, probeVault } from '../../../../main/secrets/open';
import { fakeSafeStorage } from './fake-safe-storage';

function workingKeyring(): { load: KeyringLoader; store: Map<string, string> } {
  const store = new Map<string, string>();
  class AsyncEntry implements KeyringEntry {
    constructor(
      _service: string,
      private readonly account: string,
    ) {}
    getPassword = () => Promise.resolve(store.get(this.account) ?? null);
    setPassword = (p: string) => {
      store.set(this.account, p);
      return Promise.resolve();
    };
    deleteCredential = () => Promise.resolve(store.delete(this.account));
  }
  const findCredentialsAsync = () => Promise.resolve([...store.keys()].map((account) => ({ account })));
  return { load: () => Promise.resolve({ AsyncEntry, findCredentialsAsync }), store };
}

/** A keyring that loads but cannot be reached, like @napi-rs/keyring with no session bus. */
const deniedKeyring: KeyringLoader = () =>
  Promise.resolve({
    AsyncEntry: class implements KeyringEntry {
      getPassword = () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied"));
      setPassword = () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied"));
      deleteCredential = () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied"));
    },
    findCredentialsAsync: () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied")),
  });

/** A keyring whose calls never answer (a locked keyring waiting on an unseen prompt). */
const hangingKeyring: KeyringLoader = () =>
  Promise.resolve({
    AsyncEntry: class implements KeyringEntry {
      getPassword = () => new Promise<string | null>(() => undefined);
      setPassword = () => new Promise<void>(() => undefined);
      deleteCredential = () => new Promise<boolean>(() => undefined);
    },
    findCredentialsAsync: () => new Promise<Array<{ account: string }>>(() => undefined),
  });

const missingKeyring: KeyringLoader = () =>
  Promise.reject(new Error('Cannot find module @napi-rs/keyring-linux-x64-gnu'));

function recordingLog() {
  const lines: { level: string; msg: string; data?: unknown }[] = [];
  return {
    lines,
    info: (msg: string, data?: unknown) => lines.push({ level: 'info', msg, data }),
    warn: (msg: string, data?: unknown) => lines.push({ level: 'warn', msg, data }),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-open-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openVault', () => {
  it('chooses safeStorage first when it is handed in and has a key store', async () => {
    const kr = workingKeyring();
    const vault = await openVault({
      safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }),
      dataDir: dir,
      keyring: kr.load,
    });
    expect(vault.backend).toBe('safeStorage:gnome_libsecret');
    expect(vault.kind).toBe('os');
    await vault.set('alice', 'pw');
    expect(kr.store.size).toBe(0);
    expect(await readdir(dir)).toContain('vault.json');
  });

  it('falls back to the OS keyring when safeStorage is basic_text, leaving no probe entry behind', async () => {
    const kr = workingKeyring();
    const log = recordingLog();
    const vault = await openVault({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      dataDir: dir,
      keyring: kr.load,
      log,
    });
    expect(vault.kind).toBe('os');
    expect(vault.backend).toMatch(/^keyring:/);
    expect(kr.store.size).toBe(0);
    await vault.set('alice', 'pw');
    expect(kr.store.get('alice')).toBe('pw');
    expect(await readdir(dir)).toEqual([]);
    expect(log.lines).toEqual([expect.objectContaining({ level: 'info', data: { backend: vault.backend } })]);
  });

  it('uses the OS keyring when no safeStorage is handed in (plain Node)', async () => {
    const vault = await openVault({ dataDir: dir, keyring: workingKeyring().load });
    expect(vault.backend).toMatch(/^keyring:/);
  });

  it('tries the keyring first with preferKeyring', async () => {
    const vault = await openVault({
      safeStorage: fakeSafeStorage(),
      dataDir: dir,
      keyring: workingKeyring().load,
      preferKeyring: true,
    });
    expect(vault.backend).toMatch(/^keyring:/);
  });

  it.each([
    ['refuses access', deniedKeyring],
    ['is missing its native binary', missingKeyring],
    ['never answers', hangingKeyring],
  ])('falls back to a session vault when the keyring %s, and says why', async (_what, keyring) => {
    const log = recordingLog();
    const vault = await openVault({
      safeStorage: fakeSafeStorage({ available: false }),
      dataDir: dir,
      keyring,
      log,
      probeTimeoutMs: 50,
    });
    expect(vault.kind).toBe('session');
    expect(vault.backend).toBe('memory');
    await vault.set('alice', 'pw');
    expect(await vault.get('alice')).toBe('pw');
    expect(await readdir(dir)).toEqual([]);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({
      level: 'warn',
      data: {
        refused: {
          safeStorage: expect.stringMatching(/not available/) as unknown,
          'OS keyring': expect.any(String) as unknown,
        },
      },
    });
  });

  it('falls back to a session vault with no safeStorage and the keyring turned off', async () => {
    const vault = await openVault({ dataDir: dir, keyring: false });
    expect(vault.kind).toBe('session');
  });
});

/** A keyring whose store misbehaves in one way, recording the service each entry was made for. */
function oddKeyring(odd: 'reads-back-other' | 'never-deletes') {
  const store = new Map<string, string>();
  const services: string[] = [];
  class AsyncEntry implements KeyringEntry {
    constructor(
      service: string,
      private readonly account: string,
    ) {
      services.push(service);
    }
    getPassword = () =>
      Promise.resolve(
        odd === 'reads-back-other' && store.has(this.account) ? 'other' : (store.get(this.account) ?? null),
      );
    setPassword = (p: string) => {
      store.set(this.account, p);
      return Promise.resolve();
    };
    deleteCredential = () => Promise.resolve(odd === 'never-deletes' ? false : store.delete(this.account));
  }
  const load: KeyringLoader = () =>
    Promise.resolve({ AsyncEntry, findCredentialsAsync: () => Promise.resolve([]) });
  return { load, store, services };
}

describe('openVault: the reasons it logs', () => {
  it('says safeStorage was not handed in and the keyring turned off', async () => {
    const log = recordingLog();
    await openVault({ dataDir: dir, keyring: false, log });
    expect(log.lines).toEqual([
      {
        level: 'warn',
        msg: 'vault: no OS key store; secrets kept in memory for this session only',
        data: {
          refused: { safeStorage: 'not handed in (not running in Electron)', 'OS keyring': 'turned off' },
        },
      },
    ]);
  });

  it.each([
    ['reads back something else', 'reads-back-other', 'the probe entry did not read back'],
    ['does not delete', 'never-deletes', 'the probe entry was not deleted'],
  ] as const)(
    'refuses a keyring that %s, leaving no probe entry it could delete',
    async (_what, odd, reason) => {
      const kr = oddKeyring(odd);
      const log = recordingLog();
      const vault = await openVault({ dataDir: dir, keyring: kr.load, log });
      expect(vault.kind).toBe('session');
      expect(log.lines[0]?.data).toEqual({
        refused: { safeStorage: 'not handed in (not running in Electron)', 'OS keyring': reason },
      });
      expect(kr.store.size).toBe(odd === 'never-deletes' ? 1 : 0);
    },
  );

  it('files the probe under the service asked for, "Roster" by default', async () => {
    const named = oddKeyring('reads-back-other');
    await openVault({ dataDir: dir, keyring: named.load, service: 'RosterTest' });
    expect(new Set(named.services)).toEqual(new Set(['RosterTest']));
    const plain = oddKeyring('reads-back-other');
    await openVault({ dataDir: dir, keyring: plain.load });
    expect(new Set(plain.services)).toEqual(new Set(['Roster']));
  });

  it('says which key store it chose', async () => {
    const log = recordingLog();
    const vault = await openVault({ dataDir: dir, keyring: workingKeyring().load, log });
    expect(log.lines).toEqual([
      { level: 'info', msg: 'vault: secrets kept in the OS key store', data: { backend: vault.backend } },
    ]);
  });
});

describe('probeVault: a store that never answers', () => {
  afterEach(() => vi.useRealTimers());

  it('gives up after 5 seconds by default, naming the store', async () => {
    vi.useFakeTimers();
    const vault = createMemoryVault('hanging');
    vault.set = () => new Promise<void>(() => undefined);
    const outcome = probeVault(vault).then(
      () => 'resolved',
      (err: Error) => err.message,
    );
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('hanging probe did not answer within 5000 ms');
  });

  it('resolves for a store that works, leaving nothing behind', async () => {
    const vault = createMemoryVault();
    await expect(probeVault(vault)).resolves.toBeUndefined();
    expect(await vault.accounts()).toEqual([]);
  });
});

describe('openVault and probeVault: timers and throws (issue 24)', () => {
  afterEach(() => vi.useRealTimers());

  it('leaves no timer pending once the probe has answered', async () => {
    vi.useFakeTimers();
    await probeVault(createMemoryVault());
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up on a hanging keyring after the probeTimeoutMs asked for, not the default', async () => {
    vi.useFakeTimers();
    let kind: string | undefined;
    void openVault({ dataDir: dir, keyring: hangingKeyring, probeTimeoutMs: 50 }).then((v) => {
      kind = v.kind;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(kind).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(kind).toBe('session');
  });

  it('takes a candidate that throws as a refusal, with its message', async () => {
    const ss = fakeSafeStorage();
    Object.defineProperty(ss, 'getSelectedStorageBackend', {
      get() {
        throw new Error('asked before the app was ready');
      },
    });
    const log = recordingLog();
    const vault = await openVault({ safeStorage: ss, dataDir: dir, keyring: false, log });
    expect(vault.kind).toBe('session');
    expect(log.lines).toStrictEqual([
      {
        level: 'warn',
        msg: 'vault: no OS key store; secrets kept in memory for this session only',
        data: { refused: { safeStorage: 'asked before the app was ready', 'OS keyring': 'turned off' } },
      },
    ]);
  });
});
