/** UCWA (Lync 2013 / Skype for Business Unified Communications Web API): online meetings. */
export { createUcwaClient, toDialIn, toMeeting } from './client';
export type { UcwaClient, UcwaClientOptions, UcwaDialIn, UcwaGrant, UcwaMeeting } from './client';
export {
  ROOT_PATH,
  UNAVAILABLE_CODE,
  checkedLink,
  discoveryUrls,
  domainOf,
  parseMsRtcOAuth,
  ucwaHttpError,
  unavailable,
} from './rules';
export type { LinkPolicy, MsRtcOAuthChallenge } from './rules';
export { ACCESS_LEVELS, LEADER_ASSIGNMENTS } from './wire';
export type { AccessLevel, LeaderAssignment, MyOnlineMeetingInput, OnOff } from './wire';
