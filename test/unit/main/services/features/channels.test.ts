import { describe, expect, it } from 'vitest';
import { channelNames, type ChannelName, type FeatureId } from '../../../../../preload/contract';
import { CHANNEL_FEATURES, gateHandlers } from '../../../../../main/services/features/channels';
import type { Handlers } from '../../../../../main/shells/router';

function handlers(): Handlers {
  const answer = (name: string) => () => Promise.resolve({ answeredBy: name });
  return Object.fromEntries(channelNames.map((n) => [n, answer(n)])) as unknown as Handlers;
}

const call = (h: Handlers, name: ChannelName) => (h[name] as (req: unknown) => Promise<unknown>)({});

/** The channels that answer "not available" instead of refusing when their feature is off. */
const OFF_ANSWERS: Partial<Record<ChannelName, object>> = {
  getHelpdeskAccess: { value: { allowed: false } },
  getOnlineMeetingStatus: { value: { available: false } },
};

describe('gateHandlers: a turned-off feature’s channels', () => {
  it('the meeting channels are exactly the ones the issue lists', () => {
    const meetings = Object.entries(CHANNEL_FEATURES)
      .filter(([, f]) => f === 'meetings')
      .map(([n]) => n);
    expect(meetings.sort()).toEqual(
      [
        'findMeetingTime',
        'checkMeetingTime',
        'getOnlineMeetingStatus',
        'scheduleMeeting',
        'listUpcomingMeetings',
        'cancelMeeting',
        'declineMeeting',
      ].sort(),
    );
  });

  // Conversation history (issue 23)
  it('the history channels are exactly the four the contract declares for it', () => {
    const history = Object.entries(CHANNEL_FEATURES)
      .filter(([, f]) => f === 'history')
      .map(([n]) => n);
    expect(history.sort()).toEqual(
      ['listHistory', 'searchHistory', 'openConversation', 'recentConversations'].sort(),
    );
  });

  it.each(Object.entries(CHANNEL_FEATURES) as [ChannelName, FeatureId][])(
    '%s (%s) reaches its handler when on, and not when off',
    async (name, feature) => {
      const off = new Set<FeatureId>([feature]);
      const gated = gateHandlers(handlers(), (f) => !off.has(f));
      const answer = await call(gated, name).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      expect(answer).toMatchObject(
        OFF_ANSWERS[name] ?? { error: { kind: 'unavailable', code: 'FeatureOff' } },
      );
      off.clear();
      await expect(call(gated, name)).resolves.toEqual({ answeredBy: name });
    },
  );

  it('leaves every other channel alone', async () => {
    const gated = gateHandlers(handlers(), () => false);
    for (const name of channelNames.filter((n) => !(n in CHANNEL_FEATURES)))
      await expect(call(gated, name)).resolves.toEqual({ answeredBy: name });
  });
});

describe('what a turned-off feature says', () => {
  it.each([
    ['getPresence', 'presence'],
    ['verifyUcs', 'helpdesk'],
    ['listVoicemail', 'voicemail'],
  ] as const)('%s refuses naming its feature (%s)', async (name, feature) => {
    const gated = gateHandlers(handlers(), () => false);
    await expect(call(gated, name)).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'FeatureOff',
      message: `This feature (${feature}) is turned off.`,
    });
  });

  it('the questions views ask answer "no", with the reason the meeting form shows', async () => {
    const gated = gateHandlers(handlers(), () => false);
    await expect(call(gated, 'getHelpdeskAccess')).resolves.toEqual({ allowed: false });
    await expect(call(gated, 'getOnlineMeetingStatus')).resolves.toEqual({
      available: false,
      reason: 'Meeting scheduling is turned off.',
    });
  });

  it('asks whether the feature is on at every call, not once', async () => {
    let on = false;
    const gated = gateHandlers(handlers(), () => on);
    await expect(call(gated, 'getPresence')).rejects.toMatchObject({ code: 'FeatureOff' });
    on = true;
    await expect(call(gated, 'getPresence')).resolves.toEqual({ answeredBy: 'getPresence' });
  });

  it('gates only the channels of the table it is given', async () => {
    const gated = gateHandlers(handlers(), () => false, { getPresence: 'presence' });
    await expect(call(gated, 'getPresence')).rejects.toMatchObject({ code: 'FeatureOff' });
    await expect(call(gated, 'verifyUcs')).resolves.toEqual({ answeredBy: 'verifyUcs' });
  });
});
