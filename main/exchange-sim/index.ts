/** The built-in Exchange: public API for demo mode, tests, benchmarks and the `npm run exchange` CLI. */
export { startExchangeSim } from './server';
export type { ExchangeSimHandle, ExchangeSimOptions, RequestLogEntry, SimControl } from './server';
export { SYSTEM_CLOCK, fixedClock, runningClockFrom, toClock } from './clock';
export type { ClockInput, SimClock } from './clock';
export {
  DEMO_ACCOUNTS,
  MAX_ORG_SIZE,
  MIN_ORG_SIZE,
  NETBIOS_DOMAIN,
  ORG_DOMAIN,
  SECONDARY_DOMAIN,
  generateOrg,
} from './org/generate';
export type { DemoAccount, GenerateOptions } from './org/generate';
export { renderPhoto, clearPhotoCache } from './org/photo';
export {
  CAST_ROLES,
  CAST_ZONE,
  PRESENCE_SCRIPT,
  castOwnerContacts,
  presenceCast,
  presenceCastInstant,
  realisticDay,
  scriptedCast,
} from './org/presence-cast';
export type { CastEntry, CastRole, PresenceCast, PresenceCastOptions } from './org/presence-cast';
export { openOrgStore, DEFAULT_SEED, DEFAULT_SIZE } from './org/store';
export type { OrgStore, OrgStoreOptions } from './org/store';
export { NO_FAULTS, parseFaults, parseFaultsArg } from './faults';
export type { FaultConfig } from './faults';
export type { AuthScheme, TokenIssue } from './auth/index';
export type { OnlineMeeting } from './lync/ucwa';
export type * from './org/types';
