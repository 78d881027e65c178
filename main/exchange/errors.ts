/**
 * The one table ResponseCode → kind, the library's error class, and its plain form for the app.
 * Nothing secret ever goes into a message: no password, no Authorization header, no token.
 */

export type EwsErrorKind =
  'auth' | 'network' | 'tls' | 'throttled' | 'not-found' | 'server' | 'bad-input' | 'unavailable';

export interface CertificateInfo {
  host: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  fingerprint256: string;
  subject?: string;
}

/** Structurally identical to `RosterError` in preload/contract.ts (the app maps it). */
export interface PlainError {
  kind: EwsErrorKind;
  message: string;
  code?: string;
  retryAfterMs?: number;
  certificate?: CertificateInfo;
  redirect?: { host: string };
}

export interface EwsErrorOptions {
  code?: string;
  retryAfterMs?: number;
  certificate?: CertificateInfo;
  /** Autodiscover wanted the password sent to this host, outside the user's domain, and we did not. */
  redirectHost?: string;
  httpStatus?: number;
  /** The server's own words (MessageText, faultstring), for the log only: see `serverText()`. */
  serverText?: string;
  cause?: unknown;
}

/** How much of the server's own text is kept for the log and diagnostics. */
export const SERVER_TEXT_MAX = 500;

/**
 * The server's words, trimmed and cut to SERVER_TEXT_MAX characters, for the log and the
 * diagnostics only. They never go into a message: a 5 MB faultstring broke the sign-in card.
 */
export function serverText(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  return t.length > SERVER_TEXT_MAX ? `${t.slice(0, SERVER_TEXT_MAX)}…` : t;
}

/** The server's text an error carries (already truncated), for the log; undefined for others. */
export function serverTextOf(err: unknown): string | undefined {
  return err instanceof EwsError ? err.serverText : undefined;
}

/** EWS codes are short identifiers; anything else the server puts there is not taken as one. */
const CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,79}$/;
export function isResponseCode(code: string | undefined): code is string {
  return code !== undefined && CODE.test(code);
}

export class EwsError extends Error {
  readonly kind: EwsErrorKind;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly certificate: CertificateInfo | undefined;
  readonly httpStatus: number | undefined;
  readonly redirectHost: string | undefined;
  /** The server's own text, truncated: logged, never shown (not part of `toRosterError`). */
  readonly serverText: string | undefined;

  constructor(kind: EwsErrorKind, message: string, options: EwsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EwsError';
    this.kind = kind;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
    this.certificate = options.certificate;
    this.httpStatus = options.httpStatus;
    this.redirectHost = options.redirectHost;
    this.serverText = serverText(options.serverText);
  }

  toRosterError(): PlainError {
    return toRosterError(this);
  }
}

/**
 * ResponseCode → kind for every value of Microsoft's ResponseCodeType enumeration (the table test
 * walks the documented list, test/fixtures/ews-codes/response-code-type.txt) and the few codes
 * Exchange sends that the list lacks. A code not listed (a later server's) is `server`.
 *
 * - auth: the account may not do this (denied, impersonation refused, disabled, password expired,
 *   policy): signing in again with other rights is the way out, not retrying.
 * - unavailable: the server does not offer it (feature off, not licensed, or it does not speak
 *   the schema version asked for).
 * - throttled / network: retrying later can succeed; bad-input: the request itself was refused;
 *   not-found: what was named does not exist (or no longer does); server: the server failed.
 */
