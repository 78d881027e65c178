import { describe, expect, it, vi } from 'vitest';
import { buildRosterApi, type BridgeTransport } from '../../../preload/bridge';
import { channelNames } from '../../../preload/contract';

describe('buildRosterApi', () => {
  it('exposes one function per contract channel, each sending its own channel name', async () => {
    const invoke = vi.fn<BridgeTransport['invoke']>(() => Promise.resolve({ ok: true, value: null }));
    const api = buildRosterApi({ invoke, listen: () => () => undefined });
    for (const name of channelNames) expect(typeof api[name]).toBe('function');
    await api.updateSettings({ language: 'fr' });
    await api.getSession();
    expect(invoke.mock.calls).toEqual([
      ['updateSettings', { language: 'fr' }],
      ['getSession', {}],
    ]);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('subscribes to known events only and can unsubscribe', () => {
    const off = vi.fn();
    const listen = vi.fn<BridgeTransport['listen']>(() => off);
    const api = buildRosterApi({ invoke: () => Promise.resolve({ ok: true, value: null }), listen });
    const unsubscribe = api.on('sessionChanged', () => undefined);
    expect(listen).toHaveBeenCalledWith('sessionChanged', expect.any(Function));
    unsubscribe();
    expect(off).toHaveBeenCalled();
    expect(() => api.on('nope' as 'sessionChanged', () => undefined)).toThrow(/Unknown event/);
  });
});
