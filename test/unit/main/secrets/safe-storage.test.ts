import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
