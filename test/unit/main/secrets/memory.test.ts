import { describe, expect, it } from 'vitest';
import { createMemoryVault } from '../../../../main/secrets/memory';
import { VaultError } from '../../../../main/secrets/vault';

describe('memory vault', () => {
  it('is a session vault', () => {
    const vault = createMemoryVault();
    expect(vault.kind).toBe('session');
    expect(vault.backend).toBe('memory');
  });

  it('gets what was set, per account, and null for an unknown account', async () => {
    const vault = createMemoryVault();
    await vault.set('alice@contoso.com', 'pw-a');
    await vault.set('bob@contoso.com', 'pw-b');
    expect(await vault.get('alice@contoso.com')).toBe('pw-a');
    expect(await vault.get('bob@contoso.com')).toBe('pw-b');
    expect(await vault.get('carol@contoso.com')).toBeNull();
  });

  it('overwrites on set and forgets on delete; deleting twice is fine', async () => {
    const vault = createMemoryVault();
    await vault.set('alice', 'one');
    await vault.set('alice', 'two');
    expect(await vault.get('alice')).toBe('two');
    await vault.set('bob', 'three');
    expect((await vault.accounts()).sort()).toEqual(['alice', 'bob']);
    await vault.delete('alice');
    await vault.delete('alice');
    expect(await vault.get('alice')).toBeNull();
    expect(await vault.accounts()).toEqual(['bob']);
  });

  it('does not share secrets between two vaults', async () => {
    const a = createMemoryVault();
    const b = createMemoryVault();
    await a.set('alice', 'secret');
    expect(await b.get('alice')).toBeNull();
  });

  it('rejects an empty account or secret with a bad-input VaultError', async () => {
    const vault = createMemoryVault();
    await expect(vault.set('', 'x')).rejects.toMatchObject({ code: 'bad-input', kind: 'bad-input' });
    await expect(vault.set('alice', '')).rejects.toBeInstanceOf(VaultError);
    await expect(vault.get('')).rejects.toMatchObject({ code: 'bad-input' });
    await expect(vault.delete('')).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('names the backend it stands in for, and starts empty', async () => {
    const vault = createMemoryVault('keyring-fallback');
    expect(vault.backend).toBe('keyring-fallback');
    expect(await vault.accounts()).toEqual([]);
  });
});
