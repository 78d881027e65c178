/**
 * The built-in Exchange's organisation: the data every part of the simulator reads and the EWS
 * handlers change. Plain data (JSON-serialisable) so demo mode can persist it in its data folder.
 *
 * Seam between the org generator/server (org/, server.ts, auth/, autodiscover.ts) and the EWS
 * operation handlers (ews/). Extend by adding fields; never rename or remove one another part reads.
 * Times are ISO-8601 UTC strings ("2026-11-25T09:00:00.000Z") unless a name says otherwise.
 */

export type Script = 'latin' | 'french' | 'cyrillic' | 'greek' | 'arabic' | 'cjk';

export interface WorkingHours {
  /** IANA zone the hours are in, e.g. "Europe/Paris". */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after local midnight. */
  startMinutes: number;
  endMinutes: number;
}

export type OofState = 'Disabled' | 'Enabled' | 'Scheduled';
export interface OofSettings {
  state: OofState;
  externalAudience: 'None' | 'Known' | 'All';
  start?: string;
  end?: string;
  internalReply: string;
  externalReply: string;
}

export interface PhotoSpec {
  /** Format of the stored original (what GetUserPhoto serves, resized). */
  format: 'jpeg' | 'png';
  /** Size of the stored original; most are 648×648, some are not square or smaller. */
  width: number;
  height: number;
  /** Drawing seed (colours, shapes); bytes are rendered on demand and cached. */
  seed: number;
  /** Bumped when the photo changes; part of the ETag. */
  version: number;
}

export type BusyType = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

export interface Attendee {
  smtp: string;
  type: 'Required' | 'Optional' | 'Resource';
  response?: 'Unknown' | 'Organizer' | 'Tentative' | 'Accept' | 'Decline' | 'NoResponseReceived';
}

export interface CalendarItem {
  id: string;
  changeKey: string;
  /** The organiser's item id this copy belongs to (same as id for the organiser's own copy). */
  uid: string;
  subject: string;
  location?: string;
  body?: string;
  start: string;
  end: string;
  /** IANA zone the organiser created it in (StartTimeZone). */
  timeZone: string;
  isAllDay: boolean;
  busyType: BusyType;
  isMeeting: boolean;
  isCancelled: boolean;
  isPrivate?: boolean;
  organizer: string;
  attendees: Attendee[];
  isOnlineMeeting?: boolean;
  onlineMeetingJoinUrl?: string;
  created: string;
  /** t:OnlineMeetingSettings as the organiser set them (Exchange 2013+). */
  onlineMeetingSettings?: OnlineMeetingSettings;
  /** Required attendees' invitations were sent (SendMeetingInvitations other than SendToNone). */
  meetingRequestWasSent?: boolean;
  /** AppointmentSequenceNumber; bumped by a cancellation. */
  sequence?: number;
  /**
   * Present on a recurring series' master (CalendarItemType RecurringMaster): start/end above are
   * the first occurrence's, the pattern repeats that wall-clock time in `timeZone`.
   */
  recurrence?: Recurrence;
  /** Occurrences moved or edited (exceptions), by their original start. */
  modifiedOccurrences?: ModifiedOccurrence[];
  /** Original starts (ISO) of occurrences deleted from the series. */
  deletedOccurrences?: string[];
}

/** 'First'…'Fourth' or 'Last' occurrence of a weekday in its month (DayOfWeekIndexType). */
export type DayOfWeekIndex = 'First' | 'Second' | 'Third' | 'Fourth' | 'Last';

/** The EWS recurrence patterns the simulator keeps. Days of the week are 0 = Sunday … 6 = Saturday. */
export type RecurrencePattern =
  | { kind: 'Daily'; interval: number }
  | { kind: 'Weekly'; interval: number; daysOfWeek: number[]; firstDayOfWeek?: number }
  | { kind: 'AbsoluteMonthly'; interval: number; dayOfMonth: number }
  | { kind: 'RelativeMonthly'; interval: number; dayOfWeek: number; index: DayOfWeekIndex };

/** Dates are local calendar dates ("2026-10-05") in the series' time zone. */
export type RecurrenceRange =
  | { kind: 'EndDate'; startDate: string; endDate: string }
  | { kind: 'Numbered'; startDate: string; count: number }
  | { kind: 'NoEnd'; startDate: string };

export interface Recurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

/** One occurrence changed from the pattern (an exception). */
export interface ModifiedOccurrence {
  /** Where the pattern put it (RecurrenceId / OriginalStart). */
  originalStart: string;
  start: string;
  end: string;
  subject?: string;
  location?: string;
  busyType?: BusyType;
}

