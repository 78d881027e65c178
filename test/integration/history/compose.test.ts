/**
 * Conversation history through the composition root and the router, on the demo's built-in
 * Exchange, exactly as a renderer reaches it: off until the user joins the pilot; then listing,
 * page 2, search, opening the hostile conversation as inert text, and a contact's recent
 * conversations. The org's own seed is the oracle for counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, ChannelResponse, Result } from '../../../preload/contract';
import { composeApp, type RosterApp } from '../../../main/compose';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { CONFERENCE_SUBJECT, HOSTILE_SUBJECT } from '../../../main/exchange-sim/org/history';
import { createMemoryVault } from '../../../main/secrets/memory';

const { alice } = DEMO_ACCOUNTS;

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

let app: RosterApp;
const ask = async <K extends ChannelName>(name: K, request: unknown): Promise<ChannelResponse<K>> =>
  value<ChannelResponse<K>>(await app.router.dispatch(name, request));

beforeAll(async () => {
  app = await composeApp({
    shell: 'web',
    dataDir: null,
    version: '0.0.0-test',
    vault: createMemoryVault(),
    demo: { size: 60 },
    restoreSession: false,
  });
  value(
    await app.router.dispatch('signIn', { email: alice.smtp, password: alice.password, rememberMe: false }),
  );
}, 60_000);

afterAll(async () => {
  await app.close();
});

describe('conversation history through the router', () => {
  it('is a pilot feature: every channel answers unavailable until the user joins', async () => {
    for (const [name, request] of [
      ['listHistory', {}],
      ['searchHistory', { text: 'roadmap' }],
      ['openConversation', { id: 'mail.x.1' }],
      ['recentConversations', { email: alice.smtp }],
    ] as const) {
      const r = await app.router.dispatch(name, request);
      expect(r.ok ? null : { kind: r.error.kind, code: r.error.code }).toEqual({
        kind: 'unavailable',
        code: 'FeatureOff',
      });
    }
    value(await app.router.dispatch('setFeatureOptIn', { id: 'history', on: true }));
  });

  it('lists page 1 and page 2 newest first, without overlap', async () => {
    const first = await ask('listHistory', { max: 20 });
    expect(first.entries).toHaveLength(20);
    expect(first.total).toBeGreaterThan(40);
    expect(first.nextOffset).toBe(20);
    const second = await ask('listHistory', { offset: first.nextOffset, max: 20 });
    expect(second.entries).toHaveLength(20);
    expect(second.nextOffset).toBe(40);
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(40);
    const times = [...first.entries, ...second.entries].map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A row's preview is the server's text preview: nothing of the hostile body's markup is in it.
    const previews = JSON.stringify([...first.entries, ...second.entries].map((e) => e.preview));
    for (const bad of ['<img', '<iframe', 'onerror', 'evil.example', 'javascript:'])
      expect(previews).not.toContain(bad);
  });

  it('refuses a page larger than the contract allows, before any server call', async () => {
    const r = await app.router.dispatch('listHistory', { max: 101 });
    expect(r.ok ? null : r.error.kind).toBe('bad-input');
  });

  it('searches subject and body, paged', async () => {
    const found = await ask('searchHistory', { text: 'roadmap', max: 10 });
    expect(found.entries.map((e) => e.subject)).toEqual([CONFERENCE_SUBJECT]);
    expect(found.total).toBe(1);
    expect(found.nextOffset).toBeUndefined();
    expect(await ask('searchHistory', { text: 'zyzzyva' })).toEqual({ entries: [], total: 0 });
  });

  it('opens the hostile conversation as inert text: no element, no handler, no remote address', async () => {
    const row = (await ask('searchHistory', { text: HOSTILE_SUBJECT })).entries[0];
    if (!row) throw new Error('the hostile conversation is not listed');
    const c = await ask('openConversation', { id: row.id });
    const all = JSON.stringify(c);
    // The script's code, the handlers and every remote address went with their elements.
    for (const bad of [
      'window.stolen',
      'steal()',
      'onload',
      'onerror',
      'evil.example',
      'javascript:',
      'http',
      '<img',
      '<iframe',
      '<object',
      '<a ',
    ])
      expect(all).not.toContain(bad);
    expect(all).not.toMatch(/\son\w+\s*=/i);
    // The only "<script" left is the text the sender typed, escaped in the HTML: shown as text.
    expect(c.text.match(/<script/g) ?? []).toHaveLength(1);
    expect(c.text).toContain('<script>this stays text</script>');
    expect(c.transcript[0]).toMatchObject({ speaker: row.participants[0]?.name });
    expect(c.transcript[0]?.text).toContain('Look at this here');
  });

  it('gives a seeded contact’s recent conversations, newest first, at most `max`', async () => {
    // Someone alice talked with (the sender of a conversation carries an address).
    const page = await ask('listHistory', { max: 50 });
    const seen = page.entries.find((e) => e.participants.some((p) => p.email));
    const person = seen?.participants.find((p) => p.email);
    if (!seen || !person?.email) throw new Error('no conversation with an addressed participant');
    const recent = await ask('recentConversations', {
      email: person.email,
      displayName: person.name,
      max: 20,
    });
    expect(recent.entries.map((e) => e.id)).toContain(seen.id);
    expect(
      recent.entries.every((e) =>
        e.participants.some((p) => p.email === person.email || p.name === person.name),
      ),
    ).toBe(true);
    const times = recent.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const few = await ask('recentConversations', { email: person.email, displayName: person.name, max: 1 });
    expect(few.entries).toHaveLength(1);
    expect(few.entries[0]?.id).toBe(recent.entries[0]?.id);
  });

  it('says the conversation is gone for an id the server does not know', async () => {
    const r = await app.router.dispatch('openConversation', { id: 'not-an-id' });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.error.code).toBe('ErrorInvalidIdMalformed');
  });
});
