import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../../main/shells/router';
import { AppError } from '../../../../main/errors';
import type { SessionState, Settings } from '../../../../preload/contract';

const settings: Settings = { language: 'system', theme: 'system', showPhotos: true, rememberMe: true };
const signedOut: SessionState = { status: 'signed-out' };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => Promise.reject(new Error('not used in this test'));
  return {
    getContactList: unused,
    resetDemo: unused,
    refreshContactList: unused,
    addContact: unused,
    removeContactFromGroup: unused,
    removeContact: unused,
    moveContact: unused,
    createGroup: unused,
    renameGroup: unused,
    deleteGroup: unused,
    addDistributionGroup: unused,
    expandGroup: unused,
    searchDirectory: unused,
    getPresence: unused,
    refreshPresence: unused,
    watchPresence: unused,
    getPresenceCard: unused,
    setPresenceAlert: unused,
    getHelpdeskAccess: unused,
    verifyUcs: unused,
    findMeetingTime: unused,
    checkMeetingTime: unused,
    getOnlineMeetingStatus: unused,
    scheduleMeeting: unused,
    listUpcomingMeetings: unused,
    cancelMeeting: unused,
    declineMeeting: unused,
    getFeatures: unused,
    setFeatureOptIn: unused,
    saveDiagnostics: unused,
    // Conversation history (issue 23)
    listHistory: unused,
    searchHistory: unused,
    openConversation: unused,
    recentConversations: unused,
    // Voice mail (issue 23)
    listVoicemail: unused,
    setVoicemailRead: unused,
    deleteVoicemail: unused,
    getAppInfo: () =>
      Promise.resolve({ name: 'Roster', version: '1.0.0', shell: 'web', platform: 'linux', demo: false }),
    getSettings: () => Promise.resolve(settings),
    updateSettings: (patch) => Promise.resolve({ ...settings, ...patch }),
    getSession: () => Promise.resolve(signedOut),
    signIn: () => Promise.resolve(signedOut),
    signInDemo: () => Promise.resolve(signedOut),
    signOut: () => Promise.resolve(signedOut),
    trustCertificate: () => Promise.resolve({ trusted: true }),
    ...overrides,
  };
}

describe('router', () => {
  it('passes a valid request to its handler and wraps the answer', async () => {
    const updateSettings = vi.fn((patch: Partial<Settings>) => Promise.resolve({ ...settings, ...patch }));
    const router = createRouter(handlers({ updateSettings }));
    const result = await router.dispatch('updateSettings', { language: 'fr' });
    expect(result).toEqual({ ok: true, value: { ...settings, language: 'fr' } });
    expect(updateSettings).toHaveBeenCalledWith({ language: 'fr' });
  });

  it('refuses an unknown channel, including prototype names, without calling anything', async () => {
    const router = createRouter(handlers());
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const result = await router.dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    }
  });

  it('refuses a payload the schema rejects, naming the field, before the handler runs', async () => {
    const signIn = vi.fn(() => Promise.resolve(signedOut));
    const router = createRouter(handlers({ signIn }));
    const result = await router.dispatch('signIn', { email: 'not an address', password: 'x' });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'bad-input', message: expect.stringContaining('email') as unknown },
    });
    // Unknown extra fields are refused too: strict schemas.
    expect(await router.dispatch('updateSettings', { language: 'fr', evil: true })).toMatchObject({
      ok: false,
    });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('keeps an error kind across the boundary and hides unexpected internals', async () => {
    const onUnexpectedError = vi.fn();
    const router = createRouter(
      handlers({
        signInDemo: () =>
          Promise.reject(new AppError('throttled', 'Busy', { code: 'ErrorServerBusy', retryAfterMs: 1500 })),
        getSession: () => Promise.reject(new Error('/home/alice/secret path exploded')),
      }),
      { onUnexpectedError },
    );
    expect(await router.dispatch('signInDemo', {})).toEqual({
      ok: false,
      error: { kind: 'throttled', message: 'Busy', code: 'ErrorServerBusy', retryAfterMs: 1500 },
    });
    const hidden = await router.dispatch('getSession', {});
    expect(hidden).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(JSON.stringify(hidden)).not.toContain('/home/alice');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });

  it('refuses a handler answer that breaks the contract', async () => {
    const router = createRouter(
      handlers({ getSettings: () => Promise.resolve({ language: 'xx' } as unknown as Settings) }),
    );
    expect(await router.dispatch('getSettings', {})).toMatchObject({ ok: false, error: { kind: 'server' } });
  });
  it('treats a missing payload as an empty request', async () => {
    const router = createRouter(handlers());
    expect(await router.dispatch('getSession', undefined)).toEqual({ ok: true, value: signedOut });
    expect(await router.dispatch('getSession', null)).toEqual({ ok: true, value: signedOut });
  });

  it.each([
    ['a field', 'signIn', { email: 'not an address', password: 'x' }, /^Invalid request \(email\): \S/],
    ['a nested field', 'updateSettings', { language: 7 }, /^Invalid request \(language\): \S/],
    ['the payload itself', 'updateSettings', 'settings', /^Invalid request: \S/],
  ])('names %s in the refusal', async (_what, channel, payload, message) => {
    const result = await createRouter(handlers()).dispatch(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(result.ok === false && result.error.message).toMatch(message);
  });

  it('names an unknown channel in at most 64 characters', async () => {
    const long = 'x'.repeat(100);
    expect(await createRouter(handlers()).dispatch(long, {})).toEqual({
      ok: false,
      error: { kind: 'bad-input', message: `Unknown channel: ${'x'.repeat(64)}` },
    });
  });

  it('logs only the failures that are not Roster errors, with their channel', async () => {
    const onUnexpectedError = vi.fn();
    const bug = new TypeError('undefined is not a function');
    const router = createRouter(
      handlers({
        signInDemo: () => Promise.reject(new AppError('server', 'Exchange said no')),
        getSession: () => Promise.reject(bug),
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a careless service might throw
        signOut: () => Promise.reject({ kind: 'server', message: 'a plain object, not an Error' }),
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a careless service might throw
        resetDemo: () => Promise.reject({ kind: 'auth', message: 'a plain object with a kind' }),
      }),
      { onUnexpectedError },
    );
    expect(await router.dispatch('signInDemo', {})).toEqual({
      ok: false,
      error: { kind: 'server', message: 'Exchange said no' },
    });
    expect(onUnexpectedError).not.toHaveBeenCalled();
    await router.dispatch('getSession', {});
    expect(onUnexpectedError).toHaveBeenCalledWith('getSession', bug);
    await router.dispatch('signOut', {});
    expect(onUnexpectedError).toHaveBeenCalledTimes(2);
    // A plain object carrying a Roster kind is a Roster error: not logged as a bug.
    expect(await router.dispatch('resetDemo', {})).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'a plain object with a kind' },
    });
    expect(onUnexpectedError).toHaveBeenCalledTimes(2);
  });
});
