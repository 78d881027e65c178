import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkSafeStorage,
  createSafeStorageVault,
  VAULT_FILE_NAME,
} from '../../../../main/secrets/safe-storage';
import { fakeSafeStorage } from './fake-safe-storage';

const SECRET = 'Corr3ct-Horse-Battery-Staple!';

const onWindows = process.platform === 'win32'; // no POSIX modes to check there
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkSafeStorage', () => {
  it('accepts a real key store', async () => {
    expect(await checkSafeStorage(fakeSafeStorage({ backend: 'gnome_libsecret' }))).toEqual({
      usable: true,
      backend: 'gnome_libsecret',
    });
  });

  it('accepts macOS/Windows, where no backend is reported', async () => {
    expect(await checkSafeStorage(fakeSafeStorage())).toMatchObject({ usable: true });
  });

  it('refuses basic_text (a hard-coded key) even though encryption says available', async () => {
    const result = await checkSafeStorage(fakeSafeStorage({ backend: 'basic_text', available: true }));
    expect(result.usable).toBe(false);
    expect(result.usable === false && result.reason).toMatch(/basic_text/);
  });

  it('refuses an unknown backend and unavailable encryption', async () => {
    expect((await checkSafeStorage(fakeSafeStorage({ backend: 'unknown' }))).usable).toBe(false);
    expect((await checkSafeStorage(fakeSafeStorage({ available: false }))).usable).toBe(false);
    expect((await checkSafeStorage(fakeSafeStorage({ available: false, async: true }))).usable).toBe(false);
  });

  it('refuses a safeStorage whose round trip fails although it claims to be available', async () => {
    const ss = fakeSafeStorage({ backend: 'gnome_libsecret' });
    ss.decryptString = () => 'garbage';
    expect(await checkSafeStorage(ss)).toMatchObject({
      usable: false,
      reason: expect.stringMatching(/decrypt/) as unknown,
    });
  });

  it('reports a throwing safeStorage as not usable instead of throwing', async () => {
    const ss = fakeSafeStorage();
    ss.isEncryptionAvailable = () => {
      throw new Error('not ready');
    };
    expect(await checkSafeStorage(ss)).toEqual({ usable: false, reason: 'safeStorage failed: not ready' });
  });
});

