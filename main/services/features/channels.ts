/**
 * Which contract channels belong to which feature, and the one wrapper that makes a turned-off
 * feature's channels answer `unavailable`. compose.ts wraps the router's handlers with it once,
 * so no service has to remember to ask.
 */
import type { ChannelName, ChannelResponse, FeatureId } from '../../../preload/contract';
import { AppError } from '../../errors';

export const CHANNEL_FEATURES: Partial<Record<ChannelName, FeatureId>> = {
  getPresence: 'presence',
  refreshPresence: 'presence',
  watchPresence: 'presence',
  getPresenceCard: 'presence',
  setPresenceAlert: 'alerts',
  findMeetingTime: 'meetings',
  checkMeetingTime: 'meetings',
  getOnlineMeetingStatus: 'meetings',
  scheduleMeeting: 'meetings',
  listUpcomingMeetings: 'meetings',
  cancelMeeting: 'meetings',
  declineMeeting: 'meetings',
  getHelpdeskAccess: 'helpdesk',
  verifyUcs: 'helpdesk',
  // Conversation history (issue 23)
  listHistory: 'history',
  searchHistory: 'history',
  openConversation: 'history',
  recentConversations: 'history',
  // Voice mail (issue 23)
  listVoicemail: 'voicemail',
  setVoicemailRead: 'voicemail',
  deleteVoicemail: 'voicemail',
};

/**
 * Questions a view asks to decide whether to show something answer "no" rather than fail, so a
 * turned-off feature simply is not offered.
 */
const OFF_ANSWERS: Partial<{ [K in ChannelName]: () => ChannelResponse<K> }> = {
  getHelpdeskAccess: () => ({ allowed: false }),
  getOnlineMeetingStatus: () => ({
    available: false,
    reason: 'Meeting scheduling is turned off.',
  }),
};

export function featureOff(feature: FeatureId): AppError {
  return new AppError('unavailable', `This feature (${feature}) is turned off.`, {
    code: 'FeatureOff',
  });
}

/**
 * The same handlers, each checking its feature at every call (the policy may change at any time).
 * Generic over the handler table so this module needs nothing from the shells.
 */
export function gateHandlers<H extends { [K in ChannelName]: (request: never) => Promise<unknown> }>(
  handlers: H,
  isOn: (feature: FeatureId) => boolean,
  table: Partial<Record<ChannelName, FeatureId>> = CHANNEL_FEATURES,
): H {
  const out: Record<string, (req: never) => Promise<unknown>> = { ...handlers };
  for (const [name, feature] of Object.entries(table) as [ChannelName, FeatureId][]) {
    const inner = handlers[name];
    const off = OFF_ANSWERS[name] as (() => unknown) | undefined;
    out[name] = (req) => {
      if (isOn(feature)) return inner(req);
      return off ? Promise.resolve(off()) : Promise.reject(featureOff(feature));
    };
  }
  return out as H;
}
