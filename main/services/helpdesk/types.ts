/**
 * The help desk's report: what `verify-ucs --json` writes and the app shows. A documented,
 * versioned shape: a field is only ever added; a change that would break a reader bumps
 * `schemaVersion`.
 *
 * schemaVersion 1:
 *   UserReport  { schemaVersion: 1, user, displayName?, checkedAt (ISO), checkedBy, server { ewsUrl?, version? },
 *                 verdict: "pass"|"warn"|"fail", checks: Check[], counts?: UcsCounts,
 *                 export?: { file, sipUri?, contacts, groups }, comparison?: Comparison }
 *   Check       { id, title, status: "pass"|"warn"|"fail", evidence, nextStep }
 *   BatchReport { schemaVersion: 1, checkedAt, checkedBy, summary { total, pass, warn, fail }, users: UserReport[] }
 * A user "passes" unless a check fails: a warning is worth reading but proves no loss.
 */

export const SCHEMA_VERSION = 1;

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** In the order a report lists them (the order a help-desk person reads them in). */
export const CHECK_IDS = [
  'autodiscover',
  'ews-version',
  'sign-in',
  'mailbox-access',
  'lync-contacts-folder',
  'ucs-list',
  'contact-limit',
  'photo',
  'free-busy',
  'migration',
  'comparison',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_TITLES: Record<CheckId, string> = {
  autodiscover: 'Autodiscover finds the mailbox',
  'ews-version': 'EWS answers, Exchange 2013 or later',
  'sign-in': 'Sign-in works',
  'mailbox-access': 'Mailbox reachable (own or by impersonation)',
  'lync-contacts-folder': '"Lync Contacts" folder exists',
  'ucs-list': 'Unified Contact Store list loads',
  'contact-limit': 'Within the 1,000-contact limit',
  photo: 'Photo stored in Exchange (HR648x648)',
  'free-busy': 'Free/busy readable',
  migration: 'List moved to Exchange',
  comparison: 'Nothing lost against the Lync export',
};

export interface Check {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What was seen, in words and numbers a ticket can carry. */
  evidence: string;
  /** What a help-desk person does next ("" when nothing is needed). */
  nextStep: string;
}

export interface UcsCounts {
  groups: number;
  contacts: number;
  telephoneOnly: number;
  distributionGroups: number;
}

/** One contact of either list, in the words of the report. */
export interface ListedContact {
  /** SIP URI without `sip:`, or e-mail, or `tel:+…` for telephone-only contacts. */
  address: string;
  displayName?: string;
  groups: string[];
  telephoneOnly: boolean;
}

export interface GroupChange {
  address: string;
  displayName?: string;
  exportGroups: string[];
  ucsGroups: string[];
}

export interface Comparison {
  /** In the export, not in UCS: what the user lost. "Nothing lost" only when both are empty. */
  missingContacts: ListedContact[];
  missingGroups: string[];
  /** In UCS, not in the export (added since, or matched by nothing). */
  extraContacts: ListedContact[];
  extraGroups: string[];
  /** Matched contacts whose groups differ. */
  changedGroups: GroupChange[];
  /** Telephone-only contacts of the export found in UCS by their number. */
  telephoneMatched: number;
  matched: number;
  nothingLost: boolean;
}

export interface ExportSummary {
  /** The file's name as given (never a full path of the help-desk machine). */
  file: string;
  sipUri?: string;
  contacts: number;
  groups: number;
}

export interface UserReport {
  schemaVersion: typeof SCHEMA_VERSION;
  user: string;
  displayName?: string;
  checkedAt: string;
  checkedBy: string;
  server: { ewsUrl?: string; version?: string };
  verdict: CheckStatus;
  checks: Check[];
  counts?: UcsCounts;
  export?: ExportSummary;
  comparison?: Comparison;
}

export interface BatchReport {
  schemaVersion: typeof SCHEMA_VERSION;
  checkedAt: string;
  checkedBy: string;
  summary: { total: number; pass: number; warn: number; fail: number };
  users: UserReport[];
}