const RESPONSE_CODES_BY_KIND: Readonly<Partial<Record<EwsErrorKind, readonly string[]>>> = {
  auth: [
    // Not on the ResponseCode page but in the schema of later builds (Exchange Online), as the EWS Managed API's ServiceError lists them.
    'ErrorAccountSuspend',
    'ErrorAccountSuspendShowTierUpgrade',
    'ErrorMessageSubmissionBlocked',
    'ErrorAccessDenied',
    'ErrorAccountDisabled',
    'ErrorCallerIsInvalidADAccount',
    'ErrorCreateItemAccessDenied',
    'ErrorCreateSubfolderAccessDenied',
    'ErrorImpersonateUserDenied',
    'ErrorImpersonationDenied',
    'ErrorImpersonationFailed',
    'ErrorInvalidAccessLevel',
    'ErrorInvalidAuthorizationContext',
    'ErrorInvalidClientSecurityContext',
    'ErrorInvalidCrossForestCredentials',
    'ErrorInvalidFederatedOrganizationId',
    'ErrorInvalidLicense',
    'ErrorInvalidLogonType',
    'ErrorInvalidNetworkServiceContext',
    'ErrorInvalidOrganizationRelationshipForFreeBusy',
    'ErrorInvalidProxySecurityContext',
    'ErrorInvalidSerializedAccessToken',
    'ErrorLogonAsNetworkServiceFailed',
    'ErrorMailboxLogonFailed',
    'ErrorNoFreeBusyAccess',
    'ErrorNotAllowedExternalSharingByPolicy',
    'ErrorNotDelegate',
    'ErrorOrganizationAccessBlocked',
    'ErrorPasswordChangeRequired',
    'ErrorPasswordExpired',
    'ErrorPermissionNotAllowedByPolicy',
    'ErrorProxyRequestNotAllowed',
    'ErrorProxyTokenExpired',
    'ErrorSendAsDenied',
    'ErrorSubscriptionAccessDenied',
    'ErrorSubscriptionDelegateAccessNotSupported',
    'ErrorTeamMailboxNotAuthorizedOwner',
    'ErrorTokenSerializationDenied',
    'ErrorUserNotAllowedByPolicy',
    'ErrorUserWithoutFederatedProxyAddress',
  ],
  'not-found': [
    // Not on the ResponseCode page but in the schema of later builds (Exchange Online), as the EWS Managed API's ServiceError lists them.
    'ErrorUnifiedGroupMailboxNotFound',
    'ErrorChannelSubscriptionNotFound',
    // Not in the ResponseCodeType list but sent by Exchange 2013+ (UCS) and by later builds.
    'ErrorImGroupNotFound',
    'ErrorSubscriptionUnsubscribed',
    'ErrorCalendarIsCancelledForAccept',
    'ErrorCalendarIsCancelledForDecline',
    'ErrorCalendarIsCancelledForRemove',
    'ErrorCalendarIsCancelledForTentative',
    'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
    'ErrorClientIntentNotFound',
    'ErrorDelegateMissingConfiguration',
    'ErrorDelegateNoUser',
    'ErrorDistributionListMemberNotExist',
    'ErrorEventNotFound',
    'ErrorExpiredSubscription',
    'ErrorExtensionNotFound',
    'ErrorFolderNotFound',
    'ErrorInvalidAttachmentId',
    'ErrorItemNotFound',
    'ErrorLocalServerObjectNotFound',
    'ErrorMailRecipientNotFound',
    'ErrorMailboxHoldNotFound',
    'ErrorManagedFolderNotFound',
    'ErrorMessageTrackingNoSuchDomain',
    'ErrorMissingEmailAddress',
    'ErrorMissingEmailAddressForManagedFolder',
    'ErrorNameResolutionNoMailbox',
    'ErrorNameResolutionNoResults',
    'ErrorNoCalendar',
    'ErrorNonExistentMailbox',
    'ErrorParentFolderNotFound',
    'ErrorRecipientNotFound',
    'ErrorSavedItemFolderNotFound',
    'ErrorSubscriptionNotFound',
    'ErrorSubscriptionUnsubsribed',
    'ErrorSyncFolderNotFound',
    'ErrorTeamMailboxNotFound',
    'ErrorToFolderNotFound',
    'ErrorUnifiedMessagingPromptNotFound',
    'ErrorUnifiedMessagingReportDataNotFound',
  ],
  throttled: [
    // Not on the ResponseCode page but in the schema of later builds (Exchange Online), as the EWS Managed API's ServiceError lists them.
    'ErrorExceededChannelSubscriptionCount',
    'ErrorExceededMessageLimit',
    'ErrorExceededMessageLimitShowTierUpgrade',
    'ErrorExceededConnectionCount',
    'ErrorExceededFindCountLimit',
    'ErrorExceededSubscriptionCount',
    'ErrorInsufficientResources',
    'ErrorMessageTrackingTransientError',
    'ErrorServerBusy',
    'ErrorSubmissionQuotaExceeded',
    'ErrorTooManyObjectsOpened',
  ],
  network: [
    'ErrorClientDisconnected',
    'ErrorConnectionFailed',
    'ErrorRequestAborted',
    'ErrorTimeoutExpired',
    // A later build's streaming channel replaced by a newer connection.
    'ErrorNewChannelConnectionOpened',
  ],
  unavailable: [
    // Named by clients for a RequestServerVersion the server does not know; not in the list.
    'ErrorInvalidRequestServerVersion',
    'ErrorArchiveMailboxNotEnabled',
    'ErrorAvailabilityConfigNotFound',
    'ErrorContentIndexingNotEnabled',
    'ErrorDiscoverySearchesDisabled',
    'ErrorIPGatewayNotFound',
    'ErrorIncorrectSchemaVersion',
    'ErrorInvalidSchemaVersionForMailboxVersion',
    'ErrorInvalidServerVersion',
    'ErrorLocationServicesDisabled',
    'ErrorMailTipsDisabled',
    'ErrorNoPublicFolderReplicaAvailable',
    'ErrorNoPublicFolderServerAvailable',
    'ErrorOrganizationNotFederated',
    'ErrorRecognizerNotInstalled',
    'ErrorSharingNoExternalEwsAvailable',
    'ErrorUMServerUnavailable',
    'ErrorUnifiedMessagingDialPlanNotFound',
    'ErrorUnifiedMessagingRequestFailed',
    'ErrorUnifiedMessagingServerNotFound',
    'ErrorUserNotUnifiedMessagingEnabled',
    'ErrorVoiceMailNotImplemented',
    'ErrorWeatherServiceDisabled',
    'ErrorWrongServerVersion',
    'ErrorWrongServerVersionDelegate',
  ],
  'bad-input': [
    // Not on the ResponseCode page but in the schema of later builds (Exchange Online), as the EWS Managed API's ServiceError lists them.
    'ErrorChannelSubscriptionAlreadyExists',
    'ErrorExceededMaxRecipientLimit',
    'ErrorExceededMaxRecipientLimitBlock',
    'ErrorExceededMaxRecipientLimitShowTierUpgrade',
    'ErrorInvalidChannelId',
    'ErrorInvalidChannelSubscriptionId',
    'ErrorMessageBlocked',
    'ErrorInvalidEmailAddress',
    'ErrorAccessModeSpecified',
    'ErrorAffectedTaskOccurrencesRequired',
    'ErrorAttachmentNestLevelLimitExceeded',
    'ErrorAttachmentSizeLimitExceeded',
    'ErrorCalendarCannotMoveOrCopyOccurrence',
    'ErrorCalendarCannotUpdateDeletedItem',
    'ErrorCalendarCannotUseIdForOccurrenceId',
    'ErrorCalendarCannotUseIdForRecurringMasterId',
    'ErrorCalendarDurationIsTooLong',
    'ErrorCalendarEndDateIsEarlierThanStartDate',
    'ErrorCalendarFolderIsInvalidForCalendarView',
    'ErrorCalendarInvalidAttributeValue',
    'ErrorCalendarInvalidDayForTimeChangePattern',
    'ErrorCalendarInvalidDayForWeeklyRecurrence',
    'ErrorCalendarInvalidPropertyValue',
    'ErrorCalendarInvalidRecurrence',
    'ErrorCalendarInvalidTimeZone',
    'ErrorCalendarIsDelegatedForAccept',
    'ErrorCalendarIsDelegatedForDecline',
    'ErrorCalendarIsDelegatedForRemove',
    'ErrorCalendarIsDelegatedForTentative',
    'ErrorCalendarIsGroupMailboxForAccept',
    'ErrorCalendarIsGroupMailboxForDecline',
    'ErrorCalendarIsGroupMailboxForSuppressReadReceipt',
    'ErrorCalendarIsGroupMailboxForTentative',
    'ErrorCalendarIsNotOrganizer',
    'ErrorCalendarIsOrganizerForAccept',
    'ErrorCalendarIsOrganizerForDecline',
    'ErrorCalendarIsOrganizerForRemove',
    'ErrorCalendarIsOrganizerForTentative',
    'ErrorCalendarMeetingRequestIsOutOfDate',
    'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange',
    'ErrorCalendarOutOfRange',
    'ErrorCalendarSeekToConditionNotSupported',
    'ErrorCalendarViewRangeTooBig',
    'ErrorCannotArchiveCalendarContactTaskFolderException',
    'ErrorCannotArchiveItemsInArchiveMailbox',
    'ErrorCannotArchiveItemsInPublicFolders',
    'ErrorCannotCreateCalendarItemInNonCalendarFolder',
    'ErrorCannotCreateContactInNonContactFolder',
    'ErrorCannotCreatePostItemInNonMailFolder',
    'ErrorCannotCreateTaskInNonTaskFolder',
    'ErrorCannotDeleteObject',
    'ErrorCannotDeleteTaskOccurrence',
    'ErrorCannotDisableMandatoryExtension',
    'ErrorCannotEmptyFolder',
    'ErrorCannotSetCalendarPermissionOnNonCalendarFolder',
    'ErrorCannotSetNonCalendarPermissionOnCalendarFolder',
    'ErrorCannotSetPermissionUnknownEntries',
    'ErrorCannotSpecifySearchFolderAsSourceFolder',
    'ErrorCannotUseFolderIdForItemId',
    'ErrorCannotUseItemIdForFolderId',
    'ErrorChangeKeyRequired',
    'ErrorChangeKeyRequiredForWriteOperations',
    'ErrorClientIntentInvalidStateDefinition',
    'ErrorContainsFilterWrongType',
    'ErrorCrossMailboxMoveCopy',
    'ErrorDataSizeLimitExceeded',
    'ErrorDelegateAlreadyExists',
    'ErrorDelegateCannotAddOwner',
    'ErrorDeleteDistinguishedFolder',
    'ErrorDistinguishedUserNotSupported',
    'ErrorDuplicateInputFolderNames',
    'ErrorDuplicateSOAPHeader',
    'ErrorDuplicateUserIdsSpecified',
    'ErrorEmailAddressMismatch',
    'ErrorFolderExists',
    'ErrorFolderSavePropertyError',
    'ErrorFreeBusyDLLimitReached',
    'ErrorImContactLimitReached',
    'ErrorImGroupDisplayNameAlreadyExists',
    'ErrorImGroupLimitReached',
    'ErrorInboxRulesValidationError',
    'ErrorIncorrectUpdatePropertyCount',
    'ErrorIndividualMailboxLimitReached',
    'ErrorInvalidArgument',
    'ErrorInvalidAttachmentSubfilter',
    'ErrorInvalidAttachmentSubfilterTextFilter',
    'ErrorInvalidChangeKey',
    'ErrorInvalidClientAccessTokenRequest',
    'ErrorInvalidCompleteDate',
    'ErrorInvalidContactEmailAddress',
    'ErrorInvalidContactEmailIndex',
    'ErrorInvalidDelegatePermission',
    'ErrorInvalidDelegateUserId',
    'ErrorInvalidExchangeImpersonationHeaderData',
    'ErrorInvalidExcludesRestriction',
    'ErrorInvalidExpressionTypeForSubFilter',
    'ErrorInvalidExtendedProperty',
    'ErrorInvalidExtendedPropertyValue',
    'ErrorInvalidExternalSharingInitiator',
    'ErrorInvalidExternalSharingSubscriber',
    'ErrorInvalidFolderId',
    'ErrorInvalidFolderTypeForOperation',
    'ErrorInvalidFractionalPagingParameters',
    'ErrorInvalidFreeBusyViewType',
    'ErrorInvalidGetSharingFolderRequest',
    'ErrorInvalidId',
    'ErrorInvalidIdEmpty',
    'ErrorInvalidIdMalformed',
    'ErrorInvalidIdMalformedEwsLegacyIdFormat',
    'ErrorInvalidIdMonikerTooLong',
    'ErrorInvalidIdNotAnItemAttachmentId',
    'ErrorInvalidIdStoreObjectIdTooLong',
    'ErrorInvalidIdTooManyAttachmentLevels',
    'ErrorInvalidIdXml',
    'ErrorInvalidImContactId',
    'ErrorInvalidImDistributionGroupSmtpAddress',
    'ErrorInvalidImGroupId',
    'ErrorInvalidIndexedPagingParameters',
    'ErrorInvalidInternetHeaderChildNodes',
    'ErrorInvalidItemForOperationAcceptItem',
    'ErrorInvalidItemForOperationArchiveItem',
    'ErrorInvalidItemForOperationCancelItem',
    'ErrorInvalidItemForOperationCreateItem',
    'ErrorInvalidItemForOperationCreateItemAttachment',
    'ErrorInvalidItemForOperationDeclineItem',
    'ErrorInvalidItemForOperationExpandDL',
    'ErrorInvalidItemForOperationRemoveItem',
    'ErrorInvalidItemForOperationSendItem',
    'ErrorInvalidItemForOperationTentative',
    'ErrorInvalidLikeRequest',
    'ErrorInvalidMailbox',
    'ErrorInvalidManagementRoleHeader',
    'ErrorInvalidMergedFreeBusyInterval',
    'ErrorInvalidNameForNameResolution',
    'ErrorInvalidOofParameter',
    'ErrorInvalidOperation',
    'ErrorInvalidPagingMaxRows',
    'ErrorInvalidParentFolder',
    'ErrorInvalidPercentCompleteValue',
    'ErrorInvalidPermissionSettings',
    'ErrorInvalidPhoneCallId',
    'ErrorInvalidPhoneNumber',
    'ErrorInvalidPhotoSize',
    'ErrorInvalidPropertyAppend',
    'ErrorInvalidPropertyDelete',
    'ErrorInvalidPropertyForExists',
    'ErrorInvalidPropertyForOperation',
    'ErrorInvalidPropertyRequest',
    'ErrorInvalidPropertySet',
    'ErrorInvalidPropertyUpdateSentMessage',
    'ErrorInvalidPullSubscriptionId',
    'ErrorInvalidPushSubscriptionUrl',
    'ErrorInvalidRecipientSubfilter',
    'ErrorInvalidRecipientSubfilterComparison',
    'ErrorInvalidRecipientSubfilterOrder',
    'ErrorInvalidRecipientSubfilterTextFilter',
    'ErrorInvalidRecipients',
    'ErrorInvalidReferenceItem',
    'ErrorInvalidRequest',
    'ErrorInvalidRestriction',
    'ErrorInvalidRetentionTagIdGuid',
    'ErrorInvalidRetentionTagInheritance',
    'ErrorInvalidRetentionTagInvisible',
    'ErrorInvalidRetentionTagNone',
    'ErrorInvalidRetentionTagTypeMismatch',
    'ErrorInvalidRoutingType',
    'ErrorInvalidSIPUri',
    'ErrorInvalidScheduledOofDuration',
    'ErrorInvalidSendItemSaveSettings',
    'ErrorInvalidSharingData',
    'ErrorInvalidSharingMessage',
    'ErrorInvalidSid',
    'ErrorInvalidSmtpAddress',
    'ErrorInvalidSubfilterType',
    'ErrorInvalidSubfilterTypeNotAttendeeType',
    'ErrorInvalidSubfilterTypeNotRecipientType',
    'ErrorInvalidSubscription',
    'ErrorInvalidSubscriptionRequest',
    'ErrorInvalidSyncStateData',
    'ErrorInvalidTimeInterval',
    'ErrorInvalidUserInfo',
    'ErrorInvalidUserOofSettings',
    'ErrorInvalidUserPrincipalName',
    'ErrorInvalidUserSid',
    'ErrorInvalidUserSidMissingUPN',
    'ErrorInvalidValueForProperty',
    'ErrorInvalidWatermark',
    'ErrorIrresolvableConflict',
    'ErrorItemSavePropertyError',
    'ErrorLegacyMailboxFreeBusyViewTypeNotMerged',
    'ErrorLocationServicesInvalidRequest',
    'ErrorMailboxDataArrayEmpty',
    'ErrorMailboxDataArrayTooBig',
    'ErrorMailboxScopeNotAllowedWithoutQueryString',
    'ErrorManagedFolderAlreadyExists',
    'ErrorMessageDispositionRequired',
    'ErrorMessageSizeExceeded',
    'ErrorMimeContentInvalid',
    'ErrorMimeContentInvalidBase64String',
    'ErrorMissingArgument',
    'ErrorMissingInformationEmailAddress',
    'ErrorMissingInformationReferenceItemId',
    'ErrorMissingInformationSharingFolderId',
    'ErrorMissingItemForCreateItemAttachment',
    'ErrorMissingRecipients',
    'ErrorMissingUserIdInformation',
    'ErrorMoreThanOneAccessModeSpecified',
    'ErrorMoveDistinguishedFolder',
    'ErrorNameResolutionMultipleResults',
    'ErrorNoFolderClassOverride',
    'ErrorNoPropertyTagForCustomProperties',
    'ErrorNonPrimarySmtpAddress',
    'ErrorNotSupportedSharingMessage',
    'ErrorObjectTypeChanged',
    'ErrorOccurrenceCrossingBoundary',
    'ErrorOccurrenceTimeSpanTooBig',
    'ErrorOperationNotAllowedWithPublicFolderRoot',
    'ErrorParentFolderIdRequired',
    'ErrorPhoneNumberNotDialable',
    'ErrorPropertyUpdate',
    'ErrorQueryFilterTooLong',
    'ErrorReadReceiptNotPending',
    'ErrorRecurrenceEndDateTooBig',
    'ErrorRecurrenceHasNoOccurrence',
    'ErrorRequestStreamTooBig',
    'ErrorRequiredPropertyMissing',
    'ErrorResolveNamesInvalidFolderType',
    'ErrorResolveNamesOnlyOneContactsFolderAllowed',
    'ErrorRestrictionTooComplex',
    'ErrorRestrictionTooLong',
    'ErrorResultSetTooBig',
    'ErrorSchemaValidation',
    'ErrorSearchQueryHasTooManyKeywords',
    'ErrorSearchTooManyMailboxes',
    'ErrorSendMeetingCancellationsRequired',
    'ErrorSendMeetingInvitationsOrCancellationsRequired',
    'ErrorSendMeetingInvitationsRequired',
    'ErrorSentMeetingRequestUpdate',
    'ErrorSentTaskRequestUpdate',
    'ErrorStaleObject',
    'ErrorTimeIntervalTooBig',
    'ErrorTimeZone',
    'ErrorUnableToRemoveImContactFromGroup',
    'ErrorUnsupportedCulture',
    'ErrorUnsupportedMapiPropertyType',
    'ErrorUnsupportedMimeConversion',
    'ErrorUnsupportedPathForQuery',
    'ErrorUnsupportedPathForSortGroup',
    'ErrorUnsupportedPropertyDefinition',
    'ErrorUnsupportedQueryFilter',
    'ErrorUnsupportedRecurrence',
    'ErrorUnsupportedSubFilter',
    'ErrorUpdatePropertyMismatch',
    'ErrorValueOutOfRange',
    'ErrorWorkingHoursXmlMalformed',
  ],
  server: [
    'ErrorADOperation',
    'ErrorADSessionFilter',
    'ErrorADUnavailable',
    'ErrorAddDelegatesFailed',
    'ErrorAddressSpaceNotFound',
    'ErrorApplyConversationActionFailed',
    'ErrorArchiveFolderPathCreation',
    'ErrorArchiveMailboxSearchFailed',
    'ErrorArchiveMailboxServiceDiscoveryFailed',
    'ErrorAutoDiscoverFailed',
    'ErrorBatchProcessingStopped',
    'ErrorCalendarInvalidPropertyState',
    'ErrorCannotGetExternalEcpUrl',
    'ErrorCannotGetSourceFolderPath',
    'ErrorCannotOpenFileAttachment',
    'ErrorContentConversionFailed',
    'ErrorCorruptData',
    'ErrorCreateManagedFolderPartialCompletion',
    'ErrorCrossSiteRequest',
    'ErrorDataSourceOperation',
    'ErrorDelegateValidationFailed',
    'ErrorDeleteItemsFailed',
    'ErrorDeleteUnifiedMessagingPromptFailed',
    'ErrorDuplicateLegacyDistinguishedName',
    'ErrorExportRemoteArchiveItemsFailed',
    'ErrorFindRemoteArchiveFolderFailed',
    'ErrorFolderCorrupt',
    'ErrorFolderPropertRequestFailed',
    'ErrorFolderSave',
    'ErrorFolderSaveFailed',
    'ErrorFreeBusyGenerationFailed',
    'ErrorGetRemoteArchiveFolderFailed',
    'ErrorGetRemoteArchiveItemFailed',
    'ErrorGetServerSecurityDescriptorFailed',
    'ErrorInternalServerError',
    'ErrorInternalServerTransientError',
    'ErrorInvalidIdReturnedByResolveNames',
    'ErrorInvalidManagedFolderProperty',
    'ErrorInvalidManagedFolderQuota',
    'ErrorInvalidManagedFolderSize',
    'ErrorInvalidSecurityDescriptor',
    'ErrorItemCorrupt',
    'ErrorItemPropertyRequestFailed',
    'ErrorItemSave',
    'ErrorLocationServicesRequestFailed',
    'ErrorLocationServicesRequestTimedOut',
    'ErrorMailboxConfiguration',
    'ErrorMailboxFailover',
    'ErrorMailboxMoveInProgress',
    'ErrorMailboxStoreUnavailable',
    'ErrorManagedFoldersRootFailure',
    'ErrorMeetingSuggestionGenerationFailed',
    'ErrorMessagePerFolderCountReceiveQuotaExceeded',
    'ErrorMessageTrackingPermanentError',
    'ErrorMimeContentConversionFailed',
    'ErrorMissedNotificationEvents',
    'ErrorMissingManagedFolderId',
    'ErrorMoveCopyFailed',
    'ErrorMultiLegacyMailboxAccess',
    'ErrorNewEventStreamConnectionOpened',
    'ErrorNoApplicableProxyCASServersAvailable',
    'ErrorNoDestinationCASDueToKerberosRequirements',
    'ErrorNoDestinationCASDueToSSLRequirements',
    'ErrorNoDestinationCASDueToVersionMismatch',
    'ErrorNoRespondingCASInDestinationSite',
    'ErrorNoSpeechDetected',
    'ErrorNotEnoughMemory',
    'ErrorOutlookRuleBlobExists',
    'ErrorPromptPublishingOperationFailed',
    'ErrorPropertyValidationFailure',
    'ErrorProxiedSubscriptionCallFailure',
    'ErrorProxyCallFailed',
    'ErrorProxyGroupSidLimitExceeded',
    'ErrorProxyRequestProcessingFailed',
    'ErrorProxyServiceDiscoveryFailed',
    'ErrorPublicFolderMailboxDiscoveryFailed',
    'ErrorPublicFolderOperationFailed',
    'ErrorPublicFolderRequestProcessingFailed',
    'ErrorPublicFolderServerNotFound',
    'ErrorPublicFolderSyncException',
    'ErrorQuotaExceeded',
    'ErrorReadEventsFailed',
    'ErrorRemoveDelegatesFailed',
    'ErrorResponseSchemaValidation',
    'ErrorRulesOverQuota',
    'ErrorSearchFolderNotInitialized',
    'ErrorServiceDiscoveryFailed',
    'ErrorSharingSynchronizationFailed',
    'ErrorSpeechGrammarError',
    'ErrorTeamMailboxActiveToPendingDelete',
    'ErrorTeamMailboxErrorUnknown',
    'ErrorTeamMailboxFailedSendingNotifications',
    'ErrorTeamMailboxNotLinkedToSharePoint',
    'ErrorTeamMailboxUrlValidationFailed',
    'ErrorUnableToGetUserOofSettings',
    'ErrorUnsupportedTypeForConversion',
    'ErrorUpdateDelegatesFailed',
    'ErrorVirusDetected',
    'ErrorVirusMessageDeleted',
    'ErrorWebRequestInInvalidState',
    'ErrorWin32InteropError',
    'ErrorWorkingHoursSaveFailed',
  ],
};

