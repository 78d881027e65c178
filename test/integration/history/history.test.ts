/**
 * Conversation History and voice mail against the built-in Exchange: the client's operations and
 * the two services, on alice's seeded mailbox. The org's own data is the oracle for counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import {
  BODY_ONLY_WORD,
  CONFERENCE_SUBJECT,
  HOSTILE_SUBJECT,
  mailOf,
} from '../../../main/exchange-sim/org/history';
import type { Person } from '../../../main/exchange-sim/org/types';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createHistoryService, type HistoryEntry, type HistoryService } from '../../../main/services/history';
import {
  createVoicemailService,
  type CallerContact,
  type VoicemailService,
} from '../../../main/services/voicemail';

let sim: ExchangeSimHandle;
let client: ExchangeClient;
let alice: Person;
let history: HistoryService;
let voicemail: VoicemailService;

beforeAll(async () => {
  sim = await startExchangeSim({ httpPort: 0, httpsPort: false, size: 60, epoch: '2026-11-25T00:00:00Z' });
  ({ client } = await signIn({
    email: DEMO_ACCOUNTS.alice.smtp,
    password: DEMO_ACCOUNTS.alice.password,
    ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
    authMethod: 'ntlm',
  }));
  const found = sim.org.people.find((p) => p.smtp === DEMO_ACCOUNTS.alice.smtp);
  if (!found) throw new Error('alice is not in the org');
  alice = found;
  const contacts: CallerContact[] = sim.org.people
    .filter((p) => p.id !== alice.id)
    .map((p) => ({
      email: p.smtp,
      displayName: p.displayName,
      phones: p.businessPhone ? [p.businessPhone] : [],
    }));
  history = createHistoryService({
    client: () => client,
    me: () => ({ email: alice.smtp, displayName: alice.displayName }),
  });
  voicemail = createVoicemailService({ client: () => client, contacts: () => contacts });
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

const seeded = (folder: 'conversationhistory' | 'inbox') =>
  mailOf(sim.org, alice).filter((m) => m.folder === folder);
const newestFirst = (e: { at: string }[]): boolean =>
  e.every((x, i) => i === 0 || Date.parse(e[i - 1]?.at ?? '') >= Date.parse(x.at));

describe('conversation history', () => {
  it('lists every conversation once, newest first, in pages', async () => {
    const expected = seeded('conversationhistory').length;
    const seen: HistoryEntry[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const page = await history.list({ offset, max: 20 });
      expect(page.total).toBe(expected);
      seen.push(...page.entries);
      offset = page.nextOffset;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(expected / 20));
    expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
    expect(newestFirst(seen)).toBe(true);
    expect(seen.map((e) => e.kind)).toEqual(expect.arrayContaining(['im', 'conference']));
    const conference = seen.find((e) => e.subject === CONFERENCE_SUBJECT);
    expect(conference?.kind).toBe('conference');
    expect(conference?.participants.length).toBe(4);
  });

  it.each([
    ['a subject word, any case', 'ROADMAP'],
    ['a word only in the body', BODY_ONLY_WORD],
  ])('searches %s', async (_n, text) => {
    const page = await history.search(text);
    expect(page.entries.map((e) => e.subject)).toEqual([CONFERENCE_SUBJECT]);
    expect(page.total).toBe(1);
    expect(page.nextOffset).toBeUndefined();
  });

  it('finds nothing for a word no one wrote', async () => {
    expect(await history.search('zyzzyva')).toEqual({ entries: [], total: 0 });
  });

  it('opens the hostile conversation as inert text', async () => {
    const row = (await history.search(HOSTILE_SUBJECT)).entries[0];
    if (!row) throw new Error('the hostile conversation is not listed');
    const c = await history.open(row.id);
    const all = JSON.stringify(c);
    for (const bad of [
      'evil.example',
      'javascript:',
      'onerror',
      'onload',
      'document.cookie',
      '<img',
      '<iframe',
      '<a ',
    ])
      expect(all).not.toContain(bad);
    expect(c.transcript[0]?.speaker).toBe(row.participants[0]?.name);
    expect(c.transcript[0]?.text).toContain('Look at this here');
  });

  it('shows the recent conversations with one contact', async () => {
    const conference = seeded('conversationhistory').find((m) => m.subject === CONFERENCE_SUBJECT);
    const person = conference?.to[0];
    if (!person?.smtp) throw new Error('the conference has no attendee');
    const recent = await history.recentWith({ email: person.smtp, displayName: person.name }, 50);
    expect(recent.map((e) => e.subject)).toContain(CONFERENCE_SUBJECT);
    expect(
      recent.every((e) => e.participants.some((p) => p.email === person.smtp || p.name === person.name)),
    ).toBe(true);
    expect(newestFirst(recent)).toBe(true);
  });

  it('refuses a malformed id with the server code', async () => {
    await expect(history.open('not-an-id')).rejects.toMatchObject({ code: 'ErrorInvalidIdMalformed' });
  });
});

describe('voice mail', () => {
  it('lists voice mail with callers resolved, durations and transcriptions', async () => {
    const page = await voicemail.list();
    const expected = seeded('inbox');
    expect(page.total).toBe(expected.length);
    expect(newestFirst(page.entries)).toBe(true);
    const internal = page.entries.filter((e) => e.caller.email !== undefined);
    expect(internal.length).toBeGreaterThan(0);
    expect(internal.every((e) => e.caller.contact?.email === e.caller.email)).toBe(true);
    const outside = page.entries.filter((e) => e.caller.email === undefined);
    expect(outside).toHaveLength(1);
    expect(outside[0]?.caller.phone).toMatch(/^\+1 425 555/);
    expect(outside[0]?.caller.contact).toBeUndefined();
    expect(page.entries.every((e) => (e.durationSeconds ?? 0) > 0)).toBe(true);
    expect(page.entries.filter((e) => e.transcription === undefined)).toHaveLength(1);
    expect(page.entries.filter((e) => e.unread).length).toBe(expected.filter((m) => !m.isRead).length);
  });

  it('plays a WAV recording', async () => {
    const first = (await voicemail.list()).entries[0];
    if (!first) throw new Error('no voice mail');
    const audio = await voicemail.audio(first.id);
    const b = Buffer.from(audio.bytes);
    expect(audio.contentType).toBe('audio/wav');
    expect(b.toString('ascii', 0, 4)).toBe('RIFF');
    expect(b.toString('ascii', 8, 12)).toBe('WAVE');
    expect(b.readUInt16LE(20)).toBe(1); // PCM
    expect(b.readUInt32LE(40) + 44).toBe(b.length);
  });

  it('refuses an attachment of another type or over the cap, before decoding', async () => {
    const first = (await voicemail.list()).entries[0];
    if (!first) throw new Error('no voice mail');
    const att = (await client.getMailItem({ id: first.id })).attachments[0];
    if (!att) throw new Error('no attachment');
    await expect(client.getAttachment(att.id, { accept: 'image/' })).rejects.toMatchObject({
      code: 'AttachmentTypeRefused',
    });
    await expect(client.getAttachment(att.id, { maxBytes: 100 })).rejects.toMatchObject({
      code: 'AttachmentTooLarge',
    });
  });

  it('marks read and unread, seen on the next list', async () => {
    const unread = (await voicemail.list()).entries.find((e) => e.unread);
    if (!unread) throw new Error('no unread voice mail');
    await voicemail.setRead(unread.id, true);
    expect((await voicemail.list()).entries.find((e) => e.id === unread.id)?.unread).toBe(false);
    await voicemail.setRead(unread.id, false);
    expect((await voicemail.list()).entries.find((e) => e.id === unread.id)?.unread).toBe(true);
  });

  it('deletes to Deleted Items', async () => {
    const before = await voicemail.list();
    const victim = before.entries[before.entries.length - 1];
    if (!victim) throw new Error('no voice mail');
    const subject = (await client.getMailItem({ id: victim.id })).subject;
    await voicemail.remove(victim.id);
    const after = await voicemail.list();
    expect(after.total).toBe(before.total - 1);
    expect(after.entries.map((e) => e.id)).not.toContain(victim.id);
    const deleted = await client.findMailItems({ folder: 'deleteditems' });
    expect(deleted.items.map((i) => i.subject)).toContain(subject);
  });
});
