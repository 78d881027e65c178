import type { TFunction } from 'i18next';
import type { RosterError } from '../preload/contract';

export type ErrorText = { title: string; body: string; details?: string };

function assertNever(value: never): never {
  throw new Error(`Unhandled error kind: ${String(value)}`);
}

/** Codes that mean "the name did not resolve / autodiscover found nothing": the server is unknown. */
const SERVER_NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENODATA']);
/** Codes that mean this machine has no usable network. */
const OFFLINE_CODES = new Set(['ENETUNREACH', 'ENETDOWN', 'EOFFLINE', 'ERR_INTERNET_DISCONNECTED']);

const isAutodiscoverCode = (code: string | undefined): boolean => !!code && /autodiscover/i.test(code);

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Words a user can act on, chosen by `error.kind` (and `error.code` where it tells more). One
 * exhaustive switch: a new ErrorKind cannot ship without a message.
 */
export function describeError(error: RosterError, t: TFunction): ErrorText {
  const details = error.message ? t('errors.details', { message: error.message }) : undefined;
  switch (error.kind) {
    case 'auth':
      if (error.redirect)
        return {
          title: t('errors.redirect.title'),
          body: t('errors.redirect.body', { host: error.redirect.host }),
        };
      return { title: t('errors.auth.title'), body: t('errors.auth.body') };
    case 'network':
      // An edit whose answer was lost: main re-read the list and says what really happened.
      if (error.code === 'EditNotApplied')
        return { title: t('errors.editNotApplied.title'), body: t('errors.editNotApplied.body') };
      if (error.code === 'EditPartlyApplied')
        return {
          title: t('errors.editPartlyApplied.title'),
          body: t('errors.editPartlyApplied.body'),
          details,
        };
      if (error.code === 'EditOutcomeUnknown')
        return { title: t('errors.editOutcomeUnknown.title'), body: t('errors.editOutcomeUnknown.body') };
      if (isOffline() || (error.code && OFFLINE_CODES.has(error.code)))
        return { title: t('errors.offline.title'), body: t('errors.offline.body') };
      if ((error.code && SERVER_NOT_FOUND_CODES.has(error.code)) || isAutodiscoverCode(error.code))
        return { title: t('errors.serverNotFound.title'), body: t('errors.serverNotFound.body') };
      return { title: t('errors.network.title'), body: t('errors.network.body'), details };
    case 'tls':
      return {
        title: t('errors.tls.title'),
        body: t('errors.tls.body', { host: error.certificate?.host ?? '' }),
      };
    case 'throttled': {
      const seconds =
        error.retryAfterMs !== undefined ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : undefined;
      return {
        title: t('errors.throttled.title'),
        body:
          seconds === undefined
            ? t('errors.throttled.noWait')
            : t('errors.throttled.wait', { count: seconds }),
      };
    }
    case 'not-found':
      if (isAutodiscoverCode(error.code))
        return { title: t('errors.serverNotFound.title'), body: t('errors.serverNotFound.body') };
      if (error.code === 'ErrorNonExistentMailbox')
        return { title: t('errors.mailboxNotFound.title'), body: t('errors.mailboxNotFound.body') };
      // Conversation history (issue 23): the mailbox keeps no transcripts (Lync's option is off).
      if (error.code === 'NoConversationHistory')
        return { title: t('history.noFolder.title'), body: t('history.noFolder.body') };
      return { title: t('errors.notFound.title'), body: t('errors.notFound.body'), details };
    case 'server':
      if (error.code === 'ResponseTooLarge' || error.code === 'ResponseTooComplex')
        return { title: t('errors.tooLarge.title'), body: t('errors.tooLarge.body') };
      return { title: t('errors.server.title'), body: t('errors.server.body'), details };
    case 'bad-input':
      return { title: t('errors.badInput.title'), body: t('errors.badInput.body'), details };
    case 'unavailable':
      return { title: t('errors.unavailable.title'), body: t('errors.unavailable.body'), details };
    default:
      return assertNever(error.kind);
  }
}
