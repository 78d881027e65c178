/**
 * preload/index.ts, the Electron preload, with `electron` replaced by a stand-in: it exposes one
 * frozen `roster` object whose members are functions only (never ipcRenderer), each channel goes to
 * its own IPC channel, events are unsubscribed from IPC when the renderer unsubscribes, and zod
 * runs without eval (the preload is sandboxed under a CSP with no 'unsafe-eval').
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { channelNames, ipcChannel, ipcEvent, type RosterApi } from '../../../preload/contract';

type Listener = (...args: unknown[]) => void;
const h = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((_channel: string, _request: unknown) => Promise.resolve({ ok: true, value: 'answer' })),
  listeners: new Map<string, Set<Listener>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => h.exposed.set(key, value) },
  ipcRenderer: {
    invoke: h.invoke,
    on: (channel: string, fn: Listener) => {
      const set = h.listeners.get(channel) ?? new Set<Listener>();
      set.add(fn);
      h.listeners.set(channel, set);
    },
    removeListener: (channel: string, fn: Listener) => h.listeners.get(channel)?.delete(fn),
  },
}));

let roster: RosterApi;
beforeAll(async () => {
  await import('../../../preload/index');
  roster = h.exposed.get('roster') as RosterApi;
});

describe('the Electron preload (stand-in electron module)', () => {
  it('exposes exactly one frozen object, `roster`, made of functions only', () => {
    expect([...h.exposed.keys()]).toEqual(['roster']);
    expect(Object.isFrozen(roster)).toBe(true);
    const members = Object.entries(roster as unknown as Record<string, unknown>);
    expect(members.map(([k]) => k).sort()).toEqual([...channelNames, 'on'].sort());
    for (const [, value] of members) expect(typeof value).toBe('function');
  });

  it('sends each call on its own channel, with {} when called without a request', async () => {
    await expect(roster.getSession()).resolves.toEqual({ ok: true, value: 'answer' });
    expect(h.invoke).toHaveBeenLastCalledWith(ipcChannel('getSession'), {});
    await roster.signIn({ email: 'alice@contoso.test', password: 'p' });
    expect(h.invoke).toHaveBeenLastCalledWith(ipcChannel('signIn'), {
      email: 'alice@contoso.test',
      password: 'p',
    });
  });

  it('passes event payloads without the IPC event object, and unsubscribing removes the IPC listener', () => {
    const seen: unknown[] = [];
    const off = roster.on('settingsChanged', (s) => seen.push(s));
    const registered = h.listeners.get(ipcEvent('settingsChanged'));
    expect(registered?.size).toBe(1);
    for (const fn of registered ?? []) fn({ sender: 'ipc internals' }, { language: 'fr' });
    expect(seen).toEqual([{ language: 'fr' }]);
    off();
    expect(h.listeners.get(ipcEvent('settingsChanged'))?.size).toBe(0);
  });

  it('refuses an event name the contract does not have', () => {
    expect(() => roster.on('nope' as 'settingsChanged', () => undefined)).toThrow('Unknown event');
  });

  it("turns zod's eval-compiled parsers off (no new Function in a sandboxed preload)", () => {
    expect(z.config().jitless).toBe(true);
  });
});
