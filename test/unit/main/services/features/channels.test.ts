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
