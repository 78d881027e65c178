/**
 * THE contract between the renderer and main.
 *
 * Every channel is declared once, here: its name (the key, which is also the method name on
 * `window.roster`), a zod schema for its request and one for its response. Every event stream
 * main pushes is declared once too. Main validates every request with these schemas; both
 * bridges (Electron preload, web shell) are generated from these tables; the renderer's type
 * for `window.roster` is derived from them. This file imports zod only.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Errors and results
// ---------------------------------------------------------------------------------------------

/** What the UI can do about a failure. `tls` is a certificate problem, `unavailable` a feature
 * that is not there yet or not in this shell. */
export const ErrorKind = z.enum([
  'auth',
  'network',
  'tls',
  'throttled',
  'not-found',
  'server',
  'bad-input',
  'unavailable',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const RosterError = z.object({
  kind: ErrorKind,
  /** A sentence a user can act on (English; the renderer translates by kind/code when it can). */
  message: z.string(),
  /** The server's or the library's code, e.g. `ErrorServerBusy`, `ENOTFOUND`. */
  code: z.string().optional(),
  /** For `throttled`: how long the server asked us to wait. */
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** For `tls`: the SHA-256 fingerprint of the certificate that was refused, and its host. */
  certificate: z
    .object({ host: z.string(), fingerprint256: z.string(), subject: z.string().optional() })
    .optional(),
  /** Autodiscover pointed outside the user's domain and the password was not sent: the host it wanted. */
  redirect: z.object({ host: z.string() }).optional(),
});
export type RosterError = z.infer<typeof RosterError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: RosterError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: RosterError }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Limits: the schemas below and the renderer's text fields (maxLength) read these, so a field can
// never accept what main would refuse.
// ---------------------------------------------------------------------------------------------

/** An e-mail address (RFC 5321: 64 + 1 + 255). */
export const MAX_EMAIL = 320;
export const MAX_PASSWORD = 1024;
/** A server URL given by hand (Advanced). */
export const MAX_EWS_URL = 2048;
/** `DOMAIN\user` or a UPN. */
export const MAX_USERNAME = 320;
/** A SIP address without `sip:`. */
export const MAX_IM_ADDRESS = 320;
export const MAX_DISPLAY_NAME = 256;
export const MAX_GROUP_NAME = 256;
export const MAX_SEARCH_QUERY = 256;
/** A phone number as typed: an optional + and up to 32 digits, spaces, dots, dashes, brackets. */
export const MAX_PHONE_NUMBER = 33;
/** A DNS host name. */
export const MAX_HOST_NAME = 253;

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

/** Which shell runs the app; `cli` is the command line (diagnostics), never seen by a renderer. */
export const Shell = z.enum(['electron', 'web', 'cli']);
export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  shell: Shell,
  platform: z.string(),
  /** True when the app runs on the built-in demo Exchange. */
  demo: z.boolean(),
  /**
   * Where "Remember me" would keep the password: the OS keystore, or this session only when the
   * system has none (said at the checkbox, before signing in). Absent when not known.
   */
  vault: z.enum(['os', 'session']).optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Language = z.enum(['system', 'en', 'fr']);
export const Theme = z.enum(['system', 'light', 'dark']);

export const Settings = z.object({
  language: Language,
  theme: Theme,
  showPhotos: z.boolean(),
  /** Start signed in when a remembered account exists. */
  rememberMe: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const AuthMethod = z.enum(['auto', 'ntlm', 'basic', 'bearer']);
export type AuthMethod = z.infer<typeof AuthMethod>;

export const SignInRequest = z
  .object({
    email: z.email().max(MAX_EMAIL),
    password: z.string().min(1).max(MAX_PASSWORD),
    /** Advanced: skip autodiscover and use this EWS URL. */
    ewsUrl: z
      .url({ protocol: /^https?$/ })
      .max(MAX_EWS_URL)
      .optional(),
    /** Advanced: `DOMAIN\user` or a UPN; the e-mail address when absent. */
    username: z.string().max(MAX_USERNAME).optional(),
    authMethod: AuthMethod.default('auto'),
    rememberMe: z.boolean().default(true),
    /** Hosts outside the user's domain that autodiscover may send the password to: the user said yes. */
    allowRedirectHosts: z.array(z.string().min(1).max(MAX_HOST_NAME)).max(10).optional(),
  })
  .strict();
export type SignInRequest = z.input<typeof SignInRequest>;

export const Account = z.object({
  email: z.string(),
  displayName: z.string(),
  ewsUrl: z.string(),
  serverVersion: z.string(),
  demo: z.boolean(),
});
export type Account = z.infer<typeof Account>;

export const SignInStep = z.enum(['discovering', 'authenticating', 'loading']);
export type SignInStep = z.infer<typeof SignInStep>;

export const SessionState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-out'), lastError: RosterError.optional() }),
  z.object({ status: z.literal('signing-in'), step: SignInStep, email: z.string() }),
  z.object({
    status: z.literal('signed-in'),
    account: Account,
    /** Where the password is kept: the OS keystore, or only for this session. */
    vault: z.enum(['os', 'session']),
  }),
]);
export type SessionState = z.infer<typeof SessionState>;

export const TrustCertificateRequest = z
  .object({
    host: z.string().min(1).max(MAX_HOST_NAME),
    fingerprint256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  })
  .strict();

const Empty = z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// Contacts (the Unified Contact Store's IM list) and the directory
// ---------------------------------------------------------------------------------------------

export const Phone = z.object({
  kind: z.enum(['business', 'mobile', 'home', 'other']),
  number: z.string(),
});
export type Phone = z.infer<typeof Phone>;

/** What the directory and the contact list both say about a person. */
const PersonDetails = z.object({
  displayName: z.string(),
  /** SIP address without the `sip:` prefix. */
  imAddress: z.string().optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  office: z.string().optional(),
  company: z.string().optional(),
  phones: z.array(Phone),
});

export const Contact = PersonDetails.extend({
  /** The persona id (opaque, from the server). */
  id: z.string(),
  email: z.string().optional(),
  /** A telephone-only contact (AddNewTelUriContactToGroup). */
  telephoneOnly: z.boolean(),
  /** The groups the contact is in, in list order. */
  groupIds: z.array(z.string()),
});
export type Contact = z.infer<typeof Contact>;

export const GroupKind = z.enum(['favorites', 'other', 'user', 'distribution']);
export type GroupKind = z.infer<typeof GroupKind>;

export const Group = z.object({
  id: z.string(),
  name: z.string(),
  /** favorites and other are the special groups: they cannot be renamed or deleted. */
  kind: GroupKind,
  /** For distribution groups: their address (members come from expandGroup). */
  smtp: z.string().optional(),
  memberIds: z.array(z.string()),
});
export type Group = z.infer<typeof Group>;

export const ContactList = z.object({
  /** In server order. */
  groups: z.array(Group),
  contacts: z.array(Contact),
  /** When the server last answered (ISO), or null when never. */
  fetchedAt: z.string().nullable(),
  /** Shown from the disk snapshot, not yet refreshed from the server. */
  fromCache: z.boolean(),
  /** The last refresh failed for lack of network: the list is read-only until it comes back. */
  offline: z.boolean(),
  /** The list's cap (1,000 on Lync / UCS). */
  limit: z.number().int().positive(),
  /**
   * Where the list lives, looked at only when it holds no contact: 'ucs' (in Exchange, merely
   * empty or not), 'not-migrated' (no Lync Contacts folder: the list is most likely still on the
   * Lync server), 'unknown' (the folders could not be read). Absent in older snapshots.
   */
  storage: z.enum(['ucs', 'not-migrated', 'unknown']).optional(),
});
export type ContactList = z.infer<typeof ContactList>;
export type ListStorage = NonNullable<ContactList['storage']>;

export const DirectoryEntry = PersonDetails.extend({
  email: z.string(),
  /** The persona id when this person is already in the contact list. */
  contactId: z.string().optional(),
  /** A distribution group rather than a person. */
  isGroup: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

const Id = z.string().min(1).max(1024);
const GroupName = z.string().trim().min(1).max(MAX_GROUP_NAME);
const DisplayName = z.string().max(MAX_DISPLAY_NAME);

export const AddContactRequest = z
  .object({
    /** Target group; the server's Other Contacts when absent. */
    groupId: Id.optional(),
    source: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('directory'),
          email: z.email().max(MAX_EMAIL),
          displayName: DisplayName.optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('im'),
          imAddress: z.string().trim().min(3).max(MAX_IM_ADDRESS),
          displayName: DisplayName.optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('phone'),
          number: z
            .string()
            .trim()
            .regex(new RegExp(`^\\+?[0-9 ().-]{3,${MAX_PHONE_NUMBER - 1}}$`)),
          displayName: DisplayName.optional(),
        })
        .strict(),
    ]),
  })
  .strict();
