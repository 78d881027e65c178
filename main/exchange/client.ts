/** The EWS client: transport + authenticator + caller + operations, and sign-in. */
import { createAuthenticator } from './auth';
import type { Authenticator, AuthOptions, Credentials, TokenSource } from './auth/types';
import {
  autodiscover,
  type AutodiscoverAttempt,
  type AutodiscoverOptions,
  type AutodiscoverResult,
  type RedirectQuestion,
  type SrvRecord,
} from './autodiscover';
import { createCaller, type CallOptions, type EwsCaller, type EwsRequestSummary } from './caller';
import { EwsError } from './errors';
import * as avail from './operations/availability';
import * as cal from './operations/calendar';
import * as dir from './operations/directory';
import * as folders from './operations/folders';
import * as im from './operations/imList';
import * as mail from './operations/mail';
import * as photo from './operations/photo';
import { whoami, type WhoAmI } from './operations/whoami';
import type { Clock, Limiter, RetryPolicy } from './retry';
import { formatServerVersion, type ServerVersionInfo } from './soap';
import { createTransport, type Transport, type TransportOptions } from './transport';

export interface ExchangeClientOptions {
  ewsUrl: string;
  /** The signed-in mailbox (X-AnchorMailbox, whoami). */
  email: string;
  credentials: Credentials;
  /** A transport to share; otherwise one is made from `transportOptions` (and closed with the client). */
  transport?: Transport;
  transportOptions?: TransportOptions;
  auth?: AuthOptions;
  /** Act as this mailbox (ApplicationImpersonation). */
  impersonateSmtp?: string;
  requestServerVersion?: string;
  retry?: RetryPolicy;
  clock?: Clock;
  maxConcurrent?: number;
  /** Told once per EWS call with a summary for the log (caller.ts EwsRequestSummary). */
  onRequest?: (summary: EwsRequestSummary) => void;
}

export interface ExchangeClient {
  readonly ewsUrl: string;
  readonly email: string;
  /** Last ServerVersionInfo seen, e.g. `15.1.2507.6`. */
  readonly serverVersion: string | undefined;
  /** Scheme in use (`NTLM`, `Basic`, `Bearer`…), for diagnostics. */
  readonly authScheme: string;
  readonly caller: EwsCaller;
  readonly transport: Transport;
  readonly limiter: Limiter;

  whoami(options?: CallOptions): Promise<WhoAmI>;

  /** Autodiscover another address with this sign-in's credentials (the help desk checks users' setup). */
  autodiscover(
    email: string,
    options?: Pick<AutodiscoverOptions, 'signal' | 'timeoutMs' | 'resolveSrv' | 'confirmRedirect'>,
  ): Promise<AutodiscoverResult>;
  /**
   * Another client on this same sign-in (transport and authenticator shared; closing it closes
   * neither): another EWS URL, or another mailbox by impersonation (ApplicationImpersonation).
   */
  sibling(options: { ewsUrl?: string; impersonateSmtp?: string }): ExchangeClient;
  /**
   * The sign-in's credentials, for the Lync side of the same account (UCWA's web ticket). A method,
   * not a property, so that serialising the client (a log, a diagnostic) never carries them.
   */
  signInCredentials(): Credentials;

  findFolders(parent: folders.DistinguishedFolder, options?: CallOptions): Promise<folders.MailFolder[]>;

  getImItemList(options?: CallOptions): Promise<im.ImList>;
  getImItems(
    ids: { contactIds?: readonly string[]; groupIds?: readonly string[] },
    options?: CallOptions,
  ): Promise<im.ImList>;
  addImGroup(displayName: string, options?: CallOptions): Promise<im.ImGroup>;
  setImGroup(groupId: string, newDisplayName: string, options?: CallOptions): Promise<void>;
  removeImGroup(groupId: string, options?: CallOptions): Promise<void>;
  addNewImContactToGroup(
    contact: { imAddress: string; displayName?: string; groupId?: string },
    options?: CallOptions,
  ): Promise<im.Persona>;
  addNewTelUriContactToGroup(
    contact: {
      telUriAddress: string;
      imContactSipUriAddress: string;
      imTelephoneNumber: string;
      groupId?: string;
    },
    options?: CallOptions,
  ): Promise<im.Persona>;
  addImContactToGroup(contactId: string, groupId?: string, options?: CallOptions): Promise<void>;
  removeImContactFromGroup(contactId: string, groupId: string, options?: CallOptions): Promise<void>;
  removeContactFromImList(contactId: string, options?: CallOptions): Promise<void>;
  addDistributionGroupToImList(
    group: { smtpAddress: string; displayName: string },
    options?: CallOptions,
  ): Promise<im.ImGroup>;
  removeDistributionGroupFromImList(groupId: string, options?: CallOptions): Promise<void>;
  setImListMigrationCompleted(completed: boolean, options?: CallOptions): Promise<void>;