export interface OnlineMeetingSettings {
  lobbyBypass: 'Disabled' | 'EnabledForGatewayParticipants';
  accessLevel: 'Locked' | 'Invited' | 'Internal' | 'Everyone';
  presenters: 'Disabled' | 'Internal' | 'Everyone';
}

export type ImGroupType = 'Favorites' | 'OtherContacts' | 'Normal' | 'DistributionGroup';

export interface ImGroup {
  id: string;
  changeKey: string;
  displayName: string;
  type: ImGroupType;
  /** For distribution groups. */
  smtp?: string;
  /** Persona ids, in list order. */
  memberIds: string[];
}

export interface ImPersona {
  id: string;
  displayName: string;
  /** The org person this contact is, when it is one (by smtp). */
  smtp?: string;
  imAddress?: string;
  /** tel: URI for telephone-only contacts. */
  telUri?: string;
  /** The contact item's change key (UpdateItem); "1" when absent. */
  changeKey?: string;
}

export interface ImList {
  /** Set by SetImListMigrationCompleted (Lync sets it once it has moved the list). */
  migrationCompleted: boolean;
  groups: ImGroup[];
  personas: ImPersona[];
}

/** The contact list as it was on Lync Server before migration (Export-CsUserData's view). */
export interface LyncContact {
  sipUri: string;
  displayName?: string;
  groups: string[];
  tel?: string;
}
export interface LyncSide {
  /** ucs: list moved to Exchange; lync: still on Lync Server; partial: moved with losses. */
  migration: 'ucs' | 'lync' | 'partial';
  groups: string[];
  contacts: LyncContact[];
}

export interface Person {
  id: string;
  smtp: string;
  /** Extra SMTP addresses (proxy addresses). */
  aliases: string[];
  sip: string;
  /** `DOMAIN\sam` form user name. */
  samAccountName: string;
  upn: string;
  password: string;
  displayName: string;
  givenName: string;
  surname: string;
  script: Script;
  title?: string;
  department?: string;
  company?: string;
  office?: string;
  businessPhone?: string;
  mobilePhone?: string;
  managerId?: string;
  workingHours: WorkingHours;
  oof: OofSettings;
  photo?: PhotoSpec;
  calendar: CalendarItem[];
  imList: ImList;
  lync: LyncSide;
  /** Holds the ApplicationImpersonation role (help-desk accounts). */
  canImpersonate: boolean;
  /** Demo accounts are printed at start with their password. */
  isDemoAccount: boolean; /**
   * What other people may see of this calendar (its Default permission): detailed (subjects and
   * locations, the default when absent), free-busy (times only: GetUserAvailability answers a
   * FreeBusy view without CalendarEventDetails) or none (ErrorNoFreeBusyAccess for this mailbox).
   */
  freeBusySharing?: FreeBusySharing;
  /** Conversation History, voice mail and Deleted Items (org/history.ts seeds it on first use). */
  mail?: MailItem[];
}

export type FreeBusySharing = 'detailed' | 'free-busy' | 'none';

export interface DistributionGroup {
  id: string;
  smtp: string;
  displayName: string;
  /** Members' smtp addresses (people or nested groups). */
  members: string[];
}

export interface Org {
  seed: number;
  /** The primary SMTP domain, e.g. "contoso.test". */
  domain: string;
  /** Domains whose POX autodiscover answers redirectAddr to the primary domain. */
  secondaryDomains: string[];
  netbiosDomain: string;
  /** When the calendars were generated around (ISO); meetings span a few weeks either side. */
  epoch: string;
  people: Person[];
  groups: DistributionGroup[];
  /**
   * The realistic day's scripted cast among alice's contacts: role (org/day.ts CAST_ROLES, e.g.
   * "meetingEndingSoon") → smtp. Absent in orgs saved before the realistic day existed.
   */
  castRoles?: Record<string, string>;
}

/** Where a mail item sits; the voicemail search folder shows the inbox's voice-mail items. */
export type MailFolder = 'conversationhistory' | 'inbox' | 'deleteditems';

export interface MailAddress {
  name: string;
  /** Absent for a caller known only by phone number. */
  smtp?: string;
}

/** A generated audio attachment: rendered on demand (org/history.ts renderWav), never stored. */
export interface AudioSpec {
  name: string;
  seed: number;
  ms: number;
}

/** An IM/conference transcript or voice-mail message as Lync and Exchange UM write them. */
export interface MailItem {
  id: string;
  changeKey: string;
  folder: MailFolder;
  itemClass: string;
  subject: string;
  /** HTML. */
  body: string;
  received: string;
  from: MailAddress;
  to: MailAddress[];
  isRead: boolean;
  voice?: { durationSeconds: number; callerPhone?: string; audio: AudioSpec };
}