export type AddContactRequest = z.infer<typeof AddContactRequest>;

/** Image sizes Exchange serves (GetUserPhoto SizeRequested). */
export const PhotoSize = z.enum([
  'HR48x48',
  'HR64x64',
  'HR96x96',
  'HR120x120',
  'HR240x240',
  'HR360x360',
  'HR432x432',
  'HR504x504',
  'HR648x648',
]);
export type PhotoSize = z.infer<typeof PhotoSize>;
/** Photos reach the renderer at this relative URL (app protocol or web shell), never as a file path. */
export const photoUrl = (email: string, size: PhotoSize): string =>
  `./photo/${encodeURIComponent(email)}?size=${size}`;

// ---------------------------------------------------------------------------------------------
// Presence derived from the calendar (GetUserAvailability, GetUserOofSettings, GetMailTips)
// ---------------------------------------------------------------------------------------------

/** available (free, or only tentative), busy (in a meeting), oof, off-work (outside their hours), unknown. */
export const PresenceState = z.enum(['available', 'busy', 'oof', 'off-work', 'unknown']);
export type PresenceState = z.infer<typeof PresenceState>;
/** Why presence is unknown, for the card: "Calendar not shared", "Mailbox not found"… */
export const PresenceReason = z.enum(['not-shared', 'not-found', 'no-data', 'error', 'not-loaded']);
export type PresenceReason = z.infer<typeof PresenceReason>;

const Span = z.object({ start: z.string(), end: z.string() });

