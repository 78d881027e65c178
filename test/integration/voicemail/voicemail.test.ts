/**
 * Voice mail end to end in main, against the built-in Exchange: the contract's channels through the
 * composition root and the router (as either shell dispatches them), and the recording through the
 * shells' audio route. The seeded organisation is the oracle: its items, its WAVs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  voicemailAudioUrl,
  type ChannelName,
  type ChannelResponse,
  type EventName,
  type Result,
} from '../../../preload/contract';
import { composeApp, type RosterApp } from '../../../main/compose';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { mailOf, renderWav } from '../../../main/exchange-sim/org/history';
import type { MailItem, Person } from '../../../main/exchange-sim/org/types';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createMemoryVault } from '../../../main/secrets/memory';
import { voicemailRoute } from '../../../main/shells/voicemail-route';

const { alice } = DEMO_ACCOUNTS;

let sim: ExchangeSimHandle;
let app: RosterApp;
let me: Person;
const events: EventName[] = [];

async function call<K extends ChannelName>(name: K, request: unknown): Promise<ChannelResponse<K>> {
  const r = (await app.router.dispatch(name, request)) as Result<ChannelResponse<K>>;
  if (!r.ok) throw new Error(`${name}: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

const audioPath = (id: string): string => new URL(voicemailAudioUrl(id), 'http://x/').pathname;
const seededVoicemail = (): MailItem[] => mailOf(sim.org, me).filter((m) => m.voice !== undefined);

beforeAll(async () => {
  sim = await startExchangeSim({ httpPort: 0, httpsPort: false, size: 60, epoch: '2026-11-25T00:00:00Z' });
  const found = sim.org.people.find((p) => p.smtp === alice.smtp);
  if (!found) throw new Error('alice is not in the org');
  me = found;
  app = await composeApp({
    shell: 'web',
    dataDir: null,
    version: '0.0.0-test',
    vault: createMemoryVault(),
    demo: false,
    restoreSession: false,
  });
  app.bus.subscribe((event) => void events.push(event));
});

afterAll(async () => {
  await app.close();
  await sim.close();
});

describe('voice mail through the router and the audio route', () => {
  it('is a pilot: off until the user joins, its channels unavailable and its route 404', async () => {
    const refused = await app.router.dispatch('listVoicemail', {});
    expect(refused.ok ? null : refused.error).toMatchObject({ kind: 'unavailable', code: 'FeatureOff' });
    expect((await voicemailRoute(app.voicemail, { pathname: audioPath('any') })).status).toBe(404);
  });

  it('answers 401 to the player while signed out, once joined', async () => {
    await call('setFeatureOptIn', { id: 'voicemail', on: true });
    expect((await voicemailRoute(app.voicemail, { pathname: audioPath('any') })).status).toBe(401);
    const r = await app.router.dispatch('listVoicemail', {});
    expect(r.ok ? null : r.error.kind).toBe('auth');
  });

  it('lists the seeded voice mail newest first, callers named from the contact list', async () => {
    await call('signIn', {
      email: alice.smtp,
      password: alice.password,
      ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
      authMethod: 'ntlm',
      rememberMe: false,
    });
    const list = await call('getContactList', {});
    const page = await call('listVoicemail', { offset: 0, max: 50 });
    const seeded = seededVoicemail();
    expect(page.total).toBe(seeded.length);
    expect(page.entries).toHaveLength(seeded.length);
    const times = page.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.entries.filter((e) => e.unread)).toHaveLength(seeded.filter((m) => !m.isRead).length);
    expect(page.entries.filter((e) => e.transcription).length).toBe(seeded.length - 1);
    // A caller in the contact list carries that contact; the outside number does not.
    const known = new Set(list.contacts.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])));
    expect(page.entries.filter((e) => e.caller.contact).length).toBe(
      page.entries.filter((e) => known.has(e.caller.email?.toLowerCase() ?? '')).length,
    );
    expect(page.entries.some((e) => e.caller.contact)).toBe(true);
    // A caller whose address is a contact's is named as that contact; an outside number is no contact.
    const byAddress = page.entries.filter((e) => known.has(e.caller.email?.toLowerCase() ?? ''));
    expect(byAddress.map((e) => e.caller.contact?.email.toLowerCase())).toEqual(
      byAddress.map((e) => e.caller.email?.toLowerCase()),
    );
    const noAddress = page.entries.filter((e) => !e.caller.email);
    expect(noAddress.map((e) => e.caller.contact)).toEqual(noAddress.map(() => undefined));
    // Pages: one at a time, the next offset where the first stopped.
    const first = await call('listVoicemail', { offset: 0, max: 1 });
    expect(first.entries.map((e) => e.id)).toEqual([page.entries[0]?.id]);
    expect(first.nextOffset).toBe(1);
  });

  it('serves every recording through the route, byte for byte the seeded WAV', async () => {
    const page = await call('listVoicemail', {});
    for (const entry of page.entries) {
      const item = seededVoicemail().find((m) => Date.parse(m.received) === Date.parse(entry.at));
      if (!item?.voice) throw new Error(`no seeded item at ${entry.at}`);
      const r = await voicemailRoute(app.voicemail, { pathname: audioPath(entry.id) });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('audio/wav');
      expect(r.headers['cache-control']).toBe('no-store');
      const body = r.body ?? Buffer.alloc(0);
      expect(body.toString('ascii', 0, 4)).toBe('RIFF');
      expect(body.toString('ascii', 8, 12)).toBe('WAVE');
      expect(r.headers['content-length']).toBe(String(body.length));
      expect(body.equals(Buffer.from(renderWav(item.voice.audio)))).toBe(true);
    }
  });

  it('answers 404 for an id the server does not know', async () => {
    const r = await voicemailRoute(app.voicemail, { pathname: audioPath('not-an-id') });
    expect(r.status).toBe(404);
  });

  it('marks heard and unheard: the next list says so, and the change is announced', async () => {
    const unread = (await call('listVoicemail', {})).entries.find((e) => e.unread);
    if (!unread) throw new Error('no unread voice mail');
    events.length = 0;
    expect(await call('setVoicemailRead', { id: unread.id, read: true })).toEqual({
      id: unread.id,
      unread: false,
    });
    expect(events).toContain('voicemailChanged');
    expect((await call('listVoicemail', {})).entries.find((e) => e.id === unread.id)?.unread).toBe(false);
    await call('setVoicemailRead', { id: unread.id, read: false });
    expect((await call('listVoicemail', {})).entries.find((e) => e.id === unread.id)?.unread).toBe(true);
  });

  it('deletes to Deleted Items: gone from the list and its recording, kept in Deleted Items', async () => {
    const before = await call('listVoicemail', {});
    const victim = before.entries[before.entries.length - 1];
    if (!victim) throw new Error('no voice mail');
    events.length = 0;
    expect(await call('deleteVoicemail', { id: victim.id })).toEqual({ deleted: true });
    expect(events).toContain('voicemailChanged');
    const after = await call('listVoicemail', {});
    expect(after.total).toBe(before.total - 1);
    expect(after.entries.map((e) => e.id)).not.toContain(victim.id);
    // Deleted Items holds it (read with the same client the app uses).
    const client: ExchangeClient = (
      await signIn({
        email: alice.smtp,
        password: alice.password,
        ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
        authMethod: 'ntlm',
      })
    ).client;
    try {
      const deleted = await client.findMailItems({ folder: 'deleteditems' });
      expect(deleted.items.some((i) => Date.parse(i.received) === Date.parse(victim.at))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('refuses a request the contract does not allow before reaching the server', async () => {
    for (const [name, req] of [
      ['listVoicemail', { max: 101 }],
      ['listVoicemail', { offset: -1 }],
      ['setVoicemailRead', { id: '', read: true }],
      ['deleteVoicemail', { id: 'x'.repeat(1025) }],
      ['deleteVoicemail', { id: 'x', extra: 1 }],
    ] as const) {
      const r = await app.router.dispatch(name, req);
      expect(r.ok ? null : r.error.kind).toBe('bad-input');
    }
  });
});