describe('safeStorage vault', () => {
  it('round-trips secrets for several accounts, through a fresh vault on the same folder', async () => {
    const ss = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const vault = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
    expect(vault.kind).toBe('os');
    expect(vault.backend).toBe('safeStorage:gnome_libsecret');
    await vault.set('alice@contoso.com', SECRET);
    await vault.set('bob@contoso.com', 'bob-pw');
    const again = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
    expect(await again.get('alice@contoso.com')).toBe(SECRET);
    expect(await again.get('bob@contoso.com')).toBe('bob-pw');
    expect(await again.get('nobody')).toBeNull();
    await again.delete('alice@contoso.com');
    await again.delete('alice@contoso.com');
    expect(await vault.get('alice@contoso.com')).toBeNull();
    expect(await vault.get('bob@contoso.com')).toBe('bob-pw');
    expect(await vault.accounts()).toEqual(['bob@contoso.com']);
  });

  it('returns null when nothing was ever saved (no file)', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: join(dir, 'missing') });
    expect(await vault.get('alice')).toBeNull();
  });

  it.skipIf(onWindows)('writes the vault file readable by its owner only (0600)', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await vault.set('alice@contoso.com', SECRET);
    expect((await stat(join(dir, VAULT_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('keeps no plaintext on disk: the file holds ciphertext only, no temp files left', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await vault.set('alice@contoso.com', SECRET);
    const bytes = await readFile(join(dir, VAULT_FILE_NAME));
    expect(bytes.includes(Buffer.from(SECRET, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET, 'utf16le'))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(SECRET).toString('base64')))).toBe(false);
    const json = JSON.parse(bytes.toString('utf8')) as { version: number; secrets: Record<string, string> };
    expect(json.version).toBe(1);
    expect(Object.keys(json.secrets)).toEqual(['alice@contoso.com']);
    expect(await readdir(dir)).toEqual([VAULT_FILE_NAME]);
  });

  it('uses the async API when Electron offers it, and re-encrypts after a key rotation', async () => {
    const ss = fakeSafeStorage({ async: true });
    const vault = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
    await vault.set('alice', SECRET);
    const before = await readFile(join(dir, VAULT_FILE_NAME), 'utf8');
    ss.rotateOnce();
    expect(await vault.get('alice')).toBe(SECRET);
    const after = await readFile(join(dir, VAULT_FILE_NAME), 'utf8');
    expect(after).not.toBe(before);
    expect(await vault.get('alice')).toBe(SECRET);
    expect(ss.calls.sync).toBe(0);
    expect(ss.calls.async).toBeGreaterThan(0);
  });

  it('does not lose an update when writes overlap', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage({ async: true }), dataDir: dir });
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.set(`user${i}`, `pw${i}`)));
    for (let i = 0; i < 10; i++) expect(await vault.get(`user${i}`)).toBe(`pw${i}`);
  });

  it('reports a corrupt file with a clear error, then recovers on the next save', async () => {
    await writeFile(join(dir, VAULT_FILE_NAME), '{"version":1,"secrets":{"alice":12');
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    const err = await vault.get('alice').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'VaultError', code: 'corrupt', kind: 'unavailable' });
    expect((err as Error).message).toMatch(/damaged/);
    expect((err as Error).message).not.toContain(dir);

    await vault.set('alice', SECRET);
    expect(await vault.get('alice')).toBe(SECRET);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${VAULT_FILE_NAME}.corrupt-`))).toBe(true);
  });

  it.each([
    ['not JSON', 'hello'],
    ['an array', '[]'],
    ['a wrong version', '{"version":2,"backend":"x","secrets":{}}'],
    ['a non-string entry', '{"version":1,"backend":"x","secrets":{"a":1}}'],
    ['a non-base64 entry', '{"version":1,"backend":"x","secrets":{"a":"hunter2!"}}'],
  ])('treats %s as corrupt', async (_what, text) => {
    await writeFile(join(dir, VAULT_FILE_NAME), text);
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await expect(vault.get('a')).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('says why a secret cannot be decrypted when another key store wrote it', async () => {
    const writer = createSafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'kwallet5' }),
      dataDir: dir,
    });
    await writer.set('alice', SECRET);
    const reader = createSafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }),
      dataDir: dir,
    });
    await expect(reader.get('alice')).rejects.toMatchObject({
      code: 'undecryptable',
      message: expect.stringMatching(/kwallet5.*gnome_libsecret/) as unknown,
    });
  });
});

describe('checkSafeStorage: each refusal in its own words', () => {
  it.each([
    [
      'basic_text',
      () => fakeSafeStorage({ backend: 'basic_text' }),
      'safeStorage has no OS key store on this desktop (backend basic_text: a hard-coded key)',
    ],
    [
      'an unknown backend',
      () => fakeSafeStorage({ backend: 'unknown' }),
      'safeStorage backend is unknown (asked before the app was ready?)',
    ],
    [
      'a backend that throws when asked',
      () => {
        const ss = fakeSafeStorage();
        ss.getSelectedStorageBackend = () => {
          throw new Error('not ready');
        };
        return ss;
      },
      'safeStorage backend is unknown (asked before the app was ready?)',
    ],
    [
      'encryption unavailable',
      () => fakeSafeStorage({ available: false }),
      'safeStorage says encryption is not available',
    ],
    [
      'a round trip that changes the text',
      () => {
        const ss = fakeSafeStorage();
        ss.decryptString = () => 'other';
        return ss;
      },
      'safeStorage did not decrypt what it encrypted',
    ],
  ])('%s', async (_what, make, reason) => {
    expect(await checkSafeStorage(make())).toEqual({ usable: false, reason });
  });

  it('names the platform when safeStorage names no backend', async () => {
    expect(await checkSafeStorage(fakeSafeStorage())).toEqual({ usable: true, backend: process.platform });
  });

  it.each(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync'] as const)(
    'uses the synchronous calls when %s is missing from the async trio',
    async (missing) => {
      const ss = fakeSafeStorage({ async: true });
      delete ss[missing];
      const vault = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
      await vault.set('alice', SECRET);
      expect(await vault.get('alice')).toBe(SECRET);
      expect(ss.calls).toEqual({ sync: 2, async: 0 });
      expect((await checkSafeStorage(ss)).usable).toBe(true);
    },
  );
});

describe('safeStorage vault: failures and the file', () => {
  it('names its backend after the platform when safeStorage names none, and uses the file name asked for', async () => {
    const vault = createSafeStorageVault({
      safeStorage: fakeSafeStorage(),
      dataDir: dir,
      fileName: 'v.json',
    });
    expect(vault.backend).toBe(`safeStorage:${process.platform}`);
    await vault.set('alice', SECRET);
    expect(await readdir(dir)).toEqual(['v.json']);
    const json = JSON.parse(await readFile(join(dir, 'v.json'), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ version: 1, backend: process.platform });
  });

  it.each([
    ['a null backend', '{"version":1,"backend":null,"secrets":{}}'],
    ['secrets as a list', '{"version":1,"backend":"x","secrets":[]}'],
    ['no secrets', '{"version":1,"backend":"x","secrets":null}'],
    ['null', 'null'],
    ['secrets as a string of base64 letters', '{"version":1,"backend":"x","secrets":"QUJD"}'],
  ])('treats %s as corrupt', async (_what, text) => {
    await writeFile(join(dir, VAULT_FILE_NAME), text);
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await expect(vault.get('a')).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('reads a valid file with an empty entry list', async () => {
    await writeFile(join(dir, VAULT_FILE_NAME), '{"version":1,"backend":"x","secrets":{"a":""}}');
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    expect(await vault.accounts()).toEqual(['a']);
  });

  it('lists no account from a damaged file, and moves it aside', async () => {
    await writeFile(join(dir, VAULT_FILE_NAME), 'damaged');
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    expect(await vault.accounts()).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.startsWith(`${VAULT_FILE_NAME}.corrupt-`))).toHaveLength(1);
  });

  it('says the file could not be read when it is not a file, and does not move it', async () => {
    await mkdir(join(dir, VAULT_FILE_NAME));
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await expect(vault.get('a')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The vault file could not be read: /) as unknown,
    });
    await expect(vault.set('a', SECRET)).rejects.toMatchObject({ code: 'unavailable' });
    expect(await readdir(dir)).toEqual([VAULT_FILE_NAME]);
  });

  it('says the file could not be written when the folder is a file', async () => {
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'x');
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: blocked });
    await expect(vault.set('a', SECRET)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The vault file could not (be read|be written): /) as unknown,
    });
  });

  it('says safeStorage could not encrypt, and writes nothing', async () => {
    const ss = fakeSafeStorage();
    ss.encryptString = () => {
      throw new Error('locked');
    };
    const vault = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
    await expect(vault.set('a', SECRET)).rejects.toMatchObject({
      code: 'unavailable',
      message: 'safeStorage could not encrypt: locked',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('says the OS key may have changed when the same store cannot decrypt', async () => {
    await createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir }).set('a', SECRET);
    const other = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await expect(other.get('a')).rejects.toMatchObject({
      code: 'undecryptable',
      message: 'The saved password could not be decrypted. The OS key may have changed.',
    });
  });

  it('still gives the secret when re-encrypting after a key rotation fails', async () => {
    const key = randomBytes(32);
    await createSafeStorageVault({ safeStorage: fakeSafeStorage({ key }), dataDir: dir }).set('a', SECRET);
    const before = await readFile(join(dir, VAULT_FILE_NAME), 'utf8');
    const ss = fakeSafeStorage({ async: true, key });
    ss.encryptStringAsync = () => Promise.reject(new Error('locked'));
    ss.rotateOnce();
    const vault = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
    expect(await vault.get('a')).toBe(SECRET);
    expect(await readFile(join(dir, VAULT_FILE_NAME), 'utf8')).toBe(before);
  });

  it('writes nothing when deleting an account that is not there', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await vault.delete('nobody');
    expect(await readdir(dir)).toEqual([]);
  });

  it('checks the account and secret before touching the file', async () => {
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    await expect(vault.get('')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.set('', 'x')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.set('a', '')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.delete('')).rejects.toMatchObject({ code: 'bad-input' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps working after a failed operation', async () => {
    const ss = fakeSafeStorage();
    const vault = createSafeStorageVault({ safeStorage: ss, dataDir: dir });
    await expect(vault.get('')).rejects.toMatchObject({ code: 'bad-input' });
    await vault.set('a', SECRET);
    expect(await vault.get('a')).toBe(SECRET);
  });
});

/** The error a promise rejects with (it must reject). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('safeStorage vault: what a failure carries (issue 24)', () => {
  it('keeps the file system error as the cause when the file cannot be read', async () => {
    await mkdir(join(dir, VAULT_FILE_NAME));
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    const err = await rejection(vault.get('a'));
    expect(err).toMatchObject({ code: 'unavailable', cause: { code: 'EISDIR' } });
  });

  it('says the file could not be written, with the cause, when only the write fails', async () => {
    // A name the folder can hold, whose temp file name (18 characters longer) it cannot.
    const fileName = `${'v'.repeat(240)}.json`;
    const vault = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir, fileName });
    const err = await rejection(vault.set('a', SECRET));
    expect(err).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The vault file could not be written: /) as unknown,
      cause: { code: 'ENAMETOOLONG' },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps safeStorage’s own error as the cause when it cannot encrypt or decrypt', async () => {
    const locked = fakeSafeStorage();
    locked.encryptString = () => {
      throw new Error('locked');
    };
    const encryptErr = await rejection(
      createSafeStorageVault({ safeStorage: locked, dataDir: dir }).set('a', SECRET),
    );
    expect(encryptErr).toMatchObject({ code: 'unavailable', cause: { message: 'locked' } });

    await createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir }).set('a', SECRET);
    const other = createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir });
    const decryptErr = await rejection(other.get('a'));
    expect(decryptErr).toMatchObject({ code: 'undecryptable' });
    expect((decryptErr as Error).cause).toBeInstanceOf(Error);
  });

  it('ends the file with a newline', async () => {
    await createSafeStorageVault({ safeStorage: fakeSafeStorage(), dataDir: dir }).set('a', SECRET);
    expect(await readFile(join(dir, VAULT_FILE_NAME), 'utf8')).toMatch(/\}\n$/);
  });
});
