import { describe, expect, it } from 'vitest';
import { checkAccount, checkSecret, messageOf, VaultError } from '../../../../main/secrets/vault';

describe('vault input rules (the same for every vault)', () => {
  it.each([
    ['a one-character account', 'a'],
    ['an account at the 1024 cap', 'a'.repeat(1024)],
  ])('accepts %s', (_what, account) => expect(() => checkAccount(account)).not.toThrow());

  it.each([
    ['an empty account', ''],
    ['an account over the cap', 'a'.repeat(1025)],
    ['an account that is not a string', 42 as unknown as string],
  ])('refuses %s', (_what, account) =>
    expect(() => checkAccount(account)).toThrow(
      new VaultError('bad-input', 'The vault needs an account name (1 to 1024 characters).'),
    ),
  );

  it('accepts a one-character secret', () => expect(() => checkSecret('x')).not.toThrow());

  it.each([
    ['an empty secret', ''],
    ['a secret that is not a string', null as unknown as string],
  ])('refuses %s', (_what, secret) =>
    expect(() => checkSecret(secret)).toThrow(
      'The vault does not store an empty secret; delete the entry instead.',
    ),
  );
});

describe('VaultError', () => {
  it.each([
    ['bad-input', 'bad-input'],
    ['unavailable', 'unavailable'],
    ['corrupt', 'unavailable'],
    ['undecryptable', 'unavailable'],
  ] as const)('code %s travels as kind %s, named VaultError, cause kept', (code, kind) => {
    const cause = new Error('native');
    const err = new VaultError(code, 'm', { cause });
    expect(err).toMatchObject({ name: 'VaultError', code, kind, message: 'm', cause });
    expect(err).toBeInstanceOf(Error);
  });
});

describe('messageOf', () => {
  it.each([
    [new Error('boom'), 'boom'],
    ['plain text', 'plain text'],
    [42, '42'],
  ])('%s → %s', (err, message) => expect(messageOf(err)).toBe(message));
});