const RESPONSE_CODE_KINDS: ReadonlyMap<string, EwsErrorKind> = new Map(
  Object.entries(RESPONSE_CODES_BY_KIND).flatMap(([kind, codes]) =>
    // Stryker disable next-line ArrayDeclaration: every kind in the table has its list; [] only satisfies the Partial type
    (codes ?? []).map((code): [string, EwsErrorKind] => [code, kind as EwsErrorKind]),
  ),
);

/** Whether the table names this code on purpose (every documented code is). */
export function isMappedResponseCode(code: string): boolean {
  return RESPONSE_CODE_KINDS.has(code);
}

const KIND_MESSAGES: Readonly<Record<EwsErrorKind, string>> = {
  auth: 'Exchange refused access for this account.',
  network: 'Exchange could not be reached. Check the network connection and try again.',
  tls: 'The server’s certificate is not trusted.',
  throttled: 'Exchange is busy. Try again in a moment.',
  'not-found': 'Exchange could not find what was asked for.',
  server: 'Exchange answered with an error. Try again later; if it keeps happening, tell your IT department.',
  'bad-input': 'Exchange refused the request as invalid.',
  unavailable: 'This feature is not available on this server.',
};

/** Codes whose kind's words would mislead: our own words for them (the code is still shown). */
const VERSION_MESSAGE =
  'This Exchange server does not accept the Exchange version the app asked for; it may be older than Exchange 2013, which the app needs.';
