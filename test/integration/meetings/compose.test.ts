/**
 * The meetings channels through the composition root and the router, on the demo's built-in
 * Exchange: by default the online meeting is made on the demo's Lync side (UCWA) and its link is in
 * the invitation; with that side switched off the status says why and an online meeting is refused
 * with the code the form acts on, while a plain one is sent; a provider plugged in through compose's
 * option is the one used; the calendar change is announced.
 */
import { describe, expect, it } from 'vitest';
import type { EventName, Result } from '../../../preload/contract';
import { composeApp, type ComposeOptions } from '../../../main/compose';
import { DEMO_ACCOUNTS } from '../../../main/exchange-sim/org/generate';
import { createMemoryVault } from '../../../main/secrets/memory';
import type { OnlineMeetingProvider } from '../../../main/services/meetings/online';

const { alice, bob } = DEMO_ACCOUNTS;

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

async function signedIn(extra: Partial<ComposeOptions> = {}) {
  const app = await composeApp({
    shell: 'web',
    dataDir: null,
    version: '0.0.0-test',
    vault: createMemoryVault(),
    demo: { size: 60 },
    restoreSession: false,
    ...extra,
  });
  // Meeting scheduling is a pilot feature (off by default): this user joined the pilot.
  value(await app.router.dispatch('setFeatureOptIn', { id: 'meetings', on: true }));
  const events: EventName[] = [];
  app.bus.subscribe((event) => void events.push(event));
  value(
    await app.router.dispatch('signIn', { email: alice.smtp, password: alice.password, rememberMe: false }),
  );
  return { app, events };
}

/** An hour two days from now, on the hour: in the future whatever the clock says. */
function slot(): { start: string; end: string } {
  const start = Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000;
  return { start: new Date(start).toISOString(), end: new Date(start + 1_800_000).toISOString() };
}

describe('meetings through the router', () => {
  it('is a pilot feature: off until the user joins, its channels answering unavailable', async () => {
    const app = await composeApp({
      shell: 'web',
      dataDir: null,
      version: '0.0.0-test',
      vault: createMemoryVault(),
      demo: { size: 60 },
      restoreSession: false,
    });
    try {
      const refused = await app.router.dispatch('listUpcomingMeetings', { days: 7 });
      expect(refused.ok ? null : refused.error.kind).toBe('unavailable');
    } finally {
      await app.close();
    }
  });

  it('by default, on the built-in Lync (UCWA): an online meeting with its join link, then cancelled', async () => {
    const { app } = await signedIn();
    try {
      expect(value(await app.router.dispatch('getOnlineMeetingStatus', {}))).toMatchObject({
        available: true,
        provider: 'Lync (UCWA)',
      });
      const request = { attendees: [{ email: bob.smtp }], subject: 'Online by default', ...slot() };
      const sent = value<{ meeting: { id: string; joinUrl?: string }; online: string }>(
        await app.router.dispatch('scheduleMeeting', request),
      );
      expect(sent.online).toBe('created');
      expect(sent.meeting.joinUrl).toMatch(/^https:\/\//);
      const list = value<{ meetings: Array<{ id: string; joinUrl?: string }> }>(
        await app.router.dispatch('listUpcomingMeetings', { days: 7 }),
      );
      expect(list.meetings.find((m) => m.id === sent.meeting.id)?.joinUrl).toBe(sent.meeting.joinUrl);
      value(await app.router.dispatch('cancelMeeting', { id: sent.meeting.id, message: '' }));
    } finally {
      await app.close();
    }
  }, 90_000);

  it('with Lync switched off: says why, refuses online, sends a plain meeting, lists and cancels it', async () => {
    const { app, events } = await signedIn({ demo: { size: 60, ucwa: false } });
    try {
      const status = value<{ available: boolean; reason?: string }>(
        await app.router.dispatch('getOnlineMeetingStatus', {}),
      );
      expect(status.available).toBe(false);
      expect(status.reason).toBeTruthy();
      const request = { attendees: [{ email: bob.smtp }], subject: 'Through the router', ...slot() };
      const online = await app.router.dispatch('scheduleMeeting', request);
      expect(online.ok ? null : online.error).toMatchObject({
        kind: 'unavailable',
        code: 'OnlineMeetingUnavailable',
      });

      const bad = await app.router.dispatch('scheduleMeeting', {
        ...request,
        end: request.start,
        start: request.end,
      });
      expect(bad.ok ? null : bad.error.kind).toBe('bad-input');

      const sent = value<{ meeting: { id: string }; online: string }>(
        await app.router.dispatch('scheduleMeeting', { ...request, online: false }),
      );
      expect(sent.online).toBe('not-requested');
      expect(events).toContain('meetingsChanged');

      const list = value<{ meetings: Array<{ id: string; subject: string }> }>(
        await app.router.dispatch('listUpcomingMeetings', { days: 7 }),
      );
      expect(list.meetings.find((m) => m.id === sent.meeting.id)?.subject).toBe('Through the router');

      value(await app.router.dispatch('cancelMeeting', { id: sent.meeting.id, message: 'Sorry' }));
      const after = value<{ meetings: Array<{ id: string }> }>(
        await app.router.dispatch('listUpcomingMeetings', { days: 7 }),
      );
      expect(after.meetings.some((m) => m.id === sent.meeting.id)).toBe(false);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('with a provider plugged in through compose: the meeting is online with its link', async () => {
    const provider: OnlineMeetingProvider = {
      name: 'Fake UCWA',
      status: () => Promise.resolve({ available: true, provider: 'Fake UCWA' }),
      create: () => Promise.resolve({ id: 'ONL1', joinUrl: 'https://meet.contoso.test/alice/ONL1' }),
      remove: () => Promise.resolve(),
    };
    const { app } = await signedIn({ onlineMeetings: () => provider });
    try {
      expect(value(await app.router.dispatch('getOnlineMeetingStatus', {}))).toEqual({
        available: true,
        provider: 'Fake UCWA',
      });
      const sent = value<{ meeting: { id: string; joinUrl?: string }; online: string }>(
        await app.router.dispatch('scheduleMeeting', {
          attendees: [{ email: bob.smtp }],
          subject: 'Online through the router',
          ...slot(),
        }),
      );
      expect(sent).toMatchObject({
        online: 'created',
        meeting: { joinUrl: 'https://meet.contoso.test/alice/ONL1' },
      });
      const list = value<{ meetings: Array<{ id: string; joinUrl?: string }> }>(
        await app.router.dispatch('listUpcomingMeetings', {}),
      );
      expect(list.meetings.find((m) => m.id === sent.meeting.id)?.joinUrl).toBe(
        'https://meet.contoso.test/alice/ONL1',
      );
    } finally {
      await app.close();
    }
  }, 60_000);
});
