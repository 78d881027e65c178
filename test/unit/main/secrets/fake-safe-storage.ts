/** A stand-in for Electron's safeStorage that really encrypts (AES-256-GCM with a per-instance key). */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../../../main/secrets/safe-storage';

export interface FakeSafeStorageOptions {
  available?: boolean;
  backend?: string;
  /** Offer the async trio (Electron ≥ 39) besides the sync calls. */
  async?: boolean;
  key?: Buffer;
}

export interface FakeSafeStorage extends SafeStorageLike {
  calls: { sync: number; async: number };
  /** Make the next async decrypt report a rotated key. */
  rotateOnce(): void;
}

export function fakeSafeStorage(options: FakeSafeStorageOptions = {}): FakeSafeStorage {
  const key = options.key ?? randomBytes(32);
  let rotate = false;
  const calls = { sync: 0, async: 0 };
  const encrypt = (plain: string): Buffer => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from('v10'), iv, c.getAuthTag(), body]);
  };
  const decrypt = (buf: Buffer): string => {
    if (buf.subarray(0, 3).toString() !== 'v10')
      throw new Error('Error while decrypting the ciphertext provided');
    const d = createDecipheriv('aes-256-gcm', key, buf.subarray(3, 15));
    d.setAuthTag(buf.subarray(15, 31));
    return Buffer.concat([d.update(buf.subarray(31)), d.final()]).toString('utf8');
  };
  const ss: FakeSafeStorage = {
    calls,
    rotateOnce: () => {
      rotate = true;
    },
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => {
      calls.sync++;
      return encrypt(plain);
    },
    decryptString: (buf) => {
      calls.sync++;
      return decrypt(buf);
    },
  };
  if (options.backend !== undefined) {
    const backend = options.backend;
    ss.getSelectedStorageBackend = () => backend;
  }
  if (options.async) {
    ss.isAsyncEncryptionAvailable = () => Promise.resolve(options.available ?? true);
    ss.encryptStringAsync = (plain) => {
      calls.async++;
      return Promise.resolve().then(() => encrypt(plain));
    };
    ss.decryptStringAsync = (buf) => {
      calls.async++;
      const shouldReEncrypt = rotate;
      rotate = false;
      return Promise.resolve().then(() => ({ result: decrypt(buf), shouldReEncrypt }));
    };
  }
  return ss;
}
