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

import type { z } from 'zod';
import {
  HelpdeskCheckId,
  type HelpdeskBatchReport,
  type HelpdeskCheck,
  type HelpdeskComparison,
  type HelpdeskListedContact,
  type HelpdeskUserReport,
} from '../../../preload/contract';

export const SCHEMA_VERSION = 1;

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** In the order a report lists them (the order a help-desk person reads them in). */
export const CHECK_IDS = HelpdeskCheckId.options;
export type CheckId = z.infer<typeof HelpdeskCheckId>;

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
  'history-folder': 'Conversation History folder present',
  'voicemail-folder': 'Voice-mail folder reachable (Exchange UM)',
  migration: 'List moved to Exchange',
  comparison: 'Nothing lost against the Lync export',
};

// The shapes are declared once, as the contract's schemas (the app shows the same report).
export type Check = z.infer<typeof HelpdeskCheck>;
export type ListedContact = z.infer<typeof HelpdeskListedContact>;
export type Comparison = z.infer<typeof HelpdeskComparison>;
export type GroupChange = Comparison['changedGroups'][number];
export type UserReport = HelpdeskUserReport;
export type BatchReport = HelpdeskBatchReport;
export type UcsCounts = NonNullable<UserReport['counts']>;
export type ExportSummary = NonNullable<UserReport['export']>;
