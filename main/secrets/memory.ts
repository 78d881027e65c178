/** A vault held in memory for this run only (kind 'session'): tests, and the fallback with no key store. */
import { checkAccount, checkSecret, type Vault } from './vault';

export function createMemoryVault(backend = 'memory'): Vault {
  const secrets = new Map<string, string>();
  return {
    kind: 'session',
    backend,
    get(account) {
      return Promise.resolve().then(() => {
        checkAccount(account);
        return secrets.get(account) ?? null;
      });
    },
    set(account, secret) {
      return Promise.resolve().then(() => {
        checkAccount(account);
        checkSecret(secret);
        secrets.set(account, secret);
      });
    },
    delete(account) {
      return Promise.resolve().then(() => {
        checkAccount(account);
        secrets.delete(account);
      });
    },
    accounts: () => Promise.resolve([...secrets.keys()]),
  };
}
