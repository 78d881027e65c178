/**
 * SOAP 1.1 framing as Exchange 2016 answers it: the envelope with ServerVersionInfo, response
 * messages (ResponseClass / ResponseCode / MessageText / DescriptiveLinkKey / MessageXml), SOAP
 * faults (HTTP 500) for requests Exchange refuses before any operation runs, the request's
 * version and impersonation headers.
 */
import type { Person } from '../org/types';
import { personBySmtp } from './persona';
import { ianaFromWindowsId } from './tz';
import type { EwsCall, EwsHttpResponse } from './types';
import { NS, child, esc, el, leaf, textAt, type XNode } from './xml';

export const SERVER_VERSION = {
  MajorVersion: 15,
  MinorVersion: 1,
  MajorBuildNumber: 2507,
  MinorBuildNumber: 6,
  Version: 'V2017_07_11',
} as const;

/** RequestServerVersion values Exchange 2016 CU accepts, oldest first. */
export const REQUEST_VERSIONS = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
] as const;

export function versionRank(version: string): number {
  return (REQUEST_VERSIONS as readonly string[]).indexOf(version);
}
export const EXCHANGE2013 = versionRank('Exchange2013');
export const EXCHANGE2010_SP2 = versionRank('Exchange2010_SP2');

/** Human texts for the codes this simulator gives (Exchange's wording in substance). */
const MESSAGE_TEXT: Record<string, string> = {
  ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange:
    'The occurrence index is outside the range of the recurring series.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
  ErrorInvalidServerVersion: 'The specified server version is invalid.',
  ErrorIncorrectSchemaVersion:
    'The request is valid but does not specify the correct server version in the RequestServerVersion SOAP header. Ensure that the RequestServerVersion SOAP header is set with the correct RequestServerVersionValue.',
  ErrorImpersonateUserDenied: 'The account does not have permission to impersonate the requested user.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorInvalidRequest: 'The request is invalid.',
  ErrorSchemaValidation: 'The request failed schema validation.',
  ErrorNameResolutionNoResults: 'No results were found.',
  ErrorNameResolutionMultipleResults: 'Multiple results were found.',
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorInvalidIdEmpty: 'Id must be non-empty.',
  ErrorIrresolvableConflict:
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ErrorCalendarViewRangeTooBig: 'The duration specified for the CalendarView exceeds the maximum allowed.',
  ErrorCalendarEndDateIsEarlierThanStartDate: 'EndDate is earlier than StartDate',
  ErrorInvalidPropertyRequest: 'The property request is invalid.',
  ErrorMailRecipientNotFound: 'The e-mail address cannot be found.',
  ErrorExceededMaxMailboxesLimit: 'The request exceeded the maximum allowed mailboxes (100).',
  ErrorTimeIntervalTooBig: 'The time interval specified is too large.',
  ErrorInvalidTimeInterval: 'The time interval specified is not valid.',
  ErrorInvalidParameter: 'An invalid parameter was passed.',
  ErrorImGroupDisplayNameAlreadyExists: 'A group with that display name already exists.',
  ErrorImContactLimitReached: 'The maximum number of IM contacts has been reached.',
  ErrorImGroupLimitReached: 'The maximum number of IM groups has been reached.',
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorInvalidImDistributionGroupSmtpAddress: 'The SMTP address is not a distribution group.',
  ErrorInvalidImContactId: 'The specified Im Contact Id is invalid.',
  ErrorInvalidImGroupId: 'The specified Im Group Id is invalid.',
  ErrorInvalidOperation: 'The operation is not valid for this item.',
  ErrorInvalidUserPhotoSize: 'The requested photo size is not valid.',
  ErrorCannotDeleteObject: 'The object cannot be deleted.',
  ErrorInvalidSendItemSaveSettings:
    'SavedItemFolderId is not allowed when MessageDisposition is set to SendOnly.',
  ErrorIndexedPagingNotSupported: 'The operation does not support indexed paging.',
  ErrorInvalidIndexedPagingParameters: 'The indexed paging parameters are not valid.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorMissingEmailAddress: 'The e-mail address is missing.',
  ErrorInvalidSmtpAddress: 'The SMTP address format is invalid.',
  ErrorSendMeetingInvitationsRequired: 'SendMeetingInvitations attribute is required for Calendar items.',
  ErrorSendMeetingCancellationsRequired: 'SendMeetingCancellations attribute is required for Calendar items.',
  ErrorMessageDispositionRequired: 'MessageDisposition attribute is required.',
  ErrorCalendarIsNotOrganizer: 'Only the organizer can cancel the meeting.',
  ErrorCannotCreateCalendarItemInNonCalendarFolder:
    'Calendar items can only be created in a calendar folder.',
  ErrorInvalidItemForOperationCreateItem: 'The item type is not valid for CreateItem.',
  ErrorIndividualMailboxLimitReached: 'The request contains too many mailboxes. The maximum is 100.',
  ErrorInvalidFreeBusyViewType: 'The requested free/busy view type is not valid.',
  ErrorNoFreeBusyAccess: 'No free/busy access.',
  ErrorInvalidSyncStateData: 'Synchronization state data is corrupt or otherwise invalid.',
  ErrorInvalidExchangeImpersonationHeaderData:
    'The impersonation header must name a user by SMTP address, principal name or SID.',
};