  getUserPhoto(email: string, options?: photo.PhotoOptions): Promise<photo.PhotoResult>;
  getUserPhotoSoap(email: string, options?: photo.PhotoOptions): Promise<photo.PhotoResult>;

  resolveNames(
    query: string,
    options?: CallOptions & { searchScope?: dir.SearchScope; returnFullContactData?: boolean },
  ): Promise<dir.ResolveNamesResult>;
  findPeople(
    query: string,
    options?: CallOptions & { max?: number; offset?: number },
  ): Promise<dir.FindPeopleResult>;
  expandDL(smtp: string, options?: CallOptions): Promise<dir.ExpandDLResult>;

  getUserAvailability(
    req: avail.AvailabilityRequest,
    options?: CallOptions,
  ): Promise<avail.MailboxAvailability[]>;
  getUserOofSettings(smtp?: string, options?: CallOptions): Promise<avail.OofSettings>;
  getOofMailTips(recipients: readonly string[], options?: CallOptions): Promise<avail.OofTip[]>;

  createMeeting(meeting: cal.NewMeeting, options?: CallOptions): Promise<cal.ItemId>;
  findCalendarView(
    range: { start: string; end: string; max?: number },
    options?: CallOptions,
  ): Promise<cal.CalendarViewResult>;
  getCalendarItems(ids: readonly cal.ItemId[], options?: CallOptions): Promise<cal.CalendarItem[]>;
  cancelMeeting(item: cal.ItemId, message?: string, options?: CallOptions): Promise<void>;
  /** Accept, tentatively accept or decline a meeting I was invited to (HTML message to the organiser). */
  respondToMeeting(
    item: cal.ItemId,
    answer: cal.MeetingAnswer,
    message?: string,
    options?: CallOptions,
  ): Promise<void>;
  deleteCalendarItem(item: cal.ItemId, options?: CallOptions): Promise<void>;

  findMailItems(find: mail.FindMailOptions, options?: CallOptions): Promise<mail.MailPage>;
  getMailItem(id: cal.ItemId, options?: CallOptions): Promise<mail.MailItem>;
  getAttachment(
    attachmentId: string,
    limits?: { maxBytes?: number; accept?: string },
    options?: CallOptions,
  ): Promise<mail.Attachment>;
  setReadState(ids: readonly cal.ItemId[], isRead: boolean, options?: CallOptions): Promise<cal.ItemId[]>;
  deleteToDeletedItems(ids: readonly cal.ItemId[], options?: CallOptions): Promise<void>;

  close(): Promise<void>;
}

export function createExchangeClient(options: ExchangeClientOptions): ExchangeClient {
  const ownTransport = !options.transport;
  const transport = options.transport ?? createTransport(options.transportOptions);
  const auth: Authenticator = createAuthenticator(transport, options.credentials, options.auth);
  return clientFrom(options, transport, ownTransport, auth);
}

