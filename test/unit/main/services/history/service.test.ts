import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../../main/exchange/errors';
import type { FindMailOptions, MailPage } from '../../../../../main/exchange/operations/mail';
import { createHistoryService, type HistoryClient } from '../../../../../main/services/history';

const me = () => ({ email: 'alice@contoso.test', displayName: 'Alice Martin' });
const page: MailPage = { items: [], totalItems: 0, nextOffset: undefined };

/** A server that may lack the conversationhistory distinguished id (Exchange 2010). */
function fakeClient(o: { distinguished: boolean; folders: string[] }) {
  const asked: FindMailOptions['folder'][] = [];
  let folderLookups = 0;
  const client: HistoryClient = {
    findMailItems: (f) => {
      asked.push(f.folder);
      if (f.folder === 'conversationhistory' && !o.distinguished)
        return Promise.reject(new EwsError('bad-input', 'schema', { code: 'ErrorSchemaValidation' }));
      return Promise.resolve(page);
    },
    getMailItem: () => Promise.reject(new Error('not used')),
    findFolders: () => {
      folderLookups += 1;
      return Promise.resolve(
        o.folders.map((displayName, i) => ({ id: `f${i}`, displayName, kind: 'Folder' })),
      );
    },
  };
  return { client, asked, lookups: () => folderLookups };
}

describe('history service: which folder', () => {
  it('uses the distinguished id where the server has it', async () => {
    const f = fakeClient({ distinguished: true, folders: [] });
    const s = createHistoryService({ client: () => f.client, me });
    await s.list();
    await s.list();
    expect(f.asked).toEqual(['conversationhistory', 'conversationhistory']);
    expect(f.lookups()).toBe(0);
  });

  it.each([
    ['English', 'Conversation History'],
    ['French', 'Historique des conversations'],
  ])('falls back to the %s folder by name, once per sign-in', async (_n, name) => {
    const f = fakeClient({ distinguished: false, folders: ['Inbox', name] });
    const s = createHistoryService({ client: () => f.client, me });
    await s.list();
    await s.search('x');
    expect(f.asked).toEqual(['conversationhistory', { id: 'f1' }, { id: 'f1' }]);
    expect(f.lookups()).toBe(1);
  });

  it('says so when the mailbox has no such folder', async () => {
    const f = fakeClient({ distinguished: false, folders: ['Inbox'] });
    const s = createHistoryService({ client: () => f.client, me });
    await expect(s.list()).rejects.toMatchObject({ kind: 'not-found', code: 'NoConversationHistory' });
  });

  it.each([
    ['signed out', { client: () => null, me: () => null }, 'auth'],
    ['a page too large', undefined, 'bad-input'],
  ])('refuses when %s', async (_n, deps, kind) => {
    const f = fakeClient({ distinguished: true, folders: [] });
    const s = createHistoryService(deps ?? { client: () => f.client, me });
    await expect(s.list({ max: deps ? 10 : 1000 })).rejects.toMatchObject({ kind });
  });

  it('refuses a search longer than the server takes', async () => {
    const f = fakeClient({ distinguished: true, folders: [] });
    const s = createHistoryService({ client: () => f.client, me });
    await expect(s.search('x'.repeat(256))).rejects.toMatchObject({ kind: 'bad-input' });
  });
});