export function messageText(code: string): string {
  return MESSAGE_TEXT[code] ?? code;
}

/** An error that becomes one response message (not a fault). */
export class EwsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    /** Inner XML of m:MessageXml. */
    readonly messageXml?: string,
  ) {
    super(message ?? messageText(code));
  }
}

/** An error that becomes an HTTP 500 SOAP fault for the whole request. */
export class EwsFault extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly messageXml?: string,
    readonly faultString?: string,
  ) {
    super(message ?? messageText(code));
  }
}

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';
const CONTENT_TYPE = 'text/xml; charset=utf-8';

export function envelope(bodyXml: string): string {
  const svi = el('h:ServerVersionInfo', {
    ...SERVER_VERSION,
    'xmlns:h': NS.t,
    xmlns: NS.t,
    'xmlns:xsd': NS.xsd,
    'xmlns:xsi': NS.xsi,
  });
  return (
    XML_DECL +
    `<s:Envelope xmlns:s="${NS.soap}"><s:Header>${svi}</s:Header>` +
    `<s:Body xmlns:xsi="${NS.xsi}" xmlns:xsd="${NS.xsd}">${bodyXml}</s:Body></s:Envelope>`
  );
}

export function soapResponse(bodyXml: string, status = 200): EwsHttpResponse {
  return { status, headers: { 'content-type': CONTENT_TYPE }, body: envelope(bodyXml) };
}