const ACCESS_MESSAGE = 'Exchange denied this account access to what was asked for.';
const IMPERSONATION_MESSAGE =
  'This account is not allowed to act on behalf of that mailbox (Exchange refused the impersonation).';
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  ErrorIncorrectSchemaVersion: VERSION_MESSAGE,
  ErrorInvalidServerVersion: VERSION_MESSAGE,
  ErrorInvalidRequestServerVersion: VERSION_MESSAGE,
  ErrorInvalidSchemaVersionForMailboxVersion: VERSION_MESSAGE,
  ErrorWrongServerVersion: VERSION_MESSAGE,
  ErrorWrongServerVersionDelegate: VERSION_MESSAGE,
  ErrorAccessDenied: ACCESS_MESSAGE,
  ErrorCreateItemAccessDenied: ACCESS_MESSAGE,
  ErrorCreateSubfolderAccessDenied: ACCESS_MESSAGE,
  ErrorSubscriptionAccessDenied: ACCESS_MESSAGE,
  ErrorNoFreeBusyAccess: ACCESS_MESSAGE,
  ErrorImpersonateUserDenied: IMPERSONATION_MESSAGE,
  ErrorImpersonationDenied: IMPERSONATION_MESSAGE,
  ErrorImpersonationFailed: IMPERSONATION_MESSAGE,
  ErrorAccountDisabled: 'This Exchange account is disabled.',
  ErrorPasswordExpired: 'The password of this account has expired. Change it, then sign in again.',
  ErrorPasswordChangeRequired: 'This account must change its password before using Exchange.',
};

