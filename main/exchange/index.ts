/** The EWS client library's public API (plain Node: no Electron, no app imports). */
export {
  EwsError,
  toEwsError,
  toRosterError,
  kindForResponseCode,
  errorFromResponseCode,
  errorFromHttpStatus,
  AUTH_FAILED_MESSAGE,
} from './errors';
export type { EwsErrorKind, PlainError, CertificateInfo } from './errors';
export { createTransport, normaliseFingerprint, parseRetryAfter } from './transport';
export type {
  Transport,
  TransportOptions,
  HttpRequest,
  HttpResponse,
  ResolveTarget,
  ProxyOptions,
  LookupFunction,
} from './transport';
export {
  createAuthenticator,
  createBasicAuth,
  createBearerAuth,
  createNtlmAuth,
  splitUserName,
} from './auth';
export type { Authenticator, Credentials, AuthOptions, TokenSource, PasswordCredentials } from './auth';
export { autodiscover, decodePoxServerVersion } from './autodiscover';
export type {
  AutodiscoverOptions,
  AutodiscoverResult,
  AutodiscoverAttempt,
  AutodiscoverStep,
  RedirectQuestion,
  SrvRecord,
} from './autodiscover';
export { withRetry, Limiter, systemClock, retryDelay } from './retry';
export type { Clock, RetryPolicy } from './retry';
export { createCaller } from './caller';
export type { EwsCaller, CallOptions } from './caller';
export { createExchangeClient, signIn } from './client';
export type {
  ExchangeClient,
  ExchangeClientOptions,
  SignInOptions,
  SignInResult,
  SignInStep,
} from './client';
export type { ServerVersionInfo } from './soap';
export type { Persona, EmailAddress, Phone } from './operations/persona';
export type { ImGroup, ImGroupType, ImList } from './operations/imList';
export type { PhotoResult, PhotoSize, PhotoOptions } from './operations/photo';
export type {
  Mailbox,
  Resolution,
  ResolvedContact,
  ResolveNamesResult,
  FindPeopleResult,
  ExpandDLResult,
  SearchScope,
} from './operations/directory';
export type { WhoAmI } from './operations/whoami';
export type { MailFolder, DistinguishedFolder } from './operations/folders';
export type {
  AvailabilityRequest,
  MailboxAvailability,
  CalendarEvent,
  BusyType,
  WorkingHours,
  AvailabilityTimeZone,
  TimeZoneTransition,
  OofSettings,
  OofTip,
} from './operations/availability';
export type { CalendarItem, CalendarViewResult, NewMeeting, ItemId, Attendee } from './operations/calendar';