/** One person's presence at `asOf`; times are ISO instants, formatted by the renderer. */
export const PresenceInfo = z.object({
  email: z.string(),
  state: PresenceState,
  /** When the state ends: end of the meeting(s), start of the next meeting today, end of OOF, start of work. */
  until: z.string().optional(),
  /** The meeting going on now, when the server shares its subject. */
  subject: z.string().optional(),
  /** A tentative meeting going on now (the person stays available). */
  tentative: Span.extend({ subject: z.string().optional() }).optional(),
  /** The next free slot of at least 30 minutes today or tomorrow, inside their working hours. */
  nextFree: Span.optional(),
  reason: PresenceReason.optional(),
  /** Their UTC offset now, in minutes (for "their time"), and at `until`. */
  utcOffsetMinutes: z.number().int().optional(),
  untilUtcOffsetMinutes: z.number().int().optional(),
  /** The person's automatic reply, when the server lets us see it. */
  oofReply: z.string().optional(),
  /** When this person's calendar was last read from the server (ISO). */
  fetchedAt: z.string().nullable(),
});
export type PresenceInfo = z.infer<typeof PresenceInfo>;

export const PresenceSnapshot = z.object({
  /** The instant the states were computed for. */
  asOf: z.string(),
  /** The oldest calendar reading among the people shown, or null when nothing was read yet. */
  fetchedAt: z.string().nullable(),
  /** The data is older than the refresh interval, or the last refresh failed: show "presence as of …". */
  stale: z.boolean(),
  me: PresenceInfo.nullable(),
  people: z.array(PresenceInfo),
  /** People with "Tell me when free" on (lower-case addresses). */
  alerts: z.array(z.string()),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshot>;

export const ScheduleBlock = Span.extend({
  busyType: z.enum(['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData']),
  subject: z.string().optional(),
  location: z.string().optional(),
});
export type ScheduleBlock = z.infer<typeof ScheduleBlock>;

/** What the contact card shows: presence plus today's and tomorrow's schedule and their hours. */
export const PresenceCard = z.object({
  presence: PresenceInfo,
  blocks: z.array(ScheduleBlock),
  /** The window the blocks cover (start of today to end of tomorrow, viewer's days). */
  window: Span,
  /** Their working hours today in UTC, when known. */
  workingHours: Span.optional(),
  /** Their time zone's name when the server gives one. */
  zoneName: z.string().optional(),
});
export type PresenceCard = z.infer<typeof PresenceCard>;

export const PresenceAlert = z.object({
  email: z.string(),
  displayName: z.string(),
  /** When they became free (ISO). */
  at: z.string(),
});
export type PresenceAlert = z.infer<typeof PresenceAlert>;

// ---------------------------------------------------------------------------------------------
// Help desk: did a user's Lync list move into Exchange (UCS), and was anything lost? The report is
// also what `verify-ucs --json` writes (schemaVersion 1; main/services/helpdesk/types.ts).
// ---------------------------------------------------------------------------------------------

export const HelpdeskCheckId = z.enum([
  'autodiscover',
  'ews-version',
  'sign-in',
  'mailbox-access',
  'lync-contacts-folder',
  'ucs-list',
  'contact-limit',
  'photo',
  'free-busy',
  'history-folder',
  'voicemail-folder',
  'migration',
  'comparison',
]);
export const HelpdeskStatus = z.enum(['pass', 'warn', 'fail']);

export const HelpdeskCheck = z.object({
  id: HelpdeskCheckId,
  title: z.string(),
  status: HelpdeskStatus,
  /** What was seen, in words and numbers a ticket can carry. */
  evidence: z.string(),
  /** What a help-desk person does next ("" when nothing is needed). */
  nextStep: z.string(),
});

export const HelpdeskListedContact = z.object({
  /** SIP URI without `sip:`, or e-mail, or `tel:+…` for telephone-only contacts. */
  address: z.string(),
  displayName: z.string().optional(),
  groups: z.array(z.string()),
  telephoneOnly: z.boolean(),
});

export const HelpdeskComparison = z.object({
  /** In the export, not in UCS: what the user lost. "Nothing lost" only when both are empty. */
  missingContacts: z.array(HelpdeskListedContact),
  missingGroups: z.array(z.string()),
  /** In UCS, not in the export (added since, or matched by nothing). */
  extraContacts: z.array(HelpdeskListedContact),
  extraGroups: z.array(z.string()),
  /** Matched contacts whose groups differ. */
  changedGroups: z.array(
    z.object({
      address: z.string(),
      displayName: z.string().optional(),
      exportGroups: z.array(z.string()),
      ucsGroups: z.array(z.string()),
    }),
  ),
  /** Telephone-only contacts of the export found in UCS by their number. */
  telephoneMatched: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  nothingLost: z.boolean(),
});

export const HelpdeskUserReport = z.object({
  schemaVersion: z.literal(1),
  user: z.string(),
  displayName: z.string().optional(),
  checkedAt: z.string(),
  checkedBy: z.string(),
  server: z.object({ ewsUrl: z.string().optional(), version: z.string().optional() }),
  /** A user passes unless a check fails: a warning is worth reading but proves no loss. */
  verdict: HelpdeskStatus,
  checks: z.array(HelpdeskCheck),
  counts: z
    .object({
      groups: z.number().int().nonnegative(),
      contacts: z.number().int().nonnegative(),
      telephoneOnly: z.number().int().nonnegative(),
      distributionGroups: z.number().int().nonnegative(),
    })
    .optional(),
  export: z
    .object({
      /** The file's name as given (never a full path of the help-desk machine). */
      file: z.string(),
      sipUri: z.string().optional(),
      contacts: z.number().int().nonnegative(),
      groups: z.number().int().nonnegative(),
    })
    .optional(),
  comparison: HelpdeskComparison.optional(),
});
export type HelpdeskUserReport = z.infer<typeof HelpdeskUserReport>;

export const HelpdeskBatchReport = z.object({
  schemaVersion: z.literal(1),
  checkedAt: z.string(),
  checkedBy: z.string(),
  summary: z.object({
    total: z.number().int().nonnegative(),
    pass: z.number().int().nonnegative(),
    warn: z.number().int().nonnegative(),
    fail: z.number().int().nonnegative(),
  }),
  users: z.array(HelpdeskUserReport),
});
export type HelpdeskBatchReport = z.infer<typeof HelpdeskBatchReport>;

/** A user's Export-CsUserData zip as the renderer read it from a file the user picked. */
export const HelpdeskExport = z
  .object({
    file: z.string().max(260),
    /**
     * At most 900,000 base64 characters (a 650 KB zip), so a request fits the web shell's 1 MB
     * message cap; a 1,000-contact export for one user zips to about 50 KB.
     */
    base64: z.string().max(900_000),
  })
  .strict();

export const VerifyUcsRequest = z
  .object({
    users: z
      .array(z.object({ email: z.email().max(320), export: HelpdeskExport.optional() }).strict())
      .min(1)
      .max(500),
  })
  .strict();

export const HelpdeskProgress = z.object({
  user: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** A check that just finished for `user`, or undefined when the user is done. */
  check: HelpdeskCheck.optional(),
  /** Set when the user is done. */
  verdict: HelpdeskStatus.optional(),
});
export type HelpdeskProgress = z.infer<typeof HelpdeskProgress>;

// ---------------------------------------------------------------------------------------------
// Meetings: find a time everyone is free (one GetUserAvailability for all attendees and me), create
// the online meeting (UCWA myOnlineMeetings, behind OnlineMeetingProvider) and send the invitation
// (CreateItem, SendToAllAndSaveCopy); my upcoming meetings (CalendarView), cancel and decline.
// ---------------------------------------------------------------------------------------------

export const MAX_MEETING_SUBJECT = 255;
export const MAX_MEETING_AGENDA = 10_000;
export const MAX_MEETING_LOCATION = 255;
export const MAX_MEETING_MESSAGE = 2_000;
export const MAX_MEETING_ATTENDEES = 100;

const Instant = z.iso.datetime({ offset: true });

export const MeetingAttendeeInput = z
  .object({
    email: z.email().max(MAX_EMAIL),
    displayName: DisplayName.optional(),
    /** Required attendees must be free; optional ones rank a slot higher when they can come. */
    required: z.boolean().default(true),
  })
  .strict();
export type MeetingAttendeeInput = z.input<typeof MeetingAttendeeInput>;

export const AttendeeAnswer = z.enum(['free', 'maybe', 'busy', 'outside-hours', 'unknown']);
export type AttendeeAnswer = z.infer<typeof AttendeeAnswer>;

export const FindTimeRequest = z
  .object({
    attendees: z.array(MeetingAttendeeInput).min(1).max(MAX_MEETING_ATTENDEES),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(8 * 60),
    /** Search from this instant (default: now, rounded up to the next step). */
    from: Instant.optional(),
    /** How far ahead to look, in days (the scheduler offers 1–14). */
    withinDays: z.number().int().min(1).max(14).default(5),
    /** Any instant of the day the grid shows (organiser's day); default: the first proposal's day. */
    day: Instant.optional(),
  })
  .strict();

export const MeetingSlot = z.object({
  start: z.string(),
  end: z.string(),
  answers: z.array(z.object({ email: z.string(), required: z.boolean(), answer: AttendeeAnswer })),
  /** Required attendees who are tentative or whose calendar cannot be seen. */
  requiredMaybe: z.number().int().nonnegative(),
  /** Optional attendees who are free. */
  optionalFree: z.number().int().nonnegative(),
});
export type MeetingSlot = z.infer<typeof MeetingSlot>;

/** One row of the scheduling grid: a person's day (blocks and working hours in UTC instants). */
export const MeetingGridRow = z.object({
  email: z.string(),
  displayName: z.string(),
  required: z.boolean(),
  /** The organiser's own row (first). */
  self: z.boolean(),
  blocks: z.array(ScheduleBlock),
  /** Their working hours on this day, as instants (their zone's hours, shown on my clock). */
  workingHours: z.array(Span),
  /** Their zone's name when the server gives one ("Tokyo Standard Time"). */
  zoneName: z.string().optional(),
  /** Why their calendar cannot be read, when it cannot. */
  reason: PresenceReason.optional(),
});
export type MeetingGridRow = z.infer<typeof MeetingGridRow>;

export const FindTimeResult = z.object({
  /** Best first: soonest, then the most optional attendees free. Empty when no slot fits. */
  slots: z.array(MeetingSlot),
  /** The grid's day, start to end in the organiser's zone. */
  day: Span,
  rows: z.array(MeetingGridRow),
});
export type FindTimeResult = z.infer<typeof FindTimeResult>;

export const MeetingConflict = z.object({
  email: z.string(),
  displayName: z.string(),
  start: z.string(),
  end: z.string(),
  busyType: z.enum(['Tentative', 'Busy', 'OOF', 'outside-hours', 'unknown']),
});
export type MeetingConflict = z.infer<typeof MeetingConflict>;

export const CheckMeetingTimeRequest = z
  .object({
    attendees: z.array(MeetingAttendeeInput).min(1).max(MAX_MEETING_ATTENDEES),
    start: Instant,
    end: Instant,
  })
  .strict();

/** The options of Lync's "Meeting Options" dialog. */
export const OnlineMeetingOptions = z
  .object({
    /** Who gets in directly; the rest wait in the lobby. */
    access: z.enum(['everyone', 'same-enterprise', 'invited', 'locked']).default('same-enterprise'),
    /** People dialling in by phone bypass the lobby. */
    lobbyBypassForPhoneUsers: z.boolean().default(false),
    /** Who is a presenter. */
    presenters: z
      .enum(['everyone', 'same-enterprise', 'organizer', 'people-i-choose'])
      .default('same-enterprise'),
    /** With `people-i-choose`: attendees' addresses. */
    presenterEmails: z.array(z.email().max(MAX_EMAIL)).max(MAX_MEETING_ATTENDEES).default([]),
  })
  .strict();
export type OnlineMeetingOptions = z.input<typeof OnlineMeetingOptions>;

export const ScheduleMeetingRequest = z
  .object({
    attendees: z.array(MeetingAttendeeInput).min(1).max(MAX_MEETING_ATTENDEES),
    subject: z.string().trim().min(1).max(MAX_MEETING_SUBJECT),
    start: Instant,
    end: Instant,
    agenda: z.string().max(MAX_MEETING_AGENDA).default(''),
    location: z.string().max(MAX_MEETING_LOCATION).optional(),
    /** An online (Lync) meeting (default) or in person. */
    online: z.boolean().default(true),
    options: OnlineMeetingOptions.optional(),
    /** The invitation's language (the organiser's UI language). */
    language: z.enum(['en', 'fr']).default('en'),
  })
  .strict();
export type ScheduleMeetingRequest = z.input<typeof ScheduleMeetingRequest>;

export const MeetingResponse = z.enum([
  'organizer',
  'accepted',
  'tentative',
  'declined',
  'no-response',
  'unknown',
]);
export type MeetingResponse = z.infer<typeof MeetingResponse>;

export const Meeting = z.object({
  id: z.string(),
  changeKey: z.string().optional(),
  subject: z.string(),
  start: z.string(),
  end: z.string(),
  location: z.string().optional(),
  organizer: z.object({ email: z.string(), displayName: z.string() }),
  isOrganizer: z.boolean(),
  myResponse: MeetingResponse,
  attendees: z.array(
    z.object({
      email: z.string(),
      displayName: z.string().optional(),
      required: z.boolean(),
      response: MeetingResponse,
    }),
  ),
  /** The online meeting's join link (https only), when it is one. */
  joinUrl: z.string().optional(),
  isAllDay: z.boolean(),
  isRecurring: z.boolean(),
  isCancelled: z.boolean(),
});
export type Meeting = z.infer<typeof Meeting>;

export const ScheduleMeetingResult = z.object({
  meeting: Meeting,
  /** `created`: the online meeting exists and its link is in the invitation; `not-requested`: in person. */
  online: z.enum(['created', 'not-requested']),
});
export type ScheduleMeetingResult = z.infer<typeof ScheduleMeetingResult>;

const MeetingRef = { id: Id, changeKey: z.string().max(1024).optional() };

// ---------------------------------------------------------------------------------------------
// Features: what is on, and why (the organisation's policy file, the user's pilot opt-in, the
// default). main/services/features holds the registry and the precedence rule.
// ---------------------------------------------------------------------------------------------

export const FeatureId = z.enum([
  'photos',
  'presence',
  'alerts',
  'meetings',
  'helpdesk',
  'history',
  'voicemail',
]);
export type FeatureId = z.infer<typeof FeatureId>;

/** Where a feature's state comes from, strongest first; `requires`: another feature it needs is off. */
export const FeatureSource = z.enum(['policy', 'user', 'requires', 'default']);
export type FeatureSource = z.infer<typeof FeatureSource>;

const Bilingual = z.object({ en: z.string(), fr: z.string() });

export const FeatureState = z.object({
  id: FeatureId,
  on: z.boolean(),
  source: FeatureSource,
  /** The reason as a sentence in English ("On by your organisation's policy"); the renderer translates by source. */
  reason: z.string(),
  /** Not yet on for everyone: users may join (opt in) where the policy allows. */
  pilot: z.boolean(),
  /** The user may switch it (a pilot feature the policy neither sets nor forbids opting in to). */
  canOptIn: z.boolean(),
  /** With source `requires`: the feature it needs. */
  requires: FeatureId.optional(),
  title: Bilingual,
  description: Bilingual,
});
export type FeatureState = z.infer<typeof FeatureState>;

export const PolicyStatus = z.object({
  /** `none`: no policy file; `applied`; `invalid`: the file was refused whole (defaults and opt-ins apply). */
  status: z.enum(['none', 'applied', 'invalid']),
  /** The policy file's path (the home folder written as ~), when there is one. */
  file: z.string().optional(),
  /** For `invalid`: the line (1-based) when known, and why. */
  line: z.number().int().positive().optional(),
  reason: z.string().optional(),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const FeaturesSnapshot = z.object({
  features: z.array(FeatureState),
  /** The pilot ring's name, from the policy, shown in the header. */
  ring: z.string().nullable(),
  policy: PolicyStatus,
});
export type FeaturesSnapshot = z.infer<typeof FeaturesSnapshot>;

export const Diagnostics = z.object({
  /** `roster-diagnostics-<date>.zip`. */
  fileName: z.string(),
  /** The zip's bytes, base64 (the renderer offers them as a download). */
  base64: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

// ---------------------------------------------------------------------------------------------
// Conversation history (issue 23): the mailbox's Conversation History folder (Lync's IM and
// conference transcripts, missed conversations and calls), read-only, in pages. Everything here is
// plain text: main turns each HTML body into inert text (main/services/history/sanitize.ts) and the
// renderer shows it as text, never as HTML.
// ---------------------------------------------------------------------------------------------

/** Conversations in one page (FindItem's IndexedPageItemView). */
export const MAX_HISTORY_PAGE = 100;
export const DEFAULT_HISTORY_PAGE = 50;
/** The search box over history (EWS QueryString's own cap). */
export const MAX_HISTORY_SEARCH = 255;
/** How far a page may start (a Conversation History folder of a few years holds far fewer). */
export const MAX_HISTORY_OFFSET = 1_000_000;
/** "Recent conversations" on a contact's card. */
export const MAX_RECENT_CONVERSATIONS = 20;
export const DEFAULT_RECENT_CONVERSATIONS = 5;

/** im, missed-im, call, missed-call, conference (three people or more), other (an item Lync did not write). */
export const ConversationKind = z.enum(['im', 'missed-im', 'call', 'missed-call', 'conference', 'other']);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const ConversationSummary = z.object({
  id: z.string(),
  changeKey: z.string().optional(),
  kind: ConversationKind,
  subject: z.string(),
  /** When it happened (ISO instant), formatted by the renderer. */
  at: z.string(),
  /** The other people (me left out); an address when the server gave one. */
  participants: z.array(z.object({ name: z.string(), email: z.string().optional() })),
  /** One line of plain text. */
  preview: z.string(),
  unread: z.boolean(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const HistoryPage = z.object({
  /** Newest first. */
  entries: z.array(ConversationSummary),
  /** How many the folder (or the search) holds in all. */
  total: z.number().int().nonnegative(),
  /** Where the next page starts; absent on the last page. */
  nextOffset: z.number().int().nonnegative().optional(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const TranscriptLine = z.object({
  /** Absent for text before the first "Name [time]:" line, or a body without any. */
  speaker: z.string().optional(),
  /** As Lync wrote it, in the sender's locale ("9:15 AM", "14:02"). */
  time: z.string().optional(),
  text: z.string(),
});
export type TranscriptLine = z.infer<typeof TranscriptLine>;

export const Conversation = z.object({
  entry: ConversationSummary,
  /** Who said what and when. */
  transcript: z.array(TranscriptLine),
  /** The whole body as plain text. */
  text: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

const HistoryPaging = {
  offset: z.number().int().min(0).max(MAX_HISTORY_OFFSET).default(0),
  max: z.number().int().min(1).max(MAX_HISTORY_PAGE).default(DEFAULT_HISTORY_PAGE),
};

// ---------------------------------------------------------------------------------------------
// Voice mail (issue 23): the mailbox's voice-mail search folder (Exchange UM). The recording
// reaches the renderer at voicemailAudioUrl (the shell's own route), never as a path or base64.
// ---------------------------------------------------------------------------------------------

/** Voice mails in one page of listVoicemail. */
export const MAX_VOICEMAIL_PAGE = 100;
export const DEFAULT_VOICEMAIL_PAGE = 50;
/** An EWS item id as the route and the channels accept it. */
export const MAX_VOICEMAIL_ID = 1024;

export const VoicemailCaller = z.object({
  /** The name the server gave, or the number for an outside caller. */
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  /** The contact this caller is, when one matched (by address, else by phone number). */
  contact: z.object({ email: z.string(), displayName: z.string() }).optional(),
});
export type VoicemailCaller = z.infer<typeof VoicemailCaller>;

export const VoicemailEntry = z.object({
  id: z.string(),
  changeKey: z.string().optional(),
  caller: VoicemailCaller,
  /** ISO instant. */
  at: z.string(),
  durationSeconds: z.number().int().nonnegative().optional(),
  /** The start of Exchange UM's transcription, when it made one. */
  transcription: z.string().optional(),
  unread: z.boolean(),
});
export type VoicemailEntry = z.infer<typeof VoicemailEntry>;

export const VoicemailPage = z.object({
  /** Newest first. */
  entries: z.array(VoicemailEntry),
  total: z.number().int().nonnegative(),
  nextOffset: z.number().int().nonnegative().optional(),
});
export type VoicemailPage = z.infer<typeof VoicemailPage>;

const VoicemailId = z.string().min(1).max(MAX_VOICEMAIL_ID);

/** A recording reaches the <audio> element at this relative URL (app protocol or web shell). */
export const voicemailAudioUrl = (id: string): string => `./voicemail/${encodeURIComponent(id)}/audio`;

// ---------------------------------------------------------------------------------------------
// Channels: request → response. The key is the method name on window.roster.
// ---------------------------------------------------------------------------------------------

export const channels = {
  getAppInfo: { request: Empty, response: AppInfo },
  getSettings: { request: Empty, response: Settings },
  updateSettings: { request: SettingsPatch, response: Settings },
  getSession: { request: Empty, response: SessionState },
  signIn: { request: SignInRequest, response: SessionState },
  signInDemo: { request: Empty, response: SessionState },
  signOut: { request: Empty, response: SessionState },
  /**
   * Signed in to the demo only: undo every edit (the built-in Exchange's organisation is generated
   * again) and sign in to the demo afresh. Refused with bad-input on any other account.
   */
  resetDemo: { request: Empty, response: SessionState },
  trustCertificate: { request: TrustCertificateRequest, response: z.object({ trusted: z.boolean() }) },

  /** The list as known now (the disk snapshot at start, marked fromCache); a refresh follows by event. */
  getContactList: { request: Empty, response: ContactList },
  refreshContactList: { request: Empty, response: ContactList },
  addContact: { request: AddContactRequest, response: ContactList },
  removeContactFromGroup: {
    request: z.object({ contactId: Id, groupId: Id }).strict(),
    response: ContactList,
  },
  removeContact: { request: z.object({ contactId: Id }).strict(), response: ContactList },
  /** Move (or copy, keeping it in the source group) a contact between groups. */
  moveContact: {
    request: z
      .object({ contactId: Id, fromGroupId: Id, toGroupId: Id, copy: z.boolean().default(false) })
      .strict(),
    response: ContactList,
  },
  createGroup: { request: z.object({ name: GroupName }).strict(), response: ContactList },
  renameGroup: { request: z.object({ groupId: Id, name: GroupName }).strict(), response: ContactList },
  deleteGroup: { request: z.object({ groupId: Id }).strict(), response: ContactList },
  addDistributionGroup: {
    request: z.object({ email: z.email().max(MAX_EMAIL), displayName: DisplayName.optional() }).strict(),
    response: ContactList,
  },
  /** A distribution group's members (ExpandDL), on demand. */
  expandGroup: {
    request: z.object({ groupId: Id }).strict(),
    response: z.object({ members: z.array(DirectoryEntry) }),
  },
  /** As-you-type directory search; a newer search cancels the one before (it answers cancelled). */
  /** Presence of my contacts and me, as known now (a refresh follows by event when stale). */
  getPresence: { request: Empty, response: PresenceSnapshot },
  /** Ask the server again now (the "Refresh presence" action, or the window regained focus). */
  refreshPresence: {
    request: z.object({ reason: z.enum(['user', 'focus']).default('user') }).strict(),
    response: PresenceSnapshot,
  },
  /**
   * The people on screen (rows, search results, group members): their presence is fetched first,
   * and people outside the contact list are followed too.
   */
  watchPresence: {
    request: z.object({ emails: z.array(z.email().max(320)).max(500) }).strict(),
    response: z.object({ watching: z.number().int().nonnegative() }),
  },
  /** The card: presence and schedule, re-read when older than 2 minutes, with the automatic reply. */
  getPresenceCard: { request: z.object({ email: z.email().max(320) }).strict(), response: PresenceCard },
  /** "Tell me when free": on or off for one person; tags survive a restart. */
  setPresenceAlert: {
    request: z.object({ email: z.email().max(320), on: z.boolean() }).strict(),
    response: z.object({ alerts: z.array(z.string()) }),
  },
  searchDirectory: {
    request: z.object({ query: z.string().trim().min(1).max(MAX_SEARCH_QUERY) }).strict(),
    response: z.object({ query: z.string(), results: z.array(DirectoryEntry), cancelled: z.boolean() }),
  },

  /** Proposals and the day's grid for these attendees and me (one GetUserAvailability). */
  findMeetingTime: { request: FindTimeRequest, response: FindTimeResult },
  /** A time picked by hand: who cannot come and why ("Hélène is busy 14:00–15:00"). */
  checkMeetingTime: {
    request: CheckMeetingTimeRequest,
    response: z.object({ conflicts: z.array(MeetingConflict) }),
  },
  /** Whether online meetings can be created (UCWA discovered): the form offers a plain meeting when not. */
  getOnlineMeetingStatus: {
    request: Empty,
    response: z.object({
      available: z.boolean(),
      provider: z.string().optional(),
      reason: z.string().optional(),
    }),
  },
  /**
   * Create the online meeting (when asked) and send the invitation. When no online-meeting service
   * answers, fails with kind `unavailable`, code `OnlineMeetingUnavailable`: the form then offers
   * the same meeting without the online part (online: false).
   */
  scheduleMeeting: { request: ScheduleMeetingRequest, response: ScheduleMeetingResult },
  /** My meetings from now for `days` days, recurring series expanded by the server. */
  listUpcomingMeetings: {
    request: z.object({ days: z.number().int().min(1).max(31).default(7) }).strict(),
    response: z.object({ from: z.string(), to: z.string(), meetings: z.array(Meeting) }),
  },
  /** Cancel a meeting I organise, with a message to the attendees (CancelCalendarItem). */
  cancelMeeting: {
    request: z.object({ ...MeetingRef, message: z.string().max(MAX_MEETING_MESSAGE).default('') }).strict(),
    response: z.object({ cancelled: z.literal(true) }),
  },
  /** Decline a meeting I was invited to (DeclineItem), telling the organiser. */
  declineMeeting: {
    request: z.object({ ...MeetingRef, message: z.string().max(MAX_MEETING_MESSAGE).default('') }).strict(),
    response: z.object({ declined: z.literal(true) }),
  },

  /** Whether the Help desk view is for this account: it holds ApplicationImpersonation. */
  getHelpdeskAccess: { request: Empty, response: z.object({ allowed: z.boolean() }) },
  /**
   * Check users' UCS migration on the signed-in account (others by impersonation); progress
   * comes by event. Answers the report and the same report as a self-contained HTML page.
   */
  verifyUcs: {
    request: VerifyUcsRequest,
    response: z.object({ report: HelpdeskBatchReport, html: z.string() }),
  },

  /** Every feature's state and why, the pilot ring, the policy file's status. */
  getFeatures: { request: Empty, response: FeaturesSnapshot },
  /** Join or leave a pilot feature; refused (`unavailable`) where the policy decides it. */
  setFeatureOptIn: {
    request: z.object({ id: FeatureId, on: z.boolean() }).strict(),
    response: FeaturesSnapshot,
  },
  /** Help → Save diagnostics…: a zip with versions, features, redacted settings, logs and a connectivity check. */
  saveDiagnostics: { request: Empty, response: Diagnostics },

  // Conversation history (issue 23): read-only, plain text, gated by the 'history' pilot feature.
  /** A page of the Conversation History folder, newest first. */
  listHistory: { request: z.object(HistoryPaging).strict(), response: HistoryPage },
  /** Subject and body search over history (empty text: the plain list), paged. */
  searchHistory: {
    request: z.object({ text: z.string().trim().max(MAX_HISTORY_SEARCH), ...HistoryPaging }).strict(),
    response: HistoryPage,
  },
  /** One conversation in full, as text: who said what and when. */
  openConversation: { request: z.object({ id: Id }).strict(), response: Conversation },
  /** The latest conversations with one person (the contact card), newest first. */
  recentConversations: {
    request: z
      .object({
        email: z.email().max(MAX_EMAIL),
        /** Matches conversations where the server gave the name only. */
        displayName: DisplayName.optional(),
        max: z.number().int().min(1).max(MAX_RECENT_CONVERSATIONS).default(DEFAULT_RECENT_CONVERSATIONS),
      })
      .strict(),
    response: z.object({ entries: z.array(ConversationSummary) }),
  },
  // Voice mail (issue 23)
  /** A page of voice mail, newest first, callers resolved to contacts. */
  listVoicemail: {
    request: z
      .object({
        offset: z.number().int().min(0).max(1_000_000).default(0),
        max: z.number().int().min(1).max(MAX_VOICEMAIL_PAGE).default(DEFAULT_VOICEMAIL_PAGE),
      })
      .strict(),
    response: VoicemailPage,
  },
  /** Mark a voice mail heard (read) or not (UpdateItem). */
  setVoicemailRead: {
    request: z.object({ id: VoicemailId, read: z.boolean() }).strict(),
    response: z.object({ id: z.string(), unread: z.boolean() }),
  },
  /** Move a voice mail to Deleted Items. */
  deleteVoicemail: {
    request: z.object({ id: VoicemailId }).strict(),
    response: z.object({ deleted: z.literal(true) }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelRequest<K extends ChannelName> = z.input<Channels[K]['request']>;
export type ChannelRequestParsed<K extends ChannelName> = z.output<Channels[K]['request']>;
export type ChannelResponse<K extends ChannelName> = z.output<Channels[K]['response']>;

export const channelNames = Object.keys(channels) as ChannelName[];

// ---------------------------------------------------------------------------------------------
// Events main pushes to the renderer.
// ---------------------------------------------------------------------------------------------

export const events = {
  sessionChanged: SessionState,
  settingsChanged: Settings,
  /** After a refresh or an edit: the list as the server now has it. */
  contactsChanged: ContactList,
  /** Presence recomputed (a boundary passed, a fetch answered, an alert changed). */
  presenceChanged: PresenceSnapshot,
  /** Someone tagged with "Tell me when free" is free now. */
  presenceAlert: PresenceAlert,
  /**
   * The bridge lost its link to main for good (the web shell stopped or closed the socket): every
   * call now fails with a `network` error, and events may have been missed, so the window says to
   * reload. Raised by the web bridge itself, never by main; IPC in Electron cannot be lost while
   * the window lives, so that bridge never raises it.
   */
  connectionLost: z.object({}),
  /** My calendar changed (a meeting scheduled, cancelled or declined here): the upcoming list reloads. */
  meetingsChanged: z.object({}),
  /** A help-desk check finished for a user, or a user is done (verifyUcs). */
  helpdeskProgress: HelpdeskProgress,
  /** The policy file changed, or the user joined or left a pilot feature. */
  featuresChanged: FeaturesSnapshot,

  // Voice mail (issue 23)
  /** A voice mail was marked read or unread, or deleted: lists and badges reload. */
  voicemailChanged: z.object({}),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const eventNames = Object.keys(events) as EventName[];

/** The IPC channel string for a request channel or an event (Electron); also the WebSocket tag. */
export const ipcChannel = (name: ChannelName): string => `roster:${name}`;
export const ipcEvent = (name: EventName): string => `roster:event:${name}`;

// ---------------------------------------------------------------------------------------------
// The API the renderer sees as window.roster: derived, never written by hand.
// ---------------------------------------------------------------------------------------------

export type RosterApi = {
  // A channel whose request has no required field may be called with no argument.
  [K in ChannelName]: Record<never, never> extends ChannelRequest<K>
    ? (request?: ChannelRequest<K>) => Promise<Result<ChannelResponse<K>>>
    : (request: ChannelRequest<K>) => Promise<Result<ChannelResponse<K>>>;
} & {
  /** Subscribe to an event stream; returns the unsubscribe function. */
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
};