function clientFrom(
  options: ExchangeClientOptions,
  transport: Transport,
  ownTransport: boolean,
  auth: Authenticator,
  ownAuth = true,
): ExchangeClient {
  let version: ServerVersionInfo | undefined;
  const caller = createCaller({
    ewsUrl: options.ewsUrl,
    smtp: options.email,
    auth,
    ...(options.impersonateSmtp ? { impersonateSmtp: options.impersonateSmtp } : {}),
    ...(options.requestServerVersion ? { requestServerVersion: options.requestServerVersion } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.maxConcurrent ? { maxConcurrent: options.maxConcurrent } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    onServerVersion: (v) => (version = v),
  });
  return {
    ewsUrl: options.ewsUrl,
    email: options.email,
    get serverVersion() {
      return formatServerVersion(version);
    },
    get authScheme() {
      return auth.scheme;
    },
    caller,
    transport,
    limiter: caller.limiter,
    whoami: (o) => whoami(caller, o),
    signInCredentials: () => options.credentials,
    autodiscover: (email, o) => autodiscover({ email, auth, transport, ...o }),
    sibling: (o) => {
      const { impersonateSmtp: _parent, ...base } = options;
      return clientFrom(
        {
          ...base,
          ewsUrl: o.ewsUrl ?? options.ewsUrl,
          ...(o.impersonateSmtp ? { email: o.impersonateSmtp, impersonateSmtp: o.impersonateSmtp } : {}),
        },
        transport,
        false,
        auth,
        false,
      );
    },
    findFolders: (p, o) => folders.findFolders(caller, p, o),
    getImItemList: (o) => im.getImItemList(caller, o),
    getImItems: (ids, o) => im.getImItems(caller, ids, o),
    addImGroup: (n, o) => im.addImGroup(caller, n, o),
    setImGroup: (id, n, o) => im.setImGroup(caller, id, n, o),
    removeImGroup: (id, o) => im.removeImGroup(caller, id, o),
    addNewImContactToGroup: (c, o) => im.addNewImContactToGroup(caller, c, o),
    addNewTelUriContactToGroup: (c, o) => im.addNewTelUriContactToGroup(caller, c, o),
    addImContactToGroup: (c, g, o) => im.addImContactToGroup(caller, c, g, o),
    removeImContactFromGroup: (c, g, o) => im.removeImContactFromGroup(caller, c, g, o),
    removeContactFromImList: (c, o) => im.removeContactFromImList(caller, c, o),
    addDistributionGroupToImList: (g, o) => im.addDistributionGroupToImList(caller, g, o),
    removeDistributionGroupFromImList: (g, o) => im.removeDistributionGroupFromImList(caller, g, o),
    setImListMigrationCompleted: (c, o) => im.setImListMigrationCompleted(caller, c, o),
    getUserPhoto: (e, o) => photo.getUserPhoto(caller, e, o),
    getUserPhotoSoap: (e, o) => photo.getUserPhotoSoap(caller, e, o),
    resolveNames: (q, o) => dir.resolveNames(caller, q, o),
    findPeople: (q, o) => dir.findPeople(caller, q, o),
    expandDL: (s, o) => dir.expandDL(caller, s, o),
    getUserAvailability: (r, o) => avail.getUserAvailability(caller, r, o),
    getUserOofSettings: (s, o) => avail.getUserOofSettings(caller, s, o),
    getOofMailTips: (r, o) => avail.getOofMailTips(caller, r, o),
    createMeeting: (m, o) => cal.createMeeting(caller, m, o),
    findCalendarView: (r, o) => cal.findCalendarView(caller, r, o),
    getCalendarItems: (i, o) => cal.getCalendarItems(caller, i, o),
    cancelMeeting: (i, m, o) => cal.cancelMeeting(caller, i, m, o),
    respondToMeeting: (i, a, m, o) => cal.respondToMeeting(caller, i, a, m, o),
    deleteCalendarItem: (i, o) => cal.deleteCalendarItem(caller, i, o),
    findMailItems: (f, o) => mail.findMailItems(caller, f, o),
    getMailItem: (i, o) => mail.getMailItem(caller, i, o),
    getAttachment: (a, l, o) => mail.getAttachment(caller, a, l, o),
    setReadState: (i, r, o) => mail.setReadState(caller, i, r, o),
    deleteToDeletedItems: (i, o) => mail.deleteToDeletedItems(caller, i, o),
    async close() {
      if (ownAuth) await auth.close();
      if (ownTransport) await transport.close();
    },
  };
}

export type SignInStep = 'discovering' | 'authenticating';

export interface SignInOptions {
  email: string;
  password?: string;
  /** `DOMAIN\user` or a UPN; the e-mail address when absent. */
  username?: string;
  authMethod?: 'auto' | 'ntlm' | 'basic' | 'bearer';
  /** For `bearer`. */
  getToken?: TokenSource;
  /** Skip autodiscover. */
  ewsUrl?: string;
  transport?: Transport;
  transportOptions?: TransportOptions;
  auth?: AuthOptions;
  confirmRedirect?: (q: RedirectQuestion) => Promise<boolean>;
  resolveSrv?: (name: string) => Promise<SrvRecord[]>;
  onProgress?: (step: SignInStep) => void;
  onAutodiscoverAttempt?: (a: AutodiscoverAttempt) => void;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  clock?: Clock;
  maxConcurrent?: number;
  /** Per-request timeout during autodiscover, default 20 s. */
  autodiscoverTimeoutMs?: number;
  /** Told once per EWS call with a summary for the log. */
  onRequest?: (summary: EwsRequestSummary) => void;
}

export interface SignInResult {
  client: ExchangeClient;
  account: { email: string; displayName: string; ewsUrl: string; serverVersion: string };
  autodiscover?: AutodiscoverResult;
}

function credentialsFor(o: SignInOptions): Credentials {
  if ((o.authMethod ?? 'auto') === 'bearer') {
    if (!o.getToken)
      throw new EwsError('bad-input', 'No token source was given for bearer sign-in.', {
        code: 'MissingToken',
      });
    return { method: 'bearer', getToken: o.getToken };
  }
  if (!o.password) throw new EwsError('bad-input', 'Enter the password.', { code: 'MissingPassword' });
  const m = o.authMethod ?? 'auto';
  return {
    method: m === 'bearer' ? 'auto' : m,
    username: o.username?.trim() || o.email.trim(),
    password: o.password,
  };
}

/** Autodiscovers (unless `ewsUrl` is given), authenticates with a whoami call, returns the client. */
export async function signIn(o: SignInOptions): Promise<SignInResult> {
  const email = o.email.trim();
  const ownTransport = !o.transport;
  const transport = o.transport ?? createTransport(o.transportOptions);
  const credentials = credentialsFor(o);
  const auth = createAuthenticator(transport, credentials, o.auth);
  try {
    let ewsUrl = o.ewsUrl;
    let discovered: AutodiscoverResult | undefined;
    if (!ewsUrl) {
      o.onProgress?.('discovering');
      const adOptions: AutodiscoverOptions = {
        email,
        auth,
        transport,
        timeoutMs: o.autodiscoverTimeoutMs ?? 20_000,
        ...(o.confirmRedirect ? { confirmRedirect: o.confirmRedirect } : {}),
        ...(o.resolveSrv ? { resolveSrv: o.resolveSrv } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onAutodiscoverAttempt ? { onAttempt: o.onAutodiscoverAttempt } : {}),
      };
      discovered = await autodiscover(adOptions);
      ewsUrl = discovered.ewsUrl;
    }
    o.onProgress?.('authenticating');
    const mailbox = discovered?.smtp ?? email;
    const client = clientFrom(
      {
        ewsUrl,
        email: mailbox,
        credentials,
        ...(o.retry ? { retry: o.retry } : {}),
        ...(o.clock ? { clock: o.clock } : {}),
        ...(o.maxConcurrent ? { maxConcurrent: o.maxConcurrent } : {}),
        ...(o.onRequest ? { onRequest: o.onRequest } : {}),
      },
      transport,
      ownTransport,
      auth,
    );
    let me: WhoAmI;
    try {
      me = await client.whoami(o.signal ? { signal: o.signal } : {});
    } catch (err) {
      await client.close();
      throw err;
    }
    const result: SignInResult = {
      client,
      account: {
        email: me.smtp || mailbox,
        displayName: me.displayName || discovered?.displayName || mailbox,
        ewsUrl,
        serverVersion: me.serverVersion ?? discovered?.serverVersion ?? '',
      },
    };
    if (discovered) result.autodiscover = discovered;
    return result;
  } catch (err) {
    await auth.close().catch(() => undefined);
    if (ownTransport) await transport.close().catch(() => undefined);
    throw err;
  }
}
