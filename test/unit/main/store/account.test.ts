/**
 * account.json and trusted-certificates.json are read at start (silent sign-in) and at every
 * sign-in: a file that is corrupt, of the wrong shape or unreadable must fall back (no remembered
 * account, no pins) and be told to the log, never stop the app (issue 16, finding 9).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAccountStore, openTrustStore } from '../../../../main/store/account';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'roster-account-'));
const FP = Array.from({ length: 32 }, () => 'AB').join(':');

describe('remembered account file', () => {
  it('round-trips an account', async () => {
    const store = openAccountStore(tempDir());
    await store.save({ email: 'a@contoso.test', authMethod: 'auto', ewsUrlGiven: false, demo: false });
    expect(await store.load()).toMatchObject({ email: 'a@contoso.test', authMethod: 'auto' });
  });

  it('forgets a corrupt or foreign file, and says so', async () => {
    const dir = tempDir();
    const faults: unknown[] = [];
    const store = openAccountStore(dir, (err) => faults.push(err));
    for (const text of ['{"email":', '\u0000\u0000', '[]', '{"email":42}']) {
      writeFileSync(join(dir, 'account.json'), text);
      expect(await store.load()).toBeNull();
    }
    expect(faults).toHaveLength(4);
  });

  it('forgets an unreadable file (a folder in its place) instead of rejecting', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'account.json'));
    const faults: unknown[] = [];
    expect(await openAccountStore(dir, (err) => faults.push(err)).load()).toBeNull();
    expect(faults).toHaveLength(1);
  });
});

describe('trusted certificates file', () => {
  it('keeps pins across restarts', async () => {
    const dir = tempDir();
    await openTrustStore(dir).trust('Mail.Contoso.test', FP.toLowerCase());
    expect(await openTrustStore(dir).pins()).toEqual({ 'mail.contoso.test': [FP] });
  });

  it('reads a corrupt file as no pins, says so, and lets the user trust again', async () => {
    const dir = tempDir();
    const file = join(dir, 'trusted-certificates.json');
    const faults: unknown[] = [];
    const store = openTrustStore(dir, (err) => faults.push(err));
    writeFileSync(file, '{"mail.contoso.test": ["AB:');
    expect(await store.pins()).toEqual({});
    expect(faults.splice(0)).toHaveLength(1);
    await store.trust('mail.contoso.test', FP);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'mail.contoso.test': [FP] });
    expect(await store.pins()).toEqual({ 'mail.contoso.test': [FP] });
    faults.splice(0);
    writeFileSync(file, '{"mail.contoso.test": "not a list"}');
    expect(await store.pins()).toEqual({});
    expect(faults).toHaveLength(1);
  });

  it('reads an unreadable file as no pins instead of rejecting', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'trusted-certificates.json'));
    expect(await openTrustStore(dir).pins()).toEqual({});
  });
});
