import { describe, expect, it } from 'vitest';
import type { MailItem, MailPage } from '../../../../../main/exchange/operations/mail';
import { renderWav } from '../../../../../main/exchange-sim/org/history';
import { createVoicemailService, type VoicemailClient } from '../../../../../main/services/voicemail';

const item: MailItem = {
  id: 'vm1',
  itemClass: 'IPM.Note.Microsoft.Voicemail.UM.CA',
  subject: 'Voice Mail from Bob Kelly (12 seconds)',
  received: '2026-11-24T09:00:00.000Z',
  displayTo: 'Alice Martin',
  isRead: false,
  hasAttachments: true,
  from: { name: 'Bob Kelly', email: 'bob@contoso.test' },
  bodyHtml: '<div>Voice Mail Preview:</div><div>Call me</div>',
  to: [],
  attachments: [{ id: 'att1', name: 'audio.wav', contentType: 'audio/wav', size: 100 }],
};

function fakeClient(bytes: Uint8Array, over: Partial<VoicemailClient> = {}) {
  const calls: string[] = [];
  const client: VoicemailClient = {
    findMailItems: (f): Promise<MailPage> => {
      calls.push(`find ${typeof f.folder === 'string' ? f.folder : f.folder.id}`);
      return Promise.resolve({ items: [item], totalItems: 1, nextOffset: undefined });
    },
    getMailItem: () => Promise.resolve(item),
    getAttachment: (id, limits) => {
      calls.push(`attachment ${id} ${limits?.accept ?? ''}`);
      return Promise.resolve({ name: 'audio.wav', contentType: 'audio/wav', bytes });
    },
    setReadState: (ids, read) => {
      calls.push(`read ${ids.map((i) => i.id).join()} ${String(read)}`);
      return Promise.resolve([]);
    },
    deleteToDeletedItems: (ids) => {
      calls.push(`delete ${ids.map((i) => i.id).join()}`);
      return Promise.resolve();
    },
    ...over,
  };
  return { client, calls };
}

describe('voice-mail service', () => {
  it('hands the player only bytes whose header is audio, asking for audio/* only', async () => {
    const wav = renderWav({ name: 'a.wav', seed: 3, ms: 300 });
    const { client, calls } = fakeClient(wav);
    const s = createVoicemailService({ client: () => client });
    expect(await s.audio('vm1')).toEqual({ contentType: 'audio/wav', bytes: wav });
    expect(calls).toContain('attachment att1 audio/');
  });

  it('refuses bytes that only claim to be audio', async () => {
    const { client } = fakeClient(new TextEncoder().encode('<html><script>alert(1)</script>'));
    const s = createVoicemailService({ client: () => client });
    await expect(s.audio('vm1')).rejects.toMatchObject({ kind: 'server', code: 'AttachmentTypeRefused' });
  });

  it('refuses a recording the item says is over the cap without fetching it', async () => {
    const big: MailItem = { ...item, attachments: [{ ...item.attachments[0]!, size: 11 * 1024 * 1024 }] };
    const { client, calls } = fakeClient(new Uint8Array(), { getMailItem: () => Promise.resolve(big) });
    const s = createVoicemailService({ client: () => client });
    await expect(s.audio('vm1')).rejects.toMatchObject({ code: 'AttachmentTooLarge' });
    expect(calls.some((c) => c.startsWith('attachment'))).toBe(false);
  });

  it('marks read and deletes by id', async () => {
    const { client, calls } = fakeClient(new Uint8Array());
    const s = createVoicemailService({ client: () => client });
    await s.setRead('vm1', true);
    await s.remove('vm1');
    expect(calls).toEqual(['read vm1 true', 'delete vm1']);
  });

  it.each([
    ['signed out', () => null, (s: ReturnType<typeof createVoicemailService>) => s.list(), 'auth'],
    ['an empty id', undefined, (s: ReturnType<typeof createVoicemailService>) => s.remove(' '), 'bad-input'],
    [
      'a page too large',
      undefined,
      (s: ReturnType<typeof createVoicemailService>) => s.list({ max: 101 }),
      'bad-input',
    ],
  ])('refuses when %s', async (_n, clientFn, act, kind) => {
    const { client } = fakeClient(new Uint8Array());
    const s = createVoicemailService({ client: clientFn ?? (() => client) });
    await expect(act(s)).rejects.toMatchObject({ kind });
  });
});