/** Exchange's SOAP fault: HTTP 500, faultcode a:<Code>, detail with e:ResponseCode / e:Message / t:MessageXml. */
export function faultResponse(fault: EwsFault): EwsHttpResponse {
  const detail =
    `<e:ResponseCode xmlns:e="${NS.e}">${esc(fault.code)}</e:ResponseCode>` +
    `<e:Message xmlns:e="${NS.e}">${esc(fault.message)}</e:Message>` +
    (fault.messageXml !== undefined
      ? `<t:MessageXml xmlns:t="${NS.t}">${fault.messageXml}</t:MessageXml>`
      : '');
  const body =
    XML_DECL +
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault>` +
    `<faultcode xmlns:a="${NS.t}">a:${esc(fault.code)}</faultcode>` +
    `<faultstring xml:lang="en-US">${esc(fault.faultString ?? fault.message)}</faultstring>` +
    `<detail>${detail}</detail></s:Fault></s:Body></s:Envelope>`;
  return { status: 500, headers: { 'content-type': CONTENT_TYPE }, body };
}

/** Start of a response message's content: MessageText/ResponseCode/DescriptiveLinkKey/MessageXml. */
export function statusXml(code: string, error?: EwsError): string {
  if (code === 'NoError') return leaf('m:ResponseCode', 'NoError');
  return (
    leaf('m:MessageText', error?.message ?? messageText(code)) +
    leaf('m:ResponseCode', code) +
    leaf('m:DescriptiveLinkKey', 0) +
    (error?.messageXml !== undefined ? `<m:MessageXml>${error.messageXml}</m:MessageXml>` : '')
  );
}

export type ResponseClass = 'Success' | 'Warning' | 'Error';

/** One m:<Op>ResponseMessage inside m:ResponseMessages. */
export function responseMessage(
  op: string,
  cls: ResponseClass,
  code: string,
  payload = '',
  error?: EwsError,
): string {
  return el(`m:${op}ResponseMessage`, { ResponseClass: cls }, statusXml(code, error), payload);
}

export function errorMessage(op: string, err: EwsError): string {
  return responseMessage(op, 'Error', err.code, '', err);
}

/** m:<Op>Response wrapping m:ResponseMessages (the usual, batch-shaped answer). */
export function batchResponse(op: string, messages: string[]): string {
  return el(
    `m:${op}Response`,
    { 'xmlns:m': NS.m, 'xmlns:t': NS.t },
    `<m:ResponseMessages>${messages.join('')}</m:ResponseMessages>`,
  );
}

/** m:<Op>Response carrying ResponseClass/ResponseCode itself (the 2013 IM, photo and people operations). */
export function singleResponse(op: string, payload: string, error?: EwsError, cls?: ResponseClass): string {
  const code = error ? error.code : 'NoError';
  return el(
    `m:${op}Response`,
    { ResponseClass: cls ?? (error ? 'Error' : 'Success'), 'xmlns:m': NS.m, 'xmlns:t': NS.t },
    statusXml(code, error),
    payload,
  );
}

export interface RequestContext {
  call: EwsCall;
  /** The mailbox the operation runs as: the caller, or the impersonated account. */
  mailbox: Person;
  version: string;
  rank: number;
  header: XNode | undefined;
}

export function findPerson(call: EwsCall, address: string): Person | undefined {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^(smtp|sip):/, '');
  if (a === '') return undefined;
  const bySmtp = personBySmtp(call.org, a);
  if (bySmtp) return bySmtp;
  return call.org.people.find(
    (p) =>
      p.smtp.toLowerCase() === a ||
      p.aliases.some((x) => x.toLowerCase() === a) ||
      p.sip.toLowerCase().replace(/^sip:/, '') === a ||
      p.upn.toLowerCase() === a,
  );
}

/** Reads RequestServerVersion and ExchangeImpersonation from the SOAP header. */
export function requestContext(call: EwsCall, header: XNode | undefined): RequestContext {
  const rsv = header?.children.find((c) => c.local === 'RequestServerVersion' && c.uri === NS.t);
  // Without the header Exchange handles the request as an Exchange 2007 RTM one.
  const version = rsv ? (rsv.attrs.Version ?? '') : 'Exchange2007';
  const rank = versionRank(version);
  if (rank < 0) throw new EwsFault('ErrorInvalidServerVersion');

  let mailbox = call.caller;
  const imp = header?.children.find((c) => c.local === 'ExchangeImpersonation' && c.uri === NS.t);
  if (imp) {
    const sid = child(imp, 'ConnectingSID');
    if (!sid) throw new EwsFault('ErrorSchemaValidation', 'The request failed schema validation.');
    if (!call.caller.canImpersonate) throw new EwsFault('ErrorImpersonateUserDenied');
    const smtp = textAt(sid, 'PrimarySmtpAddress') ?? textAt(sid, 'SmtpAddress');
    const upn = textAt(sid, 'PrincipalName');
    const sidValue = textAt(sid, 'SID');
    if (!smtp && !upn && !sidValue) throw new EwsFault('ErrorInvalidExchangeImpersonationHeaderData');
    let target: Person | undefined;
    if (smtp !== undefined) target = findPerson(call, smtp);
    else if (upn !== undefined)
      target = call.org.people.find((p) => p.upn.toLowerCase() === upn.toLowerCase());
    else if (sidValue !== undefined) target = call.org.people.find((p) => personSid(call, p) === sidValue);
    if (!target) throw new EwsFault('ErrorNonExistentMailbox');
    mailbox = target;
  }
  return { call, mailbox, version, rank, header };
}

/**
 * The request's time zone from the SOAP header (Exchange 2010+: t:TimeZoneContext/t:TimeZoneDefinition/@Id,
 * a Windows id); undefined when there is none or it is not one this server knows.
 */
export function headerTimeZone(ctx: RequestContext): string | undefined {
  const def = ctx.header?.children.find((c) => c.local === 'TimeZoneContext' && c.uri === NS.t);
  const id = child(def, 'TimeZoneDefinition')?.attrs.Id;
  return id !== undefined ? ianaFromWindowsId(id) : undefined;
}

/** A stable, Windows-looking SID for a person (the simulator's directory has none of its own). */
export function personSid(call: EwsCall, p: Person): string {
  const index = call.org.people.indexOf(p);
  return `S-1-5-21-${1000000 + call.org.seed}-2000000001-3000000002-${1100 + Math.max(index, 0)}`;
}