export function kindForResponseCode(code: string): EwsErrorKind {
  return RESPONSE_CODE_KINDS.get(code) ?? 'server';
}

/**
 * An EwsError for an EWS ResponseCode: our words for its kind, and the code. `text` is the
 * server's MessageText or faultstring: kept (truncated) in `serverText` for the log, never shown.
 */
export function errorFromResponseCode(
  code: string,
  text?: string,
  options: { retryAfterMs?: number; httpStatus?: number } = {},
): EwsError {
  const known = isResponseCode(code) ? code : 'UnrecognisedResponseCode';
  const kind = kindForResponseCode(known);
  const detail = serverText(text);
  const words = Object.hasOwn(CODE_MESSAGES, known) ? CODE_MESSAGES[known]! : KIND_MESSAGES[kind];
  return new EwsError(kind, `${words} (${known})`, {
    code: known,
    ...options,
    ...(detail ? { serverText: detail } : {}),
  });
}

export const AUTH_FAILED_MESSAGE = 'The user name or password is incorrect.';

/** An EwsError for a non-2xx HTTP answer that carried no SOAP response. */
export function errorFromHttpStatus(status: number, url?: string, retryAfterMs?: number): EwsError {
  const where = url ? ` from ${safeOrigin(url)}` : '';
  if (status === 401)
    return new EwsError('auth', AUTH_FAILED_MESSAGE, { code: 'HTTP401', httpStatus: status });
  if (status === 403)
    return new EwsError('auth', `Access is denied for this account${where} (HTTP 403).`, {
      code: 'HTTP403',
      httpStatus: status,
    });
  if (status === 404)
    return new EwsError(
      'not-found',
      `The server has no Exchange service at this address${where} (HTTP 404).`,
      {
        code: 'HTTP404',
        httpStatus: status,
      },
    );
  if (status >= 300 && status < 400)
    return new EwsError(
      'server',
      `Exchange redirected the request${where} to another address (HTTP ${status}); it was not followed. Check the server address.`,
      { code: `HTTP${status}`, httpStatus: status },
    );
  if (status === 429 || status === 503)
    return new EwsError('throttled', `Exchange is busy${where} (HTTP ${status}). Try again in a moment.`, {
      code: `HTTP${status}`,
      httpStatus: status,
      retryAfterMs,
    });
  if (status >= 400 && status < 500)
    return new EwsError('bad-input', `Exchange refused the request${where} (HTTP ${status}).`, {
      code: `HTTP${status}`,
      httpStatus: status,
    });
  return new EwsError('server', `Exchange answered with an error${where} (HTTP ${status}).`, {
    code: `HTTP${status}`,
    httpStatus: status,
  });
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

function errCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = err.code;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

function errName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

/** Origin of a URL only (no path, query or user info), for messages. */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}

/**
 * Any thrown value → EwsError. Socket and undici errors become `network`, certificate errors
 * `tls`; an EwsError passes through unchanged.
 */
export function toEwsError(err: unknown, context: { host?: string } = {}): EwsError {
  if (err instanceof EwsError) return err;
  const code = errCode(err);
  const name = errName(err);
  const host = context.host ? ` ${context.host}` : '';
  // undici wraps socket errors: look at the cause too
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof EwsError) return cause;
  const causeCode = errCode(cause);
  const c = code && code.startsWith('UND_ERR_') && causeCode ? causeCode : (code ?? causeCode);
  if (name === 'AbortError' || c === 'ABORT_ERR' || c === 'UND_ERR_ABORTED')
    return new EwsError('network', 'The request was cancelled.', { code: 'ABORTED', cause: err });
  if (
    name === 'TimeoutError' ||
    c === 'ETIMEDOUT' ||
    c === 'UND_ERR_CONNECT_TIMEOUT' ||
    c === 'UND_ERR_HEADERS_TIMEOUT' ||
    c === 'UND_ERR_BODY_TIMEOUT'
  )
    return new EwsError('network', `The server${host} did not answer in time.`, {
      code: 'ETIMEDOUT',
      cause: err,
    });
  switch (c) {
    case 'ECONNREFUSED':
      return new EwsError('network', `The server${host} refused the connection. Check the server address.`, {
        code: c,
        cause: err,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new EwsError(
        'network',
        `The server name${host} could not be found. Check the address and the network.`,
        {
          code: 'ENOTFOUND',
          cause: err,
        },
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new EwsError('network', `The connection to the server${host} was dropped.`, {
        code: 'ECONNRESET',
        cause: err,
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new EwsError('network', `The server${host} cannot be reached from this network.`, {
        code: c,
        cause: err,
      });
  }
  if (c && TLS_CODES.has(c)) return new EwsError('tls', KIND_MESSAGES.tls, { code: c, cause: err });
  return new EwsError('server', 'Unexpected failure talking to Exchange.', {
    code: c ?? 'UNKNOWN',
    cause: err,
  });
}

/** The plain, serialisable shape of RosterError (preload/contract.ts). */
export function toRosterError(err: unknown): PlainError {
  const e = toEwsError(err);
  const out: PlainError = { kind: e.kind, message: e.message };
  if (e.code !== undefined) out.code = e.code;
  if (e.retryAfterMs !== undefined) out.retryAfterMs = Math.max(0, Math.round(e.retryAfterMs));
  if (e.certificate !== undefined) out.certificate = { ...e.certificate };
  if (e.redirectHost !== undefined) out.redirect = { host: e.redirectHost };
  return out;
}
